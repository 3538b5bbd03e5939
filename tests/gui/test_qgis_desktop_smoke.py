"""The real QGIS desktop under Xvfb, with the plugin deployed (make deploy) and a demo package."""
import json
import os
import shutil
import signal
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_qgis_desktop_loads_the_plugin_and_opens_a_package(tmp_path, request):
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, mode=0o700)
    # the system's temporary folder is one of the test's own: QGIS calls a layer under it temporary and asks about
    # it on quitting, and a checkout (with its build/) may itself lie under /tmp
    (tmp_path / "systemp").mkdir()
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(home / "run"), QT_QPA_PLATFORM="xcb",
               TMPDIR=str(tmp_path / "systemp"))
    for var in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QGIS_PLUGINPATH"):
        env.pop(var, None)
    subprocess.run(["make", "-s", "-C", ROOT, "deploy"], env=env, check=True, capture_output=True)
    # QGIS set to 简体中文 the way its Options dialog does it; no name set yet (a fresh profile)
    from qgis.PyQt.QtCore import QSettings

    ini = QSettings(str(home / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"), QSettings.Format.IniFormat)
    ini.setValue("locale/userLocale", "zh-Hans")
    ini.setValue("locale/overrideFlag", True)
    ini.sync()
    # the demo outside the system's temporary folder, where a user keeps a package (QGIS calls any layer in the
    # temporary folder temporary and asks about it on quitting; the dock warns when a package is opened there)
    demo_dir = os.path.join(ROOT, "build", f"smoke-{os.getpid()}")
    shutil.rmtree(demo_dir, ignore_errors=True)
    request.addfinalizer(lambda: shutil.rmtree(demo_dir, ignore_errors=True))
    demo = subprocess.run([sys.executable, "-m", "weipian_plugin.sample.demo", demo_dir], cwd=ROOT,
                          env=dict(env, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stderr[-2000:]
    out = tmp_path / "smoke.json"
    env.update(WEIPIAN_SMOKE_OUT=str(out), WEIPIAN_SMOKE_PACKAGE=os.path.join(demo_dir, "610902_2026_3.gpkg"))
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
    # in Chinese, and the first save asks for the name (Qt's buttons in Chinese too), then saves under it
    assert result["dock_title"].startswith("卫片执法") and "field verification" not in result["dock_title"]
    day = result["first_day"]
    assert result["name_banner"] and not day["banner_after"]
    assert (day["verdict"], day["verifier"]) == ("WF", "五里镇 陈强")
    assert day["asked"]["ok"].replace("&", "") == "确定" and day["asked"]["cancel"].replace("&", "") == "取消", day
    assert result["docks_tabbed"] and result["window_after"] == result["window_before"], result
    assert sorted(result["layers"]) == sorted(["图斑", "照片", "前时相", "后时相"])  # in Chinese, the demo's imagery too
    # CGCS2000 3-degree Gauss-Krüger (EPSG:4534–4554) on the first open of the session, as the dossier's maps
    assert result["project_crs"].startswith("EPSG:45") and 4534 <= int(result["project_crs"][5:]) <= 4554
    # QGIS quit by itself with the package open: unloaded without a traceback, nothing asked
    held = tmp_path / "smoke.json.quit"
    assert not held.exists(), f"QGIS did not quit: {held.read_text(encoding='utf-8')}"
    assert proc.returncode == 0 and "卸下插件" not in stderr and "RuntimeError" not in stderr, stderr[-3000:]
    # the upload package, made in the desktop through the dock's export button and Processing's own dialog
    from weipian_plugin.services.package_zip import verify_package

    assert result["export_enabled"] and result["export_in_child"]  # from inside QGIS the child process starts
    assert result["upload_patches"] == verify_package(os.path.join(demo_dir, "610902_2026_3_upload.zip")).counts[
        "patches"] > 0
