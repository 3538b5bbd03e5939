"""The office package's rules are the database's: each attack a dishonest township, a careless administrator or a
county wanting a lower figure made, repeated with a real login doing plain SQL through psycopg2, and the row or
figure checked afterwards."""
import json
import time

import psycopg2
import pytest
from test_office_store import login

from weipian_plugin.core.statistics import accountability
from weipian_plugin.store.office_copy import publish_work_package
from weipian_plugin.store.office_package import OfficePackage, StaleSave
from weipian_plugin.store.office_rights import ALL_TABLES, COMMANDS, RIGHTS_TABLE, rights_markdown
from weipian_plugin.store.pg_schema import RIGHTS, ROLES, role
from weipian_plugin.store.work_package import PackageError


@pytest.fixture
def office(pg, pg_server, county, request):
    """The demo's county month published; a township login of one township, another township's, a reviewer
    and an administrator, each listed with the name people read."""
    schema = f"wp_id_{abs(hash(request.node.name)) % 10**7}"
    publish_work_package(county, pg, schema)
    with pg.cursor() as cur:
        cur.execute(f"SELECT township, count(*) FROM {schema}.patches GROUP BY 1 ORDER BY 2 DESC, 1")
        towns = [r[0] for r in cur.fetchall()]
    pg.commit()
    out = {"schema": schema, "own": towns[0], "other": towns[1]}
    for name, kind, town, display in (("town", "township", towns[0], "五里镇 陈强"),
                                      ("town2", "township", towns[1], "关庙镇 王芳"),
                                      ("rev", "reviewer", None, "县卫片办 李明"),
                                      ("adm", "admin", None, "县卫片办 赵刚")):
        out[name] = login(pg, pg_server, schema, f"test_{name}_{schema[6:]}", kind, town, display)
    yield out
    for name in ("town", "town2", "rev", "adm"):
        out[name].close()


def one(conn, sql, args=()):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        row = cur.fetchone()
    conn.commit()
    return row


def refused(conn, sql, args=()):
    """The database says no (a privilege, a policy, a trigger or a check); the transaction is rolled back."""
    with conn.cursor() as cur:
        try:
            cur.execute(sql, args)
        except psycopg2.Error as exc:
            conn.rollback()
            return (exc.pgcode, str(exc).splitlines()[0])
    affected = cur.rowcount
    conn.rollback()
    return ("no row", "") if affected == 0 else None


def own_code(office, pg, township=None):
    s = office["schema"]
    return one(pg, f"SELECT code FROM {s}.patches WHERE township = %s AND cultivated_mu > 0 ORDER BY code LIMIT 1",
               (township or office["own"],))[0]


# -- 1. identity is the login -----------------------------------------------------------------------------------

def test_who_saved_is_the_login_and_a_typed_name_that_is_not_its_own_is_refused(office, pg):
    s, town = office["schema"], office["town"]
    code = own_code(office, pg)
    # the township saved as "县卫片办 李明" once: refused now
    assert refused(town, f"UPDATE {s}.verifications SET basis = 'x', verifier = '县卫片办 李明' WHERE patch_code = %s",
                   (code,))[0] == "42501"
    with town.cursor() as cur:  # without a name: the database writes the member's, and the login
        cur.execute(f"UPDATE {s}.verifications SET basis = '实地核查' WHERE patch_code = %s", (code,))
    town.commit()
    row = one(pg, f"SELECT verifier, verifier_login, written_by FROM {s}.verifications WHERE patch_code = %s", (code,))
    assert row == ("五里镇 陈强", town.info.user, town.info.user)
    # the change was made without the plugin: the database wrote its audit entry, with the login
    entry = one(pg, f"SELECT action, actor, login FROM {s}.audit_log WHERE patch_code = %s ORDER BY fid DESC LIMIT 1",
                (code,))
    assert entry == ("changed_without_the_plugin", "五里镇 陈强", town.info.user)


