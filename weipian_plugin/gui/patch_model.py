"""The patch list: a table model that holds the codes it shows, in order, and reads their rows from the store a
block at a time as the view asks for them.

Opening a county's year (100,000 patches) reads 100,000 codes, not 100,000 rows: what the table shows is a
screen of rows, read when it is shown. The filters on state, class, township and "mine" and the order are the
store's SQL (one query when a filter or the order changes); the search by code filters those codes in Python at
every keystroke (no query). A row saved here or elsewhere is read again (refresh_rows); a row never shown is
never read.
"""
from __future__ import annotations

import time
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from qgis.PyQt.QtGui import QBrush

from .labels import STATE_COLORS, state_label

CODE, TOWNSHIP, CLASS, CULTIVATED, VERDICT, STATE, FINDINGS, VERIFIER = range(8)  # store.*.patch_list_rows
TODO = {"verifier": ("unverified", "returned"), "reviewer": ("awaiting_review", "resubmitted", "invalid_review")}


class Unread(tuple):
    """A row the store could not give (the office gone, or the patch gone from it): its code, nothing else shown."""

    def __new__(cls, code: str):
        return super().__new__(cls, (code,) + (None,) * VERIFIER)


class PatchListModel(QAbstractTableModel):
    BLOCK = 200  # rows read at once when the view asks for one not read yet (a screen is ~30)
    RETRY_AFTER = 5.0  # seconds: after a read failed (the office gone), painting does not try again before

    def __init__(self, parent=None):
        super().__init__(parent)
        self._store = None
        self._total = 0
        self._base: List[str] = []  # the codes the store's filters and order give
        self._view: List[str] = []  # those that also hold the searched text: the rows shown
        self._where: Optional[Dict[str, int]] = None  # code → row in _view, made when first asked
        self._rows: Dict[str, Tuple] = {}  # the rows read so far, by code
        self._unread_until = 0.0  # a read failed: rows are shown empty until then, not asked for at every paint
        self._values: List[tuple] = []
        self._verdict_names = {}
        self._filter = ("", None, None, None, None)
        self._sort: Tuple[int, int] = (CODE, Qt.SortOrder.AscendingOrder)

    def tr(self, text):
        return QCoreApplication.translate("PatchListModel", text)

    # -- loading ------------------------------------------------------------------------------------------
    def load(self, wp, profile) -> None:
        """The package's patches (a GeoPackage or an office package: both give the same codes and rows)."""
        self._verdict_names = {v.code: v.name for v in profile.verdicts} if profile else {}
        self.beginResetModel()
        self._store, self._rows, self._unread_until = wp, {}, 0.0
        self._values = wp.patch_list_values()
        codes = wp.patch_list_codes()
        self._total = len(codes)
        if self._filter[1:] == (None, None, None, None) and self._sort == (CODE, Qt.SortOrder.AscendingOrder):
            self._base = codes  # what the list shows unfiltered: not asked for twice
            self._search()
        else:
            self._query()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._store, self._rows, self._values = None, {}, []
        self._base, self._view, self._where, self._total = [], [], None, 0
        self.endResetModel()

    def refresh_rows(self, wp, codes: Sequence[str]) -> None:
        """Read some patches again after a change, keeping filter and order (a row leaves or joins the list only
        when the filters are set again, as the user would expect of a row just saved)."""
        if not codes:
            return
        fresh = {r[CODE]: r for r in wp.patch_list_rows(list(codes))}
        self._rows.update(fresh)
        self._unread_until = 0.0  # the store answers again
        if len(fresh) > 8:
            self._positions()  # many rows: found through the index row_of then uses, not searched for each
        for code in fresh:
            i = self.row_of(code)
            if i >= 0:
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def refresh_blocking(self) -> None:
        """The check wrote every patch's blocking findings: the rows read so far are read again when shown."""
        self._rows = {}
        if self._view:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._view) - 1, self.columnCount() - 1))

    # -- filtering and sorting -------------------------------------------------------------------------------
    def set_filter(self, text: str = "", state: Optional[str] = None, class_name: Optional[str] = None,
                   township: Optional[str] = None, mine: Optional[str] = None) -> None:
        old, self._filter = self._filter, (text.strip(), state, class_name, township, mine)
        self.beginResetModel()
        if old[1:] != self._filter[1:]:
            self._query()
        else:
            self._search()
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        kept = [(i, self.code_at(i.row())) for i in self.persistentIndexList()]
        self._query()
        where = self._positions() if kept else {}
        # the chosen patch stays chosen where it went (its row number now holds another patch)
        self.changePersistentIndexList([i for i, _ in kept], [
            self.index(where[code], i.column()) if code in where else QModelIndex() for i, code in kept])
        self.layoutChanged.emit()

    def _query(self) -> None:
        """The store's codes for the filters and order, then the search."""
        if self._store is None:
            self._base = []
        else:
            _, state, class_name, township, mine = self._filter
            col, order = self._sort
            self._base = self._store.patch_list_codes(
                states=[state] if state else None, class_name=class_name, township=township, verifier=mine,
                column=col, descending=order == Qt.SortOrder.DescendingOrder)
        self._search()

    def _search(self) -> None:
        text = self._filter[0].upper()
        self._view = [c for c in self._base if text in c.upper()] if text else self._base
        self._where = None

    def _positions(self) -> Dict[str, int]:
        if self._where is None:
            self._where = {c: i for i, c in enumerate(self._view)}
        return self._where

    # -- rows, a block at a time -----------------------------------------------------------------------------
    def row_at(self, row: int) -> Tuple:
        """The row shown at `row`: (code, township, class, 耕地 mu, verdict, state, blocking findings, verifier)."""
        code = self._view[row]
        found = self._rows.get(code)
        if found is None:
            if time.monotonic() < self._unread_until:
                return Unread(code)
            start = row - row % self.BLOCK
            wanted = [c for c in self._view[start:start + self.BLOCK] if c not in self._rows]
            try:
                self._rows.update((r[CODE], r) for r in self._store.patch_list_rows(wanted))
            except Exception:  # noqa: BLE001 - a view painting must not fail (the office gone): shown empty, read later
                self._unread_until = time.monotonic() + self.RETRY_AFTER  # not a reconnection at every paint
                return Unread(code)
            found = self._rows.get(code)
            if found is None:  # gone from the store since the list was read
                found = self._rows[code] = Unread(code)
        return found

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
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return self._view[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if col in (CULTIVATED, FINDINGS) \
                else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.row_at(index.row())
        if isinstance(row, Unread):
            return row[CODE] if role == Qt.ItemDataRole.DisplayRole and col == CODE else None
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
        if col == STATE:
            return QBrush(STATE_COLORS.get(row[STATE] or "unverified"))
        if col == FINDINGS and row[FINDINGS]:
            return QBrush(STATE_COLORS["blocking"])
        return None

    # -- helpers for the dock ------------------------------------------------------------------------------
    def code_at(self, row: int) -> Optional[str]:
        return self._view[row] if 0 <= row < len(self._view) else None

    def row_of(self, code: str) -> int:
        if self._where is not None:
            return self._where.get(code, -1)
        try:
            return self._view.index(code)
        except ValueError:
            return -1

    def next_to_do(self, after: Optional[str], role: str) -> Optional[str]:
        """The next patch (in list order, wrapping) that the user's role still has to do, as the store says now."""
        if self._store is None or not self._view:
            return None
        todo = set(self._store.patch_list_codes(states=list(TODO["verifier" if role == "verifier" else "reviewer"])))
        start = self.row_of(after) + 1 if after else 0
        n = len(self._view)
        for k in range(n):
            code = self._view[(start + k) % n]
            if code in todo:
                return code
        return None

    def total(self) -> int:
        return self._total

    def distinct(self, col: int) -> List[str]:
        """The townships (TOWNSHIP) or classes (CLASS) the package's patches hold."""
        i = {TOWNSHIP: 0, CLASS: 1}[col]
        return sorted({v[i] for v in self._values if v[i]})
