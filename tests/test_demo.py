"""`make demo`'s job, run as the Makefile runs it: the whole month, ending with the upload package's path."""
import os
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_demo_runs_the_month_headless_and_ends_with_the_upload_package(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out_dir = tmp_path / "demo"
    proc = subprocess.run([sys.executable, "-m", "weipian_plugin.sample.demo", str(out_dir)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    out = proc.stdout
    assert "patches:              60 imported, 0 import problems" in out
    assert "round 1:              3 assignment packages" in out and "0 conflicts, 0 rejected" in out
    # the first review leaves the mistakes the rules must catch; the second round clears them
    for rule in ("verdict.other_forbidden", "housing.flag_missing", "photo.reused", "review.self_review"):
        assert rule in out
    assert "passed 60/60, 0 blocking" in out
    assert "verify_package:" in out and "files match the manifest (upload)" in out
    # the yearly figure and the 专班 list; no higher-level finding yet, so no error
    assert "yearly statistics:" in out and "error rate 0.0" in out and "1 batch(es), 60 patches" in out
    assert "专班 hand-over list:" in out and os.path.isfile(out_dir / "610902_专班移交清单.xlsx")
    upload = lines[-1]
    assert upload.endswith("_upload.zip") and os.path.isfile(upload)
    assert os.path.commonpath([upload, str(out_dir)]) == str(out_dir)
    with zipfile.ZipFile(upload) as z:
        assert len([n for n in z.namelist() if n.startswith("dossiers/")]) == 60
    assert sorted(os.listdir(out_dir / "round1" / "returns"))[0].endswith("_return.zip")
