"""The dock driven like a user would: clicks, keys and drops on real widgets, asserted on the GeoPackage."""
import os

from desks import confirmed
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QMimeData, QPoint, Qt, QUrl
from qgis.PyQt.QtGui import QDropEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from weipian_plugin.core import records
from weipian_plugin.store.work_package import WorkPackage

from .conftest import on_next_modal, set_user, type_text, wait_for


def unverified_with_cultivated(d, cls="新增非农建设类"):
    for p in d.wp.patches(with_geometry=False):
        if p.class_name == cls and p.cultivated_mu > 0 and d.wp.state(p.code) == "unverified":
            return p.code
    raise AssertionError("no such patch")


def test_open_adds_styled_layers_and_fills_the_list(dock, sample):
    assert dock.model.rowCount() == len(sample.patches) == dock.model.total()
    names = sorted(layer.name() for layer in QgsProject.instance().mapLayers().values())
    assert len(names) == 2
    assert dock.patch_layer.renderer().type() == "RuleRenderer"
    assert dock.patch_layer.labelsEnabled()
    expr = dock.photo_layer.renderer().symbol().symbolLayer(0).geometryExpression()
    assert "wedge_buffer" in expr
    assert dock.verified_bar.value() == 0 and "0/60" in dock.verified_bar.text()
    assert not dock.export_button.isEnabled() and "60" in dock.gate_label.text()


def test_search_and_filters(dock, sample):
    code = sample.patches[7].code
    QTest.keyClicks(dock.search, code[-4:])
    assert dock.model.rowCount() == 1 and dock.model.code_at(0) == code
    dock.search.clear()
    dock.state_filter.setCurrentIndex(dock.state_filter.findData("passed"))
    assert dock.model.rowCount() == 0
    dock.state_filter.setCurrentIndex(0)
    dock.township_filter.setCurrentIndex(dock.township_filter.findData("五里镇"))
    assert dock.model.rowCount() == sum(1 for p in sample.patches if p.township == "五里镇")
    assert dock.count_label.text().startswith(str(dock.model.rowCount()))


def test_sorting_by_cultivated_area(dock):
    dock.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    values = [float(dock.model.data(dock.model.index(r, 3))) for r in range(dock.model.rowCount())]
    assert values == sorted(values, reverse=True)


def test_verify_a_patch_with_clicks_and_keys(dock):
    code = unverified_with_cultivated(dock)
    assert dock.select_patch(code)
    form = dock.form
    assert not form.verdict_buttons["QT"].isEnabled()  # 其他 is not offered for this class
    assert "002" in form.other_note.text()
    QTest.mouseClick(form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    assert dock.wp.verification(code).verdict == "WF"
    assert form.housing_box.isVisibleTo(form) and form.housing_missing.isVisibleTo(form)
    form.subtype.setCurrentIndex(form.subtype.findData("违法占地"))
    form.subtype.activated.emit(form.subtype.currentIndex())
    QTest.mouseClick(form.housing_yes, Qt.MouseButton.LeftButton)
    type_text(form.basis, "未批先建")
    form.flush()
    v = dock.wp.verification(code)
    assert (v.subtype, v.illegal_cultivated_housing, v.basis, v.verifier) == ("违法占地", True, "未批先建", "五里镇 陈强")
    assert dock.wp.state(code) == "awaiting_review"
    assert "1/60" in dock.verified_bar.text()
    # another connection sees it: it is committed, not buffered
    with WorkPackage.open(dock.wp.path) as other:
        assert other.verification(code).basis == "未批先建"
    actions = [e["action"] for e in dock.wp.audit_entries(code)]
    assert actions.count("set_verification") >= 4
    # switching to 合法 drops the housing determination (the rule says: only for 违法 on 耕地)
    QTest.mouseClick(form.verdict_buttons["HF"], Qt.MouseButton.LeftButton)
    assert dock.wp.verification(code).illegal_cultivated_housing is None
    assert not form.housing_box.isVisibleTo(form)
    QTest.mouseClick(form.undo_button, Qt.MouseButton.LeftButton)
    v = dock.wp.verification(code)
    assert v.verdict == "WF" and v.illegal_cultivated_housing is True


def test_next_to_do_moves_on_without_the_mouse(dock):
    first = dock.current
    QTest.keyClick(dock.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    assert dock.current is not None
    nxt = dock.next_to_do()
    assert nxt != first and dock.wp.state(nxt) == "unverified"


def test_drop_photos_and_remove_evidence(dock, sample, tmp_path):
    code = unverified_with_cultivated(dock)
    dock.select_patch(code)
    dock.tabs.setCurrentIndex(1)
    photo = next(p for p in sample.photos if p.case == "normal" and p.patch_code != code)
    before = len(dock.wp.evidence(code))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(photo.path)])
    panel = dock.evidence
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(drop)
    evidence = dock.wp.evidence(code)
    assert len(evidence) == before + 1
    added = evidence[-1]
    assert os.path.exists(os.path.join(os.path.dirname(dock.wp.path), added.path))
    assert panel.list.count() == before + 1
    # the same file on another patch is flagged on this one too
    findings = {f.rule for f in dock.findings.patch_model.items}
    assert "photo.reused" in findings
    item = next(panel.list.item(i) for i in range(panel.list.count())
                if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == added.id)
    item.setSelected(True)
    assert panel.remove_selected(confirm=False) == 1
    assert len(dock.wp.evidence(code)) == before
    assert os.path.exists(photo.path)  # the user's file stays where it was
    assert os.path.exists(os.path.join(os.path.dirname(dock.wp.path), added.path))
    assert dock.wp.audit_entries(code)[-1]["action"] == "remove_evidence"


