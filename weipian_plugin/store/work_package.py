"""Open, create, migrate and write a work package. Every write is one transaction with its audit entry."""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
import stat
import uuid
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from ..core import records
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import PASS, RETURN, Evidence, PackageSnapshot, Patch, Review, Verification, reviewed_content_sha
from ..core.names import plain_relative
from . import audit_chain, gpkg_blob
from .migrations import MIGRATIONS
from .rows import (
    COVERAGE_SQL,
    EVIDENCE_COLUMNS,
    EVIDENCE_DETAILS,
    OVERDUE_SQL,
    PATCH_COLUMNS,
    PATCH_LIST_SQL,
    PATCH_LIST_VALUES_SQL,
    evidence_from_row,
    patch_from_row,
    patch_list_codes_sql,
    records_from_rows,
)
from .schema import (
    APPLICATION,
    CONSTRAINTS_SQL,
    EVIDENCE_FIELDS,
    PATCH_FIELDS,
    SCHEMA_VERSION,
    TABLES,
    VERIFICATION_FIELDS,
    WRITER_FUNCTION,
    create_tables,
)
from .states import (
    code_range,
    refresh_all_states,
    refresh_states,
    reviews_by_patch,
    verification_from_row,
    verifications_by_patch,
)
from .states import states_for as derived_states

PATCH_SRS, EVIDENCE_SRS = 4490, 4326


class PackageError(Exception):
    """A work package cannot be created, opened or written; the message names the file and the problem."""


