"""Display texts for codes stored in the package (translated through Qt)."""
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor


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
