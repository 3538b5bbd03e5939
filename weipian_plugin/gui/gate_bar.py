"""The gate: how far the package is (verified, passed by internal review), what still blocks the upload and how
many patches are past their 月清 due date; and the buttons the gate governs — check, export, the packages menu.
A township's assignment package has no gate of the county's: it is told to send its work back."""
from __future__ import annotations

import datetime
from typing import Dict

from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import QHBoxLayout, QMenu, QProgressBar, QPushButton, QToolButton, QVBoxLayout, QWidget

from ..core.messages import QT_TRANSLATE_NOOP
from .labels import OneLineLabel

PACKAGE_ACTIONS = (  # key, text
    ("assign", QT_TRANSLATE_NOOP("GateBar", "Export assignment packages (county → townships)…")),
    ("import", QT_TRANSLATE_NOOP("GateBar", "Import a township's return package…")),
    ("import_city", QT_TRANSLATE_NOOP("GateBar", "Import the city's return package…")),
    ("return", QT_TRANSLATE_NOOP("GateBar", "Export return package (township → county)…")),
    ("field", QT_TRANSLATE_NOOP("GateBar", "Export field project for QField (phone)…")),
    ("field_back", QT_TRANSLATE_NOOP("GateBar", "Import what the phone gave back (QField)…")),
    ("statistics", QT_TRANSLATE_NOOP("GateBar", "Monthly statistics (XLSX)…")),
    ("imagery", QT_TRANSLATE_NOOP("GateBar", "Set the batch's imagery (前时相 / 后时相)…")),
    ("military", QT_TRANSLATE_NOOP("GateBar", "Export military-land package (separate, confidential)…")),
    ("verify", QT_TRANSLATE_NOOP("GateBar", "Verify a package's manifest and hashes…")),
)