def test_the_reviewer_is_not_the_verifier_by_login(office, pg):
    """One login verified as 王芳 and passed as 李明: the rule compared two typed names."""
    s, adm = office["schema"], office["adm"]
    code = own_code(office, pg)
    store = OfficePackage(adm, s)
    _v, version = store.verification_and_version(code)
    new = store.set_verification(code, "县卫片办 王芳", version, basis="县级核实")  # typed name: a label only
    assert store.verification(code).verifier == "县卫片办 赵刚"
    with pytest.raises(PackageError, match="cannot review their own"):
        store.add_review(code, "县卫片办 李明", "pass", "同意", new)
    assert refused(adm, f"INSERT INTO {s}.reviews (patch_code, decision, verification_version) VALUES (%s, 'pass', "
                        f"%s)", (code, new))[0] == "WP001"
    OfficePackage(office["rev"], s).add_review(code, "", "pass", "同意", new)  # another login: fine
    assert one(pg, f"SELECT reviewer, reviewer_login FROM {s}.reviews WHERE patch_code = %s ORDER BY fid DESC "
                   f"LIMIT 1", (code,)) == ("县卫片办 李明", office["rev"].info.user)


# -- 2. rights by column, versions by the database ---------------------------------------------------------------

def test_issued_data_is_the_administrators_and_every_change_is_audited(office, pg, county):
    """Dividing a township's 违法 patches' 耕地 by ten moved the ratio with no audit entry; military = 1 took a
    patch out of the upload; a reviewer moved a patch to another township."""
    from weipian_plugin.core.profile import load_profile

    s = office["schema"]
    code = own_code(office, pg)
    profile = load_profile("shaanxi_ankang_2023")
    before = accountability(OfficePackage(pg, s).snapshot(), profile, "county").ratio
    assert refused(office["town"], f"UPDATE {s}.patches SET cultivated_mu = cultivated_mu / 10")[0] == "42501"
    assert refused(office["rev"], f"UPDATE {s}.patches SET township = %s WHERE code = %s",
                   (office["other"], code))[0] == "42501"
    assert refused(office["town"], f"UPDATE {s}.patches SET issued_json = '{{}}'")[0] == "42501"
    assert accountability(OfficePackage(pg, s).snapshot(), profile, "county").ratio == before
    with office["town"].cursor() as cur:  # the military mark is the township's to set: audited by the database
        cur.execute(f"UPDATE {s}.patches SET military = 1 WHERE code = %s", (code,))
    office["town"].commit()
    entry = one(pg, f"SELECT action, login, detail FROM {s}.audit_log WHERE patch_code = %s ORDER BY fid DESC "
                    f"LIMIT 1", (code,))
    assert entry[:2] == ("changed_without_the_plugin", office["town"].info.user)
    assert json.loads(entry[2])["after"]["military"] == 1 and json.loads(entry[2])["before"]["military"] == 0


