"""Long work as QgsTasks: work in run(), exceptions kept, widgets touched only in finished() (by the caller)."""
from __future__ import annotations

from typing import Callable, Optional

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QCoreApplication

from ..core.collector import hold, release
from ..services.package_check import check_package, store_blocking_counts
from ..services.photo_attach import attach_folder
from ..store.work_package import WorkPackage


class PackageTask(QgsTask):
    """Opens its own connection to the package (SQLite connections belong to one thread). start() adds it to QGIS'
    task manager, from the main thread, with Python's collector paused until finished() (core/collector)."""

    def __init__(self, description: str, package, done: Callable[["PackageTask"], None]):
        """package: a GeoPackage's path, or a function opening the package anew (the office store: a connection
        of the task's own, made in its thread)."""
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.package_path = package if isinstance(package, str) else None
        self.opener = (lambda: WorkPackage.open(package)) if isinstance(package, str) else package
        self.done = done
        self.result = None
        self.error: Optional[str] = None

    def start(self) -> "PackageTask":
        """Run it in QGIS' task manager. The collector is paused before: even the thread's first line of Python
        could set it off there (a task made and never started holds nothing)."""
        hold(("task", id(self)))
        if not QgsApplication.taskManager().addTask(self):
            release(("task", id(self)))
        return self

    def run(self) -> bool:
        try:
            with self.opener() as wp:
                self.result = self.work(wp)
            return not self.isCanceled()
        except Exception as exc:  # kept for finished(); never raised in the worker thread
            self.error = f"{type(exc).__name__}: {exc}"
            return False

    def work(self, wp):
        raise NotImplementedError

    def finished(self, ok: bool) -> None:
        release(("task", id(self)))
        self.done(self)


class CheckTask(PackageTask):
    def __init__(self, package_path, profile, done):
        super().__init__(QCoreApplication.translate("Tasks", "卫片执法: check work package"), package_path, done)
        self.profile = profile

    def work(self, wp):
        findings, coverage = check_package(wp, self.profile)
        store_blocking_counts(wp, findings)
        return findings, coverage


class AttachFolderTask(PackageTask):
    def __init__(self, package_path, folder, profile, user, done, match="auto"):
        super().__init__(QCoreApplication.translate("Tasks", "卫片执法: attach photos"), package_path, done)
        self.folder, self.profile, self.user, self.match = folder, profile, user, match

    def work(self, wp):
        return attach_folder(wp, self.folder, self.profile, self.user, self.match, self.setProgress, self.isCanceled)
