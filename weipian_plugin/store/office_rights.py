"""What the rules of an office package are, as a table, and whether the database still holds them.

`RIGHTS_TABLE` is the one statement of who may do what (docs/guide.md prints it; a test tries every cell with a
real login; `rights_problems` compares the catalogue with it). `protection_problems` checks that every trigger,
row-level policy and security-definer function the plugin put in place is still there, enabled and unchanged
(the GeoPackage's check does the same for its triggers): the schema's owner can still change anything, and the
check then names what it sees changed, as a blocking finding.
"""
from __future__ import annotations

import re
from typing import Dict, List

from ..core.messages import Problem
from .audit_chain import missing_protection
from .pg_schema import ROLES, check_schema_name, expected_protections, protect_sql, role

# table → role → commands that succeed (on some column: INSERT/UPDATE may be limited to certain columns, see
# pg_schema.RIGHTS; row-level security narrows a township's to its own townships' rows)
ALL_TABLES = ("patches", "verifications", "evidence", "evidence_files", "reviews", "audit_log", "imports",
              "package_meta", "assignments", "conflicts", "patch_records", "members", "trusted_keys",
              "signing_key", "possession", "audit_head", "evidence_history")
COMMANDS = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")


def _rights_table() -> Dict[str, Dict[str, set]]:
    from .pg_schema import RIGHTS

    out: Dict[str, Dict[str, set]] = {t: {k: set() for k in ROLES} for t in ALL_TABLES}
    hidden = {"township": {"evidence_files", "imports", "possession", "audit_head", "evidence_history",
                           "signing_key"},
              "reviewer": {"possession", "audit_head"}, "admin": {"possession", "audit_head"}}
    for t in ALL_TABLES:
        for k in ROLES:
            if t not in hidden[k]:
                out[t][k].add("SELECT")
    for k, tables in RIGHTS.items():
        for t, privileges in tables.items():
            for command in ("INSERT", "UPDATE", "DELETE", "TRUNCATE"):
                if re.search(rf"\b{command}\b", privileges):
                    out[t][k].add(command)
    return out


RIGHTS_TABLE = _rights_table()