def test_the_version_is_the_databases(office, pg):
    """A township rewrote a basis with version unchanged, and the pass bound content the reviewer never saw;
    resetting version let an old save win; a detach through the plugin left version as it was."""
    s = office["schema"]
    code = own_code(office, pg)
    town = OfficePackage(office["town"], s)
    rev = OfficePackage(office["rev"], s)
    _v, seen = rev.verification_and_version(code)
    assert refused(office["town"], f"UPDATE {s}.verifications SET version = 1 WHERE patch_code = %s",
                   (code,))[0] == "42501"
    with office["town"].cursor() as cur:  # a change in plain SQL: the version goes up all the same
        cur.execute(f"UPDATE {s}.verifications SET basis = '改过的依据' WHERE patch_code = %s", (code,))
    office["town"].commit()
    assert rev.verification_and_version(code)[1] == seen + 1
    with pytest.raises(StaleSave):  # the reviewer's pass on what it saw is refused: it is no longer there
        rev.add_review(code, "", "pass", "同意", seen)
    # a photo detached through the plugin is a new version too: a pass made after seeing two photos binds two
    _v, now = rev.verification_and_version(code)
    e = next(x for x in town.evidence(code) if x.kind == "photo")
    town.remove_evidence(e.id, "")
    assert rev.verification_and_version(code)[1] == now + 1
    with pytest.raises(StaleSave):
        rev.add_review(code, "", "pass", "同意", now)
    assert refused(office["rev"], f"INSERT INTO {s}.reviews (patch_code, decision, verification_version) VALUES "
                                  f"(%s, 'pass', %s)", (code, now))[0] == "WP002"
    # the military mark is a decision the review covers: ticked in plain SQL, it is a new version, and the
    # patch stands unreviewed until a pass of what it now holds (issue 20 §13)
    _v, now = rev.verification_and_version(code)
    with office["town"].cursor() as cur:
        cur.execute(f"UPDATE {s}.patches SET military = 1 WHERE code = %s", (code,))
    office["town"].commit()
    assert rev.verification_and_version(code)[1] == now + 1
    with pytest.raises(StaleSave):
        rev.add_review(code, "", "pass", "同意", now)
    assert rev.states([code])[code] != "passed"
    rev.add_review(code, "", "pass", "经核实属军事用地", now + 1)
    assert rev.states([code])[code] == "passed"


def test_a_lock_held_by_one_desk_is_said_within_seconds_and_nobody_can_lock_what_all_need(office, pg):
    """One township login blocked everyone for more than 15 s with the audit lock or LOCK TABLE patches."""
    s = office["schema"]
    code = own_code(office, pg)
    town = office["town"]
    for sql in (f"LOCK TABLE {s}.patches IN EXCLUSIVE MODE", f"LOCK TABLE {s}.audit_log IN EXCLUSIVE MODE",
                f"SELECT 1 FROM {s}.audit_head FOR UPDATE", f"LOCK TABLE {s}.verifications IN EXCLUSIVE MODE"):
        assert refused(town, sql)[0] == "42501", sql
    with town.cursor() as cur:  # an advisory lock no longer stops anybody's save
        cur.execute(f"SELECT pg_advisory_lock(hashtext('{s}.audit_log'))")
    other = own_code(office, pg, office["other"])
    town2 = OfficePackage(office["town2"], s)
    t = time.monotonic()
    town2.set_verification(other, "", town2.verification_and_version(other)[1], basis="不受影响")
    assert time.monotonic() - t < 2.0
    # a row of its own patch held open: the county's save on that patch is told who, after lock_timeout
    with town.cursor() as cur:
        cur.execute(f"SELECT 1 FROM {s}.verifications WHERE patch_code = %s FOR UPDATE", (code,))
    adm = OfficePackage(office["adm"], s)
    t = time.monotonic()
    with pytest.raises(PackageError, match=f"another desk holds a lock.*{town.info.user}"):
        adm.set_verification(code, "", adm.verification_and_version(code)[1], basis="县级")
    assert time.monotonic() - t < 8.0
    town.rollback()
    adm.set_verification(code, "", adm.verification_and_version(code)[1], basis="县级")  # and works once released


def test_sizes_and_depths_are_capped_where_the_row_is_written(office, pg):
    """A township wrote 100 MB nobody can delete; a reviewer's 100,000-deep JSON record broke check and figures."""
    s = office["schema"]
    code = own_code(office, pg)
    big = b"\0" * (51 << 20)
    import hashlib

    assert refused(office["town"], f"SELECT {s}.put_bytes(%s, %s)",
                   (hashlib.sha256(big).hexdigest(), big))[0] == "54000"
    deep = "[" * 100_000 + "]" * 100_000
    assert refused(office["rev"], f"INSERT INTO {s}.patch_records (patch_code, kind, data) VALUES (%s, 'mark', %s)",
                   (code, deep))[0] == "23514"
    assert refused(office["rev"], f"SELECT {s}.audit_append('x', %s, %s)", (code, deep))[0] == "22023"
    OfficePackage(pg, s).snapshot()  # the check and the figures still read the package


