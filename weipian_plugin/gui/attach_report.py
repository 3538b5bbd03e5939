"""What attaching a folder of photos did, photo by photo: where each went and how it was matched, and for each
one left out, why. A photo left out can be attached to the patch chosen in the dock by hand (its facts are
checked as for any photo)."""
from __future__ import annotations

import os
from typing import Callable, List, Optional

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..language import user_text


class AttachReport(QDialog):
    """rows: photo_attach.AttachRow; current: the dock's chosen patch code (a callable, it may change);
    attach_by_hand(path, code) attaches one photo and returns the new row."""

    def __init__(self, rows: List, current: Callable[[], Optional[str]], attach_by_hand, parent=None):
        super().__init__(parent)
        self.rows, self.current, self.attach_by_hand = list(rows), current, attach_by_hand
        self.setObjectName("attach_report")
        self.setWindowTitle(self.tr("Photos attached from the folder"))
        self.resize(900, 520)
        lay = QVBoxLayout(self)
        attached = sum(1 for r in self.rows if r.status == "attached")
        already = sum(1 for r in self.rows if r.status == "already_attached")
        left = [r for r in self.rows if r.status == "unmatched"]
        self.summary = QLabel(self.tr("{} attached, {} already attached, {} left out: each is listed below with "
                                      "its reason.").format(attached, already, len(left)))
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("attach_rows")
        self.table.setHorizontalHeaderLabels([self.tr("Photo"), self.tr("Patch"), self.tr("Result"),
                                              self.tr("How / why")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Attach the selected photos to the chosen patch"))
        self.attach_button.setObjectName("attach_by_hand")
        self.message = QLabel()
        self.message.setWordWrap(True)
        row.addWidget(self.attach_button)
        row.addWidget(self.message, 1)
        lay.addLayout(row)
        self.attach_button.clicked.connect(lambda _checked=False: self.attach_selected())
        self.table.itemSelectionChanged.connect(self._update_button)
        self._fill()

    def tr(self, text):
        return QCoreApplication.translate("AttachReport", text)

    def _result_text(self, status: str) -> str:
        return {"attached": self.tr("attached"), "already_attached": self.tr("already attached"),
                "unmatched": self.tr("left out")}.get(status, status)

    def _method_text(self, method: Optional[str]) -> str:
        return {"folder": self.tr("folder named after the patch"), "file_name": self.tr("file name starts with the code"),
                "inside": self.tr("taken inside the patch"), "nearest": self.tr("nearest patch"),
                "by_hand": self.tr("attached by hand"), "field": self.tr("named by its row in the field form")}.get(method or "", method or "")

    def _fill(self) -> None:
        # the ones left out first: they are what needs the user
        ordered = sorted(self.rows, key=lambda r: (r.status != "unmatched", r.path))
        self.table.setRowCount(len(ordered))
        self.shown = ordered
        for i, r in enumerate(ordered):
            why = user_text(r.reason) if r.status == "unmatched" else self._method_text(r.method)
            if r.problem and r.status != "unmatched":
                why += "；" + user_text(r.problem)
            for col, text in enumerate((os.path.basename(r.path), r.patch_code or "", self._result_text(r.status), why)):
                item = QTableWidgetItem(text)
                item.setToolTip(r.path if col == 0 else text)
                if r.status == "unmatched":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self._update_button()

    def _selected_left_out(self) -> List:
        rows = sorted({i.row() for i in self.table.selectedItems()})
        return [self.shown[r] for r in rows if self.shown[r].status == "unmatched"]

    def _target(self, row) -> Optional[str]:
        """Where a left-out photo goes: the patch it was found standing in (a phone photo no form row named),
        else the patch chosen in the dock."""
        return row.patch_code if row.method == "inside" and row.patch_code else self.current()

    def _update_button(self) -> None:
        targets = sorted({self._target(r) or "" for r in self._selected_left_out()})
        self.attach_button.setEnabled(bool(targets) and all(targets))
        self.attach_button.setToolTip(self.tr("to patch {}").format("、".join(targets)) if targets and all(targets)
                                      else self.tr("choose a patch in the dock"))

    def attach_selected(self) -> int:
        chosen = [r for r in self._selected_left_out() if self._target(r)]
        if not chosen:
            return 0
        done, codes = 0, []
        for r in chosen:
            code = self._target(r)
            codes.append(code)
            new = self.attach_by_hand(r.path, code)
            index = self.rows.index(r)
            self.rows[index] = new
            done += new.status in ("attached", "already_attached")
        self.message.setText(self.tr("{} photo(s) attached to {} by hand").format(done, "、".join(
            dict.fromkeys(codes))))
        self._fill()
        return done
