"""Findings: the selected patch's and the package's, blocking first. Each is a few lines of text that wrap at the
dock's width (a laptop's ~390 px reads them whole): the severity's mark and word, the message, and under it where
the rule comes from (and, in the package's list, the patch)."""
from __future__ import annotations

from typing import List

from qgis.PyQt.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from qgis.PyQt.QtWidgets import QLabel, QListView, QStyledItemDelegate, QVBoxLayout, QWidget

from ..core.findings import Finding

SEVERITY_COLOR = {"blocking": QColor("#d32f2f"), "warning": QColor("#ef6c00"), "info": QColor("#546e7a")}
SEVERITY_ZH = {"blocking": "阻断", "warning": "警告", "info": "提示"}


def _mark(severity: str) -> QIcon:
    """A round mark in the severity's colour (the word says it too: colour is not the only sign)."""
    pm = QPixmap(QSize(12, 12))
    pm.fill(QColor(0, 0, 0, 0))
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(SEVERITY_COLOR[severity])
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, 10, 10)
    p.end()
    return QIcon(pm)


class WrappedRows(QStyledItemDelegate):
    """Each finding as tall as its text wrapped at the view's width (a file path has no word boundary: it wraps
    anywhere), never wider than the view."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view

    FLAGS = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
    TEXT_LEFT = 24  # the mark's room

    def sizeHint(self, option, index):
        from qgis.PyQt.QtCore import QRect

        width = max(60, self.view.viewport().width() - 2 * self.view.spacing() - 2)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        box = self.view.fontMetrics().boundingRect(QRect(0, 0, width - self.TEXT_LEFT - 6, 100_000), self.FLAGS, text)
        return QSize(width, box.height() + 8)

    def paint(self, painter, option, index):
        """The row's background and mark as the style draws them, the text wrapped exactly as measured."""
        from qgis.PyQt.QtGui import QPalette
        from qgis.PyQt.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText) if selected
                       else brush.color() if brush is not None else opt.palette.color(QPalette.ColorRole.Text))
        painter.drawText(opt.rect.adjusted(self.TEXT_LEFT, 4, -6, -4), self.FLAGS, text)
        painter.restore()


class FindingsModel(QAbstractListModel):
    def __init__(self, parent=None, with_patch: bool = True):
        super().__init__(parent)
        self.items: List[Finding] = []
        self.with_patch = with_patch
        self._marks = {}

    def set_findings(self, findings: List[Finding]) -> None:
        self.beginResetModel()
        self.items = list(findings)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def _source(self, f: Finding) -> str:
        return QCoreApplication.translate("FindingsPanel", "practice") if f.source == "practice" else f.source

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            where = " · ".join(x for x in (f.patch_code if self.with_patch else None, self._source(f)) if x)
            return f"{SEVERITY_ZH[f.severity]}：{f.message_zh}（{where}）"  # the text wraps; nothing is cut
        if role == Qt.ItemDataRole.DecorationRole:
            if f.severity not in self._marks:
                self._marks[f.severity] = _mark(f.severity)
            return self._marks[f.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("FindingsPanel", "{severity}: {message}\nRule: {rule}\nSource: {source}") \
                .format(severity=SEVERITY_ZH[f.severity], message=f.message_zh, rule=f.rule, source=self._source(f))
        if role == Qt.ItemDataRole.ForegroundRole and f.severity == "blocking":
            return QBrush(SEVERITY_COLOR["blocking"])
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
        self.patch_model = FindingsModel(self, with_patch=False)
        self.patch_view = self._view(self.patch_model, "patch_findings")
        lay.addWidget(self.patch_view)  # as tall as its findings (fit), the package's list takes the rest
        self.package_label = QLabel()
        lay.addWidget(self.package_label)
        self.package_model = FindingsModel(self)
        self.package_view = self._view(self.package_model, "package_findings")
        self.package_view.doubleClicked.connect(
            lambda idx: self.patch_activated.emit(self.package_model.data(idx, Qt.ItemDataRole.UserRole) or ""))
        lay.addWidget(self.package_view, 1)

    def _view(self, model, name):
        view = QListView()
        view.setObjectName(name)
        view.setModel(model)
        view.setWordWrap(True)  # rows of text that wrap: nothing cut to "…" at a laptop's width
        view.setItemDelegate(WrappedRows(view))
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setUniformItemSizes(False)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setSpacing(2)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # the width rows wrap at never changes
        view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        view.setAlternatingRowColors(True)
        return view

    def show_patch(self, code, findings: List[Finding]) -> None:
        self.patch_label.setText(QCoreApplication.translate("FindingsPanel", "Patch {}: {} findings").format(
            code or "—", len(findings)))
        self.patch_model.set_findings(findings)
        self._fit()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        for view in (self.patch_view, self.package_view):
            view.doItemsLayout()  # wrapped at the new width now (the view's own relayout waits for a timer)
        self._fit()

    def _fit(self) -> None:
        """The patch's own findings take the height they need (a few lines, at most a third of the tab)."""
        view = self.patch_view
        rows = self.patch_model.rowCount()
        needed = sum(view.sizeHintForRow(r) + 2 * view.spacing() for r in range(rows)) + 2 * view.frameWidth() + 2
        view.setFixedHeight(max(view.fontMetrics().height() * 2, min(needed, self.height() // 3)))

    def clear(self) -> None:
        """No package: no findings shown, none kept (a county's year has hundreds of thousands)."""
        for label, model in ((self.patch_label, self.patch_model), (self.package_label, self.package_model)):
            label.clear()
            model.set_findings([])
        self._fit()

    def show_package(self, findings: List[Finding]) -> None:
        blocking = sum(1 for f in findings if f.severity == "blocking")
        self.package_label.setText(QCoreApplication.translate(
            "FindingsPanel", "Package: {} findings, {} blocking").format(len(findings), blocking))
        self.package_model.set_findings(findings)
