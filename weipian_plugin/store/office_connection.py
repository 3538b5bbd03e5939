"""The office package's connection: one psycopg2 connection per person and process, its transactions and
snapshots, lock timeouts, a broken connection made again, listening for other desks' changes."""

from __future__ import annotations

import contextlib
import os
from typing import Any, Dict, List, Optional, Sequence

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from .pg_schema import check_schema_name
from .schema import EVIDENCE_FIELDS, REVIEW_FIELDS, VERIFICATION_FIELDS
from .work_package import PackageError

_VER = [f for f, _ in VERIFICATION_FIELDS]
SERVER_ONLY_META = "('county_channel')"  # what the server keeps for itself: never in a snapshot or a package
_EVI = [f for f, _ in EVIDENCE_FIELDS]
_REV = [f for f, _ in REVIEW_FIELDS]


class StaleSave(PackageError):
    """The patch was saved by someone else since this save's version was read: nothing was written."""

    def __init__(self, code: str, who: Optional[str], when: Optional[str], version: int):
        super().__init__(Msg(QT_TRANSLATE_NOOP(
            "weipian", "{code}: {who} changed this patch at {when} while you were editing it; your change was not "
                       "saved. The patch shows their version now; apply yours again if it still holds."),
            code=code, who=who or "?", when=(when or "?")[:19].replace("T", " "), version=version))
        self.code, self.who, self.when, self.version = code, who, when, version


class ServerLost(PackageError):
    """The connection to the office server broke (a restart, the network): the step was not saved."""


def channel(schema: str) -> str:
    """The county's change channel before a package names its own (kept for packages of the last version)."""
    return f"{check_schema_name(schema)}_changes"


def with_lock_timeout(conn):
    """The connection with the plugin's lock_timeout for its session (whoever made it): a lock another desk
    holds is said after a few seconds, never a frozen window."""
    from psycopg2.extensions import TRANSACTION_STATUS_IDLE

    from .pg_connect import LOCK_TIMEOUT_MS

    if not conn.closed and not conn.autocommit:
        idle = conn.info.transaction_status == TRANSACTION_STATUS_IDLE
        with conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}")
        if idle:  # never commit what the caller has under way
            conn.commit()
    return conn


def listen(conn, schema: str) -> str:
    """Make conn (a connection of its own, in autocommit) hear the changes this login may hear: the channel of
    its township, or the county's, as the database names it. Returns the channel."""
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"SELECT {check_schema_name(schema)}.change_channel()")
        name = (cur.fetchone() or [None])[0] or channel(schema)
        cur.execute(f'LISTEN "{name}"')
    return name


def poll_heard(conn) -> Optional[List[str]]:
    """Read what arrived on a listening connection: the patch codes heard (each once), or None when the
    connection broke (a server restart: the listener connects again)."""
    import psycopg2

    try:
        conn.poll()
    except (psycopg2.OperationalError, psycopg2.InterfaceError):
        return None
    return heard(conn)


def heard(conn) -> List[str]:
    """The patch codes conn heard of since last asked, each once (after conn.poll())."""
    seen: List[str] = []
    while conn.notifies:
        code = conn.notifies.pop(0).payload
        if code not in seen:  # one signal a patch, however many rows the change touched
            seen.append(code)
    return seen


