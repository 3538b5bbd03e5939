"""The derived review state of patches (unverified, awaiting_review, passed, returned, resubmitted,
invalid_review), computed by the core's rule from the verifications, reviews and evidence, and stored on the
patch for maps and lists only: the check and the upload gate compute it again and never read the stored one."""
from __future__ import annotations

import sqlite3
from typing import Dict, Iterable, List, Optional

from ..core.model import Review, Verification, reviewed_content_sha
from ..core.rules import review_state
from .schema import REVIEW_FIELDS, VERIFICATION_FIELDS

_REVIEW_COLUMNS = ", ".join(f for f, _ in REVIEW_FIELDS)
_VERIFICATION_COLUMNS = ", ".join(f for f, _ in VERIFICATION_FIELDS)


def _where(codes: Optional[List[str]], column: str = "patch_code"):
    if codes is None:
        return "", []
    return f" WHERE {column} IN ({','.join('?' for _ in codes)})", list(codes)


def reviews_by_patch(conn: sqlite3.Connection, codes: Optional[Iterable[str]] = None) -> Dict[str, List[Review]]:
    """Every review of these patches (all without codes), oldest first."""
    where, params = _where(None if codes is None else list(codes))
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