# -- 3. what a township may read --------------------------------------------------------------------------------

def test_a_township_reads_its_own_and_no_other_townships_bytes(office, pg):
    """The audit log showed all 825 entries; with a sha256 from there, an evidence row inserted on its own patch
    (then rolled back: no trace) opened another township's photo bytes."""
    s, town = office["schema"], office["town"]
    mine, theirs = own_code(office, pg), own_code(office, pg, office["other"])
    total = one(pg, f"SELECT count(*) FROM {s}.audit_log")[0]
    seen = one(town, f"SELECT count(*), count(*) FILTER (WHERE patch_code = %s) FROM {s}.audit_log", (theirs,))
    assert seen[0] < total and seen[1] == 0
    for table in ("imports", "evidence_files", "possession"):
        assert refused(town, f"SELECT * FROM {s}.{table} LIMIT 1")[0] == "42501", table
    keys = {r[0] for r in _all(town, f"SELECT key FROM {s}.package_meta")}
    assert keys and not [k for k in keys if k.startswith("audit_imported") or k == "county_channel"]
    assert _all(town, f"SELECT login FROM {s}.members") == [(town.info.user,)]
    sha = one(pg, f"SELECT sha256 FROM {s}.evidence WHERE patch_code = %s AND kind = 'photo' LIMIT 1", (theirs,))[0]
    assert one(town, f"SELECT {s}.get_bytes(%s)", (sha,))[0] is None
    assert refused(town, f"INSERT INTO {s}.evidence (patch_code, kind, path, sha256) VALUES (%s, 'photo', 'x', %s)",
                   (mine, sha))[0] == "42501"  # bytes it never brought are not its evidence
    own_sha = one(pg, f"SELECT sha256 FROM {s}.evidence WHERE patch_code = %s AND kind = 'photo' LIMIT 1", (mine,))[0]
    assert bytes(one(town, f"SELECT {s}.get_bytes(%s)", (own_sha,))[0])  # its own: yes


def test_notifications_carry_nothing_a_township_may_not_read(office, pg, pg_server):
    import select

    from weipian_plugin.store.office_package import listen

    s = office["schema"]
    listener = psycopg2.connect(**dict(pg_server, user=office["town"].info.user))
    channel = listen(listener, s)
    assert channel != OfficePackage(office["rev"], s).change_channel()
    other, mine = own_code(office, pg, office["other"]), own_code(office, pg)
    for code, store in ((other, OfficePackage(office["town2"], s)), (mine, OfficePackage(office["adm"], s))):
        store.set_verification(code, "", store.verification_and_version(code)[1], basis="改")
    heard, t = [], time.monotonic()
    while time.monotonic() - t < 2.0 and not heard:
        if select.select([listener], [], [], 0.1)[0]:
            listener.poll()
            heard += [n.payload for n in listener.notifies]
    assert heard == [mine]  # its own patch, never the other township's
    listener.close()


def test_postgis_statistics_tell_a_township_nothing_of_other_townships(office, pg):
    """PostGIS reads a table's statistics past row-level security: _postgis_stats gave a township the number of
    all the county's patches and where they lie."""
    s = office["schema"]
    with pg.cursor() as cur:
        cur.execute(f"ANALYZE {s}.patches")
        cur.execute(f"ANALYZE {s}.evidence")
    pg.commit()
    for table in ("patches", "evidence"):
        why = refused(office["town"], f"SELECT _postgis_stats('{s}.{table}'::regclass, 'geom')")
        assert why[1].startswith(f'stats for "{table}.geom" do not exist')
        # ST_EstimatedExtent read the extent of every township's patches from a GiST index's root: SP-GiST
        assert one(office["town"], f"SELECT ST_EstimatedExtent('{s}', '{table}', 'geom')")[0] is None
    # the map's box queries still use the spatial index (the county's desk: all patches)
    with office["rev"].cursor() as cur:
        cur.execute("SET enable_seqscan = off")
        cur.execute(f"EXPLAIN SELECT code FROM {s}.patches WHERE geom && ST_MakeEnvelope(109, 32.6, 109.1, 32.7, 4490)")
        assert "patches_geom_spgist" in " ".join(r[0] for r in cur.fetchall())
    office["rev"].rollback()
    assert one(office["town"], f"SELECT count(*) FROM {s}.patches")[0] < one(pg, f"SELECT count(*) FROM {s}.patches")[0]


