"""Shared fixtures: the sample county (generated once per session), work packages, the Processing provider."""
import os
import shutil
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
sys.path.append("/usr/share/qgis/python/plugins")  # QGIS' own processing package
sys.path.append(os.path.dirname(os.path.abspath(__file__)))  # tests/ helpers (pg_cluster)


@pytest.fixture(scope="session", autouse=True)
def own_qgis_settings(qgis_app, tmp_path_factory):
    """QGIS' settings of this test session's own (a copy of pytest-qgis' start): two runs at once on one machine
    never read or remove each other's (the language, the user's name, the recent packages)."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QSettings

    start = QgsSettings().fileName()
    folder = tmp_path_factory.mktemp("qgis_settings")
    if os.path.exists(start):
        os.makedirs(folder / "QGIS", exist_ok=True)
        shutil.copyfile(start, folder / "QGIS" / os.path.basename(start))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    assert QgsSettings().fileName().startswith(str(folder))
    return str(folder)


_OFF_MAIN = []


def _collection_watch(phase, info):
    import threading

    if phase == "start" and threading.current_thread() is not threading.main_thread():
        _OFF_MAIN.append(threading.current_thread().name)


@pytest.fixture(autouse=True)
def collector_stays_in_the_main_thread():
    """Python's cyclic collector, run in another thread than the main one, may destroy Qt and QGIS objects there
    and end the process (CI saw a segmentation fault and an abort: core/collector). Every test of the suite, at the
    collector's own thresholds, fails if a collection ran in any other thread while it ran, naming the thread."""
    import gc

    if _collection_watch not in gc.callbacks:
        gc.callbacks.append(_collection_watch)
    _OFF_MAIN.clear()
    yield
    seen, _OFF_MAIN[:] = sorted(set(_OFF_MAIN)), []
    assert not seen, f"Python's collector ran outside the main thread, in {seen}"


@pytest.fixture(autouse=True)
def desk(tmp_path_factory, monkeypatch):
    """Each test signs and trusts as a desk of its own (store.keys), never the real profile's: a new key, nothing
    trusted yet."""
    from weipian_plugin.store.keys import DESK_ENV, Desk

    folder = str(tmp_path_factory.mktemp("desk"))
    monkeypatch.setenv(DESK_ENV, folder)
    return Desk(folder)


@pytest.fixture(scope="session")
def sample(tmp_path_factory, qgis_app):
    from weipian_plugin.sample.generator import make_sample

    return make_sample(str(tmp_path_factory.mktemp("sample")))


@pytest.fixture(scope="session")
def profile():
    from weipian_plugin.core.profile import load_profile

    return load_profile("shaanxi_ankang_2023")  # the sample county is in 安康 (6109…)


_KEEP = []


def ensure_provider():
    """The registered 'weipian' provider, registering one if none is (tests may unload the plugin's)."""
    from qgis.core import QgsApplication

    from weipian_plugin.processing.provider import WeipianProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("weipian") is None:
        _KEEP.append(WeipianProvider())  # the Python object must outlive the registration
        registry.addProvider(_KEEP[-1])
    return registry.providerById("weipian")


@pytest.fixture
def provider(qgis_app, qgis_processing):
    return ensure_provider()


@pytest.fixture(scope="session")
def _base_package(tmp_path_factory, sample, qgis_app, qgis_processing):
    ensure_provider()
    """A work package with the sample patches imported and photos attached, built once."""
    import processing

    out = str(tmp_path_factory.mktemp("base") / "county.gpkg")
    processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": out, "ACTOR": "importer"})
    processing.run("weipian:attach_photos", {"PACKAGE": out, "INPUT": sample.photo_dir, "MATCH": "auto",
                                              "ACTOR": "township", "OUTPUT": "TEMPORARY_OUTPUT"})
    return out


@pytest.fixture
def package_path(_base_package, tmp_path):
    """A fresh copy of the sample work package (and its evidence folder) for one test."""
    target = tmp_path / "county.gpkg"
    shutil.copyfile(_base_package, target)
    shutil.copytree(_base_package[:-5] + "_evidence", str(target)[:-5] + "_evidence")
    return str(target)


@pytest.fixture
def package(package_path):
    from weipian_plugin.store.work_package import WorkPackage

    wp = WorkPackage.open(package_path)
    yield wp
    wp.close()


@pytest.fixture
def assigned(package, tmp_path):
    """The sample county split into assignment packages."""
    from weipian_plugin.services.assignment_packages import export_assignment_packages

    return export_assignment_packages(package, str(tmp_path / "out"), "县卫片办 李明")


