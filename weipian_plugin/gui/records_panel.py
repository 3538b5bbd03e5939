"""What the county records beside a patch's verdict (core.records), shown and added by hand: its own field check,
the acceptance of a deduction, a higher level's finding, a disputed/key mark and the collective review. Each
record is appended (the latest of a kind holds) and audited; the form checks it before anything is written."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import records as rec
from ..core.model import ILLEGAL, LEGAL, OTHER, PHOTO
from ..language import user_text
from ..store.work_package import PackageError
from .choice_buttons import FlowLayout
from .user_name import need_name


def _fields(kind: str) -> List[Tuple[str, str, str, tuple]]:
    """(field, label, widget, choices) of a kind's form; widget: text, date, choice, flag or evidence."""
    if kind == rec.FIELD_CHECK:
        return [("checked_by", QCoreApplication.translate("RecordsPanel", "Checked by"), "text", ()),
                ("checked_on", QCoreApplication.translate("RecordsPanel", "Checked on"), "date", ()),
                ("note", QCoreApplication.translate("RecordsPanel", "Note"), "text", ())]
    if kind == rec.ACCEPTANCE:
        return [("kind", QCoreApplication.translate("RecordsPanel", "Deduction"), "choice",
                 tuple((k, rec.ACCEPTANCE_TEXT[k]) for k in rec.ACCEPTANCE_KINDS)),
                ("accepted_by", QCoreApplication.translate("RecordsPanel", "Accepted by"), "text", ()),
                ("accepted_on", QCoreApplication.translate("RecordsPanel", "Accepted on"), "date", ()),
                ("evidence_ids",
                 QCoreApplication.translate("RecordsPanel", "Evidence (after-photos, approval document)"), "evidence", ()),
                ("approval_no", QCoreApplication.translate("RecordsPanel", "Approval number (补办)"), "text", ()),
                ("project_name",
                 QCoreApplication.translate("RecordsPanel", "Project name (major project)"), "text", ()),
                ("project_type", QCoreApplication.translate("RecordsPanel", "Project type"), "choice",
                 (("", ""),) + tuple((k, rec.PROJECT_TYPE_TEXT[k]) for k in rec.PROJECT_TYPES)),
                ("approval_level", QCoreApplication.translate("RecordsPanel", "Approved at"), "choice",
                 (("", ""),) + tuple((k, rec.APPROVAL_LEVEL_TEXT[k]) for k in rec.APPROVAL_LEVELS)),
                ("note", QCoreApplication.translate("RecordsPanel", "Note"), "text", ())]
    if kind == rec.HIGHER_FINDING:
        return [("level", QCoreApplication.translate("RecordsPanel", "Found by"), "choice",
                 tuple((k, rec.LEVEL_TEXT[k]) for k in rec.LEVELS)),
                ("via", QCoreApplication.translate("RecordsPanel", "Through"), "choice",
                 tuple((k, rec.VIA_TEXT[k]) for k in rec.VIA)),
                ("outcome", QCoreApplication.translate("RecordsPanel", "Outcome"), "choice",
                 tuple((k, rec.OUTCOME_TEXT[k]) for k in rec.OUTCOMES)),
                ("found_on", QCoreApplication.translate("RecordsPanel", "Found on"), "date", ()),
                ("final_verdict", QCoreApplication.translate("RecordsPanel", "Their final verdict"), "choice",
                 (("", ""), (LEGAL, "合法"), (ILLEGAL, "违法"), (OTHER, "其他"))),
                ("final_category", QCoreApplication.translate("RecordsPanel", "Their 违法性质"), "text", ()),
                ("final_housing",
                 QCoreApplication.translate("RecordsPanel", "新增农村乱占耕地建房 (their determination)"), "choice",
                 (("", ""), ("是", "是"), ("否", "否"))),
                ("note", QCoreApplication.translate("RecordsPanel", "Note"), "text", ())]
    if kind == rec.MARK:
        return [("disputed", QCoreApplication.translate("RecordsPanel", "Disputed (疑难)"), "flag", ()),
                ("key", QCoreApplication.translate("RecordsPanel", "Key (重点)"), "flag", ()),
                ("project_type", QCoreApplication.translate("RecordsPanel", "Hand over as a project of"), "choice",
                 (("", ""),) + tuple((k, rec.PROJECT_TYPE_TEXT[k]) for k in rec.PROJECT_TYPES)),
                ("non_grain", QCoreApplication.translate("RecordsPanel", "非粮化 (hand over to agriculture)"), "flag", ()),
                ("note", QCoreApplication.translate("RecordsPanel", "Note"), "text", ())]
    return [("decided_on", QCoreApplication.translate("RecordsPanel", "Decided on"), "date", ()),
            ("participants", QCoreApplication.translate("RecordsPanel", "Participants (separated by 、)"), "text", ()),
            ("conclusion", QCoreApplication.translate("RecordsPanel", "Conclusion"), "text", ()),
            ("other_reason", QCoreApplication.translate(
                "RecordsPanel", "Why this key-class patch is the exception judged 其他 (only then)"), "text", ())]



