"""The county office on PostgreSQL/PostGIS, against a real server (tests/pg_cluster.py): a work package published
into a schema and taken back loses nothing; the database holds the rights (roles, row-level security,
insert-only audit) and checks the evidence bytes."""
import hashlib
import os
import sqlite3

import psycopg2
import pytest

from weipian_plugin.store import gpkg_blob
from weipian_plugin.store.office_copy import OfficeStoreError, export_work_package, publish_work_package
from weipian_plugin.store.schema import TABLES
from weipian_plugin.store.work_package import WorkPackage


def table_rows(path, name):
    """Every row of a table with every column, geometry as its WKB, in fid order."""
    conn = sqlite3.connect(path)
    geom, _srid, fields = TABLES[name]
    cols = ["fid"] + (["geom"] if geom else []) + [f for f, _ in fields]
    rows = []
    for row in conn.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {name} ORDER BY fid"):
        row = list(row)
        if geom and row[1] is not None:
            row[1] = bytes(gpkg_blob.decode(row[1]))
        rows.append(row)
    conn.close()
    return rows


def test_publish_and_take_back_is_lossless(pg, county, tmp_path):
    counts = publish_work_package(county, pg, "wp_round")
    assert counts["patches"] > 50 and counts["audit_log"] > 100 and counts["evidence_files"] > 50
    back = tmp_path / "back" / os.path.basename(county)
    back.parent.mkdir()
    export_work_package(pg, "wp_round", str(back))
    for name in TABLES:  # every table, every column, every row
        assert table_rows(str(back), name) == table_rows(county, name), name
    with WorkPackage.open(str(back)) as wp, WorkPackage.open(county) as original:
        from weipian_plugin.store.audit_chain import chain_problems

        assert chain_problems(wp.conn) == []  # the audit log's hash chain holds
        for e in original.evidence():  # the files are back, byte for byte
            data = open(os.path.join(str(back.parent), e.path), "rb").read()
            assert hashlib.sha256(data).hexdigest() == e.sha256
        assert wp.snapshot().meta == original.snapshot().meta


def test_a_photo_changed_after_attaching_publishes_nothing(pg, county):
    with WorkPackage.open(county) as wp:
        e = next(x for x in wp.evidence() if x.kind == "photo")
    path = os.path.join(os.path.dirname(county), e.path)
    data = bytearray(open(path, "rb").read())
    data[-30] ^= 0xFF
    open(path, "wb").write(bytes(data))
    with pytest.raises(OfficeStoreError) as err:
        publish_work_package(county, pg, "wp_changed")
    assert os.path.basename(e.path) in str(err.value)
    with pg.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'wp_changed'")
        assert cur.fetchone() is None  # all or nothing
    with pytest.raises(OfficeStoreError):
        publish_work_package(county, pg, "wp_changed")


def test_a_schema_is_never_published_over_and_names_are_checked(pg, county):
    publish_work_package(county, pg, "wp_twice")
    with pytest.raises(OfficeStoreError, match="already exists"):
        publish_work_package(county, pg, "wp_twice")
    with pytest.raises(ValueError):
        publish_work_package(county, pg, "wp_x; DROP TABLE x")


def test_the_database_checks_evidence_bytes_against_their_sha256(pg, county):
    publish_work_package(county, pg, "wp_bytes")
    with pg.cursor() as cur:
        with pytest.raises(psycopg2.errors.CheckViolation):
            cur.execute("INSERT INTO wp_bytes.evidence_files (sha256, size, data) VALUES (%s, 3, 'abc')",
                        ("0" * 64,))
    pg.rollback()
    with pg.cursor() as cur:
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):  # written once, never changed: even the owner
            cur.execute("UPDATE wp_bytes.evidence_files SET data = 'x'")
    pg.rollback()


def login(pg, pg_server, schema, name, kind, township=None, display=None):
    """A person's login in a group role of the schema, listed as a member with the name people read (display,
    else the login's name) and, for a township, its township."""
    from weipian_plugin.store.office_members import add_member

    with pg.cursor() as cur:
        add_member(cur, schema, name, display or name, kind, [township] if township else [])
    pg.commit()
    conn = psycopg2.connect(**dict(pg_server, user=name))
    return conn


def refused(conn, sql, args=()):
    """The statement is refused by the database (privilege, policy or trigger) and changes nothing."""
    with conn.cursor() as cur:
        try:
            cur.execute(sql, args)
        except (psycopg2.errors.InsufficientPrivilege, psycopg2.errors.CheckViolation) as exc:
            conn.rollback()
            return str(exc).splitlines()[0]
        affected = cur.rowcount
    conn.rollback()
    return "no row" if affected == 0 else None


