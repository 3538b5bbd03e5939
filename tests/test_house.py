"""The house rules, read from the code itself: only store/ speaks SQL or names a database driver; imports go one
way (core ← store ← services ← processing/gui ← plugin; gui may run processing, never the reverse); no module
imports itself back through others. A third backend would touch store/ only."""
import ast
import os
from collections import defaultdict

import pytest

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "weipian_plugin")
LAYER = {"core": 0, "store": 1, "services": 2, "processing": 3, "gui": 4, "sample": 5}
TOP = {"language": 0, "paths": 0, "compat": 0, "processes": 0, "settings": 1, "plugin": 6, "__init__": 6}
DRIVERS = ("sqlite3", "psycopg2")


def _modules():
    out = {}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in ("_vendor", "__pycache__")]
        for f in files:
            if f.endswith(".py"):
                path = os.path.join(folder, f)
                name = os.path.relpath(path, os.path.dirname(ROOT))[:-3].replace(os.sep, ".")
                out[name[:-9] if name.endswith(".__init__") else name] = path
    return out


MODULES = _modules()


def _imports(name, path):
    """(imported module, line) of every import in the file, at any depth (a function's lazy import counts too)."""
    package = name if path.endswith("__init__.py") else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            for a in node.names:
                full = f"{base}.{a.name}"
                yield (full if full in MODULES else base), node.lineno


def _layer(module):
    parts = module.split(".")
    if len(parts) == 1:
        return TOP["__init__"]
    return LAYER.get(parts[1], TOP.get(parts[1], 0))


def test_only_the_store_speaks_sql_or_names_a_driver():
    found = []
    for name, path in MODULES.items():
        if name.startswith("weipian_plugin.store"):
            continue
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "executescript"):
                found.append(f"{name}:{node.lineno} .{node.attr}(")
            elif isinstance(node, ast.Name) and node.id in DRIVERS:
                found.append(f"{name}:{node.lineno} {node.id}")
        for imported, line in _imports(name, path):
            if imported.split(".")[0] in DRIVERS:
                found.append(f"{name}:{line} import {imported}")
    assert found == []


def test_imports_go_one_way():
    upward = []
    for name, path in MODULES.items():
        for imported, line in _imports(name, path):
            if imported in MODULES and _layer(imported) > _layer(name):
                upward.append(f"{name}:{line} → {imported}")
    assert upward == []


def test_no_module_comes_back_to_itself():
    graph = defaultdict(set)
    for name, path in MODULES.items():
        graph[name] |= {m for m, _ in _imports(name, path) if m in MODULES and m != name}
    cycles, index, low, stack, on = [], {}, {}, [], set()

    def visit(v):  # Tarjan: every strongly connected group of more than one module is a circle
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(MODULES):
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.parametrize("source, expected", [
    ("import sqlite3\n", ["import sqlite3"]),
    ("def f(wp):\n    return wp.conn.execute('SELECT 1')\n", [".execute("]),
    ("def f(exc):\n    return isinstance(exc, psycopg2.Error)\n", ["psycopg2"]),
])
def test_the_rule_sees_what_it_forbids(tmp_path, monkeypatch, source, expected):
    """The check above is not blind: a service that queries or names a driver is caught."""
    path = tmp_path / "bad.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "MODULES", {"weipian_plugin.services.bad": str(path)})
    with pytest.raises(AssertionError) as caught:
        test_only_the_store_speaks_sql_or_names_a_driver()
    assert all(e in str(caught.value) for e in expected)


def test_rooms_a_newcomer_can_read():
    """The dock a thin composition, the office package split by concern, no screen file or function that
    needs scrolling for minutes (issue 21's measures)."""
    too_big = []
    for name, path in MODULES.items():
        text = open(path, encoding="utf-8").read()
        lines = len(text.splitlines())
        limit = {"weipian_plugin.gui.dock": 300}.get(name, 450 if ".gui." in name else
                                                   400 if name.startswith("weipian_plugin.store.office_") else None)
        if limit and lines > limit:
            too_big.append(f"{name}: {lines} lines > {limit}")
        if ".gui." in name:
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                    too_big.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines > 60")
    assert too_big == []
