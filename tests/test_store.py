"""The work package: schema version, migrations, transactions, append-only audit, crash safety."""
import os
import sqlite3
import subprocess
import sys

import pytest
from shapely.geometry import MultiPolygon, box

from weipian_plugin.store import migrations, schema
from weipian_plugin.store.work_package import PackageError, WorkPackage


def new_package(tmp_path, name="p.gpkg", n=3):
    wp = WorkPackage.create(str(tmp_path / name), "national_2023", "610902", "tester")
    wp.add_patches([dict(code=f"C{i}", wkb=MultiPolygon([box(109 + i * 0.01, 32.7, 109.001 + i * 0.01, 32.701)]).wkb,
                         cultivated_mu=float(i)) for i in range(n)], "test", "tester")
    return wp


def test_create_open_and_gdal_sees_a_geopackage(tmp_path):
    wp = new_package(tmp_path)
    assert wp.meta("schema_version") == str(schema.SCHEMA_VERSION) and wp.meta("county_code") == "610902"
    wp.close()
    from osgeo import ogr

    ds = ogr.Open(str(tmp_path / "p.gpkg"))
    assert {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())} >= {"patches", "evidence", "verifications",
                                                                              "reviews", "audit_log"}
    layer = ds.GetLayerByName("patches")
    layer.SetSpatialFilterRect(109.005, 32.6, 109.015, 32.8)  # uses the R-tree kept by our ST_ functions
    assert [f.GetField("code") for f in layer] == ["C1"]


def test_the_patches_extent_is_kept_where_qgis_reads_it_without_reading_every_patch(tmp_path):
    """gpkg_contents holds the patches' extent after every import (QGIS then opens a county's year without a
    scan); a package made before has it from its next check; what it holds is what the patches cover."""
    from qgis.core import QgsVectorLayer

    from weipian_plugin.services.package_check import check_package, store_blocking_counts

    wp = new_package(tmp_path, n=3)
    bounds = wp.conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name='patches'")
    assert tuple(bounds.fetchone()) == pytest.approx((109.0, 32.7, 109.021, 32.701))
    wp.add_patches([dict(code="C9", wkb=MultiPolygon([box(108.5, 32.0, 108.6, 32.1)]).wkb)], "later", "tester")
    row = wp.conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name='patches'")
    assert tuple(row.fetchone()) == pytest.approx((108.5, 32.0, 109.021, 32.701))
    with wp.transaction():  # as an earlier version left it
        wp.conn.execute("UPDATE gpkg_contents SET min_x=NULL, min_y=NULL, max_x=NULL, max_y=NULL")
    findings, _ = check_package(wp)
    store_blocking_counts(wp, findings)
    row = wp.conn.execute("SELECT min_x, max_y FROM gpkg_contents WHERE table_name='patches'").fetchone()
    assert tuple(row) == pytest.approx((108.5, 32.701))
    wp.close()
    layer = QgsVectorLayer(str(tmp_path / "p.gpkg") + "|layername=patches", "p", "ogr")
    extent = layer.extent()
    assert (extent.xMinimum(), extent.yMaximum()) == pytest.approx((108.5, 32.701))


def test_an_unchanged_blocking_count_is_not_written(tmp_path):
    """The patch page stores the patch's count after every look at it: only a change is a write."""
    wp = new_package(tmp_path)
    wp.set_blocking("C1", 2)
    before = wp.conn.execute("PRAGMA data_version").fetchone()[0], wp.conn.total_changes
    wp.set_blocking("C1", 2)
    assert (wp.conn.execute("PRAGMA data_version").fetchone()[0], wp.conn.total_changes) == before
    wp.set_blocking("C1", 0)
    assert wp.conn.total_changes > before[1]
    wp.close()


def test_never_overwrites(tmp_path):
    new_package(tmp_path).close()
    with pytest.raises(PackageError, match="already exists"):
        WorkPackage.create(str(tmp_path / "p.gpkg"), "national_2023")


