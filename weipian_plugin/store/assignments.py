"""Which township holds which patch, the county's state of each patch when it was handed out, and conflicts.

When the county hands a patch to a township it records fingerprints of its own verification and reviews of
that patch (the *base*). A return package is compared with the base: the township changed the patch if its
verification differs from the base verification; the county changed it meanwhile if its verification or
reviews differ from the base state. When both changed, the township's version is kept as a conflict beside the
county's, never written over it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from typing import Any, Dict, Iterable, List, Optional, Tuple

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import Verification
from .work_package import PackageError, WorkPackage, now_iso, verification_dict

_VERIFICATION_KEYS = ("verdict", "subtype", "category", "illegal_cultivated_housing", "basis", "approval_no",
                      "rectification", "verifier", "verified_at")


def _sha(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def verification_sha(v: Optional[Verification]) -> str:
    if v is None:
        return _sha(None)
    d = verification_dict(v)
    if d["illegal_cultivated_housing"] is not None:
        d["illegal_cultivated_housing"] = bool(d["illegal_cultivated_housing"])
    return _sha({k: d[k] for k in _VERIFICATION_KEYS})


def state_sha(wp: WorkPackage, code: str) -> str:
    """The county's verification and reviews of a patch, as one fingerprint."""
    reviews = [(r.reviewer, r.decision, r.opinion, r.reviewed_at) for r in wp.reviews(code)]
    return _sha({"verification": verification_sha(wp.verification(code)), "reviews": reviews})


def evidence_shas(wp: WorkPackage, code: str) -> List[str]:
    return sorted(e.sha256 for e in wp.evidence(code) if e.sha256)


@dataclass
class Assignment:
    assignment_id: str
    township: str
    patch_code: str
    base_verification_sha: str
    base_state_sha: str
    base_evidence: List[str]
    exported_at: str
    exported_by: str


def _assignment(row: Dict[str, Any]) -> Assignment:
    return Assignment(row["assignment_id"], row["township"], row["patch_code"], row["base_verification_sha"],
                      row["base_state_sha"], json.loads(row["base_evidence"] or "[]"), row["exported_at"],
                      row["exported_by"])


AssignmentRow = tuple  # the assignments table's columns after fid, in order


def assignment_rows(wp: WorkPackage, assignment_id: str, township: str, codes: Iterable[str],
                    actor: str) -> List[AssignmentRow]:
    """The rows that will record handing these patches to a township now, with the county's base state."""
    at = now_iso()
    return [(assignment_id, township, c, verification_sha(wp.verification(c)), state_sha(wp, c),
             json.dumps(evidence_shas(wp, c)), at, actor) for c in codes]


def insert_assignment_rows(wp: WorkPackage, rows: List[AssignmentRow], actor: Optional[str] = None) -> None:
    """Store assignment rows; with an actor also the audit entry (the county's own record)."""
    with wp.transaction():
        wp.run_many("INSERT INTO assignments(assignment_id, township, patch_code, base_verification_sha, "
                    "base_state_sha, base_evidence, exported_at, exported_by) VALUES (?,?,?,?,?,?,?,?)", rows)
        if actor is not None and rows:
            wp.audit(actor, "assign_patches", None, {"assignment_id": rows[0][0], "township": rows[0][1],
                                                     "patches": len(rows)})


def assignment(wp: WorkPackage, assignment_id: str) -> Dict[str, Assignment]:
    """Patch code → its row of one assignment (empty when the county never issued that assignment)."""
    return {r["patch_code"]: _assignment(r) for r in
            wp.select("SELECT * FROM assignments WHERE assignment_id=? ORDER BY fid", (assignment_id,))}


def assignment_township(wp: WorkPackage, assignment_id: str) -> str:
    """The township the county handed this assignment to, by its own record ('' when it never issued it)."""
    rows = wp.select("SELECT township FROM assignments WHERE assignment_id=? ORDER BY fid LIMIT 1", (assignment_id,))
    return rows[0]["township"] if rows else ""


