"""The work package as a PostgreSQL/PostGIS schema: the county office's multi-user store, whose rules are the
database's own, so that no login can bend them with plain SQL.

The same tables and columns as the GeoPackage (store.schema.TABLES), typed for PostgreSQL, plus:

- **Who did what is the login.** `members` (login → the name people read, the townships of a township login)
  is kept by the county's administrators. Every write is stamped by the database (triggers): the verifier, the
  reviewer, who added evidence or a record, and every audit entry carry the member's name and the login
  (`session_user`); a name the client sends that is not its login's is refused. An administrator's import keeps
  the names a signed package brings, with the importing login beside them. "The reviewer is not the verifier"
  compares logins.
- **Rights by column** (RIGHTS below, the same table docs/guide.md shows and a test checks role by role): issued
  data (codes, classes, areas, geometry, township) only by the administrators; a township writes its
  verifications' verdict columns and its evidence; reviewers write reviews and records. `version` is the
  database's: a trigger bumps it on every change of a verification or of its evidence; a review names the
  version it decided on and is refused when it is not the current one.
- **The audit log is written by the database only**: `audit_append()` (security definer: time, name and login by
  the database, appends in one line under a lock nobody else can take), and a deferred trigger that writes an
  entry at commit for any change of a patch's rows made without one. Nobody inserts into it directly.
- **What a township reads**: row-level security on every table with patch data (the audit log included); the
  evidence bytes through `get_bytes()` only, for evidence rows it could see before its transaction; its own
  member row; the package facts it needs. Change notifications go to one channel per township whose name only
  that township can read (and one for the county's roles).
- **Limits where the row is written**: a file at most 50 MiB and its sha256 checked, a patch's evidence at most
  500 MiB, a login at most 2 GiB an hour; JSON records at most 1 MiB and 32 levels deep.
- `lock_timeout` on the plugin's connections; locks that serialise (the audit chain, a patch's photo numbers)
  are row locks only the roles that write there can take.

What stays possible by design: the database's superuser and the schema's owner can do anything (they own the
triggers); the integrity check (rights_problems, the chain) names what they changed that it can see.

Identifiers built into SQL are checked here (a schema name is `[a-z][a-z0-9_]{0,40}`, matched whole); values
always travel as parameters.
"""
from __future__ import annotations

import re
from typing import Dict, List

from .keys import pg_keys_sql
from .schema import INT, REAL, TABLES, TEXT

_PG_TYPES = {TEXT: "text", INT: "bigint", REAL: "double precision"}
_GEOMETRY = {"MULTIPOLYGON": "MultiPolygon", "POINT": "Point"}
SCHEMA_NAME = re.compile(r"[a-z][a-z0-9_]{0,40}")
ROLES = ("township", "reviewer", "admin")
ROLE_PREFIX = "wp_"  # an office package's group roles: wp_<schema>_<kind> (a city hub's are hub_<schema>_<kind>)

# what the client may write, by role; SELECT is every role's, narrowed by row-level security (township)
VERDICT_COLUMNS = ("verdict", "subtype", "category", "illegal_cultivated_housing", "basis", "approval_no",
                   "rectification", "nonagri")
CACHE_COLUMNS = ("state", "blocking")  # kept for maps and lists, never trusted (the gate derives them again)
RIGHTS: Dict[str, Dict[str, str]] = {
    "township": {
        "patches": f"UPDATE ({', '.join(CACHE_COLUMNS)}, military)",
        "verifications": f"INSERT (patch_code, {', '.join(VERDICT_COLUMNS)}, verifier), "
                         f"UPDATE ({', '.join(VERDICT_COLUMNS)}, verifier)",
        "evidence": "INSERT, DELETE",
    },
    "reviewer": {
        "patches": f"UPDATE ({', '.join(CACHE_COLUMNS)})",
        "reviews": "INSERT", "patch_records": "INSERT",
        "conflicts": "UPDATE (resolved_at, resolved_by, resolution)",
    },
    "admin": {
        "patches": "INSERT, UPDATE",
        "verifications": f"INSERT (patch_code, {', '.join(VERDICT_COLUMNS)}, verifier, verified_at), "
                         f"UPDATE ({', '.join(VERDICT_COLUMNS)}, verifier, verified_at)",
        "evidence": "INSERT, DELETE", "reviews": "INSERT", "patch_records": "INSERT",
        "assignments": "INSERT", "conflicts": "INSERT, UPDATE", "imports": "INSERT",
        "package_meta": "INSERT, UPDATE", "members": "INSERT, UPDATE, DELETE", "trusted_keys": "INSERT",
    },
}
SPATIAL_INDEX = "patches_geom_spgist"
GEOMETRY_TABLES = tuple(name for name, (geom, _srid, _fields) in TABLES.items() if geom)
# tables whose rows belong to one patch: a township member reaches them through the patch's township
_BY_PATCH = ("verifications", "evidence", "reviews", "patch_records", "assignments", "conflicts")
INSERT_ONLY = ("audit_log", "patch_records", "evidence_files", "reviews", "trusted_keys", "signing_key",
               "possession", "evidence_history")
