"""Ready for QGIS 4 (Qt6/PyQt6): the plugin's code reaches every enum value through its enum's name
(`Qt.AlignmentFlag.AlignLeft`, not `Qt.AlignLeft`, which PyQt6 no longer has), calls `exec()` rather than
`exec_()`, uses no `QRegExp`, no compiled resources and no `QVariant` type codes (QGIS 4 takes `QMetaType`).
Which names are enum values is asked of the installed PyQt5 and PyQGIS, not of a list kept here."""
import ast
import enum
import importlib
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.path.join(ROOT, "weipian_plugin")
BINDINGS = ("qgis.core", "qgis.gui", "qgis.analysis", "qgis.PyQt.")
REMOVED_IN_QT6 = {"QRegExp", "QRegExpValidator", "QDesktopWidget", "QSound", "QStringListModel_", "qApp"}
_MISSING = object()


def _is_enum_type(obj) -> bool:
    return isinstance(obj, enum.EnumMeta) or type(obj).__name__ == "enumtype"  # sip.enumtype: PyQt5's enums


def _is_enum_value(value) -> bool:
    return isinstance(value, enum.Enum) or _is_enum_type(type(value))


def _bound_names(tree: ast.Module) -> dict:
    """What each name imported from Qt or QGIS is, as objects of the installed bindings."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(BINDINGS):
            module = importlib.import_module(node.module)
            for alias in node.names:
                obj = getattr(module, alias.name, _MISSING)
                if obj is not _MISSING:
                    names[alias.asname or alias.name] = obj
    return names


def _resolve(node, names):
    if isinstance(node, ast.Name):
        return names.get(node.id, _MISSING)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, names)
        return _MISSING if owner is _MISSING else getattr(owner, node.attr, _MISSING)
    return _MISSING


def qt6_problems(path: str) -> list:
    """`file:line: what` for every construct that PyQt6 / QGIS 4 does not have."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    tree = ast.parse(source, filename=path)
    names = _bound_names(tree)
    rel = os.path.relpath(path, ROOT)
    problems = []
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Attribute):
            if node.attr == "exec_":
                problems.append(f"{where}: exec_() (use exec())")
                continue
            owner = _resolve(node.value, names)
            if owner is _MISSING:
                continue
            if owner is names.get("QVariant") and node.attr != "__name__":
                problems.append(f"{where}: QVariant.{node.attr} (use weipian_plugin.compat's field types)")
                continue
            value = getattr(owner, node.attr, _MISSING)
            if value is _MISSING:
                problems.append(f"{where}: {ast.unparse(node)} does not exist in this QGIS/Qt")
            elif _is_enum_value(value) and not _is_enum_type(owner):
                problems.append(f"{where}: {ast.unparse(node)} without its enum's name "
                                f"({type(value).__name__}.{node.attr})")
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if alias.name in REMOVED_IN_QT6:
                    problems.append(f"{where}: {alias.name} is not in Qt6")
                if "resources_rc" in alias.name or node.module.endswith("resources_rc"):
                    problems.append(f"{where}: compiled resources (load files by path)")
            if node.module.startswith("PyQt5"):
                problems.append(f"{where}: import from PyQt5 (use qgis.PyQt)")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("PyQt5") or alias.name.endswith("resources_rc"):
                    problems.append(f"{where}: import {alias.name}")
    return problems


def sources():
    """The plugin's code and the tests' (they drive the same widgets on QGIS 4)."""
    for top in (PLUGIN, os.path.join(ROOT, "tests")):
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in ("_vendor", "__pycache__"))
            for name in sorted(files):
                if name.endswith(".py"):
                    yield os.path.join(folder, name)


def test_the_checker_finds_what_pyqt6_lacks(tmp_path, qgis_app):
    """The checker itself: each unported construct is named, and each ported one passes."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from qgis.PyQt.QtCore import Qt, QVariant, QRegExp\n"
        "from qgis.core import QgsTask, QgsWkbTypes\n"
        "a = Qt.AlignLeft\n"
        "b = QgsTask.CanCancel\n"
        "c = QVariant.String\n"
        "d = QgsWkbTypes.Polygon\n"
        "e = QgsTask.Flag.NoSuchFlag\n"
        "dialog.exec_()\n", encoding="utf-8")
    found = qt6_problems(str(bad))
    assert len(found) == 7, found
    assert any("QgsTask.Flag.NoSuchFlag does not exist" in p for p in found)
    assert any("Qt.AlignLeft" in p and "AlignmentFlag" in p for p in found)
    assert any("QgsTask.CanCancel" in p for p in found)
    assert any("QRegExp" in p for p in found) and any("exec_()" in p for p in found)
    good = tmp_path / "good.py"
    good.write_text(
        "from qgis.PyQt.QtCore import Qt\n"
        "from qgis.core import QgsTask, QgsWkbTypes\n"
        "a = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop\n"
        "b = QgsTask.Flag.CanCancel\n"
        "d = QgsWkbTypes.Type.Polygon\n"
        "dialog.exec()\n", encoding="utf-8")
    assert qt6_problems(str(good)) == []


@pytest.mark.parametrize("path", list(sources()), ids=lambda p: os.path.relpath(p, ROOT))
def test_code_is_ready_for_qt6(path, qgis_app):
    assert qt6_problems(path) == []
