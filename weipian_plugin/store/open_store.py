"""One way to name a work package, wherever it is kept: the path of a GeoPackage, or a work package on the
office's PostgreSQL/PostGIS server as

- `office:<schema>@<connection>`, the connection being the name of a PostgreSQL connection saved in QGIS (its
  credentials from QGIS' authentication database) or a libpq connection string, or
- `postgresql://[user@]host[:port]/dbname?schema=<schema>` (a libpq URI with the schema added; a password
  never belongs in it: .pgpass, a pg_service entry or QGIS' authentication database hold those).

open_store() gives a WorkPackage or an OfficePackage; the services and algorithms use either the same way."""
from __future__ import annotations

from typing import Optional, Tuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from .pg_schema import SCHEMA_NAME
from .work_package import PackageError, WorkPackage

OFFICE = "office:"


def office_spec(connection: str, schema: str) -> str:
    return f"{OFFICE}{schema}@{connection}"


def parse_office(spec: str) -> Optional[Tuple[str, str]]:
    """(connection, schema) when spec names an office package, None when it names a file."""
    spec = (spec or "").strip()
    if spec.startswith(OFFICE):
        schema, at, connection = spec[len(OFFICE):].partition("@")
    elif spec.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(spec)
        query = parse_qsl(parts.query, keep_blank_values=True)
        schema = next((v for k, v in query if k == "schema"), "")
        connection = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "schema"])))
        at = "@"
    else:
        return None
    if not at or not connection.strip():
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{spec}: name the office work package as "
                                                            "office:<schema>@<connection>"), spec=_shown(spec)))
    if not SCHEMA_NAME.match(schema):
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{spec}: {schema!r} is not a schema name (lower-case "
                                                            "letter, then letters, digits or _)"),
                               spec=_shown(spec), schema=schema))
    return connection.strip(), schema


def _shown(spec: str) -> str:
    from .pg_connect import safe_label

    return safe_label(spec)


def open_office(connection: str, schema: str):
    """The office package in `schema`, on a connection of its own that is made again after a break."""
    from .office_package import OfficePackage
    from .pg_connect import ConnectionError_, connect, safe_label

    label = f"{safe_label(connection)}/{schema}"
    try:
        conn = connect(connection)
    except ConnectionError_ as exc:
        raise PackageError(exc.args[0] if exc.args else str(exc)) from exc
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.package_meta",))
            found = cur.fetchone()[0]
        conn.rollback()
    except Exception:
        conn.close()
        raise
    if not found:
        conn.close()
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: no work package in this schema (or this login "
                                                            "may not read it)"), name=label))
    return OfficePackage(conn, schema, reconnect=lambda: connect(connection), label=label)


def open_store(spec: str):
    """A WorkPackage for a GeoPackage's path, an OfficePackage for an office package's name."""
    office = parse_office(spec)
    if office is None:
        return WorkPackage.open(spec)
    return open_office(*office)

