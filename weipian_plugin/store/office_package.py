"""A work package on the county office's PostgreSQL server, written by many people at once.

The write path of the daily work, with what a shared store needs and a single-user file does not:

- **No lost update.** A verification carries a version. A save names the version it was made on; when someone
  saved the patch in between, the save is refused (StaleSave) with who changed it and when, and nothing is
  written. The check and the write are one statement under the row's lock, so two saves on the same version
  cannot both pass.
- **One audit chain.** Every accepted change appends its audit entry in the same transaction, chained to the
  one before (store.audit_chain.entry_sha); the database writes it (audit_append) and serialises appends, so the
  chain has no fork whatever the number of writers.
- **Live.** The schema's triggers send a notification (channel `<schema>_changes`, payload the patch code) when
  a patch's verification, reviews, evidence or records change; it arrives when the change is committed.

Rights are the database's (store.pg_schema): a township member's connection simply does not see or write
another township's patches.
"""
from __future__ import annotations

import contextlib
import json
import os
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import Evidence, PackageSnapshot, Patch, Review, Verification, reviewed_content_sha
from ..core.rules import review_state
from .audit_chain import AUDIT_COLUMNS
from .pg_schema import check_schema_name
from .rows import (
    COVERAGE_SQL,
    EVIDENCE_COLUMNS,
    EVIDENCE_DETAILS,
    OVERDUE_SQL,
    PATCH_COLUMNS,
    PATCH_LIST_SQL,
    evidence_from_row,
    patch_from_row,
    records_from_rows,
)
from .schema import EVIDENCE_FIELDS, REVIEW_FIELDS, VERIFICATION_FIELDS
from .states import verification_from_row
from .work_package import PackageError, checked_verification_fields

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


