"""Display texts for codes stored in the package (translated through Qt), and a one-line message label."""
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QLabel, QSizePolicy


def state_label(state):
    return {
        "unverified": QCoreApplication.translate("Labels", "Not verified"),
        "awaiting_review": QCoreApplication.translate("Labels", "Awaiting review"),
        "resubmitted": QCoreApplication.translate("Labels", "Changed, awaiting review"),
        "passed": QCoreApplication.translate("Labels", "Passed"),
        "returned": QCoreApplication.translate("Labels", "Returned"),
        "invalid_review": QCoreApplication.translate("Labels", "Review invalid"),
    }.get(state or "unverified", state or "")


STATE_COLORS = {
    "unverified": QColor("#9e9e9e"),
    "awaiting_review": QColor("#1e88e5"),
    "resubmitted": QColor("#8e24aa"),
    "passed": QColor("#43a047"),
    "returned": QColor("#fb8c00"),
    "invalid_review": QColor("#e53935"),
    "blocking": QColor("#d32f2f"),
}
STATES = ["unverified", "awaiting_review", "resubmitted", "returned", "invalid_review", "passed"]


class OneLineLabel(QLabel):
    """A message kept to one line so the patch below keeps its height: cut with "…" where the dock is narrow,
    the whole text in the tooltip. text() gives the whole text."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # the Qt name
        self._full = text or ""
        self.setToolTip(self._full)
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width() - 4, 40)
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))