def _server_call(method):
    """A broken connection becomes a clear message and a new connection (when the package knows how to make
    one); what the step was doing was not committed, so nothing half-done remains."""
    import functools

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        import psycopg2
        import psycopg2.errors

        if self.conn.closed and self._reconnect is not None:
            self.conn = with_lock_timeout(self._reconnect())
        try:
            return method(self, *args, **kwargs)
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.QueryCanceled) as exc:
            if not self._depth:
                self.conn.rollback()
            raise PackageError(Msg(QT_TRANSLATE_NOOP(
                "weipian", "{name}: another desk holds a lock on what this step writes (login {logins}); nothing was "
                           "saved, try again in a moment"),
                name=self.label, logins=", ".join(self.lock_holders()) or "?")) from exc
        except psycopg2.errors.InsufficientPrivilege as exc:  # the database's rights, said as such
            if not self._depth:
                self.conn.rollback()
            raise PackageError(Msg(QT_TRANSLATE_NOOP(
                "weipian", "{name}: the database refused: your login may not do this ({reason}); nothing was "
                           "saved"), name=self.label, reason=(str(exc).strip().splitlines() or ["?"])[0])) from exc
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            try:
                self.conn.close()
            except psycopg2.Error:
                pass
            if self._reconnect is None:
                raise ServerLost(Msg(QT_TRANSLATE_NOOP("weipian", "the office server connection broke ({reason}); "
                                                                  "nothing of this step was saved"),
                                     reason=reason)) from exc
            try:
                self.conn = with_lock_timeout(self._reconnect())
            except psycopg2.Error as again:
                raise ServerLost(Msg(QT_TRANSLATE_NOOP(
                    "weipian", "the office server cannot be reached ({reason}); nothing of this step was saved, "
                               "try again when it is back"),
                    reason=(str(again).strip().splitlines() or ["?"])[0])) from exc
            raise ServerLost(Msg(QT_TRANSLATE_NOOP(
                "weipian", "the office server connection broke ({reason}) and is back; nothing of this step was "
                           "saved, do it again"), reason=reason)) from exc

    return call


