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
    assert "60 of 60 patches inside both" in out  # the sample's before/after imagery, recorded on the package
    assert "round 1:              3 assignment packages" in out and "0 conflicts, 0 rejected" in out
    # the first review leaves the mistakes the rules must catch; the second round clears them
    for rule in ("verdict.other_forbidden", "housing.flag_missing", "photo.reused", "review.self_review"):
        assert rule in out
    assert "passed 60/60, 0 blocking" in out
    assert "verify_package:" in out and "files match the manifest (upload)" in out
    # the yearly figure and the 专班 list; no higher-level finding yet, so no error
    assert "yearly statistics:" in out and "1 batch(es), 60 patches" in out
    # the demo's figures (issue 20): the ratio holds; no province or Ministry finding, so no error period; 13
    # patches for the province's or city's field check (002 §三(五)'s scope, 永农 + 红线 summed)
    assert "illegal 耕地 156.79 of 846.51 亩" in out
    assert "error rate over the limit in months none, quarters none" in out
    assert "13 patches for the province's or city's field check" in out
    assert "hand-over lists:" in out and os.path.isfile(out_dir / "610902_移交清单.xlsx")
    # 实地未变化 has no paper to give: none is attached (asking for one invites made-up papers)
    import sqlite3

    with sqlite3.connect(out_dir / "610902_2026_3.gpkg") as db:
        papers = db.execute("SELECT count(*) FROM evidence e JOIN verifications v ON v.patch_code = e.patch_code "
                            "WHERE e.kind = 'document' AND v.subtype = '实地未变化'").fetchone()[0]
        unchanged = db.execute("SELECT count(*) FROM verifications WHERE subtype = '实地未变化'").fetchone()[0]
    assert unchanged > 0 and papers == 0
    assert "专班 hand-over list:" in out and os.path.isfile(out_dir / "610902_专班移交清单.xlsx")
    upload = lines[-1]
    assert upload.endswith("_upload.zip") and os.path.isfile(upload)
    assert os.path.commonpath([upload, str(out_dir)]) == str(out_dir)
    with zipfile.ZipFile(upload) as z:
        assert len([n for n in z.namelist() if n.startswith("dossiers/")]) == 60
    assert sorted(os.listdir(out_dir / "round1" / "returns"))[0].endswith("_return.zip")