def test_refuses_newer_schema_and_foreign_files(tmp_path):
    wp = new_package(tmp_path)
    wp.set_meta("schema_version", str(schema.SCHEMA_VERSION + 1))
    wp.close()
    with pytest.raises(PackageError, match="newer than this plugin"):
        WorkPackage.open(str(tmp_path / "p.gpkg"))
    conn = plugin_connection(str(tmp_path / "p.gpkg"))
    conn.execute("UPDATE package_meta SET value='v2beta' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(PackageError, match="unreadable schema version 'v2beta'"):
        WorkPackage.open(str(tmp_path / "p.gpkg"))
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"not a database at all")
    with pytest.raises(PackageError, match="junk.gpkg.*not a GeoPackage"):
        WorkPackage.open(str(junk))
    other = tmp_path / "other.gpkg"
    sqlite3.connect(str(other)).execute("CREATE TABLE x(a)").connection.close()
    with pytest.raises(PackageError, match="not a work package"):
        WorkPackage.open(str(other))
    with pytest.raises(PackageError, match="no such work package"):
        WorkPackage.open(str(tmp_path / "absent.gpkg"))


def plugin_connection(path):
    """A raw connection with what the plugin's own connections have (the writer function its guards ask for):
    what a test needs to rewrite a package into an older layout."""
    conn = sqlite3.connect(path)
    conn.create_function(schema.WRITER_FUNCTION, 0, lambda: 1)
    return conn


def make_v4(path, profile="national_2023"):
    """Rewrite a package to the v4 layout: no patch records, no 非农化 mark, no document types, the v4 verdict
    trigger, and the profile name v4 packages carried."""
    conn = plugin_connection(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND "
                                "(name LIKE '%patch_records%' OR name = 'verifications_check_code')").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE patch_records")
    for table in ("gpkg_contents", "gpkg_ogr_contents"):
        conn.execute(f"DELETE FROM {table} WHERE table_name='patch_records'")
    conn.execute("ALTER TABLE verifications DROP COLUMN nonagri")
    conn.execute("ALTER TABLE evidence DROP COLUMN doc_type")
    conn.execute("CREATE TRIGGER verifications_check_verdict BEFORE INSERT ON verifications "
                 "WHEN NEW.verdict IS NOT NULL AND NEW.verdict NOT IN ('HF', 'WF', 'QT') "
                 "BEGIN SELECT RAISE(ABORT, 'verdict must be HF, WF or QT'); END")
    conn.execute("UPDATE package_meta SET value=? WHERE key='profile'", (profile,))
    conn.execute("UPDATE package_meta SET value='4' WHERE key='schema_version'")
    conn.commit()
    conn.close()


def make_v3(path):
    """Rewrite a package to the v3 layout: no review fingerprints, no audit chain, no guards."""
    make_v4(path)
    conn = plugin_connection(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND "
                                "(name LIKE 'guard_%' OR name = 'audit_log_append_only')").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("ALTER TABLE reviews DROP COLUMN content_sha")
    conn.execute("ALTER TABLE audit_log DROP COLUMN prev_sha")
    conn.execute("ALTER TABLE audit_log DROP COLUMN sha")
    conn.execute("UPDATE package_meta SET value='3' WHERE key='schema_version'")
    conn.commit()
    conn.close()


def make_v1(path):
    """Rewrite a package to the v1 layout (no patches.state / patches.blocking, no assignments or conflicts, no
    package identity), as v1 of the plugin wrote it."""
    make_v3(path)
    conn = sqlite3.connect(path)
    for table in ("assignments", "conflicts"):
        conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM gpkg_contents WHERE table_name=?", (table,))
        conn.execute("DELETE FROM gpkg_ogr_contents WHERE table_name=?", (table,))
    conn.execute("DELETE FROM package_meta WHERE key IN ('package_id', 'kind')")
    conn.execute("DROP INDEX patches_state")
    conn.execute("ALTER TABLE patches DROP COLUMN state")
    conn.execute("ALTER TABLE patches DROP COLUMN blocking")
    conn.execute("UPDATE package_meta SET value='1' WHERE key='schema_version'")
    conn.commit()
    conn.close()


