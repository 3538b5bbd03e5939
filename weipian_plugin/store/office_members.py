"""Who works on an office package: a login in one of its group roles, listed in `members` with the name people
read (and a township login's townships). The county's administrators keep the list; the database writes that
name wherever the login acts (store.pg_schema)."""
from __future__ import annotations

import json
from typing import Dict, Iterable, List

from .pg_schema import ROLES, check_schema_name, role


def add_member(cur, schema: str, login: str, name: str, kind: str, townships: Iterable[str] = ()) -> None:
    """The login (made when missing: that needs CREATEROLE) in the group role of its kind, listed with its name
    and townships; inside the caller's transaction."""
    from psycopg2 import sql

    check_schema_name(schema)
    if kind not in ROLES:
        raise ValueError(f"{kind!r}: a member is one of {', '.join(ROLES)}")
    towns = [t for t in (str(x).strip() for x in townships) if t]
    if kind == "township" and not towns:
        raise ValueError("a township login names its township")
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
    if cur.fetchone() is None:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(role(schema, kind)), sql.Identifier(login)))
    cur.execute(f"INSERT INTO {schema}.members (login, name, townships) VALUES (%s, %s, %s) ON CONFLICT (login) DO "
                f"UPDATE SET name = excluded.name, townships = excluded.townships", (login, name, towns))
    cur.execute(f"SELECT {schema}.audit_append('set_member', NULL, %s)",
                (json.dumps({"login": login, "name": name, "role": kind, "townships": towns}, ensure_ascii=False),))


def members(cur, schema: str) -> List[Dict]:
    check_schema_name(schema)
    cur.execute(f"SELECT login, name, townships FROM {schema}.members ORDER BY login")
    return [{"login": r[0], "name": r[1], "townships": list(r[2] or [])} for r in cur.fetchall()]


def add_hub_member(cur, schema: str, login: str, name: str, kind: str) -> None:
    """The same for a city hub: the login in hub_<schema>_reviewer or _admin, listed with its name."""
    from psycopg2 import sql

    from .city_schema import CITY_ROLES, city_role

    check_schema_name(schema)
    if kind not in CITY_ROLES:
        raise ValueError(f"{kind!r}: a hub member is one of {', '.join(CITY_ROLES)}")
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
    if cur.fetchone() is None:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(city_role(schema, kind)), sql.Identifier(login)))
    cur.execute(f"INSERT INTO {schema}.members (login, name) VALUES (%s, %s) ON CONFLICT (login) DO UPDATE SET "
                f"name = excluded.name", (login, name))
