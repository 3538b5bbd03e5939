"""The city hub on the server (store.city_schema): what the counties reported, the city's review of it, and the
rules' inputs per county for the city's figures. One psycopg2 connection; every write is one transaction with
its audit entry (one chain, appended under an advisory lock)."""
from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ..core import records as rec
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import ILLEGAL, LEGAL, OTHER, PackageSnapshot
from ..core.snapshot_json import from_json
from .audit_chain import AUDIT_COLUMNS, problems_in_checked
from .city_schema import DECISIONS, city_roles, create_sql, rights_sql
from .pg_schema import check_schema_name, schema_taken
from .work_package import PackageError, now_iso


class CityHubError(PackageError):
    pass


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def data_sha(data: Any) -> str:
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()


def _new_part() -> Dict[str, Any]:
    """A snapshot's JSON (core.snapshot_json) to be filled with the hub's patch rows."""
    return {"format": 1, "patches": [], "verifications": {}, "evidence": {}, "reviews": {}, "records": {}}


def _add_row(part: Dict[str, Any], data: Dict[str, Any]) -> Dict[str, Any]:
    """One current patch's row (its patch, verification, evidence, reviews and records) into part; returns part."""
    code = data["patch"]["code"]
    part["patches"].append(data["patch"])
    for key in ("verification", "evidence", "reviews", "records"):
        value = data.get(key)
        if value:
            part["verifications" if key == "verification" else key][code] = value
    return part


