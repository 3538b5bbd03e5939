"""Python's cyclic collector runs in whichever thread happens to allocate. When it runs in one of the plugin's
worker threads (the check, attaching a folder, an algorithm run from Processing's dialog) it may destroy Qt widgets
left as garbage by the main thread — in the wrong thread, which ends QGIS. CI saw this once: a segmentation fault
on QGIS 3.40 while a check task was in os.path.realpath. The collector is paused while a worker runs Python and
resumed by the main thread afterwards; these tests make the collector run at every allocation and watch which
thread it runs in."""
import gc
import os
import threading

import pytest
from qgis.core import QgsApplication, QgsProcessingAlgRunnerTask, QgsProcessingContext, QgsProcessingFeedback

from .conftest import wait_for
from .test_dock import open_dock_as


@pytest.fixture
def collections_off_main():
    """The idents of threads other than the main one that ran a collection, with the collector made eager."""
    seen = []
    main = threading.main_thread().ident

    def hook(phase, info):
        if phase == "start" and threading.get_ident() != main:
            seen.append(threading.current_thread().name)

    old = gc.get_threshold()
    gc.callbacks.append(hook)
    gc.set_threshold(1, 1, 1)
    try:
        yield seen
    finally:
        gc.set_threshold(*old)
        gc.callbacks.remove(hook)


def _garbage_widget():
    """A widget only a reference cycle keeps: the collector deletes it, wherever it runs."""
    from qgis.PyQt.QtWidgets import QLabel

    label = QLabel("垃圾")
    label.cycle = label
    return None


def test_the_check_task_never_runs_the_collector_in_its_thread(qgis_iface, qgis_new_project, package_path,
                                                               collections_off_main):
    d = open_dock_as(qgis_iface, package_path, "五里镇 陈强", "verifier")
    for _ in range(3):
        _garbage_widget()
        task = d.check_package()
        assert task is not None
        wait_for(lambda: d.task is None)
    assert collections_off_main == []
    wait_for(gc.isenabled)  # resumed by the main thread once the task is done
    d.close_package()


def test_an_algorithm_run_in_a_task_never_runs_the_collector_in_its_thread(qgis_new_project, package_path,
                                                                          provider, collections_off_main):
    """Processing's dialog runs an algorithm in a QgsProcessingAlgRunnerTask: processAlgorithm in a worker."""
    from weipian_plugin.gui import main_thread

    main_thread.install()  # as the plugin's start does in QGIS
    alg = QgsApplication.processingRegistry().createAlgorithmById("weipian:check_work_package")
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    done = []
    _garbage_widget()
    task = QgsProcessingAlgRunnerTask(alg, {"PACKAGE": package_path, "OUTPUT": "TEMPORARY_OUTPUT"}, context,
                                      feedback)
    task.executed.connect(lambda ok, results: done.append(ok))
    QgsApplication.taskManager().addTask(task)
    wait_for(lambda: done)
    assert done == [True] and collections_off_main == []
    wait_for(gc.isenabled)


def test_the_zip_writers_reader_thread_never_runs_the_collector(tmp_path, collections_off_main):
    """The package writer reads and hashes ahead in a helper thread (the export, the assignment packages)."""
    from weipian_plugin.services.package_zip import PackageReader, PackageWriter
    from weipian_plugin.store.keys import Desk

    files = []
    for i in range(5):
        path = tmp_path / f"照片_{i}.jpg"
        path.write_bytes(os.urandom(200_000))
        files.append((str(path), f"evidence/照片_{i}.jpg", None))
    out = str(tmp_path / "upload.zip")
    ident = {"county_code": "610902", "created_by": "县卫片办 李明", "created_at": "2026-12-02T10:00:00+00:00",
             "kind": "upload"}
    _garbage_widget()
    with PackageWriter(out, "upload", ident, signer=Desk(str(tmp_path / "desk")).signer("county:610902")) as w:
        entries = w.add_files(files)
        w.finish({"patches": 0})
    assert len(entries) == 5 and collections_off_main == [] and gc.isenabled()
    assert len(PackageReader(out).manifest.files) == 5


def test_a_task_made_but_never_started_leaves_the_collector_running(tmp_path):
    """The pause is taken when a task starts, not when it is made: a task only looked at (its description in the
    task manager's language) once left the collector off for the rest of the process."""
    from weipian_plugin.core import collector
    from weipian_plugin.gui.tasks import CheckTask

    task = CheckTask(str(tmp_path / "x.gpkg"), None, lambda t: None)
    assert task.description() and gc.isenabled() and not collector._holds


def test_reading_a_folder_of_photos_on_every_core_never_runs_the_collector_there(sample, collections_off_main):
    """The photo reader's pool (services/photo_scan: one thread a core, EXIF and hashing) when it is called from
    the main thread: by a script, or by a service a test calls directly. It ran collections in its threads."""
    from weipian_plugin.services.photo_scan import find_images, read_all

    paths = find_images(sample.photo_dir)
    _garbage_widget()
    readings = list(read_all(paths, workers=2))
    assert len(readings) == len(paths) > 10 and collections_off_main == []
    assert gc.isenabled()  # the main thread called it: the collector runs again as soon as the pool is gone


def test_a_thread_ending_the_last_pause_leaves_the_collector_to_the_main_thread(collections_off_main):
    """Without the GUI's main-thread caller (a script, a test) the thread that ends the last pause used to turn the
    collector on itself; the allocations counted meanwhile were past the threshold, so its next allocation
    collected in that thread (a test's four desks run as threads did). Now the main thread resumes it."""
    from weipian_plugin.core import collector

    collector.set_main_thread_caller(None)
    try:
        started, go_on = threading.Event(), threading.Event()

        def work():
            with collector.paused():
                started.set()
                go_on.wait()
                _garbage_widget()
                [object() for _ in range(5000)]
            [object() for _ in range(5000)]  # the thread's life after its pause

        t = threading.Thread(target=work, name="helper")
        with collector.paused():  # the starter holds a pause over the thread's start; the thread's pause ends last
            t.start()
            started.wait()
        go_on.set()
        t.join()
        assert collections_off_main == [] and not gc.isenabled()  # left for the main thread
        with collector.paused():
            pass
        assert gc.isenabled()  # the main thread's next pause ended: resumed
    finally:
        from weipian_plugin.gui import main_thread

        if main_thread._CALLER:
            collector.set_main_thread_caller(main_thread._CALLER[0].call.emit)
        collector.resume_when_idle()
