"""Verifying one patch (township staff): issued attributes read-only, the verdict with its subtypes from the
profile, the 乱占耕地建房 determination exactly when the rules ask for it, basis, rectification, military flag.

Every change is written at once through the store (one transaction with its audit entry); undo reverts the
last change of this session, also through the store.
"""
from __future__ import annotations

import json
import os
from html import escape
from typing import List, Optional, Tuple

from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
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
from ..core.names import safe_file_name
from ..language import user_text
from ..store.office_package import StaleSave
from ..store.work_package import PackageError
from .choice_buttons import ChoiceButtons

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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        # the issued facts fold into their title line (code, township, 耕地, 永农): the verdict stays in view on a
        # laptop; the box remembers whether the user opened it
        self.issued_box = QgsCollapsibleGroupBox(self.tr("Issued patch"))
        self.issued_box.setObjectName("issued_box")
        self.issued_box.setSettingGroup("weipian")
        self.issued_box.setSaveCollapsedState(True)
        self.issued_box.setCollapsed(True)
        self.issued_box.setMinimumWidth(1)  # a long title is cut, it never widens the dock
        box_lay = QVBoxLayout(self.issued_box)
        box_lay.setContentsMargins(0, 0, 0, 0)
        facts = QWidget()  # the facts live in one widget: folded away with the box, also when filled later
        box_lay.addWidget(facts)
        self.issued = QGridLayout(facts)  # two facts a row
        self.issued.setVerticalSpacing(2)
        self.issued.setContentsMargins(6, 4, 6, 4)
        outer.addWidget(self.issued_box)
        self._outer = outer

        # a reviewer reads the verdict, never edits it: a few lines instead of the form
        self.summary = QLabel()
        self.summary.setObjectName("verdict_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setVisible(False)
        outer.addWidget(self.summary)

        self.verdict_box = box = QGroupBox(self.tr("Verdict"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(4)
        self.verdict_row = row = QHBoxLayout()
        self.verdict_group = QButtonGroup(self)
        self.verdict_buttons = {}
        self._verdict_choices(None)
        form.addRow(self.tr("Legality"), row)
        self.other_note = QLabel()
        self.other_note.setWordWrap(True)
        self.other_note.setStyleSheet("color: #8a6d3b;")
        form.addRow(self.other_note)
        self.subtype = ChoiceButtons()
        self.subtype.setObjectName("subtype")
        self.subtype_label = QLabel(self.tr("Subtype"))
        form.addRow(self.subtype_label, self.subtype)
        self.category = ChoiceButtons()
        self.category.setObjectName("category")
        self.category_label = QLabel(self.tr("Illegal category"))
        form.addRow(self.category_label, self.category)
        self.approval_no = QLineEdit()
        self.approval_no.setObjectName("approval_no")
        self.approval_label = QLabel(self.tr("Approval number"))
        form.addRow(self.approval_label, self.approval_no)

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
        form.addRow(self.housing_box)
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
        outer.addWidget(box)

        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.undo_button = QPushButton(self.tr("Undo last change"))
        self.undo_button.setObjectName("undo")
        self.undo_button.setEnabled(False)
        # after a save refused because another desk saved the patch first: put one's own change over theirs,
        # knowingly (their version is shown, and stays in the audit log)
        self.reapply_button = QPushButton(self.tr("Apply my change again"))
        self.reapply_button.setObjectName("reapply")
        self.reapply_button.setVisible(False)
        self.reapply_button.clicked.connect(lambda _c=False: self.reapply())
        self.status.setWordWrap(True)
        bottom.addWidget(self.reapply_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.undo_button)
        outer.addLayout(bottom)
        outer.addStretch(1)

        self._unsaved = None  # (code, fields, before) of a save the package refused, tried again
        self._stale = None  # (code, fields) of a save refused because another desk saved first
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_MS)
        self._retry_timer.timeout.connect(self._retry_unsaved)
        self._basis_timer = QTimer(self)
        self._basis_timer.setSingleShot(True)
        self._basis_timer.setInterval(700)
        self._basis_timer.timeout.connect(self._save_basis)
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
        self.setEnabled(False)

    # -- context -----------------------------------------------------------------------------------------------
    def set_context(self, wp, profile, user: str) -> None:
        self.flush()
        self.wp, self.profile, self.user = wp, profile, user
        self._verdict_choices(profile)
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
            self._fill_issued()
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
            self._fill_summary(v)
            # their version shown again (heard live) keeps the refusal said; another patch forgets it
            if not (self._stale and self._stale[0] == code):
                self._stale = None
                self.reapply_button.setVisible(False)
                self.status.setText("")
        finally:
            self._loading = False
        if self.patch is not None and self.isEnabled():
            self._recover_draft(v)

    def _fill_issued(self):
        while self.issued.count():
            item = self.issued.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # at once: deleteLater waits for the event loop to come round
                item.widget().setParent(None)
        p = self.patch
        if p is None:
            self.issued_box.setTitle(self.tr("Issued patch"))
            return
        title = self.tr("{code} · {township} · cultivated {cult:.2f} mu").format(
            code=p.code, township=p.township or "", cult=p.cultivated_mu)
        if p.permanent_mu > 0:
            title += self.tr(" · farmland {:.2f} mu").format(p.permanent_mu)
        self.issued_box.setTitle(title)
        cls = self.profile.patch_class(p.class_code) if self.profile else None
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
            n = self.issued.count() // 2
            name = QLabel(label)
            name.setStyleSheet("color: #546e7a;")
            self.issued.addWidget(name, n // 2, (n % 2) * 2)
            self.issued.addWidget(lab, n // 2, (n % 2) * 2 + 1)

    def add_evidence(self, widget) -> None:
        """The patch's evidence follows the verdict (a reviewer's summary, or the township's form) on the same
        page: no tab to change between deciding and proving."""
        self._outer.insertWidget(self._outer.indexOf(self.verdict_box) + 1, widget)

    def set_read_only(self, read_only: bool) -> None:
        """A reviewer's view: the verdict as a few lines of text, the form hidden."""
        self.verdict_box.setVisible(not read_only)
        self.undo_button.setVisible(not read_only)
        self.summary.setVisible(read_only)

    def _fill_summary(self, v) -> None:
        if self.patch is None:
            self.summary.setText("")
            return
        if v is None or not v.verdict:
            self.summary.setText(self.tr("<b>Not verified yet.</b>"))
            return
        verdict = self.profile.verdict_name(v.verdict) if self.profile else v.verdict
        head = " · ".join(x for x in (verdict, v.subtype, v.category) if x)
        lines = [f"<b>{escape(head)}</b>"]
        if v.illegal_cultivated_housing is not None:
            lines.append(self.tr("New rural housing on cultivated land: {}")
                         .format(self.tr("yes") if v.illegal_cultivated_housing else self.tr("no")))
        if v.nonagri:
            lines.append(self.tr("Non-agricultural conversion of cultivated land (非农化)"))
        if v.approval_no:
            lines.append(self.tr("Approval number: {}").format(escape(v.approval_no)))
        if v.rectification:
            lines.append(self.tr("Rectification: {}").format(escape(v.rectification)))
        if self.patch.military:
            lines.append(self.tr("Military land"))
        lines.append(self.tr("Basis: {}").format(escape(v.basis or "—")))
        self.summary.setText("<br>".join(lines))

    def _fill_choices(self, verdict_code, v):
        self.subtype.clear()
        self.category.clear()
        verdict = self.profile.verdict(verdict_code) if (self.profile and verdict_code) else None
        self.subtype.addItem("", None)
        for s in (verdict.subtypes if verdict else ()):
            self.subtype.addItem(s, s)
        self.category.addItem("", None)
        for s in (verdict.categories if verdict else ()):
            self.category.addItem(s, s)
        self._select(self.subtype, v.subtype if v else None)
        self._select(self.category, v.category if v else None)

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
        chosen = verdict_code is not None
        self.subtype.setVisible(chosen)
        self.subtype_label.setVisible(chosen)
        self.category.setVisible(illegal)
        self.category_label.setVisible(illegal)
        self.nonagri.setVisible(illegal and self.patch is not None and self.patch.cultivated_mu > 0)
        legal = self._kind(verdict_code) == LEGAL
        self.approval_no.setVisible(legal)
        self.approval_label.setVisible(legal)

    # -- persistence -------------------------------------------------------------------------------------------
    def _save(self, field: str, value, **more) -> Optional[bool]:
        if self._loading or not self.code or self.wp is None:
            return
        before = self.wp.verification(self.code)
        old = {f: getattr(before, f) if before else None for f in (field, *more)}
        new = {field: value, **more}
        if all(old[f] == new[f] for f in new):
            if field == "basis":
                self._drop_draft(self.code)
            return None
        return self._write(self.code, new, old)

    def _write(self, code: str, new: dict, old: dict) -> bool:
        """Save; when the package refuses (a lock, a full disk) nothing was saved: say so in red, keep the change
        and try it again every few seconds, for this patch even when another one is shown meanwhile."""
        try:
            self.wp.set_verification(code, self.user, **new)
        except StaleSave as exc:  # someone else saved this patch since it was shown: theirs stands, shown now
            self._stale = (code, new)
            if code == self.code:
                self.load(code)
            self.status.setStyleSheet("color: #c00000; font-weight: bold")
            self.status.setText(user_text(exc))
            self.status.setToolTip(self.tr("Your change: {}").format(
                "; ".join(f"{k} = {v}" for k, v in new.items())))
            self.reapply_button.setVisible(True)
            self.refused.emit(user_text(exc))
            return False
        except PackageError as exc:
            self._unsaved = (code, new, old)
            self.status.setStyleSheet("color: #c00000; font-weight: bold")
            self.status.setText(self.tr("NOT saved, trying again: {}").format(user_text(exc)))
            self.status.setToolTip(user_text(exc))
            self._retry_timer.start()
            return False
        self._unsaved = None
        if "basis" in new:
            self._drop_draft(code)
        self.status.setStyleSheet("")
        self.status.setToolTip("")
        self._undo.append((code, old))
        self.undo_button.setEnabled(True)
        self.status.setText(self.tr("Saved"))
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

    def _verdict_choices(self, profile) -> None:
        """One button per verdict of the profile (合法, 违法, 其他, and a province's own ones)."""
        for b in list(self.verdict_buttons.values()):
            self.verdict_group.removeButton(b)
            self.verdict_row.removeWidget(b)
            b.deleteLater()
        self.verdict_buttons = {}
        while self.verdict_row.count():
            self.verdict_row.takeAt(0)
        choices = [(v.code, v.name) for v in profile.verdicts] if profile else [(LEGAL, "合法"), (ILLEGAL, "违法"),
                                                                                 (OTHER, "其他")]
        for code, text in choices:
            b = QRadioButton(text)
            b.setObjectName(f"verdict_{code}")
            self.verdict_group.addButton(b)
            self.verdict_buttons[code] = b
            self.verdict_row.addWidget(b)
        self.verdict_row.addStretch(1)

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
            self._write_draft(self.code, self.basis.toPlainText())
            self._basis_timer.start()

    # -- drafts: what was typed and not yet saved, one small file per patch beside the package ---------------
    def _draft_path(self, code: Optional[str]) -> Optional[str]:
        if not (self.wp and code):
            return None
        stem = os.path.splitext(os.path.basename(self.wp.path))[0]
        return os.path.join(os.path.dirname(self.wp.path), f".{stem}_drafts", safe_file_name(code) + ".json")

    def _write_draft(self, code: Optional[str], text: str) -> None:
        path = self._draft_path(code)
        if path is None:
            return
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path + ".tmp", "w", encoding="utf-8") as fh:
                json.dump({"code": code, "basis": text, "user": self.user}, fh, ensure_ascii=False)
            os.replace(path + ".tmp", path)
        except OSError:
            pass  # the package itself is saved shortly; a draft is a second line of defence only

    def _drop_draft(self, code: Optional[str]) -> None:
        path = self._draft_path(code)
        if path and os.path.exists(path):
            try:
                os.remove(path)
            except OSError:
                pass

    def _recover_draft(self, v) -> None:
        """Text typed before QGIS closed or crashed, not yet in the package: put back and saved, said so."""
        path = self._draft_path(self.code)
        if not path or not os.path.exists(path):
            return
        try:
            with open(path, encoding="utf-8") as fh:
                draft = json.load(fh)
            text = str(draft.get("basis", "")) if draft.get("code") == self.code else None
            if draft.get("user") != self.user:
                return  # typed by someone else: theirs to recover, never saved under this user's name
        except (OSError, ValueError, AttributeError):
            text = None
        stored = (v.basis if v else None) or ""
        if text is None or text.strip() == stored.strip():
            self._drop_draft(self.code)
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
        try:
            self.wp.set_military(self.code, checked, self.user)
        except PackageError as exc:
            self.status.setStyleSheet("color: #c00000; font-weight: bold")
            self.status.setText(self.tr("NOT saved: {}").format(user_text(exc)))
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
