"""Rows into the core's objects, the same from every store (GeoPackage or PostgreSQL): the columns read and how
a row becomes a Patch, an Evidence or the records that hold."""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, Optional, Sequence

from ..core import records
from ..core.model import Evidence, Patch

PATCH_COLUMNS = ("code, county_code, township, class_code, class_name, level, earlier_date, later_date, batch, "
                 "area_mu, cultivated_mu, permanent_mu, redline_mu, mineral, military, issued_at")
EVIDENCE_COLUMNS = ("fid, patch_code, kind, path, sha256, size, longitude, latitude, azimuth, taken_at, "
                    "problem_codes, distance_m, azimuth_offset_deg, doc_type")


def patch_from_row(r: Sequence, wkb: Optional[bytes] = None) -> Patch:
    # by position, in Patch's own field order (tests/test_check_worker.py holds it): a county's year reads
    # 100,000 patches at once
    return Patch(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[15], r[9] or 0.0, r[10] or 0.0,
                 r[11] or 0.0, r[12] or 0.0, bool(r[13]), bool(r[14]), wkb)


def evidence_from_row(r: Sequence) -> Evidence:
    return Evidence(*r)


def records_from_rows(rows: Iterable[Sequence]) -> Dict[str, Dict[str, Any]]:
    """(patch_code, kind, data JSON) in their order → code → kind → the record that holds (the latest)."""
    out: Dict[str, Dict[str, Any]] = {}
    for patch_code, kind, text in rows:
        try:
            out.setdefault(patch_code, {})[kind] = records.parse_record(kind, json.loads(text))
        except (ValueError, records.RecordError):
            continue  # written by this plugin, so checked on the way in; an unreadable one does not hold
    return out


# the patch list (gui.patch_model): one tuple a patch, the same from both stores
PATCH_LIST_SQL = ("SELECT p.code, p.township, p.class_name, p.cultivated_mu, v.verdict, p.state, p.blocking, "
                  "v.verifier FROM {s}patches p LEFT JOIN {s}verifications v ON v.patch_code = p.code")
# the list's columns by position in those tuples, as the list filters and sorts on them
PATCH_LIST_COLUMNS = ("p.code", "p.township", "p.class_name", "p.cultivated_mu", "v.verdict", "p.state", "p.blocking",
                      "v.verifier")
PATCH_LIST_VALUES_SQL = "SELECT DISTINCT township, class_name FROM {s}patches"


def patch_list_codes_sql(s: str, states: Optional[Sequence[str]] = None, class_name: Optional[str] = None,
                         township: Optional[str] = None, verifier: Optional[str] = None, column: int = 0,
                         descending: bool = False):
    """(SQL with "?" placeholders, arguments) for the codes of the patches that pass the list's filters, in the
    list's order: by `column` (a position in PATCH_LIST_SQL's rows), empty values last (first when descending),
    ties in code order. A state of NULL is 'unverified'. The same text on both stores."""
    where, args = [], []
    if states:
        where.append(f"coalesce(p.state, 'unverified') IN ({','.join('?' for _ in states)})")
        args.extend(states)
    for expr, value in (("p.class_name", class_name), ("p.township", township), ("v.verifier", verifier)):
        if value is not None:
            where.append(f"{expr} = ?")
            args.append(value)
    direction = " DESC" if descending else ""
    if column:
        expr = PATCH_LIST_COLUMNS[column]
        order = f"({expr} IS NULL){direction}, {expr}{direction}, p.code"
    else:
        order = f"p.code{direction}"
    join = (f" LEFT JOIN {s}verifications v ON v.patch_code = p.code"
            if verifier is not None or PATCH_LIST_COLUMNS[column].startswith("v.") else "")
    sql = (f"SELECT p.code FROM {s}patches p{join}" + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {order}")
    return sql, args


# counts the dock shows, the same SQL on both stores ("?" placeholders; the office store writes them as %s)
# (the blocking findings and the patches holding them are counted in one pass over the patches, not two)
COVERAGE_SQL = ("SELECT (SELECT count(*) FROM {s}patches), "
                "(SELECT count(*) FROM {s}verifications WHERE verdict IS NOT NULL), "
                "(SELECT count(*) FROM {s}patches WHERE state = 'passed'), b.findings, b.patches FROM "
                "(SELECT coalesce(sum(blocking), 0) AS findings, count(*) AS patches FROM {s}patches "
                "WHERE blocking > 0) b")
OVERDUE_SQL = ("SELECT count(*) FROM {s}patches WHERE issued_at IS NOT NULL AND issued_at <> '' AND "
               "substr(issued_at, 1, 10) <= ? AND state <> 'passed' AND coalesce(military, 0) = 0")
EVIDENCE_DETAILS = "azimuth_raw, azimuth_ref, make, model, original_name, problem_codes"