def latest_assignments(wp: WorkPackage) -> Dict[str, Tuple[str, str]]:
    """Patch code → (id, township) of the latest assignment that handed it out."""
    out: Dict[str, Tuple[str, str]] = {}
    for r in wp.select("SELECT patch_code, assignment_id, township FROM assignments ORDER BY fid"):
        out[r["patch_code"]] = (r["assignment_id"], r["township"])
    return out


# -- conflicts ---------------------------------------------------------------------------------------------------

@dataclass
class Conflict:
    id: int
    patch_code: str
    detected_at: str
    source_package: str
    township: str
    township_version: Dict[str, Any]
    county_version: Dict[str, Any]
    resolved_at: Optional[str]
    resolved_by: Optional[str]
    resolution: Optional[str]


def add_conflict(wp: WorkPackage, code: str, source_package: str, township: str, township_version: Dict[str, Any],
                 actor: str) -> Optional[int]:
    """Keep the township's version beside the county's; the same unresolved conflict is recorded once."""
    county_version = {"verification": verification_dict(wp.verification(code)),
                      "reviews": [r.__dict__ for r in wp.reviews(code)]}
    tv = json.dumps(township_version, ensure_ascii=False, sort_keys=True, default=str)
    with wp.transaction():
        for r in wp.select("SELECT township_version FROM conflicts WHERE patch_code=? AND resolved_at IS NULL",
                           (code,)):
            if r["township_version"] == tv:
                return None
        fid = wp.insert_id(
            "INSERT INTO conflicts(patch_code, detected_at, source_package, township, township_version, county_version) "
            "VALUES (?,?,?,?,?,?)", (code, now_iso(), source_package, township, tv,
                                     json.dumps(county_version, ensure_ascii=False, sort_keys=True, default=str)))
        wp.audit(actor, "conflict", code, {"id": fid, "source_package": source_package, "township": township})
        return fid


def conflicts(wp: WorkPackage, unresolved_only: bool = True) -> List[Conflict]:
    sql = "SELECT * FROM conflicts" + (" WHERE resolved_at IS NULL" if unresolved_only else "") + " ORDER BY fid"
    return [Conflict(r["fid"], r["patch_code"], r["detected_at"], r["source_package"], r["township"],
                     json.loads(r["township_version"]), json.loads(r["county_version"]), r["resolved_at"],
                     r["resolved_by"], r["resolution"]) for r in wp.select(sql)]


def resolve_conflict(wp: WorkPackage, conflict_id: int, keep: str, actor: str, reason: str = "") -> None:
    """keep='county' leaves the county's verification; keep='township' writes the township's (as it came).
    Both versions stay in the conflicts table and the audit log, with who decided and why."""
    if keep not in ("county", "township"):
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "keep must be 'county' or 'township', not {keep!r}"), keep=keep))
    if not (actor or "").strip():
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "resolving a conflict needs the name of who decides")))
    found = [c for c in conflicts(wp, unresolved_only=False) if c.id == conflict_id]
    if not found:
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: no conflict with id {conflict_id}"), path=wp.path, conflict_id=conflict_id))
    c = found[0]
    if c.resolved_at:
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: conflict {conflict_id} was already resolved ({resolution})"), path=wp.path, conflict_id=conflict_id, resolution=c.resolution))
    with wp.transaction():
        if keep == "township" and c.township_version.get("verification"):
            tv = c.township_version["verification"]
            known = {f.name for f in fields(Verification)}
            wp.put_verification(Verification(**{k: v for k, v in tv.items() if k in known}), actor,
                                {"conflict": conflict_id, "kept": "township", "reason": reason})
        wp.run("UPDATE conflicts SET resolved_at=?, resolved_by=?, resolution=? WHERE fid=?",
               (now_iso(), actor, keep, conflict_id))
        wp.audit(actor, "resolve_conflict", c.patch_code, {"id": conflict_id, "kept": keep, "reason": reason})
