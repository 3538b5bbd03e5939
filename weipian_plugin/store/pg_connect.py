"""A connection to the county office's PostgreSQL server, from what QGIS already knows: the name of a saved
PostgreSQL connection (Browser → PostgreSQL), whose credentials come from QGIS' authentication database
(authcfg) or the server's own means (a pg_service entry, .pgpass, Kerberos); or a libpq connection string.
No password is ever written by the plugin: not into a project, a setting, a package or a log."""
from __future__ import annotations

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
    """How a connection is named in a message or a log: a connection string without its password."""
    import re

    text = re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", spec or "", flags=re.IGNORECASE)
    return re.sub(r"(postgres(?:ql)?://[^:/@\s]+):[^@\s]*@", r"\1:***@", text)


def connect(spec: str):
    """A psycopg2 connection for a saved QGIS connection's name or a libpq connection string."""
    import psycopg2

    params = _from_qgis(spec)
    try:
        if params:
            return psycopg2.connect(**params)
        if "=" in spec or spec.startswith(("postgresql://", "postgres://")):
            return psycopg2.connect(spec)
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