# -- 4. the audit chain --------------------------------------------------------------------------------------------

def test_the_audit_log_is_written_by_the_database_and_what_the_owner_changes_is_named(office, pg):
    """Any role could insert a chain-consistent forged entry; the owner disabled the trigger and row-level
    security, rewrote 146 entries, re-chained them, and the check said nothing."""
    s = office["schema"]
    for name in ("town", "rev", "adm"):
        assert refused(office[name], f"INSERT INTO {s}.audit_log (fid, at, actor, action) VALUES (999999, 'x', "
                                     f"'县卫片办 李明', 'review')")[0] == "42501"
    store = OfficePackage(pg, s)
    assert store.integrity_problems() == []
    with pg.cursor() as cur:  # the owner: triggers off, entries rewritten and chained again, security off
        cur.execute(f"ALTER TABLE {s}.audit_log DISABLE TRIGGER audit_log_insert_only")
        cur.execute(f"UPDATE {s}.audit_log SET actor = 'someone' WHERE fid IN (SELECT fid FROM {s}.audit_log ORDER BY "
                    f"fid LIMIT 5)")
        cur.execute(f"ALTER TABLE {s}.patches DISABLE ROW LEVEL SECURITY")
        cur.execute(f"GRANT UPDATE ON {s}.patches TO {role(s, 'township')}")
    pg.commit()
    problems = store.integrity_problems()
    assert any("changed after it was written" in p for p in problems)
    assert any("audit_log.audit_log_insert_only is disabled" in p for p in problems)
    assert any("row-level security of patches is off" in p for p in problems)
    assert any(f"{role(s, 'township')} may UPDATE patches.cultivated_mu" in p for p in problems)
    from weipian_plugin.services.package_check import check_package

    findings, _ = check_package(store)
    assert any(f.rule == "integrity.tampered" and f.severity == "blocking" for f in findings)


def test_a_broken_chain_has_an_audited_repair(office, pg):
    """One junk row broke the chain for good and blocked the upload; the owner's repair was refused."""
    s = office["schema"]
    with pg.cursor() as cur:  # the owner's mistake: one row outside the chain
        cur.execute(f"INSERT INTO {s}.audit_log (at, actor, action, prev_sha, sha) VALUES ('x', 'x', 'x', 'junk', "
                    f"'junk') RETURNING fid")
        junk = cur.fetchone()[0]
    pg.commit()
    store = OfficePackage(office["adm"], s)
    assert store.integrity_problems()
    assert refused(office["rev"], f"SELECT {s}.repair_chain(ARRAY[%s]::bigint[], '误插入')", (junk,))[0] == "42501"
    assert refused(office["adm"], f"SELECT {s}.repair_chain(ARRAY[%s]::bigint[], '')", (junk,))[0] == "22023"
    one(office["adm"], f"SELECT {s}.repair_chain(ARRAY[%s]::bigint[], '管理员误插入一条记录，经核实标记')", (junk,))
    assert store.integrity_problems() == []
    entry = one(pg, f"SELECT action, actor, login, detail FROM {s}.audit_log ORDER BY fid DESC LIMIT 1")
    assert entry[:3] == ("chain_repair", "县卫片办 赵刚", office["adm"].info.user)
    assert json.loads(entry[3])["fids"] == [junk]


