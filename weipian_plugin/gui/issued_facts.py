"""What the Ministry issued for a patch, read only: folded into its title line (code, township, 耕地, 永农) so the
verdict stays in view on a laptop, opened to the nine facts two a row; the box remembers whether it was open."""
from __future__ import annotations

from html import escape

from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget


class IssuedFacts(QgsCollapsibleGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("Issued patch"), parent)
        self.setObjectName("issued_box")
        self.setSettingGroup("weipian")
        self.setSaveCollapsedState(True)
        self.setCollapsed(True)
        self.setMinimumWidth(1)  # a long title is cut, it never widens the dock
        box_lay = QVBoxLayout(self)
        box_lay.setContentsMargins(0, 0, 0, 0)
        facts = QWidget()  # the facts live in one widget: folded away with the box, also when filled later
        box_lay.addWidget(facts)
        self.grid = QGridLayout(facts)  # two facts a row
        self.grid.setVerticalSpacing(2)
        self.grid.setContentsMargins(6, 4, 6, 4)

    def tr(self, text):
        return QCoreApplication.translate("IssuedFacts", text)

    def show_patch(self, p, profile) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # at once: deleteLater waits for the event loop to come round
                item.widget().setParent(None)
        if p is None:
            self.setTitle(self.tr("Issued patch"))
            return
        title = self.tr("{code} · {township} · cultivated {cult:.2f} mu").format(
            code=p.code, township=p.township or "", cult=p.cultivated_mu)
        if p.permanent_mu > 0:
            title += self.tr(" · farmland {:.2f} mu").format(p.permanent_mu)
        self.setTitle(title)
        cls = profile.patch_class(p.class_code) if profile else None
        for label, value in (
            (self.tr("Code (JCBH)"), p.code),
            (self.tr("Township"), p.township or ""),
            (self.tr("Class"), f"{p.class_name or ''}" + (self.tr(" (level {})").format(cls.level) if cls else "")),
            (self.tr("Imaging dates"), f"{p.earlier_date or '?'} → {p.later_date or '?'}"),
            (self.tr("Area (mu)"), f"{p.area_mu:.2f}"),
            (self.tr("Cultivated land (mu)"), f"{p.cultivated_mu:.2f}"),
            (self.tr("Permanent basic farmland (mu)"), f"{p.permanent_mu:.2f}"),
            (self.tr("Ecological red line (mu)"), f"{p.redline_mu:.2f}"),
            (self.tr("Mineral"), self.tr("yes") if p.mineral else self.tr("no")),
        ):
            lab = QLabel(value)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # selectable, never editable
            n = self.grid.count() // 2
            name = QLabel(label)
            name.setStyleSheet("color: #546e7a;")
            self.grid.addWidget(name, n // 2, (n % 2) * 2)
            self.grid.addWidget(lab, n // 2, (n % 2) * 2 + 1)


class VerdictSummary(QLabel):
    """A reviewer reads the verdict, never edits it: its head line here (above the photos, so that the verdict,
    its photos and the decision share a laptop's screen) and the rest in `more`, placed after the photos."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("verdict_summary")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more = QLabel(self)  # the form's layout takes it (add_evidence); never a window of its own
        self.more.setObjectName("verdict_summary_more")
        self.more.setWordWrap(True)
        self.more.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    def tr(self, text):
        return QCoreApplication.translate("VerdictSummary", text)

    def setVisible(self, visible: bool) -> None:  # the two parts show together
        super().setVisible(visible)
        if hasattr(self, "more"):
            self.more.setVisible(visible)

    def show_verdict(self, v, patch, profile) -> None:
        self.more.setText("")
        if patch is None:
            self.setText("")
            return
        if v is None or not v.verdict:
            self.setText(self.tr("<b>Not verified yet.</b>"))
            return
        verdict = profile.verdict_name(v.verdict) if profile else v.verdict
        head = " · ".join(x for x in (verdict, v.subtype, v.category) if x)
        lines = []
        if v.illegal_cultivated_housing is not None:
            lines.append(self.tr("New rural housing on cultivated land: {}")
                         .format(self.tr("yes") if v.illegal_cultivated_housing else self.tr("no")))
        if v.nonagri:
            lines.append(self.tr("Non-agricultural conversion of cultivated land (非农化)"))
        if v.approval_no:
            lines.append(self.tr("Approval number: {}").format(escape(v.approval_no)))
        if v.rectification:
            lines.append(self.tr("Rectification: {}").format(escape(v.rectification)))
        if patch.military:
            lines.append(self.tr("Military land"))
        lines.append(self.tr("Basis: {}").format(escape(v.basis or "—")))
        self.setText(f"<b>{escape(head)}</b>")
        self.more.setText("<br>".join(lines))