class OfficeConnection:
    """The connection, its transactions and moments, and the generic statements the store's helpers use."""

    def __init__(self, conn, schema: str, reconnect=None, label: Optional[str] = None,
                 cache_dir: Optional[str] = None):
        self.conn = with_lock_timeout(conn)
        self.schema = check_schema_name(schema)
        self._reconnect = reconnect
        self._depth = 0  # nesting of transaction(): inner uses join the outer one
        self._moment = False  # inside one_moment(): every read sees the same snapshot
        self._written: Dict[str, str] = {}  # evidence files this object wrote into the cache, and their sha256
        self._seen: Dict[str, int] = {}  # the version of each patch's verification as this desk last read it
        self.label = label or schema
        # evidence files are written here when a desk looks at them (thumbnails, the viewer), each checked
        # against its sha256; drafts of typed text live beside. `path` names the package on this computer.
        import hashlib
        import os
        import tempfile

        key = hashlib.sha256(f"{self.label}/{schema}".encode("utf-8")).hexdigest()[:12]
        self.cache_dir = cache_dir or os.path.join(tempfile.gettempdir(), "weipian_office", f"{schema}_{key}")
        self.path = os.path.join(self.cache_dir, f"{schema}.office")
        os.makedirs(self.cache_dir, exist_ok=True)
        self.kind_label = "office"

    def close(self) -> None:
        if not self.conn.closed:
            self.conn.close()

    def reopen(self) -> "OfficeConnection":
        """The same package on a connection of its own (a background task's)."""
        if self._reconnect is None:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: cannot open a second connection"),
                                   name=self.label))
        return type(self)(self._reconnect(), self.schema, self._reconnect, self.label, self.cache_dir)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @_server_call
    def member_name(self) -> str:
        """The name of this login's member (members), which the database writes as the verifier, reviewer, who
        added evidence and who acted; a typed name is a label only."""
        return self._rows(f"SELECT {self.schema}.my_name()")[0][0]

    @_server_call
    def change_channel(self) -> str:
        """The channel this login hears changes on (its township's, or the county's): names only it can read."""
        rows = self._rows(f"SELECT {self.schema}.change_channel()")
        return rows[0][0] if rows and rows[0][0] else channel(self.schema)

    def lock_holders(self) -> List[str]:
        """The logins of other sessions holding a write lock on this package's tables now."""
        try:
            with self.conn.cursor() as cur:
                cur.execute("SELECT DISTINCT a.usename FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                            "WHERE l.granted AND a.pid <> pg_backend_pid() AND l.mode IN ('RowExclusiveLock', "
                            "'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock', 'RowShareLock', "
                            "'ShareUpdateExclusiveLock', 'ShareLock') AND l.relation IN (SELECT c.oid FROM pg_class c "
                            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s) ORDER BY 1",
                            (self.schema,))
                found = [r[0] for r in cur.fetchall() if r[0]]
            if not self._depth:
                self.conn.rollback()
            return found
        except Exception:
            return []

    def _rows(self, sql: str, args=(), names: bool = False) -> List:
        """The rows of one query (names: as dicts by column name). Outside a transaction() or one_moment() the
        read's transaction ends with it, so the next read sees what others committed."""
        with self.conn.cursor() as cur:
            cur.execute(sql, args)
            rows = cur.fetchall()
            if names:
                columns = [d[0] for d in cur.description]
                rows = [dict(zip(columns, r)) for r in rows]
        if not self._depth and not self._moment:
            self.conn.rollback()
        return rows

    @contextlib.contextmanager
    def one_moment(self):
        """Every read inside sees the package as it was when the moment began (one REPEATABLE READ, read-only
        transaction), whatever other desks commit meanwhile: an export is one moment of the package. End it
        early with end_moment() to write (the export's own audit entry)."""
        if self._moment or self._depth:
            yield self.conn
            return
        self.conn.rollback()
        self.conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        self._moment = True
        try:
            yield self.conn
        finally:
            self.end_moment()

    def end_moment(self) -> None:
        if self._moment:
            self._moment = False
            if not self.conn.closed:
                self.conn.rollback()
                self.conn.set_session(isolation_level="READ COMMITTED", readonly=False)

    @contextlib.contextmanager
    def transaction(self):
        """One transaction on the server; nested uses join the outer one. Any error rolls back all of it (an
        import is all or nothing, as on the GeoPackage)."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self.conn:
                yield self.conn
        finally:
            self._depth = 0

    def _inside(self, what: str) -> None:
        if not self._depth:  # a programming error: a change outside transaction() would commit alone
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {what} is written inside a transaction"),
                                   name=self.label, what=what))

    @contextlib.contextmanager
    def local_copy(self, folder: str):
        """One moment of this package as a GeoPackage work package in `folder` (the evidence files beside it, each
        checked against its sha256), for a step made from a GeoPackage (the townships' assignment packages). What
        the step records goes to this package, not to the copy. A county change made after that moment shows at
        the return as the county's change (a conflict to decide), never as the township's."""
        from .office_copy import export_work_package
        from .work_package import WorkPackage

        path = os.path.join(folder, f"{self.schema}.gpkg")
        export_work_package(self.conn, self.schema, path)
        with WorkPackage.open(path) as copy:
            yield copy

    def _statement(self, sql: str) -> str:
        # the schema's tables by their plain names for this statement's transaction; '?' as psycopg2's %s
        return f"SET LOCAL search_path TO {self.schema}, public; " + sql.replace("%", "%%").replace("?", "%s")

    @_server_call
    def select(self, sql: str, args: Sequence = ()) -> List[Dict[str, Any]]:
        return self._rows(self._statement(sql), tuple(args), names=True)

    def run(self, sql: str, args: Sequence = ()) -> int:
        self._inside("run")
        with self.conn.cursor() as cur:
            cur.execute(self._statement(sql), tuple(args))
            return cur.rowcount

    def run_many(self, sql: str, rows) -> None:
        self._inside("run_many")
        with self.conn.cursor() as cur:
            cur.executemany(self._statement(sql), [tuple(r) for r in rows])

    def insert_id(self, sql: str, args: Sequence = ()) -> int:
        self._inside("insert_id")
        with self.conn.cursor() as cur:
            cur.execute(self._statement(sql) + " RETURNING fid", tuple(args))
            return cur.fetchone()[0]
