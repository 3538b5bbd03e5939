"""What the office package writes: verifications on the version they were made on, reviews bound to it, the
military mark, records, the states and blocking counts kept for maps and lists."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import Review, Verification, reviewed_content_sha
from ..core.rules import review_state
from .office_connection import (
    _REV,
    _VER,
    StaleSave,
    _server_call,
)
from .states import verification_from_row
from .work_package import PackageError, checked_verification_fields


class OfficeWrites:
    """Writes, each in one transaction with its audit entry; the database stamps who and when."""

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

    def _own_change(self, cur, code: str) -> None:
        """Evidence changed by this desk counted the verification's version up: what the desk showed is still the
        latest unless someone else saved meanwhile (then the next save is refused, as it should be)."""
        cur.execute(f"SELECT version FROM {self.schema}.verifications WHERE patch_code = %s", (code,))
        row = cur.fetchone()
        if row is not None and self._seen.get(code) == int(row[0]) - 1:
            self._seen[code] = int(row[0])

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

    def _set_meta(self, key: str, value: str) -> None:
        self.run("INSERT INTO package_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value", (key, value))

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