class RecordDialog(QDialog):
    """A form for one record of a kind; `data()` is what was filled in, checked by core.records on save."""

    def __init__(self, kind: str, evidence, user: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"record_{kind}")
        self.setWindowTitle(RecordsPanel.kind_label(kind))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.widgets: Dict[str, QWidget] = {}
        for name, label, widget, choices in _fields(kind):
            if widget == "date":
                w = QDateEdit(QDate.currentDate())
                w.setCalendarPopup(True)
                w.setDisplayFormat("yyyy-MM-dd")
            elif widget == "choice":
                w = QComboBox()
                for value, text in choices:
                    w.addItem(text, value)
            elif widget == "flag":
                w = QCheckBox()
            elif widget == "evidence":
                w = QListWidget()
                w.setMaximumHeight(90)
                for e in evidence:
                    kind_text = QCoreApplication.translate("RecordsPanel", "photo") if e.kind == PHOTO else QCoreApplication.translate("RecordsPanel", "document")
                    item = QListWidgetItem(f"{e.id}  {kind_text}  {(e.taken_at or '')[:10]}  {e.path.split('/')[-1]}")
                    item.setData(Qt.ItemDataRole.UserRole, e.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    w.addItem(item)
            else:
                w = QLineEdit()
                if name in ("checked_by", "accepted_by"):
                    w.setText(user)
            w.setObjectName(name)
            self.widgets[name] = w
            form.addRow(label, w)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("record_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d32f2f;")
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def data(self) -> Dict:
        out = {}
        for name, w in self.widgets.items():
            if isinstance(w, QDateEdit):
                out[name] = w.date().toString("yyyy-MM-dd")
            elif isinstance(w, QComboBox):
                out[name] = w.currentData() or None
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QListWidget):
                out[name] = [w.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.count())
                             if w.item(i).checkState() == Qt.CheckState.Checked]
            else:
                out[name] = w.text().strip()
        return out