# the package facts a township's dock reads (the rest of package_meta is the county's)
TOWNSHIP_META = ("application", "schema_version", "profile", "county_code", "created_at", "package_id", "kind",
                 "imagery_before", "imagery_after", "imagery_before_date", "imagery_after_date")
MAX_FILE_BYTES = 50 << 20
MAX_PATCH_BYTES = 500 << 20
MAX_LOGIN_BYTES_PER_HOUR = 2 << 30
MAX_JSON_BYTES = 1 << 20
MAX_JSON_DEPTH = 32
LOCK_TIMEOUT_MS = 5000


def check_schema_name(name: str) -> str:
    if not isinstance(name, str) or not SCHEMA_NAME.fullmatch(name):
        raise ValueError(f"{name!r}: a schema name is a lower-case letter, then letters, digits or _ (at most 41)")
    return name


def role(schema: str, kind: str) -> str:
    return f"{ROLE_PREFIX}{check_schema_name(schema)}_{kind}"


def roles(schema: str) -> List[str]:
    return [role(schema, k) for k in ROLES]


def create_sql(schema: str) -> List[str]:
    """The statements that make the schema's tables (no rules yet: the rows of a package being published are
    copied in first, then protect_sql puts every rule in place)."""
    s = check_schema_name(schema)
    out = [f"CREATE SCHEMA {s}"]
    for name, (geom, srid, fields) in TABLES.items():
        cols = ["fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"]
        if geom:
            cols.append(f"geom geometry({_GEOMETRY[geom]}, {int(srid)})")
        cols += [f'"{f}" {_PG_TYPES[t]}' for f, t in fields]
        cols += _EXTRA_COLUMNS.get(name, [])
        out.append(f"CREATE TABLE {s}.{name} ({', '.join(cols)})")
    out += [
        f"CREATE TABLE {s}.evidence_files (sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{{64}}$'), "
        f"size bigint NOT NULL, data bytea NOT NULL, added_login text NOT NULL DEFAULT session_user, "
        f"added_at timestamptz NOT NULL DEFAULT now(), "
        f"CHECK (encode(sha256(data), 'hex') = sha256 AND octet_length(data) = size))",
        # photos and PDFs are compressed already: stored out of line as they are, not compressed again
        f"ALTER TABLE {s}.evidence_files ALTER COLUMN data SET STORAGE EXTERNAL",
        f"CREATE INDEX ON {s}.evidence_files (added_login, added_at)",
        # who brought which bytes (a township may refer only to bytes it or its township brought)
        f"CREATE TABLE {s}.possession (login text NOT NULL, sha256 text NOT NULL, PRIMARY KEY (login, sha256))",
        # which bytes were ever evidence of which patch (an undone detach brings them back)
        f"CREATE TABLE {s}.evidence_history (sha256 text NOT NULL, patch_code text NOT NULL, "
        f"PRIMARY KEY (sha256, patch_code))",
        f"CREATE TABLE {s}.members (login text PRIMARY KEY, name text NOT NULL CHECK (btrim(name) <> ''), "
        f"townships text[] NOT NULL DEFAULT '{{}}', channel text NOT NULL DEFAULT md5(random()::text || "
        f"clock_timestamp()::text))",
        f"CREATE TABLE {s}.audit_head (one boolean PRIMARY KEY DEFAULT true CHECK (one))",
        f"INSERT INTO {s}.audit_head VALUES (true)",
    ] + pg_keys_sql(s) + [
        f"CREATE UNIQUE INDEX ON {s}.patches(code)",
        f"CREATE INDEX ON {s}.patches(township)",
        f"CREATE INDEX ON {s}.patches(state)",
        # SP-GiST, not GiST: PostGIS' ST_EstimatedExtent reads a GiST index's root past row-level security (the
        # extent of every township's patches); the map's && queries use either
        f"CREATE INDEX {SPATIAL_INDEX} ON {s}.patches USING spgist (geom)",
        f"CREATE UNIQUE INDEX ON {s}.verifications(patch_code)",
        f"CREATE INDEX ON {s}.evidence(patch_code)",
        f"CREATE INDEX ON {s}.evidence(sha256)",
        f"CREATE INDEX ON {s}.reviews(patch_code)",
        f"CREATE UNIQUE INDEX ON {s}.package_meta(key)",
        f"CREATE INDEX ON {s}.assignments(patch_code)",
        f"CREATE INDEX ON {s}.conflicts(patch_code)",
        f"CREATE INDEX ON {s}.patch_records(patch_code, kind)",
        f"CREATE INDEX ON {s}.audit_log(patch_code)",
        f"ALTER TABLE {s}.verifications ADD CHECK (verdict IS NULL OR verdict ~ '^[A-Z]{{1,8}}$')",
        f"ALTER TABLE {s}.reviews ADD CHECK (decision IN ('pass', 'return'))",
    ]
    return out