def test_reviewer_mode_pass_and_return(dock):
    code = unverified_with_cultivated(dock)
    dock.select_patch(code)
    dock.form.wp.set_verification(code, "五里镇 陈强", verdict="WF", subtype="违法占地", basis="b",
                                  illegal_cultivated_housing=False)
    # the verifier cannot review their own patch
    dock.mode.setCurrentIndex(dock.mode.findData("reviewer"))
    dock.review.load(code)
    assert not dock.review.pass_button.isEnabled() and "another person" in dock.review.blocked.text()
    set_user("县卫片办 李明", "reviewer")
    dock._reload_contexts()
    dock.review.load(code)
    assert dock.review.pass_button.isEnabled() and not dock.review.return_button.isEnabled()
    type_text(dock.review.opinion, "请补拍远景")
    QTest.mouseClick(dock.review.return_button, Qt.MouseButton.LeftButton)
    assert dock.wp.state(code) == "returned"
    assert dock.wp.reviews(code)[-1].opinion == "请补拍远景"
    assert dock.review.history.count() == 1
    assert "请补拍远景" in " ".join(f.message_zh for f in dock.findings.patch_model.items)


def reviewer_on_large_restoration(dock):
    """A 违法 patch of ≥ 10 亩 耕地 restored (已拆除复耕), opened by a county reviewer: its pass needs an opinion."""
    code = next(p.code for p in dock.wp.patches(with_geometry=False) if p.cultivated_mu >= 10)
    dock.wp.set_verification(code, "乡镇 甲", verdict="WF", subtype="违法占地", basis="b", rectification="已拆除复耕",
                             illegal_cultivated_housing=False)
    set_user("县卫片办 李明", "reviewer")
    dock._reload_contexts()
    dock.select_patch(code)
    dock.review.load(code)
    return code


def test_written_opinion_required_for_large_restoration(dock):
    code = reviewer_on_large_restoration(dock)
    said = dock.review.opinion.placeholderText()  # in the box it asks for, not a line that moves the buttons
    assert "written" in said or "书面" in said
    assert not dock.review.pass_button.isEnabled()
    type_text(dock.review.opinion, "经审核，已拆除复耕到位。")
    assert dock.review.pass_button.isEnabled()
    QTest.mouseClick(dock.review.pass_button, Qt.MouseButton.LeftButton)
    assert dock.wp.reviews(code)[-1].decision == "pass"


def test_export_gate_opens_only_when_everything_is_reviewed(qgis_iface, qgis_new_project, tmp_path, sample, provider):
    import processing

    from weipian_plugin.gui.dock import WeipianDock

    # a package of two complete patches
    out = str(tmp_path / "small.gpkg")
    processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": out})
    with WorkPackage.open(out) as wp:
        keep = [p.code for p in wp.patches(with_geometry=False) if p.class_name == "其他变化类"][:2]
        wp.conn.execute("DELETE FROM patches WHERE code NOT IN (?, ?)", keep)
        for code in keep:
            wp.set_verification(code, "乡镇 甲", verdict="WF", subtype="违法占地", basis="b", category="新增建设用地违法",
                                illegal_cultivated_housing=False if wp.patch(code).cultivated_mu > 0 else None)
            wp.add_record(code, records.FieldCheck("县 丙", "2026-11-01"), "县 丙")
        wp.set_meta("internal_review_lead", "县 乙", "县 乙")
        wp.set_meta("field_check_lead", "县 丙", "县 乙")
        photos = [p for p in sample.photos if p.patch_code in keep and p.case in ("normal", "magnetic")]
        from weipian_plugin.core.photo_reading import read_photo
        from weipian_plugin.services.photo_attach import attach_reading

        for p in photos:
            attach_reading(wp, p.patch_code, read_photo(p.path), "乡镇 甲")
        wp.add_review(keep[0], "县 乙", "pass", "同意")
    set_user("县 乙", "reviewer")
    d = WeipianDock(qgis_iface)
    d.open_package(out)
    wait_for(lambda: d.task is None)
    assert not d.export_button.isEnabled() and "1" in d.gate_label.text()
    d.select_patch(keep[1])
    QTest.mouseClick(d.review.pass_button, Qt.MouseButton.LeftButton)
    assert d.wp.state(keep[1]) == "passed"
    d.check_package()
    wait_for(lambda: d.task is None)
    blocking = [f for f in d.findings.package_model.items if f.severity == "blocking"]
    assert d.export_button.isEnabled() == (not blocking), [f.rule for f in blocking]
    assert d.export_button.isEnabled()
    # the export button writes the upload package beside the work package, in a process of its own
    QTest.mouseClick(d.export_button, Qt.MouseButton.LeftButton)
    assert d.job is not None and not d.job_row.isHidden()
    wait_for(lambda: not d.job.running(), timeout=180)
    QApplication.processEvents()
    ok, result, text = d.last_job
    assert ok, text
    out = result["OUTPUT"]
    assert out.startswith(str(tmp_path / "small_upload_")) and out.endswith(".zip")
    from weipian_plugin.services.package_zip import verify_package

    assert verify_package(out).counts["patches"] == 2
    assert d.job_row.isHidden()
    d.close_package()


def test_township_opens_its_assignment_zip_and_sends_work_back(qgis_iface, qgis_new_project, package_path, tmp_path,
                                                               provider, processing_dialogs):
    from weipian_plugin.gui.dock import WeipianDock
    from weipian_plugin.services.assignment_packages import export_assignment_packages
    from weipian_plugin.services.package_zip import verify_package

    with WorkPackage.open(package_path) as wp:
        report = export_assignment_packages(wp, str(tmp_path / "out"), "县 乙")
    town, zip_path, n = report.packages[0]
    set_user("乡镇 甲")
    d = WeipianDock(qgis_iface)
    asked = type_into_next_input(confirmed()[0].replace(" ", ""))  # the county's first package: its key by phone
    assert d.open_package(zip_path)
    assert asked and confirmed()[0] in asked[0]
    wait_for(lambda: d.task is None)
    assert d.model.total() == n and d.wp.meta("township") == town
    assert not d.export_button.isEnabled() and "return package" in d.gate_label.text()
    # the township sees its own task, not the county's gate: no upload button, no "review missing" on every patch
    assert d.export_button.isHidden() and d.reviewed_bar.isHidden() and f"0 of {n} patches verified" in d.gate_label.text()
    code = d.model.code_at(0)
    d.select_patch(code)
    assert "review.missing" not in {f.rule for f in d.findings.patch_model.items}
    assert d.package_actions["return"].isEnabled() and not d.package_actions["import"].isEnabled()
    from qgis.PyQt.QtWidgets import QMessageBox

    asked = answer_next_question(QMessageBox.StandardButton.Yes)  # nothing verified yet: it asks first
    d.package_actions["return"].trigger()
    assert asked and f"{n} of {n}" in asked[0]
    out = d.dialog.mainWidget().createProcessingParameters()["OUTPUT"]
    assert os.path.dirname(out) == os.path.dirname(zip_path)
    QTest.mouseClick(d.dialog.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: os.path.exists(out))
    m = verify_package(out)
    assert m.kind == "return" and m.identity["township"] == town and m.identity["created_by"] == "乡镇 甲"
    d.dialog.close()
    d.close_package()
    # a damaged zip gives a message naming it and opens nothing
    bad = tmp_path / "broken_assignment.zip"
    bad.write_bytes(open(zip_path, "rb").read()[:5000])
    qgis_iface.messageBar().clearWidgets()
    assert not d.open_package(str(bad))
    assert d.wp is None


