"""An office package's protections put back in place, where it lives: the triggers, row-level policies, functions
and rights this version of the plugin sets, for a schema published by an earlier version (a protection added since)
or changed behind the plugin's back (a trigger disabled, a right granted by hand).

Only the schema's owner (the county's administrator who published it) can do it, in one transaction, and only on a
schema whose tables already have every column this version needs (an older layout is taken back into a
GeoPackage, which migrates, and published again). Nothing of the rows changes. Every difference seen before is
written to the audit log with the owner's login and the reason given, so a renewal never hides what it mended.
"""
from __future__ import annotations

import json
import re
from typing import List

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from .office_rights import foreign_grantees, protection_problems, rights_problems, spatial_indexes
from .pg_copy import FileCopyError as RenewalRefused
from .pg_schema import GEOMETRY_TABLES, SPATIAL_INDEX, check_schema_name, create_sql, protect_sql, roles

_SHAPE = "wp_renewal_shape"  # the current layout, made inside a savepoint and rolled back


def renew_protections(conn, schema: str, reason: str) -> List[str]:
    """Puts every protection of this plugin back on the office package `schema`; returns the differences it found
    before (empty: nothing was written). Refused, with nothing written, to anyone but the schema's owner, without
    a reason, or for a schema whose tables lack columns this version needs."""
    s = check_schema_name(schema)
    reason = (reason or "").strip()
    if not reason:
        raise RenewalRefused(Msg(QT_TRANSLATE_NOOP("weipian", "say why the protections are renewed (the reason goes "
                                                              "into the audit log)")))
    with conn, conn.cursor() as cur:
        cur.execute("SET LOCAL lock_timeout = '10s'")
        _refuse_unless_owner(cur, s)
        missing = _missing_columns(cur, s)
        if missing:
            raise RenewalRefused(Msg(QT_TRANSLATE_NOOP(
                "weipian", "schema {schema} was published by an earlier version whose tables lack {columns}: take it "
                           "back into a GeoPackage (which is brought up to date) and publish that again"),
                schema=s, columns=", ".join(missing)))
        found = protection_problems(cur, s) + rights_problems(cur, s)
        if not found:
            return []
        for statement in _take_down(cur, s) + _put_up(s):
            cur.execute(statement)
        cur.execute(f"SELECT {s}.audit_append('renew_protections', NULL, %s)",
                    (json.dumps({"reason": reason, "found": [str(p) for p in found]}, ensure_ascii=False),))
        left = protection_problems(cur, s) + rights_problems(cur, s)
        if left:  # never commit a renewal that did not hold
            raise RenewalRefused(Msg(QT_TRANSLATE_NOOP("weipian", "the renewal left differences: {problems}"),
                                     problems="; ".join(left)))
    return found


def _refuse_unless_owner(cur, s: str) -> None:
    cur.execute("SELECT pg_has_role(session_user, nspowner, 'MEMBER'), pg_get_userbyid(nspowner) FROM pg_namespace "
                "WHERE nspname = %s", (s,))
    row = cur.fetchone()
    if row is None:
        raise RenewalRefused(Msg(QT_TRANSLATE_NOOP("weipian", "schema {schema} does not exist"), schema=s))
    if not row[0]:
        raise RenewalRefused(Msg(QT_TRANSLATE_NOOP("weipian", "only the owner of schema {schema} ({owner}) renews its "
                                                              "protections; this login is {login}"),
                                 schema=s, owner=row[1], login=cur.connection.info.user))
    if not _has_table(cur, s, "package_meta"):
        raise RenewalRefused(Msg(QT_TRANSLATE_NOOP("weipian", "schema {schema} is not a work package of this plugin"),
                                 schema=s))
    for r in roles(s):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (r,))
        if cur.fetchone() is None:  # never made again here: its members are gone, a new one would be nobody's
            raise RenewalRefused(Msg(QT_TRANSLATE_NOOP("weipian", "role {role} of schema {schema} was removed: take "
                                                                  "the package back and publish it again"),
                                     role=r, schema=s))