def os_account() -> str:
    """The operating-system account this process runs under (who is at the desk, as the computer knows it)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no account name to be had (a container without one)
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


BUSY_TIMEOUT_S = 10.0


FOLDER_MARKER = ".weipian-package"  # in an evidence folder: the id of the package it belongs to


def folder_owner(folder: str) -> Optional[str]:
    """The package id an evidence folder names (None: no marker, a folder made before markers)."""
    try:
        with open(os.path.join(folder, FOLDER_MARKER), encoding="utf-8") as fh:
            return fh.read(200).strip()
    except OSError:
        return None


def claim_folder(folder: str, package_id: str) -> None:
    with open(os.path.join(folder, FOLDER_MARKER), "w", encoding="utf-8") as fh:
        fh.write(package_id + "\n")


def evidence_path_problem(base: str, path, sha256) -> Optional[Msg]:
    """Why an evidence record's path cannot be read from the package folder base (None when it can): it must be
    a plain relative path below the folder, reach no further through links, and the record must hold a sha256."""
    return EvidencePaths(base).problem(path, sha256)


class EvidencePaths:
    """evidence_path_problem for many records under one folder: the folder's real path and each sub-folder's are
    resolved once (a county's 200,000 photos lie in 100,000 patch folders; resolving every path whole was a third
    of the whole check), the file itself followed only where it is a link."""

    def __init__(self, base: str):
        self.root = os.path.realpath(base)
        self._inside = self.root + os.sep
        self._folders: Dict[str, str] = {}

    def _real_folder(self, folder: str) -> str:
        """os.path.realpath of a plain relative folder under the root, one component at a time from the folders
        resolved before: one lstat a patch folder (realpath looked at every component of the whole path again:
        a county's 100,000 patch folders took two seconds), the rest of the way by realpath only at a link."""
        real = self._folders.get(folder)
        if real is not None:
            return real
        parent, _, name = folder.rpartition("/")
        base = self._real_folder(parent) if parent else self.root
        real = base + os.sep + name if name else base
        try:
            if stat.S_ISLNK(os.lstat(real).st_mode):
                real = os.path.realpath(real)
        except OSError:
            pass  # not there: nothing under it is either, and realpath keeps such a name as it is
        self._folders[folder] = real
        return real

    def problem(self, path, sha256) -> Optional[Msg]:
        return self.checked(path, sha256)[0]

    def checked(self, path, sha256) -> Tuple[Optional[Msg], Optional[int]]:
        """(why the record cannot be read, else None; the file's size, None when it is not there)."""
        if not plain_relative(path):
            return Msg(QT_TRANSLATE_NOOP("weipian", "a place outside the package folder")), None
        folder, _, name = path.rpartition("/")
        target = self._real_folder(folder) + os.sep + name
        try:
            st = os.lstat(target)
        except OSError:
            st = None
        if st is not None and stat.S_ISLNK(st.st_mode):
            target = os.path.realpath(target)
            try:
                st = os.stat(target)
            except OSError:
                st = None
        if not target.startswith(self._inside):
            return Msg(QT_TRANSLATE_NOOP("weipian", "a link out of the package folder")), None
        if not isinstance(sha256, str) or len(sha256) != 64:
            return Msg(QT_TRANSLATE_NOOP("weipian", "a file without its sha256")), None
        return None, (st.st_size if st is not None else None)


def trust_detail(key) -> Dict[str, Any]:
    """What the audit log says of a key trusted (either store)."""
    return {"party": key.party, "fingerprint": key.fingerprint, "public_key": key.public.hex(), "how": key.how,
            "reason": key.reason, "replaces": key.replaces}


def checked_verification_fields(fields: Dict[str, Any], actor: str) -> Dict[str, Any]:
    """The fields a save may change, its verifier named, the yes/no flags as 1/0 (either store)."""
    allowed = {f for f, _ in VERIFICATION_FIELDS} - {"patch_code", "verifier", "verified_at"}
    unknown = set(fields) - allowed
    if unknown:
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "unknown verification fields: {value}"), value=', '.join(sorted(unknown))))
    if not (actor or "").strip():
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "a verification needs the name of the verifier")))
    flags = ("illegal_cultivated_housing", "nonagri")
    return {k: int(bool(v)) if k in flags and v is not None else v for k, v in fields.items()}


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    conn.row_factory = sqlite3.Row
    # WAL: a reader (a QGIS layer on the package) never blocks a save, and a save never blocks the map
    journal_mode(conn, "WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    gpkg_blob.register_functions(conn)
    conn.create_function(WRITER_FUNCTION, 0, lambda: 1, deterministic=True)
    return conn


def journal_mode(conn: sqlite3.Connection, set_to: Optional[str] = None) -> str:
    """The package's journal mode (setting it first). The plugin relies on WAL: a reader (a QGIS layer) never
    blocks a save. QGIS' own GeoPackage driver turns a file back to the rollback journal ('delete') when it closes
    its last handle on it; a switch to WAL needs a moment when nobody holds the file, so it is tried again at the
    next save until it takes."""
    try:
        row = conn.execute(f"PRAGMA journal_mode={set_to}" if set_to else "PRAGMA journal_mode").fetchone()
        return str(row[0]).lower() if row else ""
    except sqlite3.Error:
        return ""


def _is_lock(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _store_error(path: str, exc: sqlite3.Error) -> "PackageError":
    """A database error as the user should read it: a lock as a lock, a full disk as a full disk."""
    text = str(exc)
    if _is_lock(exc):
        return PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: the work package is in use by another program or user (database is locked); nothing was saved, try again"), path=path))
    if "disk is full" in text or "disk I/O" in text:
        return PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: the disk is full or failing ({text}); nothing was saved"), path=path, text=text))
    return PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: cannot be written ({text}); nothing was saved"), path=path, text=text))


class WorkPackage:
    def __init__(self, path: str, conn: sqlite3.Connection):
        self.path = os.path.abspath(path)
        self.conn = conn
        self._depth = 0
        self._wal = journal_mode(conn) == "wal"

    # -- life cycle -------------------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str, profile_id: str, county_code: Optional[str] = None, actor: str = "",
               kind: str = "county", extra_meta: Optional[Dict[str, str]] = None) -> "WorkPackage":
        """A new, empty work package. kind is 'county' (the county's own) or 'assignment' (a township's)."""
        path = os.path.abspath(path)
        if os.path.exists(path):
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: already exists; a work package is never overwritten"), path=path))
        tmp = os.path.splitext(path)[0] + ".creating.gpkg"
        if os.path.exists(tmp):
            os.remove(tmp)
        conn = None
        try:
            create_tables(tmp)
            conn = _connect(tmp)
            conn.executescript(CONSTRAINTS_SQL)
            wp = cls(tmp, conn)
            with wp.transaction():
                for key, value in (("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION)),
                                   ("profile", profile_id), ("county_code", county_code or ""),
                                   ("created_at", now_iso()), ("created_by", actor),
                                   ("package_id", str(uuid.uuid4())), ("kind", kind)):
                    wp._set_meta(key, value)
                for key, value in (extra_meta or {}).items():
                    wp._set_meta(key, value)
                wp.audit(actor, "create_package", None, {"profile": profile_id, "county_code": county_code,
                                                         "kind": kind, **(extra_meta or {})})
            conn.close()
        except Exception as exc:
            if conn is not None:  # a full disk: the half-made file goes, and nothing holds it open
                conn.close()
            for left in (tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"):
                if os.path.exists(left):
                    os.remove(left)
            if isinstance(exc, PackageError):
                raise
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: cannot create work package ({exc})"), path=path, exc=exc)) from exc
        os.replace(tmp, path)
        return cls.open(path)

    @classmethod
    def open(cls, path: str) -> "WorkPackage":
        path = os.path.abspath(path)
        if not os.path.isfile(path):
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: no such work package"), path=path))
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: not a GeoPackage (not an SQLite file)"), path=path))
        try:
            conn = _connect(path)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            if _is_lock(exc):
                raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: the work package is in use by another program or user (database is locked); try again"), path=path)) from exc
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: damaged GeoPackage ({exc})"), path=path, exc=exc)) from exc
        if "package_meta" not in tables or "patches" not in tables:
            conn.close()
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: a GeoPackage, but not a work package of this plugin"), path=path))
        wp = cls(path, conn)
        raw_version = wp.meta("schema_version")
        try:
            version = int(raw_version or 0)
        except ValueError:
            conn.close()
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: unreadable schema version {raw_version!r}"), path=path, raw_version=raw_version)) from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: schema version {version} is newer than this plugin supports ({schema_version}); update the plugin to open it"), path=path, version=version, schema_version=SCHEMA_VERSION))
        if version < SCHEMA_VERSION:
            wp._migrate(version)
        wp._follow_renamed_evidence_folder()
        return wp

    def _follow_renamed_evidence_folder(self) -> None:
        """Evidence paths start with the evidence folder's name (`<package stem>_evidence/…`), and the folder names
        its package (a marker file holding the package id). When the package and its folder were renamed together,
        the paths follow the folder, logged: a path whose folder is gone, or is now another package's (a new batch
        made under the old name), is turned to this package's own folder. Nothing changes while the package is
        read-only."""
        base = os.path.dirname(self.path)
        current = os.path.basename(self.evidence_dir)
        if not os.path.isdir(self.evidence_dir):
            return
        package_id = self.meta("package_id") or ""
        owner = folder_owner(self.evidence_dir)
        if owner is not None and owner != package_id:
            return  # the folder beside this name is another package's: the check names every file it cannot find
        # every path under the current folder (the usual case) is known from one scan that stops at the first
        # other path (`current/` ≤ path < `current0`: '0' follows '/'), without computing each path's prefix
        other = self.conn.execute("SELECT 1 FROM evidence WHERE NOT (path >= ? AND path < ?) LIMIT 1",
                                  (current + "/", current + "0")).fetchone()
        prefixes = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT substr(path, 1, instr(path, '/') - 1) FROM evidence WHERE instr(path, '/') > 0")] \
            if other else []
        stale = [p for p in prefixes if p and p != current and p.endswith("_evidence")
                 and (not os.path.isdir(os.path.join(base, p))
                      or folder_owner(os.path.join(base, p)) not in (None, package_id))]
        try:
            if owner is None:
                claim_folder(self.evidence_dir, package_id)
            if not stale:
                return
            with self.transaction():
                for old in stale:
                    n = self.conn.execute("UPDATE evidence SET path = ? || substr(path, ?) WHERE substr(path, 1, ?) = ?",
                                          (current, len(old) + 1, len(old) + 1, old + "/")).rowcount
                    self.audit("", "follow_renamed_evidence_folder", None, {"from": old, "to": current, "records": n})
        except (PackageError, OSError):
            pass  # a read-only package: the check names the files it cannot find

    def evidence_folder_for_writing(self) -> str:
        """The evidence folder, made if missing, when it is this package's to write into: the package must still be
        where it was opened (renamed or moved while open, a write would make its old folder again beside nothing),
        and the folder must not be another package's."""
        if not os.path.isfile(self.path):
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: the work package is no longer there (renamed "
                                                                "or moved while it was open); close it and open it "
                                                                "where it is now; nothing was saved"), path=self.path))
        folder = self.evidence_dir
        package_id = self.meta("package_id") or ""
        owner = folder_owner(folder)
        if owner is not None and owner != package_id:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{folder}: this evidence folder belongs to another work "
                                                                "package (an earlier one of the same name?); move it "
                                                                "away or give this package another name; nothing was "
                                                                "saved"), folder=folder))
        os.makedirs(folder, exist_ok=True)
        if owner is None:
            claim_folder(folder, package_id)
        return folder

    def _migrate(self, version: int) -> None:
        with self.transaction():
            start = version
            while version < SCHEMA_VERSION:
                step = MIGRATIONS.get(version)
                if step is None:
                    raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: no migration from schema version {version}"), path=self.path, version=version))
                step(self.conn)
                version += 1
            # constraints of the current schema, in the same transaction
            for stmt in filter(None, (s.strip() for s in CONSTRAINTS_SQL.split(";\n"))):
                self.conn.execute(stmt)
            refresh_all_states(self.conn)
            self._set_meta("schema_version", str(version))
            self.audit("", "migrate_schema", None, {"from": start, "to": version})

    def close(self) -> None:
        """Close, with every saved change carried into the .gpkg file itself as far as no other connection's read
        holds it back."""
        if self.conn is not None:
            if not self.conn.in_transaction:
                self._checkpoint()  # never waits: a reader's own close, or the next save, carries the rest over
            self.conn.close()
            self.conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def evidence_dir(self) -> str:
        base, _ = os.path.splitext(self.path)
        return base + "_evidence"

    # -- transactions and audit ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; nested uses join the outer transaction. Any error rolls back all of it."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if not self._wal:  # QGIS had the file in its rollback journal when this package opened: WAL again now
            self._wal = journal_mode(self.conn, "WAL") == "wal"
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _store_error(self.path, exc) from exc
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
            self._checkpoint()
        except BaseException as exc:
            # also when COMMIT itself failed (a lock, a full disk): the connection must not stay inside a
            # transaction, or every later save fails too
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise _store_error(self.path, exc) from exc
            raise
        finally:
            self._depth = 0

    @contextlib.contextmanager
    def one_moment(self) -> Iterator[sqlite3.Connection]:
        """Every read inside sees the package as it was when the snapshot began (WAL keeps it), whatever other
        connections commit meanwhile: an export is one moment of the package. Nothing is written inside; end it
        early with end_moment() to write (the export's own audit entry)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN")
        self.conn.execute("SELECT count(*) FROM package_meta").fetchone()  # SQLite takes the snapshot at the first read
        try:
            yield self.conn
        finally:
            self.end_moment()

    def end_moment(self) -> None:
        if self.conn.in_transaction and not self._depth:
            self.conn.execute("COMMIT")
            self._checkpoint()  # what others saved while this moment was held waits in -wal until now

    def _checkpoint(self) -> None:
        """Carry what was committed into the .gpkg file itself (not only its -wal), so that a copy of the file
        alone, made while the package is open, holds every saved change. PASSIVE: it never waits for a reader."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            pass  # the commit stands; the next checkpoint (or closing) carries it over

    # -- plain SQL on the package's tables, the same text on every store ('?' placeholders, unqualified table
    # names): what the exchange with townships reads and writes (store.assignments, services.return_packages)
    def row_counts(self) -> Dict[str, int]:
        """Rows per table of the package."""
        return {name: self.conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}

    def data_version(self) -> Optional[int]:
        """SQLite's data_version: it changes when another connection commits to the package (None when it
        cannot be read)."""
        try:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None

    def select(self, sql: str, args: Sequence = ()) -> List[Dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(args))]

    def run(self, sql: str, args: Sequence = ()) -> int:
        """A write inside the caller's transaction(); returns the rows it touched."""
        return self.conn.execute(sql, tuple(args)).rowcount

    def run_many(self, sql: str, rows: Iterable[Sequence]) -> None:
        self.conn.executemany(sql, rows)

    def insert_id(self, sql: str, args: Sequence = ()) -> int:
        """An INSERT inside the caller's transaction(); returns the new row's fid."""
        return self.conn.execute(sql, tuple(args)).lastrowid

    def keep_file(self, code: str, source: str, name: str, sha256: str) -> Tuple[str, Optional[str]]:
        """Keep a verified file (a township's evidence) under evidence_dir/<code>/ (a new name if taken): its
        path relative to the package, and the file written (to take away if the caller's transaction fails)."""
        from .evidence_folder import copy_verified, evidence_target, package_relative

        target, present = evidence_target(self, code, name, sha256)
        if present:
            return package_relative(self, target), None
        copy_verified(source, target, sha256)
        return package_relative(self, target), target

    def audit(self, actor: str, action: str, patch_code: Optional[str], detail: Any = None,
              at: Optional[str] = None) -> str:
        """Append an entry to the audit chain (inside the caller's transaction); returns its sha. On a desk the
        name is the one the person gave; the operating-system account it runs under is recorded beside it (an
        entry carried over from elsewhere, with its own time, keeps what it came with)."""
        if at is None and isinstance(detail, dict) and "os_account" not in detail:
            detail = dict(detail, os_account=os_account())
        return audit_chain.append(self.conn, at or now_iso(), actor or "", action, patch_code,
                                  json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str))

    def audit_entries(self, patch_code: Optional[str] = None) -> List[sqlite3.Row]:
        if patch_code is None:
            return list(self.conn.execute("SELECT * FROM audit_log ORDER BY fid"))
        return list(self.conn.execute("SELECT * FROM audit_log WHERE patch_code=? ORDER BY fid", (patch_code,)))

    # -- the patch list (gui.patch_model): one tuple a patch, the same from every store ---------------------------
    def patch_list_rows(self, codes: Optional[List[str]] = None) -> List[tuple]:
        """(code, township, class, 耕地 mu, verdict, state, blocking, verifier) of every patch (or of `codes`)."""
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: no per-row conversion
        where = f" WHERE p.code IN ({','.join('?' for _ in codes)})" if codes else ""
        return cur.execute(f"{PATCH_LIST_SQL.format(s='')}{where} ORDER BY p.code", list(codes or [])).fetchall()

    def patch_list_codes(self, **filters) -> List[str]:
        """The codes the list shows, filtered and in its order (rows.patch_list_codes_sql says how)."""
        sql, args = patch_list_codes_sql("", **filters)
        cur = self.conn.cursor()
        cur.row_factory = None
        return [r[0] for r in cur.execute(sql, args)]

    def patch_list_values(self) -> List[tuple]:
        """(township, class name) pairs the patches hold: what the list's filters offer."""
        return self.conn.execute(PATCH_LIST_VALUES_SQL.format(s="")).fetchall()

    def coverage_counts(self) -> Tuple[int, int, int, int, int]:
        """(patches, verified, passed, blocking findings, patches with blocking findings)."""
        return tuple(int(x or 0) for x in self.conn.execute(COVERAGE_SQL.format(s="")).fetchone())

    def overdue_count(self, cutoff_iso: str) -> int:
        """Patches issued on or before the cutoff and not passed (月清, 002 §三(二)3)."""
        return self.conn.execute(OVERDUE_SQL.format(s=""), (cutoff_iso,)).fetchone()[0]

    def verification_shown(self, code: str) -> Optional[Verification]:
        """The verification as the dock shows it (one person a package: the same as verification())."""
        return self.verification(code)

    def patch_fid(self, code: str) -> Optional[int]:
        row = self.conn.execute("SELECT fid FROM patches WHERE code=?", (code,)).fetchone()
        return row[0] if row else None

    # -- what the package check asks of a store (services.package_check) --------------------------------------
    def evidence_file_problems(self, code: Optional[str] = None) -> List[tuple]:
        """(fid, patch code, path, 'missing', 'changed' or 'outside') of evidence files no longer as attached, or
        whose record names a place outside the package's evidence folder or has no sha256 (written behind the
        plugin's back: such a file never goes into a package)."""
        base, out = os.path.dirname(self.path), []
        paths = EvidencePaths(base)
        sql = "SELECT fid, patch_code, path, size, sha256 FROM evidence" + (" WHERE patch_code=?" if code else "")
        for fid, patch_code, path, size, sha in self.conn.execute(sql, (code,) if code else ()):
            why, actual = paths.checked(path, sha)
            if why:
                out.append((fid, patch_code, path, "outside"))
                continue
            if actual is None:
                out.append((fid, patch_code, path, "missing"))
                continue
            if size is not None and actual != size:
                out.append((fid, patch_code, path, "changed"))
        return out

    def open_conflict_rows(self, code: Optional[str] = None) -> List[tuple]:
        """(fid, patch code, township) of conflicts not yet decided."""
        sql = "SELECT fid, patch_code, township FROM conflicts WHERE resolved_at IS NULL" + \
              (" AND patch_code=?" if code else "")
        return self.conn.execute(sql, (code,) if code else ()).fetchall()

    def integrity_problems(self) -> List[str]:
        return audit_chain.chain_problems(self.conn) + audit_chain.guard_problems(self.conn)

    def photos_sharing(self, code: str, hashes: List[str]) -> List[str]:
        """Other patches with a photo of one of these hashes."""
        return [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT patch_code FROM evidence WHERE kind='photo' AND patch_code<>? AND sha256 IN "
            f"({','.join('?' for _ in hashes)})", [code] + list(hashes))]

    def set_blocking(self, code: str, blocking: int) -> None:
        row = self.conn.execute("SELECT blocking FROM patches WHERE code=?", (code,)).fetchone()
        if row is not None and row[0] == blocking:
            return  # as stored: no write (the patch page asks after every look at a patch)
        with self.transaction():
            self.conn.execute("UPDATE patches SET blocking=? WHERE code=?", (blocking, code))

    def evidence_details(self, evidence_id: int) -> Optional[tuple]:
        """(azimuth as the camera wrote it, its reference T/M, make, model, original name, problem codes)."""
        return self.conn.execute(f"SELECT {EVIDENCE_DETAILS} FROM evidence WHERE fid=?", (evidence_id,)).fetchone()

    def evidence_file(self, e) -> str:
        """Where an evidence record's file is on this computer: inside the package's folder, or refused (a record
        written behind the plugin's back may name '../…' or a file with no sha256: it never leaves the package)."""
        base = os.path.dirname(self.path)
        why = evidence_path_problem(base, e.path, e.sha256)
        if why:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: evidence of {code} names {file!r}, {why}; it "
                                                                "is not used"),
                                   path=self.path, code=e.patch_code, file=e.path, why=why))
        return os.path.join(base, e.path)

    # -- keys (store.keys): a GeoPackage signs with its desk's key and trusts what its desk trusts --------------------
    def signing_party(self) -> str:
        from ..core.signing import county_party, township_party

        county = self.meta("county_code") or ""
        if self.meta("kind") == "assignment":
            return township_party(county, self.meta("township") or "")
        return county_party(county)

    def signer(self):
        from .keys import Desk

        return Desk.current().signer(self.signing_party())

    def trusted_key(self, party: str):
        from .keys import Desk

        return Desk.current().trusted_key(party)

    def trusted_keys(self) -> list:
        from .keys import Desk

        return Desk.current().trusted_keys()

    def trust_key(self, key, actor: str) -> None:
        """Trust key for its party from now on: on the desk, and in this package's audit log."""
        from .keys import Desk

        with self.transaction():
            self.audit(actor, "trust_key", None, trust_detail(key))
            Desk.current().trust_key(key, actor)

    def audit_head(self) -> Tuple[int, str]:
        """(entries, sha of the last one) of the audit chain."""
        return audit_chain.head_of(self.conn.execute("SELECT count(*), max(fid) FROM audit_log").fetchone(),
                                   self.conn.execute("SELECT sha FROM audit_log ORDER BY fid DESC LIMIT 1").fetchone())

    def audit_shas(self) -> List[str]:
        return [r[0] for r in self.conn.execute("SELECT sha FROM audit_log ORDER BY fid")]

    # -- metadata ---------------------------------------------------------------------------------------------------
    def meta(self, key: str) -> Optional[str]:
        row = self.conn.execute("SELECT value FROM package_meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def meta_all(self) -> Dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM package_meta")}

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO package_meta(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    def set_meta(self, key: str, value: str, actor: str = "") -> None:
        with self.transaction():
            self._set_meta(key, value)
            self.audit(actor, "set_meta", None, {key: value})

    # -- patches ----------------------------------------------------------------------------------------------------
    def patch_codes(self) -> Set[str]:
        return {r[0] for r in self.conn.execute("SELECT code FROM patches")}

    def add_patches(self, records: Iterable[Dict[str, Any]], source: str, actor: str = "",
                    report: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Add new patches; codes already in the package are left untouched and listed as skipped."""
        names = [f for f, _ in PATCH_FIELDS]
        sql = (f"INSERT INTO patches(geom, {', '.join(names)}) "
               f"VALUES (?, {', '.join('?' for _ in names)})")
        existing = self.patch_codes()
        added, skipped = [], []
        with self.transaction():
            cur = self.conn.execute("INSERT INTO imports(source, imported_at, actor, added, skipped, report) "
                                    "VALUES (?,?,?,?,?,?)", (source, now_iso(), actor, 0, 0, None))
            import_id = cur.lastrowid
            rows = []
            for rec in records:
                code = rec["code"]
                if code in existing:
                    skipped.append(code)
                    continue
                existing.add(code)
                rec = dict(rec, import_id=import_id, state="unverified", blocking=None)
                rows.append([gpkg_blob.encode(rec.get("wkb"), PATCH_SRS)] + [rec.get(n) for n in names])
                added.append(code)
            self.conn.executemany(sql, rows)
            full_report = dict(report or {}, added=len(added), skipped_existing=skipped)
            self.conn.execute("UPDATE imports SET added=?, skipped=?, report=? WHERE fid=?",
                              (len(added), len(skipped), json.dumps(full_report, ensure_ascii=False), import_id))
            self.audit(actor, "import_patches", None,
                       {"source": source, "added": len(added), "skipped_existing": len(skipped)})
            self._keep_patch_extent()
        return {"added": added, "skipped_existing": skipped, "import_id": import_id}

    def patches(self, with_geometry: bool = True, codes: Optional[Sequence[str]] = None) -> List[Patch]:
        sql = f"SELECT {PATCH_COLUMNS}{', geom' if with_geometry else ''} FROM patches"
        params: Sequence = ()
        if codes is not None:
            sql += f" WHERE code IN ({','.join('?' for _ in codes)})"
            params = list(codes)
        out = []
        for r in self.conn.execute(sql + " ORDER BY code", params):
            out.append(patch_from_row(r, gpkg_blob.decode(r[16]) if with_geometry else None))
        return out

    def patch(self, code: str, with_geometry: bool = True) -> Patch:
        found = self.patches(with_geometry, [code])
        if not found:
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: no patch with code {code}"), path=self.path, code=code))
        return found[0]

    def patches_near(self, lon: float, lat: float, margin_deg: float) -> List[Patch]:
        """Patches whose bounding box comes within margin_deg of a point (through the GeoPackage R-tree)."""
        codes = [r[0] for r in self.conn.execute(
            "SELECT p.code FROM rtree_patches_geom r JOIN patches p ON p.fid = r.id "
            "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?",
            (lon + margin_deg, lon - margin_deg, lat + margin_deg, lat - margin_deg))]
        return self.patches(True, codes) if codes else []

    def issued_attributes(self, code: str) -> Dict[str, Any]:
        row = self.conn.execute("SELECT issued_json FROM patches WHERE code=?", (code,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def set_military(self, code: str, military: bool, actor: str) -> None:
        with self.transaction():
            self.patch(code, with_geometry=False)
            self.conn.execute("UPDATE patches SET military=? WHERE code=?", (int(military), code))
            refresh_states(self.conn, [code])  # the mark is reviewed: a changed one needs a new review
            self.audit(actor, "set_military", code, {"military": bool(military)})

    # -- verifications ----------------------------------------------------------------------------------------------
    def verification(self, code: str) -> Optional[Verification]:
        row = self.conn.execute("SELECT * FROM verifications WHERE patch_code=?", (code,)).fetchone()
        return _verification(row) if row else None

    def set_verification(self, code: str, actor: str, **fields: Any) -> Verification:
        """Change some fields of a patch's verification; verifier and time are the actor and now."""
        fields = checked_verification_fields(fields, actor)
        with self.transaction():
            self.patch(code, with_geometry=False)
            before = self.conn.execute("SELECT * FROM verifications WHERE patch_code=?", (code,)).fetchone()
            values = dict(fields, verifier=actor, verified_at=now_iso())
            if before is None:
                cols = ["patch_code"] + list(values)
                self.conn.execute(f"INSERT INTO verifications({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                                  [code] + list(values.values()))
            else:
                sets = ", ".join(f"{k}=?" for k in values)
                self.conn.execute(f"UPDATE verifications SET {sets} WHERE patch_code=?", list(values.values()) + [code])
            old = {k: before[k] for k in fields} if before is not None else {}
            refresh_states(self.conn, [code])
            self.audit(actor, "set_verification", code, {"before": old, "after": fields})
        return self.verification(code)

    def put_verification(self, v: Verification, actor: str, audit_detail: Dict[str, Any]) -> None:
        """Write a verification exactly as it comes (verifier and time kept), e.g. from a township's return
        package; the audit entry names who imported it and from where."""
        with self.transaction():
            self.patch(v.patch_code, with_geometry=False)
            before = self.verification(v.patch_code)
            values = {f: getattr(v, f) for f, _ in VERIFICATION_FIELDS if f != "patch_code"}
            for flag in ("illegal_cultivated_housing", "nonagri"):
                if values[flag] is not None:
                    values[flag] = int(bool(values[flag]))
            self.conn.execute("DELETE FROM verifications WHERE patch_code=?", (v.patch_code,))
            cols = ["patch_code"] + list(values)
            self.conn.execute(f"INSERT INTO verifications({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                              [v.patch_code] + list(values.values()))
            refresh_states(self.conn, [v.patch_code])
            self.audit(actor, "import_verification", v.patch_code,
                       dict(audit_detail, before=verification_dict(before), after=verification_dict(v)))

    # -- reviews ----------------------------------------------------------------------------------------------------
    def add_review(self, code: str, reviewer: str, decision: str, opinion: Optional[str] = None) -> Review:
        if decision not in (PASS, RETURN):
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "review decision must be '{pass_}' or '{return_}', not {decision!r}"), pass_=PASS, return_=RETURN, decision=decision))
        if not (reviewer or "").strip():
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "a review needs the name of the reviewer")))
        with self.transaction():
            self.patch(code, with_geometry=False)
            if decision == PASS:
                held = self.records(code).get(code, {})
                mark = held.get(records.MARK)
                if mark is not None and mark.needs_collective_review and records.COLLECTIVE_REVIEW not in held:
                    raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: marked disputed or key, it is decided by collective review (集体研究) before it can pass; record the collective review first"), code=code))
            at = now_iso()
            content = reviewed_content_sha(self.verification(code), (e.sha256 for e in self.evidence(code)),
                                           bool(self.patch(code, with_geometry=False).military))
            self.conn.execute("INSERT INTO reviews(patch_code, reviewer, decision, opinion, reviewed_at, content_sha) "
                              "VALUES (?,?,?,?,?,?)", (code, reviewer, decision, opinion, at, content))
            refresh_states(self.conn, [code])
            self.audit(reviewer, "review", code, {"decision": decision, "opinion": opinion, "content_sha": content})
        return Review(code, reviewer, decision, opinion, at, content)

    def set_blocking_counts(self, counts: Dict[str, int]) -> None:
        """Store each patch's number of blocking findings (after a check); patches not named get 0."""
        with self.transaction():
            current = {r[0]: r[1] for r in self.conn.execute("SELECT code, blocking FROM patches")}
            changes = [(counts.get(c, 0), c) for c, old in current.items() if old != counts.get(c, 0)]
            self.conn.executemany("UPDATE patches SET blocking=? WHERE code=?", changes)
            if self.conn.execute("SELECT min_x IS NULL FROM gpkg_contents WHERE table_name='patches'").fetchone()[0]:
                self._keep_patch_extent()  # a package made by an earlier version: its next open is quicker

    def _keep_patch_extent(self) -> None:
        """The patches' extent in gpkg_contents, from their R-tree: QGIS reads it there when it opens the layer
        instead of reading every patch (40 ms of the dock's open on a county's year). Informative, as the
        GeoPackage standard has it: it only chooses the map's first view and CRS zone."""
        self.conn.execute("UPDATE gpkg_contents SET (min_x, min_y, max_x, max_y) = (SELECT min(minx), min(miny), "
                          "max(maxx), max(maxy) FROM rtree_patches_geom) WHERE table_name = 'patches'")

    def state(self, code: str) -> Optional[str]:
        """The patch's review state, derived from its rows (never the stored column, which is for maps)."""
        return derived_states(self.conn, [code]).get(code)

    def states(self, codes: Optional[Sequence[str]] = None) -> Dict[str, str]:
        """code → review state derived from the rows, for these patches (all without codes)."""
        return derived_states(self.conn, codes)

    def all_reviews(self) -> Dict[str, List[Review]]:
        """code → every review of the patch, oldest first."""
        return reviews_by_patch(self.conn)

    def patch_centers(self) -> Dict[str, Tuple[Optional[float], Optional[float]]]:
        """code → the issued centre (LZB, BZB)."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute("SELECT code, center_lon, center_lat FROM patches")}

    def reviews(self, code: str) -> List[Review]:
        return reviews_by_patch(self.conn, [code]).get(code, [])

    # -- evidence ---------------------------------------------------------------------------------------------------
    def add_evidence(self, code: str, record: Dict[str, Any], actor: str, keep_origin: bool = False,
                     audit_detail: Optional[Dict[str, Any]] = None) -> int:
        """Record one evidence file (already copied under evidence_dir); returns its id. keep_origin keeps the
        record's own added_by/added_at (evidence coming back from a township)."""
        names = [f for f, _ in EVIDENCE_FIELDS]
        rec = dict(record, patch_code=code)
        if not keep_origin or not rec.get("added_by"):
            rec.update(added_by=actor, added_at=now_iso())
        geom = None
        if rec.get("longitude") is not None and rec.get("latitude") is not None:
            from shapely.geometry import Point
            geom = gpkg_blob.encode(Point(rec["longitude"], rec["latitude"]).wkb, EVIDENCE_SRS)
        with self.transaction():
            self.patch(code, with_geometry=False)
            cur = self.conn.execute(f"INSERT INTO evidence(geom, {', '.join(names)}) "
                                    f"VALUES (?, {', '.join('?' for _ in names)})", [geom] + [rec.get(n) for n in names])
            self.audit(actor, "add_evidence", code, {"id": cur.lastrowid, "kind": rec.get("kind"),
                                                     "path": rec.get("path"), "sha256": rec.get("sha256"),
                                                     **(audit_detail or {})})
            return cur.lastrowid

    def evidence_with_sha(self, code: str, sha256: str) -> Optional[int]:
        """The id of the patch's evidence with these bytes, if any."""
        row = self.conn.execute("SELECT fid FROM evidence WHERE patch_code=? AND sha256=? ORDER BY fid LIMIT 1",
                                (code, sha256)).fetchone()
        return row[0] if row else None

    def attach_file(self, code: str, source: str, record: Dict[str, Any], actor: str) -> int:
        """Keep a file as the patch's evidence: a checked copy under evidence_dir/<code>/ (photos named
        <JCBH>_<序号>), then its record (`record` without path). Returns the evidence id."""
        from .evidence_folder import copy_into_package

        self.patch(code, with_geometry=False)
        rel = copy_into_package(self, code, source, record["sha256"], record.get("kind"))
        return self.add_evidence(code, dict(record, path=rel), actor)

    def remove_evidence(self, evidence_id: int, actor: str, audit_detail: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Detach an evidence record; the file stays where it is (evidence is never deleted from disk). Returns
        the record as it was, which add_evidence(…, keep_origin=True) attaches again (undo)."""
        names = [f for f, _ in EVIDENCE_FIELDS]
        with self.transaction():
            row = self.conn.execute(f"SELECT {', '.join(names)} FROM evidence WHERE fid=?", (evidence_id,)).fetchone()
            if row is None:
                raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: no evidence with id {evidence_id}"), path=self.path, evidence_id=evidence_id))
            record = dict(zip(names, row))
            self.conn.execute("DELETE FROM evidence WHERE fid=?", (evidence_id,))
            self.audit(actor, "remove_evidence", record["patch_code"],
                       {"id": evidence_id, "path": record["path"], "sha256": record["sha256"], **(audit_detail or {})})
        return record

    def evidence(self, code: Optional[str] = None) -> List[Evidence]:
        rows = self.conn.execute(f"SELECT {EVIDENCE_COLUMNS} FROM evidence" +
                                 (" WHERE patch_code=? ORDER BY fid" if code else " ORDER BY fid"),
                                 (code,) if code else ())
        return [evidence_from_row(r) for r in rows]

    def boundary_documents(self, code: Optional[str] = None) -> Dict[str, List[Evidence]]:
        """Patch code → its documents that are approval boundaries (GeoJSON), oldest first."""
        rows = self.conn.execute(f"SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE kind = 'document' AND "
                                 f"lower(path) LIKE '%.geojson'" + (" AND patch_code=?" if code else "") +
                                 " ORDER BY fid", (code,) if code else ())
        out: Dict[str, List[Evidence]] = {}
        for e in (evidence_from_row(r) for r in rows):
            out.setdefault(e.patch_code, []).append(e)
        return out

    def evidence_hashes(self) -> Dict[str, List[str]]:
        """sha256 → patch codes of every photo or document recorded."""
        out: Dict[str, List[str]] = {}
        for sha, code in self.conn.execute("SELECT sha256, patch_code FROM evidence WHERE sha256 IS NOT NULL"):
            out.setdefault(sha, []).append(code)
        return out

    # -- everything the rules need ------------------------------------------------------------------------------------
    def snapshot(self, part: Optional[Tuple[Optional[str], Optional[str]]] = None) -> PackageSnapshot:
        """Everything the rules need, for every patch, or for a share of them: part = (first code, the code the
        share stops before), either end open (None); a check split over processes reads a share each. Rows come
        as plain tuples (no sqlite3.Row for 300,000 of them)."""
        rows = self.conn.cursor()
        rows.row_factory = None
        where, params = code_range("code", part)
        snap = PackageSnapshot(patches=[patch_from_row(r) for r in rows.execute(
            f"SELECT {PATCH_COLUMNS} FROM patches{where} ORDER BY code", params)])
        where, params = code_range("patch_code", part)
        snap.verifications = verifications_by_patch(rows.execute(
            f"SELECT {', '.join(f for f, _ in VERIFICATION_FIELDS)} FROM verifications{where}", params))
        evidence: Dict[str, List[Evidence]] = {}
        for r in rows.execute(f"SELECT {EVIDENCE_COLUMNS} FROM evidence{where} ORDER BY fid", params):
            found = evidence.get(r[1])
            if found is None:
                evidence[r[1]] = [Evidence(*r)]
            else:
                found.append(Evidence(*r))
        snap.evidence = evidence
        snap.reviews.update(reviews_by_patch(self.conn, part=part))
        snap.records = records_from_rows(rows.execute(
            f"SELECT patch_code, kind, data FROM patch_records{where} ORDER BY fid", params))
        snap.meta = self.meta_all()
        snap.label = os.path.basename(self.path)
        return snap

    def shared_photo_hashes(self) -> Dict[str, set]:
        """sha256 → patch codes, of photo files attached to more than one patch (what core.rules'
        shared_photo_hashes finds in a whole snapshot, for a check that reads a share of it): the hashes found
        twice come from the hash index alone, and only their rows are read."""
        by_hash: Dict[str, set] = {}
        for sha, code in self.conn.execute(
                "SELECT sha256, patch_code FROM evidence WHERE kind = 'photo' AND sha256 IN (SELECT sha256 FROM "
                "evidence WHERE sha256 IS NOT NULL AND sha256 <> '' GROUP BY sha256 HAVING count(*) > 1)"):
            by_hash.setdefault(sha, set()).add(code)
        return {sha: codes for sha, codes in by_hash.items() if len(codes) > 1}

    def patch_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM patches").fetchone()[0]

    def reading_elsewhere_sees_this_moment(self) -> bool:
        """Whether another connection opened now would see what this one sees (not inside a transaction)."""
        return not self.conn.in_transaction

    def codes_at(self, shares: Sequence[float]) -> List[str]:
        """The patch codes at these shares of the patches in code order (where a split check cuts them)."""
        codes = [r[0] for r in self.conn.execute("SELECT code FROM patches ORDER BY code")]
        return [codes[min(len(codes) - 1, int(len(codes) * s))] for s in shares] if codes else []

    @classmethod
    def open_for_reading(cls, path: str) -> "WorkPackage":
        """A connection that cannot write (a check's helper process reads the package its parent opened and
        migrated); refused unless the package is a work package of this schema version."""
        from pathlib import Path

        conn = sqlite3.connect(Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_S)  # file:///… (file:///C:/… on Windows), percent-encoded
        conn.row_factory = sqlite3.Row
        wp = cls(path, conn)
        if wp.meta("schema_version") != str(SCHEMA_VERSION):
            conn.close()
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: schema version {version} is newer than this plugin supports ({schema_version}); update the plugin to open it"), path=path, version=wp.meta("schema_version"), schema_version=SCHEMA_VERSION))
        return wp

    # -- what the county records beside the verdict (core.records) ----------------------------------------------
    def add_record(self, code: str, record, actor: str, source: Optional[str] = None, foreign_name: bool = False) -> int:
        """Append a record (a core.records object, already checked) for a patch; it supersedes the patch's
        earlier record of the same kind, which stays as history."""
        if not (actor or "").strip():
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "a record needs the name of who records it")))
        kind = records.kind_of(record)
        data = records.record_data(record)
        with self.transaction():
            self.patch(code, with_geometry=False)
            if kind == records.ACCEPTANCE and record.evidence_ids:
                own = {r[0] for r in self.conn.execute("SELECT fid FROM evidence WHERE patch_code=?", (code,))}
                foreign = sorted(set(record.evidence_ids) - own)
                if foreign:
                    raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: evidence {value} is not attached to this patch"), code=code, value=", ".join(map(str, foreign))))
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            cur = self.conn.execute("INSERT INTO patch_records(patch_code, kind, data, recorded_by, recorded_at, source) "
                                    "VALUES (?,?,?,?,?,?)", (code, kind, text, actor, now_iso(), source))
            self.audit(actor, "record_" + kind, code, {"id": cur.lastrowid, "data": data, "source": source})
            return cur.lastrowid

    def records(self, code: Optional[str] = None) -> Dict[str, Dict[str, Any]]:
        """code → kind → the record that holds (the latest), for one patch or all."""
        sql = "SELECT patch_code, kind, data FROM patch_records"
        return records_from_rows(self.conn.execute(sql + (" WHERE patch_code=? ORDER BY fid" if code else
                                                          " ORDER BY fid"), (code,) if code else ()))

    def record_history(self, code: str) -> List[sqlite3.Row]:
        return list(self.conn.execute("SELECT * FROM patch_records WHERE patch_code=? ORDER BY fid", (code,)))


def verification_dict(v: Optional[Verification]) -> Optional[Dict[str, Any]]:
    if v is None:
        return None
    return {f: getattr(v, f) for f, _ in VERIFICATION_FIELDS}


def _verification(row: sqlite3.Row) -> Verification:
    return verification_from_row([row[f] for f, _ in VERIFICATION_FIELDS])
