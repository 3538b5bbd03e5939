"""The derived review state of patches (unverified, awaiting_review, passed, returned, resubmitted,
invalid_review), computed by the core's rule and stored on the patch for maps and lists."""
from __future__ import annotations

import sqlite3
from typing import Dict, Iterable, List, Optional

from ..core.model import Review, Verification
from ..core.rules import review_state


def _verification(row) -> Verification:
    return Verification(patch_code=row[0], verdict=row[1], verifier=row[2], verified_at=row[3])


def states_for(conn: sqlite3.Connection, codes: Optional[Iterable[str]] = None) -> Dict[str, str]:
    where, params = "", []
    if codes is not None:
        params = list(codes)
        if not params:
            return {}
        where = f" WHERE patch_code IN ({','.join('?' for _ in params)})"
    ver = {r[0]: _verification(r) for r in
           conn.execute("SELECT patch_code, verdict, verifier, verified_at FROM verifications" + where, params)}
    rev: Dict[str, List[Review]] = {}
    for r in conn.execute("SELECT patch_code, reviewer, decision, opinion, reviewed_at FROM reviews" + where +
                          " ORDER BY fid", params):
        rev.setdefault(r[0], []).append(Review(*r))
    all_codes = params if codes is not None else [r[0] for r in conn.execute("SELECT code FROM patches")]
    return {c: review_state(ver.get(c), rev.get(c, [])) for c in all_codes}


def refresh_states(conn: sqlite3.Connection, codes: Iterable[str]) -> None:
    conn.executemany("UPDATE patches SET state=? WHERE code=?",
                     [(s, c) for c, s in states_for(conn, list(codes)).items()])


def refresh_all_states(conn: sqlite3.Connection) -> None:
    conn.executemany("UPDATE patches SET state=? WHERE code=?", [(s, c) for c, s in states_for(conn).items()])