def test_v1_package_is_migrated_with_states_computed(tmp_path):
    wp = new_package(tmp_path)
    wp.set_verification("C1", "王芳", verdict="HF", subtype="依法批准用地", basis="b")
    wp.add_review("C1", "李明", "pass", "同意")
    wp.set_verification("C2", "王芳", verdict="WF", subtype="违法占地", basis="b")
    wp.close()
    path = str(tmp_path / "p.gpkg")
    make_v1(path)
    wp = WorkPackage.open(path)
    assert wp.meta("schema_version") == str(schema.SCHEMA_VERSION) == "5"
    assert len(wp.meta("package_id")) == 36 and wp.meta("kind") == "county"
    assert wp.conn.execute("SELECT count(*) FROM assignments").fetchone()[0] == 0
    assert {"assignments", "conflicts"} <= {r[0] for r in wp.conn.execute("SELECT table_name FROM gpkg_contents")}
    assert (wp.state("C0"), wp.state("C1"), wp.state("C2")) == ("unverified", "passed", "awaiting_review")
    assert wp.audit_entries()[-1]["action"] == "migrate_schema"
    assert len(wp.patch_codes()) == 3 and wp.verification("C1").basis == "b"


def test_v3_package_is_migrated_with_reviews_bound_and_the_log_chained(tmp_path):
    from weipian_plugin.store import audit_chain

    wp = new_package(tmp_path)
    wp.set_verification("C1", "王芳", verdict="HF", subtype="依法批准用地", basis="b")
    wp.add_review("C1", "李明", "pass", "同意")
    wp.set_verification("C2", "王芳", verdict="WF", subtype="违法占地", basis="b")
    wp.add_review("C2", "李明", "pass", "同意")
    wp.set_verification("C2", "王芳", basis="改过")  # after the pass: v3's rule says it needs a new review
    entries = len(wp.audit_entries())
    wp.close()
    path = str(tmp_path / "p.gpkg")
    make_v3(path)
    wp = WorkPackage.open(path)
    assert wp.meta("schema_version") == "5"
    assert (wp.state("C1"), wp.state("C2")) == ("passed", "resubmitted")
    assert audit_chain.chain_problems(wp.conn) == [] and audit_chain.guard_problems(wp.conn) == []
    assert len(wp.audit_entries()) == entries + 1
    # from now on the pass of C1 holds for exactly what it passed
    wp.set_verification("C1", "王芳", verdict="WF", subtype="违法占地")
    assert wp.state("C1") == "resubmitted"


def test_v4_package_is_migrated_keeping_its_passes_and_its_thresholds(tmp_path):
    from weipian_plugin.core import records
    from weipian_plugin.store import audit_chain

    wp = new_package(tmp_path)
    wp.set_verification("C1", "王芳", verdict="HF", subtype="依法批准用地", basis="b")
    wp.add_review("C1", "李明", "pass", "同意")
    wp.close()
    path = str(tmp_path / "p.gpkg")
    make_v4(path, profile="national_2023")
    wp = WorkPackage.open(path)
    assert wp.meta("schema_version") == "5"
    # the pass made under v4 still holds: the new 非农化 field takes part in the fingerprint only once set
    assert wp.state("C1") == "passed"
    # national_2023 carried the Shaanxi/安康 thresholds: the package now names the profile that carries them
    assert wp.meta("profile") == "shaanxi_ankang_2023"
    assert audit_chain.chain_problems(wp.conn) == [] and audit_chain.guard_problems(wp.conn) == []
    wp.add_record("C1", records.FieldCheck("赵外业", "2026-01-05"), "赵外业")
    assert wp.records("C1")["C1"][records.FIELD_CHECK].checked_by == "赵外业"
    wp.set_verification("C1", "王芳", nonagri=True)
    assert wp.state("C1") == "resubmitted" and wp.verification("C1").nonagri is True


