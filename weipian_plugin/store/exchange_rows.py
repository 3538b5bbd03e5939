"""The rows the exchange between county and townships moves, read and written here (the store speaks SQL, the
services ask): a one-township copy of the county's patches for an assignment, a township package's evidence and
audit rows for the return import, the import record both the return and the city's return keep."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import audit_chain
from .schema import EVIDENCE_FIELDS, PATCH_FIELDS, REVIEW_FIELDS, VERIFICATION_FIELDS
from .work_package import WorkPackage, now_iso

DatabaseError = sqlite3.Error  # what a GeoPackage's SQLite raises (a full disk, a locked file)


# -- the assignment: one township's copy ----------------------------------------------------------------------------

def copy_patches_from(target: WorkPackage, county_path: str, codes: Sequence[str], new_prefix: str) -> None:
    """Copy patches, verifications, evidence records and reviews of these codes from the county package into
    target; evidence paths move from '<county>_evidence/…' to '<new_prefix>/…'."""
    conn = target.conn
    conn.execute("ATTACH DATABASE ? AS county", (county_path,))
    try:
        conn.execute("CREATE TEMP TABLE wanted(code TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO wanted VALUES (?)", [(c,) for c in codes])
        with target.transaction():
            pf = ", ".join(f for f, _ in PATCH_FIELDS)
            conn.execute(f"INSERT INTO patches(geom, {pf}) SELECT geom, {pf} FROM county.patches "
                         f"WHERE code IN (SELECT code FROM temp.wanted) ORDER BY fid")
            vf = ", ".join(f for f, _ in VERIFICATION_FIELDS)
            conn.execute(f"INSERT INTO verifications({vf}) SELECT {vf} FROM county.verifications "
                         f"WHERE patch_code IN (SELECT code FROM temp.wanted)")
            rf = ", ".join(f for f, _ in REVIEW_FIELDS)
            conn.execute(f"INSERT INTO reviews({rf}) SELECT {rf} FROM county.reviews "
                         f"WHERE patch_code IN (SELECT code FROM temp.wanted) ORDER BY fid")
            ef = [f for f, _ in EVIDENCE_FIELDS]
            sel = ", ".join("? || substr(path, instr(path, '/'))" if f == "path" else f for f in ef)
            conn.execute(f"INSERT INTO evidence(geom, {', '.join(ef)}) SELECT geom, {sel} FROM county.evidence "
                         f"WHERE patch_code IN (SELECT code FROM temp.wanted) ORDER BY fid", (new_prefix,))
            target.audit("", "receive_assignment", None, {"patches": len(codes)})
        conn.execute("DROP TABLE temp.wanted")
    finally:
        conn.execute("DETACH DATABASE county")


def patch_townships(wp: WorkPackage) -> List[Tuple[str, Optional[str]]]:
    """(code, township) of every patch, by code."""
    return [tuple(r) for r in wp.conn.execute("SELECT code, township FROM patches ORDER BY code")]


def evidence_files(wp: WorkPackage, codes: Optional[Iterable[str]] = None) -> List[Tuple[str, str]]:
    """(path, sha256) of the evidence records of these patches (all, without codes; then each file once)."""
    if codes is None:
        return [tuple(r) for r in wp.conn.execute("SELECT DISTINCT path, sha256 FROM evidence ORDER BY path")]
    codes = list(codes)
    return [tuple(r) for r in wp.conn.execute(
        f"SELECT path, sha256 FROM evidence WHERE patch_code IN ({','.join('?' for _ in codes)}) ORDER BY fid",
        codes)]


# -- the return: what a township's package holds ---------------------------------------------------------------------

def backup_to(wp: WorkPackage, target: str) -> None:
    """A consistent copy of an open work package (SQLite online backup)."""
    dest = sqlite3.connect(target)
    try:
        wp.conn.backup(dest)
    finally:
        dest.close()


def verified_count(wp: WorkPackage) -> int:
    return wp.conn.execute("SELECT count(*) FROM verifications WHERE verdict IS NOT NULL").fetchone()[0]


def evidence_rows_by_patch(wp: WorkPackage) -> Dict[str, List[Dict[str, Any]]]:
    """Every evidence row (all its fields, as a dict), by patch code, oldest first."""
    out: Dict[str, List[Dict[str, Any]]] = {}
    for row in wp.conn.execute("SELECT * FROM evidence ORDER BY fid"):
        out.setdefault(row["patch_code"], []).append(dict(row))
    return out


def evidence_refs(wp: WorkPackage) -> List[Tuple[str, str, str]]:
    """(patch code, path, sha256) of every evidence record, oldest first."""
    return [tuple(r) for r in wp.conn.execute("SELECT patch_code, path, sha256 FROM evidence ORDER BY fid")]


def audit_entries_after(wp: WorkPackage, fid: int) -> List[Tuple]:
    """(fid, at, actor, action, patch code, detail, sha) of the audit entries after fid, oldest first."""
    return [tuple(r) for r in wp.conn.execute(
        "SELECT fid, at, actor, action, patch_code, detail, sha FROM audit_log WHERE fid > ? ORDER BY fid", (fid,))]


def audit_problems(wp: WorkPackage) -> List[str]:
    return audit_chain.chain_problems(wp.conn)


def audit_entry_sha(wp: WorkPackage, fid: int) -> Optional[str]:
    return audit_chain.sha_of_entry(wp.conn, fid)


# -- imports, kept by the county's store (either kind) -----------------------------------------------------------------

def already_imported(store, source: str) -> bool:
    return bool(store.select("SELECT 1 AS found FROM imports WHERE source=?", (source,)))


def record_import(store, source: str, actor: str, added: int, skipped: int, report: Dict[str, Any]) -> None:
    """Inside the caller's transaction: the import of `source` happened (what it added and skipped)."""
    store.run("INSERT INTO imports(source, imported_at, actor, added, skipped, report) VALUES (?,?,?,?,?,?)",
              (source, now_iso(), actor, added, skipped, json.dumps(report, ensure_ascii=False)))
