"""The dock: open a work package, the patch list, verifying, evidence, review, findings and the export gate."""
from __future__ import annotations

import datetime
import os
from typing import Optional

from qgis.core import Qgis, QgsApplication, QgsProject, QgsWkbTypes
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor, QKeySequence
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.manifest import ManifestError
from ..core.profile import ProfileError, load_profile
from ..core.signing import confirmed_set
from ..language import user_text
from ..services.assignment_packages import open_assignment_package
from ..services.package_check import check_patch
from ..services.signatures import SenderUnknown
from ..settings import REVIEWER, VERIFIER, Settings
from ..store.keys import KeyStoreError
from ..store.work_package import PackageError, WorkPackage
from .choice_buttons import FlowLayout
from .evidence_panel import EvidencePanel
from .findings_panel import FindingsPanel
from .key_dialog import confirm_sender_key
from .labels import STATES, OneLineLabel, state_label
from .layers import add_package_layers, remove_package_layers
from .map_tool import PatchPickTool
from .patch_model import PatchListModel
from .records_panel import RecordsPanel
from .review_panel import ReviewPanel
from .tasks import AttachFolderTask, CheckTask
from .verification_form import VerificationForm


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
        self.group = None
        self.patch_layer = None
        self.photo_layer = None
        self.pick_tool = None
        self.task = None
        self.dialog = None
        self.current: Optional[str] = None
        self.outline = None  # the chosen patch's outline on the map
        self.attach_report = None
        self.import_summary = None
        self.office_watch = None  # an office package: other desks' changes as they are committed
        self.office_connection = None  # its connection (a QGIS connection name or a libpq string)
        self.job = None  # an export running in a child process
        self.last_job = None
        self._opening = False  # while a package opens, the map shows the whole package
        self._data_version: Optional[int] = None
        self._watch = QTimer(self)  # changes committed by other connections show within 1.5 s
        self._watch.setInterval(1500)
        self._watch.timeout.connect(self._poll_store)
        self.setObjectName("WeipianDock")
        self.setWindowTitle(self.tr("卫片执法 field verification"))
        self._build()

    def tr(self, text):
        return QCoreApplication.translate("WeipianDock", text)

    # -- layout ----------------------------------------------------------------------------------------------
    def _build(self):
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)

        top = FlowLayout(spacing=4)  # the buttons wrap onto a second line in a narrow dock
        self.open_button = QToolButton()
        self.open_button.setObjectName("open_package")
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setToolTip(self.tr("Open a work package (.gpkg) or an assignment package (.zip)"))
        self.open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.recent_menu = QMenu(self.open_button)
        self.open_button.setMenu(self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.open_button.clicked.connect(self._choose_package)
        top.addWidget(self.open_button)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        self.mode.addItem(self.tr("Township verification"), VERIFIER)
        self.mode.addItem(self.tr("County review"), REVIEWER)
        self.mode.setCurrentIndex(max(0, self.mode.findData(self.settings.role)))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        top.addWidget(self.mode)
        self.next_button = QPushButton(self.tr("Next to do"))
        self.next_button.setObjectName("next_todo")
        self.next_button.setToolTip(self.tr("Next patch still to do in this mode (Alt+N)"))
        self.next_button.clicked.connect(self.next_to_do)
        top.addWidget(self.next_button)
        self.pick_button = QPushButton(self.tr("Pick on map"))
        self.pick_button.setObjectName("pick")
        self.pick_button.setCheckable(True)
        self.pick_button.toggled.connect(self._pick_toggled)
        top.addWidget(self.pick_button)
        lay.addLayout(top)
        QShortcut(QKeySequence("Alt+N"), body, self.next_to_do)
        # the reviewer's common path without the mouse: pass, return (with the opinion typed), next
        QShortcut(QKeySequence("Alt+P"), body, lambda: self.review.decide("pass"))
        QShortcut(QKeySequence("Alt+R"), body, lambda: self.review.decide("return"))
        QShortcut(QKeySequence("Alt+A"), body, self._add_photos_key)  # the township's: attach photos to this patch

        cov = QHBoxLayout()
        self.verified_bar = QProgressBar()
        self.verified_bar.setObjectName("verified_bar")
        self.reviewed_bar = QProgressBar()
        self.reviewed_bar.setObjectName("reviewed_bar")
        for bar in (self.verified_bar, self.reviewed_bar):
            bar.setTextVisible(True)
            bar.setMaximumHeight(18)
            cov.addWidget(bar)
        lay.addLayout(cov)
        self.gate_label = OneLineLabel()  # the whole text in its tooltip
        self.gate_label.setObjectName("gate_label")
        lay.addWidget(self.gate_label)
        self.overdue_label = OneLineLabel()
        self.overdue_label.setObjectName("overdue_label")
        self.overdue_label.setStyleSheet("color: #e65100;")
        self.overdue_label.setVisible(False)
        lay.addWidget(self.overdue_label)
        self.job_row = QWidget()  # an export under way in its own process: what, how far, cancel
        self.job_row.setObjectName("job_row")
        job = QHBoxLayout(self.job_row)
        job.setContentsMargins(0, 0, 0, 0)
        self.job_label = QLabel()
        self.job_bar = QProgressBar()
        self.job_bar.setObjectName("job_bar")
        self.job_bar.setMaximumHeight(18)
        self.job_cancel = QPushButton(self.tr("Cancel"))
        self.job_cancel.setObjectName("job_cancel")
        self.job_cancel.clicked.connect(self.cancel_job)
        job.addWidget(self.job_label)
        job.addWidget(self.job_bar, 1)
        job.addWidget(self.job_cancel)
        self.job_row.setVisible(False)
        lay.addWidget(self.job_row)
        gate = top
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("check")
        self.check_button.setToolTip(self.tr("Check every patch of the package against the rules"))
        self.check_button.clicked.connect(self.check_package)
        gate.addWidget(self.check_button)
        self.attach_button = QPushButton(self.tr("Attach photos…"))
        self.attach_button.setObjectName("attach_folder")
        self.attach_button.setToolTip(self.tr("Attach a folder of photos: each goes to the patch it was taken at"))
        self.attach_button.clicked.connect(self._choose_photo_folder)
        gate.addWidget(self.attach_button)
        self.export_button = QPushButton(self.tr("Export upload…"))
        self.export_button.setObjectName("export")
        self.export_button.setToolTip(self.tr("Export the upload package (results, photos, dossiers)"))
        self.export_button.clicked.connect(self.export_upload_package)
        gate.addWidget(self.export_button)
        self.packages_button = QToolButton()
        self.packages_button.setObjectName("packages")
        self.packages_button.setText(self.tr("Packages"))
        self.packages_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.packages_menu = QMenu(self.packages_button)
        self.package_actions = {}
        for key, text in (("assign", self.tr("Export assignment packages (county → townships)…")),
                          ("import", self.tr("Import a township's return package…")),
                          ("import_city", self.tr("Import the city's return package…")),
                          ("return", self.tr("Export return package (township → county)…")),
                          ("statistics", self.tr("Monthly statistics (XLSX)…")),
                          ("military", self.tr("Export military-land package (separate, confidential)…")),
                          ("verify", self.tr("Verify a package's manifest and hashes…"))):
            act = self.packages_menu.addAction(text)
            act.setObjectName(f"packages_{key}")
            act.triggered.connect(lambda _c=False, k=key: self.package_action(k))
            self.package_actions[key] = act
        self.packages_button.setMenu(self.packages_menu)
        gate.addWidget(self.packages_button)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search code…"))
        self.search.setClearButtonEnabled(True)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("state_filter")
        self.class_filter = QComboBox()
        self.class_filter.setObjectName("class_filter")
        self.township_filter = QComboBox()
        self.township_filter.setObjectName("township_filter")
        self.mine = QCheckBox(self.tr("Mine"))
        self.mine.setObjectName("mine")
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.search.setMinimumWidth(110)
        for combo in (self.state_filter, self.class_filter, self.township_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(2)
        for w in (self.search, self.state_filter, self.class_filter, self.township_filter, self.mine):
            filters.addWidget(w)
        cov.addWidget(self.count_label)  # beside the bars: the filter row fits a narrow dock
        filters.setStretch(0, 3)
        for i in (1, 2, 3):
            filters.setStretch(i, 1)
        lay.addLayout(filters)

        self.model = PatchListModel(self)
        self.table = QTableView()
        self.table.setObjectName("patch_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 130)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.clicked.connect(self._row_clicked)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.form = VerificationForm()
        self.evidence = EvidencePanel()
        self.review = ReviewPanel()
        self.findings = FindingsPanel()
        self.records = RecordsPanel()
        # one page per patch: the verdict and its evidence scroll together, the reviewer's decision stays pinned
        # below them; no tab hopping for the common path
        inner = QWidget()
        inner_lay = QVBoxLayout(inner)
        inner_lay.setContentsMargins(0, 0, 0, 0)
        inner_lay.addWidget(self.form)
        self.evidence_box = QGroupBox()  # untitled: the thumbnails say what they are, the line is the verdict's
        self.evidence_box.setObjectName("evidence_box")
        ev_lay = QVBoxLayout(self.evidence_box)
        ev_lay.setContentsMargins(2, 2, 2, 2)
        ev_lay.addWidget(self.evidence)
        self.form.add_evidence(self.evidence_box)
        inner_lay.addStretch(1)
        self.patch_scroll = QScrollArea()
        self.patch_scroll.setObjectName("patch_scroll")
        self.patch_scroll.setWidget(inner)
        self.patch_scroll.setWidgetResizable(True)
        self.patch_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.patch_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence.take_drops_on(inner)  # photos dropped anywhere on the patch's page are its evidence
        self.patch_page = QWidget()
        self.patch_page.setObjectName("patch_page")
        page_lay = QVBoxLayout(self.patch_page)
        page_lay.setContentsMargins(0, 0, 0, 0)
        page_lay.setSpacing(2)
        page_lay.addWidget(self.patch_scroll, 1)
        page_lay.addWidget(self.review)
        self.tabs.addTab(self.patch_page, self.tr("Patch"))
        self.tabs.addTab(self.findings, self.tr("Findings"))
        self.tabs.addTab(self.records, self.tr("County records"))
        for panel in (self.form, self.evidence, self.review, self.records):
            panel.changed.connect(self._patch_changed)
        self.findings.patch_activated.connect(self.select_patch)
        self.form.refused.connect(self._save_refused)
        self.review.decided.connect(self._after_decision)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([110, 700])  # five rows of the list: the patch below gets the height
        split.setChildrenCollapsible(False)
        self.table.setMinimumHeight(90)
        lay.addWidget(split, 1)
        self.setWidget(body)

        self.search.textChanged.connect(self._filter)
        for combo in (self.state_filter, self.class_filter, self.township_filter):
            combo.currentIndexChanged.connect(self._filter)
        self.mine.toggled.connect(self._filter)
        self._set_open(False)

    # -- opening -----------------------------------------------------------------------------------------------
    def _fill_recent(self):
        self.recent_menu.clear()
        office = self.recent_menu.addAction(self.tr("Open from the office server (PostgreSQL/PostGIS)…"))
        office.setObjectName("open_office")
        office.triggered.connect(lambda _c=False: self.choose_office())
        self.recent_menu.addSeparator()
        from ..store.open_store import parse_office

        for path in self.settings.recent():
            try:
                office = parse_office(path)
            except PackageError:
                continue
            if office is not None:  # a package on the office server: its schema and the connection's name
                act = self.recent_menu.addAction(self.tr("{} on {} (office server)").format(office[1], office[0]))
                act.triggered.connect(lambda _c=False, o=office: self.open_office(*o))
                continue
            act = self.recent_menu.addAction(path)
            act.setEnabled(os.path.exists(path))
            act.triggered.connect(lambda _c=False, p=path: self.open_package(p))
        if not self.settings.recent():
            self.recent_menu.addAction(self.tr("(no recent packages)")).setEnabled(False)

    def _choose_package(self):
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open work package"), "",
                                              self.tr("Work package or assignment package (*.gpkg *.zip)"))
        if path:
            self.open_package(path)

    def open_package(self, path: str) -> bool:
        """Open a work package (.gpkg), or an assignment package (.zip): its hashes are verified, it is unpacked
        into a folder beside it (or the work already unpacked there is continued) and that package opened."""
        if path.lower().endswith(".zip"):
            confirmed = []
            while True:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    path = open_assignment_package(path, confirmed=confirmed, actor=self.settings.user_name)
                    break
                except SenderUnknown as exc:  # the county's first package: its key confirmed by phone, once
                    QApplication.restoreOverrideCursor()
                    typed = confirm_sender_key(self, exc)
                    if not typed:
                        self._message(user_text(exc), Qgis.MessageLevel.Warning)
                        return False
                    confirmed = [typed]
                    if exc.fingerprint not in confirmed_set(confirmed):
                        self._message(self.tr("The fingerprint you typed is not the package's key: the package is "
                                              "not from the county, or was changed. It was not opened."),
                                      Qgis.MessageLevel.Critical)
                        return False
                    continue
                except (ManifestError, PackageError, KeyStoreError, OSError) as exc:
                    self._message(user_text(exc), Qgis.MessageLevel.Critical)
                    return False
                finally:
                    if QApplication.overrideCursor() is not None:
                        QApplication.restoreOverrideCursor()
        try:
            wp = WorkPackage.open(path)
            profile = self.settings.apply_to(load_profile(wp.meta("profile") or None))
        except (PackageError, ProfileError) as exc:
            self._message(user_text(exc), Qgis.MessageLevel.Critical)
            return False
        self.settings.remember(wp.path)
        return self._adopt(wp, profile)

    def open_office(self, connection: str, schema: str) -> bool:
        """Open a work package kept on the county office's PostgreSQL/PostGIS server: `connection` is the name of
        a PostgreSQL connection saved in QGIS (its credentials from QGIS' authentication database) or a libpq
        connection string. Other desks' changes show as they are committed."""
        from ..store.open_store import open_office
        from ..store.pg_connect import ConnectionError_, connect, safe_label
        from .layers import office_sources

        try:
            wp = open_office(connection, schema)
            profile = self.settings.apply_to(load_profile(wp.meta("profile") or None))
        except (ConnectionError_, PackageError, ProfileError, ValueError) as exc:
            self._message(user_text(exc), Qgis.MessageLevel.Critical)
            return False
        except Exception as exc:  # the database: a missing schema, a refused login
            self._message(self.tr("{}/{}: {}").format(safe_label(connection), schema, str(exc).strip().splitlines()[0]
                                                      if str(exc).strip() else type(exc).__name__),
                          Qgis.MessageLevel.Critical)
            return False
        if not self._adopt(wp, profile, office_sources(connection, schema)):
            return False
        from .office_watch import OfficeWatch

        self.office_connection = connection
        self._remember_office(connection, schema)
        self.office_watch = OfficeWatch(lambda: connect(connection), schema, self)
        self.office_watch.changed.connect(self._office_changed)
        self.office_watch.lost.connect(self._office_lost)
        return True

    def _remember_office(self, connection: str, schema: str) -> None:
        """Into the recent list: a saved QGIS connection's name (its credentials stay in QGIS' authentication
        database), or a connection string that holds no password; never a password."""
        from ..store.open_store import office_spec
        from ..store.pg_connect import safe_label

        spec = office_spec(connection, schema)
        if safe_label(connection) == connection and "|" not in spec:
            self.settings.remember(spec)

    def choose_office(self):
        """The saved PostgreSQL connections and the work packages each holds; OK opens the chosen one."""
        from .office_open import OfficeOpenDialog

        self.office_dialog = OfficeOpenDialog(self)
        self.office_dialog.accepted.connect(self._office_chosen)
        self.office_dialog.open()
        return self.office_dialog

    def _office_chosen(self) -> None:
        choice = self.office_dialog.choice()
        if choice:
            self.open_office(*choice)

    def _adopt(self, wp, profile, sources=None) -> bool:
        """Show an opened package (either store): layers, list, panels, coverage, the first patch, the check."""
        self.close_package()
        self.wp, self.profile = wp, profile
        from ..services.imagery import batch_imagery_sources, raster_layers

        self.patch_layer, self.photo_layer, self.group = add_package_layers(
            wp.path, imagery=raster_layers(batch_imagery_sources(wp), self.settings.dossier_imagery or None),
            sources=sources)
        self._zoom_to_package()
        self._reload_contexts()
        self.model.load(wp, profile)
        self._size_columns()
        self._fill_filters()
        self._set_open(True)
        self._update_coverage()
        self.package_opened.emit(wp.path)
        if self.model.rowCount():
            self._opening = True
            try:
                self.table.selectRow(0)
            finally:
                self._opening = False
        self._data_version = self._store_version()
        self._watch.start()
        self.check_package()  # blocking counts may be stale: the gate must speak of the package as it is
        return True

    def _office_changed(self, code: str) -> None:
        """Another desk committed a change to this patch: its row, the coverage, the map and, when it is the
        chosen one, its panels show it now (a basis being typed is saved first)."""
        if self.wp is None:
            return
        self.model.refresh_rows(self.wp, [code])
        self._update_coverage()
        for layer in (self.photo_layer, self.patch_layer):
            if layer is not None:
                layer.triggerRepaint()
        if code == self.current:
            self.current = None
            self._reselect(code, zoom=False)

    def _save_refused(self, text: str) -> None:
        """Said where it is seen: the message bar, and the form scrolled to the refusal and its button."""
        self._message(text, Qgis.MessageLevel.Warning)
        # the button was just shown: its place is known once the layouts have run
        QTimer.singleShot(0, lambda: self.patch_scroll.ensureWidgetVisible(self.form.reapply_button))

    def _office_lost(self) -> None:
        self._message(self.tr("The office server connection broke; listening again for other desks' changes"),
                      Qgis.MessageLevel.Warning)
        try:
            self.office_watch.start()
            self.reload_from_store()
        except Exception:  # still down: the next step says so
            pass

    # -- changes made elsewhere (tasks, algorithms, another dock or QGIS window) -------------------------------
    def _store_version(self) -> Optional[int]:
        """SQLite's data_version: it changes when another connection commits to the package (an office package
        is heard through its watch instead)."""
        if not isinstance(self.wp, WorkPackage):
            return None
        return self.wp.data_version()

    def _poll_store(self) -> None:
        version = self._store_version()
        if version is not None and version != self._data_version:
            self._data_version = version
            self.reload_from_store()

    def reload_from_store(self) -> None:
        """Show the package as it is now: the list, the coverage and gate, the map, and the chosen patch's panels
        (a pending edit of the basis is saved first)."""
        if self.wp is None:
            return
        self.form.flush()
        self.model.load(self.wp, self.profile)
        self._update_count()
        self._update_coverage()
        for layer in (self.photo_layer, self.patch_layer):
            if layer is not None:
                layer.dataProvider().reloadData()
                layer.triggerRepaint()
        if self.current:
            code, self.current = self.current, None
            self._reselect(code, zoom=False)

    def _size_columns(self):
        """Column widths from the font, not from scanning rows (fast at any package size)."""
        fm = self.table.fontMetrics()
        samples = ["610902202600001", "乡镇乡镇镇", "新增非农建设类", "耕地（亩）0", "判定结果", "已修改待审核", "检查结果"]
        for col, text in enumerate(samples):
            header = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(col, max(fm.horizontalAdvance(text), fm.horizontalAdvance(header) + 24) + 12)

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
        if self.pick_button.isChecked():
            self.pick_button.setChecked(False)
        if self.group is not None:
            remove_package_layers(self.group)
        self.group = self.patch_layer = self.photo_layer = None
        self._watch.stop()
        if self.office_watch is not None:
            self.office_watch.stop()
            self.office_watch.deleteLater()
            self.office_watch = None
        if self.outline is not None:
            self.outline.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        if self.wp is not None:
            self.wp.close()
        self.wp = None
        self.current = None
        self._set_open(False)

    def _reload_contexts(self):
        user = self.settings.user_name
        self.form.set_context(self.wp, self.profile, user)
        self.evidence.set_context(self.wp, user)
        self.review.set_context(self.wp, self.profile, user)
        self.records.set_context(self.wp, user)
        self._mode_changed()
        if self.wp is not None and self.current:  # the panels were emptied: show the chosen patch again
            code, self.current = self.current, None
            self._show_patch(code, zoom=False)

    def _set_open(self, is_open: bool):
        for w in (self.next_button, self.pick_button, self.check_button, self.attach_button, self.search,
                  self.state_filter, self.class_filter, self.township_filter, self.mine, self.table, self.tabs):
            w.setEnabled(is_open)
        self.packages_button.setEnabled(is_open)
        # a township's assignment package goes back as a return package; the county's hands out, takes back,
        # counts and exports
        township = is_open and self.wp.meta("kind") == "assignment"
        for key, act in self.package_actions.items():
            act.setEnabled(key == "verify" or (is_open and (key == "return") == township))
        if not is_open:
            self.model.clear()
            self.export_button.setEnabled(False)
            self.gate_label.setText(self.tr("Open a work package to start."))
            self.count_label.setText("")
            self.verified_bar.setValue(0)
            self.reviewed_bar.setValue(0)

    def _fill_filters(self):
        from .patch_model import CLASS, TOWNSHIP

        for combo, first, values in (
            (self.state_filter, self.tr("All states"), [(state_label(s), s) for s in STATES]),
            (self.class_filter, self.tr("All classes"), [(c, c) for c in self.model.distinct(CLASS)]),
            (self.township_filter, self.tr("All townships"), [(t, t) for t in self.model.distinct(TOWNSHIP)]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for text, data in values:
                combo.addItem(text, data)
            combo.blockSignals(False)
        self._update_count()

    # -- list ------------------------------------------------------------------------------------------------
    def _filter(self, *_):
        self.model.set_filter(self.search.text(), self.state_filter.currentData(), self.class_filter.currentData(),
                              self.township_filter.currentData(),
                              self.settings.user_name if self.mine.isChecked() else None)
        self._update_count()
        if self.current:
            self._reselect(self.current, zoom=False)

    def _update_count(self):
        self.count_label.setText(self.tr("{} of {}").format(self.model.rowCount(), self.model.total()))

    def _row_changed(self, current, _previous):
        code = self.model.code_at(current.row()) if current.isValid() else None
        if code and code != self.current:
            self._show_patch(code, zoom=not self._opening)

    def select_patch(self, code: str) -> bool:
        if not code or self.wp is None:
            return False
        if self.model.row_of(code) < 0:  # filtered away: clear the filters so it can be shown
            self.search.clear()
            for combo in (self.state_filter, self.class_filter, self.township_filter):
                combo.setCurrentIndex(0)
            self.mine.setChecked(False)
        return self._reselect(code, zoom=True)

    def _reselect(self, code: str, zoom: bool) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            return False
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
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
        code = self.model.next_to_do(self.current, self.mode.currentData())
        if code:
            self.select_patch(code)
        else:
            self._message(self.tr("Nothing left to do in this mode."), Qgis.MessageLevel.Success)
        return code

    def _show_patch(self, code: str, zoom: bool):
        self.form.flush()
        self.current = code
        self.form.load(code)
        self.review.load(code)
        self.records.load(code)
        self._refresh_findings(code)
        if self.patch_layer is not None and self.iface is not None:
            self._outline(code)
            if zoom:
                self.zoom_to_patch(code)

    def zoom_to_patch(self, code: str) -> None:
        fid = self.wp.patch_fid(code)
        if fid is not None and self.iface is not None and self.patch_layer is not None:
            canvas = self.iface.mapCanvas()
            canvas.zoomToFeatureIds(self.patch_layer, [fid])
            canvas.zoomScale(max(canvas.scale() * 2.5, 2000))
            canvas.refresh()

    def _row_clicked(self, index) -> None:
        """Clicking the chosen row again brings its patch back into view."""
        code = self.model.code_at(index.row())
        if code and code == self.current:
            self.zoom_to_patch(code)

    def _outline(self, code: str) -> None:
        """The chosen patch drawn as a bold outline over its state colour (a selection would paint over it)."""
        from qgis.core import QgsGeometry
        from qgis.gui import QgsRubberBand

        canvas = self.iface.mapCanvas()
        if self.outline is None:
            self.outline = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
            self.outline.setFillColor(QColor(0, 0, 0, 0))
            self.outline.setStrokeColor(QColor("#00e5ff"))
            self.outline.setWidth(3)
        geom = QgsGeometry()
        wkb = self.wp.patch(code).wkb
        if wkb:
            geom.fromWkb(wkb)
        self.outline.setToGeometry(geom, self.patch_layer)

    def _zoom_to_package(self) -> None:
        if self.iface is None or self.patch_layer is None or not hasattr(self.iface, "mapCanvas"):
            return
        from qgis.core import QgsCoordinateTransform

        canvas = self.iface.mapCanvas()
        extent = self.patch_layer.extent()
        if extent.isEmpty():
            return
        if canvas.mapSettings().destinationCrs() != QgsProject.instance().crs():
            canvas.setDestinationCrs(QgsProject.instance().crs())  # a new project took the package's CRS
        to_canvas = QgsCoordinateTransform(self.patch_layer.crs(), canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        box = to_canvas.transformBoundingBox(extent)
        box.scale(1.05)
        canvas.setExtent(box)
        canvas.refresh()

    def _refresh_findings(self, code: str):
        findings = check_patch(self.wp, code, self.profile)
        self.findings.show_patch(code, findings)
        self.evidence.load(code, findings)
        self.model.refresh_rows(self.wp, [code])
        return findings

    def _patch_changed(self, code: str):
        self._refresh_findings(code)
        if code == self.current:
            self.review.load(code)
        self._update_coverage()
        if self.patch_layer is not None:
            self.patch_layer.triggerRepaint()
        if self.photo_layer is not None:
            self.photo_layer.dataProvider().reloadData()
            self.photo_layer.triggerRepaint()

    # -- mode, coverage, gate -------------------------------------------------------------------------------
    def _mode_changed(self, *_):
        role = self.mode.currentData()
        self.settings.role = role
        self.settings.save()
        reviewer = role == REVIEWER
        self.form.set_read_only(reviewer)
        self.review.setVisible(reviewer)
        for b in (self.evidence.add_photos, self.evidence.add_docs, self.evidence.doc_type, self.evidence.remove,
                  self.evidence.undo_remove):
            b.setVisible(not reviewer)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.records), reviewer)  # the county's records
        if self.current:
            self.form.load(self.current)
        self.tabs.setCurrentWidget(self.patch_page)

    def coverage(self):
        return self.wp.coverage_counts()

    def overdue(self) -> int:
        """Patches past their 月清 due date (002 §三(二)3) and not yet passed."""
        from ..core.rules import overdue_cutoff

        cutoff = overdue_cutoff(datetime.date.today(), self.profile) if self.profile else None
        if cutoff is None:
            return 0
        return self.wp.overdue_count(cutoff.isoformat())

    def _update_coverage(self):
        if self.wp is None:
            return
        total, verified, passed, blocking, blocked_patches = self.coverage()
        for bar, n, label in ((self.verified_bar, verified, self.tr("Verified")),
                              (self.reviewed_bar, passed, self.tr("Reviewed (passed)"))):
            bar.setMaximum(max(1, total))
            bar.setValue(n)
            bar.setFormat(f"{label} {n}/{total}")
        township = self.wp.meta("kind") == "assignment"
        # a township verifies and sends its work back: the county's review gate and upload are not its business
        self.export_button.setVisible(not township)
        self.reviewed_bar.setVisible(not township)
        if township:
            self.export_button.setEnabled(False)
            left = total - verified
            self.gate_label.setText(
                self.tr("{} of {} patches verified; {} to do. When done, send the work back to the county as a "
                        "return package (Packages menu).").format(verified, total, left) if left else
                self.tr("All {} patches verified: send the return package to the county (Packages menu).")
                .format(total))
            self.gate_label.setStyleSheet("color: #2e7d32;" if not left else "color: #37474f;")
            self.overdue_label.setVisible(False)
            return
        reasons = []
        if self.profile is not None and self.profile.rule("require_responsible_persons").get("value"):
            if not all((self.wp.meta(k) or "").strip() for k in ("internal_review_lead", "field_check_lead")):
                reasons.append(self.tr("the internal-review and field-check leads are not named "
                                       "(weipian:set_responsible_persons)"))
        if passed < total:
            reasons.append(self.tr("{} patches not yet passed by internal review").format(total - passed))
        if blocking:
            reasons.append(self.tr("{} blocking findings on {} patches").format(blocking, blocked_patches))
        self.export_button.setEnabled(not reasons)
        self.gate_label.setText(self.tr("Export blocked: ") + self.tr("; ").join(reasons) if reasons
                                else self.tr("Internal review complete, no blocking findings: ready to export."))
        self.gate_label.setStyleSheet("color: #b71c1c;" if reasons else "color: #2e7d32;")
        self.export_button.setToolTip(self.gate_label.text())
        overdue = self.overdue()
        self.overdue_label.setVisible(bool(overdue))
        self.overdue_label.setText(self.tr("月清 overdue: {} patches past their due date and not yet passed")
                                   .format(overdue))

    # -- packages: the Processing algorithms, in their own dialogs (progress, cancel, log) ------------------------
    def _default_output(self, suffix: str) -> str:
        stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M%S")  # two exports a minute are two files
        if isinstance(self.wp, WorkPackage):
            base = os.path.splitext(self.wp.path)[0]
        else:  # an office package: the user's documents, a folder per work package
            from qgis.PyQt.QtCore import QStandardPaths

            docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or \
                os.path.expanduser("~")
            folder = os.path.join(docs, "weipian", self.wp.schema)
            os.makedirs(folder, exist_ok=True)
            base = os.path.join(folder, self.wp.schema)
        return f"{base}_{suffix}_{stamp}"

    def package_spec(self, for_child: bool = False) -> str:
        """How an algorithm names the open package: a GeoPackage's path, or office:<schema>@<connection>. For a
        child process, which has no unlocked QGIS authentication database, the connection goes resolved (its
        password travels only through the child's stdin, never into a file, a setting or its command line)."""
        if isinstance(self.wp, WorkPackage):
            return self.wp.path
        from ..store.open_store import office_spec
        from ..store.pg_connect import resolved_dsn

        connection = resolved_dsn(self.office_connection) if for_child else self.office_connection
        return office_spec(connection, self.wp.schema)

    def export_upload_package(self, military: bool = False):
        """The upload package (or the separate military-land one), written beside the work package by a child
        process: QGIS stays live, the dock shows progress and can cancel."""
        if self.wp is None:
            return None
        params = {"PACKAGE": self.package_spec(for_child=True), "ACTOR": self.settings.user_name,
                  "IMAGERY": self.settings.dossier_imagery,
                  "OUTPUT": self._default_output("military" if military else "upload") + ".zip"}
        if military:
            params["MILITARY"] = True
        return self.run_in_child("weipian:export_upload_package", params,
                                 self.tr("Exporting the military-land package") if military else
                                 self.tr("Exporting the upload package"))

    def run_in_child(self, alg_id: str, params: dict, title: str):
        """Long work in a process of its own (processing/child.py); where no Python can be started for it, the
        algorithm's own dialog as before."""
        from .child_run import ChildRun

        if self.job is not None and self.job.running():
            self._message(self.tr("Another export is still running"), Qgis.MessageLevel.Warning)
            return None
        self.form.flush()
        job = ChildRun(alg_id, params, self)
        job.progress.connect(lambda value: self.job_bar.setValue(int(value)))
        job.message.connect(self._job_message)
        job.finished.connect(lambda ok, result, text, a=alg_id, o=params.get("OUTPUT"): self._job_done(a, ok, result,
                                                                                                       text, o))
        if not job.start():
            self._message(self.tr("Could not start a separate process; running in QGIS itself"),
                          Qgis.MessageLevel.Warning)
            return self.run_algorithm(alg_id, params)
        self.job = job
        self.job_label.setText(title)
        self.job_bar.setValue(0)
        self.job_row.setVisible(True)
        self.job_cancel.setEnabled(True)
        return job

    def _add_photos_key(self) -> None:
        if self.mode.currentData() == VERIFIER and self.evidence.isEnabled():
            self.evidence.choose_photos()

    def cancel_job(self) -> None:
        if self.job is not None and self.job.running():
            self.job_cancel.setEnabled(False)
            self.job_label.setText(self.tr("Cancelling…"))
            self.job.cancel()

    def _job_message(self, kind: str, text: str) -> None:
        if kind == "warning":
            self._message(text, Qgis.MessageLevel.Warning)

    def _job_done(self, alg_id: str, ok: bool, result: dict, text: str, out: Optional[str]) -> None:
        self.job_row.setVisible(False)
        self.last_job = (ok, result, text)
        if ok:
            self._message(self.tr("Written: {}").format(result.get("OUTPUT") or out or ""), Qgis.MessageLevel.Success)
        else:
            self._message(self.tr("Export failed: {}").format(text or self.tr("cancelled")), Qgis.MessageLevel.Critical)
        self._algorithm_finished(alg_id, ok, result)

    def export_return_package(self):
        """A township's return package: says first how many patches are not verified yet, and is written beside
        the assignment zip the package came from (not inside the folder it was unpacked to)."""
        total, verified = self.wp.coverage_counts()[:2]
        if verified < total:
            answer = QMessageBox.question(
                self, self.tr("Export return package"),
                self.tr("{} of {} patches are not verified yet. Return the package to the county anyway?")
                .format(total - verified, total))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        stem = os.path.splitext(os.path.basename(self.wp.path))[0]
        folder = os.path.dirname(self.wp.path)
        if self.wp.meta("kind") == "assignment":
            folder = os.path.dirname(folder)  # beside the zip it was unpacked from
        stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M")
        return self.run_algorithm("weipian:export_return_package", {
            "PACKAGE": self.wp.path, "ACTOR": self.settings.user_name,
            "OUTPUT": os.path.join(folder, f"{stem}_return_{stamp}.zip")})

    def package_action(self, key: str):
        if self.wp is None and key != "verify":
            return None
        package = self.package_spec() if self.wp is not None else ""
        actor = self.settings.user_name
        if key == "assign":
            params = {"PACKAGE": package, "ACTOR": actor, "OUTPUT": self._default_output("assignments")}
            return self.run_algorithm("weipian:export_assignment_packages", params)
        if key == "import":
            return self.run_algorithm("weipian:import_return_package", {"PACKAGE": package, "ACTOR": actor})
        if key == "import_city":
            return self.run_algorithm("weipian:import_city_return", {"PACKAGE": package, "ACTOR": actor})
        if key == "return":
            return self.export_return_package()
        if key == "statistics":
            return self.run_algorithm("weipian:monthly_statistics", {
                "PACKAGE": package, "OUTPUT": self._default_output("月报") + ".xlsx"})
        if key == "military":
            return self.export_upload_package(military=True)
        return self.run_algorithm("weipian:verify_package", {})

    def run_algorithm(self, alg_id: str, params: dict):
        """The algorithm's own Processing dialog, filled in; the dock reloads the package when it has run."""
        from processing.gui.AlgorithmDialog import AlgorithmDialog

        self.form.flush()
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        if alg is None:
            self._message(self.tr("The algorithm {} is not available").format(alg_id), Qgis.MessageLevel.Critical)
            return None
        dialog = AlgorithmDialog(alg, parent=self)
        dialog.setParameters(params)
        dialog.algorithmFinished.connect(lambda ok, result, a=alg_id: self._algorithm_finished(a, ok, result))
        dialog.show()
        self.dialog = dialog
        return dialog

    def _algorithm_finished(self, alg_id: str, ok: bool, result=None):
        if ok and self.wp is not None:
            self._data_version = self._store_version()
            self.reload_from_store()
            if alg_id == "weipian:import_return_package":
                self._fill_filters()
                self.check_package()
                self.show_import_summary(result or {})

    def show_import_summary(self, result: dict):
        """What a return package brought, patch by patch: taken, kept as conflicts to decide, refused and why."""
        import json

        from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QVBoxLayout

        try:
            patches = json.loads(result.get("PATCHES") or "{}")
        except ValueError:
            patches = {}
        dialog = QDialog(self)
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

    # -- long work ----------------------------------------------------------------------------------------------
    def check_package(self):
        if self.wp is None or self.task is not None:
            return None
        self.task = CheckTask(self._opener(), self.profile,
                              self._check_done)
        self.check_button.setEnabled(False)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _check_done(self, task):
        self.task = None
        self.check_button.setEnabled(self.wp is not None)
        if task.error:
            self._message(self.tr("Check failed: {}").format(task.error), Qgis.MessageLevel.Critical)
            return
        if task.result is None or self.wp is None:
            return
        findings, cov = task.result
        self._data_version = self._store_version()  # the task's own writes (blocking counts) are shown below
        self.findings.show_package(findings)
        self.model.refresh_blocking(self.wp)
        self._update_coverage()
        if self.patch_layer is not None:
            self.patch_layer.triggerRepaint()
        self._message(self.tr("Check done: verified {}/{}, reviewed {}/{}, {} findings").format(
            cov.verified, cov.total, cov.reviewed, cov.total, len(findings)), Qgis.MessageLevel.Info)

    def _choose_photo_folder(self):
        folder = QFileDialog.getExistingDirectory(self, self.tr("Attach a folder of field photos"))
        if folder:
            self.attach_folder(folder)

    def _opener(self):
        """What a background task opens the package with: a GeoPackage's path, or a new connection to the office
        package (a task never shares the dock's connection)."""
        return self.wp.path if isinstance(self.wp, WorkPackage) else self.wp.reopen

    def attach_folder(self, folder: str):
        if self.wp is None or self.task is not None:
            return None
        self.task = AttachFolderTask(self._opener(), folder, self.profile, self.settings.user_name,
                                     self._attach_done)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _attach_done(self, task):
        self.task = None
        if task.error:
            self._message(self.tr("Attaching photos failed: {}").format(task.error), Qgis.MessageLevel.Critical)
            return
        rows = task.result or []
        attached = sum(1 for r in rows if r.status == "attached")
        unmatched = [r for r in rows if r.status == "unmatched"]
        self._message(self.tr("{} photos attached, {} not attached").format(attached, len(unmatched)),
                      Qgis.MessageLevel.Warning if unmatched else Qgis.MessageLevel.Success)
        codes = sorted({r.patch_code for r in rows if r.patch_code})
        self._data_version = self._store_version()  # the task's own writes are shown below
        self.model.refresh_rows(self.wp, codes)
        if self.current:
            self._refresh_findings(self.current)
        if self.photo_layer is not None:
            self.photo_layer.dataProvider().reloadData()
            self.photo_layer.triggerRepaint()
        if rows:  # every photo with where it went, or why it did not
            from .attach_report import AttachReport

            self.attach_report = AttachReport(rows, lambda: self.current, self._attach_by_hand, self)
            self.attach_report.open()

    def _attach_by_hand(self, path: str, code: str):
        from ..core.photo_reading import read_photo
        from ..services.photo_attach import attach_reading

        try:
            row = attach_reading(self.wp, code, read_photo(path), self.settings.user_name)
        except (OSError, PackageError) as exc:
            from ..services.photo_attach import AttachRow

            return AttachRow(path, None, "unmatched", None, user_text(exc))
        row.method = "by_hand"
        self._patch_changed(code)
        return row

    # -- map tool -------------------------------------------------------------------------------------------
    def _pick_toggled(self, on: bool):
        if self.iface is None or self.patch_layer is None:
            return
        canvas = self.iface.mapCanvas()
        if on:
            self.pick_tool = PatchPickTool(canvas, self.patch_layer)
            self.pick_tool.patch_picked.connect(self.select_patch)
            canvas.setMapTool(self.pick_tool)
        elif self.pick_tool is not None:
            canvas.unsetMapTool(self.pick_tool)
            self.pick_tool = None

    def _message(self, text: str, level=Qgis.MessageLevel.Info):
        if self.iface is not None and hasattr(self.iface, "messageBar"):
            self.iface.messageBar().pushMessage("卫片执法", text, level, 6)

    def closeEvent(self, event):
        self.form.flush()
        super().closeEvent(event)
