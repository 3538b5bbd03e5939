"""Verifying one patch (township staff): issued attributes read-only, the verdict with its subtypes from the
profile, the 乱占耕地建房 determination exactly when the rules ask for it, basis, rectification, military flag.
Every change is written at once through the store (one transaction with its audit entry); undo reverts the
last change of this session, also through the store."""
from __future__ import annotations

from typing import List, Optional, Tuple

from qgis.PyQt.QtCore import QCoreApplication, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import ILLEGAL, LEGAL, OTHER
from ..language import user_text
from ..store.office_package import StaleSave
from ..store.work_package import PackageError
from .basis_drafts import BasisDrafts
from .choice_buttons import ChoiceButtons, VerdictButtons
from .issued_facts import IssuedFacts, VerdictSummary
from .user_name import need_name

RETRY_MS = 3000  # a save the package refused (locked) is tried again this often


class VerificationForm(QWidget):
    changed = pyqtSignal(str)  # patch code, after a change was persisted
    refused = pyqtSignal(str)  # a save refused because another desk saved the patch first: what to tell

    def __init__(self, parent=None):
        super().__init__(parent)
        self.wp = None
        self.profile = None
        self.user = ""
        self.code: Optional[str] = None
        self.patch = None
        self._loading = False
        self._undo: List[Tuple[str, dict]] = []  # (code, old values of the fields changed)
        self._build()

    def tr(self, text):
        return QCoreApplication.translate("VerificationForm", text)

    # -- layout ----------------------------------------------------------------------------------------------
    def _build(self):
        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 2, 4, 2)
        outer.setSpacing(4)
        self.issued_box = IssuedFacts()
        self.issued = self.issued_box.grid
        self.summary = VerdictSummary()
        self.verdict_box = QGroupBox(self.tr("Verdict"))
        form = QFormLayout(self.verdict_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(4)
        self._verdict_rows(form)
        form.addRow(self._housing())
        self._more_rows(form)
        for w in (self.issued_box, self.summary, self.verdict_box):
            outer.addWidget(w)
        outer.addLayout(self._bottom())
        outer.addStretch(1)
        self._unsaved = None  # (code, fields, before) of a save the package refused, tried again
        self._stale = None  # (code, fields) of a save refused because another desk saved first
        self._retry_timer = self._timer(RETRY_MS, self._retry_unsaved)
        self._basis_timer = self._timer(700, self._save_basis)
        self._connect()
        self.setEnabled(False)

    def _timer(self, ms: int, then) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(then)
        return timer

    def _verdict_rows(self, form: QFormLayout) -> None:
        self.verdicts = VerdictButtons()
        self.verdict_group = self.verdicts.group
        form.addRow(self.tr("Legality"), self.verdicts)
        self.other_note = QLabel()
        self.other_note.setWordWrap(True)
        self.other_note.setStyleSheet("color: #8a6d3b;")
        form.addRow(self.other_note)
        self.subtype, self.category = ChoiceButtons(), ChoiceButtons()
        self.subtype.setObjectName("subtype")
        self.category.setObjectName("category")
        self.subtype_label = QLabel(self.tr("Subtype"))
        self.category_label = QLabel(self.tr("Illegal category"))
        form.addRow(self.subtype_label, self.subtype)
        form.addRow(self.category_label, self.category)
        self.approval_no = QLineEdit()
        self.approval_no.setObjectName("approval_no")
        self.approval_label = QLabel(self.tr("Approval number"))
        form.addRow(self.approval_label, self.approval_no)

    def _housing(self) -> QGroupBox:
        self.housing_box = QGroupBox(self.tr("Is it new rural housing illegally occupying cultivated land? "
                                             "(新增农村乱占耕地建房, required)"))
        self.housing_box.setObjectName("housing_box")
        hb = QHBoxLayout(self.housing_box)
        self.housing_group = QButtonGroup(self)
        self.housing_yes, self.housing_no = QRadioButton(self.tr("Yes")), QRadioButton(self.tr("No"))
        self.housing_yes.setObjectName("housing_yes")
        self.housing_no.setObjectName("housing_no")
        for b in (self.housing_yes, self.housing_no):
            self.housing_group.addButton(b)
            hb.addWidget(b)
        self.housing_missing = QLabel(self.tr("Not yet answered"))
        self.housing_missing.setStyleSheet("color: #d32f2f; font-weight: bold;")
        hb.addWidget(self.housing_missing)
        hb.addStretch(1)
        return self.housing_box

    def _more_rows(self, form: QFormLayout) -> None:
        self.nonagri = QCheckBox(self.tr("Non-agricultural conversion of cultivated land (非农化, notice 001)"))
        self.nonagri.setObjectName("nonagri")
        form.addRow(self.nonagri)
        self.basis = QPlainTextEdit()
        self.basis.setObjectName("basis")
        self.basis.setPlaceholderText(self.tr("Basis of the verdict (判定依据说明)"))
        self.basis.setMaximumHeight(64)
        form.addRow(self.tr("Basis"), self.basis)
        self.rectification = ChoiceButtons()
        self.rectification.setObjectName("rectification")
        form.addRow(self.tr("Rectification"), self.rectification)
        self.military = QCheckBox(self.tr("Military land (reported separately, never in the normal package)"))
        self.military.setObjectName("military")
        form.addRow(self.military)

    def _bottom(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo last change"))
        self.undo_button.setObjectName("undo")
        self.undo_button.setEnabled(False)
        # after a save refused because another desk saved the patch first: put one's own change over theirs,
        # knowingly (their version is shown, and stays in the audit log)
        self.reapply_button = QPushButton(self.tr("Apply my change again"))
        self.reapply_button.setObjectName("reapply")
        self.reapply_button.setVisible(False)
        for w, stretch in ((self.reapply_button, 0), (self.status, 1), (self.undo_button, 0)):
            bottom.addWidget(w, stretch)
        return bottom

    def _connect(self) -> None:
        self.reapply_button.clicked.connect(lambda _c=False: self.reapply())
        self.verdict_group.buttonClicked.connect(self._verdict_clicked)
        self.housing_group.buttonClicked.connect(self._housing_clicked)
        self.subtype.activated.connect(lambda _i: self._save("subtype", self.subtype.currentData()))
        self.category.activated.connect(lambda _i: self._save("category", self.category.currentData()))
        self.rectification.activated.connect(lambda _i: self._save("rectification", self.rectification.currentData()))
        self.approval_no.editingFinished.connect(lambda: self._save("approval_no", self.approval_no.text().strip() or None))
        self.basis.textChanged.connect(self._basis_edited)
        self.military.toggled.connect(self._military_toggled)
        self.nonagri.toggled.connect(lambda on: self._save("nonagri", bool(on)))
        self.undo_button.clicked.connect(self.undo)

    # -- context -----------------------------------------------------------------------------------------------
    def set_context(self, wp, profile, user: str) -> None:
        self.flush()
        self.wp, self.profile, self.user = wp, profile, user
        self.verdicts.set_choices(profile)
        self._undo.clear()
        self.undo_button.setEnabled(False)
        self.rectification.clear()
        self.rectification.addItem("", None)
        for s in (profile.rectification_statuses if profile else []):
            self.rectification.addItem(s, s)
        self.load(None)

    def flush(self) -> None:
        """Write a pending basis edit now (before switching patch or closing)."""
        if self._basis_timer.isActive():
            self._basis_timer.stop()
            self._save_basis()

    def load(self, code: Optional[str]) -> None:
        self.flush()
        self._loading = True
        try:
            self.code = code
            self.patch = self.wp.patch(code, with_geometry=False) if (self.wp and code) else None
            self.setEnabled(self.patch is not None)
            self.issued_box.show_patch(self.patch, self.profile)
            v = self.wp.verification_shown(code) if self.patch else None
            self.verdict_group.setExclusive(False)
            for c, b in self.verdict_buttons.items():
                b.setChecked(bool(v and v.verdict == c))
            self.verdict_group.setExclusive(True)
            self._fill_choices(v.verdict if v else None, v)
            self.approval_no.setText((v.approval_no if v else None) or "")
            self.basis.setPlainText((v.basis if v else None) or "")
            self._select(self.rectification, v.rectification if v else None)
            self.military.setChecked(bool(self.patch and self.patch.military))
            self.nonagri.setChecked(bool(v and v.nonagri))
            self._housing_from(v)
            self._apply_rules(v.verdict if v else None)
            self.summary.show_verdict(v, self.patch, self.profile)
            # their version shown again (heard live) keeps the refusal said; another patch forgets it
            if not (self._stale and self._stale[0] == code):
                self._stale = None
                self.reapply_button.setVisible(False)
                self.status.setText("")
        finally:
            self._loading = False
        if self.patch is not None and self.isEnabled():
            self._recover_draft(v)

    def add_evidence(self, widget) -> None:
        """The patch's evidence follows the verdict (a reviewer's summary, or the township's form) on the same
        page: no tab to change between deciding and proving."""
        for i, w in enumerate((widget, self.summary.more)):  # a reviewer's: the verdict's details after its photos
            self._outer.insertWidget(self._outer.indexOf(self.verdict_box) + 1 + i, w)

    def set_read_only(self, read_only: bool) -> None:
        """A reviewer's view: the verdict as a few lines of text, the form hidden."""
        self.verdict_box.setVisible(not read_only)
        self.undo_button.setVisible(not read_only)
        self.summary.setVisible(read_only)

    def _fill_choices(self, verdict_code, v):
        self.subtype.clear()
        self.category.clear()
        verdict = self.profile.verdict(verdict_code) if (self.profile and verdict_code) else None
        for choices, values, value in ((self.subtype, verdict.subtypes if verdict else (), v.subtype if v else None),
                                       (self.category, verdict.categories if verdict else (),
                                        v.category if v else None)):
            for s in ("", *values):
                choices.addItem(s, s or None)
            self._select(choices, value)

    @staticmethod
    def _select(choices, value):
        """Show the stored value checked; one the profile does not list (an imported verdict) still shows."""
        if value is not None and choices.findData(value) < 0:
            choices.addItem(str(value), value)
        choices.setCurrentIndex(choices.findData(value))

    def _housing_required(self, verdict_code) -> bool:
        return self._kind(verdict_code) == ILLEGAL and self.patch is not None and self.patch.cultivated_mu > 0

    def _housing_from(self, v):
        self.housing_group.setExclusive(False)
        flag = v.illegal_cultivated_housing if v else None
        self.housing_yes.setChecked(flag is True)
        self.housing_no.setChecked(flag is False)
        self.housing_group.setExclusive(True)
        self.housing_missing.setVisible(flag is None)

    def _apply_rules(self, verdict_code):
        """Offer only what the rules allow, and say why."""
        cls = self.profile.patch_class(self.patch.class_code) if (self.profile and self.patch) else None
        other_ok = cls is None or cls.other_verdict_allowed
        for code, button in self.verdict_buttons.items():
            if self._kind(code) == OTHER:
                button.setEnabled(other_ok or verdict_code == code)
        self.other_note.setVisible(not other_ok)
        if not other_ok:
            self.other_note.setText(self.tr("{} patches may generally not be judged 其他 (notice 002 §三(二)2).")
                                    .format(cls.name))
        self.housing_box.setVisible(self._housing_required(verdict_code))
        illegal = self._kind(verdict_code) == ILLEGAL
        for widgets, on in (((self.subtype, self.subtype_label), verdict_code is not None),
                            ((self.category, self.category_label), illegal),
                            ((self.approval_no, self.approval_label), self._kind(verdict_code) == LEGAL)):
            for w in widgets:
                w.setVisible(on)
        self.nonagri.setVisible(illegal and self.patch is not None and self.patch.cultivated_mu > 0)

    # -- persistence -------------------------------------------------------------------------------------------
    def _save(self, field: str, value, **more) -> Optional[bool]:
        if self._loading or not self.code or self.wp is None:
            return
        before = self.wp.verification(self.code)
        old = {f: getattr(before, f) if before else None for f in (field, *more)}
        new = {field: value, **more}
        if all(old[f] == new[f] for f in new):
            if field == "basis":
                self._drafts().drop(self.code)
            return None
        if not need_name(self):
            return self._no_name()
        return self._write(self.code, new, old)

    def _no_name(self) -> bool:
        """Declined to give a name: what is stored shows again, the form waits for a name (said at the top)."""
        self.load(self.code)
        self._say(self.tr("NOT saved: a verification is recorded with the name of who made it"), True)
        self.setEnabled(False)
        return False

    def _say(self, text: str, error: bool = False, tip: str = "") -> None:
        self.status.setStyleSheet("color: #c00000; font-weight: bold" if error else "")
        self.status.setText(text)
        self.status.setToolTip(tip)

    def set_user(self, user: str) -> None:
        self.user = user
        if user and self.patch is not None:
            self.setEnabled(True)

    def _write(self, code: str, new: dict, old: dict) -> bool:
        """Save; when the package refuses (a lock, a full disk) nothing was saved: say so in red, keep the change
        and try it again every few seconds, for this patch even when another one is shown meanwhile."""
        try:
            self.wp.set_verification(code, self.user, **new)
        except StaleSave as exc:  # someone else saved this patch since it was shown: theirs stands, shown now
            self._stale = (code, new)
            if code == self.code:
                self.load(code)
            self._say(user_text(exc), True, self.tr("Your change: {}").format(
                "; ".join(f"{k} = {v}" for k, v in new.items())))
            self.reapply_button.setVisible(True)
            self.refused.emit(user_text(exc))
            return False
        except PackageError as exc:
            self._unsaved = (code, new, old)
            self._say(self.tr("NOT saved, trying again: {}").format(user_text(exc)), True, user_text(exc))
            self._retry_timer.start()
            return False
        self._unsaved = None
        if "basis" in new:
            self._drafts().drop(code)
        self._undo.append((code, old))
        self.undo_button.setEnabled(True)
        self._say(self.tr("Saved"))
        self.changed.emit(code)
        return True

    def reapply(self) -> bool:
        """The change refused as stale, saved now on the version the form shows."""
        if not self._stale:
            return False
        code, new = self._stale
        self._stale = None
        self.reapply_button.setVisible(False)
        before = self.wp.verification(code)
        old = {f: getattr(before, f) if before else None for f in new}
        ok = self._write(code, new, old)
        if ok and code == self.code:
            self.load(code)
        return ok

    @property
    def verdict_buttons(self):
        return self.verdicts.buttons

    def _kind(self, verdict_code):
        """What the verdict counts as (HF, WF, QT) under the profile."""
        return self.profile.kind(verdict_code) if (self.profile and verdict_code) else verdict_code

    def _retry_unsaved(self) -> None:
        if self._unsaved is not None and self.wp is not None:
            self._write(*self._unsaved)

    def _verdict_clicked(self, button):
        code = next(c for c, b in self.verdict_buttons.items() if b is button)
        v = self.wp.verification(self.code)
        more = {}
        if v is None or v.verdict != code:
            more = {"subtype": None, "category": None}
            if not self._housing_required(code):
                more["illegal_cultivated_housing"] = None
        self._save("verdict", code, **more)
        self._loading = True
        try:
            v = self.wp.verification(self.code)
            self._fill_choices(code, v)
            self._housing_from(v)
            self._apply_rules(code)
        finally:
            self._loading = False

    def _housing_clicked(self, button):
        self._save("illegal_cultivated_housing", button is self.housing_yes)
        self.housing_missing.setVisible(False)

    def _basis_edited(self):
        """Typed by the user (not filled in by load): kept at once in a draft beside the package (a crash or a
        kill loses nothing typed), saved to the package shortly after the last key."""
        if not self._loading:
            self._drafts().write(self.code, self.basis.toPlainText(), self.user)
            self._basis_timer.start()

    # -- drafts: what was typed and not yet saved, one small file per patch beside the package (basis_drafts) ------
    def _drafts(self) -> BasisDrafts:
        return BasisDrafts(self.wp.path if self.wp else None)

    def _recover_draft(self, v) -> None:
        """Text typed before QGIS closed or crashed, not yet in the package: put back and saved, said so."""
        text = self._drafts().pending(self.code, self.user, (v.basis if v else None) or "")
        if text is None:
            return
        self._loading = True
        self.basis.setPlainText(text)
        self._loading = False
        if self._save("basis", text.strip() or None) is not False:
            self.status.setText(self.tr("Recovered the basis typed before QGIS closed, and saved it"))

    def _save_basis(self):
        self._save("basis", self.basis.toPlainText().strip() or None)

    def _military_toggled(self, checked):
        if self._loading or not self.code:
            return
        if not need_name(self):
            self._no_name()
            return
        try:
            self.wp.set_military(self.code, checked, self.user)
        except PackageError as exc:
            self._say(self.tr("NOT saved: {}").format(user_text(exc)), True)
            self._loading = True
            self.military.setChecked(not checked)  # shows what is stored
            self._loading = False
            return
        self._undo.append((self.code, {"__military__": not checked}))
        self.undo_button.setEnabled(True)
        self.changed.emit(self.code)

    def undo(self) -> None:
        """Revert the last change made in this form (itself a logged change)."""
        self.flush()
        if not self._undo:
            return
        code, old = self._undo.pop()
        if "__military__" in old:
            self.wp.set_military(code, old["__military__"], self.user)
        else:
            self.wp.set_verification(code, self.user, **old)
        self.undo_button.setEnabled(bool(self._undo))
        self.changed.emit(code)
        if code == self.code:
            self.load(code)
        self.status.setText(self.tr("Undone"))
