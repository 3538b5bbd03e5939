"""The derived review state of patches (unverified, awaiting_review, passed, returned, resubmitted,
invalid_review), computed by the core's rule from the verifications, reviews and evidence, and stored on the
patch for maps and lists only: the check and the upload gate compute it again and never read the stored one."""
from __future__ import annotations

import sqlite3
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..core.model import Review, Verification, reviewed_content_sha
from ..core.rules import review_state
from .schema import REVIEW_FIELDS, VERIFICATION_FIELDS

_REVIEW_COLUMNS = ", ".join(f for f, _ in REVIEW_FIELDS)
_VERIFICATION_COLUMNS = ", ".join(f for f, _ in VERIFICATION_FIELDS)


def _where(codes: Optional[List[str]], column: str = "patch_code"):
    if codes is None:
        return "", []
    return f" WHERE {column} IN ({','.join('?' for _ in codes)})", list(codes)


def code_range(column: str, part: Optional[Tuple[Optional[str], Optional[str]]]) -> Tuple[str, list]:
    """A WHERE clause keeping the codes from part[0] up to (not including) part[1]; an end that is None is open."""
    lo, hi = part or (None, None)
    terms = [t for t, v in ((f"{column} >= ?", lo), (f"{column} < ?", hi)) if v is not None]
    return (" WHERE " + " AND ".join(terms) if terms else ""), [v for v in (lo, hi) if v is not None]


def reviews_by_patch(conn: sqlite3.Connection, codes: Optional[Iterable[str]] = None,
                     part: Optional[Tuple[Optional[str], Optional[str]]] = None) -> Dict[str, List[Review]]:
    """Every review of these patches (all without codes; a range of codes with part), oldest first."""
    where, params = _where(None if codes is None else list(codes)) if part is None else code_range("patch_code", part)
    out: Dict[str, List[Review]] = {}
    for r in conn.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews{where} ORDER BY fid", params):
        out.setdefault(r[0], []).append(Review(*r))
    return out


def verification_from_row(row) -> Verification:
    """A Verification from a row of VERIFICATION_FIELDS (a tuple in that order, or a dict by name)."""
    names = [f for f, _ in VERIFICATION_FIELDS]
    values = dict(row) if isinstance(row, dict) else dict(zip(names, tuple(row)))
    for flag in ("illegal_cultivated_housing", "nonagri"):
        values[flag] = None if values.get(flag) is None else bool(values[flag])
    return Verification(**{k: v for k, v in values.items() if k in names})


def verifications_by_patch(rows: Iterable[Sequence]) -> Dict[str, Verification]:
    """Rows of VERIFICATION_FIELDS in order (the order of Verification's own fields) → patch code → Verification;
    a county's year reads 100,000 of them at once, so without verification_from_row's dictionaries."""
    out: Dict[str, Verification] = {}
    for r in rows:
        housing, nonagri = r[4], r[10]
        out[r[0]] = Verification(r[0], r[1], r[2], r[3], None if housing is None else bool(housing), r[5], r[6],
                                 r[7], r[8], r[9], None if nonagri is None else bool(nonagri))
    return out


def states_for(conn: sqlite3.Connection, codes: Optional[Iterable[str]] = None) -> Dict[str, str]:
    """The review state of these patches (all without codes), derived from their rows."""
    codes = None if codes is None else list(codes)
    if codes is not None and not codes:
        return {}
    where, params = _where(codes)
    ver = {r[0]: verification_from_row(r) for r in
           conn.execute(f"SELECT {_VERIFICATION_COLUMNS} FROM verifications{where}", params)}
    rev = reviews_by_patch(conn, codes)
    shas: Dict[str, List[str]] = {}
    for code, sha in conn.execute(f"SELECT patch_code, sha256 FROM evidence{where}", params):
        shas.setdefault(code, []).append(sha)
    marked = {r[0] for r in conn.execute(f"SELECT code FROM patches{_where(codes, 'code')[0]}"
                                         f"{' AND' if codes is not None else ' WHERE'} coalesce(military, 0) <> 0",
                                         _where(codes, 'code')[1])}
    all_codes = codes if codes is not None else [r[0] for r in conn.execute("SELECT code FROM patches")]
    return {c: review_state(ver.get(c), rev.get(c, []),
                            reviewed_content_sha(ver.get(c), shas.get(c, []), c in marked))
            for c in all_codes}


def refresh_states(conn: sqlite3.Connection, codes: Iterable[str]) -> None:
    conn.executemany("UPDATE patches SET state=? WHERE code=?",
                     [(s, c) for c, s in states_for(conn, list(codes)).items()])


def refresh_all_states(conn: sqlite3.Connection) -> None:
    conn.executemany("UPDATE patches SET state=? WHERE code=?", [(s, c) for c, s in states_for(conn).items()])
