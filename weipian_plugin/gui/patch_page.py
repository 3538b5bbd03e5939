"""One patch's page: the verdict and its evidence scrolling together with the reviewer's decision pinned below
(no tab hopping on the common path), the findings, and the county's records. Township or county mode decides
what can be written here."""
from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .evidence_panel import EvidencePanel
from .findings_panel import FindingsPanel
from .phase_pair import PhasePair
from .records_panel import RecordsPanel
from .review_panel import ReviewPanel
from .user_name import ask_user_name
from .verification_form import VerificationForm


class PatchPage(QTabWidget):
    changed = pyqtSignal(str)  # a panel saved something of this patch
    activated = pyqtSignal(str)  # a finding names another patch to show
    refused = pyqtSignal(str)  # a save was refused (someone else saved first)
    decided = pyqtSignal(str)  # the reviewer passed or returned this patch

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("tabs")
        self.setDocumentMode(True)  # no frame around the pages: the height goes to the patch
        self.form = VerificationForm()
        self.evidence = EvidencePanel()
        self.review = ReviewPanel()
        self.findings = FindingsPanel()
        self.records = RecordsPanel()
        self.phases = PhasePair()
        self.wp = None
        self.patch_page = QWidget()
        self.patch_page.setObjectName("patch_page")
        page_lay = QVBoxLayout(self.patch_page)
        page_lay.setContentsMargins(0, 0, 0, 0)
        page_lay.setSpacing(2)
        page_lay.addWidget(self._name_banner())
        page_lay.addWidget(self._scroll(), 1)
        page_lay.addWidget(self.review)
        self.addTab(self.patch_page, self.tr("Patch"))
        self.addTab(self.findings, self.tr("Findings"))
        self.addTab(self.records, self.tr("County records"))
        for panel in (self.form, self.evidence, self.review, self.records):
            panel.changed.connect(self.changed)
        self.findings.patch_activated.connect(self.activated)
        self.form.refused.connect(self._refused)
        self.review.decided.connect(self.decided)

    def tr(self, text):
        return QCoreApplication.translate("PatchPage", text)

    def _scroll(self) -> QScrollArea:
        inner = QWidget()
        inner_lay = QVBoxLayout(inner)
        inner_lay.setContentsMargins(0, 0, 0, 0)
        inner_lay.addWidget(self.form)
        self.evidence_box = QGroupBox()  # untitled: the thumbnails say what they are, the line is the verdict's
        self.evidence_box.setObjectName("evidence_box")
        ev_lay = QVBoxLayout(self.evidence_box)
        ev_lay.setContentsMargins(2, 2, 2, 2)
        ev_lay.addWidget(self.evidence)
        self.form.add_evidence(self.evidence_box)
        # the 套合 view after the verdict and its photos (they stay in view with the decision on a laptop; the map
        # itself is the large view of the imagery, flipped with Alt+T)
        inner_lay.addWidget(self.phases)
        inner_lay.addStretch(1)
        self.patch_scroll = QScrollArea()
        self.patch_scroll.setObjectName("patch_scroll")
        self.patch_scroll.setWidget(inner)
        self.patch_scroll.setWidgetResizable(True)
        self.patch_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.patch_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # always there: a bar that came after the rows of buttons were measured would narrow them into a second
        # line with no height left for it (rows drawn over each other)
        self.patch_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.evidence.take_drops_on(inner)  # photos dropped anywhere on the patch's page are its evidence
        return self.patch_scroll

    def _name_banner(self) -> QWidget:
        """Said at the top while no name is set: nothing is saved without one (asked for at the first save)."""
        self.name_banner = QWidget()
        self.name_banner.setObjectName("name_banner")
        row = QHBoxLayout(self.name_banner)
        row.setContentsMargins(4, 2, 4, 2)
        text = QLabel(self.tr("Your name is not set: every verification and review is recorded with the name of "
                              "who made it."))
        text.setWordWrap(True)
        text.setStyleSheet("color: #b71c1c;")
        button = QPushButton(self.tr("Set my name…"))
        button.setObjectName("set_name")
        button.clicked.connect(lambda _c=False: ask_user_name(self))
        row.addWidget(text, 1)
        row.addWidget(button)
        self.name_banner.setVisible(False)
        return self.name_banner

    def set_user(self, user: str) -> None:
        """The user's name changed (the options, the name dialog): every panel records with it from now on."""
        for panel in (self.form, self.evidence, self.review, self.records):
            panel.set_user(user)
        self.name_banner.setVisible(not user.strip())

    def _refused(self, text: str) -> None:
        self.refused.emit(text)
        # the button was just shown: its place is known once the layouts have run
        QTimer.singleShot(0, lambda: self.patch_scroll.ensureWidgetVisible(self.form.reapply_button))

    def set_context(self, wp, profile, user: str) -> None:
        self.wp = wp
        if wp is None:
            self.phases.set_layers([])
            self.findings.clear()
        self.form.set_context(wp, profile, user)
        self.evidence.set_context(wp, user)
        self.review.set_context(wp, profile, user)
        self.records.set_context(wp, user)
        self.name_banner.setVisible(wp is not None and not user.strip())

    def set_reviewer(self, reviewer: bool, current=None) -> None:
        """County review: the verdict is read only, the decision shows, the county's records open; township
        verification: the verdict and evidence are written."""
        self.form.set_read_only(reviewer)
        self.review.setVisible(reviewer)
        for b in (self.evidence.add_photos, self.evidence.add_docs, self.evidence.doc_type, self.evidence.remove,
                  self.evidence.undo_remove):
            b.setVisible(not reviewer)
        self.setTabEnabled(self.indexOf(self.records), reviewer)
        if current:
            self.form.load(current)
        self.setCurrentWidget(self.patch_page)

    def show_imagery(self, layers, code=None) -> None:
        """The 套合 view's imagery (the batch's two, the base map, or none), around the patch shown."""
        self.phases.set_layers(layers)
        self._show_phases(code)

    def _show_phases(self, code) -> None:
        patch = self.wp.patch(code) if self.wp is not None and code else None
        if patch is not None:
            self.phases.show_patch(patch.wkb, (patch.earlier_date, patch.later_date))

    def load(self, code: str) -> None:
        self.form.flush()
        self.form.load(code)
        self._show_phases(code)
        self.review.load(code)
        self.records.load(code)

    def show_findings(self, code: str, findings) -> None:
        self.findings.show_patch(code, findings)
        self.evidence.load(code, findings)