# columns only the server has (the GeoPackage's single desk needs none of them)
_EXTRA_COLUMNS = {
    "verifications": ["version integer NOT NULL DEFAULT 1", "verifier_login text", "written_by text"],
    "reviews": ["reviewer_login text", "verification_version integer"],
    "evidence": ["added_login text"],
    "patch_records": ["recorded_login text"],
    "audit_log": ["login text"],
}


def common_functions_sql(s: str, admin: str, county_roles: List[str]) -> List[str]:
    """What an office package and a city hub share: the database's time, who the login is (members), JSON
    limits, and the one way into the audit chain. admin: the group role that repairs the chain; county_roles:
    the roles that read everything (an office's county roles, a hub's city roles)."""
    definer = f"SECURITY DEFINER SET search_path = {s}, pg_catalog, public"
    json_checked = f"octet_length(%s) <= {MAX_JSON_BYTES} AND {s}.json_depth(%s) <= {MAX_JSON_DEPTH}"
    county = " OR ".join(f"pg_has_role(session_user, '{r}', 'MEMBER')" for r in county_roles)
    return [
        f"CREATE FUNCTION {s}.db_now() RETURNS text LANGUAGE sql STABLE AS $$ SELECT to_char(clock_timestamp() "
        f"AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"') $$",
        f"CREATE FUNCTION {s}.is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT "
        f"pg_has_role(session_user, '{admin}', 'MEMBER') $$",
        f"CREATE FUNCTION {s}.is_county() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT {county} $$",
        # the member's name for the login of this session (the owner publishing or repairing: its login)
        f"CREATE FUNCTION {s}.my_name() RETURNS text LANGUAGE plpgsql STABLE {definer} AS $$ "
        f"DECLARE found text; BEGIN SELECT name INTO found FROM {s}.members WHERE login = session_user; "
        f"IF found IS NOT NULL THEN RETURN found; END IF; "
        f"IF pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = '{s}'), 'MEMBER') "
        f"THEN RETURN session_user; END IF; "
        f"RAISE EXCEPTION 'login % is not a member of work package {s} (members)', session_user "
        f"USING ERRCODE = '42501'; END $$",
        # how deeply lists and objects nest in a JSON text (strings and escapes skipped), without recursion
        f"CREATE FUNCTION {s}.json_depth(p text) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$ "
        f"DECLARE b text; d integer := 0; m integer := 0; c text; BEGIN "
        f"IF p IS NULL THEN RETURN 0; END IF; "
        f"b := regexp_replace(regexp_replace(regexp_replace(p, '\\\\.', '', 'g'), '\"[^\"]*\"', '', 'g'), "
        f"'[^][{{}}]', '', 'g'); "
        f"FOREACH c IN ARRAY regexp_split_to_array(b, '') LOOP "
        f"IF c IN ('[', '{{') THEN d := d + 1; IF d > m THEN m := d; END IF; "
        f"IF m > {MAX_JSON_DEPTH} THEN RETURN m; END IF; ELSE d := d - 1; END IF; END LOOP; RETURN m; END $$",
        f"CREATE FUNCTION {s}.js(p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ "
        f"SELECT coalesce(to_json(p)::text, 'null') $$",
        # the chain's sha: the same bytes as store.audit_chain.entry_sha writes (compact JSON of six values)
        f"CREATE FUNCTION {s}.chain_sha(prev text, at text, actor text, action text, code text, detail text) "
        f"RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(convert_to('[' || {s}.js(prev) || ',' "
        f"|| {s}.js(at) || ',' || {s}.js(actor) || ',' || {s}.js(action) || ',' || {s}.js(code) || ',' || "
        f"{s}.js(detail) || ']', 'UTF8')), 'hex') $$",
        # the one way into the audit log: time, name and login by the database, in one line
        f"CREATE FUNCTION {s}.audit_append(p_action text, p_code text, p_detail text) RETURNS text "
        f"LANGUAGE plpgsql {definer} AS $$ DECLARE prev text; v_at text; v_actor text; v_sha text; BEGIN "
        f"IF p_action IS NULL OR btrim(p_action) = '' OR length(p_action) > 100 OR length(p_code) > 100 OR NOT "
        f"({json_checked % ('coalesce(p_detail, ' + chr(39) * 2 + ')', 'p_detail')}) THEN RAISE EXCEPTION "
        f"'an audit entry is at most {MAX_JSON_BYTES} bytes and {MAX_JSON_DEPTH} levels deep' "
        f"USING ERRCODE = '22023'; END IF; "
        f"PERFORM 1 FROM {s}.audit_head FOR UPDATE; "
        f"SELECT sha INTO prev FROM {s}.audit_log ORDER BY fid DESC LIMIT 1; "
        f"prev := coalesce(prev, repeat('0', 64)); v_at := {s}.db_now(); v_actor := {s}.my_name(); "
        f"v_sha := {s}.chain_sha(prev, v_at, v_actor, p_action, p_code, p_detail); "
        f"INSERT INTO {s}.audit_log (at, actor, action, patch_code, detail, prev_sha, sha, login) "
        f"VALUES (v_at, v_actor, p_action, p_code, p_detail, prev, v_sha, session_user); RETURN v_sha; END $$",
        # every entry with whether its content still gives its sha: any role verifies the chain, a township
        # without reading the entries it may not see (only hashes leave)
        f"CREATE FUNCTION {s}.audit_chain() RETURNS TABLE (fid bigint, prev_sha text, sha text, content_ok "
        f"boolean, repaired text) LANGUAGE sql STABLE {definer} AS $$ SELECT fid, prev_sha, sha, "
        f"sha IS NOT DISTINCT FROM {s}.chain_sha(prev_sha, at, actor, action, patch_code, detail), "
        f"CASE WHEN action = 'chain_repair' THEN detail END FROM {s}.audit_log ORDER BY fid $$",
        # a broken chain's documented way out: the administrators mark the broken entries with a reason
        f"CREATE FUNCTION {s}.repair_chain(p_fids bigint[], p_reason text) RETURNS text LANGUAGE plpgsql "
        f"{definer} AS $$ BEGIN IF NOT {s}.is_admin() THEN RAISE EXCEPTION 'only the administrators repair the "
        f"audit chain' USING ERRCODE = '42501'; END IF; IF p_reason IS NULL OR btrim(p_reason) = '' THEN "
        f"RAISE EXCEPTION 'a repair says why' USING ERRCODE = '22023'; END IF; "
        f"RETURN {s}.audit_append('chain_repair', NULL, json_build_object('fids', p_fids, 'reason', "
        f"p_reason)::text); END $$",
    ]


