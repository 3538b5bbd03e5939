"""What the Packages menu and the export button start: each a Processing algorithm, the long exports in a
process of their own (job_runner), the others in their own dialogs; where the files go; and what a township's
return package brought, shown patch by patch once it is imported."""
from __future__ import annotations

import datetime
import json
import os

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QMessageBox, QVBoxLayout

from ..store.work_package import WorkPackage


class PackageMenu:
    def __init__(self, dock):
        """dock: the package open (dock.wp), the user (dock.settings), its session and its job runner."""
        self.dock = dock
        self.import_summary = None
        self.queue = []  # return packages chosen together, still to import

    def tr(self, text):
        return QCoreApplication.translate("PackageMenu", text)

    def default_output(self, suffix: str) -> str:
        stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M%S")  # two exports a minute are two files
        wp = self.dock.wp
        if isinstance(wp, WorkPackage):
            base = os.path.splitext(wp.path)[0]
        else:  # an office package: the user's documents, a folder per work package
            from qgis.PyQt.QtCore import QStandardPaths

            docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or \
                os.path.expanduser("~")
            folder = os.path.join(docs, "weipian", wp.schema)
            os.makedirs(folder, exist_ok=True)
            base = os.path.join(folder, wp.schema)
        return f"{base}_{suffix}_{stamp}"

    def export_upload_package(self, military: bool = False):
        """The upload package (or the separate military-land one), written beside the work package by a child
        process: QGIS stays live, the dock shows progress and can cancel."""
        dock = self.dock
        if dock.wp is None:
            return None
        params = {"PACKAGE": dock.session.package_spec(for_child=True), "ACTOR": dock.settings.user_name,
                  "IMAGERY": dock.settings.base_map,
                  "OUTPUT": self.default_output("military" if military else "upload") + ".zip"}
        if military:
            params["MILITARY"] = True
        return dock.jobs.run_in_child("weipian:export_upload_package", params,
                                      self.tr("Exporting the military-land package") if military else
                                      self.tr("Exporting the upload package"))

    def export_return_package(self):
        """A township's return package: says first how many patches are not verified yet, and is written beside
        the assignment zip the package came from (not inside the folder it was unpacked to)."""
        wp = self.dock.wp
        total, verified = wp.coverage_counts()[:2]
        if verified < total:
            answer = QMessageBox.question(
                self.dock, self.tr("Export return package"),
                self.tr("{} of {} patches are not verified yet. Return the package to the county anyway?")
                .format(total - verified, total))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        stem = os.path.splitext(os.path.basename(wp.path))[0]
        folder = os.path.dirname(wp.path)
        if wp.meta("kind") == "assignment":
            folder = os.path.dirname(folder)  # beside the zip it was unpacked from
        stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M")
        return self.dock.jobs.run_algorithm("weipian:export_return_package", {
            "PACKAGE": wp.path, "ACTOR": self.dock.settings.user_name,
            "OUTPUT": os.path.join(folder, f"{stem}_return_{stamp}.zip")})

    def run(self, key: str):
        dock = self.dock
        if dock.wp is None and key != "verify":
            return None
        package = dock.session.package_spec() if dock.wp is not None else ""
        actor = dock.settings.user_name
        run = dock.jobs.run_algorithm
        if key == "assign":
            return run("weipian:export_assignment_packages",
                       {"PACKAGE": package, "ACTOR": actor, "OUTPUT": self.default_output("assignments")})
        if key == "import":
            return self.import_returns()
        if key == "import_city":
            return run("weipian:import_city_return", {"PACKAGE": package, "ACTOR": actor})
        if key == "return":
            return self.export_return_package()
        if key == "field":  # beside the assignment package: the same township's patches, for the phone
            return run("weipian:export_field_project",
                       {"PACKAGE": package, "ACTOR": actor, "OUTPUT": self.default_output("外业")})
        if key == "field_back":
            return run("weipian:import_field_project", {"PACKAGE": package, "ACTOR": actor})
        if key == "statistics":
            return run("weipian:monthly_statistics", {"PACKAGE": package,
                                                       "OUTPUT": self.default_output("月报") + ".xlsx"})
        if key == "imagery":
            return run("weipian:set_batch_imagery", {"PACKAGE": package, "ACTOR": actor})
        if key == "military":
            return self.export_upload_package(military=True)
        return run("weipian:verify_package", {})

    def import_returns(self, paths=None):
        """Several townships' return packages at once (chosen together in the file dialog, which opens in the
        folder last used): each in turn in the import's own Processing dialog, filled in (a first package of a
        township asks there for its key's fingerprint)."""
        from qgis.PyQt.QtWidgets import QFileDialog

        from .folders import last_folder, remember_folder

        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self.dock, self.tr("Import return packages"),
                                                    last_folder("returns"), self.tr("Return packages (*.zip)"))
        if not paths:
            return None
        remember_folder("returns", paths[0])
        self.queue = list(paths[1:])
        return self._import_next(paths[0])

    def _import_next(self, path: str):
        dock = self.dock
        return dock.jobs.run_algorithm("weipian:import_return_package", {
            "PACKAGE": dock.session.package_spec(), "ACTOR": dock.settings.user_name, "INPUT": path})

    def finished(self, alg_id: str, result: dict, ok: bool = True) -> None:
        """After an algorithm the dock ran has finished (well: the dock has shown the store as it is now). A return
        package refused does not stop the others chosen with it: its dialog says why, the next one opens."""
        dock = self.dock
        if not ok:
            if alg_id == "weipian:import_return_package" and self.queue and dock.wp is not None:
                self._import_next(self.queue.pop(0))
            return
        if alg_id == "weipian:import_return_package":
            dock.patches.fill_filters()
            dock.check_package()
            self.show_import_summary(result)
            if self.queue:  # the next of the packages chosen together
                self._import_next(self.queue.pop(0))
        elif alg_id == "weipian:export_field_project" and result.get("FOLDER"):
            from .messages import say_written

            say_written(dock.iface, result.get("ZIP") or result["FOLDER"])
        elif alg_id == "weipian:import_field_project":
            dock.check_package()
            self.show_field_photos(result)
        elif alg_id == "weipian:set_batch_imagery":  # the new imagery under the patches and beside them
            dock.map.set_imagery(dock.wp, dock.settings.base_map)
            dock.imagery_shown()

    def show_field_photos(self, result: dict):
        """Every photo the phone gave back, attached or why not; one taken in the app but left out of the form
        is listed with the patch it stands in, to attach with one click."""
        from ..services.photo_attach import AttachRow
        from .attach_report import AttachReport

        try:
            report = json.loads(result.get("REPORT") or "{}")
        except ValueError:
            report = {}
        rows = [AttachRow(p["photo"], p.get("patch"), p["status"], "field", p.get("reason") or "")
                for p in report.get("photos", [])]
        rows += [AttachRow(p["photo"], p.get("patch"), "unmatched", "inside" if p.get("patch") else None,
                           self.tr("taken in the field app but left out of the form"))
                 for p in report.get("orphans", [])]
        if not rows:
            return None
        tasks = self.dock.tasks
        tasks.attach_report = AttachReport(rows, lambda: self.dock.current, tasks._attach_by_hand, self.dock)
        tasks.attach_report.setWindowTitle(self.tr("Photos taken back from the phone"))
        tasks.attach_report.open()
        return tasks.attach_report

    def show_import_summary(self, result: dict):
        """What a return package brought, patch by patch: taken, kept as conflicts to decide, refused and why."""
        try:
            patches = json.loads(result.get("PATCHES") or "{}")
        except ValueError:
            patches = {}
        dialog = QDialog(self.dock)
        dialog.setObjectName("import_summary")
        dialog.setWindowTitle(self.tr("Return package imported"))
        lay = QVBoxLayout(dialog)
        applied, conflicts = patches.get("applied", []), patches.get("conflicts", [])
        rejected = patches.get("rejected", {})
        head = QLabel(self.tr("{}: {} patches taken, {} kept as conflicts to decide, {} refused; {} evidence files "
                              "added.").format(os.path.basename(patches.get("package", "") or ""), len(applied),
                                               len(conflicts), len(rejected), result.get("EVIDENCE_ADDED", 0)))
        head.setWordWrap(True)
        lay.addWidget(head)
        if result.get("ALREADY_IMPORTED") == "yes":
            lay.addWidget(QLabel(self.tr("This package was imported before; nothing changed.")))
        items = QListWidget()
        items.setObjectName("import_summary_list")
        for code in conflicts:
            items.addItem(self.tr("{}: conflict — the county changed it meanwhile; decide which version to keep")
                          .format(code))
        for code, why in rejected.items():
            items.addItem(self.tr("{}: refused — {}").format(code, why))
        for code in applied:
            items.addItem(self.tr("{}: taken").format(code))
        lay.addWidget(items, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.close)
        lay.addWidget(buttons)
        dialog.resize(560, 420)
        dialog.open()
        self.import_summary = dialog
        return dialog
