"""The list of patches: search by code, filters by state, class and township and "mine", the table over the
patch model (fast at any package size: widths from the font, rows from the model), and how many are shown.
It says which patch the user chose; what to show for it is the dock's business."""
from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication, QItemSelectionModel, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from .labels import STATES, state_label
from .patch_model import CLASS, TOWNSHIP, PatchListModel


class PatchList(QWidget):
    chosen = pyqtSignal(str)  # the current row moved to this patch
    clicked_again = pyqtSignal(str)  # the chosen row was clicked once more
    filtered = pyqtSignal()  # the filters changed

    def __init__(self, user_name=lambda: "", parent=None):
        """user_name: who "Mine" means (read when the box is ticked)."""
        super().__init__(parent)
        self._user_name = user_name
        self.filters = QHBoxLayout(self)
        self.filters.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search code…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(110)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("state_filter")
        self.class_filter = QComboBox()
        self.class_filter.setObjectName("class_filter")
        self.township_filter = QComboBox()
        self.township_filter.setObjectName("township_filter")
        self.mine = QCheckBox(self.tr("Mine"))
        self.mine.setObjectName("mine")
        self.count_label = QLabel()  # placed by the dock beside the coverage bars: the filter row fits a narrow dock
        self.count_label.setObjectName("count_label")
        for combo in self.combos():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(2)
        for w in (self.search, *self.combos(), self.mine):
            self.filters.addWidget(w)
        self.filters.setStretch(0, 3)
        for i in (1, 2, 3):
            self.filters.setStretch(i, 1)
        self.model = PatchListModel(self)
        self.table = self._table()
        self.search.textChanged.connect(self._filter)
        for combo in self.combos():
            combo.currentIndexChanged.connect(self._filter)
        self.mine.toggled.connect(self._filter)

    def tr(self, text):
        return QCoreApplication.translate("PatchList", text)

    def combos(self):
        return (self.state_filter, self.class_filter, self.township_filter)

    def _table(self) -> QTableView:
        """The table is the dock's to place (above the patch's page, in a splitter)."""
        table = QTableView()
        table.setObjectName("patch_table")
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        row = max(20, table.fontMetrics().height() + 2)  # the font decides, not a number of pixels
        table.verticalHeader().setMinimumSectionSize(row)  # the style's minimum would make the rows taller
        table.verticalHeader().setDefaultSectionSize(row)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 130)
        header = table.horizontalHeader()
        # what a reviewer reads first at a laptop's dock width: the code, its state and verdict (the model keeps its
        # columns; only the order on screen changes)
        header.moveSection(header.visualIndex(5), 1)
        header.moveSection(header.visualIndex(4), 2)
        table.setColumnWidth(5, 72)
        table.setColumnWidth(4, 48)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # a row, not a bar
        # eight rows always: the list is where the day's work is chosen, never a slit
        table.setMinimumHeight(header.sizeHint().height() + 8 * row + 2 * table.frameWidth() + 2)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        table.clicked.connect(lambda index: self.clicked_again.emit(self.model.code_at(index.row()) or ""))
        return table

    def set_enabled(self, on: bool) -> None:
        for w in (self.search, *self.combos(), self.mine, self.table):
            w.setEnabled(on)

    def load(self, wp, profile) -> None:
        self.model.load(wp, profile)
        self.size_columns()
        self.fill_filters()

    def clear(self) -> None:
        self.model.clear()
        self.count_label.setText("")

    def size_columns(self) -> None:
        """Column widths from the font, not from scanning rows (fast at any package size)."""
        fm = self.table.fontMetrics()
        samples = ["610902202600001", "乡镇乡镇镇", "新增非农建设类", "耕地（亩）0", "判定结果", "已修改待审核", "检查结果"]
        for col, text in enumerate(samples):
            header = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(col, max(fm.horizontalAdvance(text), fm.horizontalAdvance(header) + 24) + 12)

    def fill_filters(self) -> None:
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
        self.update_count()

    def _filter(self, *_) -> None:
        self.model.set_filter(self.search.text(), self.state_filter.currentData(), self.class_filter.currentData(),
                              self.township_filter.currentData(), self._user_name() if self.mine.isChecked() else None)
        self.update_count()
        self.filtered.emit()

    def update_count(self) -> None:
        self.count_label.setText(self.tr("{} of {}").format(self.model.rowCount(), self.model.total()))

    def _row_changed(self, current, _previous) -> None:
        code = self.model.code_at(current.row()) if current.isValid() else None
        if code:
            self.chosen.emit(code)

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in self.combos():
            combo.setCurrentIndex(0)
        self.mine.setChecked(False)

    def select_row(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            return False
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        return True

    def next_to_do(self, after: Optional[str], role: str) -> Optional[str]:
        return self.model.next_to_do(after, role)
