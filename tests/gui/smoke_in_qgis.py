"""Run inside the real QGIS desktop (qgis --code): open the dock on a work package, use it, report as JSON.

Python errors are caught where QGIS reports them (qgis.utils.showException and the 'Python error' log).
"""
import json
import os
import time
import traceback

import qgis.utils
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer

OUT = os.environ["WEIPIAN_SMOKE_OUT"]
PACKAGE = os.environ["WEIPIAN_SMOKE_PACKAGE"]
errors = []
_show = qgis.utils.showException


def record(type_, value, tb, msg=None, messagebar=False, level=Qgis.MessageLevel.Warning):
    errors.append("".join(traceback.format_exception(type_, value, tb)))
    return _show(type_, value, tb, msg, messagebar, level)


qgis.utils.showException = record
QgsApplication.messageLog().messageReceived.connect(
    lambda message, tag, level: errors.append(f"[{tag}] {message}") if tag in ("Python error", "Python warning") and
    level >= Qgis.MessageLevel.Warning else None)


def finish(result):
    """The report, then QGIS quits as a user quits it, with the package still open: the plugin unloads with no
    traceback and no question about temporary layers (a question would leave QGIS waiting: the test sees it)."""
    result["errors"] = errors
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(20000, still_running)
    qgis.utils.iface.actionExit().trigger()


def still_running():
    """QGIS did not quit: what holds it (a question asked), into the report, and end."""
    from qgis.PyQt.QtWidgets import QApplication

    modal = QApplication.activeModalWidget()
    said = [type(modal).__name__ if modal else "no dialog", modal.windowTitle() if modal else ""]
    if modal is not None and hasattr(modal, "text"):
        said.append(modal.text())
    with open(OUT + ".quit", "w", encoding="utf-8") as fh:
        fh.write(" | ".join(said))
    os._exit(3)


def run():
    result = {"loaded": "weipian_plugin" in qgis.utils.plugins}
    try:
        plugin = qgis.utils.plugins["weipian_plugin"]
        result["provider"] = QgsApplication.processingRegistry().providerById("weipian") is not None
        plugin.action.trigger()  # toolbar button / menu entry
        dock = plugin.dock
        result["dock_visible"] = dock.isVisible()
        result["opened"] = dock.open_package(PACKAGE)
        result["project_crs"] = QgsProject.instance().crs().authid()  # on the first open of the session
        result["rows"] = dock.model.rowCount()
        dock.next_to_do()
        dock.tabs.setCurrentIndex(1)
        result["layers"] = sorted(layer.name() for layer in QgsProject.instance().mapLayers().values())
        # the city's dock beside the county's: a tab of the same area, QGIS' window keeps its size
        window = qgis.utils.iface.mainWindow()
        window.resize(1366, 740)  # a laptop's screen less the panel (QGIS 3.40 starts at 984×373 under Xvfb)
        QgsApplication.processEvents()
        result["window_before"] = [window.width(), window.height()]
        city = plugin.show_city_dock()
        QgsApplication.processEvents()
        result["docks_tabbed"] = city in window.tabifiedDockWidgets(dock)
        result["window_after"] = [window.width(), window.height()]
        dock.raise_()
        QTimer.singleShot(3000, lambda: export_upload(dock, result))  # let the check task and the canvas run
    except Exception:
        errors.append(traceback.format_exc())
        finish(result)


def export_upload(dock, result):
    """The month's last step as a county reviewer takes it: the export button; the package is written by a child
    process started from inside QGIS (its Python found from QGIS' own), QGIS stays live meanwhile."""
    try:
        result["export_enabled"] = dock.export_button.isEnabled()
        dock.export_button.click()
        result["export_in_child"] = dock.job is not None
        out = dock.job.params["OUTPUT"] if dock.job is not None else dock.dialog.mainWidget(
        ).createProcessingParameters()["OUTPUT"]
        if dock.job is None:
            dock.dialog.runButton().click()
        wait_for_upload(out, result, time.monotonic() + 120)
    except Exception:
        errors.append(traceback.format_exc())
        finish(result)


def wait_for_upload(out, result, deadline):
    if os.path.exists(out):
        from weipian_plugin.services.package_zip import verify_package

        result["upload_patches"] = verify_package(out).counts["patches"]
        first_day(result)
    elif time.monotonic() > deadline:
        errors.append(f"no upload package at {out} after 120 s")
        finish(result)
    else:
        QTimer.singleShot(500, lambda: wait_for_upload(out, result, deadline))


def first_day(result):
    """A township's first save on a fresh profile (no name set yet): choosing 违法 asks for the name in a small
    dialog (in Chinese, Qt's buttons too); the verdict is saved after it, under that name."""
    from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QInputDialog

    try:
        plugin = qgis.utils.plugins["weipian_plugin"]
        dock = plugin.dock
        result["dock_title"] = dock.windowTitle()
        dock.mode.setCurrentIndex(dock.mode.findData("verifier"))
        code = next(c for c in sorted(dock.wp.patch_codes()) if (dock.wp.verification(c) or None) is not None
                    and dock.wp.verification(c).verdict == "HF")
        dock.select_patch(code)
        result["name_banner"] = not dock.page.name_banner.isHidden()
        asked = {}

        def answer():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QInputDialog):
                QTimer.singleShot(50, answer)
                return
            box = dialog.findChild(QDialogButtonBox)
            asked["ok"] = box.button(QDialogButtonBox.StandardButton.Ok).text() if box else ""
            asked["cancel"] = box.button(QDialogButtonBox.StandardButton.Cancel).text() if box else ""
            asked["title"] = dialog.windowTitle()
            dialog.setTextValue("五里镇 陈强")
            dialog.accept()

        QTimer.singleShot(0, answer)
        dock.form.verdict_buttons["WF"].click()
        v = dock.wp.verification(code)
        result["first_day"] = {"asked": asked, "verdict": v.verdict, "verifier": v.verifier,
                               "banner_after": not dock.page.name_banner.isHidden()}
    except Exception:
        errors.append(traceback.format_exc())
    finish(result)


QTimer.singleShot(500, run)