# -- the table of rights, cell by cell --------------------------------------------------------------------------

def _all(conn, sql, args=()):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        rows = cur.fetchall()
    conn.rollback()
    return rows


def _column(s, table, kind, command, pg):
    """A column the role may write with this command (per pg_schema.RIGHTS), else any column of the table."""
    import re

    granted = RIGHTS.get(kind, {}).get(table, "")
    m = re.search(rf"{command} \(([^)]*)\)", granted)
    if m:
        return m.group(1).split(",")[0].strip()
    return _all(pg, "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT "
                    "attisdropped AND attidentity = '' ORDER BY attnum LIMIT 1", (f"{s}.{table}",))[0][0]


def test_every_table_role_and_command_against_the_table_of_rights(office, pg):
    s = office["schema"]
    conns = {"township": office["town"], "reviewer": office["rev"], "admin": office["adm"]}
    found = {}
    for table in ALL_TABLES:
        for kind in ROLES:
            conn = conns[kind]
            for command in COMMANDS:
                col = _column(s, table, kind, command, pg)
                sql = {"SELECT": f"SELECT 1 FROM {s}.{table} LIMIT 1",
                       "INSERT": f'INSERT INTO {s}.{table} ("{col}") SELECT "{col}" FROM {s}.{table} WHERE false',
                       "UPDATE": f'UPDATE {s}.{table} SET "{col}" = "{col}" WHERE false',
                       "DELETE": f"DELETE FROM {s}.{table} WHERE false",
                       "TRUNCATE": f"TRUNCATE {s}.{table}"}[command]
                with conn.cursor() as cur:
                    try:
                        cur.execute("SAVEPOINT cell")
                        cur.execute(sql)
                        allowed = True
                    except psycopg2.Error as exc:
                        cur.execute("ROLLBACK TO SAVEPOINT cell")
                        allowed = "permission denied" not in str(exc)  # a rule past the rights (a trigger)
                conn.rollback()
                found[(table, kind, command)] = allowed
    wrong = [(cell, allowed) for cell, allowed in found.items() if allowed != (cell[2] in RIGHTS_TABLE[cell[0]][cell[1]])]
    assert wrong == []
    assert rights_markdown().count("\n") == len(ALL_TABLES) + 1  # docs/guide.md's table is this one


# -- 6. secrets and names ---------------------------------------------------------------------------------------

