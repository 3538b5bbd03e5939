"""Long work as QgsTasks: work in run(), exceptions kept, widgets touched only in finished() (by the caller)."""
from __future__ import annotations

from typing import Callable, Optional

from qgis.core import QgsTask
from qgis.PyQt.QtCore import QCoreApplication

from ..core.collector import hold, release
from ..services.package_check import check_package, store_blocking_counts
from ..services.photo_attach import attach_folder
from ..store.work_package import WorkPackage


class PackageTask(QgsTask):
    """Opens its own connection to the package (SQLite connections belong to one thread). Made in the main thread
    and added to the task manager at once: it pauses Python's collector until finished()."""

    def __init__(self, description: str, package, done: Callable[["PackageTask"], None]):
        """package: a GeoPackage's path, or a function opening the package anew (the office store: a connection
        of the task's own, made in its thread)."""
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.package_path = package if isinstance(package, str) else None
        self.opener = (lambda: WorkPackage.open(package)) if isinstance(package, str) else package
        self.done = done
        hold(("task", id(self)))  # Python's collector never runs in the task's thread (core/collector)
        self.result = None
        self.error: Optional[str] = None

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