class RecordsPanel(QWidget):
    changed = pyqtSignal(str)
    KINDS = (rec.FIELD_CHECK, rec.ACCEPTANCE, rec.HIGHER_FINDING, rec.MARK, rec.COLLECTIVE_REVIEW)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.wp = None
        self.user = ""
        self.code: Optional[str] = None
        self.dialog: Optional[RecordDialog] = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.list = QListWidget()
        self.list.setObjectName("records_list")
        self.list.setWordWrap(True)
        lay.addWidget(self.list, 1)
        row = FlowLayout(spacing=4)  # five buttons wrap in a narrow dock
        self.buttons: Dict[str, QPushButton] = {}
        for kind in self.KINDS:
            b = QPushButton(self.kind_label(kind) + "…")
            b.setObjectName(f"add_{kind}")
            b.clicked.connect(lambda _checked=False, k=kind: self.open_dialog(k))
            self.buttons[kind] = b
            row.addWidget(b)
        # the package's, not one patch's: its two leads, and a field check of several patches at once
        self.leads_button = QPushButton(self.tr("Leads…"))
        self.leads_button.setObjectName("set_leads")
        self.leads_button.clicked.connect(lambda _checked=False: self.open_leads())
        self.field_checks_button = QPushButton(self.tr("Field check of several patches…"))
        self.field_checks_button.setObjectName("field_checks")
        self.field_checks_button.clicked.connect(lambda _checked=False: self.open_field_checks())
        self.leads_dialog = self.field_checks_dialog = None
        for b in (self.leads_button, self.field_checks_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("records_message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.setEnabled(False)

    def tr(self, text):
        return QCoreApplication.translate("RecordsPanel", text)

    @staticmethod
    def kind_label(kind: str) -> str:
        return {rec.FIELD_CHECK: QCoreApplication.translate("RecordsPanel", "Field check"),
                rec.ACCEPTANCE: QCoreApplication.translate("RecordsPanel", "Deduction acceptance"),
                rec.HIGHER_FINDING: QCoreApplication.translate("RecordsPanel", "Higher-level finding"),
                rec.MARK: QCoreApplication.translate("RecordsPanel", "Disputed / key"),
                rec.COLLECTIVE_REVIEW: QCoreApplication.translate("RecordsPanel", "Collective review")}[kind]

    def set_context(self, wp, user: str) -> None:
        self.wp, self.user = wp, user
        self.load(None)

    def load(self, code: Optional[str]) -> None:
        self.code = code
        self.setEnabled(bool(self.wp and code))
        self.list.clear()
        self.message.setText("")
        if not (self.wp and code):
            return
        held = self.wp.records(code).get(code, {})
        back = held.get(rec.CITY_RETURN)
        if back is not None:  # from the city's return package: shown first, never added by hand
            item = QListWidgetItem(self.tr("Returned by the city") + f"：{back.opinion}（{back.returned_by} "
                                   f"{back.returned_on}）" + self.tr("; correct by {}").format(back.deadline))
            item.setData(Qt.ItemDataRole.UserRole, rec.CITY_RETURN)
            self.list.addItem(item)
        for kind in self.KINDS:
            record = held.get(kind)
            text = self.describe(kind, record) if record is not None else self.tr("none")
            item = QListWidgetItem(f"{self.kind_label(kind)}：{text}")
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.list.addItem(item)

    def describe(self, kind: str, r) -> str:
        """One line in the user's language around the recorded (Chinese) values."""
        if kind == rec.FIELD_CHECK:
            return f"{r.checked_by} {r.checked_on}" + (f"（{r.note}）" if r.note else "")
        if kind == rec.ACCEPTANCE:
            return f"{rec.ACCEPTANCE_TEXT[r.kind]}，{r.accepted_by} {r.accepted_on}" + (
                f"，{r.project_name}" if r.project_name else "")
        if kind == rec.HIGHER_FINDING:
            final = {LEGAL: "合法", ILLEGAL: "违法", OTHER: "其他"}.get(r.final_verdict or "", "")
            return (f"{rec.LEVEL_TEXT[r.level]}{rec.VIA_TEXT[r.via]} {r.found_on}：{rec.OUTCOME_TEXT[r.outcome]}"
                    + (f"，最终判定{final}" if final else ""))
        if kind == rec.MARK:
            marks = [t for t, on in (("疑难", r.disputed), ("重点", r.key), ("非粮化", r.non_grain),
                                     (f"{rec.PROJECT_TYPE_TEXT.get(r.project_type or '', '')}项目",
                                      bool(r.project_type))) if on]
            return "、".join(marks) if marks else self.tr("not marked")
        return (f"{r.decided_on}，{'、'.join(r.participants)}：{r.conclusion}"
                + (f"（认定“其他”的例外理由：{r.other_reason}）" if r.other_reason else ""))

    def open_dialog(self, kind: str) -> Optional[RecordDialog]:
        """The form for a new record of this kind (non-modal, so it can be driven); saving checks and writes it."""
        if not (self.wp and self.code):
            return None
        self.dialog = RecordDialog(kind, self.wp.evidence(self.code), self.user, self)
        self.dialog.buttons.accepted.connect(self._save)
        self.dialog.open()
        return self.dialog

    def set_user(self, user: str) -> None:
        self.user = user

    def open_leads(self):
        """The package's internal-review and field-check leads (the upload gate asks for both)."""
        from .county_dialogs import LeadsDialog

        if self.wp is None or not need_name(self):
            return None
        self.leads_dialog = LeadsDialog(self.wp, self.user, self)
        self.leads_dialog.accepted.connect(self._package_recorded)
        self.leads_dialog.open()
        return self.leads_dialog

    def open_field_checks(self):
        """The county's field check of the patches ticked in a list of the package's patches."""
        from .county_dialogs import FieldChecksDialog

        if self.wp is None or not need_name(self):
            return None
        self.field_checks_dialog = FieldChecksDialog(self.wp, sorted(self.wp.patch_codes()), self.user, self)
        self.field_checks_dialog.accepted.connect(self._package_recorded)
        self.field_checks_dialog.open()
        return self.field_checks_dialog

    def _package_recorded(self) -> None:
        self.load(self.code)
        self.message.setText(self.tr("Recorded."))
        self.changed.emit(self.code or "")

    def _save(self) -> None:
        dialog = self.dialog
        if not need_name(self):
            dialog.error.setText(self.tr("Not saved: a record is kept with the name of who made it"))
            return
        data = dialog.data()
        if dialog.kind == rec.HIGHER_FINDING and data.get("final_verdict") != ILLEGAL:
            data["final_category"], data["final_housing"] = None, None
        try:
            record = rec.parse_record(dialog.kind, {k: v for k, v in data.items() if v not in ("", None)})
            self.wp.add_record(self.code, record, self.user)
        except (rec.RecordError, PackageError) as exc:
            dialog.error.setText(user_text(exc))  # the form stays open with what was typed
            return
        dialog.accept()
        self.load(self.code)
        self.message.setText(self.tr("Recorded: {}").format(self.kind_label(dialog.kind)))
        self.changed.emit(self.code)