def test_a_password_never_reaches_a_project_a_command_line_or_a_label(pg, pg_server, provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    from weipian_plugin.store.pg_connect import holds_password, safe_label

    spec = f"host={pg_server['host']} port={pg_server['port']} dbname={pg_server['dbname']} user=x password='a b'c'"
    assert holds_password(spec) and holds_password("postgres://:pw@host/db")
    assert holds_password("postgresql://host/db?password=pw") and not holds_password("service=office")
    for text in (spec, "postgres://:Top-Secret@host/db", "postgresql://li:Top'Secret@host/db",
                 "host=h password='Top Secret'"):
        shown = safe_label(text)
        assert "Top" not in shown and "b'c" not in shown and "a b" not in shown, shown
    with pytest.raises(QgsProcessingException, match="must not hold a password"):
        processing.run("weipian:check_work_package", {"PACKAGE": f"office:wp_x@{spec}", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_schema_names_match_whole_and_roles_are_never_inherited(pg, county):
    from weipian_plugin.store.city_hub import CityHub
    from weipian_plugin.store.office_copy import OfficeStoreError

    with pytest.raises(ValueError):
        publish_work_package(county, pg, "c610902\n")
    publish_work_package(county, pg, "wp_roles_a")
    with pg.cursor() as cur:  # last month's reviewer stays a member of the group after the schema is dropped
        cur.execute("CREATE ROLE test_last_month LOGIN")
        cur.execute(f"GRANT {role('wp_roles_a', 'reviewer')} TO test_last_month")
        cur.execute("DROP SCHEMA wp_roles_a CASCADE")
    pg.commit()
    with pytest.raises(OfficeStoreError, match="exists already"):  # re-publishing never inherits it
        publish_work_package(county, pg, "wp_roles_a")
    pg.rollback()
    CityHub.create(pg, "wp_roles_h", "6109", "shaanxi_ankang_2023", "x")
    publish_work_package(county, pg, "wp_roles_h_city")  # once handed to the hub's roles; kinds apart now
    hub_roles = {r[0] for r in _all(pg, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'hub\\_wp\\_roles\\_h%%'")}
    office_roles = {r[0] for r in _all(pg, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'wp\\_wp\\_roles\\_h%%'")}
    assert hub_roles and office_roles and not hub_roles & office_roles


def test_the_county_keeps_its_members_through_processing(office, pg, pg_server, provider):
    import processing

    s = office["schema"]
    base = {"CONNECTION": " ".join(f"{k}={v}" for k, v in pg_server.items()), "SCHEMA": s}
    processing.run("weipian:office_member", dict(base, LOGIN="test_new_town", NAME="五里镇 新人", ROLE=0,
                                                 TOWNSHIPS=office["own"]))
    conn = psycopg2.connect(**dict(pg_server, user="test_new_town"))
    store = OfficePackage(conn, s)
    assert store.member_name() == "五里镇 新人"
    code = own_code(office, pg)
    store.set_verification(code, "", store.verification_and_version(code)[1], basis="新人核实")
    assert store.verification(code).verifier == "五里镇 新人"
    entry = [e for e in OfficePackage(pg, s).audit_entries() if e["action"] == "set_member"][-1]
    assert json.loads(entry["detail"])["login"] == "test_new_town" and entry["login"] == pg_server["user"]
    conn.close()


# -- protections of an earlier version, renewed in place --------------------------------------------------------

def test_protections_of_an_earlier_version_are_renewed_in_place_by_the_owner_only(office, pg, pg_server, provider):
    """A schema published before a protection existed (here: without the military-mark trigger, with an older
    review stamp and a right granted by hand) was named by the check with no way out but publishing again. The
    owner renews it through Processing: every difference is written to the audit log, the rows stay, and an
    administrator's login that does not own the schema is refused."""
    import processing
    from qgis.core import QgsProcessingException

    from weipian_plugin.services.package_check import check_package

    s, town = office["schema"], office["town"]
    code = own_code(office, pg)
    with pg.cursor() as cur:  # the schema as an earlier version (and a careless hand) left it
        cur.execute(f"DROP TRIGGER military_version ON {s}.patches")
        cur.execute(f"CREATE OR REPLACE FUNCTION {s}.stamp_review() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    f"RETURN NEW; END $$")
        cur.execute(f"ALTER TABLE {s}.audit_log DISABLE TRIGGER audit_log_insert_only")
        cur.execute(f"GRANT UPDATE ON {s}.patches TO {town.info.user}")
        cur.execute(f"ALTER TABLE {s}.patches ALTER COLUMN geom SET STATISTICS -1")
        cur.execute(f"DROP INDEX {s}.patches_geom_spgist")  # an earlier version indexed with GiST
        cur.execute(f"CREATE INDEX ON {s}.patches USING gist (geom)")
        cur.execute(f"ANALYZE {s}.patches")
    pg.commit()
    stats = f"SELECT _postgis_stats('{s}.patches'::regclass, 'geom')"
    assert json.loads(one(town, stats)[0])["table_features"] > 20  # every township's patches, past row security
    extent = f"SELECT ST_EstimatedExtent('{s}', 'patches', 'geom')"
    assert one(town, extent)[0] is not None
    rows_before = one(pg, f"SELECT md5(string_agg(p::text, '|' ORDER BY fid)) FROM {s}.patches p")[0]
    assert refused(town, f"UPDATE {s}.patches SET cultivated_mu = 0 WHERE code = %s", (code,)) is None  # it could

    store = OfficePackage(pg, s)
    findings, _ = check_package(store)
    said = [f.message_zh for f in findings if f.rule.startswith("integrity.")]
    assert "工作包在插件之外被修改：保护 patches.military_version 缺失（在插件之外被删除）" in said
    assert "工作包在插件之外被修改：函数 stamp_review 在插件之外被修改" in said
    assert any("patches.geom 的统计信息被收集" in m for m in said)
    assert any("是 GiST 索引" in m for m in said)
    assert any(f"角色 {town.info.user} 持有插件未授予的权限：UPDATE patches" in m for m in said)
    assert any("weipian:office_renew_protections" in m for m in said)
    entries = len(store.audit_entries())

    base = {"CONNECTION": " ".join(f"{k}={v}" for k, v in dict(pg_server, user=office["adm"].info.user).items()),
            "SCHEMA": s, "REASON": "旧版本发布的工作包"}
    with pytest.raises(QgsProcessingException, match="only the owner of schema"):
        processing.run("weipian:office_renew_protections", base)
    owner = dict(base, CONNECTION=" ".join(f"{k}={v}" for k, v in pg_server.items()))
    with pytest.raises(QgsProcessingException, match="say why"):
        processing.run("weipian:office_renew_protections", dict(owner, REASON=" "))
    assert len(store.audit_entries()) == entries and store.integrity_problems()

    result = processing.run("weipian:office_renew_protections", owner)
    assert result["FOUND"] >= 4
    assert store.integrity_problems() == []
    assert not [f for f in check_package(store)[0] if f.rule.startswith("integrity.")]
    entry = store.audit_entries()[-1]
    assert (entry["action"], entry["login"]) == ("renew_protections", pg_server["user"])
    found = json.loads(entry["detail"])
    assert found["reason"] == "旧版本发布的工作包"
    assert "protection patches.military_version is missing (removed outside the plugin)" in found["found"]
    assert one(pg, f"SELECT md5(string_agg(p::text, '|' ORDER BY fid)) FROM {s}.patches p")[0] == rows_before
    # the rules hold again: the hand-given right is gone, the military mark bumps the version again
    assert refused(town, f"UPDATE {s}.patches SET cultivated_mu = 0 WHERE code = %s", (code,))[0] == "42501"
    assert refused(pg, f"UPDATE {s}.audit_log SET actor = 'x' WHERE fid = 1")[0] == "42501"
    version = one(pg, f"SELECT version FROM {s}.verifications WHERE patch_code = %s", (code,))
    with town.cursor() as cur:
        cur.execute(f"UPDATE {s}.patches SET military = 1 WHERE code = %s", (code,))
    town.commit()
    assert one(pg, f"SELECT version FROM {s}.verifications WHERE patch_code = %s", (code,)) != version
    with pg.cursor() as cur:
        cur.execute(f"ANALYZE {s}.patches")
    pg.commit()
    assert refused(town, stats)[1].startswith('stats for "patches.geom" do not exist')
    assert one(town, extent)[0] is None
    # members and listeners keep what they had
    assert OfficePackage(town, s).member_name() == "五里镇 陈强"

    assert processing.run("weipian:office_renew_protections", owner)["FOUND"] == 0  # nothing to mend: nothing written
    assert len(store.audit_entries()) == entries + 2  # the renewal and the township's military mark

    with pg.cursor() as cur:  # a layout older than this version's: refused, nothing written
        cur.execute(f"ALTER TABLE {s}.reviews DROP COLUMN verification_version")
        cur.execute(f"DROP TRIGGER military_version ON {s}.patches")
    pg.commit()
    with pytest.raises(QgsProcessingException, match=r"reviews\.verification_version \(integer\).*publish that again"):
        processing.run("weipian:office_renew_protections", owner)
    assert len(store.audit_entries()) == entries + 2
    assert any("military_version" in p for p in store.integrity_problems())
