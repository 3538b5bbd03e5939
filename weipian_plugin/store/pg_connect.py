"""A connection to the county office's PostgreSQL server, from what QGIS already knows: the name of a saved
PostgreSQL connection (Browser → PostgreSQL), whose credentials come from QGIS' authentication database
(authcfg) or the server's own means (a pg_service entry, .pgpass, Kerberos); or a libpq connection string.
No password is ever written by the plugin: not into a project, a setting, a package or a log."""
from __future__ import annotations

from typing import List, Tuple

from ..core.messages import QT_TRANSLATE_NOOP, Msg


class ConnectionError_(Exception):
    pass


def _from_qgis(name: str) -> dict:
    from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        saved = metadata.findConnection(name) if metadata is not None else None
    except Exception:  # QgsProviderConnectionException: no such connection
        saved = None
    if saved is None:
        return {}
    uri = QgsDataSourceUri(saved.uri())
    if uri.password() and not uri.authConfigId() and not PASSWORD_FROM_PARENT[0]:
        raise ConnectionError_(Msg(QT_TRANSLATE_NOOP(
            "weipian", "connection {name}: its password is stored in QGIS' settings in plain text (and would reach "
                       "every project's layers); store it in an authentication configuration (the padlock in the "
                       "connection's dialog) instead"), name=name))
    out = {"host": uri.host() or None, "port": uri.port() or None, "dbname": uri.database() or None,
           "user": uri.username() or None, "password": uri.password() or None, "service": uri.service() or None}
    if uri.sslMode() not in (QgsDataSourceUri.SslMode.SslPrefer,):
        out["sslmode"] = QgsDataSourceUri.encodeSslMode(uri.sslMode()) or None
    if uri.authConfigId():
        config = QgsAuthMethodConfig()
        if not QgsApplication.authManager().loadAuthenticationConfig(uri.authConfigId(), config, True):
            raise ConnectionError_(Msg(QT_TRANSLATE_NOOP(
                "weipian", "connection {name}: its authentication configuration {authcfg} cannot be read (is the "
                           "master password entered?)"), name=name, authcfg=uri.authConfigId()))
        out["user"] = config.config("username") or out["user"]
        out["password"] = config.config("password") or out["password"]
    return {k: v for k, v in out.items() if v not in (None, "")}


def safe_label(spec: str) -> str:
    """How a connection is named in a message or a log: a connection string without its password (whatever its
    quoting: a libpq string is parsed, a URI's user part replaced), or a fixed text where it cannot be parsed."""
    import re
    from urllib.parse import urlsplit, urlunsplit

    spec = spec or ""
    if spec.startswith(("postgresql://", "postgres://")):
        try:
            parts = urlsplit(spec)
            host = parts.netloc.rsplit("@", 1)[-1]
            user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0] if "@" in parts.netloc else ""
            query = re.sub(r"(?i)(^|&)password=[^&]*", r"\1password=***", parts.query)
            return urlunsplit(parts._replace(netloc=(f"{user}:***@" if "@" in parts.netloc and ":" in
                                                     parts.netloc.rsplit("@", 1)[0] else (f"{user}@" if user else ""))
                                             + host, query=query))
        except ValueError:
            return "postgresql://…"
    if "=" in spec:
        try:
            from psycopg2.extensions import make_dsn, parse_dsn

            params = parse_dsn(spec)
            if "password" in params:
                params["password"] = "***"
            return make_dsn(**params)
        except Exception:
            return re.sub(r"(?i)password.*", "password=***", spec)
    return spec


def holds_password(spec: str) -> bool:
    """Whether a connection string (libpq or URI) carries a password."""
    from urllib.parse import parse_qsl, urlsplit

    spec = spec or ""
    if spec.startswith(("postgresql://", "postgres://")):
        try:
            parts = urlsplit(spec)
        except ValueError:
            return True
        userinfo = parts.netloc.rsplit("@", 1)[0] if "@" in parts.netloc else ""
        return ":" in userinfo or any(k.lower() == "password" for k, _ in parse_qsl(parts.query))
    if "=" in spec:
        try:
            from psycopg2.extensions import parse_dsn

            return "password" in parse_dsn(spec)
        except Exception:
            return "password" in spec.lower()
    return False