def _has_table(cur, s: str, table: str) -> bool:
    cur.execute("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND "
                "c.relname = %s", (s, table))
    return cur.fetchone() is not None


def _columns(cur, s: str) -> set:
    cur.execute("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class "
                "c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND "
                "c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped", (s,))
    return set(cur.fetchall())


def _missing_columns(cur, s: str) -> List[str]:
    """The table.column (type) this version's layout has and the schema lacks: the layout is made under another
    name inside a savepoint and rolled back."""
    cur.execute("SAVEPOINT renewal_shape")
    try:
        for statement in create_sql(_SHAPE):
            cur.execute(statement)
        want = _columns(cur, _SHAPE)
    finally:
        cur.execute("ROLLBACK TO SAVEPOINT renewal_shape")
    have = _columns(cur, s)
    return sorted(f"{t}.{c} ({kind})" for t, c, kind in want - have)


def _take_down(cur, s: str) -> List[str]:
    """Every trigger and policy on the schema's tables and every right its roles (and anyone else but the owner)
    hold, so that what _put_up sets is all there is. Functions are replaced, not dropped (a check may use one)."""
    out = []
    cur.execute("SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace "
                "n ON n.oid = c.relnamespace WHERE n.nspname = %s AND NOT t.tgisinternal ORDER BY 1, 2", (s,))
    out += [f'DROP TRIGGER "{name}" ON {s}."{table}"' for table, name in cur.fetchall()]
    cur.execute("SELECT c.relname, p.polname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace "
                "n ON n.oid = c.relnamespace WHERE n.nspname = %s ORDER BY 1, 2", (s,))
    out += [f'DROP POLICY "{name}" ON {s}."{table}"' for table, name in cur.fetchall()]
    cur.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s "
                "AND c.relkind = 'r' ORDER BY 1", (s,))
    tables = [r[0] for r in cur.fetchall()]
    out += [f'ALTER TABLE {s}."{t}" DISABLE ROW LEVEL SECURITY' for t in tables]
    # GiST indexes go (PostGIS reads the extent of every township's patches from them); the SP-GiST one comes
    out += [f'DROP INDEX {s}."{index}"' for _table, index, kind in spatial_indexes(cur, s) if kind == "gist"]
    out.append(f"CREATE INDEX IF NOT EXISTS {SPATIAL_INDEX} ON {s}.patches USING spgist (geom)")
    # statistics gathered before (an earlier version let ANALYZE measure where patches are) go with a column
    # type set again as it is; the triggers that name the column are down by then
    for t in GEOMETRY_TABLES:
        cur.execute("SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = "
                    "a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s "
                    "AND a.attname = 'geom' AND NOT a.attisdropped", (s, t))
        row = cur.fetchone()
        if row and re.fullmatch(r"geometry\(\w+,\d+\)", row[0]):
            out.append(f'ALTER TABLE {s}."{t}" ALTER COLUMN geom TYPE {row[0]}')
    # REVOKE on a table takes its column rights with it
    for who in sorted(set(roles(s)) | {"PUBLIC"} | set(foreign_grantees(cur, s))):
        name = who if who == "PUBLIC" else '"' + who.replace('"', '""') + '"'
        out += [f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {name}",
                f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {s} FROM {name}"]
    return out


def _put_up(s: str) -> List[str]:
    """protect_sql as a renewal runs it: functions replaced in place, the group roles kept (they exist, with their
    members), the office's change channel kept (desks listen on it)."""
    out = []
    for statement in protect_sql(s):
        if re.match(r"CREATE ROLE ", statement):
            continue
        statement = re.sub(r"^CREATE FUNCTION ", "CREATE OR REPLACE FUNCTION ", statement)
        if "'county_channel'" in statement:
            statement = re.sub(r"ON CONFLICT \(key\) DO UPDATE SET value = excluded\.value$", "ON CONFLICT (key) DO "
                               "NOTHING", statement)
        out.append(statement)
    return out
