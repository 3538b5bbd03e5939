"""The smaller holes a second attack found, each with real files, real processes and real kills: a file outside
the package packed into the upload, two exports writing one output, leftovers of killed runs, renamed packages,
a patch re-assigned to another township, saves that stayed in -wal, and the export child's input."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from desks import confirmed
from test_exchange import COUNTY, township_work, township_zip

from weipian_plugin.services.assignment_packages import export_assignment_packages, open_assignment_package
from weipian_plugin.services.package_check import check_package
from weipian_plugin.services.package_zip import verify_package
from weipian_plugin.services.return_packages import export_return_package, import_return_package
from weipian_plugin.services.upload_package import GateRefused, export_upload_package
from weipian_plugin.store import gpkg_blob
from weipian_plugin.store.schema import WRITER_FUNCTION
from weipian_plugin.store.work_package import PackageError, WorkPackage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACTOR = "县卫片办 张华"


def as_plugin(path):
    """A connection that writes as the plugin does (what a program imitating it can do)."""
    conn = sqlite3.connect(path)
    conn.create_function(WRITER_FUNCTION, 0, lambda: 1)
    gpkg_blob.register_functions(conn)
    return conn


def child(code, wait=False):
    """A real process running code with the plugin on its path (this test's desk keys, through the environment)."""
    script = f"import os, signal, sys, time\nsys.path.insert(0, {ROOT!r})\n" + code
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if wait:
        out, err = proc.communicate(timeout=300)
        return proc.returncode, out + err
    return proc


def test_an_evidence_record_outside_the_package_never_leaves_it(county, tmp_path):
    """A record pointing to '../…' with no sha256 once had the outside file packed into the upload."""
    secret = tmp_path.parent / f"{tmp_path.name}_secret.txt"
    secret.write_text("不应外泄的文件")
    with WorkPackage.open(county) as wp:
        code = sorted(wp.patch_codes())[0]
    conn = as_plugin(county)
    conn.execute("INSERT INTO evidence(patch_code, kind, path, original_name, sha256, size) VALUES "
                 "(?, 'document', ?, 'x.txt', NULL, 10)", (code, f"../{secret.name}"))
    conn.commit()
    conn.close()
    out = str(tmp_path / "upload.zip")
    with WorkPackage.open(county) as wp:
        findings, _ = check_package(wp)
        outside = [f for f in findings if f.rule == "evidence.file_outside"]
        assert [f.patch_code for f in outside] == [code] and outside[0].severity == "blocking"
        e = next(x for x in wp.evidence(code) if x.path.startswith(".."))
        with pytest.raises(PackageError, match="outside the package folder"):
            wp.evidence_file(e)
        with pytest.raises(GateRefused, match="outside the package's evidence folder"):
            export_upload_package(wp, out, ACTOR, dossiers=False)
    assert not os.path.exists(out) and not os.path.exists(out + ".partial")


SLOW_EXPORT = """
from weipian_plugin.services import package_zip
real = package_zip.PackageWriter.add_bytes
def slow(self, *a, **kw):
    time.sleep(0.5)  # a big county: the export takes a while
    return real(self, *a, **kw)
package_zip.PackageWriter.add_bytes = slow
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from weipian_plugin.store.work_package import WorkPackage
from weipian_plugin.services.upload_package import export_upload_package
try:
    with WorkPackage.open({package!r}) as wp:
        export_upload_package(wp, {out!r}, "county", dossiers=False)
    print("EXPORTED")
except FileExistsError as exc:
    print("REFUSED", exc)
"""


def test_two_exports_to_one_output_at_once_give_one_verified_package(county, tmp_path):
    """Two exports shared one .partial: the published, audited upload held PDFs failing their CRC."""
    out = str(tmp_path / "upload.zip")
    first = child(SLOW_EXPORT.format(package=county, out=out))
    deadline = time.time() + 120
    while not os.path.exists(out + ".partial") and time.time() < deadline:
        time.sleep(0.05)
    assert os.path.exists(out + ".partial")
    rc, said = child(SLOW_EXPORT.format(package=county, out=out), wait=True)
    assert rc == 0 and "REFUSED" in said and "another export is writing this package" in said, said[-2000:]
    said_first = first.communicate(timeout=300)[0]
    assert "EXPORTED" in said_first
    assert verify_package(out).kind == "upload" and not os.path.exists(out + ".partial")


def test_a_killed_exports_partial_is_removed_by_the_next_export_into_the_folder(county, tmp_path):
    """The dock gives each export a new name: 152 + 51 MB of .partial stayed after two killed uploads."""
    killed = str(tmp_path / "upload_1.zip")
    rc, said = child(f"""
from weipian_plugin.services import package_zip
def die(*a, **kw):
    os.kill(os.getpid(), signal.SIGKILL)
package_zip.PackageWriter.add_files = die
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from weipian_plugin.store.work_package import WorkPackage
from weipian_plugin.services.upload_package import export_upload_package
export_upload_package(WorkPackage.open({county!r}), {killed!r}, "county", dossiers=False)
""", wait=True)
    assert rc == -signal.SIGKILL, said[-2000:]
    assert os.path.exists(killed + ".partial")
    with WorkPackage.open(county) as wp:
        export_upload_package(wp, str(tmp_path / "upload_2.zip"), ACTOR, dossiers=False)
    assert sorted(os.listdir(tmp_path)) == sorted(n for n in os.listdir(tmp_path) if not n.endswith(".partial"))
    assert not os.path.exists(killed + ".partial") and verify_package(str(tmp_path / "upload_2.zip"))


def test_a_kill_just_after_an_import_commit_leaves_nothing_for_the_rerun(package, assigned, sample, tmp_path):
    """The re-run that finds the package imported already kept the killed run's 229 MB work folder."""
    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    township_work(gpkg, sample)
    ret = str(tmp_path / "return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret, "五里镇 陈强")
    path = package.path
    package.close()
    rc, said = child(f"""
from weipian_plugin.services import return_packages
real = return_packages._merge
def merge_then_die(*a, **kw):
    real(*a, **kw)  # committed
    os.kill(os.getpid(), signal.SIGKILL)
return_packages._merge = merge_then_die
from weipian_plugin.store.work_package import WorkPackage
return_packages.import_return_package(WorkPackage.open({path!r}), {ret!r}, "county", confirmed={confirmed()!r})
""", wait=True)
    assert rc == -signal.SIGKILL, said[-2000:]
    folder = os.path.dirname(path)
    assert [n for n in os.listdir(folder) if n.startswith("weipian_import_")]
    with WorkPackage.open(path) as wp:
        assert import_return_package(wp, ret, COUNTY).already_imported
    assert not [n for n in os.listdir(folder) if n.startswith("weipian_import_")]


def test_a_package_renamed_while_open_does_not_make_its_old_folder_again(package_path, sample):
    """Renamed with the dock open and two photos attached: the old folder was made again, and 220 of 222
    evidence files were 'missing' on reopening."""
    from weipian_plugin.services.photo_attach import attach_document

    wp = WorkPackage.open(package_path)
    code = sorted(wp.patch_codes())[0]
    folder = os.path.dirname(package_path)
    os.rename(package_path, os.path.join(folder, "改名.gpkg"))
    os.rename(package_path[:-5] + "_evidence", os.path.join(folder, "改名_evidence"))
    doc = os.path.join(sample.document_dir, sorted(os.listdir(sample.document_dir))[0])
    with pytest.raises(PackageError, match="no longer there"):
        attach_document(wp, code, doc, "乡镇 王芳")
    wp.close()
    assert not os.path.exists(package_path[:-5] + "_evidence")  # never made again
    with WorkPackage.open(os.path.join(folder, "改名.gpkg")) as again:
        assert again.evidence_file_problems() == []
        attach_document(again, code, doc, "乡镇 王芳")
        assert again.evidence_file_problems() == []


def test_a_new_batch_under_a_renamed_packages_old_name_keeps_its_files_apart(package_path, sample, provider):
    """Renamed, then the next batch created under the old name: 200 rows silently pointed at its files."""
    import processing

    from weipian_plugin.services.photo_attach import attach_document

    folder = os.path.dirname(package_path)
    with WorkPackage.open(package_path) as wp:
        mine = {e.id: e.sha256 for e in wp.evidence()}
    renamed = os.path.join(folder, "三月.gpkg")
    os.rename(package_path, renamed)
    os.rename(package_path[:-5] + "_evidence", renamed[:-5] + "_evidence")
    processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": package_path})
    with WorkPackage.open(package_path) as new_batch:
        code = sorted(new_batch.patch_codes())[0]
        doc = os.path.join(sample.document_dir, sorted(os.listdir(sample.document_dir))[0])
        attach_document(new_batch, code, doc, "乡镇 王芳")  # the new batch's folder, under the old name
    with WorkPackage.open(renamed) as wp:
        assert {e.id: e.sha256 for e in wp.evidence()} == mine and wp.evidence_file_problems() == []
        assert all(e.path.startswith("三月_evidence/") for e in wp.evidence())
        for e in wp.evidence():
            with open(wp.evidence_file(e), "rb") as fh:
                import hashlib

                assert hashlib.sha256(fh.read()).hexdigest() == e.sha256


def test_a_return_is_taken_only_for_patches_assigned_to_that_township_now(package, sample, tmp_path):
    """After a patch moved to another township, the old township set its copy's township field and its stale
    合法 was applied; the new township's verdict then became a conflict."""
    first = export_assignment_packages(package, str(tmp_path / "r1"), COUNTY)
    old_gpkg = open_assignment_package(township_zip(first, "五里镇"), confirmed=confirmed())
    with WorkPackage.open(old_gpkg) as twp:
        moved = sorted(twp.patch_codes())[0]
        new_town = next(p.township for p in package.patches(with_geometry=False) if p.township != "五里镇")
        twp.set_verification(moved, "五里镇 陈强", verdict="HF", subtype="依法批准用地", basis="已批",
                             approval_no="陕政土批〔2026〕1号")
    conn = as_plugin(package.path)  # the county moves the patch to another township
    conn.execute("UPDATE patches SET township=? WHERE code=?", (new_town, moved))
    conn.commit()
    conn.close()
    second = export_assignment_packages(package, str(tmp_path / "r2"), COUNTY)
    new_gpkg = open_assignment_package(township_zip(second, new_town), confirmed=confirmed())
    with WorkPackage.open(new_gpkg) as twp:
        twp.set_verification(moved, "新乡镇 李四", verdict="WF", subtype="违法占地", category="新增建设用地违法",
                             basis="未批先建", illegal_cultivated_housing=False)
        new_ret = str(tmp_path / "new.zip")
        export_return_package(twp, new_ret, "新乡镇 李四")
    # the old township claims to be the new one: refused whole
    with WorkPackage.open(old_gpkg) as twp:
        with twp.transaction():
            twp._set_meta("township", new_town)
        claimed = str(tmp_path / "claimed.zip")
        export_return_package(twp, claimed, "五里镇 陈强")
    with pytest.raises(Exception, match="was handed to 五里镇"):
        import_return_package(package, claimed, COUNTY, confirmed=confirmed())
    with WorkPackage.open(old_gpkg) as twp:
        with twp.transaction():
            twp._set_meta("township", "五里镇")
        stale = str(tmp_path / "stale.zip")
        export_return_package(twp, stale, "五里镇 陈强")
    report = import_return_package(package, stale, COUNTY, confirmed=confirmed())
    assert moved in report.rejected and moved not in report.applied
    taken = import_return_package(package, new_ret, COUNTY, confirmed=confirmed())
    assert taken.applied == [moved] and not taken.conflicts
    assert package.verification(moved).verdict == "WF"


def test_saves_made_while_an_export_holds_a_moment_reach_the_gpkg_when_it_ends(package_path, tmp_path, qgis_app):
    """A copy of the .gpkg alone made while an export ran held 0 of 20 saves (they were in -wal)."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{package_path}|layername=patches", "patches", "ogr")  # QGIS reads it meanwhile
    assert layer.featureCount() > 0
    exporter = WorkPackage.open(package_path)
    desk = WorkPackage.open(package_path)
    assert desk.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    codes = sorted(desk.patch_codes())[:20]
    with exporter.one_moment():
        exporter.patches(with_geometry=False)
        for code in codes:
            desk.set_verification(code, "乡镇 王芳", verdict="QT", subtype="实地未变化", basis="导出时保存")
    copy = str(tmp_path / "copy.gpkg")
    shutil.copyfile(package_path, copy)  # the .gpkg alone, both connections still open
    with WorkPackage.open(copy) as c:
        assert sum(1 for code in codes if c.verification(code) and c.verification(code).basis == "导出时保存") == 20
    exporter.close()
    desk.close()
    del layer


@pytest.mark.parametrize("stdin, said", [
    (b"[" * 100000 + b"\n", "nested too deeply"),
    (b"[1, 2]\n", "must be a JSON object"),
    (b'{"PACKAGE": "\xff\xfe.gpkg"}\n', ""),  # bytes that are no UTF-8: read as they are, named, refused
])
def test_the_export_child_refuses_what_it_cannot_read_without_a_traceback(stdin, said):
    proc = subprocess.run([sys.executable, "-m", "weipian_plugin.processing.child", "weipian:export_upload_package"],
                          input=stdin, capture_output=True, timeout=120, cwd=ROOT,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    out = proc.stdout.decode("ascii")  # every line ASCII JSON
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr.decode("utf-8", "replace")
    assert said in json.loads(out.splitlines()[-1])["failed"]


def test_the_export_child_says_a_file_name_that_is_no_utf8(tmp_path):
    """An error naming a file whose name is not UTF-8 killed the child (rc 134)."""
    bad = os.fsencode(str(tmp_path)) + b"/\xff\xfe.gpkg"
    params = json.dumps({"PACKAGE": os.fsdecode(bad), "OUTPUT": str(tmp_path / "x.zip")}, ensure_ascii=True)
    proc = subprocess.run([sys.executable, "-m", "weipian_plugin.processing.child", "weipian:export_upload_package"],
                          input=(params + "\n").encode(), capture_output=True, timeout=300, cwd=ROOT,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    lines = [json.loads(line) for line in proc.stdout.decode("ascii").splitlines()]
    assert proc.returncode == 1 and "failed" in lines[-1], proc.stderr[-2000:]
    said = json.dumps(lines, ensure_ascii=True)
    assert "no such work package" in said and "\\ufffd\\ufffd.gpkg" in said, said


def test_an_evidence_record_naming_a_nul_byte_is_a_finding_not_a_crash(county, provider, tmp_path):
    """A record whose path holds a NUL byte (written behind the plugin's back) made os.lstat raise ValueError, and
    the whole check failed: from the dock, from Processing's dialog and from qgis_process alike."""
    import processing

    with WorkPackage.open(county) as wp:
        code = sorted(wp.patch_codes())[1]
    conn = as_plugin(county)
    conn.execute("INSERT INTO evidence(patch_code, kind, path, original_name, sha256, size) VALUES "
                 "(?, 'photo', ?, 'x.jpg', ?, 10)", (code, f"{code}/x\x00.jpg", "0" * 64))
    conn.commit()
    conn.close()
    with WorkPackage.open(county) as wp:
        findings, _ = check_package(wp)
    outside = [f for f in findings if f.rule == "evidence.file_outside"]
    assert [f.patch_code for f in outside] == [code] and outside[0].severity == "blocking"
    result = processing.run("weipian:check_work_package", {"PACKAGE": county, "OUTPUT": "TEMPORARY_OUTPUT"})
    rules = {f["rule"] for f in result["OUTPUT"].getFeatures() if f["patch_code"] == code}
    assert "evidence.file_outside" in rules
