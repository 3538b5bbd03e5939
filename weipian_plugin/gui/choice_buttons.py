"""A short list of choices as a row of buttons that wraps to the dock's width: one click chooses, where a combo
box takes two (open, pick) and hides the choices. Clicking the chosen button again clears the choice."""
from __future__ import annotations

from typing import List, Optional

from qgis.PyQt.QtCore import QPoint, QRect, QSize, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QButtonGroup, QHBoxLayout, QLayout, QRadioButton, QSizePolicy, QToolButton, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line (Qt's flow layout example)."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self._items = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item):
        self._items.append(item)

    def count(self):
        return len(self._items)

    def itemAt(self, index):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect):
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self):
        return self.minimumSize()

    def minimumSize(self):
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        gap = self.spacing()
        for item in self._items:
            if item.widget() is not None and not item.widget().isVisibleTo(item.widget().parentWidget()):
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class ChoiceButtons(QWidget):
    """The choices of one field (具体类型, 违法类别, 整改情况). Its API follows the bits of QComboBox the form
    uses: addItem/clear/findData/currentData/setCurrentIndex, and `activated` when the user chooses."""

    activated = pyqtSignal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._flow = FlowLayout(self)
        self._buttons: List[QToolButton] = []
        self._data: list = []
        self._current = -1
        # the chosen one must stand out at a glance, in any QGIS theme
        self.setStyleSheet("QToolButton { padding: 2px 6px; } "
                           "QToolButton:checked { background: #1565c0; color: white; border: 1px solid #0d47a1; "
                           "border-radius: 3px; }")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def clear(self) -> None:
        for b in self._buttons:
            self._flow.removeWidget(b)
            b.hide()
            b.deleteLater()  # not at once: the button may be the one whose click is being handled
        self._buttons, self._data, self._current = [], [], -1
        self.updateGeometry()

    def addItem(self, text: str, data=None) -> None:
        if not text:  # a combo's empty first entry: here, no button is checked
            return
        b = QToolButton(self)
        b.setText(text)
        b.setCheckable(True)
        b.setAutoRaise(False)
        b.setObjectName(f"choice_{len(self._buttons)}")
        b.clicked.connect(lambda checked, i=len(self._buttons): self._clicked(i, checked))
        self._flow.addWidget(b)
        self._buttons.append(b)
        self._data.append(data)
        b.show()
        self.updateGeometry()

    def buttons(self) -> List[QToolButton]:
        return list(self._buttons)

    def button(self, data) -> Optional[QToolButton]:
        i = self.findData(data)
        return self._buttons[i] if i >= 0 else None

    def count(self) -> int:
        return len(self._buttons)

    def findData(self, data) -> int:
        try:
            return self._data.index(data) if data is not None else -1
        except ValueError:
            return -1

    def currentIndex(self) -> int:
        return self._current

    def currentData(self):
        return self._data[self._current] if 0 <= self._current < len(self._data) else None

    def currentText(self) -> str:
        return self._buttons[self._current].text() if 0 <= self._current < len(self._buttons) else ""

    def setCurrentIndex(self, index: int) -> None:
        self._current = index if 0 <= index < len(self._buttons) else -1
        for i, b in enumerate(self._buttons):
            b.setChecked(i == self._current)

    def _clicked(self, index: int, checked: bool) -> None:
        self.setCurrentIndex(index if checked else -1)
        self.activated.emit(self._current)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self._flow.heightForWidth(width)

    def resizeEvent(self, event):
        """The rows the buttons need at this width become the minimum height: a form layout gives a field its
        one-line hint otherwise, and a second line of buttons is drawn over the next row."""
        super().resizeEvent(event)
        needed = self._flow.heightForWidth(event.size().width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def sizeHint(self):
        hint = QSize(0, 0)
        for b in self._buttons:
            hint.setWidth(hint.width() + b.sizeHint().width() + self._flow.spacing())
            hint.setHeight(max(hint.height(), b.sizeHint().height()))
        return hint

    def minimumSizeHint(self):
        return self._flow.minimumSize()


class VerdictButtons(QWidget):
    """One radio button per verdict of the profile (合法, 违法, 其他, and a province's own ones), in a row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons = {}
        self.set_choices(None)

    def set_choices(self, profile) -> None:
        for b in list(self.buttons.values()):
            self.group.removeButton(b)
            self.row.removeWidget(b)
            b.hide()  # at once: until it is deleted it would be drawn under the new ones
            b.deleteLater()
        self.buttons = {}
        while self.row.count():
            self.row.takeAt(0)
        choices = [(v.code, v.name) for v in profile.verdicts] if profile else [("HF", "合法"), ("WF", "违法"),
                                                                                 ("QT", "其他")]
        for code, text in choices:
            b = QRadioButton(text)
            b.setObjectName(f"verdict_{code}")
            self.group.addButton(b)
            self.buttons[code] = b
            self.row.addWidget(b)
        self.row.addStretch(1)
