"""The work package against edits behind the plugin's back (QGIS' attribute table, a database tool, a township
rewriting its log) and against a second program holding it: what was found by attacking it, each a test."""
import os
import sqlite3

import pytest

from weipian_plugin.core.model import Verification
from weipian_plugin.services.package_check import check_package
from weipian_plugin.services.upload_package import gate
from weipian_plugin.store import audit_chain, gpkg_blob
from weipian_plugin.store.schema import WRITER_FUNCTION
from weipian_plugin.store.work_package import PackageError, WorkPackage


@pytest.fixture
def small(tmp_path, qgis_app):
    """Three patches of the sample, C0 returned, C1 passed."""
    from test_store import new_package

    wp = new_package(tmp_path)
    wp.set_verification("C0", "乡镇 王芳", verdict="WF", subtype="违法占地", basis="未批先建")
    wp.add_review("C0", "县 李明", "return", "补拍")
    wp.set_verification("C1", "乡镇 王芳", verdict="WF", subtype="违法占地", basis="未批先建")
    wp.add_review("C1", "县 李明", "pass", "同意")
    yield wp
    wp.close()


def _commit_in_qgis(path, table, field, value):
    """Change a value in QGIS' own attribute table editing (the OGR provider) and commit, as a user would."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    assert layer.isValid()
    feature = next(layer.getFeatures())
    layer.startEditing()
    layer.changeAttributeValue(feature.id(), layer.fields().indexOf(field), value)
    ok = layer.commitChanges()
    errors = layer.commitErrors()
    if not ok:
        layer.rollBack()
    return ok, " ".join(errors)


@pytest.mark.parametrize("table,field,value", [("patches", "state", "passed"), ("patches", "military", 1),
                                               ("verifications", "verdict", "HF"), ("reviews", "decision", "pass")])
def test_edits_in_qgis_attribute_table_are_refused(small, table, field, value):
    """Setting state to passed opened the gate for a returned patch; military = 1 dropped a patch unaudited."""
    path = small.path
    before = [tuple(r) for r in small.conn.execute(f"SELECT * FROM {table} ORDER BY fid")]
    ok, errors = _commit_in_qgis(path, table, field, value)
    assert not ok and "not applied" in errors  # GDAL names the statement, SQLite refused it
    assert [tuple(r) for r in small.conn.execute(f"SELECT * FROM {table} ORDER BY fid")] == before
    assert small.state("C0") == "returned" and small.patch("C0", False).military is False


def test_the_gate_derives_state_and_never_reads_the_stored_column(small):
    conn = sqlite3.connect(small.path)
    conn.create_function(WRITER_FUNCTION, 0, lambda: 1)  # a program imitating the plugin
    gpkg_blob.register_functions(conn)
    conn.execute("UPDATE patches SET state='passed'")
    conn.commit()
    conn.close()
    lines = gate(small, ["C0", "C1"], [])
    assert any(str(line).startswith("C0: internal review not passed (returned)") for line in lines)
    assert not any(str(line).startswith("C1:") for line in lines)


def test_a_verdict_changed_after_the_pass_with_a_clock_behind_needs_a_new_review(small):
    """The township's clock a day behind: its 违法 → 合法 kept the county's pass, and the upload said 合法/通过."""
    yesterday = small.verification("C1").verified_at.replace("T", "T00:00:00 ")[:10] + "T00:00:00+00:00"
    small.put_verification(Verification("C1", "HF", "依法批准用地", basis="已批", verifier="乡镇 王芳",
                                        verified_at=yesterday), "县 李明", {"via": "return package"})
    assert small.state("C1") == "resubmitted"
    assert any(str(line).startswith("C1: internal review not passed (resubmitted)") for line in gate(small, ["C1"], []))


def test_audit_log_cannot_be_rewritten_and_a_rewrite_is_caught(small):
    conn = sqlite3.connect(small.path)
    conn.create_function(WRITER_FUNCTION, 0, lambda: 1)
    first = conn.execute("SELECT fid, at, actor, action, patch_code, detail FROM audit_log ORDER BY fid").fetchone()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("INSERT OR REPLACE INTO audit_log(fid, at, actor, action, patch_code, detail) "
                     "VALUES (?, ?, '县 李明', ?, ?, ?)", tuple(first[:2]) + tuple(first[3:]))
    # renaming the table and making it anew drops every trigger: the check names it
    conn.execute("ALTER TABLE audit_log RENAME TO audit_old")
    conn.execute("CREATE TABLE audit_log AS SELECT * FROM audit_old")
    conn.execute("UPDATE audit_log SET actor='县 李明' WHERE fid=?", (first[0],))
    conn.execute("DROP TABLE audit_old")
    conn.commit()
    conn.close()
    findings, _ = check_package(small, check_files=False)
    tampered = [f.message_en for f in findings if f.rule == "integrity.tampered"]
    assert any(f"audit entry {first[0]} was changed" in m for m in tampered)
    assert any("audit_log_no_delete is missing" in m for m in tampered)
    assert gate(small, ["C1"], findings)  # the upload is refused


def test_an_untouched_package_has_an_intact_chain_and_guards(small):
    assert audit_chain.chain_problems(small.conn) == [] and audit_chain.guard_problems(small.conn) == []
    assert not [f for f in check_package(small, check_files=False)[0] if f.rule == "integrity.tampered"]


def test_a_reader_holding_a_transaction_does_not_block_a_save(small):
    """A QGIS layer keeps a read transaction; with it one save once wedged the dock's connection for good."""
    reader = sqlite3.connect(small.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM patches").fetchone()
    for i in range(20):
        small.set_verification("C2", "乡镇 王芳", basis=f"第 {i} 次")
    reader.rollback()
    reader.close()
    assert small.verification("C2").basis == "第 19 次"


def test_a_lock_is_reported_as_a_lock_and_the_connection_stays_usable(small):
    small.conn.execute("PRAGMA busy_timeout=300")
    writer = sqlite3.connect(small.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    with pytest.raises(PackageError, match="database is locked.*nothing was saved"):
        small.set_verification("C2", "乡镇 王芳", verdict="QT", subtype="实地未变化", basis="锁")
    writer.execute("ROLLBACK")
    writer.close()
    assert small.verification("C2") is None
    small.set_verification("C2", "乡镇 王芳", verdict="QT", subtype="实地未变化", basis="锁后")
    assert small.verification("C2").basis == "锁后"
    reopened = WorkPackage.open(small.path)
    assert reopened.verification("C2").basis == "锁后"
    reopened.close()


def test_a_copy_of_the_package_file_alone_made_while_it_is_open_holds_every_save(small, tmp_path):
    """WAL keeps commits in a side file until a checkpoint; a user copying only the .gpkg must not lose them."""
    import shutil

    small.set_verification("C2", "乡镇 王芳", verdict="QT", subtype="实地未变化", basis="复制前保存")
    copy = tmp_path / "copy_only_the_gpkg.gpkg"
    shutil.copyfile(small.path, copy)  # the package stays open; its -wal is not copied
    with WorkPackage.open(str(copy)) as other:
        assert other.verification("C2").basis == "复制前保存"
        assert audit_chain.chain_problems(other.conn) == []


def test_a_full_disk_under_the_work_package_is_reported_and_the_connection_stays_usable(tmp_path):
    """A full disk once surfaced as a raw sqlite3.OperationalError."""
    import subprocess

    from test_store import new_package

    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], check=True)  # a real small disk
    try:
        wp = new_package(disk)
        filler = disk / "filler.bin"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # unbuffered: fill what is left, nothing pending at close
        try:
            while True:
                os.write(fd, bytes(64 << 10))
        except OSError:
            pass
        finally:
            os.close(fd)
        with pytest.raises(PackageError, match="disk is full.*nothing was saved"):
            for i in range(200):
                wp.set_verification("C1", "乡镇 王芳", verdict="QT", subtype="实地未变化", basis="长" * 2000 + str(i))
        filler.unlink()
        wp.set_verification("C1", "乡镇 王芳", basis="磁盘腾出后保存")
        assert wp.verification("C1").basis == "磁盘腾出后保存"
        assert audit_chain.chain_problems(wp.conn) == []
        wp.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def test_an_audit_log_replaced_by_a_crude_table_is_a_named_blocking_finding(small):
    """A rename and a new table without the chain's columns crashed the check and the upload with a raw
    'no such column: prev_sha'."""
    conn = sqlite3.connect(small.path)
    conn.execute("ALTER TABLE audit_log RENAME TO audit_old")
    conn.execute("CREATE TABLE audit_log (fid INTEGER PRIMARY KEY, at TEXT, actor TEXT, action TEXT, "
                 "patch_code TEXT, detail TEXT)")
    conn.commit()
    conn.close()
    findings, _ = check_package(small, check_files=False)
    tampered = [f.message_en for f in findings if f.rule == "integrity.tampered"]
    assert any("lacks the columns prev_sha, sha" in m for m in tampered), tampered
    assert any("lacks the columns" in str(line) for line in gate(small, ["C1"], findings))  # the upload refused
