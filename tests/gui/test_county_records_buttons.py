"""The county's records from the dock (issue 22 §5): the gate named an algorithm (weipian:set_responsible_persons)
for the two leads; 县级记录 now has a button for them, and one that records the county's field check of several
patches at once — chosen in a list, with who checked them and when — through the same checks as the algorithm."""
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from weipian_plugin.core import records as rec

from .conftest import type_text
from .test_dock import open_dock_as


def _county(qgis_iface, package_path):
    d = open_dock_as(qgis_iface, package_path, "县卫片办 李明", "reviewer")
    d.select_patch(d.model.code_at(0))
    d.tabs.setCurrentWidget(d.records)
    return d


def test_the_two_leads_are_named_from_the_dock_and_the_gate_hears_it(qgis_iface, qgis_new_project, package_path):
    d = _county(qgis_iface, package_path)
    if not ("leads" in d.gate_label.text() or "负责人" in d.gate_label.text()):
        d.wp.set_meta("internal_review_lead", "", "test")  # the gate names the missing leads
        d._update_coverage()
    said = d.gate_label.text() + d.gate_label.toolTip()
    assert "leads" in said or "负责人" in said, said  # the gate names what is missing
    assert "set_responsible_persons" not in said  # no algorithm's name for people to look up
    QTest.mouseClick(d.records.leads_button, Qt.MouseButton.LeftButton)
    dialog = d.records.leads_dialog
    type_text(dialog.internal_review_lead, "县局 王强")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text()  # one is not enough: both are named (002 §三(四)1)
    type_text(dialog.field_check_lead, "县局 赵敏")
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert (d.wp.meta("internal_review_lead"), d.wp.meta("field_check_lead")) == ("县局 王强", "县局 赵敏")
    entries = [a for a in d.wp.audit_entries() if a["actor"] == "县卫片办 李明" and a["action"] == "set_meta"]
    assert entries  # recorded under the name of who did it
    QApplication.processEvents()
    assert "负责人" not in d.gate_label.text() and "leads" not in d.gate_label.text()
    d.close_package()


def test_a_field_check_of_several_patches_at_once(qgis_iface, qgis_new_project, package_path):
    d = _county(qgis_iface, package_path)
    QTest.mouseClick(d.records.field_checks_button, Qt.MouseButton.LeftButton)
    dialog = d.records.field_checks_dialog
    listing = dialog.patches
    assert listing.count() == d.model.rowCount()
    chosen = [listing.item(i).data(Qt.ItemDataRole.UserRole) for i in (0, 2, 5)]
    for i in (0, 2, 5):
        listing.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.checked_by.clear()
    type_text(dialog.checked_by, "县局外业组 孙磊")
    dialog.checked_on.setDate(QDate(2026, 11, 20))
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    held = d.wp.records()
    for code in chosen:
        check = held[code][rec.FIELD_CHECK]
        assert (check.checked_by, check.checked_on) == ("县局外业组 孙磊", "2026-11-20")
    others = [c for c in d.wp.patch_codes() if c not in chosen]
    assert not any(rec.FIELD_CHECK in held.get(c, {}) for c in others)
    # a day in the future is refused by the record's own checks, nothing written
    QTest.mouseClick(d.records.field_checks_button, Qt.MouseButton.LeftButton)
    dialog = d.records.field_checks_dialog
    dialog.patches.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.checked_on.setDate(QDate.currentDate().addDays(30))
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text()
    assert rec.FIELD_CHECK not in d.wp.records().get(dialog.patches.item(1).data(Qt.ItemDataRole.UserRole), {})
    dialog.reject()
    d.close_package()