class CityHub:
    def __init__(self, conn, schema: str, label: Optional[str] = None):
        from .office_package import with_lock_timeout

        self.conn = with_lock_timeout(conn)
        self.schema = check_schema_name(schema)
        self.label = label or schema

    @classmethod
    def create(cls, conn, schema: str, city_code: str, profile: str, actor: str,
               seed: Optional[bytes] = None, counties: Optional[Dict[str, str]] = None) -> "CityHub":
        """A new hub in a new schema (never over an existing one), signing with seed (the creating desk's key
        when None: the city keeps one key whatever hub it works in), for the city's county-level divisions
        (code → name; None: the city's list in resources/divisions, where there is one)."""
        import re

        from .keys import Desk, pg_set_seed

        check_schema_name(schema)
        if not re.match(r"^\d{4}$", city_code or ""):
            raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{value!r} is not a city code (4 digits, e.g. 6109)"),
                                   value=city_code))
        if counties is None:
            counties = city_divisions(city_code)
        strangers = [c for c in counties if not re.fullmatch(r"\d{6}", c) or not c.startswith(city_code)]
        if strangers:
            raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{value}: not county codes of city {city}"),
                                   value=", ".join(strangers[:5]), city=city_code))
        with conn, conn.cursor() as cur:
            taken = schema_taken(cur, schema, city_roles(schema))
            if taken:
                raise CityHubError(taken)
            for sql in create_sql(schema):
                cur.execute(sql)
            cur.executemany(f"INSERT INTO {schema}.hub_meta (key, value) VALUES (%s, %s)",
                            [("kind", "city_hub"), ("city_code", city_code), ("profile", profile),
                             ("counties", canonical(counties))])
            pg_set_seed(cur, schema, seed if seed is not None else Desk.current().seed())
            for sql in rights_sql(schema):  # the rules, once the first settings are in
                cur.execute(sql)
            hub = cls(conn, schema)
            hub._audit(cur, actor, "create_city_hub", None, {"city_code": city_code, "profile": profile,
                                                              "counties": counties})
        return hub

    def close(self) -> None:
        if not self.conn.closed:
            self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- reading ----------------------------------------------------------------------------------------------
    def _rows(self, sql: str, args: Sequence = ()) -> List[tuple]:
        with self.conn.cursor() as cur:
            cur.execute(sql, tuple(args))
            rows = cur.fetchall()
        self.conn.rollback()
        return rows

    def meta(self, key: str) -> Optional[str]:
        rows = self._rows(f"SELECT value FROM {self.schema}.hub_meta WHERE key = %s", (key,))
        return rows[0][0] if rows else None

    def package_fid(self, manifest_sha256: str) -> Optional[int]:
        rows = self._rows(f"SELECT fid FROM {self.schema}.county_packages WHERE manifest_sha256 = %s",
                          (manifest_sha256,))
        return rows[0][0] if rows else None

    def divisions(self) -> Dict[str, str]:
        """The city's county-level divisions (code → name), reporting or not: the hub's setting."""
        try:
            found = json.loads(self.meta("counties") or "{}")
        except ValueError:
            found = {}
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def counties(self) -> List[str]:
        return [r[0] for r in self._rows(f"SELECT DISTINCT county_code FROM {self.schema}.county_packages "
                                         f"ORDER BY 1")]

    def current_patch(self, code: str) -> Optional[Dict[str, Any]]:
        rows = self._rows(f"SELECT fid, county_code, data FROM {self.schema}.current_patches WHERE code = %s", (code,))
        return {"fid": rows[0][0], "county_code": rows[0][1], "data": rows[0][2]} if rows else None

    def patch_list_rows(self) -> List[tuple]:
        """(code, county, township, class, 耕地 mu, the county's verdict) of every current patch."""
        return self._rows(f"SELECT code, county_code, township, class_name, cultivated_mu, verdict "
                          f"FROM {self.schema}.current_patches ORDER BY code")

    def file_bytes(self, shas: Sequence[str]) -> Dict[str, bytes]:
        """sha256 → the file's bytes, as received (the database checked each against its sha256)."""
        if not shas:
            return {}
        return {sha: bytes(data) for sha, data in self._rows(f"SELECT sha256, data FROM {self.schema}.files "
                                                             f"WHERE sha256 = ANY(%s)", (list(shas),))}

    def city_reviews(self, code: Optional[str] = None) -> List[Dict[str, Any]]:
        names = ["fid", "county_code", "code", "patch_fid", "decision", "opinion", "deadline", "determination",
                 "reviewer", "reviewed_at"]
        where, args = ("WHERE code = %s", (code,)) if code else ("", ())
        return [dict(zip(names, r)) for r in self._rows(f"SELECT {', '.join(names)} FROM {self.schema}.city_reviews "
                                                        f"{where} ORDER BY fid", args)]

    def keeps_figures(self) -> bool:
        """Whether this hub keeps each patch's figures beside it (hubs made before it did not)."""
        if "_keeps_figures" not in self.__dict__:
            self._keeps_figures = bool(self._rows(
                "SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = "
                "c.relnamespace WHERE n.nspname = %s AND c.relname = 'county_patches' AND a.attname = "
                "'figures_profile' AND NOT a.attisdropped", (self.schema,)))
        return self._keeps_figures

    def kept_figures(self, fingerprint: str, year: Optional[int], skip: Sequence[str], all_lines: bool
                     ) -> Dict[str, List[tuple]]:
        """The year's figures added up by PostgreSQL from what each current patch adds to them, kept under the
        profile `fingerprint` (the others, and the codes in skip, are the caller's to compute). Returns:
        'counts': (county, patches of the year, 耕地 filled, 耕地 of errors) — every county with a kept patch;
        'shares': (county, bucket, whose verdict, military, patches, 耕地) summed;
        'lines': (county, share) — every share, or (all_lines False) those of a higher level's determination;
        'checks': (county, field-check line) of the patches the city or the province will field-check."""
        s = self.schema
        year_text = None if year is None else str(year)
        # the kept figures as f, each query over the same rows (the view picks each code's latest report)
        kept = (f"WITH k AS (SELECT county_code, figures AS f FROM {s}.current_patches WHERE figures_profile = %s "
                f"AND code <> ALL(%s)) ")
        in_year = "(%s::text IS NULL OR f->>'year' IS NULL OR f->>'year' = %s::text)"
        has_share = "jsonb_typeof(f->'share') = 'object'"
        base = (fingerprint, list(skip))
        out: Dict[str, List[tuple]] = {}
        out["counts"] = self._rows(
            f"{kept}SELECT county_code, count(*) FILTER (WHERE {in_year}), coalesce(sum((f->>'mu')::float8) FILTER "
            f"(WHERE {in_year} AND NOT (f->>'military')::boolean), 0), coalesce(sum((f->>'mu')::float8) FILTER "
            f"(WHERE {in_year} AND NOT (f->>'military')::boolean AND (f->>'error')::boolean), 0) FROM k "
            f"GROUP BY county_code ORDER BY county_code", base + (year_text,) * 6)
        out["shares"] = self._rows(
            f"{kept}SELECT county_code, f->'share'->>'bucket', f->'share'->>'by', (f->'share'->>'military')::boolean, "
            f"count(*), sum((f->'share'->>'mu')::float8) FROM k WHERE {in_year} AND {has_share} "
            f"GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4", base + (year_text,) * 2)
        lines = "" if all_lines else " AND f->'share'->>'by' <> '县级'"
        out["lines"] = self._rows(
            f"{kept}SELECT county_code, f->'share' FROM k WHERE {in_year} AND {has_share} AND "
            f"f->'share'->>'bucket' <> 'military_left_out'{lines} ORDER BY county_code, f->'share'->>'code'",
            base + (year_text,) * 2)
        out["checks"] = self._rows(
            f"{kept}SELECT county_code, f->'check' FROM k WHERE jsonb_typeof(f->'check') = 'object' AND "
            f"(f->'check'->'levels' ? 'city' OR f->'check'->'levels' ? 'province')", base)
        return out

    def review_states(self) -> Dict[str, Tuple[str, str, Optional[Dict[str, Any]]]]:
        """code → (county, state, the review that decides it) for every current patch. States: 'unreviewed',
        'pass', 'return', 'determine', and 'resubmitted' (the county reported the patch again after the city's
        review: the city reviews it again)."""
        out = {}
        rows = self._rows(f"SELECT code, county_code, city_state, decision, opinion, deadline, determination, "
                          f"reviewer, reviewed_at, review_fid FROM {self.schema}.current_review ORDER BY code")
        for code, county, state, decision, opinion, deadline, determination, who, at, rfid in rows:
            review = None if decision is None else {"decision": decision, "opinion": opinion, "deadline": deadline,
                                                    "determination": determination, "reviewer": who,
                                                    "reviewed_at": at, "fid": rfid}
            out[code] = (county, state, review)
        return out

    def snapshots(self, counties: Optional[Iterable[str]] = None,
                  states: Optional[Dict[str, Tuple[str, str, Optional[Dict[str, Any]]]]] = None,
                  figures_profile: Optional[str] = None) -> Dict[str, PackageSnapshot]:
        """county → the rules' inputs of its current patches, with the city's own determinations applied as a
        city-level finding (002 §三(四)1: where the county refuses, the city's determination counts). A higher
        finding the county recorded is its claim: it counts where the hub holds none of its own. states: the
        review states read in the same moment by the caller (review_states), not read again. figures_profile: only
        the patches whose figures are not kept under that profile, and those the city determined (kept_figures
        answers for the others)."""
        s = self.schema
        wanted = sorted(set(counties)) if counties is not None else None
        determined = {code: review for code, (_c, state, review) in (states or self.review_states()).items()
                      if state == "determine"}
        conditions, args = [], []
        if wanted is not None:
            conditions.append("county_code = ANY(%s)")
            args.append(wanted)
        if figures_profile is not None and self.keeps_figures():  # only what the kept figures do not answer
            conditions.append("(figures_profile IS DISTINCT FROM %s OR code = ANY(%s))")
            args += [figures_profile, sorted(determined)]
        where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
        out: Dict[str, PackageSnapshot] = {}
        part: Optional[Dict[str, Any]] = None
        county_of_part = None

        def done() -> None:  # one county's dicts become objects at once: a city's year never sits twice in memory
            if part is None:
                return
            snap = from_json(part, label=county_of_part, checked=False)  # checked on the way in; insert-only
            for code in {p.code for p in snap.patches} & set(determined):
                # a finding in the county's package is the county's claim: it never stands over a finding the
                # hub itself holds (a "province finding" a county wrote once cancelled the city's determination)
                snap.records.setdefault(code, {})[rec.HIGHER_FINDING] = city_finding(determined[code])
            out[county_of_part] = snap

        with self.conn.cursor(name="city_patches") as cur:  # server-side: streamed, county after county
            cur.itersize = 5000
            cur.execute(f"SELECT county_code, data FROM {s}.current_patches {where} ORDER BY county_code", tuple(args))
            for county, data in cur:
                if county != county_of_part:
                    done()
                    part = _new_part()
                    county_of_part = county
                _add_row(part, data)
            done()
        self.conn.rollback()
        return out

    def audit_entries(self) -> List[Dict[str, Any]]:
        names = [c.strip() for c in AUDIT_COLUMNS.split(",")]
        return [dict(zip(names, r)) for r in self._rows(f"SELECT {AUDIT_COLUMNS} FROM {self.schema}.audit_log "
                                                        f"ORDER BY fid")]

    def integrity_problems(self) -> List[str]:
        """The audit chain as the database checks it, and every report's manifest signed with the key the hub
        trusts for its county (a report written into the hub without a package the county signed is named)."""
        problems = problems_in_checked(self._rows(f"SELECT * FROM {self.schema}.audit_chain()"))
        return problems + self.unsigned_reports() + self.kept_figures_problems()

    def kept_figures_problems(self, profile=None) -> List[str]:
        """Each patch's kept figures (what its year's statistics add up) computed again from the patch's own
        inputs under the hub's profile: a patch whose kept figures say something else is named (they are written
        in the import's transaction like the patch itself; this is how a changed one shows)."""
        from ..core.messages import Problem
        from ..core.profile import ProfileError, load_profile
        from ..core.statistics import patch_figures

        if not self.keeps_figures():
            return []
        try:
            profile = profile or load_profile(self.meta("profile") or None)
        except (ProfileError, OSError, ValueError):
            return []
        wrong: List[str] = []
        with self.conn.cursor(name="kept_figures") as cur:
            cur.itersize = 5000
            cur.execute(f"SELECT code, data, figures FROM {self.schema}.county_patches WHERE figures_profile = %s "
                        f"ORDER BY fid", (profile.fingerprint,))
            for code, data, kept in cur:
                snap = from_json(_add_row(_new_part(), data), label="", checked=False)
                if json.loads(canonical(patch_figures(snap, snap.patches[0], profile))) != kept:
                    wrong.append(code)
        self.conn.rollback()
        if not wrong:
            return []
        return [Problem(f"the figures kept for {len(wrong)} patches are not what their own inputs give "
                        f"({', '.join(wrong[:10])}): they were changed outside the plugin",
                        f"{len(wrong)} 个图斑保存的统计数与其自身数据算出的不一致（{'、'.join(wrong[:10])}）："
                        f"在插件之外被修改")]

    def unsigned_reports(self) -> List[str]:
        from ..core.manifest import ManifestError, parse_manifest
        from ..core.signing import county_party

        trusted = {k.party: k.public for k in self.trusted_keys()}
        out = []
        for file_name, county, data in self._rows(
                f"SELECT k.file_name, k.county_code, f.data FROM {self.schema}.county_packages k JOIN "
                f"{self.schema}.files f ON f.sha256 = k.manifest_sha256 ORDER BY k.fid"):
            try:
                m = parse_manifest(bytes(data), file_name)
            except ManifestError as exc:
                out.append(f"{file_name}: its manifest does not hold ({exc})")
                continue
            if m.signer_party != county_party(county) or trusted.get(county_party(county)) != m.signer_public:
                out.append(f"{file_name}: not signed with the key trusted for county {county}")
        return out

    # -- keys (store.keys) ----------------------------------------------------------------------------------------
    def signing_party(self) -> str:
        from ..core.signing import city_party

        return city_party(self.meta("city_code") or "")

    def signer(self):
        from ..core.signing import Signer
        from .keys import pg_seed

        with self.conn.cursor() as cur:
            seed = pg_seed(cur, self.schema, self.label)
        self.conn.rollback()
        return Signer(self.signing_party(), seed)

    def trusted_keys(self) -> list:
        from .keys import pg_trusted_keys

        with self.conn.cursor() as cur:
            keys = pg_trusted_keys(cur, self.schema)
        self.conn.rollback()
        return keys

    def trusted_key(self, party: str):
        keys = [k for k in self.trusted_keys() if k.party == party]
        return keys[-1] if keys else None

    def trust_key(self, key, actor: str) -> None:
        from .keys import pg_trust_key
        from .work_package import trust_detail

        with self.conn, self.conn.cursor() as cur:
            pg_trust_key(cur, self.schema, key)
            self._audit(cur, actor, "trust_key", None, trust_detail(key))

    def package_heads(self, county: str, package_id: str) -> List[Tuple[str, int, str]]:
        """(file, audit entries, audit head) of each package received from county for its work package
        package_id, oldest first: what that county's chain held when it sent them."""
        return [tuple(r) for r in self._rows(
            f"SELECT file_name, audit_entries, audit_head FROM {self.schema}.county_packages WHERE county_code = %s "
            f"AND package_id = %s AND audit_head IS NOT NULL ORDER BY fid", (county, package_id))]

    # -- writing ----------------------------------------------------------------------------------------------
    def add_package(self, ident: Dict[str, Any], manifest_sha256: str, file_name: str, patches: List[tuple],
                    files: List[Tuple[str, str, int, str]], actor: str, progress=None, new_key=None,
                    read=None, figures_profile: Optional[str] = None) -> int:
        """One county package: its row, its patches (county, code, township, class, 耕地 mu, verdict, data,
        wkb), its files (path in the package, sha256, size, the verified file here), all or nothing. read(path):
        each file's bytes, checked by the caller on the way (streamed from the package's zip, never unpacked).
        A patch may carry a ninth item: what it adds to the year's figures (core.statistics.patch_figures) under
        the profile whose fingerprint is figures_profile, kept beside it for PostgreSQL to add up."""
        from psycopg2.extras import execute_values

        s = self.schema
        keep = figures_profile is not None and self.keeps_figures()  # asked before the transaction begins
        with self.conn, self.conn.cursor() as cur:
            # one import at a time (the city's roles only can take this lock); reviews wait for it
            cur.execute(f"SELECT 1 FROM {s}.import_lock FOR UPDATE")
            cur.execute("SET LOCAL statement_timeout = 0")  # a county's year of files streams in
            cur.execute(f"SELECT fid FROM {s}.county_packages WHERE manifest_sha256 = %s", (manifest_sha256,))
            if cur.fetchone():
                raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: imported before"), name=file_name))
            cur.execute(f"SELECT DISTINCT code, county_code FROM {s}.county_patches WHERE code = ANY(%s) AND "
                        f"county_code <> %s LIMIT 5", ([p[1] for p in patches], ident.get("county_code")))
            taken = cur.fetchall()
            if taken:  # a patch code is one county's: another county may not report it over them
                raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: reports patches another county reported "
                                                                    "before: {value}"), name=file_name,
                                       value=", ".join(f"{c} ({k})" for c, k in taken)))
            head = ident.get("audit_head") or {}
            _copy_files(cur, s, files, progress, read)  # the manifest among them: the database reads it beside the row
            cur.execute(f"INSERT INTO {s}.county_packages (county_code, kind, package_id, manifest_sha256, file_name, "
                        f"created_at, created_by, profile, imported_at, imported_by, patches, files, signer_key, "
                        f"audit_entries, audit_head) VALUES "
                        f"(%s, %s, %s, %s, %s, %s, %s, %s, '', '', %s, %s, %s, %s, %s) RETURNING fid",
                        (ident.get("county_code"), ident.get("kind"), ident.get("package_id"), manifest_sha256,
                         file_name, ident.get("created_at"), ident.get("created_by"), ident.get("profile"),
                         len(patches), len(files), ident.get("signer_key"), head.get("entries"), head.get("sha")))
            fid = cur.fetchone()[0]
            created = ident.get("created_at")
            execute_values(
                cur, f"INSERT INTO {s}.county_patches (package_fid, county_code, code, township, class_name, "
                     f"cultivated_mu, verdict, created_at, data, data_sha256, geom"
                     f"{', figures, figures_profile' if keep else ''}) VALUES %s",
                [(fid, c, code, town, cls, mu, verdict, created, canonical(data), data_sha(data), wkb) +
                 ((canonical(rest[0]), figures_profile) if keep else ())
                 for c, code, town, cls, mu, verdict, data, wkb, *rest in patches],
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s, "
                         "ST_Multi(ST_SetSRID(ST_GeomFromWKB(%s), 4490))" + (", %s::jsonb, %s)" if keep else ")"),
                page_size=1000)
            if new_key is not None:  # the county's first package: its key, confirmed by a person
                from .keys import pg_trust_key
                from .work_package import trust_detail

                pg_trust_key(cur, s, new_key)
                self._audit(cur, actor, "trust_key", None, trust_detail(new_key))
            execute_values(cur, f"INSERT INTO {s}.package_files (package_fid, path, sha256) VALUES %s",
                           [(fid, path, sha) for path, sha, _size, _full in files], page_size=2000)
        return fid

    def review(self, code: str, reviewer: str, decision: str, opinion: Optional[str] = None,
               deadline: Optional[str] = None, determination: Optional[Dict[str, Any]] = None,
               seen_fid: Optional[int] = None) -> int:
        """The city's internal review of a county's result: pass; return to the county with an opinion and a
        deadline; or, where the county refuses to correct it, the city's own determination (a final verdict,
        and for 违法 its nature and 新增农村乱占耕地建房), which counts in the figures."""
        import datetime as _dt

        if decision not in DECISIONS:
            raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "decision must be one of {value}, not {decision!r}"),
                                   value=", ".join(DECISIONS), decision=decision))
        current = self.current_patch(code)
        if current is None:
            raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: no county reported this patch"), code=code))
        if decision in ("return", "determine") and not (opinion or "").strip():
            raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: a return or a determination says why "
                                                                "(opinion)"), code=code))
        if decision == "return":
            try:
                _dt.date.fromisoformat(deadline or "")
            except ValueError:
                raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: a return needs a deadline (YYYY-MM-DD), "
                                                                    "not {value!r}"), code=code,
                                       value=deadline)) from None
        if decision == "determine":
            # 002 §三(四)1: returned to the county first; the city determines where the county refuses
            if not any(r["decision"] == "return" for r in self.city_reviews(code)):
                raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: return it to the county first; the city "
                                                                    "determines where the county refuses to correct "
                                                                    "it (002 §三(四)1)"), code=code))
            determination = dict(determination or {})
            if determination.get("final_verdict") not in (LEGAL, ILLEGAL, OTHER):
                raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: a determination names the final verdict "
                                                                    "(HF, WF or QT)"), code=code))
            try:
                city_finding({"determination": determination, "opinion": opinion,
                              "reviewed_at": now_iso()})  # checked as the record it becomes
            except rec.RecordError as exc:
                raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: {exc}"), code=code, exc=exc)) from exc
        else:
            determination = None
        s = self.schema
        with self.conn, self.conn.cursor() as cur:
            cur.execute(f"SELECT 1 FROM {s}.import_lock FOR SHARE")  # not beside an import (the city's roles only)
            cur.execute(f"SELECT fid FROM {s}.current_patches WHERE code = %s", (code,))
            seen = seen_fid if seen_fid is not None else current["fid"]
            if cur.fetchone()[0] != seen:  # never decide on a report one has not seen
                raise CityHubError(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: the county reported this patch again "
                                                                    "since you opened it; look at the new report and "
                                                                    "decide again"), code=code))
            # who and when are the database's (the login's member); so is the audit entry
            cur.execute(f"INSERT INTO {s}.city_reviews (county_code, code, patch_fid, decision, opinion, deadline, "
                        f"determination) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING fid",
                        (current["county_code"], code, current["fid"], decision, opinion,
                         deadline if decision == "return" else None,
                         canonical(determination) if determination else None))
            fid = cur.fetchone()[0]
        return fid

    def sent_review_fids(self, county: str) -> set:
        """The city reviews already sent to this county in a return package."""
        out = set()
        for (reviews,) in self._rows(f"SELECT reviews FROM {self.schema}.city_returns WHERE county_code = %s",
                                     (county,)):
            out |= {r["review_fid"] for r in reviews}
        return out

    def add_return(self, county: str, file_name: str, manifest_sha256: str, actor: str, reviews: List[Dict]) -> None:
        """The record of a return package sent (who and when by the database, its audit entry too)."""
        with self.conn, self.conn.cursor() as cur:
            cur.execute(f"INSERT INTO {self.schema}.city_returns (county_code, file_name, manifest_sha256, reviews) "
                        f"VALUES (%s, %s, %s, %s::jsonb)", (county, file_name, manifest_sha256, canonical(reviews)))

    def _audit(self, cur, actor: str, action: str, code: Optional[str], detail: Any) -> str:
        """Appends to the one chain through the database's audit_append (its time, the login's member), inside
        the caller's transaction."""
        cur.execute(f"SELECT {self.schema}.audit_append(%s, %s, %s)",
                    (action, code, json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)))
        return cur.fetchone()[0]


