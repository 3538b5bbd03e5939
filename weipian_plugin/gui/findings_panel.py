"""Findings: the selected patch's and the package's, blocking first, each with its rule and notice."""
from __future__ import annotations

from typing import List

from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ..core.findings import Finding

SEVERITY_COLOR = {"blocking": QColor("#d32f2f"), "warning": QColor("#ef6c00"), "info": QColor("#546e7a")}


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: List[Finding] = []

    def set_findings(self, findings: List[Finding]) -> None:
        self.beginResetModel()
        self.items = list(findings)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
                    return [QCoreApplication.translate("FindingsModel", "Patch"), QCoreApplication.translate("FindingsModel", "Severity"), QCoreApplication.translate("FindingsModel", "Finding"),
                    QCoreApplication.translate("FindingsModel", "Source")][section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            sev = {"blocking": "阻断", "warning": "警告", "info": "提示"}[f.severity]
            source = QCoreApplication.translate("FindingsPanel", "practice") if f.source == "practice" else f.source
            return [f.patch_code or "", sev, f.message_zh, source][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.rule}\n{f.message_en}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(SEVERITY_COLOR[f.severity])
        if role == Qt.ItemDataRole.UserRole:
            return f.patch_code
        return None


class FindingsPanel(QWidget):
    patch_activated = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.patch_label = QLabel()
        lay.addWidget(self.patch_label)
        self.patch_model = FindingsModel(self)
        self.patch_view = self._view(self.patch_model, "patch_findings")
        lay.addWidget(self.patch_view, 1)
        self.package_label = QLabel()
        lay.addWidget(self.package_label)
        self.package_model = FindingsModel(self)
        self.package_view = self._view(self.package_model, "package_findings")
        self.package_view.doubleClicked.connect(
            lambda idx: self.patch_activated.emit(self.package_model.data(idx, Qt.ItemDataRole.UserRole) or ""))
        lay.addWidget(self.package_view, 2)

    def _view(self, model, name):
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # whole codes
        view.setWordWrap(False)
        return view

    def show_patch(self, code, findings: List[Finding]) -> None:
        self.patch_label.setText(QCoreApplication.translate("FindingsPanel", "Patch {}: {} findings").format(
            code or "—", len(findings)))
        self.patch_model.set_findings(findings)

    def show_package(self, findings: List[Finding]) -> None:
        blocking = sum(1 for f in findings if f.severity == "blocking")
        self.package_label.setText(QCoreApplication.translate(
            "FindingsPanel", "Package: {} findings, {} blocking").format(len(findings), blocking))
        self.package_model.set_findings(findings)
