"""The upload export runs in a process of its own: QGIS' event loop keeps serving the whole time, the dock shows
its progress, a cancel leaves nothing behind, a refusal is reported in the user's language."""
import os

from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from .conftest import wait_for
from .test_dock import open_dock_as


def open_county(qgis_iface, path):
    return open_dock_as(qgis_iface, path, "县卫片办 张华", "reviewer")


def test_the_upload_export_keeps_qgis_live_and_shows_progress(qgis_iface, qgis_new_project, county):
    d = open_county(qgis_iface, county)
    assert d.export_button.isEnabled(), d.gate_label.text()
    chosen = d.model.code_at(d.model.rowCount() - 1)  # the user is on the last patch, the map on it
    d.select_patch(chosen)
    extent = qgis_iface.mapCanvas().extent()
    ticks, seen = [], []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))  # what a live window does: timers, repaints, clicks
    timer.start()
    d.export_upload_package()
    d.job.progress.connect(seen.append)
    wait_for(lambda: not d.job.running(), timeout=300)
    QApplication.processEvents()
    timer.stop()
    ok, result, text = d.last_job
    assert ok, text
    from weipian_plugin.services.package_zip import verify_package

    manifest = verify_package(result["OUTPUT"])
    assert manifest.counts["dossiers"] == manifest.counts["patches"] > 50
    assert seen and seen == sorted(seen) and seen[-1] == 100.0  # progress came across, in order
    # the event loop served the timer all along: an export run in the GUI thread would give a handful of ticks
    assert len(ticks) > 50
    assert any(a["action"] == "export_upload_package" for a in d.wp.audit_entries())
    # it ended where the user was: the same patch chosen, the map not moved (it jumped to the first patch)
    wait_for(lambda: d.task is None)
    assert d.current == chosen and qgis_iface.mapCanvas().extent() == extent
    d.close_package()


def test_a_cancelled_export_leaves_no_package(qgis_iface, qgis_new_project, county):
    d = open_county(qgis_iface, county)
    qgis_iface.messageBar().clear_messages()
    d.export_upload_package()
    out = d.job.params["OUTPUT"]
    wait_for(lambda: d.job_bar.value() > 5, timeout=120)  # well under way
    QTest.mouseClick(d.job_cancel, Qt.MouseButton.LeftButton)
    wait_for(lambda: not d.job.running(), timeout=60)
    QApplication.processEvents()
    ok, _result, text = d.last_job
    assert not ok and "cancelled" in text, text
    # a cancel is said as one, not as a failure in red (导出失败)
    bar = qgis_iface.messageBar()
    assert bar.get_messages(Qgis.MessageLevel.Critical) == []
    assert any("cancelled" in m or "已取消" in m for m in bar.get_messages(Qgis.MessageLevel.Info))
    folder = os.path.dirname(out)
    assert not [n for n in os.listdir(folder) if os.path.basename(out)[:-4] in n]  # no zip, no .partial
    assert not [n for n in os.listdir(folder) if n.startswith("weipian_upload_")]  # no work folder left
    d.close_package()


def test_a_refused_export_says_why_in_chinese(chinese_ui, qgis_iface, qgis_new_project, package_path):
    d = open_county(qgis_iface, package_path)  # nothing reviewed yet: the gate refuses
    d.export_upload_package()
    wait_for(lambda: not d.job.running(), timeout=120)
    QApplication.processEvents()
    ok, _result, text = d.last_job
    assert not ok and "不能导出" in text, text
    d.close_package()
