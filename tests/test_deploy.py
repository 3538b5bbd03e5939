"""`make deploy` into a fresh HOME: qgis_process.bin then lists and runs the plugin's algorithms."""
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _env(home):
    env = dict(os.environ, HOME=str(home), QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(home / "run"))
    for var in ("QGIS_PLUGINPATH", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):  # pytest-qgis sets the last two
        env.pop(var, None)
    return env


def test_deploy_then_qgis_process_runs_the_algorithms(tmp_path, sample):
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, mode=0o700)
    env = _env(home)
    # staged in a folder of this run's own: another test run at once stages its own
    subprocess.run(["make", "-C", ROOT, "deploy", f"DIST={tmp_path / 'dist'}"], env=env, check=True,
                   capture_output=True)
    dest = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins/weipian_plugin"
    assert (dest / "metadata.txt").exists() and (dest / "resources/profiles/national_2023.json").exists()
    for dep in ("exifread", "pygeomag", "xlsxwriter"):
        assert (dest / "_vendor" / dep).is_dir(), dep
    ini = (home / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini").read_text()
    assert "weipian_plugin=true" in ini
    listed = subprocess.run(["qgis_process.bin", "list"], env=env, capture_output=True, text=True, timeout=300)
    for alg in ("create_work_package", "read_photos", "attach_photos", "check_work_package",
                "export_assignment_packages", "export_return_package", "import_return_package",
                "export_upload_package", "verify_package", "monthly_statistics"):
        assert f"weipian:{alg}" in listed.stdout, (alg, listed.stderr[-2000:])
    out = tmp_path / "wp.gpkg"
    run = subprocess.run(["qgis_process.bin", "--json", "run", "weipian:create_work_package", "--",
                          f"INPUT={sample.shapefile}", f"OUTPUT={out}"], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout[run.stdout.index("{"):])
    assert result["results"]["ADDED"] == len(sample.patches)
    # the statistics need the vendored xlsxwriter: it reaches the user's QGIS with the plugin
    xlsx = tmp_path / "月报.xlsx"
    stats = subprocess.run(["qgis_process.bin", "run", "weipian:monthly_statistics", "--", f"PACKAGE={out}",
                            f"OUTPUT={xlsx}"], env=env, capture_output=True, text=True, timeout=300)
    assert stats.returncode == 0 and xlsx.read_bytes()[:2] == b"PK", stats.stderr[-2000:]
    # nothing is reviewed yet: the upload package is refused, naming what blocks, and no file appears
    upload = tmp_path / "upload.zip"
    refused = subprocess.run(["qgis_process.bin", "run", "weipian:export_upload_package", "--", f"PACKAGE={out}",
                              f"OUTPUT={upload}"], env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0 and "internal review not passed" in refused.stdout + refused.stderr
    assert not upload.exists() and not (tmp_path / "upload.zip.partial").exists()


def test_package_zip_holds_an_installable_plugin(tmp_path):
    import zipfile

    proc = subprocess.run(["make", "-s", "-C", ROOT, "package", f"DIST={tmp_path}"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    zpath = os.path.join(tmp_path, "weipian_plugin.zip")
    assert proc.stdout.strip().endswith(zpath)
    names = set(zipfile.ZipFile(zpath).namelist())
    for required in ("weipian_plugin/__init__.py", "weipian_plugin/metadata.txt", "weipian_plugin/LICENSE",
                     "weipian_plugin/resources/profiles/national_2023.json", "weipian_plugin/resources/icons/weipian.svg",
                     "weipian_plugin/i18n/weipian_zh_CN.qm", "weipian_plugin/docs/manual/index.md",
                     "weipian_plugin/docs/manual/img/field_map.png", "weipian_plugin/_vendor/exifread/__init__.py",
                     "weipian_plugin/_vendor/pygeomag/wmm/WMM_2025.COF"):
        assert required in names, required
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