def rights_markdown() -> str:
    """The rights table as docs/guide.md shows it."""
    lines = ["| table | township | reviewer | admin |", "|---|---|---|---|"]
    for t in ALL_TABLES:
        cells = [", ".join(c for c in COMMANDS if c in RIGHTS_TABLE[t][k]) or "—" for k in ROLES]
        lines.append(f"| `{t}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _granted_columns(table: str, kind: str, command: str):
    """The columns RIGHTS lets this kind INSERT or UPDATE: None for every column, a set (maybe empty) otherwise."""
    from .pg_schema import RIGHTS

    privileges = RIGHTS.get(kind, {}).get(table, "")
    m = re.search(rf"\b{command}\b( \(([^)]*)\))?", privileges)
    if not m:
        return set()
    return None if not m.group(2) else {c.strip() for c in m.group(2).split(",")}


def rights_problems(cur, schema: str) -> List[Problem]:
    """Each role's privilege that differs from the plugin's rights (granted or revoked behind its back), down to
    the column for INSERT and UPDATE (a township may update a patch's state, never its 耕地)."""
    s = check_schema_name(schema)
    cur.execute("SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN "
                "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = ANY(%s) AND "
                "a.attnum > 0 AND NOT a.attisdropped", (s, list(ALL_TABLES)))
    columns: Dict[str, List[str]] = {}
    for table, column in cur.fetchall():
        columns.setdefault(table, []).append(column)
    cells, checks, args = [], [], []
    for t in ALL_TABLES:
        for k in ROLES:
            for c in COMMANDS:
                if c in ("INSERT", "UPDATE"):
                    wanted = _granted_columns(t, k, c)
                    for col in columns.get(t, []):
                        cells.append((t, k, c, col, wanted is None or col in wanted))
                        checks.append("has_column_privilege(%s, %s, %s, %s)")
                        args += [role(s, k), f"{s}.{t}", col, c]
                else:
                    cells.append((t, k, c, None, c in RIGHTS_TABLE[t][k]))
                    checks.append("has_table_privilege(%s, %s, %s)")
                    args += [role(s, k), f"{s}.{t}", c]
    cur.execute(f"SELECT {', '.join(checks)}", args)
    problems = []
    for (t, k, c, col, expected), has in zip(cells, cur.fetchone()):
        if bool(has) != expected:
            where = f"{t}.{col}" if col else t
            problems.append(Problem(
                f"role {role(s, k)} {'may' if has else 'may not'} {c} {where}, against the plugin's rights",
                f"角色 {role(s, k)} {'可以' if has else '不能'} {c} {where}，与插件设定的权限不符", True))
    return problems + foreign_grants(cur, s)


def _foreign_rows(cur, schema: str):
    s = check_schema_name(schema)
    ours = [role(s, k) for k in ROLES]
    cur.execute("SELECT c.relname, coalesce(g.rolname, 'PUBLIC'), a.privilege_type FROM pg_class c JOIN pg_namespace "
                "n ON n.oid = c.relnamespace, aclexplode(c.relacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee "
                "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'S') AND a.grantee <> c.relowner AND "
                "coalesce(g.rolname, 'PUBLIC') <> ALL(%s) UNION SELECT c.relname || '.' || t.attname, "
                "coalesce(g.rolname, 'PUBLIC'), a.privilege_type FROM pg_attribute t JOIN pg_class c ON c.oid = "
                "t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(t.attacl) a LEFT JOIN pg_roles "
                "g ON g.oid = a.grantee WHERE n.nspname = %s AND a.grantee <> c.relowner AND "
                "coalesce(g.rolname, 'PUBLIC') <> ALL(%s) ORDER BY 2, 1, 3", (s, ours, s, ours))
    return cur.fetchall()


def foreign_grants(cur, schema: str) -> List[Problem]:
    """Rights on the package's tables held by anyone but its owner and its three group roles (a member's login
    given UPDATE directly, PUBLIC): the group roles are the only way in."""
    return [Problem(f"role {who} may {what} {where}, a right the plugin did not give",
                    f"角色 {who} 持有插件未授予的权限：{what} {where}", True) for where, who, what in
            _foreign_rows(cur, schema)]


def foreign_grantees(cur, schema: str) -> List[str]:
    return sorted({who for _where, who, _what in _foreign_rows(cur, schema)})


def spatial_indexes(cur, schema: str) -> List[tuple]:
    """(table, index, 'gist' or 'spgist') of the schema's spatial indexes."""
    cur.execute("SELECT c.relname, i.relname, m.amname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                "JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am m ON "
                "m.oid = i.relam WHERE n.nspname = %s AND m.amname IN ('gist', 'spgist')", (check_schema_name(schema),))
    return cur.fetchall()


def _bodies(schema: str) -> Dict[str, str]:
    """Function name → the body protect_sql gives it."""
    out = {}
    for stmt in protect_sql(schema):
        m = re.match(rf"CREATE FUNCTION {schema}\.(\w+)\(.*? AS \$\$(.*)\$\$\s*$", stmt, re.S)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def protection_problems(cur, schema: str) -> List[Problem]:
    """The plugin's triggers, policies and functions that are missing, disabled or changed."""
    s = check_schema_name(schema)
    want = expected_protections(s)
    problems = []
    cur.execute("SELECT c.relname || '.' || t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = "
                "t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND NOT t.tgisinternal",
                (s,))
    have = dict(cur.fetchall())
    for name in sorted(want["triggers"]):
        if name not in have:
            problems.append(missing_protection(name, True))
        elif have[name] == "D":
            problems.append(Problem(f"protection {name} is disabled", f"保护 {name} 已被停用", True))
    cur.execute("SELECT c.relname || '.' || p.polname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s", (s,))
    policies = {r[0] for r in cur.fetchall()}
    problems += [Problem(f"row-level policy {p} is missing", f"行级安全策略 {p} 缺失", True)
                 for p in sorted(want["policies"] - policies)]
    cur.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                "n.nspname = %s AND c.relrowsecurity", (s,))
    secured = {r[0] for r in cur.fetchall()}
    problems += [Problem(f"row-level security of {t} is off", f"表 {t} 的行级安全已被关闭", True)
                 for t in sorted(want["secured"] - secured)]
    cur.execute("SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN "
                "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND a.attstattarget = 0", (s,))
    unmeasured = {r[0] for r in cur.fetchall()}
    problems += [Problem(f"statistics of {c} are gathered (PostGIS shows them to any login, past row-level security)",
                         f"{c} 的统计信息被收集（PostGIS 可绕过行级安全把它显示给任何登录）", True)
                 for c in sorted(want["unmeasured"] - unmeasured)]
    spatial = spatial_indexes(cur, s)
    problems += [Problem(f"index {index} on {table} is a GiST index (PostGIS reads the extent of every township's "
                         f"patches from it, past row-level security)",
                         f"{table} 上的索引 {index} 是 GiST 索引（PostGIS 可绕过行级安全从中读出各乡镇图斑的范围）", True)
                 for table, index, kind in spatial if kind == "gist"]
    if not any(index == want["spatial_index"] and kind == "spgist" for _t, index, kind in spatial):
        problems.append(missing_protection(f"patches.{want['spatial_index']}", True))
    cur.execute("SELECT p.proname, p.prosrc, p.prosecdef FROM pg_proc p JOIN pg_namespace n ON n.oid = "
                "p.pronamespace WHERE n.nspname = %s", (s,))
    functions = {name: (src, definer) for name, src, definer in cur.fetchall()}
    for name, body in sorted(_bodies(s).items()):
        if name not in functions:
            problems.append(Problem(f"function {name} is missing", f"函数 {name} 缺失", True))
        elif functions[name][0] != body:
            problems.append(Problem(f"function {name} was changed outside the plugin", f"函数 {name} 在插件之外被修改",
                                    True))
        elif (name in want["definers"]) != bool(functions[name][1]):
            problems.append(Problem(f"function {name} runs with other rights than the plugin gave it",
                                    f"函数 {name} 的执行身份与插件设定的不同", True))
    return problems
