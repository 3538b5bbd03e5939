"""`make demo`'s job, run as the Makefile runs it, prints a truthful summary."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_demo_runs_headless_and_summarises(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "weipian_plugin.sample.demo", str(tmp_path / "demo")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "patches:       60 imported, 0 import problems" in out
    assert "verified:      58/60" in out and "reviewed:      56/60 passed, 1 returned" in out
    assert "verdict.other_forbidden" in out and "housing.flag_missing" in out and "photo.reused" in out
    assert os.path.exists(tmp_path / "demo" / "610902_2026_3.gpkg")
