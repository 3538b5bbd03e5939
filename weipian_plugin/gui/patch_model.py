"""The patch list: a table model over plain tuples, filtered and sorted in Python in one pass.

A QSortFilterProxyModel with a Python filterAcceptsRow callback costs one Python call per row per
keystroke (too slow at 100,000 patches); here a filter is one list comprehension and one model reset.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from qgis.PyQt.QtGui import QBrush

from .labels import STATE_COLORS, state_label

CODE, TOWNSHIP, CLASS, CULTIVATED, VERDICT, STATE, FINDINGS, VERIFIER = range(8)  # store.*.patch_list_rows


class PatchListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: List[Tuple] = []
        self._all_in_order = self._view_in_order = True  # rows in code order: found by bisection
        self._positions: Dict[int, Tuple[List[Tuple], Dict[str, int]]] = {}
        self._view: List[Tuple] = []
        self._verdict_names = {}
        self._filter = ("", None, None, None, None)
        self._sort: Tuple[int, int] = (CODE, Qt.SortOrder.AscendingOrder)

    def tr(self, text):
        return QCoreApplication.translate("PatchListModel", text)

    # -- loading ------------------------------------------------------------------------------------------
    def load(self, wp, profile) -> None:
        """The package's patches (a GeoPackage or an office package: both give the same rows)."""
        self._verdict_names = {v.code: v.name for v in profile.verdicts} if profile else {}
        self.beginResetModel()
        self._all = wp.patch_list_rows()
        self._all_in_order = self._in_order(self._all)  # the stores give code order; a collation might not
        self._apply()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._all, self._view = [], []
        self._all_in_order = self._view_in_order = True
        self.endResetModel()

    def refresh_rows(self, wp, codes: Sequence[str]) -> None:
        """Re-read some patches after a change, keeping filter and sort."""
        if not codes:
            return
        fresh = {r[0]: r for r in wp.patch_list_rows(list(codes))}
        for code, row in fresh.items():  # a few rows of 100,000: found, not searched for (a save re-reads one)
            i = self._position(self._all, code)
            if i is not None:
                self._all[i] = row
            i = self._position(self._view, code)
            if i is not None:
                self._view[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def _position(self, rows: List[Tuple], code: str) -> Optional[int]:
        """Where code is in rows: by bisection where rows are in code order (as loaded, unless sorted otherwise),
        else through an index made once for that list."""
        if rows is self._all and self._all_in_order or rows is self._view and self._view_in_order:
            lo, hi = 0, len(rows)
            while lo < hi:
                mid = (lo + hi) // 2
                if rows[mid][CODE] < code:
                    lo = mid + 1
                else:
                    hi = mid
            return lo if lo < len(rows) and rows[lo][CODE] == code else None
        cached = self._positions.get(id(rows))
        if cached is None or cached[0] is not rows:
            cached = (rows, {r[CODE]: i for i, r in enumerate(rows)})
            self._positions[id(rows)] = cached
        return cached[1].get(code)

    @staticmethod
    def _in_order(rows: List[Tuple]) -> bool:
        codes = [r[CODE] for r in rows]
        return codes == sorted(codes)  # already in order: one pass

    def refresh_blocking(self, wp) -> None:
        blocking = wp.blocking_counts()
        self.beginResetModel()
        self._all = [r[:FINDINGS] + (blocking.get(r[0]),) + r[FINDINGS + 1:] for r in self._all]
        self._apply()
        self.endResetModel()

    # -- filtering and sorting -------------------------------------------------------------------------------
    def set_filter(self, text: str = "", state: Optional[str] = None, class_name: Optional[str] = None,
                   township: Optional[str] = None, mine: Optional[str] = None) -> None:
        self._filter = (text.strip(), state, class_name, township, mine)
        self.beginResetModel()
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        text, state, class_name, township, mine = self._filter
        rows = self._all
        if text:
            up = text.upper()
            rows = [r for r in rows if up in r[CODE].upper()]
        if state:
            rows = [r for r in rows if (r[STATE] or "unverified") == state]
        if class_name:
            rows = [r for r in rows if r[CLASS] == class_name]
        if township:
            rows = [r for r in rows if r[TOWNSHIP] == township]
        if mine:
            rows = [r for r in rows if r[VERIFIER] == mine]
        col, order = self._sort
        if col != CODE or order != Qt.SortOrder.AscendingOrder:
            rows = sorted(rows, key=lambda r: (r[col] is None, r[col] if r[col] is not None else ""),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        self._view = rows if rows is not self._all else list(rows)
        self._view_in_order = self._all_in_order and (col, order) == (CODE, Qt.SortOrder.AscendingOrder)
        self._positions = {}

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply()
        self.layoutChanged.emit()

    # -- what the view asks ----------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Code"), self.tr("Township"), self.tr("Class"), self.tr("Cultivated (mu)"),
                    self.tr("Verdict"), self.tr("State"), self.tr("Findings")][section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self._view[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = row[col]
            if col == CULTIVATED:
                return f"{value:.2f}" if value is not None else ""
            if col == VERDICT:
                return self._verdict_names.get(value, value or "")
            if col == STATE:
                return state_label(value)
            if col == FINDINGS:
                return str(value) if value else ""
            return value or ""
        if role == Qt.ItemDataRole.ForegroundRole and col == STATE:
            return QBrush(STATE_COLORS.get(row[STATE] or "unverified"))
        if role == Qt.ItemDataRole.ForegroundRole and col == FINDINGS and row[FINDINGS]:
            return QBrush(STATE_COLORS["blocking"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (CULTIVATED, FINDINGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row[CODE]
        return None

    # -- helpers for the dock ------------------------------------------------------------------------------
    def code_at(self, row: int) -> Optional[str]:
        return self._view[row][CODE] if 0 <= row < len(self._view) else None

    def row_of(self, code: str) -> int:
        for i, r in enumerate(self._view):
            if r[CODE] == code:
                return i
        return -1

    def next_to_do(self, after: Optional[str], role: str) -> Optional[str]:
        """The next patch (in list order, wrapping) that the user's role still has to do."""
        todo = ("unverified", "returned") if role == "verifier" else ("awaiting_review", "resubmitted", "invalid_review")
        start = self.row_of(after) + 1 if after else 0
        n = len(self._view)
        for k in range(n):
            r = self._view[(start + k) % n]
            if (r[STATE] or "unverified") in todo:
                return r[CODE]
        return None

    def total(self) -> int:
        return len(self._all)

    def distinct(self, col: int) -> List[str]:
        return sorted({r[col] for r in self._all if r[col]})