def test_pick_on_map_selects_in_list(dock, qgis_iface):
    code = dock.model.code_at(5)
    dock.pick_button.setChecked(True)
    assert qgis_iface.mapCanvas().mapTool() is dock.pick_tool
    feat = next(dock.patch_layer.getFeatures(f"\"code\" = '{code}'"))
    dock.pick_tool.featureIdentified.emit(feat)
    assert dock.current == code
    dock.pick_button.setChecked(False)
    assert qgis_iface.mapCanvas().mapTool() is None


def test_broken_package_gives_a_message_and_keeps_the_open_one(dock, tmp_path, qgis_iface):
    bad = tmp_path / "坏的.gpkg"
    bad.write_bytes(b"garbage")
    path = dock.wp.path
    assert not dock.open_package(str(bad))
    assert dock.wp is not None and dock.wp.path == path


def test_attach_folder_runs_as_a_task(dock, sample, tmp_path):
    import shutil

    code = unverified_with_cultivated(dock)
    folder = tmp_path / "新照片" / code
    folder.mkdir(parents=True)
    src = next(p for p in sample.photos if p.case == "normal" and p.patch_code != code)
    shutil.copyfile(src.path, folder / "远景.jpg")
    (folder / "坏.jpg").write_bytes(b"")
    before = len(dock.wp.evidence(code))
    task = dock.attach_folder(str(tmp_path / "新照片"))
    assert task is not None
    wait_for(lambda: dock.task is None)
    assert task.error is None
    statuses = sorted((r.path.endswith("坏.jpg"), r.status) for r in task.result)
    # by folder name; the empty file is no photo: left out, and the report says why (issue 22 §4)
    assert statuses == [(False, "attached"), (True, "unmatched")]
    empty = next(r for r in task.result if r.path.endswith("坏.jpg"))
    from weipian_plugin.language import user_text

    assert "photo" in user_text(empty.reason) or "照片" in user_text(empty.reason)
    ev = dock.wp.evidence(code)
    assert len(ev) == before + 1 and not any("empty_file" in (e.problem_codes or "") for e in ev)


def test_options_page_saves_settings(qgis_iface):
    from weipian_plugin.gui.options_page import OptionsPage
    from weipian_plugin.settings import Settings

    page = OptionsPage()
    page.user_name.setText("  县卫片办 王五 ")
    page.role.setCurrentIndex(page.role.findData("reviewer"))
    page.azimuth.setValue(8.0)
    page.apply()
    s = Settings.load()
    assert (s.user_name, s.role, s.azimuth_tolerance_deg) == ("县卫片办 王五", "reviewer", 8.0)
    from weipian_plugin.core.profile import load_profile

    assert s.apply_to(load_profile()).azimuth_tolerance_deg == 8.0


