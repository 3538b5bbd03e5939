"""The dock, composed of parts a newcomer finds by name: the package session (open, follow, close — a file or the
office server: package_session), the patch list (patch_list), one patch's page (patch_page), the gate bar
(coverage, what blocks, the buttons it governs: gate_bar), long work in a child process or a dialog
(job_runner), the Packages menu (package_menu), the map (patch_map) and background checks and attachments
(package_tasks). The dock places them and passes what one says to the others."""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import Qgis, QgsProject
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QComboBox, QMenu, QPushButton, QShortcut, QSplitter, QToolButton, QVBoxLayout, QWidget

from ..services.package_check import check_patch
from ..settings import REVIEWER, VERIFIER, Settings
from ..store.work_package import PackageError, WorkPackage
from .choice_buttons import FlowLayout
from .gate_bar import GateBar, overdue_count
from .job_runner import JobRunner
from .layers import add_package_layers, remove_package_layers
from .package_menu import PackageMenu
from .package_session import PackageSession
from .package_tasks import PackageTasks
from .patch_list import PatchList
from .patch_map import PatchMap
from .patch_page import PatchPage


class WeipianDock(QgsDockWidget):
    package_opened = pyqtSignal(str)

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        if iface is None:
            from qgis.utils import iface as default_iface

            iface = default_iface
        self.iface = iface
        self.settings = Settings.load()
        self.wp: Optional[WorkPackage] = None
        self.profile = None
        self.group = self.patch_layer = self.photo_layer = None
        self.current: Optional[str] = None
        self._opening = False  # while a package opens, the map shows the whole package
        self.setObjectName("WeipianDock")
        self.setWindowTitle(self.tr("卫片执法 field verification"))
        self.session = PackageSession(self.settings, self, self)
        self.map = PatchMap(iface, self)
        self.jobs = JobRunner(lambda: self.form.flush())
        self.menu = PackageMenu(self)
        self.tasks = PackageTasks(self)
        self._build()
        self._connect()
        self._set_open(False)

    def tr(self, text):
        return QCoreApplication.translate("WeipianDock", text)

    # -- layout ----------------------------------------------------------------------------------------------
    def _build(self):
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        self.gate = GateBar()
        self.patches = PatchList(lambda: self.settings.user_name)
        self.page = PatchPage()
        top = FlowLayout(spacing=4)  # the buttons wrap onto a second line in a narrow dock
        for w in (*self._tools(), self.gate.check_button, self.attach_button, self.gate.export_button,
                  self.gate.packages_button):
            top.addWidget(w)
        lay.addLayout(top)
        self.gate.add_beside_bars(self.patches.count_label)
        lay.addWidget(self.gate)
        lay.addWidget(self.jobs)
        lay.addWidget(self.patches)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.patches.table)
        split.addWidget(self.page)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([110, 700])  # five rows of the list: the patch below gets the height
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.setWidget(body)
        QShortcut(QKeySequence("Alt+N"), body, self.next_to_do)
        # the reviewer's common path without the mouse: pass, return (with the opinion typed), next
        QShortcut(QKeySequence("Alt+P"), body, lambda: self.review.decide("pass"))
        QShortcut(QKeySequence("Alt+R"), body, lambda: self.review.decide("return"))
        QShortcut(QKeySequence("Alt+A"), body, self._add_photos_key)  # the township's: attach photos to this patch
        self._names()

    def _tools(self):
        self.open_button = QToolButton()
        self.open_button.setObjectName("open_package")
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setToolTip(self.tr("Open a work package (.gpkg) or an assignment package (.zip)"))
        self.open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.recent_menu = QMenu(self.open_button)
        self.open_button.setMenu(self.recent_menu)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        self.mode.addItem(self.tr("Township verification"), VERIFIER)
        self.mode.addItem(self.tr("County review"), REVIEWER)
        self.mode.setCurrentIndex(max(0, self.mode.findData(self.settings.role)))
        self.next_button = QPushButton(self.tr("Next to do"))
        self.next_button.setObjectName("next_todo")
        self.next_button.setToolTip(self.tr("Next patch still to do in this mode (Alt+N)"))
        self.pick_button = QPushButton(self.tr("Pick on map"))
        self.pick_button.setObjectName("pick")
        self.pick_button.setCheckable(True)
        self.attach_button = QPushButton(self.tr("Attach photos…"))
        self.attach_button.setObjectName("attach_folder")
        self.attach_button.setToolTip(self.tr("Attach a folder of photos: each goes to the patch it was taken at"))
        return self.open_button, self.mode, self.next_button, self.pick_button

    def _names(self) -> None:
        """The parts' widgets under the names the dock has always had (scripts and tests drive them)."""
        for part, names in ((self.gate, ("verified_bar", "reviewed_bar", "gate_label", "overdue_label", "check_button",
                                         "export_button", "packages_button", "packages_menu", "package_actions")),
                            (self.patches, ("model", "table", "search", "state_filter", "class_filter",
                                            "township_filter", "mine", "count_label")),
                            (self.page, ("form", "evidence", "review", "findings", "records", "patch_page",
                                         "patch_scroll", "evidence_box")),
                            (self.jobs, ("job_bar", "job_cancel"))):
            for name in names:
                setattr(self, name, getattr(part, name))
        self.tabs, self.job_row = self.page, self.jobs

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.session.choose_file)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.next_button.clicked.connect(self.next_to_do)
        self.pick_button.toggled.connect(lambda on: self.map.pick(on, self.patch_layer))
        self.attach_button.clicked.connect(self.tasks.choose_photo_folder)
        self.map.picked.connect(self.select_patch)
        self.session.opened.connect(self._adopt)
        self.session.reload.connect(self.reload_from_store)
        self.session.patch_changed.connect(self._office_changed)
        for part in (self.session, self.jobs):
            part.message.connect(self._message)
        self.gate.check_clicked.connect(self.check_package)
        self.gate.export_clicked.connect(self.export_upload_package)
        self.gate.package_action.connect(self.package_action)
        self.jobs.finished.connect(self._algorithm_finished)
        self.patches.chosen.connect(self._chosen)
        self.patches.clicked_again.connect(lambda code: code and code == self.current and self.zoom_to_patch(code))
        self.patches.filtered.connect(lambda: self.current and self._reselect(self.current, zoom=False))
        self.page.changed.connect(self._patch_changed)
        self.page.activated.connect(self.select_patch)
        self.page.refused.connect(lambda text: self._message(text, Qgis.MessageLevel.Warning))
        self.page.decided.connect(self._after_decision)

    # -- the parts' state the dock shows (kept readable under their old names) ----------------------------------
    job = property(lambda self: self.jobs.job)
    last_job = property(lambda self: self.jobs.last_job)
    dialog = property(lambda self: self.jobs.dialog)
    import_summary = property(lambda self: self.menu.import_summary)
    office_dialog = property(lambda self: self.session.office_dialog)
    office_connection = property(lambda self: self.session.office_connection)
    pick_tool = property(lambda self: self.map.pick_tool)
    outline = property(lambda self: self.map.outline)
    task = property(lambda self: self.tasks.task)
    attach_report = property(lambda self: self.tasks.attach_report)

    # -- opening and closing -----------------------------------------------------------------------------------
    def _fill_recent(self):
        self.session.fill_recent(self.recent_menu)

    def open_package(self, path: str) -> bool:
        """A work package (.gpkg) or an assignment package (.zip, verified and unpacked beside it)."""
        return self.session.open_file(path)

    def open_office(self, connection: str, schema: str) -> bool:
        """A work package on the county office's PostgreSQL/PostGIS server (a saved QGIS connection's name or a
        libpq string); other desks' changes show as they are committed."""
        return self.session.open_office(connection, schema)

    def choose_office(self):
        return self.session.choose_office()

    def _adopt(self, wp, profile, sources=None) -> None:
        """Show an opened package (either store): layers, list, panels, coverage, the first patch, the check."""
        connection = self.session.office_connection
        self.close_package()
        self.session.office_connection = connection
        self.wp, self.profile = wp, profile
        from ..services.imagery import batch_imagery_sources, raster_layers

        self.patch_layer, self.photo_layer, self.group = add_package_layers(
            wp.path, imagery=raster_layers(batch_imagery_sources(wp), self.settings.dossier_imagery or None),
            sources=sources)
        self.map.zoom_to_layer(self.patch_layer)
        self._reload_contexts()
        self.patches.load(wp, profile)
        self._set_open(True)
        self._update_coverage()
        self.package_opened.emit(wp.path)
        if self.model.rowCount():
            self._opening = True
            try:
                self.table.selectRow(0)
            finally:
                self._opening = False
        self.session.follow(wp)
        self.check_package()  # blocking counts may be stale: the gate must speak of the package as it is

    def open_from_project(self) -> bool:
        """Open the work package behind a layer of the current project, if there is one."""
        for layer in QgsProject.instance().mapLayers().values():
            path = layer.customProperty("weipian/package") or layer.source().split("|")[0]
            if not path.lower().endswith(".gpkg") or (self.wp is not None and os.path.abspath(path) == self.wp.path):
                continue
            try:
                WorkPackage.open(path).close()
            except PackageError:
                continue
            return self.open_package(path)
        return False

    def close_package(self):
        self.form.flush()
        self.pick_button.setChecked(False)
        if self.group is not None:
            remove_package_layers(self.group)
        self.group = self.patch_layer = self.photo_layer = None
        self.session.stop()
        self.session.office_connection = None
        self.map.clear()
        if self.wp is not None:
            self.wp.close()
        self.wp = None
        self.current = None
        self._set_open(False)

    def _set_open(self, is_open: bool):
        for w in (self.next_button, self.pick_button, self.attach_button, self.tabs):
            w.setEnabled(is_open)
        self.patches.set_enabled(is_open)
        self.gate.set_open(is_open, is_open and self.wp.meta("kind") == "assignment")
        if not is_open:
            self.patches.clear()

    def _reload_contexts(self):
        self.page.set_context(self.wp, self.profile, self.settings.user_name)
        self._mode_changed()
        if self.wp is not None and self.current:  # the panels were emptied: show the chosen patch again
            code, self.current = self.current, None
            self._show_patch(code, zoom=False)

    # -- changes made elsewhere (tasks, algorithms, another desk, another QGIS window) -------------------------
    def _office_changed(self, code: str) -> None:
        """Another desk committed a change to this patch: its row, the coverage, the map and, when it is the
        chosen one, its panels show it now (a basis being typed is saved first)."""
        if self.wp is None:
            return
        self.model.refresh_rows(self.wp, [code])
        self._update_coverage()
        self._repaint(reload_photos=False)
        if code == self.current:
            self.current = None
            self._reselect(code, zoom=False)

    def reload_from_store(self) -> None:
        """Show the package as it is now: the list, the coverage and gate, the map, and the chosen patch's panels
        (a pending edit of the basis is saved first)."""
        if self.wp is None:
            return
        self.form.flush()
        self.model.load(self.wp, self.profile)
        self.patches.update_count()
        self._update_coverage()
        for layer in (self.photo_layer, self.patch_layer):
            if layer is not None:
                layer.dataProvider().reloadData()
                layer.triggerRepaint()
        if self.current:
            code, self.current = self.current, None
            self._reselect(code, zoom=False)

    def _repaint(self, reload_photos: bool = True) -> None:
        if self.patch_layer is not None:
            self.patch_layer.triggerRepaint()
        if self.photo_layer is not None:
            if reload_photos:
                self.photo_layer.dataProvider().reloadData()
            self.photo_layer.triggerRepaint()

    # -- the chosen patch ----------------------------------------------------------------------------------------
    def select_patch(self, code: str) -> bool:
        if not code or self.wp is None:
            return False
        if self.model.row_of(code) < 0:  # filtered away: the filters are cleared so it can be shown
            self.patches.clear_filters()
        return self._reselect(code, zoom=True)

    def _chosen(self, code: str) -> None:
        """The list's current row moved (a click, the keyboard, a filter): its patch is shown."""
        if self.wp is not None and code != self.current:
            self._show_patch(code, zoom=not self._opening)

    def _reselect(self, code: str, zoom: bool) -> bool:
        if not self.patches.select_row(code):
            return False
        if code != self.current:
            self._show_patch(code, zoom)
        return True

    def _after_decision(self, code: str) -> None:
        """After a pass or a return the next patch still to review opens (the decided one stays in the list)."""
        if self.mode.currentData() == REVIEWER and code == self.current:
            QTimer.singleShot(0, self.next_to_do)

    def next_to_do(self):
        if self.wp is None:
            return None
        code = self.patches.next_to_do(self.current, self.mode.currentData())
        if code:
            self.select_patch(code)
        else:
            self._message(self.tr("Nothing left to do in this mode."), Qgis.MessageLevel.Success)
        return code

    def _show_patch(self, code: str, zoom: bool):
        self.page.load(code)
        self.current = code
        self._refresh_findings(code)
        if self.patch_layer is not None and self.iface is not None:
            self.map.show_outline(self.wp.patch(code).wkb, self.patch_layer)
            if zoom:
                self.zoom_to_patch(code)

    def zoom_to_patch(self, code: str) -> None:
        self.map.zoom_to_feature(self.patch_layer, self.wp.patch_fid(code))

    def _refresh_findings(self, code: str):
        findings = check_patch(self.wp, code, self.profile)
        self.page.show_findings(code, findings)
        self.model.refresh_rows(self.wp, [code])
        return findings

    def _patch_changed(self, code: str):
        self._refresh_findings(code)
        if code == self.current:
            self.review.load(code)
        self._update_coverage()
        self._repaint()

    def _mode_changed(self, *_):
        role = self.mode.currentData()
        self.settings.role = role
        self.settings.save()
        self.page.set_reviewer(role == REVIEWER, self.current)

    def _add_photos_key(self) -> None:
        if self.mode.currentData() == VERIFIER and self.evidence.isEnabled():
            self.evidence.choose_photos()

    # -- coverage and gate ---------------------------------------------------------------------------------------
    def coverage(self):
        return self.wp.coverage_counts()

    def overdue(self) -> int:
        """Patches past their 月清 due date (002 §三(二)3) and not yet passed."""
        return overdue_count(self.wp, self.profile)

    def _update_coverage(self):
        if self.wp is not None:
            self.gate.show_package(self.wp, self.profile)

    # -- packages, long work -------------------------------------------------------------------------------------
    def package_spec(self, for_child: bool = False) -> str:
        return self.session.package_spec(for_child)

    def export_upload_package(self, military: bool = False):
        return self.menu.export_upload_package(military)

    def export_return_package(self):
        return self.menu.export_return_package()

    def package_action(self, key: str):
        return self.menu.run(key)

    def show_import_summary(self, result: dict):
        return self.menu.show_import_summary(result)

    def run_in_child(self, alg_id: str, params: dict, title: str):
        return self.jobs.run_in_child(alg_id, params, title)

    def run_algorithm(self, alg_id: str, params: dict):
        return self.jobs.run_algorithm(alg_id, params)

    def cancel_job(self) -> None:
        self.jobs.cancel()

    def _algorithm_finished(self, alg_id: str, ok: bool, result=None):
        if ok and self.wp is not None:
            self.session.seen()
            self.reload_from_store()
            if alg_id == "weipian:import_return_package":
                self.patches.fill_filters()
                self.check_package()
                self.show_import_summary(result or {})

    def check_package(self):
        return self.tasks.check()

    def attach_folder(self, folder: str):
        return self.tasks.attach(folder)

    def _message(self, text: str, level=Qgis.MessageLevel.Info):
        if self.iface is not None and hasattr(self.iface, "messageBar"):
            self.iface.messageBar().pushMessage("卫片执法", text, level, 6)

    def closeEvent(self, event):
        self.form.flush()
        super().closeEvent(event)
