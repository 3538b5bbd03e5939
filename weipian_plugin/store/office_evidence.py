"""Evidence in the office package: the bytes in the database (put_bytes / get_bytes), each file written to a
local cache only when looked at and checked against its sha256."""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import Evidence
from .office_connection import (
    _EVI,
    _server_call,
)
from .rows import (
    EVIDENCE_COLUMNS,
    EVIDENCE_DETAILS,
    evidence_from_row,
)
from .work_package import PackageError


class OfficeEvidence:
    """Evidence records and their bytes, through the database's put_bytes / get_bytes."""

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
    def evidence_details(self, evidence_id: int) -> Optional[tuple]:
        rows = self._rows(f"SELECT {EVIDENCE_DETAILS} FROM {self.schema}.evidence WHERE fid = %s", (evidence_id,))
        return rows[0] if rows else None

    @_server_call
    def evidence_file(self, e) -> str:
        """The evidence file on this computer: written from the database the first time it is asked for, checked
        against its sha256 (a file that does not match is written again)."""
        import hashlib

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