def test_a_save_refused_by_a_lock_says_so_keeps_the_text_and_lands_later(dock, monkeypatch):
    """One 'database is locked' once wedged the dock: the failed edit showed as saved and was gone on reopen."""
    import sqlite3

    from weipian_plugin.gui import verification_form

    code = unverified_with_cultivated(dock)
    assert dock.select_patch(code)
    form = dock.form
    QTest.mouseClick(form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    dock.wp.conn.execute("PRAGMA busy_timeout=200")
    other = sqlite3.connect(dock.wp.path, isolation_level=None)  # another program holds the package
    other.execute("BEGIN IMMEDIATE")
    type_text(form.basis, "锁住时写的依据")
    form.flush()
    assert "NOT saved" in form.status.text() and "locked" in form.status.text()
    assert form.basis.toPlainText() == "锁住时写的依据"
    assert dock.wp.verification(code).basis is None
    other.execute("ROLLBACK")
    other.close()
    wait_for(lambda: form.status.text() == form.tr("Saved"), timeout=verification_form.RETRY_MS / 1000 + 5)
    with WorkPackage.open(dock.wp.path) as again:
        assert again.verification(code).basis == "锁住时写的依据"


def test_a_review_refused_by_a_lock_records_nothing_and_keeps_the_opinion(dock):
    import sqlite3

    code = reviewer_on_large_restoration(dock)
    type_text(dock.review.opinion, "经审核，已拆除复耕到位。")
    dock.wp.conn.execute("PRAGMA busy_timeout=200")
    other = sqlite3.connect(dock.wp.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    QTest.mouseClick(dock.review.pass_button, Qt.MouseButton.LeftButton)
    other.execute("ROLLBACK")
    other.close()
    assert dock.wp.reviews(code) == [] and "NOT recorded" in dock.review.blocked.text()
    assert dock.review.opinion.toPlainText() == "经审核，已拆除复耕到位。"
    QTest.mouseClick(dock.review.pass_button, Qt.MouseButton.LeftButton)
    assert dock.wp.reviews(code)[-1].decision == "pass" and dock.wp.state(code) == "passed"


def test_case_papers_typed_on_drop_and_the_nonagri_mark(dock, tmp_path):
    """A 违法 patch under rectification needs its case papers: a PDF dropped with the type 违法案件材料 is one."""
    code = unverified_with_cultivated(dock)
    dock.select_patch(code)
    form = dock.form
    QTest.mouseClick(form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    form.rectification.setCurrentIndex(form.rectification.findData("整改中"))
    form.rectification.activated.emit(form.rectification.currentIndex())
    assert not form.nonagri.isHidden()  # offered for 违法 on 耕地
    form.nonagri.setChecked(True)
    assert dock.wp.verification(code).nonagri is True
    assert "evidence.case_papers_missing" in {f.rule for f in dock.findings.patch_model.items}
    pdf = tmp_path / "立案决定书.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    panel = dock.evidence
    panel.doc_type.setCurrentIndex(panel.doc_type.findData("case"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    panel.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                               Qt.KeyboardModifier.NoModifier))
    doc = dock.wp.evidence(code)[-1]
    assert (doc.kind, doc.doc_type) == ("document", "case")
    assert "evidence.case_papers_missing" not in {f.rule for f in dock.findings.patch_model.items}
    caption = panel.list.item(panel.list.count() - 1).text()
    assert caption.startswith(panel.doc_type_label("case"))


def fill(dialog, **values):
    """Type into a record form like a user: text fields, choices by their value, check boxes, evidence ticks."""
    from qgis.PyQt.QtCore import QDate
    from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QListWidget

    for name, value in values.items():
        w = dialog.widgets[name]
        if isinstance(w, QLineEdit):
            w.clear()
            type_text(w, value)
        elif isinstance(w, QDateEdit):
            w.setDate(QDate.fromString(value, "yyyy-MM-dd"))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(w.findData(value))
        elif isinstance(w, QCheckBox):
            if w.isChecked() != value:
                QTest.keyClick(w, Qt.Key.Key_Space)
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                if w.item(i).data(Qt.ItemDataRole.UserRole) in value:
                    w.item(i).setCheckState(Qt.CheckState.Checked)


def press_ok(dialog):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_county_records_by_hand(dock):
    """A reviewer marks a patch disputed (it cannot pass until the collective review is recorded), records the
    county's field check and a city finding; a wrong form stays open with its reason and writes nothing."""
    code = unverified_with_cultivated(dock)
    dock.wp.set_verification(code, "五里镇 陈强", verdict="WF", subtype="违法占地", basis="b", category="新增建设用地违法",
                             illegal_cultivated_housing=False, rectification="已拆除复耕")
    set_user("县 李明", "reviewer")
    dock._reload_contexts()
    dock.mode.setCurrentIndex(dock.mode.findData("reviewer"))
    dock.select_patch(code)
    panel = dock.records
    assert dock.tabs.isTabEnabled(dock.tabs.indexOf(panel))
    dock.tabs.setCurrentWidget(panel)
    QTest.mouseClick(panel.buttons[records.MARK], Qt.MouseButton.LeftButton)
    fill(panel.dialog, disputed=True, note="村组意见不一")
    press_ok(panel.dialog)
    assert dock.wp.records(code)[code][records.MARK].disputed
    assert "review.collective_missing" in {f.rule for f in dock.findings.patch_model.items}
    type_text(dock.review.opinion, "同意")
    QTest.mouseClick(dock.review.pass_button, Qt.MouseButton.LeftButton)
    assert not dock.wp.reviews(code) or dock.wp.reviews(code)[-1].decision != "pass"
    # a collective review with one participant is refused in the form, which stays open
    dialog = panel.open_dialog(records.COLLECTIVE_REVIEW)
    fill(dialog, participants="李明", conclusion="维持违法判定")
    press_ok(dialog)
    assert dialog.isVisible() and dialog.error.text() and records.COLLECTIVE_REVIEW not in dock.wp.records(code)[code]
    fill(dialog, participants="李明、赵刚、钱局长")
    press_ok(dialog)
    assert not dialog.isVisible()
    assert dock.wp.records(code)[code][records.COLLECTIVE_REVIEW].participants == ["李明", "赵刚", "钱局长"]
    # the county's field check and a restoration acceptance without evidence (refused), then with an after-photo
    dialog = panel.open_dialog(records.FIELD_CHECK)
    assert dialog.widgets["checked_by"].text() == "县 李明"
    press_ok(dialog)
    dialog = panel.open_dialog(records.ACCEPTANCE)
    fill(dialog, kind="restored", accepted_by="县 孙验收")
    press_ok(dialog)
    assert dialog.isVisible() and "evidence_ids" in dialog.error.text()
    photos = [e.id for e in dock.wp.evidence(code) if e.kind == "photo" and e.taken_at]
    assert photos  # the sample's photos of this patch
    fill(dialog, evidence_ids=photos[:1])
    press_ok(dialog)
    assert dock.wp.records(code)[code][records.ACCEPTANCE].evidence_ids == photos[:1]
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("县 李明" in t for t in texts) and any("疑难" in t for t in texts)
    QTest.mouseClick(dock.review.pass_button, Qt.MouseButton.LeftButton)
    assert dock.wp.reviews(code)[-1].decision == "pass"


def test_overdue_and_unnamed_leads_are_shown(dock):
    """月清: patches issued by the 20th are due the 20th of the next month (002 §三(二)3); the dock counts those past
    due and not passed. An unnamed lead is named as a reason the export is blocked."""
    import datetime as dt

    from weipian_plugin.core.rules import monthly_due_date

    rows = dock.wp.conn.execute("SELECT issued_at FROM patches WHERE state <> 'passed' AND military = 0").fetchall()
    expected = sum(1 for (issued,) in rows if issued and dt.date.today() > monthly_due_date(issued, dock.profile))
    assert expected > 0  # the sample batch was issued months ago
    dock._update_coverage()
    assert dock.overdue() == expected and not dock.overdue_label.isHidden()
    assert str(expected) in dock.overdue_label.text()
    assert "leads" in dock.gate_label.text() or "负责人" in dock.gate_label.text()
    dock.wp.set_meta("internal_review_lead", "县 李明", "县 李明")
    dock.wp.set_meta("field_check_lead", "县 赵刚", "县 李明")
    dock._update_coverage()
    assert "leads" not in dock.gate_label.text() and "负责人" not in dock.gate_label.text()


def open_dock_as(iface, path, user, role):
    """A new dock, shown, with this user and mode, on this package (or assignment zip)."""
    from weipian_plugin.gui.dock import WeipianDock

    set_user(user, role)
    d = WeipianDock(iface)
    d.show()
    assert d.open_package(path)
    wait_for(lambda: d.task is None)
    return d


def type_into_next_input(text):
    """Type text into the next input dialog that opens (the fingerprint asked on a sender's first package) and
    press OK; returns what the dialog said."""
    from qgis.PyQt.QtWidgets import QInputDialog, QLineEdit

    seen = []

    def answer(box):
        seen.append(box.labelText())
        QTest.keyClicks(box.findChild(QLineEdit), text)
        box.accept()
    on_next_modal(QInputDialog, answer)
    return seen


def choose_in_next_file_dialog(paths):
    """Choose these files in the next file dialog that opens (typed as Qt's dialog takes several: "a" "b"), and
    record the folder it opened in."""
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QFileDialog, QLineEdit

    seen = []

    def answer(dialog):
        seen.append({"folder": dialog.directory().absolutePath(), "title": dialog.windowTitle()})
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        if len(paths) == 1:
            name.setText(paths[0])
            QTest.keyClick(name, Qt.Key.Key_Return)
            return
        dialog.setDirectory(os.path.dirname(paths[0]))  # several: their folder, then their names in quotes

        def type_names():
            name.setText(" ".join(f'"{os.path.basename(p)}"' for p in paths))
            QTest.keyClick(name, Qt.Key.Key_Return)
        QTimer.singleShot(300, type_names)  # once the dialog has gone to the folder
    on_next_modal(QFileDialog, answer)
    return seen


def answer_next_question(button):
    """Press `button` on the next message box that opens (it is modal: answer it from the event loop)."""
    from qgis.PyQt.QtWidgets import QMessageBox

    seen = []

    def answer(box):
        seen.append(box.text())
        box.button(button).click()
    on_next_modal(QMessageBox, answer)
    return seen


def test_remove_button_asks_first_and_the_removal_can_be_undone(dock):
    """The 移除 button once detached at once (the click's `checked` flag reached `confirm`)."""
    from qgis.PyQt.QtWidgets import QMessageBox

    code = next(e.patch_code for e in dock.wp.evidence() if e.kind == "photo")
    dock.select_patch(code)
    panel = dock.evidence
    before = [(e.path, e.sha256) for e in dock.wp.evidence(code)]
    panel.list.item(0).setSelected(True)
    asked = answer_next_question(QMessageBox.StandardButton.No)
    QTest.mouseClick(panel.remove, Qt.MouseButton.LeftButton)
    assert asked and str(len(panel.list.selectedItems())) in asked[0]
    assert [(e.path, e.sha256) for e in dock.wp.evidence(code)] == before  # "No" keeps it
    panel.list.item(0).setSelected(True)
    asked = answer_next_question(QMessageBox.StandardButton.Yes)
    QTest.mouseClick(panel.remove, Qt.MouseButton.LeftButton)
    assert asked and len(dock.wp.evidence(code)) == len(before) - 1
    assert panel.undo_remove.isEnabled()
    QTest.mouseClick(panel.undo_remove, Qt.MouseButton.LeftButton)
    assert sorted((e.path, e.sha256) for e in dock.wp.evidence(code)) == sorted(before)
    assert not panel.undo_remove.isEnabled()
    actions = [e["action"] for e in dock.wp.audit_entries(code)][-2:]
    assert actions == ["remove_evidence", "add_evidence"]  # both stay in the log


def test_the_chosen_patch_follows_changes_made_elsewhere_and_a_pass_is_final(dock):
    """Another connection (an algorithm, a task, a second QGIS) verifies the chosen patch: within 2 s the dock
    shows the verdict and the reviewer can decide, without choosing another row and back. After a pass, 通过 is
    no longer offered and the prompt says who passed it."""
    import time

    code = unverified_with_cultivated(dock)
    set_user("县 李明", "reviewer")
    dock._reload_contexts()
    dock.mode.setCurrentIndex(dock.mode.findData("reviewer"))
    dock.select_patch(code)
    assert dock.review.reviewer == "县 李明", dock.review.reviewer
    assert not dock.review.pass_button.isEnabled()  # nothing to review yet
    with WorkPackage.open(dock.wp.path) as other:
        other.set_verification(code, "五里镇 陈强", verdict="WF", subtype="违法占地", basis="未批先建",
                               category="新增建设用地违法", illegal_cultivated_housing=False)
    start = time.monotonic()
    wait_for(lambda: dock.form.verdict_buttons["WF"].isChecked(), timeout=3.0)
    assert time.monotonic() - start < 2.0 and dock.current == code
    assert dock.review.pass_button.isEnabled(), dock.review.blocked.text()
    # showing the change wrote nothing back (loading a patch once armed the basis timer, which then saved the
    # form's old basis over the new one as the reviewer)
    assert [e["actor"] for e in dock.wp.audit_entries(code)][-1] == "五里镇 陈强"
    QTest.mouseClick(dock.review.pass_button, Qt.MouseButton.LeftButton)
    assert dock.wp.state(code) == "passed"
    assert not dock.review.pass_button.isEnabled() and "县 李明" in dock.review.blocked.text()
    type_text(dock.review.opinion, "照片未反映全貌")
    assert dock.review.return_button.isEnabled()


def test_map_crs_zoom_outline_and_photo_numbers(qgis_iface, qgis_new_project, package_path):
    """A new project opened on a package takes the batch's CGCS2000 Gauss-Krüger zone and shows the package;
    the chosen patch is outlined without hiding its state colour and is zoomed to (again when its row is clicked
    again); photos carry the numbers the dossier gives them."""
    from qgis.core import QgsCoordinateTransform, QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    from weipian_plugin.gui.dock import WeipianDock
    from weipian_plugin.gui.layers import PHOTO_NUMBER

    assert not QgsProject.instance().mapLayers()
    d = WeipianDock(qgis_iface)
    d.resize(600, 900)
    d.show()
    assert d.open_package(package_path)
    wait_for(lambda: d.task is None)
    try:
        assert QgsProject.instance().crs().authid() == "EPSG:4545"  # zone of 108°E: the sample lies at 109°
        canvas = qgis_iface.mapCanvas()
        to_canvas = QgsCoordinateTransform(d.patch_layer.crs(), canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        package_box = to_canvas.transformBoundingBox(d.patch_layer.extent())
        assert canvas.extent().contains(package_box)
        code = next(e.patch_code for e in d.wp.evidence() if e.kind == "photo")
        d.select_patch(code)
        assert d.patch_layer.selectedFeatureCount() == 0  # no selection paint over the state fill
        outline = d.outline.asGeometry()
        patch_box = to_canvas.transformBoundingBox(d.patch_layer.getFeature(
            d.wp.conn.execute("SELECT fid FROM patches WHERE code=?", (code,)).fetchone()[0]).geometry().boundingBox())
        assert outline.boundingBox().contains(patch_box.center())
        assert canvas.extent().contains(patch_box)
        canvas.setExtent(package_box)  # the user pans away …
        row = d.model.row_of(code)
        QTest.mouseClick(d.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         d.table.visualRect(d.model.index(row, 0)).center())
        assert canvas.extent().width() < package_box.width() / 5  # … and a click on the row brings it back
        # the photo numbers on the map are the dossier's: photos of the patch in the order they were attached
        expected = {e.id: n for n, e in enumerate([e for e in d.wp.evidence(code) if e.kind == "photo"], start=1)}
        expr = QgsExpression(PHOTO_NUMBER)
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(d.photo_layer))
        got = {}
        for f in d.photo_layer.getFeatures(f"\"patch_code\" = '{code}'"):
            context.setFeature(f)
            got[f.id()] = expr.evaluate(context)
        assert got == expected and len(got) >= 2
    finally:
        d.close_package()
        d.deleteLater()


def test_photo_viewer_labels_facts_moves_and_zooms(dock, sample):
    """Double-click a thumbnail: the facts are labelled (time, position, azimuth with the camera's magnetic value,
    distance, problems), ←/→ move between the patch's files, +/- zoom."""
    from qgis.PyQt.QtWidgets import QLabel

    magnetic = next(p for p in sample.photos if p.case == "magnetic")
    code = magnetic.patch_code
    dock.select_patch(code)
    panel = dock.evidence
    evidence = dock.wp.evidence(code)
    target = next(e for e in evidence if dock.wp.conn.execute(
        "SELECT azimuth_ref FROM evidence WHERE fid=?", (e.id,)).fetchone()[0] == "M")
    item = next(panel.list.item(i) for i in range(panel.list.count())
                if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == target.id)
    panel.list.itemDoubleClicked.emit(item)
    viewer = panel.viewer
    assert viewer is not None and viewer.isVisible()
    facts = dict(viewer.fact_rows(target))
    raw = dock.wp.conn.execute("SELECT azimuth_raw FROM evidence WHERE fid=?", (target.id,)).fetchone()[0]
    assert f"{target.azimuth:.1f}° true north (camera: {raw:.1f}° magnetic)" == facts["Azimuth"]
    assert facts["Taken"].startswith(target.taken_at[:10]) and "T" not in facts["Taken"]
    assert facts["Distance to the patch"].startswith(f"{target.distance_m:.0f} m")
    shown = [viewer.facts.itemAt(i).widget().text() for i in range(viewer.facts.count())
             if isinstance(viewer.facts.itemAt(i).widget(), QLabel)]
    assert facts["Azimuth"] in shown and target.sha256 in shown
    assert viewer.index == [e.id for e in evidence].index(target.id) and len(evidence) >= 2
    viewer.show_index(0)
    QTest.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 1 and viewer.windowTitle() == os.path.basename(evidence[1].path)
    QTest.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.index == 0 and not viewer.previous.isEnabled()
    width = viewer.image.pixmap().width()
    QTest.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.image.pixmap().width() > width
    QTest.keyClick(viewer, Qt.Key.Key_0)
    assert viewer.image.pixmap().width() == width
    viewer.close()


def test_attach_report_names_every_photo_left_out_and_attaches_it_by_hand(dock, sample, tmp_path):
    """挂接照片 once said only "6 attached, 1 not": now every photo is listed with where it went or why not,
    and one left out can be attached to the chosen patch."""
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg

    code = unverified_with_cultivated(dock)
    folder = tmp_path / "外业照片"
    folder.mkdir()
    lost = write_jpeg(str(folder / "IMG_0001.jpg"), build_exif(None, None, None))  # no GPS, no code in the name
    dock.select_patch(code)
    before = len(dock.wp.evidence(code))
    dock.attach_folder(str(folder))
    wait_for(lambda: dock.task is None)
    report = dock.attach_report
    assert report is not None and report.isVisible()
    cells = [[report.table.item(r, c).text() for c in range(4)] for r in range(report.table.rowCount())]
    assert cells[0][0] == "IMG_0001.jpg" and cells[0][2] == "left out" and "GPS" in cells[0][3]
    assert "1 left out" in report.summary.text()
    assert not report.attach_button.isEnabled()  # nothing selected yet
    report.table.selectRow(0)
    assert report.attach_button.isEnabled()
    QTest.mouseClick(report.attach_button, Qt.MouseButton.LeftButton)
    assert len(dock.wp.evidence(code)) == before + 1
    assert report.table.item(0, 2).text() == "attached" and report.table.item(0, 1).text() == code
    assert os.path.exists(lost)  # the original stays where it was
    report.close()


def test_return_export_warns_and_lands_beside_the_zip_and_the_import_says_what_it_took(
        qgis_iface, qgis_new_project, package, assigned, sample, tmp_path, provider, processing_dialogs):
    """The township is told how many patches are still unverified before the return package is written, and it
    is written beside the assignment zip; the county sees what the import took, kept as conflicts and refused."""
    from qgis.PyQt.QtWidgets import QMessageBox
    from test_exchange import township_work, township_zip

    from weipian_plugin.gui.dock import WeipianDock

    zip_path = township_zip(assigned, "五里镇")
    set_user("五里镇 陈强")
    d = WeipianDock(qgis_iface)
    d.show()
    type_into_next_input(confirmed()[0])
    assert d.open_package(zip_path)
    wait_for(lambda: d.task is None)
    township_work(d.wp.path, sample)
    total = d.wp.conn.execute("SELECT count(*) FROM patches").fetchone()[0]
    open_ones = total - d.wp.conn.execute("SELECT count(*) FROM verifications WHERE verdict IS NOT NULL").fetchone()[0]
    assert open_ones > 0
    asked = answer_next_question(QMessageBox.StandardButton.No)
    assert d.package_action("return") is None and f"{open_ones} of {total}" in asked[0]
    answer_next_question(QMessageBox.StandardButton.Yes)
    dialog = d.package_action("return")
    out = dialog.mainWidget().createProcessingParameters()["OUTPUT"]
    assert os.path.dirname(out) == os.path.dirname(zip_path) and out.endswith(".zip")
    QTest.mouseClick(dialog.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: os.path.exists(out))
    dialog.close()
    d.close_package()
    # the county imports it through the dock: a summary names the patches
    county_path = package.path
    package.close()
    c = open_dock_as(qgis_iface, county_path, "县卫片办 李明", "reviewer")
    chose = choose_in_next_file_dialog([out])  # the file dialog first, in the folder last used for returns
    dialog = c.package_action("import")
    assert chose and chose[0]["folder"]
    assert dialog.mainWidget().createProcessingParameters()["INPUT"] == out  # filled in from the file dialog
    dialog.setParameters({"PACKAGE": county_path, "INPUT": out, "ACTOR": "县卫片办 李明",
                          "CONFIRMED_KEY": confirmed()[0]})
    QTest.mouseClick(dialog.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: c.import_summary is not None)
    from qgis.PyQt.QtWidgets import QListWidget

    listing = c.import_summary.findChild(QListWidget, "import_summary_list")
    texts = [listing.item(i).text() for i in range(listing.count())]
    with WorkPackage.open(county_path) as wp:
        taken = [r[0] for r in wp.conn.execute("SELECT patch_code FROM verifications")]
    assert texts and all(t.endswith(": taken") for t in texts) and len(texts) == len(taken)
    dialog.close()
    c.close_package()
    d.deleteLater()
    c.deleteLater()


def test_a_conflict_is_decided_in_the_dock_side_by_side_with_a_reason(qgis_iface, qgis_new_project, package, assigned,
                                                                      sample, tmp_path):
    import json

    from test_exchange import township_work, township_zip

    from weipian_plugin.services.assignment_packages import open_assignment_package
    from weipian_plugin.services.return_packages import export_return_package, import_return_package

    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    codes = township_work(gpkg, sample)
    package.set_verification(codes[0], "县卫片办 李明", verdict="HF", subtype="依法批准用地", basis="县局核实已批。",
                             approval_no="陕政土批〔2026〕1号")
    ret = str(tmp_path / "return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret, "五里镇 陈强")
    assert import_return_package(package, ret, "县卫片办 李明", confirmed=confirmed()).conflicts == [codes[0]]
    path = package.path
    package.close()
    d = open_dock_as(qgis_iface, path, "县卫片办 赵局长", "reviewer")
    d.select_patch(codes[0])
    button = d.review.conflict_button
    assert not button.isHidden()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = d.review.conflict_dialog
    table = dialog.table
    verdict_row = [table.item(0, 0).text(), table.item(0, 1).text()]
    assert verdict_row == ["合法", "违法"]
    assert not dialog.keep_township.isEnabled()  # a reason first
    type_text(dialog.reason, "乡镇实地核查在后，照片显示已建成厂房")
    QTest.mouseClick(dialog.keep_township, Qt.MouseButton.LeftButton)
    assert d.wp.verification(codes[0]).verdict == "WF"
    entry = d.wp.audit_entries(codes[0])[-1]
    assert entry["action"] == "resolve_conflict" and entry["actor"] == "县卫片办 赵局长"
    assert json.loads(entry["detail"])["reason"] == "乡镇实地核查在后，照片显示已建成厂房"
    assert button.isHidden()
    d.close_package()
    d.deleteLater()


def test_after_a_decision_the_next_patch_to_review_opens_and_keys_decide(dock):
    """The reviewer's common path: Alt+P passes, the next patch awaiting review opens by itself."""
    from qgis.PyQt.QtWidgets import QApplication

    waiting = []
    for p in dock.wp.patches(with_geometry=False):
        if p.cultivated_mu > 0 and len(waiting) < 2 and dock.wp.state(p.code) == "unverified":
            dock.wp.set_verification(p.code, "五里镇 陈强", verdict="WF", subtype="违法占地", basis="未批先建",
                                     category="新增建设用地违法", illegal_cultivated_housing=False)
            waiting.append(p.code)
    set_user("县 李明", "reviewer")
    dock._reload_contexts()
    dock.mode.setCurrentIndex(dock.mode.findData("reviewer"))
    dock.reload_from_store()
    dock.select_patch(waiting[0])
    QTest.keyClick(dock.table, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    wait_for(lambda: dock.current == waiting[1], timeout=3.0)
    assert dock.wp.state(waiting[0]) == "passed" and dock.review.pass_button.isEnabled()
    QApplication.processEvents()


def test_issued_facts_two_a_row_and_nothing_left_from_the_patch_before(dock):
    from qgis.PyQt.QtWidgets import QLabel

    codes = sorted(dock.wp.patch_codes())
    dock.select_patch(codes[0])
    dock.select_patch(codes[2])
    QApplication.processEvents()  # a layout shows its new widgets from the event loop
    form = dock.form
    labels = [w for w in form.issued_box.findChildren(QLabel) if not w.isHidden()]
    assert len(labels) == 18 and form.issued.rowCount() == 5  # nine facts, two a row
    assert codes[2] in [w.text() for w in labels] and codes[0] not in [w.text() for w in labels]


def test_a_dock_closed_while_its_check_runs_takes_the_result_quietly(qgis_iface, qgis_new_project, package_path,
                                                                       monkeypatch):
    """A check task outlives the dock it started from (QGIS closing it, a test's teardown): its result has nowhere
    to go. It touched the deleted dock's buttons — an exception in a Qt callback, which ends QGIS."""
    import sys

    from qgis.core import QgsApplication
    from qgis.PyQt import sip

    from weipian_plugin.gui.dock import WeipianDock

    raised = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: raised.append(exc))  # PyQt's abort, recorded instead
    set_user("五里镇 陈强")
    d = WeipianDock(qgis_iface)
    assert d.open_package(package_path)
    wait_for(lambda: d.task is None)
    task = d.check_package()
    assert task is not None
    sip.delete(d)  # the dock and its widgets are gone; the task runs on
    wait_for(lambda: QgsApplication.taskManager().countActiveTasks() == 0)
    for _ in range(20):
        QCoreApplication.processEvents()
    assert raised == []


def test_several_return_packages_are_chosen_at_once_and_imported_in_turn(
        qgis_iface, qgis_new_project, package, assigned, sample, tmp_path, provider, processing_dialogs):
    """Two townships' return packages chosen together in one file dialog: each is imported in turn in the
    import's own dialog (filled in); the next file dialog opens in the folder they came from."""
    from test_exchange import township_work, township_zip

    from weipian_plugin.services.assignment_packages import open_assignment_package
    from weipian_plugin.services.return_packages import export_return_package

    back = tmp_path / "收到的回传包"
    back.mkdir()
    zips, worked = [], []
    for town, actor in (("五里镇", "五里镇 陈强"), ("关庙镇", "关庙镇 刘洋")):
        gpkg = open_assignment_package(township_zip(assigned, town), confirmed=confirmed())
        worked += township_work(gpkg, sample, actor)
        zips.append(str(back / f"{town}_return.zip"))
        with WorkPackage.open(gpkg) as twp:
            export_return_package(twp, zips[-1], actor)
    county_path = package.path
    package.close()
    c = open_dock_as(qgis_iface, county_path, "县卫片办 李明", "reviewer")
    choose_in_next_file_dialog(zips)
    first = c.package_action("import")
    assert first.mainWidget().createProcessingParameters()["INPUT"] == zips[0]
    keys = {z: confirmed()[0] for z in zips}  # one desk plays the county and its townships in this test
    first.setParameters({"PACKAGE": county_path, "INPUT": zips[0], "ACTOR": "县卫片办 李明",
                         "CONFIRMED_KEY": keys[zips[0]]})
    QTest.mouseClick(first.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: c.dialog is not first)  # the second opens by itself, filled in
    second = c.dialog
    assert second.mainWidget().createProcessingParameters()["INPUT"] == zips[1]
    second.setParameters({"PACKAGE": county_path, "INPUT": zips[1], "ACTOR": "县卫片办 李明",
                          "CONFIRMED_KEY": keys[zips[1]]})
    QTest.mouseClick(second.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: all(c.wp.verification(code) is not None for code in worked))
    first.close()
    second.close()
    from weipian_plugin.gui.folders import last_folder

    assert last_folder("returns") == str(back)  # the next file dialog opens where the user took them from
    wait_for(lambda: c.task is None)  # the check after the import: no thread left to the next test
    c.close_package()
    c.deleteLater()


def test_a_refused_return_package_does_not_stop_the_others_chosen_with_it(
        qgis_iface, qgis_new_project, package, assigned, sample, tmp_path, provider, processing_dialogs):
    """Issue 22: of two return packages chosen together, the first is no package at all; its dialog says why and
    the second still opens and is imported."""
    from test_exchange import township_work, township_zip

    from weipian_plugin.services.assignment_packages import open_assignment_package
    from weipian_plugin.services.return_packages import export_return_package

    back = tmp_path / "收到的回传包"
    back.mkdir()
    bad = back / "a_关庙镇_return.zip"
    bad.write_text("not a zip", encoding="utf-8")
    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    worked = township_work(gpkg, sample, "五里镇 陈强")
    good = str(back / "b_五里镇_return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, good, "五里镇 陈强")
    county_path = package.path
    package.close()
    c = open_dock_as(qgis_iface, county_path, "县卫片办 李明", "reviewer")
    choose_in_next_file_dialog([str(bad), good])
    first = c.package_action("import")
    assert first.mainWidget().createProcessingParameters()["INPUT"] == str(bad)
    QTest.mouseClick(first.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: c.dialog is not first, timeout=30)  # the next opens although the first was refused
    second = c.dialog
    assert second.mainWidget().createProcessingParameters()["INPUT"] == good
    second.setParameters({"PACKAGE": county_path, "INPUT": good, "ACTOR": "县卫片办 李明",
                          "CONFIRMED_KEY": confirmed()[0]})
    QTest.mouseClick(second.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: all(c.wp.verification(code) is not None for code in worked))
    first.close()
    second.close()
    wait_for(lambda: c.task is None)
    c.close_package()
    c.deleteLater()


def test_a_closed_package_leaves_no_findings_behind(dock):
    """The package's findings go with it: the findings tab of a closed package lists none, and none stay in
    memory (a county's year left 580,000 of them alive, and the next package opened slowed under them)."""
    import gc

    from weipian_plugin.core.findings import Finding

    assert dock.page.findings.package_model.rowCount() > 0  # the sample package has findings
    assert dock.select_patch(dock.model.code_at(0))
    dock.close_package()
    QApplication.processEvents()
    panel = dock.page.findings
    assert panel.package_model.rowCount() == panel.patch_model.rowCount() == 0
    assert panel.package_label.text() == panel.patch_label.text() == ""
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Finding)]


def test_the_chosen_patch_stays_chosen_when_the_list_is_sorted(dock):
    """Sorting moves the chosen patch's row: the selection goes with it (it stayed on the row number, so the list
    showed another patch chosen than the page)."""
    code = dock.model.code_at(4)
    assert dock.select_patch(code)
    header = dock.table.horizontalHeader()
    for column in (1, 3, 0):  # township, 耕地, code: clicked like a user does
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2))
        current = dock.table.selectionModel().currentIndex()
        assert dock.model.code_at(current.row()) == code == dock.current
        assert [dock.model.code_at(i.row()) for i in dock.table.selectionModel().selectedRows()] == [code]
