"""Internal review of one patch (county reviewers): pass or return with an opinion; the opinion is required
where the rules require a written opinion, and a return always needs its reason."""
from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ..core.model import PASS, RETURN
from ..core.rules import needs_written_opinion
from ..language import user_text
from ..store.work_package import PackageError
from .labels import OneLineLabel, state_label
from .user_name import need_name


class ReviewPanel(QWidget):
    changed = pyqtSignal(str)
    decided = pyqtSignal(str)  # a pass or return was recorded: the dock moves on to the next patch to review

    def __init__(self, parent=None):
        super().__init__(parent)
        self.wp = None
        self.profile = None
        self.reviewer = ""
        self.code: Optional[str] = None
        self.state: Optional[str] = None
        self.last_review = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.conflict_button = QPushButton(self.tr("Conflict with a township's version: decide…"))
        self.conflict_button.setObjectName("decide_conflict")
        self.conflict_button.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.conflict_button.setVisible(False)
        self.conflict_button.clicked.connect(lambda _c=False: self.open_conflict())
        self.conflict_dialog = None
        lay.addWidget(self.conflict_button)
        self.requirement = ""  # said in the opinion's placeholder and the hint line: nothing above the buttons
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("opinion")
        self.opinion.setMaximumHeight(50)  # two lines: the verdict and the photos above stay in view
        # the opinion with the two decisions beside it: the verdict and the photos above keep the height
        row = QHBoxLayout()
        row.addWidget(self.opinion, 1)
        buttons = QVBoxLayout()
        self.pass_button = QPushButton(self.tr("Pass"))
        self.pass_button.setObjectName("pass")
        self.return_button = QPushButton(self.tr("Return to township"))
        self.return_button.setObjectName("return")
        buttons.addWidget(self.pass_button)
        buttons.addWidget(self.return_button)
        row.addLayout(buttons)
        lay.addLayout(row)
        self.blocked = OneLineLabel()  # the whole text in its tooltip
        self.blocked.setFixedHeight(self.blocked.fontMetrics().height() + 6)  # one line, said or empty
        self.blocked.setObjectName("review_blocked")
        self.blocked.setStyleSheet("color: #d32f2f;")
        lay.addLayout(self._history())
        self.pass_button.clicked.connect(lambda: self.decide(PASS))
        self.return_button.clicked.connect(lambda: self.decide(RETURN))
        self.opinion.textChanged.connect(self._update_buttons)
        self.setEnabled(False)

    def _history(self) -> QHBoxLayout:
        """One line under the decision: what keeps it (or what was decided), the history behind a button, and
        the name the decision is recorded under. Its height never changes: the buttons above never move."""
        self.history = QListWidget()
        self.history.setObjectName("review_history")
        self.history.setMinimumWidth(360)
        self.history_button = QToolButton()
        self.history_button.setObjectName("review_history_button")
        self.history_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.history_button)
        shown = QWidgetAction(menu)
        shown.setDefaultWidget(self.history)
        menu.addAction(shown)
        self.history_button.setMenu(menu)
        foot = QHBoxLayout()
        foot.addWidget(self.blocked, 1)
        foot.addWidget(self.history_button)
        return foot

    def tr(self, text):
        return QCoreApplication.translate("ReviewPanel", text)

    def _placeholder(self) -> None:
        """The empty opinion box says what is asked of it and under whose name the decision is recorded."""
        asked = self.requirement or self.tr("Review opinion (审核意见)")
        self.opinion.setPlaceholderText(asked + ("\n" + self.tr("Reviewer: {}").format(self.reviewer)
                                                 if self.reviewer.strip() else ""))

    def set_user(self, user: str) -> None:
        self.reviewer = user
        self._placeholder()
        if self.wp is not None and self.code:
            self._update_buttons()

    def set_context(self, wp, profile, reviewer: str) -> None:
        self.wp, self.profile, self.reviewer = wp, profile, reviewer
        self._placeholder()
        self.load(None)

    def load(self, code: Optional[str]) -> None:
        self.code = code
        self.setEnabled(bool(self.wp and code))
        self.history.clear()
        self.opinion.clear()
        self.state = None
        if not (self.wp and code):
            return
        self.state = self.wp.state(code)
        from .conflict_dialog import open_conflicts

        self.conflict_button.setVisible(bool(open_conflicts(self.wp, code)))
        self.last_review = None
        for r in self.wp.reviews(code):
            self.last_review = r
            text = f"{r.reviewed_at[:16].replace('T', ' ')}  {r.reviewer}  " + \
                   (self.tr("passed") if r.decision == PASS else self.tr("returned"))
            if r.opinion:
                text += f"：{r.opinion}"
            self.history.addItem(text)
        self.history_button.setText(self.tr("History ({})").format(self.history.count()))
        self.history_button.setEnabled(self.history.count() > 0)
        patch = self.wp.patch(code, with_geometry=False)
        v = self.wp.verification_shown(code)  # a pass or return is of this version
        self.requirement = self.tr("A written internal-review opinion is required for this restored patch "
                                   "(notice 002 §三(四)).") if needs_written_opinion(patch, v, self.profile) else ""
        self._placeholder()
        self._update_buttons()

    def open_conflict(self):
        """Both versions side by side; the reviewer keeps one, with the reason."""
        from .conflict_dialog import ConflictDialog, open_conflicts

        found = open_conflicts(self.wp, self.code) if (self.wp and self.code) else []
        if not found:
            return None
        self.conflict_dialog = ConflictDialog(self.wp, found[0], self.profile, self.reviewer, self)
        self.conflict_dialog.decided.connect(lambda code: (self.changed.emit(code), self.load(code)))
        self.conflict_dialog.open()
        return self.conflict_dialog

    def _why_not(self) -> str:
        v = self.wp.verification(self.code) if (self.wp and self.code) else None
        if v is None or not v.verdict:
            return self.tr("The patch has no verdict yet ({}).").format(state_label(self.wp.state(self.code)))
        if v.verifier and v.verifier.strip() == self.reviewer.strip():
            return self.tr("You verified this patch; another person must review it.")
        return ""

    def _update_buttons(self):
        if not self.code:
            return
        why = self._why_not()
        has_opinion = bool(self.opinion.toPlainText().strip())
        needs = bool(self.requirement)
        passed = self.state == "passed"
        self.pass_button.setEnabled(not why and not passed and (has_opinion or not needs))
        self.return_button.setEnabled(not why and has_opinion)
        colour = "#d32f2f"  # what keeps the reviewer from deciding
        if not why and passed:
            last = self.last_review
            why = self.tr("Passed by {} on {}. To return it, write the reason.").format(
                last.reviewer, (last.reviewed_at or "")[:10])
            colour = "#2e7d32"
        elif not why and not has_opinion:
            why = self.tr("Write the opinion: a return needs its reason") + \
                  (self.tr("; this pass needs a written opinion.") if needs else self.tr("."))  # 。in Chinese
            colour = "#8a6d3b"  # a hint, not an error
        self.blocked.setStyleSheet(f"color: {colour};")
        self.blocked.setText(why)  # the line keeps its place when empty: the buttons above never move

    def decide(self, decision: str) -> bool:
        if not (self.pass_button if decision == PASS else self.return_button).isEnabled():
            return False
        if not need_name(self, "reviewer"):
            self.blocked.setText(self.tr("NOT recorded: a review is recorded with the name of who made it"))
            return False
        v = self.wp.verification(self.code)
        if v is not None and v.verifier and v.verifier.strip() == self.reviewer.strip():
            self._update_buttons()  # the name given is the verifier's: another person must review it
            return False
        try:
            self.wp.add_review(self.code, self.reviewer, decision, self.opinion.toPlainText().strip() or None)
        except PackageError as exc:  # a lock or a full disk: nothing was recorded, the opinion stays typed
            self.blocked.setText(self.tr("NOT recorded: {}").format(user_text(exc)))
            return False
        code = self.code
        self.changed.emit(code)
        self.load(code)
        self.decided.emit(code)
        return True
