"""What the office package reads: patches, verifications with their versions, reviews, records, states
and the snapshot the rules evaluate."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import PackageSnapshot, Patch, Review, Verification
from .office_connection import (
    _REV,
    _VER,
    SERVER_ONLY_META,
    _server_call,
)
from .rows import (
    COVERAGE_SQL,
    EVIDENCE_COLUMNS,
    OVERDUE_SQL,
    PATCH_COLUMNS,
    PATCH_LIST_SQL,
    PATCH_LIST_VALUES_SQL,
    evidence_from_row,
    patch_from_row,
    patch_list_codes_sql,
    records_from_rows,
)
from .states import verification_from_row
from .work_package import PackageError


class OfficeReads:
    """Reads; inside one_moment() every read sees the same snapshot."""

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
    def open_conflict_rows(self, code: Optional[str] = None) -> List[tuple]:
        where, args = (" AND patch_code = %s", (code,)) if code else ("", ())
        return self._rows(f"SELECT fid, patch_code, township FROM {self.schema}.conflicts WHERE resolved_at IS NULL"
                          f"{where} ORDER BY fid", args)

    @_server_call
    def photos_sharing(self, code: str, hashes: List[str]) -> List[str]:
        return [r[0] for r in self._rows(f"SELECT DISTINCT patch_code FROM {self.schema}.evidence WHERE kind = "
                                         f"'photo' AND patch_code <> %s AND sha256 = ANY(%s)", (code, list(hashes)))]

    @_server_call
    def patch_list_rows(self, codes: Optional[List[str]] = None) -> List[tuple]:
        """The same rows as WorkPackage.patch_list_rows (the patch list does not care where they come from)."""
        where, args = (" WHERE p.code = ANY(%s)", (list(codes),)) if codes else ("", ())
        return self._rows(f"{PATCH_LIST_SQL.format(s=self.schema + '.')}{where} ORDER BY p.code", args)

    @_server_call
    def patch_list_codes(self, **filters) -> List[str]:
        """As WorkPackage.patch_list_codes (the same SQL)."""
        sql, args = patch_list_codes_sql(self.schema + ".", **filters)
        return [r[0] for r in self._rows(sql.replace("?", "%s"), args)]

    @_server_call
    def patch_list_values(self) -> List[tuple]:
        return self._rows(PATCH_LIST_VALUES_SQL.format(s=self.schema + "."))

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
    def record_history(self, code: str) -> List[Dict[str, Any]]:
        names = ["fid", "patch_code", "kind", "data", "recorded_by", "recorded_at", "source"]
        return [dict(zip(names, r)) for r in self._rows(
            f"SELECT {', '.join(names)} FROM {self.schema}.patch_records WHERE patch_code = %s ORDER BY fid",
            (code,))]
