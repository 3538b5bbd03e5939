"""What a killed run leaves behind is cleaned up by the next run, and a re-run replaces its own incomplete copy
instead of storing the real file beside it. Each kill is a real kill -9 of a child process."""
import hashlib
import os
import re
import signal
import subprocess
import sys

from desks import confirmed
from test_exchange import COUNTY, worked_return

from weipian_plugin.services.photo_attach import attach_folder
from weipian_plugin.services.return_packages import import_return_package
from weipian_plugin.store.work_package import WorkPackage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_killed(code):
    proc = subprocess.run([sys.executable, "-c", f"import os, signal, sys\nsys.path.insert(0, {ROOT!r})\n" + code],
                          capture_output=True, text=True, timeout=300, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]


def work_folders(folder):
    return [n for n in os.listdir(folder) if n.startswith("weipian_")]


def test_a_killed_import_leaves_a_work_folder_that_the_next_import_removes(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    path = package.path
    package.close()
    run_killed(f"""
from weipian_plugin.services import return_packages
def die(*a, **kw):
    os.kill(os.getpid(), signal.SIGKILL)
return_packages._merge = die
from weipian_plugin.store.work_package import WorkPackage
return_packages.import_return_package(WorkPackage.open({path!r}), {ret!r}, "county", confirmed={confirmed()!r})
""")
    folder = os.path.dirname(path)
    assert [n for n in work_folders(folder) if n.startswith("weipian_import_")]  # what the kill left
    with WorkPackage.open(path) as wp:
        report = import_return_package(wp, ret, COUNTY, confirmed=confirmed())
    assert report.applied and work_folders(folder) == []


def test_a_killed_attach_is_finished_by_the_rerun_without_a_second_copy(package, sample, profile, tmp_path):
    photos = tmp_path / "photos"
    photos.mkdir()
    code = sorted(package.patch_codes())[0]
    first = sorted((p for p in sample.photos if p.case == "normal"), key=lambda p: p.path)[0]
    (photos / code).mkdir()
    data = open(first.path, "rb").read() + b"new bytes after the image"  # not attached anywhere yet
    (photos / code / "现场1.jpg").write_bytes(data)
    path = package.path
    package.close()
    run_killed(f"""
import shutil
real = shutil.copyfile
def half_then_die(src, dst, *a, **kw):
    with open(src, "rb") as s, open(dst, "wb") as d:
        d.write(s.read()[: os.path.getsize(src) // 2])
        d.flush()
    os.kill(os.getpid(), signal.SIGKILL)
shutil.copyfile = half_then_die
from weipian_plugin.core.profile import load_profile
from weipian_plugin.services.photo_attach import attach_folder
from weipian_plugin.store.work_package import WorkPackage
attach_folder(WorkPackage.open({path!r}), {str(photos)!r}, load_profile(), "township", "name")
""")
    with WorkPackage.open(path) as wp:
        folder = os.path.join(wp.evidence_dir, code)
        assert any(n.endswith(".partial") for n in os.listdir(folder))  # the kill left half a copy
        rows = attach_folder(wp, str(photos), profile, "township", "name")
        assert [r.status for r in rows] == ["attached"]
        names = sorted(os.listdir(folder))
        ours = [e for e in wp.evidence(code) if e.sha256 == hashlib.sha256(data).hexdigest()]
        assert len(ours) == 1 and not [n for n in names if n.endswith(".partial")]
        name = os.path.basename(ours[0].path)  # stored as <JCBH>_<序号>, the original name kept in the record
        assert re.fullmatch(re.escape(code) + r"_\d+\.jpg", name) and name in names
        assert wp.conn.execute("SELECT original_name FROM evidence WHERE fid=?", (ours[0].id,)).fetchone()[0] == "现场1.jpg"
        assert open(os.path.join(folder, name), "rb").read() == data


def test_an_incomplete_copy_left_under_the_evidence_name_is_replaced(package, sample, profile, tmp_path):
    """Earlier versions copied straight to the evidence name: a kill left half a photo there, and the re-run
    stored the real one as *_2.jpg beside it."""
    photos = tmp_path / "photos"
    code = sorted(package.patch_codes())[1]
    (photos / code).mkdir(parents=True)
    data = open(sorted((p for p in sample.photos if p.case == "normal"), key=lambda p: p.path)[1].path, "rb").read() \
        + b"new bytes after the image"
    (photos / code / "远景.jpg").write_bytes(data)
    folder = os.path.join(package.evidence_dir, code)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "远景.jpg"), "wb") as fh:
        fh.write(data[: len(data) // 3])
    with open(os.path.join(folder, "其他.jpg"), "wb") as fh:  # somebody else's file is never written over
        fh.write(b"not ours")
    rows = attach_folder(package, str(photos), profile, "township", "name")
    assert [r.status for r in rows] == ["attached"]
    assert sorted(os.listdir(folder)) == sorted(set(os.listdir(folder)) - {"远景_2.jpg"})
    assert open(os.path.join(folder, "远景.jpg"), "rb").read() == data
    assert open(os.path.join(folder, "其他.jpg"), "rb").read() == b"not ours"


def test_basis_typed_just_before_a_kill_is_recovered_on_the_next_start(package, tmp_path, qgis_app):
    """The basis was saved 0.7 s after the last key: a crash in between lost it. Now every key keeps a draft
    beside the package; the next time the patch is shown the text is put back and saved, by the same user."""
    from weipian_plugin.core.profile import load_profile
    from weipian_plugin.gui.verification_form import VerificationForm

    code = sorted(package.patch_codes())[3]
    path = package.path
    package.close()
    typed = "经实地核查，该地块已建成厂房，未办理用地手续"
    run_killed(f"""
from qgis.core import QgsApplication
app = QgsApplication([], True)
app.initQgis()
from qgis.PyQt.QtTest import QTest
from weipian_plugin.core.profile import load_profile
from weipian_plugin.gui.verification_form import VerificationForm
from weipian_plugin.store.work_package import WorkPackage
form = VerificationForm()
form.set_context(WorkPackage.open({path!r}), load_profile(), "五里镇 陈强")
form.load({code!r})
form.basis.insertPlainText({typed!r})  # what the input method commits
app.processEvents()
os.kill(os.getpid(), signal.SIGKILL)  # well within the 0.7 s
""")
    with WorkPackage.open(path) as wp:
        assert (wp.verification(code) or None) is None or not wp.verification(code).basis  # nothing was saved
    other = VerificationForm()
    with WorkPackage.open(path) as wp:
        other.set_context(wp, load_profile(), "县 李明")  # someone else: not saved under their name
        other.load(code)
        assert not (wp.verification(code) and wp.verification(code).basis)
        form = VerificationForm()
        form.set_context(wp, load_profile(), "五里镇 陈强")
        form.load(code)
        assert form.basis.toPlainText() == typed
        v = wp.verification(code)
        assert v.basis == typed and v.verifier == "五里镇 陈强"
        assert "Recovered" in form.status.text()
        form.load(code)  # the draft is gone once saved: nothing recovered twice
        assert "Recovered" not in form.status.text()
        assert wp.audit_entries(code)[-1]["action"] == "set_verification"
