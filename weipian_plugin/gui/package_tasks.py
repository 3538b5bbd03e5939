"""Work on the whole package in QGIS' task manager while the dock stays live: the check of every patch (its
blocking counts stored for the map and the list) and attaching a folder of photos (each to the patch it was taken
at, with a report of where every photo went or why it did not). A task opens the package on its own connection."""
from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QFileDialog

from ..language import user_text
from ..store.work_package import PackageError, WorkPackage
from . import main_thread
from .tasks import AttachFolderTask, CheckTask


class PackageTasks:
    def __init__(self, dock):
        """dock: the package open, its profile and user, and what shows the results (list, gate, map, panels)."""
        self.dock = dock
        main_thread.install()  # a task hands Python's collector back to the main thread (core/collector)
        self.task = None  # the task under way (one at a time)
        self.attach_report = None

    def tr(self, text):
        return QCoreApplication.translate("PackageTasks", text)

    def _gone(self) -> bool:
        """The dock was closed and deleted while the task ran: its result has nowhere to go (a task outlives
        the widgets it was started from; touching them would end QGIS)."""
        from qgis.PyQt import sip

        return sip.isdeleted(self.dock) or sip.isdeleted(self.dock.check_button)

    def _opener(self):
        """What a background task opens the package with: a GeoPackage's path, or a new connection to the office
        package (a task never shares the dock's connection)."""
        wp = self.dock.wp
        return wp.path if isinstance(wp, WorkPackage) else wp.reopen

    def check(self):
        dock = self.dock
        if dock.wp is None or self.task is not None:
            return None
        self.task = CheckTask(self._opener(), dock.profile, self._check_done)
        dock.check_button.setEnabled(False)
        self.task.start()
        return self.task

    def _check_done(self, task):
        dock = self.dock
        self.task = None
        if self._gone():
            return
        dock.check_button.setEnabled(dock.wp is not None)
        if task.error:
            dock._message(self.tr("Check failed: {}").format(task.error), Qgis.MessageLevel.Critical)
            return
        if task.result is None or dock.wp is None:
            return
        findings, cov = task.result
        dock.session.seen()  # the task's own writes (blocking counts) are shown below
        dock.findings.show_package(findings)
        dock.model.refresh_blocking()
        dock._update_coverage()
        dock.map.repaint(reload_photos=False)
        dock._message(self.tr("Check done: verified {}/{}, reviewed {}/{}, {} findings").format(
            cov.verified, cov.total, cov.reviewed, cov.total, len(findings)), Qgis.MessageLevel.Info)

    def choose_photo_folder(self):
        from .folders import last_folder, remember_folder

        folder = QFileDialog.getExistingDirectory(self.dock, self.tr("Attach a folder of field photos"),
                                                  last_folder("photos"))
        remember_folder("photos", folder)
        if folder:
            self.attach(folder)

    def attach(self, folder: str):
        dock = self.dock
        if dock.wp is None or self.task is not None:
            return None
        self.task = AttachFolderTask(self._opener(), folder, dock.profile, dock.settings.user_name, self._attach_done)
        self.task.start()
        return self.task

    def _attach_done(self, task):
        dock = self.dock
        self.task = None
        if self._gone():
            return
        if task.error:
            dock._message(self.tr("Attaching photos failed: {}").format(task.error), Qgis.MessageLevel.Critical)
            return
        rows = task.result or []
        attached = sum(1 for r in rows if r.status == "attached")
        unmatched = [r for r in rows if r.status == "unmatched"]
        dock._message(self.tr("{} photos attached, {} not attached").format(attached, len(unmatched)),
                      Qgis.MessageLevel.Warning if unmatched else Qgis.MessageLevel.Success)
        dock.session.seen()  # the task's own writes are shown below
        dock.model.refresh_rows(dock.wp, sorted({r.patch_code for r in rows if r.patch_code}))
        if dock.current:
            dock.focus.refresh_findings(dock.current)
        dock.map.repaint()
        if rows:  # every photo with where it went, or why it did not
            from .attach_report import AttachReport

            self.attach_report = AttachReport(rows, lambda: dock.current, self._attach_by_hand, dock)
            self.attach_report.open()

    def _attach_by_hand(self, path: str, code: str):
        from ..core.photo_reading import read_photo
        from ..services.photo_attach import AttachRow, attach_reading

        try:
            row = attach_reading(self.dock.wp, code, read_photo(path), self.dock.settings.user_name)
        except (OSError, PackageError) as exc:
            return AttachRow(path, None, "unmatched", None, user_text(exc))
        row.method = "by_hand"
        self.dock.focus.changed(code)
        return row