def _functions_sql(s: str) -> List[str]:
    admin = role(s, "admin")
    definer = f"SECURITY DEFINER SET search_path = {s}, pg_catalog, public"
    return common_functions_sql(s, admin, [role(s, "reviewer"), admin]) + [
        f"CREATE FUNCTION {s}.my_townships() RETURNS text[] LANGUAGE sql STABLE {definer} AS $$ "
        f"SELECT coalesce((SELECT townships FROM {s}.members WHERE login = session_user), '{{}}') $$",
        # evidence bytes in: checked, capped, and who brought them remembered
        f"CREATE FUNCTION {s}.put_bytes(p_sha text, p_data bytea) RETURNS void LANGUAGE plpgsql {definer} AS $$ "
        f"DECLARE used bigint; BEGIN PERFORM {s}.my_name(); "
        f"IF octet_length(p_data) > {MAX_FILE_BYTES} THEN RAISE EXCEPTION 'a file is at most {MAX_FILE_BYTES >> 20}"
        f" MiB' USING ERRCODE = '54000'; END IF; "
        f"IF encode(sha256(p_data), 'hex') IS DISTINCT FROM p_sha THEN RAISE EXCEPTION 'the bytes are not %', "
        f"p_sha USING ERRCODE = '22023'; END IF; "
        f"IF NOT EXISTS (SELECT 1 FROM {s}.evidence_files WHERE sha256 = p_sha) THEN "
        f"SELECT coalesce(sum(size), 0) INTO used FROM {s}.evidence_files WHERE added_login = session_user AND "
        f"added_at > now() - interval '1 hour'; "
        f"IF used + octet_length(p_data) > {MAX_LOGIN_BYTES_PER_HOUR} THEN RAISE EXCEPTION 'a login adds at most "
        f"{MAX_LOGIN_BYTES_PER_HOUR >> 30} GiB of files an hour' USING ERRCODE = '54000'; END IF; "
        f"INSERT INTO {s}.evidence_files (sha256, size, data) VALUES (p_sha, octet_length(p_data), p_data) "
        f"ON CONFLICT DO NOTHING; END IF; "
        f"INSERT INTO {s}.possession VALUES (session_user, p_sha) ON CONFLICT DO NOTHING; END $$",
        # evidence bytes out: the county's roles any; a township those of evidence rows of its own townships
        # that it could see before this transaction (a row of its own made only to read another's bytes is not)
        f"CREATE FUNCTION {s}.get_bytes(p_sha text) RETURNS bytea LANGUAGE plpgsql STABLE {definer} AS $$ "
        f"DECLARE out bytea; BEGIN IF NOT {s}.is_county() AND NOT EXISTS (SELECT 1 FROM {s}.evidence e JOIN "
        f"{s}.patches p ON p.code = e.patch_code WHERE e.sha256 = p_sha AND p.township = ANY({s}.my_townships()) "
        f"AND e.xmin::text::bigint IS DISTINCT FROM (pg_current_xact_id_if_assigned()::text::bigint % 4294967296)) "
        f"THEN RETURN NULL; END IF; "
        f"SELECT data INTO out FROM {s}.evidence_files WHERE sha256 = p_sha; RETURN out; END $$",
        f"CREATE FUNCTION {s}.change_channel() RETURNS text LANGUAGE sql STABLE {definer} AS $$ SELECT CASE WHEN "
        f"{s}.is_county() THEN '{s}_' || (SELECT value FROM {s}.package_meta WHERE key = 'county_channel') ELSE "
        f"(SELECT '{s}_' || channel FROM {s}.members WHERE login = session_user) END $$",
        # live: a change to what a patch shows goes to the county's channel and to its township's members'
        f"CREATE FUNCTION {s}.notify_change() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ "
        f"DECLARE v_code text := CASE WHEN TG_OP = 'DELETE' THEN OLD.patch_code ELSE NEW.patch_code END; "
        f"v_town text; ch text; BEGIN SELECT township INTO v_town FROM {s}.patches p WHERE p.code = v_code; "
        f"PERFORM pg_notify('{s}_' || (SELECT value FROM {s}.package_meta WHERE key = 'county_channel'), v_code); "
        f"FOR ch IN SELECT m.channel FROM {s}.members m WHERE v_town = ANY(m.townships) LOOP "
        f"PERFORM pg_notify('{s}_' || ch, v_code); END LOOP; RETURN NULL; END $$",
        # who wrote a verification, as the database knows it; the version is the database's
        f"CREATE FUNCTION {s}.stamp_verification() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ "
        f"DECLARE me text; BEGIN "
        f"IF TG_OP = 'UPDATE' AND ({', '.join('NEW.' + c for c in VERDICT_COLUMNS)}, NEW.verifier) IS NOT DISTINCT "
        f"FROM ({', '.join('OLD.' + c for c in VERDICT_COLUMNS)}, OLD.verifier) THEN "
        f"NEW.version := OLD.version + 1; NEW.verifier_login := OLD.verifier_login; "
        f"NEW.verified_at := OLD.verified_at; NEW.written_by := OLD.written_by; RETURN NEW; END IF; "
        f"me := {s}.my_name(); NEW.written_by := session_user; "
        f"IF NEW.verifier IS NOT NULL AND NEW.verifier <> me AND {s}.is_admin() AND (TG_OP = 'INSERT' "
        f"OR NEW.verifier IS DISTINCT FROM OLD.verifier OR NEW.verified_at IS DISTINCT FROM OLD.verified_at) THEN "
        f"NEW.verifier_login := NULL; NEW.verified_at := coalesce(NEW.verified_at, {s}.db_now()); "
        f"ELSE IF NEW.verifier IS NOT NULL AND NEW.verifier <> me AND (TG_OP = 'INSERT' OR "
        f"NEW.verifier IS DISTINCT FROM OLD.verifier) THEN RAISE EXCEPTION 'the name % is not the member name of "
        f"login % (%)', NEW.verifier, session_user, me USING ERRCODE = '42501'; "
        f"END IF; NEW.verifier := me; NEW.verifier_login := session_user; "
        f"NEW.verified_at := {s}.db_now(); END IF; "
        f"NEW.version := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE OLD.version + 1 END; RETURN NEW; END $$",
        # a change of a patch's evidence is a new version of what a review decides on
        f"CREATE FUNCTION {s}.evidence_changed() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ BEGIN "
        f"UPDATE {s}.verifications SET version = version + 1 WHERE patch_code = CASE WHEN TG_OP = 'DELETE' THEN "
        f"OLD.patch_code ELSE NEW.patch_code END; IF TG_OP = 'INSERT' AND NEW.sha256 IS NOT NULL THEN "
        f"INSERT INTO {s}.evidence_history VALUES (NEW.sha256, NEW.patch_code) ON CONFLICT DO NOTHING; END IF; "
        f"RETURN NULL; END $$",
        # the military mark is a decision a review covers (002 §二(一) 杜绝瞒报): changing it is a new version
        f"CREATE FUNCTION {s}.military_changed() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ BEGIN "
        f"UPDATE {s}.verifications SET version = version + 1 WHERE patch_code = NEW.code; RETURN NULL; END $$",
        f"CREATE FUNCTION {s}.stamp_evidence() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ "
        f"DECLARE sized bigint; BEGIN NEW.added_login := session_user; "
        f"IF NOT ({s}.is_admin() AND NEW.added_by IS NOT NULL AND NEW.added_by <> {s}.my_name()) THEN "
        f"IF NEW.added_by IS NOT NULL AND NEW.added_by <> {s}.my_name() THEN RAISE EXCEPTION 'the name % is not "
        f"the member name of login %', NEW.added_by, session_user USING ERRCODE = '42501'; END IF; "
        f"NEW.added_by := {s}.my_name(); NEW.added_at := {s}.db_now(); END IF; "
        f"NEW.added_at := coalesce(NEW.added_at, {s}.db_now()); "
        f"IF NEW.sha256 IS NOT NULL THEN SELECT size INTO sized FROM {s}.evidence_files WHERE sha256 = "
        f"NEW.sha256; IF sized IS NULL THEN RAISE EXCEPTION 'the bytes of % are not in the package', NEW.sha256 "
        f"USING ERRCODE = '23503'; END IF; NEW.size := sized; "
        f"IF NOT {s}.is_county() AND NOT EXISTS (SELECT 1 FROM {s}.possession p JOIN {s}.members m ON m.login = "
        f"p.login WHERE p.sha256 = NEW.sha256 AND m.townships && {s}.my_townships()) AND NOT EXISTS (SELECT 1 "
        f"FROM {s}.evidence_history h JOIN {s}.patches p ON p.code = h.patch_code WHERE h.sha256 = NEW.sha256 "
        f"AND p.township = ANY({s}.my_townships())) THEN RAISE EXCEPTION "
        f"'only files brought by this township are its evidence' USING ERRCODE = '42501'; END IF; "
        f"IF (SELECT coalesce(sum(size), 0) FROM {s}.evidence WHERE patch_code = NEW.patch_code) + sized > "
        f"{MAX_PATCH_BYTES} THEN RAISE EXCEPTION 'a patch holds at most {MAX_PATCH_BYTES >> 20} MiB of evidence' "
        f"USING ERRCODE = '54000'; END IF; END IF; RETURN NEW; END $$",
        f"CREATE FUNCTION {s}.stamp_review() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ "
        f"DECLARE v record; BEGIN "
        f"IF NEW.reviewer IS NOT NULL AND NEW.reviewer <> {s}.my_name() THEN RAISE EXCEPTION 'the name % is not "
        f"the member name of login %', NEW.reviewer, session_user USING ERRCODE = '42501'; END IF; "
        f"NEW.reviewer := {s}.my_name(); NEW.reviewer_login := session_user; NEW.reviewed_at := {s}.db_now(); "
        f"SELECT version, verifier, verifier_login INTO v FROM {s}.verifications WHERE patch_code = "
        f"NEW.patch_code; "
        f"IF v.verifier_login = session_user OR (v.verifier_login IS NULL AND v.verifier = NEW.reviewer) THEN "
        f"RAISE EXCEPTION 'the verifier cannot review their own verification' USING ERRCODE = 'WP001'; END IF; "
        f"IF NEW.verification_version IS DISTINCT FROM coalesce(v.version, 0) THEN RAISE EXCEPTION "
        f"'stale: the verification is at version %', coalesce(v.version, 0) USING ERRCODE = 'WP002'; END IF; "
        f"RETURN NEW; END $$",
        f"CREATE FUNCTION {s}.stamp_record() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ BEGIN "
        f"NEW.recorded_login := session_user; "
        f"IF NOT ({s}.is_admin() AND NEW.recorded_by IS NOT NULL AND NEW.recorded_by <> {s}.my_name()) THEN "
        f"IF NEW.recorded_by IS NOT NULL AND NEW.recorded_by <> {s}.my_name() THEN RAISE EXCEPTION 'the name % "
        f"is not the member name of login %', NEW.recorded_by, session_user USING ERRCODE = '42501'; END IF; "
        f"NEW.recorded_by := {s}.my_name(); NEW.recorded_at := {s}.db_now(); END IF; "
        f"NEW.recorded_at := coalesce(NEW.recorded_at, {s}.db_now()); RETURN NEW; END $$",
        # at commit: a change of a patch's rows that no audit entry of this transaction names gets one
        f"CREATE FUNCTION {s}.ensure_audited() RETURNS trigger LANGUAGE plpgsql {definer} AS $$ "
        f"DECLARE r jsonb; v_code text; BEGIN "
        f"r := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END; "
        f"v_code := CASE WHEN TG_TABLE_NAME = 'patches' THEN r->>'code' ELSE r->>'patch_code' END; "
        f"IF EXISTS (SELECT 1 FROM {s}.audit_log a WHERE a.patch_code IS NOT DISTINCT FROM v_code AND "
        f"a.xmin::text::bigint = pg_current_xact_id()::text::bigint % 4294967296) THEN RETURN NULL; END IF; "
        f"PERFORM {s}.audit_append('changed_without_the_plugin', v_code, json_build_object('table', TG_TABLE_NAME, "
        f"'operation', TG_OP, 'before', CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'geom' - 'issued_json' "
        f"END, 'after', CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'geom' - 'issued_json' END)::text); "
        f"RETURN NULL; END $$",
    ]