# the export's child process gets the resolved connection (an authcfg's password included) through its stdin,
# never from a user: only there does a connection string carry a password
PASSWORD_FROM_PARENT = [False]


def refuse_password(spec: str) -> None:
    """A connection string holding a password is refused where a person gives one: it would end up in a
    project's layer source, a command line, a process list."""
    if holds_password(spec) and not PASSWORD_FROM_PARENT[0]:
        raise ConnectionError_(Msg(QT_TRANSLATE_NOOP(
            "weipian", "connection {name}: a connection string must not hold a password (it would reach the "
                       "project file, the command line and the process list); use a PostgreSQL connection saved "
                       "in QGIS with an authentication configuration, a pg_service entry or ~/.pgpass"),
            name=safe_label(spec)))


LOCK_TIMEOUT_MS = 5000  # a lock another desk holds: said after 5 s, never a frozen window
STATEMENT_TIMEOUT_MS = 300_000  # a backstop: no statement of a desk runs for minutes (bulk copies lift it locally)


def with_timeouts(params: dict) -> dict:
    """Connection parameters with the plugin's lock_timeout and statement_timeout added to any options they
    already carry."""
    options = (params.get("options") or "").strip()
    if "lock_timeout" not in options:
        options = (options + f" -c lock_timeout={LOCK_TIMEOUT_MS}").strip()
    if "statement_timeout" not in options:
        options = (options + f" -c statement_timeout={STATEMENT_TIMEOUT_MS}").strip()
    return dict(params, options=options)


def connect(spec: str):
    """A psycopg2 connection for a saved QGIS connection's name or a libpq connection string."""
    import psycopg2
    from psycopg2.extensions import parse_dsn

    params = _from_qgis(spec)
    if not params:
        refuse_password(spec)
    try:
        if params:
            return psycopg2.connect(**with_timeouts(params))
        if "=" in spec or spec.startswith(("postgresql://", "postgres://")):
            return psycopg2.connect(**with_timeouts(parse_dsn(spec)))
    except psycopg2.OperationalError as exc:
        raise ConnectionError_(Msg(QT_TRANSLATE_NOOP("weipian", "connection {name}: {exc}"), name=safe_label(spec),
                                   exc=str(exc).strip().splitlines()[0] if str(exc).strip() else exc)) from exc
    raise ConnectionError_(Msg(QT_TRANSLATE_NOOP("weipian", "connection {name}: no such PostgreSQL connection in "
                                                            "QGIS"), name=safe_label(spec)))


def resolved_dsn(spec: str) -> str:
    """A libpq connection string with what a saved QGIS connection's name stands for (its authcfg's user and
    password included): for a process of the plugin's own that cannot open QGIS' authentication database. It
    is handed over in memory only; messages show it through safe_label."""
    from psycopg2.extensions import make_dsn

    params = _from_qgis(spec)
    return make_dsn(**params) if params else spec


def is_server_error(exc: BaseException) -> bool:
    """Whether exc is the database's refusal or a lost connection (psycopg2.Error), for callers that say it."""
    return type(exc).__module__.startswith("psycopg2")


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def package_schemas(connection: str, hubs: bool = False) -> List[Tuple[str, str]]:
    """(schema, what it holds) of every work package (hubs: every city hub) on the connection's database the
    login may read; only the plugin's own schema names (a name is never trusted raw)."""
    from .pg_schema import SCHEMA_NAME

    conn = connect(connection)
    try:
        with conn.cursor() as cur:
            table = "hub_meta" if hubs else "package_meta"
            cur.execute("SELECT table_schema FROM information_schema.tables WHERE table_name = %s "
                        "ORDER BY table_schema", (table,))
            out = []
            for (schema,) in cur.fetchall():
                if not SCHEMA_NAME.match(schema):
                    continue
                try:
                    cur.execute(f'SELECT key, value FROM "{schema}".{table} WHERE key IN '
                                f"('county_code', 'city_code', 'profile', 'created_at')")
                    meta = dict(cur.fetchall())
                except Exception:  # no right to read it: not this login's package
                    conn.rollback()
                    continue
                out.append((schema, f"{schema}  ({meta.get('city_code') or meta.get('county_code', '')} "
                                    f"{meta.get('created_at', '')[:10]})".replace(" )", ")")))
            return out
    finally:
        conn.close()
