"""The city reviewer's screen: the hub's patches as the counties last reported them, filtered by county and by
the city's review state, each shown with the county's verdict and its photos, and reviewed in place — pass,
return to the county with an opinion and a deadline, or the city's own determination (002 §三(四)1). The map
shows the patches (a PostGIS layer of the hub) and follows the chosen one. Thin: every write is CityHub.review."""
from __future__ import annotations

import json
from typing import List, Optional

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QDate, QSize, Qt
from qgis.PyQt.QtGui import QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.model import ILLEGAL, LEGAL, OTHER, VERDICT_ZH
from ..language import user_text
from ..store.work_package import PackageError
from .city_model import CityPatchModel, state_renderer, state_text
from .scrolled import DockBody, scrolled


class CityDock(QDockWidget):
    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.hub = None
        self.layer: Optional[QgsVectorLayer] = None
        self.current: Optional[str] = None
        self.current_fid: Optional[int] = None  # which county report of the patch the page shows
        self.setObjectName("WeipianCityDock")
        self.setWindowTitle(self.tr("卫片执法 — city review"))
        body = DockBody()
        lay = QVBoxLayout(body)
        lay.addLayout(self._top())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._list(lay))
        split.addWidget(self._page())
        lay.addWidget(split, 1)
        self.setWidget(scrolled(body))  # never grows QGIS' window (gui/scrolled)
        self._connect()
        self._set_page_enabled(False)

    def _top(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.hub_label = QLabel(self.tr("No city hub open."))
        self.hub_label.setObjectName("hub_label")
        self.open_button = QPushButton(self.tr("Open city hub…"))
        self.open_button.setObjectName("open_hub")
        top.addWidget(self.hub_label, 1)
        top.addWidget(self.open_button)
        return top

    def _list(self, lay: QVBoxLayout) -> QTableView:
        """The filters and the count above the splitter; the table for it."""
        filters = QHBoxLayout()
        self.county_filter = QComboBox()
        self.county_filter.setObjectName("county_filter")
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("state_filter")
        self.state_filter.addItem(self.tr("All states"), None)
        for state in ("unreviewed", "resubmitted", "return", "determine", "pass"):
            self.state_filter.addItem(state_text(state), state)
        filters.addWidget(self.county_filter)
        filters.addWidget(self.state_filter)
        lay.addLayout(filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        lay.addWidget(self.count_label)
        self.model = CityPatchModel(self)
        self.table = QTableView()
        self.table.setObjectName("city_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        metrics = self.table.fontMetrics()  # widths from the text, not from 100,000 rows
        for col, sample in enumerate(("61090220260001", "610902", "违法", "县级重新上报，待复审", "999.99", "新增非农建设类",
                                      "五里镇")):
            header = self.model.headerData(col, Qt.Orientation.Horizontal)
            self.table.setColumnWidth(col, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(header))
                                      + 20)
        return self.table

    def _page(self) -> QWidget:
        page = QWidget()
        form = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setObjectName("county_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addWidget(self.summary)
        self.photos = QListWidget()
        self.photos.setObjectName("city_photos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(96, 72))
        self.photos.setFixedHeight(100)
        self.photos.setFlow(QListWidget.Flow.LeftToRight)
        self.photos.setGridSize(QSize(104, 92))
        self.photos.setWordWrap(True)
        form.addWidget(self.photos)
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("city_opinion")
        self.opinion.setPlaceholderText(self.tr("The city's opinion (required to return or determine)"))
        self.opinion.setFixedHeight(60)
        form.addWidget(self.opinion)
        form.addLayout(self._decision())
        self.message = QLabel()
        self.message.setObjectName("city_message")
        self.message.setWordWrap(True)
        form.addWidget(self.message)
        return page

    def _decision(self) -> QVBoxLayout:
        box = QVBoxLayout()
        grid = QFormLayout()
        self.deadline = QDateEdit(QDate.currentDate().addDays(10))
        self.deadline.setObjectName("city_deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        grid.addRow(self.tr("Deadline of a return"), self.deadline)
        self.final_verdict = QComboBox()
        self.final_verdict.setObjectName("city_final_verdict")
        self.final_verdict.addItem(self.tr("— choose —"), None)  # nothing pre-filled: the city chooses
        for code in (ILLEGAL, LEGAL, OTHER):
            self.final_verdict.addItem(VERDICT_ZH[code], code)
        grid.addRow(self.tr("The city's verdict (determination)"), self.final_verdict)
        self.final_category = QComboBox()
        self.final_category.setObjectName("city_final_category")
        for text in ("新增建设用地违法", "存量建设用地违法", "农业项目破坏耕地（基本农田）"):
            self.final_category.addItem(text, text)
        grid.addRow(self.tr("违法性质"), self.final_category)
        self.final_housing = QCheckBox(self.tr("新增农村乱占耕地建房"))
        self.final_housing.setObjectName("city_final_housing")
        grid.addRow("", self.final_housing)
        box.addLayout(grid)
        buttons = QHBoxLayout()
        self.pass_button = QPushButton(self.tr("Pass"))
        self.pass_button.setObjectName("city_pass")
        self.return_button = QPushButton(self.tr("Return to the county"))
        self.return_button.setObjectName("city_return")
        self.determine_button = QPushButton(self.tr("The city determines"))
        self.determine_button.setObjectName("city_determine")
        for b in (self.pass_button, self.return_button, self.determine_button):
            buttons.addWidget(b)
        box.addLayout(buttons)
        return box

    def _connect(self) -> None:
        self.open_button.clicked.connect(lambda _c=False: self.choose_hub())
        self.final_verdict.currentIndexChanged.connect(self._verdict_changed)
        self.county_filter.currentIndexChanged.connect(self._filter_changed)
        self.state_filter.currentIndexChanged.connect(self._filter_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show(cur.row()))
        self.pass_button.clicked.connect(lambda _c=False: self.decide("pass"))
        self.return_button.clicked.connect(lambda _c=False: self.decide("return"))
        self.determine_button.clicked.connect(lambda _c=False: self.decide("determine"))

    def tr(self, text):
        return QCoreApplication.translate("CityDock", text)

    # -- opening -----------------------------------------------------------------------------------------------
    def choose_hub(self):
        """QGIS' saved PostgreSQL connections and the city hubs each holds; OK opens the chosen one."""
        from .office_open import OfficeOpenDialog

        self.hub_dialog = OfficeOpenDialog(self, hubs=True)
        self.hub_dialog.accepted.connect(lambda: self.open_hub(*self.hub_dialog.choice())
                                         if self.hub_dialog.choice() else None)
        self.hub_dialog.open()
        return self.hub_dialog

    def open_hub(self, connection: str, schema: str) -> bool:
        """The hub in `schema` on a saved QGIS connection (its authentication configuration) or a libpq string."""
        from ..store.city_hub import CityHub
        from ..store.pg_connect import ConnectionError_, connect, safe_label

        try:
            hub = CityHub(connect(connection), schema, label=f"{safe_label(connection)}/{schema}")
            city = hub.meta("city_code")
        except (ConnectionError_, ValueError) as exc:
            self._say(user_text(exc), Qgis.MessageLevel.Critical)
            return False
        except Exception as exc:  # the database: no such schema, a refused login
            self._say(f"{safe_label(connection)}/{schema}: " + (str(exc).strip().splitlines() or ["?"])[0],
                      Qgis.MessageLevel.Critical)
            return False
        if self.hub is not None:
            self.hub.close()
        if self.layer is not None and QgsProject.instance().mapLayer(self.layer.id()) is not None:
            QgsProject.instance().removeMapLayer(self.layer.id())  # the hub opened before
        self.layer = None
        self.hub = hub
        self.hub_label.setText(self.tr("City hub {} (city {})").format(schema, city))
        self.model.load(hub)
        self.county_filter.blockSignals(True)
        self.county_filter.clear()
        self.county_filter.addItem(self.tr("All counties"), None)
        reporting = set(self.model.counties())
        for county in sorted(set(self.model.names) | reporting):  # every division of the city, reporting or not
            name = self.model.names.get(county, county)
            self.county_filter.addItem(name if county in reporting else self.tr("{} (not reported)").format(name),
                                       county)
        self.county_filter.blockSignals(False)
        self._counts()
        self._add_layer(connection, schema)
        return True

    def _add_layer(self, connection: str, schema: str) -> None:
        from qgis.core import QgsDataSourceUri, QgsProviderRegistry

        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        try:
            saved = metadata.findConnection(connection)
        except Exception:
            saved = None
        uri = QgsDataSourceUri(saved.uri() if saved is not None else connection)
        uri.setDataSource(schema, "current_review", "geom", "", "fid")
        layer = QgsVectorLayer(uri.uri(False), self.tr("Counties' patches (city hub)"), "postgres")
        if layer.isValid():
            layer.setRenderer(state_renderer())
            QgsProject.instance().addMapLayer(layer)
            self.layer = layer

    # -- list and page -------------------------------------------------------------------------------------------
    def _filter_changed(self, *_):
        self.model.set_filter(self.county_filter.currentData(), self.state_filter.currentData())
        self._counts()

    def _counts(self) -> None:
        self.count_label.setText(self.tr("{} of {} patches").format(len(self.model.rows), len(self.model._all)))

    def select(self, code: str) -> bool:
        for i in range(self.model.rowCount()):
            if self.model.code_at(i) == code:
                self.table.selectRow(i)
                self.table.setCurrentIndex(self.model.index(i, 0))
                return True
        return False

    def _show(self, row: int) -> None:
        if self.hub is None or row < 0 or row >= self.model.rowCount():
            self.current = None
            self._set_page_enabled(False)
            return
        code = self.model.code_at(row)
        self.current = code
        found = self.hub.current_patch(code)
        self.current_fid = found["fid"] if found else None
        data = found["data"] if found else {}
        v = data.get("verification") or {}
        lines = [f"<b>{_html(code)}</b>　" + _html(f"{data.get('patch', {}).get('township') or ''}　"
                                                      f"{data.get('patch', {}).get('class_name') or ''}")]
        lines.append(self.tr("County's verdict: {}").format(
            "、".join(x for x in (VERDICT_ZH.get(v.get("verdict") or "", v.get("verdict") or ""), v.get("subtype"),
                                  v.get("category")) if x) or self.tr("none")))
        if v.get("illegal_cultivated_housing") is not None:
            lines.append("新增农村乱占耕地建房：" + ("是" if v["illegal_cultivated_housing"] else "否"))
        if v.get("basis"):
            lines.append(self.tr("Basis: {}").format(v["basis"]))
        reviews = data.get("reviews") or []
        if reviews:
            last = reviews[-1]
            lines.append(self.tr("County review: {} {} {}").format(last.get("reviewer") or "",
                                                                   (last.get("reviewed_at") or "")[:10],
                                                                   last.get("opinion") or ""))
        city = [r for r in self.hub.city_reviews(code)]
        for r in city[-3:]:
            lines.append(self.tr("City: {} {} {} {}").format(state_text(r["decision"]), r["reviewer"],
                                                             r["reviewed_at"][:10], r["opinion"] or ""))
        self.summary.setText("<br>".join(_html(x) if i else x for i, x in enumerate(lines)))
        self._photos(data.get("evidence") or [], found["fid"] if found else None)
        self.final_verdict.setCurrentIndex(0)  # each patch starts with no determination chosen
        self._set_page_enabled(True)
        self.message.setText("")
        if self.layer is not None and found and self.iface is not None:
            self.layer.selectByExpression(f"\"fid\" = {int(found['fid'])}")
            self.iface.mapCanvas().zoomToSelected(self.layer)

    def _photos(self, evidence: List[dict], patch_fid) -> None:
        self.photos.clear()
        if not evidence:
            return
        shas = [e.get("sha256") for e in evidence if e.get("kind") == "photo" and e.get("sha256")]
        data = self.hub.file_bytes(shas)
        for e in evidence:
            name = (e.get("path") or "").rsplit("/", 1)[-1]
            item = QListWidgetItem("" if e.get("kind") == "photo" else name)
            raw = data.get(e.get("sha256"))
            if raw is not None:
                pix = QPixmap()
                if pix.loadFromData(bytes(raw)):
                    item.setIcon(QIcon(pix.scaled(96, 72, Qt.AspectRatioMode.KeepAspectRatio)))
            item.setToolTip(name + "\n" + json.dumps({k: e.get(k) for k in ("taken_at", "azimuth", "distance_m")},
                                                     ensure_ascii=False))
            self.photos.addItem(item)

    def _verdict_changed(self, *_):
        illegal = self.final_verdict.currentData() == ILLEGAL
        self.final_category.setEnabled(illegal)
        self.final_housing.setEnabled(illegal)

    def _set_page_enabled(self, on: bool) -> None:
        for w in (self.opinion, self.deadline, self.final_verdict, self.final_category, self.final_housing,
                  self.pass_button, self.return_button, self.determine_button):
            w.setEnabled(on)
        if on:
            self._verdict_changed()

    # -- deciding ----------------------------------------------------------------------------------------------
    def decide(self, decision: str) -> bool:
        if self.hub is None or self.current is None:
            return False
        from ..settings import Settings

        reviewer = Settings.load().user_name
        opinion = self.opinion.toPlainText().strip() or None
        determination = None
        if decision == "determine":
            verdict = self.final_verdict.currentData()
            if verdict is None:
                self.message.setText(self.tr("Choose the city's verdict first"))
                return False
            determination = {"final_verdict": verdict,
                             "final_category": self.final_category.currentData() if verdict == ILLEGAL else None,
                             "final_housing": self.final_housing.isChecked() if verdict == ILLEGAL else None}
        try:
            self.hub.review(self.current, reviewer, decision, opinion,
                            self.deadline.date().toString("yyyy-MM-dd") if decision == "return" else None,
                            determination, seen_fid=self.current_fid)
        except PackageError as exc:
            self.message.setText(user_text(exc))
            return False
        self.model.set_state(self.current, decision)
        if self.layer is not None:
            self.layer.triggerRepaint()  # the map shows the new state
        self.opinion.clear()
        self._show(self.table.currentIndex().row())  # shows the decision among the city's reviews
        self.message.setText(self.tr("Saved: {}").format(state_text(decision)))
        return True

    def _say(self, text: str, level) -> None:
        if self.iface is not None:
            self.iface.messageBar().pushMessage(self.tr("City review"), text, level)
        self.message.setText(text)

    def closeEvent(self, event):  # noqa: N802 - Qt API
        if self.hub is not None:
            self.hub.close()
            self.hub = None
        if self.layer is not None:  # its map layer goes with it
            if QgsProject.instance().mapLayer(self.layer.id()) is not None:
                QgsProject.instance().removeMapLayer(self.layer.id())
            self.layer = None
        super().closeEvent(event)


def _html(text: str) -> str:
    import html

    return html.escape(text)