_ISSUED = [f for f, _ in TABLES["patches"][2] if f not in CACHE_COLUMNS]


def _triggers_sql(s: str) -> List[str]:
    out = [f"CREATE TRIGGER {t}_notify AFTER INSERT OR UPDATE OR DELETE ON {s}.{t} FOR EACH ROW EXECUTE "
           f"FUNCTION {s}.notify_change()" for t in ("verifications", "reviews", "evidence", "patch_records",
                                                      "conflicts")]
    out += [
        f"CREATE TRIGGER verifications_stamp BEFORE INSERT OR UPDATE ON {s}.verifications FOR EACH ROW EXECUTE "
        f"FUNCTION {s}.stamp_verification()",
        f"CREATE TRIGGER evidence_stamp BEFORE INSERT ON {s}.evidence FOR EACH ROW EXECUTE FUNCTION "
        f"{s}.stamp_evidence()",
        f"CREATE TRIGGER evidence_version AFTER INSERT OR DELETE ON {s}.evidence FOR EACH ROW EXECUTE FUNCTION "
        f"{s}.evidence_changed()",
        f"CREATE TRIGGER military_version AFTER UPDATE OF military ON {s}.patches FOR EACH ROW WHEN "
        f"(OLD.military IS DISTINCT FROM NEW.military) EXECUTE FUNCTION {s}.military_changed()",
        f"CREATE TRIGGER reviews_stamp BEFORE INSERT ON {s}.reviews FOR EACH ROW EXECUTE FUNCTION "
        f"{s}.stamp_review()",
        f"CREATE TRIGGER records_stamp BEFORE INSERT ON {s}.patch_records FOR EACH ROW EXECUTE FUNCTION "
        f"{s}.stamp_record()",
        f"ALTER TABLE {s}.patch_records ADD CHECK ({MAX_JSON_BYTES} >= octet_length(data) AND "
        f"{s}.json_depth(data) <= {MAX_JSON_DEPTH})",
        f"ALTER TABLE {s}.conflicts ADD CHECK ({MAX_JSON_BYTES} >= octet_length(coalesce(township_version, '')) "
        f"AND {s}.json_depth(township_version) <= {MAX_JSON_DEPTH} AND {s}.json_depth(county_version) <= "
        f"{MAX_JSON_DEPTH})",
        f"ALTER TABLE {s}.imports ADD CHECK ({MAX_JSON_BYTES} >= octet_length(coalesce(report, '')) AND "
        f"{s}.json_depth(report) <= {MAX_JSON_DEPTH})",
    ]
    for t in ("verifications", "evidence", "reviews", "patch_records"):
        out.append(f"CREATE CONSTRAINT TRIGGER {t}_audited AFTER INSERT OR UPDATE OR DELETE ON {s}.{t} DEFERRABLE "
                   f"INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {s}.ensure_audited()")
    # issued data changed (only an administrator can): a trigger on those columns only, so the plugin's own
    # updates of a patch's cached state never pay for it
    issued = ", ".join(_ISSUED + ["geom"])
    out.append(f"CREATE CONSTRAINT TRIGGER patches_audited AFTER UPDATE OF {issued} ON {s}.patches DEFERRABLE "
               f"INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {s}.ensure_audited()")
    out.append(f"CREATE CONSTRAINT TRIGGER patches_added AFTER INSERT OR DELETE ON {s}.patches DEFERRABLE "
               f"INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {s}.ensure_audited()")
    return out


