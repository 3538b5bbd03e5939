"""A conflict from a township's return package, decided in the dock: the county's and the township's version
side by side (verdict, its fields, basis, who and when, evidence), and the choice with its reason. Both versions
stay in the package and the decision goes to the audit log."""
from __future__ import annotations

from typing import List

from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.times import local_time
from ..language import user_text
from ..store.assignments import resolve_conflict
from ..store.work_package import PackageError


class ConflictDialog(QDialog):
    decided = pyqtSignal(str)

    ROWS = ("verdict", "subtype", "category", "illegal_cultivated_housing", "approval_no", "basis", "rectification",
            "verifier", "verified_at")

    def __init__(self, wp, conflict, profile, user: str, parent=None):
        super().__init__(parent)
        self.wp, self.conflict, self.profile, self.user = wp, conflict, profile, user
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Conflict on patch {}").format(conflict.patch_code))
        self.resize(820, 520)
        lay = QVBoxLayout(self)
        head = QLabel(self.tr("{} returned a verdict for this patch after the county changed it. Keep one; the other "
                              "stays on record.").format(conflict.township))
        head.setWordWrap(True)
        lay.addWidget(head)
        self.table = QTableWidget(len(self.ROWS) + 1, 2)
        self.table.setObjectName("conflict_versions")
        self.table.setHorizontalHeaderLabels([self.tr("County (now)"), self.tr("Township ({})").format(conflict.township)])
        self.table.setVerticalHeaderLabels([self.label(f) for f in self.ROWS] + [self.tr("Evidence files")])
        county = (conflict.county_version or {}).get("verification") or {}
        township = (conflict.township_version or {}).get("verification") or {}
        for r, name in enumerate(self.ROWS):
            for c, version in enumerate((county, township)):
                item = QTableWidgetItem(self.value(name, version.get(name)))
                if self.value(name, county.get(name)) != self.value(name, township.get(name)):
                    item.setBackground(QBrush(QColor("#fff3cd")))  # where they differ
                self.table.setItem(r, c, item)
        evidence_now = [e.sha256 for e in wp.evidence(conflict.patch_code)]
        theirs = (conflict.township_version or {}).get("evidence_sha256") or []
        self.table.setItem(len(self.ROWS), 0, QTableWidgetItem(str(len(evidence_now))))
        self.table.setItem(len(self.ROWS), 1, QTableWidgetItem(
            self.tr("{} ({} not in the county's)").format(len(theirs), len(set(theirs) - set(evidence_now)))))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 330)
        lay.addWidget(self.table, 1)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("conflict_reason")
        self.reason.setPlaceholderText(self.tr("Why this version (required)"))
        self.reason.setMaximumHeight(70)
        lay.addWidget(self.reason)
        row = QHBoxLayout()
        self.keep_county = QPushButton(self.tr("Keep the county's"))
        self.keep_township = QPushButton(self.tr("Keep the township's"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        for w in (self.keep_county, self.keep_township):
            row.addWidget(w)
        row.addWidget(self.message, 1)
        lay.addLayout(row)
        self.keep_county.clicked.connect(lambda _c=False: self.decide("county"))
        self.keep_township.clicked.connect(lambda _c=False: self.decide("township"))
        self.reason.textChanged.connect(self._update)
        self._update()

    def tr(self, text):
        return QCoreApplication.translate("ConflictDialog", text)

    def label(self, name: str) -> str:
        return {"verdict": self.tr("Verdict"), "subtype": self.tr("Subtype"), "category": self.tr("Illegal category"),
                "illegal_cultivated_housing": self.tr("New rural housing on cultivated land"),
                "approval_no": self.tr("Approval number"), "basis": self.tr("Basis"),
                "rectification": self.tr("Rectification"), "verifier": self.tr("Verified by"),
                "verified_at": self.tr("Verified at")}[name]

    def value(self, name: str, value) -> str:
        if value is None or value == "":
            return "—"
        if name == "verdict" and self.profile is not None:
            return self.profile.verdict_name(value)
        if name == "illegal_cultivated_housing":
            return "是" if value else "否"
        if name == "verified_at":
            return local_time(value, fmt=self.tr("%Y-%m-%d %H:%M"))
        return str(value)

    def _update(self) -> None:
        ok = bool(self.reason.toPlainText().strip())
        self.keep_county.setEnabled(ok)
        self.keep_township.setEnabled(ok)

    def decide(self, keep: str) -> bool:
        reason = self.reason.toPlainText().strip()
        if not reason:
            return False
        try:
            resolve_conflict(self.wp, self.conflict.id, keep, self.user, reason)
        except PackageError as exc:
            self.message.setText(user_text(exc))
            return False
        self.decided.emit(self.conflict.patch_code)
        self.accept()
        return True


def open_conflicts(wp, code: str) -> List:
    from ..store.assignments import conflicts

    if not wp.open_conflict_rows(code):  # asked of any store; the versions themselves only where there are some
        return []
    return [c for c in conflicts(wp) if c.patch_code == code]
