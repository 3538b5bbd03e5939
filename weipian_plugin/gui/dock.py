"""The dock, composed of parts a newcomer finds by name: the package session (open, follow, close — a file or the
office server: package_session), the patch list (patch_list), one patch's page (patch_page), the gate bar
(coverage, what blocks, the buttons it governs: gate_bar), long work in a child process or a dialog
(job_runner), the Packages menu (package_menu), the map (patch_map) and background checks and attachments
(package_tasks). The dock places them and passes what one says to the others."""
from __future__ import annotations

from typing import Optional

from qgis.core import Qgis
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QShortcut, QSplitter, QVBoxLayout

from ..settings import REVIEWER, VERIFIER, Settings
from ..store.work_package import WorkPackage
from .dock_toolbar import DockToolbar
from .gate_bar import GateBar, overdue_count
from .job_runner import JobRunner
from .messages import say, say_written
from .package_menu import PackageMenu
from .package_session import PackageSession
from .package_tasks import PackageTasks
from .patch_focus import PatchFocus
from .patch_list import PatchList
from .patch_map import PatchMap
from .patch_page import PatchPage
from .scrolled import DockBody, scrolled
from .user_name import notifier


class WeipianDock(QgsDockWidget):
    package_opened = pyqtSignal(str)

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        if iface is None:
            from qgis.utils import iface as default_iface

            iface = default_iface
        self.iface = iface
        self._message = lambda text, level=Qgis.MessageLevel.Info: say(iface, text, level)  # gui/messages
        self.wp: Optional[WorkPackage] = None
        self.profile = None
        self.setObjectName("WeipianDock")
        self.setWindowTitle(self.tr("卫片执法 field verification"))
        self.session = PackageSession(self, self)
        self.map = PatchMap(iface, self)
        self.jobs = JobRunner(lambda: self.form.flush())
        self.menu = PackageMenu(self)
        self.tasks = PackageTasks(self)
        self.focus = PatchFocus(self)
        self._build()
        self._connect()
        self._set_open(False)

    def tr(self, text):
        return QCoreApplication.translate("WeipianDock", text)

    # -- layout ----------------------------------------------------------------------------------------------
    def _build(self):
        body = DockBody()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        self.gate = GateBar()
        self.patches = PatchList(lambda: self.settings.user_name)
        self.page = PatchPage()
        self.toolbar = DockToolbar(self.settings.role)
        self.toolbar.add(self.gate.check_button, self.toolbar.attach_button, self.gate.export_button,
                         self.gate.packages_button)
        lay.addWidget(self.toolbar)
        self.gate.add_beside_bars(self.patches.count_label)
        lay.addWidget(self.gate)
        lay.addWidget(self.jobs)
        lay.addWidget(self.patches)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.patches.table)
        split.addWidget(self.page)
        split.setStretchFactor(0, 0)  # the list keeps its eight rows (its minimum; the user may drag it taller)
        split.setStretchFactor(1, 1)
        split.setSizes([1, 700])  # the patch below gets the rest of the height
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.setWidget(scrolled(body))  # never grows QGIS' window (gui/scrolled)
        QShortcut(QKeySequence("Alt+N"), body, self.next_to_do)
        # the reviewer's common path without the mouse: pass, return (with the opinion typed), next
        QShortcut(QKeySequence("Alt+P"), body, lambda: self.review.decide("pass"))
        QShortcut(QKeySequence("Alt+R"), body, lambda: self.review.decide("return"))
        QShortcut(QKeySequence("Alt+A"), body, self._add_photos_key)  # the township's: attach photos to this patch
        QShortcut(QKeySequence("Alt+T"), body, self._flip_phase)  # 前时相 ⇄ 后时相 on the map

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.session.choose_file)
        self.recent_menu.aboutToShow.connect(lambda: self.session.fill_recent(self.recent_menu))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        notifier().changed.connect(self._settings_changed)
        self.next_button.clicked.connect(self.next_to_do)
        self.pick_button.toggled.connect(self.map.pick)
        self.toolbar.phase_button.clicked.connect(self._flip_phase)
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
        self.jobs.written.connect(lambda path: say_written(self.iface, path))
        self.patches.chosen.connect(self.focus.chosen)
        self.patches.clicked_again.connect(lambda code: code and code == self.current and self.zoom_to_patch(code))
        self.patches.filtered.connect(lambda: self.current and self.focus.reselect(self.current, zoom=False))
        self.page.changed.connect(self.focus.changed)
        self.page.activated.connect(self.select_patch)
        self.page.refused.connect(lambda text: self._message(text, Qgis.MessageLevel.Warning))
        self.page.decided.connect(self.focus.after_decision)

    # -- the parts' widgets and state under the names the dock has always had (scripts and tests use them) ------
    _NAMES = {"toolbar": "open_button recent_menu mode next_button pick_button attach_button",
              "gate": "verified_bar reviewed_bar gate_label overdue_label check_button export_button packages_button "
                      "packages_menu package_actions",
              "patches": "model table search state_filter class_filter township_filter mine count_label",
              "page": "form evidence review findings records patch_page patch_scroll evidence_box",
              "jobs": "job_bar job_cancel job last_job dialog", "menu": "import_summary",
              "session": "office_dialog office_connection",
              "map": "pick_tool outline patch_layer photo_layer group", "tasks": "task attach_report",
              "focus": "current"}
    _PART_OF = {name: part for part, names in _NAMES.items() for name in names.split()}
    _PART_OF.update(tabs="page", job_row="jobs")

    def __getattr__(self, name):  # only for names the dock itself does not have
        part = WeipianDock._PART_OF.get(name)
        if part is None or part not in self.__dict__:
            raise AttributeError(name)
        holder = self.__dict__[part]
        return holder if name in ("tabs", "job_row") else getattr(holder, name)

    # -- opening and closing -----------------------------------------------------------------------------------
    def open_package(self, path: str) -> bool:
        """A work package (.gpkg) or an assignment package (.zip, verified and unpacked beside it)."""
        return self.session.open_file(path)

    def open_office(self, connection: str, schema: str) -> bool:
        """A work package on the county office's PostgreSQL/PostGIS server (a saved QGIS connection's name or a
        libpq string); other desks' changes show as they are committed."""
        return self.session.open_office(connection, schema)

    def _adopt(self, wp, profile, sources=None) -> None:
        """Show an opened package (either store): layers, list, panels, coverage, the first patch, the check."""
        connection = self.session.office_connection
        self.close_package()
        self.session.office_connection = connection
        self.wp, self.profile = wp, profile
        self.map.show_package(wp, self.settings.base_map, sources)
        self.imagery_shown()
        self._reload_contexts()
        self.patches.load(wp, profile)
        self._set_open(True)
        self._update_coverage()
        self.package_opened.emit(wp.path)
        if self.model.rowCount():
            self.focus.opening = True
            try:
                self.table.selectRow(0)
            finally:
                self.focus.opening = False
        self.session.follow(wp)
        self.check_package()  # blocking counts may be stale: the gate must speak of the package as it is

    def open_from_project(self) -> bool:
        """Open the work package behind a layer of the current project, if there is one."""
        return self.session.open_from_project(self.wp.path if self.wp is not None else None)

    def close_package(self):
        self.form.flush()
        self.pick_button.setChecked(False)
        self.map.remove_package()
        self.session.stop(closed=True)
        if self.wp is not None:
            self.wp.close()
        self.wp = None
        self.page.set_context(None, self.profile, self.settings.user_name)  # no panel keeps a closed package
        self.focus.current = None
        self._set_open(False)

    def _flip_phase(self) -> None:
        if len(self.map.phases) == 2:
            self.toolbar.show_phase(self.map.flip_phase())

    def imagery_shown(self) -> None:
        """The map's imagery (the batch's, or the base map) named on the flip button and beside the patch."""
        self.toolbar.show_phase(self.map.shown_phase(), len(self.map.phases))
        self.page.show_imagery(self.map.phases, self.current)

    def _set_open(self, is_open: bool):
        self.toolbar.set_open(is_open)
        self.tabs.setEnabled(is_open)
        self.patches.set_enabled(is_open)
        self.gate.set_open(is_open, is_open and self.wp.meta("kind") == "assignment")
        if not is_open:
            self.patches.clear()

    def _reload_contexts(self):
        self.page.set_context(self.wp, self.profile, self.settings.user_name)
        self._mode_changed()
        if self.wp is not None and self.current:  # the panels were emptied: show the chosen patch again
            code, self.focus.current = self.current, None
            self.focus.show(code, zoom=False)

    # -- changes made elsewhere (tasks, algorithms, another desk, another QGIS window) -------------------------
    def _office_changed(self, code: str) -> None:
        """Another desk committed a change to this patch: its row, the coverage, the map and, when it is the
        chosen one, its panels show it now (a basis being typed is saved first)."""
        if self.wp is None:
            return
        self.model.refresh_rows(self.wp, [code])
        self._update_coverage()
        self.map.repaint(reload_photos=False)
        if code == self.current:
            self.focus.again()

    def reload_from_store(self) -> None:
        """Show the package as it is now: the list, the coverage and gate, the map, and the chosen patch's panels
        (a pending edit of the basis is saved first)."""
        if self.wp is None:
            return
        self.form.flush()
        self.model.load(self.wp, self.profile)
        self.patches.update_count()
        self._update_coverage()
        self.map.repaint(reload_patches=True)
        self.focus.again()

    # -- the chosen patch (patch_focus) ----------------------------------------------------------------------------
    def select_patch(self, code: str) -> bool:
        return self.focus.select(code)

    def next_to_do(self):
        return self.focus.next_to_do()

    def zoom_to_patch(self, code: str) -> None:
        self.map.zoom_to_feature(self.patch_layer, self.wp.patch_fid(code))

    @property
    def settings(self) -> Settings:
        """The settings as they are now (the options page or the name dialog may have changed them)."""
        return Settings.load()

    def _settings_changed(self) -> None:
        from qgis.PyQt import sip

        if not sip.isdeleted(self):
            self.page.set_user(self.settings.user_name)

    def _mode_changed(self, *_):
        role = self.mode.currentData()
        settings = self.settings
        settings.role = role
        settings.save("role")
        self.page.set_reviewer(role == REVIEWER, self.current)
        self.toolbar.set_role(role)

    def _add_photos_key(self) -> None:
        if self.mode.currentData() == VERIFIER and self.evidence.isEnabled():
            self.evidence.choose_photos()

    # -- coverage and gate ---------------------------------------------------------------------------------------
    def overdue(self) -> int:
        """Patches past their 月清 due date (002 §三(二)3) and not yet passed."""
        return overdue_count(self.wp, self.profile)

    def _update_coverage(self):
        if self.wp is not None:
            self.gate.show_package(self.wp, self.profile)

    # -- packages, long work (the parts do it; these names are the dock's API for scripts) -------------------------
    def export_upload_package(self, military: bool = False):
        return self.menu.export_upload_package(military)

    def package_action(self, key: str):
        return self.menu.run(key)

    def _algorithm_finished(self, alg_id: str, ok: bool, result=None):
        if ok and self.wp is not None:
            self.session.seen()
            self.reload_from_store()
        self.menu.finished(alg_id, result or {}, ok and self.wp is not None)

    def check_package(self):
        return self.tasks.check()

    def attach_folder(self, folder: str):
        return self.tasks.attach(folder)

    def closeEvent(self, event):
        self.form.flush()
        super().closeEvent(event)