def insert_only_sql(s: str, tables) -> List[str]:
    """A trigger on each table that refuses UPDATE, DELETE and TRUNCATE, the schema's owner included."""
    out = [f"CREATE FUNCTION {s}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
           f"RAISE EXCEPTION '%.% is insert-only', TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = '42501'; END $$"]
    for table in tables:
        out.append(f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {s}.{table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {s}.refuse_change()")
        out.append(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {s}.{table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_change()")
    return out


def group_role_sql(s: str, r: str) -> List[str]:
    """The group role r (made by the caller: a publish never takes over a role it did not make) reading the
    schema's tables."""
    return [f"CREATE ROLE {r} NOLOGIN",
            f"GRANT USAGE ON SCHEMA {s} TO {r}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {r}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {r}"]


def schema_taken(cur, schema: str, group_roles=None):
    """The refusal when the schema, or a group role it would make, exists (a work package or hub is never made
    over another, and never inherits the members of one that was dropped), else None."""
    from ..core.messages import QT_TRANSLATE_NOOP, Msg

    cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
    if cur.fetchone() is not None:
        return Msg(QT_TRANSLATE_NOOP("weipian", "schema {schema} already exists; a work package is never published "
                                                "over another"), schema=schema)
    for r in group_roles if group_roles is not None else roles(schema):
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (r,))
        if cur.fetchone() is not None:
            return Msg(QT_TRANSLATE_NOOP("weipian", "role {role} exists already (left by an earlier package of this "
                                                    "name, with its members): remove it (DROP ROLE) or choose "
                                                    "another name"), role=r)
    return None


def keys_rights_sql(s: str, readers, truster: str, others) -> List[str]:
    """The signing key readable by `readers` only (the county's or city's own roles: who reads it can sign as
    them), trusted keys added by `truster`, readable by all."""
    out = [f"REVOKE ALL ON {s}.signing_key FROM PUBLIC"]
    out += [f"REVOKE ALL ON {s}.signing_key FROM {r}" for r in others]
    out += [f"GRANT SELECT ON {s}.signing_key TO {r}" for r in readers]
    out.append(f"GRANT INSERT ON {s}.trusted_keys TO {truster}")
    return out


def protect_sql(schema: str) -> List[str]:
    """Everything that holds the rules, made after the rows are in: functions, triggers, group roles, rights by
    column and row-level security. Run by a role allowed to create roles."""
    s = check_schema_name(schema)
    town, reviewer, admin = (role(s, k) for k in ROLES)
    out = _functions_sql(s) + _triggers_sql(s) + insert_only_sql(s, INSERT_ONLY)
    out.append(f"INSERT INTO {s}.package_meta (key, value) VALUES ('county_channel', md5(random()::text || "
               f"clock_timestamp()::text)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    out.append(f"INSERT INTO {s}.evidence_history SELECT DISTINCT sha256, patch_code FROM {s}.evidence WHERE "
               f"sha256 IS NOT NULL ON CONFLICT DO NOTHING")
    tables = list(TABLES) + ["evidence_files", "members", "trusted_keys", "signing_key", "possession", "audit_head",
                             "evidence_history"]
    out += [f"REVOKE ALL ON {s}.{t} FROM PUBLIC" for t in tables]
    out += [f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {s} FROM PUBLIC"]
    for kind in ROLES:
        r = role(s, kind)
        out += group_role_sql(s, r)
        out.append(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r}")
        for table, privileges in RIGHTS[kind].items():
            out.append(f"GRANT {privileges} ON {s}.{table} TO {r}")
    # what a township may not read at all
    out += [f"REVOKE SELECT ON {s}.{t} FROM {town}" for t in ("evidence_files", "imports", "possession",
                                                              "audit_head", "evidence_history")]
    out += [f"REVOKE SELECT ON {s}.{t} FROM {reviewer}, {admin}" for t in ("possession", "audit_head")]
    out += keys_rights_sql(s, [reviewer, admin], admin, [town])
    # row-level security: the township's members reach their own township's patches and what hangs on them
    own = f"township = ANY({s}.my_townships())"
    by_patch = f"patch_code IN (SELECT code FROM {s}.patches WHERE {own})"
    county = f"{reviewer}, {admin}"

    def secure(table, township_rule, with_check=True):
        out.append(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
        check = f" WITH CHECK ({township_rule})" if with_check else ""
        out.append(f"CREATE POLICY township_own ON {s}.{table} TO {town} USING ({township_rule}){check}")
        out.append(f"CREATE POLICY county_all ON {s}.{table} TO {county} USING (true) WITH CHECK (true)")

    # no statistics of where patches are: PostGIS' _postgis_stats() reads them past row-level security (counts and
    # a histogram of every township's patches) and ST_EstimatedExtent() would give their extent (with no GiST index
    # and no statistics it gives nothing); the planner does without them (the SP-GiST index stays)
    out += [f"ALTER TABLE {s}.{t} ALTER COLUMN geom SET STATISTICS 0" for t in GEOMETRY_TABLES]
    secure("patches", own)
    for table in _BY_PATCH:
        secure(table, by_patch)
    secure("audit_log", f"login = session_user OR {by_patch}", with_check=False)
    secure("members", "login = session_user", with_check=False)
    secure("package_meta", f"key IN ({', '.join(repr(k) for k in TOWNSHIP_META)})", with_check=False)
    secure("trusted_keys", "false", with_check=False)
    return out


def rights_sql(schema: str) -> List[str]:  # the name the city hub and older callers use
    return protect_sql(schema)


def expected_protections(schema: str) -> Dict[str, set]:
    """What protect_sql puts in place, by kind: trigger names (table.trigger), policies (table.policy), tables
    with row-level security, security-definer functions (store.office_rights checks them against the catalog)."""
    s = check_schema_name(schema)
    sql = protect_sql(s)
    triggers = set()
    for stmt in sql:
        m = re.match(rf"CREATE (?:CONSTRAINT )?TRIGGER (\w+) .*? ON {s}\.(\w+)", stmt)
        if m:
            triggers.add(f"{m.group(2)}.{m.group(1)}")
    policies = {f"{m.group(2)}.{m.group(1)}" for stmt in sql
                for m in [re.match(rf"CREATE POLICY (\w+) ON {s}\.(\w+)", stmt)] if m}
    secured = {m.group(1) for stmt in sql for m in [re.match(rf"ALTER TABLE {s}\.(\w+) ENABLE ROW LEVEL", stmt)]
               if m}
    definers = {m.group(1) for stmt in sql for m in [re.match(rf"CREATE FUNCTION {s}\.(\w+)\(.*SECURITY DEFINER",
                                                             stmt, re.S)] if m}
    unmeasured = {f"{m.group(1)}.{m.group(2)}" for stmt in sql
                  for m in [re.match(rf"ALTER TABLE {s}\.(\w+) ALTER COLUMN (\w+) SET STATISTICS 0", stmt)] if m}
    return {"triggers": triggers, "policies": policies, "secured": secured, "definers": definers,
            "unmeasured": unmeasured, "spatial_index": SPATIAL_INDEX}
