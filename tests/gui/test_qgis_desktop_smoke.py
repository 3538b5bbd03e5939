"""The real QGIS desktop under Xvfb, with the plugin deployed (make deploy) and a demo package."""
import json
import os
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_qgis_desktop_loads_the_plugin_and_opens_a_package(tmp_path):
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, mode=0o700)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(home / "run"), QT_QPA_PLATFORM="xcb")
    for var in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QGIS_PLUGINPATH"):
        env.pop(var, None)
    subprocess.run(["make", "-s", "-C", ROOT, "deploy"], env=env, check=True, capture_output=True)
    demo = subprocess.run([sys.executable, "-m", "weipian_plugin.sample.demo", str(tmp_path / "demo")], cwd=ROOT,
                          env=dict(env, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stderr[-2000:]
    out = tmp_path / "smoke.json"
    env.update(WEIPIAN_SMOKE_OUT=str(out), WEIPIAN_SMOKE_PACKAGE=str(tmp_path / "demo" / "610902_2026_3.gpkg"))
    # its own session, so that a QGIS stuck on a dialog is ended with its Xvfb, not left running
    proc = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "qgis", "--nologo", "--noversioncheck",
                             "--code", os.path.join(ROOT, "tests", "gui", "smoke_in_qgis.py")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, stderr = proc.communicate()
    assert out.exists(), f"QGIS ended without a report (rc {proc.returncode}):\n{stderr[-3000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] == [], "\n".join(result["errors"])
    assert "Traceback" not in stderr, stderr[-3000:]
    assert result["loaded"] and result["provider"] and result["dock_visible"] and result["opened"]
    assert result["rows"] == 60
    assert len(result["layers"]) == 2
    # the upload package, made in the desktop through the dock's export button and Processing's own dialog
    from weipian_plugin.services.package_zip import verify_package

    assert result["export_enabled"] and result["export_in_child"]  # from inside QGIS the child process starts
    assert result["upload_patches"] == verify_package(str(tmp_path / "demo" / "610902_2026_3_upload.zip")).counts[
        "patches"] > 0