@pytest.fixture
def good_return(package, assigned, sample, tmp_path):
    """五里镇's worked return package (a zip) for the county's package."""
    from test_exchange import worked_return

    return worked_return(assigned, sample, tmp_path)[1]


@pytest.fixture(scope="session")
def month(tmp_path_factory, qgis_app, qgis_processing):
    """The demo's whole month, run once: a county package that passes the gate, and its upload package."""
    ensure_provider()
    from weipian_plugin.sample.demo import run_month

    lines = []
    result = run_month(str(tmp_path_factory.mktemp("month") / "demo"), log=lines.append)
    result["log"] = lines
    return result


@pytest.fixture
def county(month, tmp_path):
    """A fresh copy of the month's county package (with its evidence folder)."""
    target = tmp_path / os.path.basename(month["package"])  # evidence paths name the package's folder
    shutil.copyfile(month["package"], target)
    shutil.copytree(month["package"][:-5] + "_evidence", str(target)[:-5] + "_evidence")
    return str(target)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL + PostGIS server of the tests' own (tests/pg_cluster.py), started once a session when a test
    asks for it and stopped at the end."""
    import pg_cluster

    pg_cluster.claim_for_session()
    params = pg_cluster.start()
    yield params
    try:
        pg_cluster.drop_database()
    finally:
        pg_cluster.stop()


@pytest.fixture(autouse=True)
def _office_schemas_dropped_after(request):
    """What a test made on the server goes after it (schemas, with the evidence bytes in them): a whole run kept
    550 MB there, on CI disks that are not always large."""
    if "pg_server" not in request.fixturenames:
        yield
        return
    import pg_cluster

    params = request.getfixturevalue("pg_server")
    before = pg_cluster.schemas(params)
    yield
    pg_cluster.drop_schemas_but(params, before)


@pytest.fixture
def pg(pg_server):
    """A connection as the cluster's superuser (the county's administrator setting things up)."""
    import psycopg2

    conn = psycopg2.connect(**pg_server)
    yield conn
    conn.close()


@pytest.fixture
def chinese_qgis(qgis_app):
    """QGIS set to 简体中文 from its own language list (locale/userLocale = zh-Hans), the plugin's translator in."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication

    from weipian_plugin.language import install_translator

    settings = QgsSettings()
    before = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", "zh-Hans")
    translator = install_translator()
    assert translator is not None
    yield
    QCoreApplication.removeTranslator(translator)
    assert QgsSettings().value("locale/userLocale") == "zh-Hans"  # read, never written back
    if before is None:
        settings.remove("locale/userLocale")
    else:
        settings.setValue("locale/userLocale", before)


_EXIT_STATUS = []


def pytest_sessionstart(session):
    """The disk the run has, on its first lines (in -q too): a CI run once failed on a full disk."""
    import tempfile

    build = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build")
    seen = []
    for name, folder in (("temp", tempfile.gettempdir()), ("build", build)):
        if os.path.isdir(folder):
            free = shutil.disk_usage(folder).free / 1024 ** 3
            seen.append(f"{name} {folder}: {free:.1f} GiB free" + (" (a run needs about 0.5 GiB)" if free < 0.5 else ""))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("disk: " + "; ".join(seen))


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """The run's own exit status, without the interpreter's teardown: QGIS 3.40 (Debian 13) can crash destroying
    what is left of its application after every test has passed and the summary is printed (as the export's
    child process does, processing/child.py)."""
    if _EXIT_STATUS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])


@pytest.fixture(scope="session")
def sample_imagery(tmp_path_factory):
    """The sample county's before/after imagery (2 m GeoTIFFs), made once."""
    from weipian_plugin.sample.generator import make_patches
    from weipian_plugin.sample.imagery import write_imagery

    return write_imagery(make_patches(), str(tmp_path_factory.mktemp("imagery")))


@pytest.fixture
def township(assigned, sample_imagery, provider):
    """五里镇's assignment package opened at its desk, with the batch's imagery recorded (the field project's
    tests)."""
    import processing
    from desks import confirmed
    from test_exchange import township_zip

    from weipian_plugin.services.assignment_packages import open_assignment_package

    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    processing.run("weipian:set_batch_imagery", {"PACKAGE": gpkg, "BEFORE": sample_imagery[0],
                                                  "AFTER": sample_imagery[1], "ACTOR": "五里镇 陈强"})
    return gpkg