def test_records_are_append_only_and_the_latest_holds(tmp_path):
    from weipian_plugin.core import records

    wp = new_package(tmp_path)
    wp.add_record("C1", records.FieldCheck("赵外业", "2026-01-05"), "赵外业")
    wp.add_record("C1", records.FieldCheck("钱外业", "2026-01-09", "复核"), "钱外业")
    assert wp.records("C1")["C1"][records.FIELD_CHECK].checked_by == "钱外业"
    assert [r["recorded_by"] for r in wp.record_history("C1")] == ["赵外业", "钱外业"]
    conn = plugin_connection(str(tmp_path / "p.gpkg"))
    for sql in ("UPDATE patch_records SET data='{}'", "DELETE FROM patch_records"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(sql)
    conn.close()
    # an acceptance names evidence of its own patch only
    with pytest.raises(PackageError, match="not attached"):
        wp.add_record("C1", records.Acceptance(records.RESTORED, "孙验收", "2026-01-10", [999]), "孙验收")
    assert records.ACCEPTANCE not in wp.records("C1").get("C1", {})


def test_failed_migration_changes_nothing(tmp_path, monkeypatch):
    new_package(tmp_path).close()
    path = str(tmp_path / "p.gpkg")
    make_v1(path)

    def broken(conn):
        conn.execute("ALTER TABLE patches ADD COLUMN half_done TEXT")
        raise RuntimeError("disk full")

    monkeypatch.setitem(migrations.MIGRATIONS, 1, broken)
    with pytest.raises(RuntimeError):
        WorkPackage.open(path)
    conn = sqlite3.connect(path)
    assert "half_done" not in [r[1] for r in conn.execute("PRAGMA table_info(patches)")]
    assert conn.execute("SELECT value FROM package_meta WHERE key='schema_version'").fetchone()[0] == "1"


def test_state_follows_verification_and_review(tmp_path):
    wp = new_package(tmp_path)
    assert wp.state("C0") == "unverified"
    wp.set_verification("C0", "王芳", verdict="QT", subtype="实地未变化", basis="b")
    assert wp.state("C0") == "awaiting_review"
    wp.add_review("C0", "李明", "return", "补拍")
    assert wp.state("C0") == "returned"
    wp.set_verification("C0", "王芳", basis="已补拍")
    assert wp.state("C0") == "resubmitted"
    wp.add_review("C0", "王芳", "pass")
    assert wp.state("C0") == "invalid_review"
    wp.add_review("C0", "李明", "pass")
    assert wp.state("C0") == "passed"
    wp.set_blocking_counts({"C0": 2})
    assert wp.conn.execute("SELECT blocking FROM patches WHERE code='C0'").fetchone()[0] == 2


def test_writes_are_audited_and_audit_is_append_only(tmp_path):
    wp = new_package(tmp_path)
    wp.set_verification("C1", "王芳", verdict="WF", subtype="违法占地", basis="b", illegal_cultivated_housing=True)
    wp.set_verification("C1", "王芳", illegal_cultivated_housing=False)
    wp.add_review("C1", "李明", "return", "补拍")
    entries = wp.audit_entries("C1")
    assert [e["action"] for e in entries] == ["set_verification", "set_verification", "review"]
    assert '"before": {"illegal_cultivated_housing": 1}' in entries[1]["detail"]
    assert wp.verification("C1").illegal_cultivated_housing is False
    for sql in ("UPDATE audit_log SET actor='x'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            wp.conn.execute(sql)


def test_bad_writes_are_refused_whole(tmp_path):
    wp = new_package(tmp_path)
    before = len(wp.audit_entries())
    with pytest.raises(PackageError, match="no patch with code NOPE"):
        wp.set_verification("NOPE", "王芳", verdict="WF")
    with pytest.raises(sqlite3.DatabaseError, match="verdict must be"):
        wp.set_verification("C0", "王芳", verdict="合法")
    with pytest.raises(PackageError, match="name of the verifier"):
        wp.set_verification("C0", "", verdict="HF")
    with pytest.raises(PackageError, match="decision"):
        wp.add_review("C0", "李明", "maybe")
    assert wp.verification("C0") is None and len(wp.audit_entries()) == before


def test_later_batch_adds_new_and_never_touches_existing(tmp_path):
    wp = new_package(tmp_path, n=2)
    wp.set_verification("C0", "王芳", verdict="HF", subtype="依法批准用地", basis="b")
    result = wp.add_patches([dict(code="C0", wkb=None, cultivated_mu=99.0), dict(code="C9", wkb=None)], "batch 2", "x")
    assert result["added"] == ["C9"] and result["skipped_existing"] == ["C0"]
    assert wp.patch("C0").cultivated_mu == 0.0 and wp.verification("C0").verdict == "HF"


CRASHER = r"""
import os, sys
sys.path.insert(0, {root!r})
from weipian_plugin.store.work_package import WorkPackage
wp = WorkPackage.open({path!r})
wp.set_verification("C1", "王芳", verdict="HF", subtype="依法批准用地", basis="committed")
wp.conn.execute("BEGIN IMMEDIATE")
wp.conn.execute("UPDATE verifications SET basis='half-written' WHERE patch_code='C1'")
wp.conn.execute("INSERT INTO reviews(patch_code, reviewer, decision) VALUES ('C1', 'x', 'pass')")
os._exit(9)  # the process dies mid-transaction
"""


def test_crash_mid_transaction_loses_nothing_committed(tmp_path):
    new_package(tmp_path).close()
    path = str(tmp_path / "p.gpkg")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.run([sys.executable, "-c", CRASHER.format(root=root, path=path)])
    assert proc.returncode == 9
    wp = WorkPackage.open(path)
    assert wp.verification("C1").basis == "committed"
    assert wp.reviews("C1") == []
    assert wp.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_package_renamed_with_its_evidence_folder_keeps_every_link(tmp_path, qgis_app):
    """Evidence paths carried the package's old file stem: a renamed package lost its photos."""
    from weipian_plugin.core.photo_reading import read_photo
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg
    from weipian_plugin.services.package_check import missing_evidence_files
    from weipian_plugin.services.photo_attach import attach_reading

    wp = new_package(tmp_path, "610902_2026_3.gpkg")
    photo = write_jpeg(str(tmp_path / "IMG_1.jpg"), build_exif(109.0005, 32.7005, 45.0))
    attach_reading(wp, "C0", read_photo(photo), "王芳")
    wp.close()
    (tmp_path / "610902_2026_3.gpkg").rename(tmp_path / "汉滨区_3月.gpkg")
    (tmp_path / "610902_2026_3_evidence").rename(tmp_path / "汉滨区_3月_evidence")
    with WorkPackage.open(str(tmp_path / "汉滨区_3月.gpkg")) as wp:
        assert wp.evidence("C0")[0].path.startswith("汉滨区_3月_evidence/C0/")
        assert missing_evidence_files(wp) == []
        assert wp.audit_entries()[-1]["action"] == "follow_renamed_evidence_folder"
    # moved elsewhere together: the relative paths hold as they are
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (tmp_path / "汉滨区_3月.gpkg").rename(moved / "汉滨区_3月.gpkg")
    (tmp_path / "汉滨区_3月_evidence").rename(moved / "汉滨区_3月_evidence")
    with WorkPackage.open(str(moved / "汉滨区_3月.gpkg")) as wp:
        assert missing_evidence_files(wp) == []
