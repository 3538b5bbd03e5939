"""The county's records that are not of one patch: the two leads of the package (内业审核负责人, 外业核查负责人,
002 §三(四)1) and the county's field check of several patches at once (外业核查, 002 §三(二)3). Each writes
through the store with the record's own checks (core.records), as the algorithms set_responsible_persons and
record_field_checks do; a refusal keeps the dialog open with what was typed and says why."""
from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt
from qgis.PyQt.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ..core import records as rec
from ..language import user_text
from ..store.work_package import PackageError

LEADS = ("internal_review_lead", "field_check_lead")


class _Dialog(QDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.lay.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d32f2f;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.lay.addWidget(self.error)
        self.lay.addWidget(self.buttons)


class LeadsDialog(_Dialog):
    """Both leads named (the upload gate asks for both), recorded under the user's name."""

    def __init__(self, wp, user: str, parent=None):
        super().__init__(QCoreApplication.translate("CountyDialogs", "Internal-review and field-check leads"), parent)
        self.setObjectName("leads_dialog")
        self.wp, self.user = wp, user
        self.internal_review_lead = QLineEdit((wp.meta("internal_review_lead") or "").strip())
        self.internal_review_lead.setObjectName("internal_review_lead")
        self.field_check_lead = QLineEdit((wp.meta("field_check_lead") or "").strip())
        self.field_check_lead.setObjectName("field_check_lead")
        self.form.addRow(QCoreApplication.translate("CountyDialogs", "Internal-review lead (内业审核负责人)"), self.internal_review_lead)
        self.form.addRow(QCoreApplication.translate("CountyDialogs", "Field-check lead (外业核查负责人)"), self.field_check_lead)
        note = QLabel(QCoreApplication.translate("CountyDialogs", "Formal staff members of the county's department (002 §三(四)1)."))
        note.setWordWrap(True)
        self.lay.addWidget(note)
        self.finish_layout()

    def save(self) -> None:
        values = {LEADS[0]: self.internal_review_lead.text().strip(), LEADS[1]: self.field_check_lead.text().strip()}
        if not all(values.values()):
            self.error.setText(QCoreApplication.translate("CountyDialogs", "Name both leads"))
            return
        try:
            with self.wp.transaction():
                for key, value in values.items():
                    self.wp.set_meta(key, value, self.user)
        except PackageError as exc:
            self.error.setText(user_text(exc))
            return
        self.accept()


class FieldChecksDialog(_Dialog):
    """The patches checked (ticked in the list of the package's patches), who checked them and on which day."""

    def __init__(self, wp, codes, user: str, parent=None):
        super().__init__(QCoreApplication.translate("CountyDialogs", "The county's field check of several patches"), parent)
        self.setObjectName("field_checks_dialog")
        self.wp, self.user = wp, user
        held = wp.records()
        self.patches = QListWidget()
        self.patches.setObjectName("field_check_patches")
        for code in codes:
            done = held.get(code, {}).get(rec.FIELD_CHECK)
            item = QListWidgetItem(code + (QCoreApplication.translate("CountyDialogs", " (checked {} by {})").format(done.checked_on, done.checked_by)
                                           if done is not None else ""))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.patches.addItem(item)
        self.lay.insertWidget(0, self.patches, 1)
        self.checked_by = QLineEdit(user)
        self.checked_by.setObjectName("checked_by")
        self.checked_on = QDateEdit(QDate.currentDate())
        self.checked_on.setObjectName("checked_on")
        self.checked_on.setCalendarPopup(True)
        self.checked_on.setDisplayFormat("yyyy-MM-dd")
        self.note = QLineEdit()
        self.form.addRow(QCoreApplication.translate("CountyDialogs", "Checked by"), self.checked_by)
        self.form.addRow(QCoreApplication.translate("CountyDialogs", "Checked on"), self.checked_on)
        self.form.addRow(QCoreApplication.translate("CountyDialogs", "Note"), self.note)
        self.finish_layout()
        self.resize(420, 520)

    def chosen(self):
        return [self.patches.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.patches.count())
                if self.patches.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        codes = self.chosen()
        if not codes:
            self.error.setText(QCoreApplication.translate("CountyDialogs", "Tick the patches that were checked"))
            return
        try:
            check = rec.parse_record(rec.FIELD_CHECK, {"checked_by": self.checked_by.text().strip(),
                                                       "checked_on": self.checked_on.date().toString("yyyy-MM-dd"),
                                                       "note": self.note.text().strip()})
            with self.wp.transaction():  # all of them or none
                for code in codes:
                    self.wp.add_record(code, check, self.user)
        except (rec.RecordError, PackageError) as exc:
            self.error.setText(user_text(exc))
            return
        self.accept()
