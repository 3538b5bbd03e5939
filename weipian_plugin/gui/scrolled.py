"""A dock's body in a scroll area of its own: the dock asks QGIS' window for almost no height, so it never makes
the window taller than the screen (stacked with Processing's toolbox or tabbed with the other dock, the bodies'
full heights made QGIS 1261 px tall on a 768 px laptop, its status bar off the screen). Where the dock is shorter
than its body's minimum, the body scrolls; otherwise it fills the dock exactly as before."""
from __future__ import annotations

from qgis.PyQt.QtWidgets import QFrame, QScrollArea, QWidget

MIN_HEIGHT = 160  # what a dock asks of the window: its top row and a little


class DockBody(QWidget):
    def heightForWidth(self, width: int) -> int:
        """The least height the body needs at this width (rows of buttons that wrap counted as wrapped, the rest
        at its minimum): the scroll area gives it at least this, and the dock's whole height when that is more
        (a scroll area asks for the preferred height otherwise, and scrolled a body that fitted)."""
        lay = self.layout()
        m = lay.contentsMargins()
        inner = width - m.left() - m.right()
        shown = [lay.itemAt(i) for i in range(lay.count()) if not lay.itemAt(i).isEmpty()]
        total = sum(item.heightForWidth(inner) if item.hasHeightForWidth() else item.minimumSize().height()
                    for item in shown)
        return total + m.top() + m.bottom() + lay.spacing() * max(0, len(shown) - 1)


def scrolled(body: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName("dock_scroll")
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setMinimumHeight(MIN_HEIGHT)
    return area