def test_rights_are_held_by_the_database(pg, pg_server, county):
    s = "wp_rights"
    publish_work_package(county, pg, s)
    with pg.cursor() as cur:
        cur.execute(f"SELECT township, count(*) FROM {s}.patches GROUP BY township ORDER BY township")
        townships = dict(cur.fetchall())
    own, other = sorted(townships)[:2]
    town = login(pg, pg_server, s, "test_wuli", "township", own)
    reviewer = login(pg, pg_server, s, "test_reviewer", "reviewer")
    admin = login(pg, pg_server, s, "test_admin", "admin")
    with pg.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {s}.audit_log")
        audit_before = cur.fetchone()[0]
    pg.rollback()
    with town.cursor() as cur:  # a township sees its own patches only
        cur.execute(f"SELECT DISTINCT township FROM {s}.patches")
        assert [r[0] for r in cur.fetchall()] == [own]
        cur.execute(f"SELECT count(*) FROM {s}.verifications")
        assert cur.fetchone()[0] <= townships[own]
        cur.execute(f"SELECT code FROM {s}.patches LIMIT 1")
        mine = cur.fetchone()[0]
    town.rollback()
    with pg.cursor() as cur:
        cur.execute(f"SELECT code FROM {s}.patches WHERE township = %s LIMIT 1", (other,))
        theirs = cur.fetchone()[0]
    # a township's own verdict: allowed
    with town.cursor() as cur:
        cur.execute(f"UPDATE {s}.verifications SET basis = 'own' WHERE patch_code = %s", (mine,))
        assert cur.rowcount == 1
    town.rollback()
    forbidden = [
        (town, f"UPDATE {s}.verifications SET basis = 'x' WHERE patch_code = %s", (theirs,)),  # not its township
        (town, f"INSERT INTO {s}.verifications (patch_code, verdict) VALUES (%s, 'HF')", ("NEW",)),
        (town, f"INSERT INTO {s}.reviews (patch_code, reviewer, decision) VALUES (%s, 'x', 'pass')", (mine,)),
        (town, f"UPDATE {s}.patches SET township = %s WHERE code = %s", (other, mine)),  # moving it away
        (town, f"UPDATE {s}.members SET townships = ARRAY[%s] WHERE login = 'test_wuli'", (other,)),
        (town, f"INSERT INTO {s}.audit_log (at, actor, action) VALUES ('2026-11-25', 'x', 'x')", ()),
        (reviewer, f"UPDATE {s}.verifications SET verdict = 'WF' WHERE patch_code = %s", (mine,)),
        (reviewer, f"DELETE FROM {s}.reviews", ()),
        (reviewer, f"DELETE FROM {s}.evidence", ()),
        (admin, f"UPDATE {s}.audit_log SET actor = 'x'", ()),
        (admin, f"DELETE FROM {s}.audit_log", ()),
        (admin, f"TRUNCATE {s}.audit_log", ()),
        (admin, f"DELETE FROM {s}.patch_records", ()),
        (pg, f"UPDATE {s}.audit_log SET actor = 'x'", ()),  # the owner too: the trigger
        (pg, f"DELETE FROM {s}.audit_log", ()),
        (admin, f"INSERT INTO {s}.audit_log (at, actor, action) VALUES ('2026-11-25', 'test_admin', 'x')", ()),
    ]
    for conn, sql, args in forbidden:
        assert refused(conn, sql, args), sql
    with pg.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {s}.audit_log")
        assert cur.fetchone()[0] == audit_before  # nothing changed
        cur.execute(f"SELECT count(*) FROM {s}.verifications WHERE basis IN ('x', 'own')")
        assert cur.fetchone()[0] == 0
    for conn in (town, reviewer, admin):
        conn.close()


def test_publish_and_take_back_through_processing_with_a_qgis_connection_and_authcfg(pg, pg_server, county,
                                                                                       tmp_path, provider):
    """As an office sets it up: a PostgreSQL connection saved in QGIS whose password lives in QGIS'
    authentication database; the algorithms take the connection's name. The password is nowhere in QGIS'
    settings, and a wrong one is refused with the connection named."""
    import processing
    from qgis.core import (
        QgsApplication,
        QgsAuthMethodConfig,
        QgsDataSourceUri,
        QgsProcessingException,
        QgsProviderRegistry,
        QgsSettings,
    )

    with pg.cursor() as cur:
        cur.execute("CREATE ROLE test_office LOGIN CREATEROLE PASSWORD 'Secret-pw-2026' IN ROLE weipian_password_login")
        cur.execute(f"GRANT CREATE ON DATABASE {pg_server['dbname']} TO test_office")
    pg.commit()
    auth = QgsApplication.authManager()
    assert auth.setMasterPassword("master-of-tests", True)
    ids = {}
    for name, password in (("office_test", "Secret-pw-2026"), ("office_bad", "wrong")):
        cfg = QgsAuthMethodConfig("Basic")
        cfg.setName(name)
        cfg.setConfig("username", "test_office")
        cfg.setConfig("password", password)
        assert auth.storeAuthenticationConfig(cfg)[0]
        ids[name] = cfg.id()
        uri = QgsDataSourceUri()
        uri.setConnection(pg_server["host"], str(pg_server["port"]), pg_server["dbname"], "", "",
                          QgsDataSourceUri.SslMode.SslDisable, ids[name])
        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        metadata.saveConnection(metadata.createConnection(uri.uri(False), {}), name)

    result = processing.run("weipian:publish_work_package",
                            {"PACKAGE": county, "CONNECTION": "office_test", "SCHEMA": "wp_office"})
    assert result["PATCHES"] > 50
    with pg.cursor() as cur:
        cur.execute("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'wp_office'")
        assert cur.fetchone()[0] == "test_office"  # it logged in as the authcfg's user
    pg.commit()
    out = tmp_path / "back" / os.path.basename(county)
    result = processing.run("weipian:export_work_package",
                            {"CONNECTION": "office_test", "SCHEMA": "wp_office", "OUTPUT": str(out)})
    assert result["PATCHES"] == table_rows(county, "patches").__len__()
    with pytest.raises(QgsProcessingException, match="office_bad"):
        processing.run("weipian:export_work_package",
                       {"CONNECTION": "office_bad", "SCHEMA": "wp_office", "OUTPUT": str(tmp_path / "x.gpkg")})
    with pytest.raises(QgsProcessingException, match="nowhere"):
        processing.run("weipian:export_work_package",
                       {"CONNECTION": "nowhere", "SCHEMA": "wp_office", "OUTPUT": str(tmp_path / "y.gpkg")})
    settings_file = QgsSettings().fileName()
    assert os.path.exists(settings_file) and "Secret-pw-2026" not in open(settings_file, encoding="utf-8").read()
    assert not os.path.exists(tmp_path / "x.gpkg")