class GateBar(QWidget):
    check_clicked = pyqtSignal()
    export_clicked = pyqtSignal()
    package_action = pyqtSignal(str)  # a key of PACKAGE_ACTIONS

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        self.bars = QHBoxLayout()
        self.verified_bar = QProgressBar()
        self.verified_bar.setObjectName("verified_bar")
        self.reviewed_bar = QProgressBar()
        self.reviewed_bar.setObjectName("reviewed_bar")
        for bar in (self.verified_bar, self.reviewed_bar):
            bar.setTextVisible(True)
            bar.setMaximumHeight(18)
            self.bars.addWidget(bar)
        lay.addLayout(self.bars)
        self.gate_label = OneLineLabel()  # the whole text in its tooltip
        self.gate_label.setObjectName("gate_label")
        lay.addWidget(self.gate_label)
        self.overdue_label = OneLineLabel()
        self.overdue_label.setObjectName("overdue_label")
        self.overdue_label.setStyleSheet("color: #e65100;")
        self.overdue_label.setVisible(False)
        lay.addWidget(self.overdue_label)
        self._buttons()

    def tr(self, text):
        return QCoreApplication.translate("GateBar", text)

    def _buttons(self) -> None:
        """Made here, placed by the dock in its top row."""
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("check")
        self.check_button.setToolTip(self.tr("Check every patch of the package against the rules"))
        self.check_button.clicked.connect(self.check_clicked)
        self.export_button = QPushButton(self.tr("Export upload…"))
        self.export_button.setObjectName("export")
        self.export_button.setToolTip(self.tr("Export the upload package (results, photos, dossiers)"))
        self.export_button.clicked.connect(self.export_clicked)
        self.packages_button = QToolButton()
        self.packages_button.setObjectName("packages")
        self.packages_button.setText(self.tr("Packages"))
        self.packages_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.packages_menu = QMenu(self.packages_button)
        self.package_actions: Dict[str, object] = {}
        for key, text in PACKAGE_ACTIONS:
            act = self.packages_menu.addAction(self.tr(text))
            act.setObjectName(f"packages_{key}")
            act.triggered.connect(lambda _c=False, k=key: self.package_action.emit(k))
            self.package_actions[key] = act
        self.packages_button.setMenu(self.packages_menu)

    def add_beside_bars(self, widget: QWidget) -> None:
        self.bars.addWidget(widget)

    def set_open(self, is_open: bool, township: bool = False) -> None:
        """A township's package goes back as a return package; the county's hands out, takes back, counts and
        exports; either goes to the field on a phone and back; verifying a package's manifest needs no package."""
        self.check_button.setEnabled(is_open)
        self.packages_button.setEnabled(is_open)
        for key, act in self.package_actions.items():
            act.setEnabled(key == "verify" or (is_open and (key in ("field", "field_back")
                                                            or (key == "return") == township)))
        if not is_open:
            self.export_button.setEnabled(False)
            self.gate_label.setText(self.tr("Open a work package to start."))
            self.verified_bar.setValue(0)
            self.reviewed_bar.setValue(0)

    def show_package(self, wp, profile) -> None:
        """The coverage and the gate of the package as it is now."""
        total, verified, passed, blocking, blocked_patches = wp.coverage_counts()
        for bar, n, label in ((self.verified_bar, verified, self.tr("Verified")),
                              (self.reviewed_bar, passed, self.tr("Reviewed (passed)"))):
            bar.setMaximum(max(1, total))
            bar.setValue(n)
            bar.setFormat(f"{label} {n}/{total}")
        township = wp.meta("kind") == "assignment"
        # a township verifies and sends its work back: the county's review gate and upload are not its business
        self.export_button.setVisible(not township)
        self.reviewed_bar.setVisible(not township)
        if township:
            self._township(total, verified)
            return
        reasons = self._reasons(wp, profile, total, passed, blocking, blocked_patches)
        self.export_button.setEnabled(not reasons)
        self.gate_label.setText(self.tr("Export blocked: ") + self.tr("; ").join(reasons) if reasons
                                else self.tr("Internal review complete, no blocking findings: ready to export."))
        self.gate_label.setStyleSheet("color: #b71c1c;" if reasons else "color: #2e7d32;")
        self.export_button.setToolTip(self.gate_label.text())
        overdue = overdue_count(wp, profile)
        self.overdue_label.setVisible(bool(overdue))
        self.overdue_label.setText(self.tr("月清 overdue: {} patches past their due date and not yet passed")
                                   .format(overdue))

    def _township(self, total: int, verified: int) -> None:
        self.export_button.setEnabled(False)
        left = total - verified
        self.gate_label.setText(
            self.tr("{} of {} patches verified; {} to do. When done, send the work back to the county as a "
                    "return package (Packages menu).").format(verified, total, left) if left else
            self.tr("All {} patches verified: send the return package to the county (Packages menu).").format(total))
        self.gate_label.setStyleSheet("color: #2e7d32;" if not left else "color: #37474f;")
        self.overdue_label.setVisible(False)

    def _reasons(self, wp, profile, total, passed, blocking, blocked_patches):
        reasons = []
        if profile is not None and profile.rule("require_responsible_persons").get("value"):
            if not all((wp.meta(k) or "").strip() for k in ("internal_review_lead", "field_check_lead")):
                reasons.append(self.tr("the internal-review and field-check leads are not named (County records → "
                                       "Leads…)"))
        if passed < total:
            reasons.append(self.tr("{} patches not yet passed by internal review").format(total - passed))
        if blocking:
            reasons.append(self.tr("{} blocking findings on {} patches").format(blocking, blocked_patches))
        return reasons


def overdue_count(wp, profile) -> int:
    """Patches past their 月清 due date (002 §三(二)3) and not yet passed."""
    from ..core.rules import overdue_cutoff

    cutoff = overdue_cutoff(datetime.date.today(), profile) if profile else None
    if cutoff is None:
        return 0
    return wp.overdue_count(cutoff.isoformat())