def city_divisions(city_code: str) -> Dict[str, str]:
    """The county-level divisions of a city (code → name) from resources/divisions/<city>.json, {} without."""
    import os

    from ..paths import resources_dir

    path = os.path.join(resources_dir(), "divisions", f"{city_code}.json")
    if not os.path.isfile(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        return dict(json.load(fh).get("counties") or {})


def city_finding(review: Dict[str, Any]) -> rec.HigherFinding:
    """The city's determination as the record the rules read: a city-level finding from internal review that the
    county's result was unreasonable, with the city's final verdict."""
    d = review.get("determination") or {}
    if isinstance(d, str):
        d = json.loads(d)
    return rec.HigherFinding.parse({
        "level": "city", "via": "internal_review", "outcome": rec.UNREASONABLE,
        "found_on": (review.get("reviewed_at") or now_iso())[:10], "final_verdict": d.get("final_verdict"),
        "final_category": d.get("final_category") or None, "final_housing": d.get("final_housing"),
        "note": review.get("opinion") or ""})


def _copy_files(cur, schema: str, files: List[Tuple[str, str, int, str]], progress=None, read=None) -> None:
    """The package's files into `files`, each distinct sha256 once: streamed with COPY (binary) into a table of
    the transaction, then added where not yet held (the database checks every sha256 on the way in). read(path):
    a file's bytes from where the caller keeps them (a zip's member), else the file named beside it."""
    from .pg_copy import FileCopy

    cur.execute(f"CREATE TEMP TABLE incoming_files (LIKE {schema}.files) ON COMMIT DROP")
    records = [(path, sha, size) for path, sha, size, _full in files]
    fulls = {path: full for path, _sha, _size, full in files}

    stream = FileCopy([(p if read else fulls[p], sha, size) for p, sha, size in records], "",
                      progress or (lambda p: None), read=read)
    try:
        cur.copy_expert("COPY incoming_files (sha256, size, data) FROM STDIN WITH (FORMAT binary)", stream)
    except Exception:
        if stream.error is not None:  # a file that did not match: said as such, not as the aborted COPY
            raise stream.error from None
        raise
    if stream.error is not None:
        raise stream.error
    cur.execute(f"INSERT INTO {schema}.files SELECT * FROM incoming_files ON CONFLICT DO NOTHING")