def test_the_patch_list_reads_the_same_from_both_stores(pg, county, qgis_app):
    from qgis.PyQt.QtCore import Qt

    from weipian_plugin.core.profile import load_profile
    from weipian_plugin.gui.patch_model import PatchListModel
    from weipian_plugin.store.office_package import OfficePackage

    publish_work_package(county, pg, "wp_list")
    profile = load_profile("shaanxi_ankang_2023")
    models = []
    for store in (WorkPackage.open(county), OfficePackage(pg, "wp_list")):
        model = PatchListModel()
        model.load(store, profile)
        model.set_filter(township="五里镇")
        models.append(model)
    assert models[0].rowCount() == models[1].rowCount() > 0
    assert [models[0].code_at(r) for r in range(models[0].rowCount())] == \
        [models[1].code_at(r) for r in range(models[1].rowCount())]
    assert [models[0].row_at(r) for r in range(models[0].rowCount())] == \
        [models[1].row_at(r) for r in range(models[1].rowCount())]  # every column of every row
    for model in models:  # the order and filters are SQL on both stores: the same text, the same answer
        model.set_filter(state="passed", class_name="其他变化类")
        model.sort(3, Qt.SortOrder.DescendingOrder)
    assert models[0].rowCount() > 1
    assert [models[0].code_at(r) for r in range(models[0].rowCount())] == \
        [models[1].code_at(r) for r in range(models[1].rowCount())]
    assert models[0].distinct(1) == models[1].distinct(1) and models[0].total() == models[1].total()
    assert models[0].next_to_do(None, "reviewer") == models[1].next_to_do(None, "reviewer")


def test_the_rules_find_the_same_on_both_stores(pg, county):
    """The package's check (core.rules.evaluate over a snapshot) gives the same findings and coverage whether
    the package is the GeoPackage or its published PostGIS schema."""
    import datetime

    from weipian_plugin.core.profile import load_profile
    from weipian_plugin.core.rules import evaluate
    from weipian_plugin.store.office_package import OfficePackage

    publish_work_package(county, pg, "wp_rules")
    profile = load_profile("shaanxi_ankang_2023")
    day = datetime.date(2026, 11, 25)
    with WorkPackage.open(county) as wp:
        here, here_cov = evaluate(wp.snapshot(), profile, day)
    office = OfficePackage(pg, "wp_rules")
    there, there_cov = evaluate(office.snapshot(), profile, day)
    key = [(f.patch_code, f.rule, f.severity, f.message_en) for f in here]
    assert key == [(f.patch_code, f.rule, f.severity, f.message_en) for f in there] and len(key) > 10
    assert here_cov == there_cov
    assert office.patch(office.patches(with_geometry=False)[0].code).wkb  # geometry comes along when asked


def test_a_password_in_a_connection_string_never_reaches_a_message(pg_server, provider):
    import processing
    from qgis.core import QgsProcessingException

    spec = f"host={pg_server['host']} port={pg_server['port']} dbname=nowhere_db user=nobody password=Top-Secret-1"
    with pytest.raises(QgsProcessingException) as err:
        processing.run("weipian:export_work_package", {"CONNECTION": spec, "SCHEMA": "wp_x", "OUTPUT": "/tmp/x.gpkg"})
    assert "Top-Secret-1" not in str(err.value) and "password=***" in str(err.value)
    from weipian_plugin.store.pg_connect import safe_label

    assert safe_label("postgresql://li:Top-Secret-1@host/db") == "postgresql://li:***@host/db"