class OfficePackage:
    """A PostGIS work package through one psycopg2 connection (one per person and process). With `reconnect`
    (a function giving a new connection) a broken connection is made again after the step that met it."""

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

    def reopen(self) -> "OfficePackage":
        """The same package on a connection of its own (a background task's)."""
        if self._reconnect is None:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: cannot open a second connection"),
                                   name=self.label))
        return OfficePackage(self._reconnect(), self.schema, self._reconnect, self.label, self.cache_dir)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- who this desk is, as the database knows it ---------------------------------------------------------------
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

    # -- reading ------------------------------------------------------------------------------------------------
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

    @_server_call
    def verification_and_version(self, code: str) -> Tuple[Optional[Verification], int]:
        rows = self._rows(f"SELECT {', '.join(_VER)}, version FROM {self.schema}.verifications WHERE patch_code = %s",
                          (code,))
        if not rows:
            return None, 0
        return verification_from_row(tuple(rows[0][:-1])), int(rows[0][-1])

    def verification(self, code: str) -> Optional[Verification]:
        return self.verification_and_version(code)[0]

    def verification_shown(self, code: str) -> Optional[Verification]:
        """The verification as a desk now shows it: a later save or review without a version is made on this
        one (and refused if someone else saved the patch after it was shown)."""
        v, self._seen[code] = self.verification_and_version(code)
        return v

    def _version_seen(self, code: str) -> int:
        """The version this desk last showed (or, never shown, the current one)."""
        return self._seen[code] if code in self._seen else self.verification_and_version(code)[1]

    @_server_call
    def reviews(self, code: str) -> List[Review]:
        return [Review(*r) for r in self._rows(f"SELECT {', '.join(_REV)} FROM {self.schema}.reviews "
                                               f"WHERE patch_code = %s ORDER BY fid", (code,))]

    @_server_call
    def all_reviews(self) -> Dict[str, List[Review]]:
        out: Dict[str, List[Review]] = {}
        for r in self._rows(f"SELECT {', '.join(_REV)} FROM {self.schema}.reviews ORDER BY fid"):
            out.setdefault(r[0], []).append(Review(*r))
        return out

    @_server_call
    def patch_centers(self) -> Dict[str, Tuple[Optional[float], Optional[float]]]:
        return {r[0]: (r[1], r[2]) for r in self._rows(f"SELECT code, center_lon, center_lat FROM {self.schema}.patches")}

    @_server_call
    def state(self, code: str) -> Optional[str]:
        rows = self._rows(f"SELECT state FROM {self.schema}.patches WHERE code = %s", (code,))
        return rows[0][0] if rows else None

    # -- what the rules read (core.rules.evaluate), the same objects as from the GeoPackage -------------------------

    @_server_call
    def patches(self, with_geometry: bool = True, codes: Optional[Sequence[str]] = None) -> List[Patch]:
        where, args = (" WHERE code = ANY(%s)", (list(codes),)) if codes is not None else ("", ())
        geom = ", ST_AsBinary(geom)" if with_geometry else ""
        return [patch_from_row(r, bytes(r[16]) if with_geometry and r[16] is not None else None)
                for r in self._rows(f"SELECT {PATCH_COLUMNS}{geom} FROM {self.schema}.patches{where} ORDER BY code",
                                    args)]

    def patch(self, code: str, with_geometry: bool = True) -> Patch:
        found = self.patches(with_geometry, [code])
        if not found:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: no such patch"), code=code))
        return found[0]

    @_server_call
    def evidence(self, code: Optional[str] = None) -> List[Evidence]:
        where, args = (" WHERE patch_code = %s", (code,)) if code else ("", ())
        return [evidence_from_row(r) for r in
                self._rows(f"SELECT {EVIDENCE_COLUMNS} FROM {self.schema}.evidence{where} ORDER BY fid", args)]

    @_server_call
    def boundary_documents(self, code: Optional[str] = None) -> Dict[str, List[Evidence]]:
        """Patch code → its documents that are approval boundaries (GeoJSON), oldest first."""
        where, args = (" AND patch_code = %s", (code,)) if code else ("", ())
        out: Dict[str, List[Evidence]] = {}
        for r in self._rows(f"SELECT {EVIDENCE_COLUMNS} FROM {self.schema}.evidence WHERE kind = 'document' AND "
                            f"lower(path) LIKE '%%.geojson'{where} ORDER BY fid", args):
            e = evidence_from_row(r)
            out.setdefault(e.patch_code, []).append(e)
        return out

    @_server_call
    def records(self, code: Optional[str] = None) -> Dict[str, Dict[str, Any]]:
        where, args = (" WHERE patch_code = %s", (code,)) if code else ("", ())
        return records_from_rows(self._rows(f"SELECT patch_code, kind, data FROM {self.schema}.patch_records"
                                            f"{where} ORDER BY fid", args))

    @_server_call
    def meta_all(self) -> Dict[str, str]:
        return dict(self._rows(f"SELECT key, value FROM {self.schema}.package_meta WHERE key NOT IN "
                               f"{SERVER_ONLY_META}"))

    def meta(self, key: str) -> Optional[str]:
        return self.meta_all().get(key)

    @_server_call
    def snapshot(self) -> PackageSnapshot:
        """Everything the rules need, read in one REPEATABLE READ transaction (one moment of the package)."""
        s = self.schema
        if self._moment:
            return self._snapshot(s)
        with self.one_moment():
            return self._snapshot(s)

    def _snapshot(self, s: str) -> PackageSnapshot:
        snap = PackageSnapshot(patches=[patch_from_row(r) for r in self._rows(
            f"SELECT {PATCH_COLUMNS} FROM {s}.patches ORDER BY code")])
        for row in self._rows(f"SELECT {', '.join(_VER)} FROM {s}.verifications"):
            v = verification_from_row(tuple(row))
            snap.verifications[v.patch_code] = v
        for r in self._rows(f"SELECT {EVIDENCE_COLUMNS} FROM {s}.evidence ORDER BY fid"):
            e = evidence_from_row(r)
            snap.evidence.setdefault(e.patch_code, []).append(e)
        for r in self._rows(f"SELECT {', '.join(_REV)} FROM {s}.reviews ORDER BY fid"):
            snap.reviews.setdefault(r[0], []).append(Review(*r))
        snap.records = records_from_rows(self._rows(
            f"SELECT patch_code, kind, data FROM {s}.patch_records ORDER BY fid"))
        snap.meta = dict(self._rows(f"SELECT key, value FROM {s}.package_meta WHERE key NOT IN {SERVER_ONLY_META}"))
        snap.label = s
        return snap

    # -- what the dock and the package check ask of a store (the same as WorkPackage) ---------------------------
    @_server_call
    def coverage_counts(self) -> Tuple[int, int, int, int, int]:
        return tuple(int(x or 0) for x in self._rows(COVERAGE_SQL.format(s=self.schema + "."))[0])

    @_server_call
    def overdue_count(self, cutoff_iso: str) -> int:
        return self._rows(OVERDUE_SQL.format(s=self.schema + ".").replace("?", "%s"), (cutoff_iso,))[0][0]

    @_server_call
    def patch_fid(self, code: str) -> Optional[int]:
        rows = self._rows(f"SELECT fid FROM {self.schema}.patches WHERE code = %s", (code,))
        return rows[0][0] if rows else None

    @_server_call
    def evidence_details(self, evidence_id: int) -> Optional[tuple]:
        rows = self._rows(f"SELECT {EVIDENCE_DETAILS} FROM {self.schema}.evidence WHERE fid = %s", (evidence_id,))
        return rows[0] if rows else None

    @_server_call
    def evidence_file(self, e) -> str:
        """The evidence file on this computer: written from the database the first time it is asked for, checked
        against its sha256 (a file that does not match is written again)."""
        import hashlib
        import os

        full = os.path.normpath(os.path.join(self.cache_dir, e.path))
        if not full.startswith(os.path.join(os.path.abspath(self.cache_dir), "")):
            return os.path.join(self.cache_dir, "refused")  # a path from the server stays inside the cache
        if self._written.get(full) == e.sha256 and os.path.exists(full):
            return full  # written (and checked) by this package object
        if os.path.exists(full):
            with open(full, "rb") as fh:
                if hashlib.sha256(fh.read()).hexdigest() == e.sha256:
                    self._written[full] = e.sha256
                    return full
        rows = self._rows(f"SELECT {self.schema}.get_bytes(%s)", (e.sha256,))
        if rows and rows[0][0] is not None:
            data = bytes(rows[0][0])
            if hashlib.sha256(data).hexdigest() == e.sha256:
                os.makedirs(os.path.dirname(full), exist_ok=True)
                with open(full + ".part", "wb") as fh:
                    fh.write(data)
                os.replace(full + ".part", full)
                self._written[full] = e.sha256
        return full

    def evidence_file_problems(self, code: Optional[str] = None) -> List[tuple]:
        return []  # the bytes are in the database, checked against their sha256 by the database itself

    @_server_call
    def open_conflict_rows(self, code: Optional[str] = None) -> List[tuple]:
        where, args = (" AND patch_code = %s", (code,)) if code else ("", ())
        return self._rows(f"SELECT fid, patch_code, township FROM {self.schema}.conflicts WHERE resolved_at IS NULL"
                          f"{where} ORDER BY fid", args)

    @_server_call
    def integrity_problems(self) -> List[str]:
        """The audit chain as the database checks it (any login; a township sees only hashes), and every trigger,
        policy, function and right the plugin put in place, as the catalogue shows them."""
        from .audit_chain import problems_in_checked
        from .office_rights import protection_problems, rights_problems

        problems = problems_in_checked(self._rows(f"SELECT * FROM {self.schema}.audit_chain()"))
        with self.conn.cursor() as cur:
            problems += protection_problems(cur, self.schema) + rights_problems(cur, self.schema)
        if not self._depth and not self._moment:
            self.conn.rollback()
        return problems

    @_server_call
    def photos_sharing(self, code: str, hashes: List[str]) -> List[str]:
        return [r[0] for r in self._rows(f"SELECT DISTINCT patch_code FROM {self.schema}.evidence WHERE kind = "
                                         f"'photo' AND patch_code <> %s AND sha256 = ANY(%s)", (code, list(hashes)))]

    @_server_call
    def set_blocking(self, code: str, blocking: int) -> None:
        with self.transaction():
            with self.conn.cursor() as cur:
                cur.execute(f"UPDATE {self.schema}.patches SET blocking = %s WHERE code = %s AND "
                            f"blocking IS DISTINCT FROM %s", (blocking, code, blocking))

    @_server_call
    def set_blocking_counts(self, counts: Dict[str, int]) -> None:
        with self.transaction():
            with self.conn.cursor() as cur:
                cur.execute(f"SELECT code, blocking FROM {self.schema}.patches")
                changes = [(counts.get(c, 0), c) for c, old in cur.fetchall() if old != counts.get(c, 0)]
                cur.executemany(f"UPDATE {self.schema}.patches SET blocking = %s WHERE code = %s", changes)

    @_server_call
    def patch_list_rows(self, codes: Optional[List[str]] = None) -> List[tuple]:
        """The same rows as WorkPackage.patch_list_rows (the patch list does not care where they come from)."""
        where, args = (" WHERE p.code = ANY(%s)", (list(codes),)) if codes else ("", ())
        return self._rows(f"{PATCH_LIST_SQL.format(s=self.schema + '.')}{where} ORDER BY p.code", args)

    @_server_call
    def blocking_counts(self) -> Dict[str, Optional[int]]:
        return dict(self._rows(f"SELECT code, blocking FROM {self.schema}.patches"))

    @_server_call
    def audit_entries(self, code: Optional[str] = None) -> List[Dict[str, Any]]:
        where, args = ("WHERE patch_code = %s", (code,)) if code else ("", ())
        names = [c.strip() for c in AUDIT_COLUMNS.split(",")] + ["login"]
        return [dict(zip(names, r)) for r in self._rows(f"SELECT {AUDIT_COLUMNS}, login FROM {self.schema}.audit_log "
                                                        f"{where} ORDER BY fid", args)]

    # -- writing ------------------------------------------------------------------------------------------------
    @_server_call
    def set_verification(self, code: str, actor: str, expected_version: Optional[int] = None, **fields: Any) -> int:
        """Save some fields of the patch's verification made on `expected_version` (0: none yet; None: the
        version this desk last read); returns the new version. Raises StaleSave when the patch was saved by
        someone else meanwhile."""
        import psycopg2

        fields = checked_verification_fields(fields, actor or "—")  # who saves: the login, whatever is typed
        if expected_version is None:
            expected_version = self._version_seen(code)
        s = self.schema
        values = dict(fields)  # who and when: the database writes the login's member and its own time
        try:
            with self.transaction():  # one transaction; rolled back on any error
                with self.conn.cursor() as cur:
                    cur.execute(f"SELECT 1 FROM {s}.patches WHERE code = %s", (code,))
                    if cur.fetchone() is None:  # unknown, or another township's (row-level security)
                        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: no such patch"), code=code))
                    cur.execute(f"SELECT {', '.join(fields) or 'verdict'}, version, verifier, verified_at "
                                f"FROM {s}.verifications WHERE patch_code = %s FOR UPDATE", (code,))
                    row = cur.fetchone()
                    current = int(row[-3]) if row else 0
                    if current != expected_version:
                        raise StaleSave(code, row[-2] if row else None, row[-1] if row else None, current)
                    before = dict(zip(fields, row[:len(fields)])) if row else {}
                    if row is None:
                        cols = ["patch_code"] + list(values)
                        cur.execute(f"INSERT INTO {s}.verifications ({', '.join(cols)}) "
                                    f"VALUES ({', '.join(['%s'] * len(cols))}) RETURNING version",
                                    [code] + list(values.values()))
                    else:  # the version is the database's: its trigger counts it up
                        sets = ", ".join(f"{k} = %s" for k in values)
                        cur.execute(f"UPDATE {s}.verifications SET {sets} WHERE patch_code = %s AND version = %s "
                                    f"RETURNING version", list(values.values()) + [code, expected_version])
                    new_version = cur.fetchone()[0]
                    self._refresh_state(cur, code)
                    self._audit(cur, actor, "set_verification", code,
                                {"before": before, "after": fields, "version": new_version})
        except psycopg2.errors.UniqueViolation:  # two first saves of the same patch: the other one won
            v, version = self.verification_and_version(code)
            raise StaleSave(code, v.verifier if v else None, v.verified_at if v else None, version) from None
        self._seen[code] = new_version
        return new_version

    @_server_call
    def add_review(self, code: str, reviewer: str, decision: str, opinion: Optional[str],
                   expected_version: Optional[int] = None) -> None:
        """A pass or return of the verification at `expected_version` (the one the reviewer saw; None: the
        version this desk last read)."""
        import psycopg2

        if expected_version is None:
            expected_version = self._version_seen(code)
        s = self.schema
        with self.transaction():
            with self.conn.cursor() as cur:
                # no row lock (a reviewer may not lock what it may not write): the review binds the content it
                # read (content_sha), so a verification saved a moment later leaves it stale, never passed
                cur.execute(f"SELECT {', '.join(_VER)}, version FROM {s}.verifications WHERE patch_code = %s",
                            (code,))
                row = cur.fetchone()
                if row is None or int(row[-1]) != expected_version:
                    v = verification_from_row(tuple(row[:-1])) if row else None
                    raise StaleSave(code, v.verifier if v else None, v.verified_at if v else None,
                                    int(row[-1]) if row else 0)
                v = verification_from_row(tuple(row[:-1]))
                cur.execute(f"SELECT sha256 FROM {s}.evidence WHERE patch_code = %s", (code,))
                shas = [r[0] for r in cur.fetchall()]
                cur.execute(f"SELECT coalesce(military, 0) <> 0 FROM {s}.patches WHERE code = %s", (code,))
                sha = reviewed_content_sha(v, shas, bool((cur.fetchone() or [False])[0]))
                # the database stamps the reviewer and the time, refuses a review of one's own verification
                # (by login) and one made on a version that is no longer the current one
                try:
                    cur.execute("SAVEPOINT review")
                    cur.execute(f"INSERT INTO {s}.reviews (patch_code, decision, opinion, content_sha, "
                                f"verification_version) VALUES (%s, %s, %s, %s, %s)",
                                (code, decision, opinion, sha, expected_version))
                except psycopg2.Error as exc:
                    cur.execute("ROLLBACK TO SAVEPOINT review")
                    if exc.pgcode == "WP001":
                        raise PackageError(Msg(QT_TRANSLATE_NOOP(
                            "weipian", "{code}: the verifier cannot review their own verification"),
                            code=code)) from None
                    if exc.pgcode == "WP002":
                        raise StaleSave(code, v.verifier, v.verified_at, int(row[-1])) from None
                    raise
                self._refresh_state(cur, code)
                self._audit(cur, reviewer, "review", code, {"decision": decision, "opinion": opinion,
                                                            "version": expected_version})

    @_server_call
    def set_military(self, code: str, military: bool, actor: str) -> None:
        with self.transaction():
            with self.conn.cursor() as cur:
                cur.execute(f"UPDATE {self.schema}.patches SET military = %s WHERE code = %s", (int(military), code))
                if cur.rowcount != 1:
                    raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: no such patch"), code=code))
                self._refresh_state(cur, code)  # the mark is reviewed: a changed one needs a new review
                self._audit(cur, actor, "set_military", code, {"military": bool(military)})

    @_server_call
    def add_record(self, code: str, record, actor: str, source: Optional[str] = None,
                   foreign_name: bool = False) -> int:
        """A county record (core.records, already checked) for a patch, as WorkPackage.add_record."""
        from ..core import records

        if not (actor or "").strip():
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "a record needs the name of who records it")))
        kind, data = records.kind_of(record), records.record_data(record)
        with self.transaction():
            with self.conn.cursor() as cur:
                if kind == records.ACCEPTANCE and record.evidence_ids:
                    cur.execute(f"SELECT fid FROM {self.schema}.evidence WHERE patch_code = %s", (code,))
                    foreign = sorted(set(record.evidence_ids) - {r[0] for r in cur.fetchall()})
                    if foreign:
                        raise PackageError(Msg(QT_TRANSLATE_NOOP(
                            "weipian", "{code}: evidence {value} is not attached to this patch"),
                            code=code, value=", ".join(map(str, foreign))))
                cur.execute(f"INSERT INTO {self.schema}.patch_records (patch_code, kind, data, recorded_by, "
                            f"recorded_at, source) VALUES (%s, %s, %s, %s, %s, %s) RETURNING fid",
                            (code, kind, json.dumps(data, ensure_ascii=False, sort_keys=True),
                             actor if foreign_name else None, None,
                             source))
                fid = cur.fetchone()[0]
                self._audit(cur, actor, "record_" + kind, code, {"id": fid, "data": data, "source": source})
        return fid

    # -- evidence: the bytes in the database (evidence_files, by sha256), the record beside -----------------------
    @_server_call
    def evidence_with_sha(self, code: str, sha256: str) -> Optional[int]:
        rows = self._rows(f"SELECT fid FROM {self.schema}.evidence WHERE patch_code = %s AND sha256 = %s "
                          f"ORDER BY fid LIMIT 1", (code, sha256))
        return rows[0][0] if rows else None

    @_server_call
    def evidence_hashes(self) -> Dict[str, List[str]]:
        out: Dict[str, List[str]] = {}
        for sha, code in self._rows(f"SELECT sha256, patch_code FROM {self.schema}.evidence "
                                    f"WHERE sha256 IS NOT NULL ORDER BY fid"):
            out.setdefault(sha, []).append(code)
        return out

    @_server_call
    def attach_file(self, code: str, source: str, record: Dict[str, Any], actor: str) -> int:
        """Keep a file as the patch's evidence: its bytes into evidence_files (the database checks them against
        the sha256), named and recorded in the same transaction. Photos are numbered <JCBH>_<序号> from what
        the database holds, under a lock on the patch, so two desks attaching at once never take one name."""
        import os

        data = _read_checked(source, record["sha256"], Msg(QT_TRANSLATE_NOOP(
            "weipian", "{source}: the file changed while it was being attached (sha256 differs); attach it again"),
            source=source))
        with self.transaction():
            with self.conn.cursor() as cur:
                cur.execute(f"SELECT 1 FROM {self.schema}.patches WHERE code = %s", (code,))
                if cur.fetchone() is None:
                    raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: no such patch"), code=code))
                path = self._place_bytes(cur, code, data, record["sha256"], os.path.basename(source),
                                         record.get("kind"), reuse_same=False)
                return self._insert_evidence(cur, code, dict(record, path=path), actor, False, None)

    @_server_call
    def add_evidence(self, code: str, record: Dict[str, Any], actor: str, keep_origin: bool = False,
                     audit_detail: Optional[Dict[str, Any]] = None) -> int:
        """Record evidence whose bytes the database already holds (undoing a detach, a file coming back)."""
        import psycopg2

        try:
            with self.transaction():
                with self.conn.cursor() as cur:
                    return self._insert_evidence(cur, code, record, actor, keep_origin, audit_detail)
        except psycopg2.errors.ForeignKeyViolation:  # the database holds no such bytes
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: its file is not in the database"),
                                   path=record.get("path"))) from None

    def _insert_evidence(self, cur, code, record, actor, keep_origin, audit_detail) -> int:
        rec = dict(record, patch_code=code)
        if not keep_origin or not rec.get("added_by"):  # this login's: the database writes its member and time
            rec.update(added_by=None, added_at=None)
        geom = "NULL"
        if rec.get("longitude") is not None and rec.get("latitude") is not None:
            geom = "ST_SetSRID(ST_MakePoint(%s, %s), 4326)"
        cur.execute(f"SELECT 1 FROM {self.schema}.patches WHERE code = %s", (code,))
        if cur.fetchone() is None:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: no such patch"), code=code))
        args = ([rec["longitude"], rec["latitude"]] if geom != "NULL" else []) + [rec.get(n) for n in _EVI]
        cur.execute(f"INSERT INTO {self.schema}.evidence (geom, {', '.join(_EVI)}) "
                    f"VALUES ({geom}, {', '.join(['%s'] * len(_EVI))}) RETURNING fid", args)
        fid = cur.fetchone()[0]
        self._refresh_state(cur, code)  # the evidence is part of what a review passed
        self._audit(cur, actor, "add_evidence", code, {"id": fid, "kind": rec.get("kind"), "path": rec.get("path"),
                                                      "sha256": rec.get("sha256"), **(audit_detail or {})})
        self._own_change(cur, code)
        return fid

    def _own_change(self, cur, code: str) -> None:
        """Evidence changed by this desk counted the verification's version up: what the desk showed is still the
        latest unless someone else saved meanwhile (then the next save is refused, as it should be)."""
        cur.execute(f"SELECT version FROM {self.schema}.verifications WHERE patch_code = %s", (code,))
        row = cur.fetchone()
        if row is not None and self._seen.get(code) == int(row[0]) - 1:
            self._seen[code] = int(row[0])

    @_server_call
    def remove_evidence(self, evidence_id: int, actor: str, audit_detail: Optional[Dict[str, Any]] = None
                        ) -> Dict[str, Any]:
        """Detach an evidence record; its bytes stay in the database (evidence_files is insert-only)."""
        with self.transaction():
            with self.conn.cursor() as cur:
                cur.execute(f"DELETE FROM {self.schema}.evidence WHERE fid = %s RETURNING {', '.join(_EVI)}",
                            (evidence_id,))
                row = cur.fetchone()
                if row is None:
                    raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: no evidence with id {evidence_id}"),
                                           path=self.label, evidence_id=evidence_id))
                record = dict(zip(_EVI, row))
                self._refresh_state(cur, record["patch_code"])
                self._audit(cur, actor, "remove_evidence", record["patch_code"],
                            {"id": evidence_id, "path": record["path"], "sha256": record["sha256"],
                             **(audit_detail or {})})
                self._own_change(cur, record["patch_code"])
        return record

    # -- what importers write ---------------------------------------------------------------------------------------
    @_server_call
    def patch_codes(self) -> Set[str]:
        return {r[0] for r in self._rows(f"SELECT code FROM {self.schema}.patches")}

    @_server_call
    def patches_near(self, lon: float, lat: float, margin_deg: float) -> List[Patch]:
        """Patches whose bounding box comes within margin_deg of a point (through the GiST index)."""
        codes = [r[0] for r in self._rows(
            f"SELECT code FROM {self.schema}.patches WHERE geom && ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s, "
            f"4326), ST_SRID(geom))", (lon - margin_deg, lat - margin_deg, lon + margin_deg, lat + margin_deg))]
        return self.patches(True, codes) if codes else []

    @_server_call
    def issued_attributes(self, code: str) -> Dict[str, Any]:
        rows = self._rows(f"SELECT issued_json FROM {self.schema}.patches WHERE code = %s", (code,))
        return json.loads(rows[0][0]) if rows and rows[0][0] else {}

    @_server_call
    def states(self, codes: Optional[Sequence[str]] = None) -> Dict[str, str]:
        where, args = (" WHERE code = ANY(%s)", (list(codes),)) if codes is not None else ("", ())
        return dict(self._rows(f"SELECT code, state FROM {self.schema}.patches{where}", args))

    @_server_call
    def set_meta(self, key: str, value: str, actor: str = "") -> None:
        with self.transaction():
            with self.conn.cursor() as cur:
                cur.execute(f"INSERT INTO {self.schema}.package_meta (key, value) VALUES (%s, %s) "
                            f"ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
                self._audit(cur, actor, "set_meta", None, {key: value})

    @_server_call
    def put_verification(self, v: Verification, actor: str, audit_detail: Dict[str, Any]) -> None:
        """Write a verification exactly as it comes (a township's return package, a verdict sheet): a new
        version, so a desk holding the old one is told, not overwritten."""
        from .work_package import verification_dict

        s = self.schema
        values = {f: getattr(v, f) for f in _VER if f != "patch_code"}
        for flag in ("illegal_cultivated_housing", "nonagri"):
            if values.get(flag) is not None:
                values[flag] = int(bool(values[flag]))
        with self.transaction():
            with self.conn.cursor() as cur:
                cur.execute(f"SELECT 1 FROM {s}.patches WHERE code = %s", (v.patch_code,))
                if cur.fetchone() is None:
                    raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: no such patch"), code=v.patch_code))
                cur.execute(f"SELECT {', '.join(_VER)}, version FROM {s}.verifications WHERE patch_code = %s "
                            f"FOR UPDATE", (v.patch_code,))
                row = cur.fetchone()
                before = verification_from_row(tuple(row[:-1])) if row else None
                if row is None:
                    cols = ["patch_code"] + list(values)
                    cur.execute(f"INSERT INTO {s}.verifications ({', '.join(cols)}) VALUES "
                                f"({', '.join(['%s'] * len(cols))})", [v.patch_code] + list(values.values()))
                else:
                    cur.execute(f"UPDATE {s}.verifications SET {', '.join(f'{k} = %s' for k in values)} "
                                f"WHERE patch_code = %s", list(values.values()) + [v.patch_code])
                self._refresh_state(cur, v.patch_code)
                self._audit(cur, actor, "import_verification", v.patch_code,
                            dict(audit_detail, before=verification_dict(before), after=verification_dict(v)))

    def audit(self, actor: str, action: str, patch_code: Optional[str], detail: Any = None,
              at: Optional[str] = None) -> str:
        """An audit entry inside the caller's transaction (transaction())."""
        self._inside("audit")
        with self.conn.cursor() as cur:
            return self._audit(cur, actor, action, patch_code, detail, at)

    # -- keys (store.keys): the office package signs with its own key, trusts what its rows say ------------------
    def signing_party(self) -> str:
        from ..core.signing import county_party

        return county_party(self.meta("county_code") or "")

    @_server_call
    def signer(self):
        from ..core.signing import Signer
        from .keys import pg_seed

        with self.conn.cursor() as cur:
            seed = pg_seed(cur, self.schema, self.label)
        if not self._depth and not self._moment:
            self.conn.rollback()
        return Signer(self.signing_party(), seed)

    @_server_call
    def trusted_keys(self) -> list:
        from .keys import pg_trusted_keys

        with self.conn.cursor() as cur:
            keys = pg_trusted_keys(cur, self.schema)
        if not self._depth and not self._moment:
            self.conn.rollback()
        return keys

    def trusted_key(self, party: str):
        keys = [k for k in self.trusted_keys() if k.party == party]
        return keys[-1] if keys else None

    def trust_key(self, key, actor: str) -> None:
        from .keys import pg_trust_key
        from .work_package import trust_detail

        with self.transaction(), self.conn.cursor() as cur:
            pg_trust_key(cur, self.schema, key)
            self._audit(cur, actor, "trust_key", None, trust_detail(key))

    @_server_call
    def audit_head(self) -> Tuple[int, str]:
        from .audit_chain import head_of

        return head_of(self._rows(f"SELECT count(*) FROM {self.schema}.audit_log")[0],
                       (self._rows(f"SELECT sha FROM {self.schema}.audit_log ORDER BY fid DESC LIMIT 1") or [None])[0])

    @_server_call
    def audit_shas(self) -> List[str]:
        return [r[0] for r in self._rows(f"SELECT sha FROM {self.schema}.audit_log ORDER BY fid")]

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

    # -- plain SQL on the package's tables, the same text as on a GeoPackage (WorkPackage.select …) ---------------
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

    def _set_meta(self, key: str, value: str) -> None:
        self.run("INSERT INTO package_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value", (key, value))

    def keep_file(self, code: str, source: str, name: str, sha256: str) -> Tuple[str, Optional[str]]:
        """Keep a verified file (a township's evidence) in evidence_files, inside the caller's transaction: its
        path among the patch's evidence (the same bytes keep theirs, a new name if taken), and no file to take
        away on failure."""
        self._inside("keep_file")
        data = _read_checked(source, sha256, Msg(QT_TRANSLATE_NOOP(
            "weipian", "{source}: the copy does not match the original (sha256 differs)"), source=source))
        with self.conn.cursor() as cur:
            return self._place_bytes(cur, code, data, sha256, name, None, reuse_same=True), None

    def _place_bytes(self, cur, code: str, data: bytes, sha256: str, name: str, kind: Optional[str],
                     reuse_same: bool) -> str:
        """The path new evidence of the patch takes (reuse_same: the path of its evidence with these bytes, if
        any), its bytes stored; under a lock on the patch, so two desks never take one name."""
        from ..core.names import safe_file_name

        s = self.schema
        # one desk names the patch's new files at a time: a lock on the patch's row, which only those who may
        # write evidence there can take
        cur.execute(f"SELECT 1 FROM {s}.patches WHERE code = %s FOR NO KEY UPDATE", (code,))
        cur.execute(f"SELECT path, sha256 FROM {s}.evidence WHERE patch_code = %s", (code,))
        held = cur.fetchall()
        same = [p for p, sha in held if sha == sha256 and p] if reuse_same else []
        if same:
            return same[0]
        top = self._evidence_top(cur, code)
        name = _evidence_name(code, name, kind, {p.rsplit("/", 1)[-1] for p, _ in held if p})
        # the database checks the bytes, the caps, and remembers who brought them
        cur.execute(f"SELECT {s}.put_bytes(%s, %s)", (sha256, data))
        return f"{top}/{safe_file_name(code)}/{name}"

    def _evidence_top(self, cur, code: str) -> str:
        """The first folder of the package's evidence paths (the GeoPackage's <name>_evidence it came from)."""
        cur.execute(f"SELECT path FROM {self.schema}.evidence WHERE path IS NOT NULL "
                    f"ORDER BY (patch_code = %s) DESC, fid LIMIT 1", (code,))
        row = cur.fetchone()
        return row[0].split("/")[0] if row and "/" in row[0] else f"{self.schema}_evidence"

    @_server_call
    def record_history(self, code: str) -> List[Dict[str, Any]]:
        names = ["fid", "patch_code", "kind", "data", "recorded_by", "recorded_at", "source"]
        return [dict(zip(names, r)) for r in self._rows(
            f"SELECT {', '.join(names)} FROM {self.schema}.patch_records WHERE patch_code = %s ORDER BY fid",
            (code,))]

    def _refresh_state(self, cur, code: str) -> None:
        s = self.schema
        cur.execute(f"SELECT {', '.join(_VER)} FROM {s}.verifications WHERE patch_code = %s", (code,))
        row = cur.fetchone()
        v = verification_from_row(tuple(row)) if row else None
        cur.execute(f"SELECT {', '.join(_REV)} FROM {s}.reviews WHERE patch_code = %s ORDER BY fid", (code,))
        reviews = [Review(*r) for r in cur.fetchall()]
        cur.execute(f"SELECT sha256 FROM {s}.evidence WHERE patch_code = %s", (code,))
        shas = [r[0] for r in cur.fetchall()]
        cur.execute(f"SELECT coalesce(military, 0) <> 0 FROM {s}.patches WHERE code = %s", (code,))
        state = review_state(v, reviews, reviewed_content_sha(v, shas, bool((cur.fetchone() or [False])[0])))
        cur.execute(f"UPDATE {s}.patches SET state = %s WHERE code = %s", (state, code))

    def _audit(self, cur, actor: str, action: str, code: Optional[str], detail: Any, at: Optional[str] = None) -> str:
        """Appends to the one chain, inside the caller's transaction, through the database's audit_append: the
        time, the member's name and the login are the database's. An entry carried over from elsewhere (a
        township's log) keeps its own actor and time in its detail."""
        if at is not None:
            detail = {"entry": detail, "actor": actor, "at": at}
        cur.execute(f"SELECT {self.schema}.audit_append(%s, %s, %s)",
                    (action, code, json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)))
        return cur.fetchone()[0]


def _read_checked(source: str, sha256: str, changed: Msg) -> bytes:
    """The file's bytes, when they are the ones recorded (OSError saying `changed` otherwise)."""
    import hashlib

    with open(source, "rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise OSError(changed)
    return data


def _evidence_name(code: str, source_name: str, kind: Optional[str], taken) -> str:
    """The file name of new evidence among the names the patch's evidence already has: photos <JCBH>_<n+1>
    after the highest n; documents their own (made safe) name, _2, _3 … when taken."""
    import os
    import re

    from ..core.model import PHOTO
    from ..core.names import safe_file_name
    from .evidence_folder import PHOTO_NUMBER, photo_extension

    safe = safe_file_name(code)
    if kind == PHOTO:
        pattern = re.compile(re.escape(safe) + PHOTO_NUMBER)
        highest = max([int(m.group(1)) for m in map(pattern.match, taken) if m] or [0])
        return f"{safe}_{highest + 1}{photo_extension(source_name)}"
    name = safe_file_name(source_name, "evidence")
    base, ext = os.path.splitext(name)
    n = 1
    while name in taken:
        n += 1
        name = f"{base}_{n}{ext}"
    return name
