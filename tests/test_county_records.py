"""What the county records beside the verdicts, through the Processing algorithms on real GeoPackages and real
CSV/XLSX sheets: verdicts from a sheet, a higher level's findings, field checks and leads, acceptances,
collective reviews, and the year's statistics over several batches. Expected figures are worked out by hand."""
import csv
import json

import pytest
from qgis.core import QgsProcessingException
from shapely.geometry import MultiPolygon, box

from weipian_plugin.core import records
from weipian_plugin.processing.alg_records import RecordPatch
from weipian_plugin.store.work_package import PackageError, WorkPackage

ACTOR = "县卫片办 张华"


def batch(tmp_path, name, patches, profile="national_2023"):
    """A work package of hand-made patches: (code, class code, 耕地 亩, issued date)."""
    wp = WorkPackage.create(str(tmp_path / name), profile, "610902", ACTOR)
    wp.add_patches([dict(code=code, class_code=cls, cultivated_mu=mu, area_mu=mu + 1.0, issued_at=issued,
                         later_date="2026-01-10", township="甲镇",
                         wkb=MultiPolygon([box(109 + i * 0.01, 32.7, 109.001 + i * 0.01, 32.701)]).wkb)
                    for i, (code, cls, mu, issued) in enumerate(patches)], "test", ACTOR)
    return wp


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


VERDICT_HEADER = ["JCBH", "PDJG", "PDLX", "WFXZ", "PDYJSM", "PZWH", "SFXZLZGDJF", "ZGZT", "HSR"]


def test_import_verdicts_all_rows_checked_first_and_audited(tmp_path, provider):
    import processing

    wp = batch(tmp_path, "a.gpkg", [("A1", "XZFNJS", 10.0, "2026-02-01"), ("A2", "XZFNJS", 0.0, "2026-02-01"),
                                    ("A3", "QTBH", 5.0, "2026-02-01")])
    path = wp.path
    wp.close()
    sheet = write_csv(tmp_path / "判定.csv", VERDICT_HEADER, [
        ["A1", "违法", "违法占地", "新增建设用地违法", "未批先建", "", "否", "整改中", "甲镇 王芳"],
        ["A2", "合法", "依法批准用地", "", "已批", "陕政土批〔2026〕1号", "", "不需整改", "甲镇 王芳"],
        ["A9", "合法", "依法批准用地", "", "已批", "", "", "", "甲镇 王芳"],  # not in the package
        ["A3", "其他", "设施农业用地", "新增建设用地违法", "备案", "", "", "", "甲镇 王芳"],  # WFXZ on 其他
        ["A1", "违法", "违法占地", "", "again", "", "否", "", "甲镇 王芳"],  # A1 twice
        ["A2", "合法", "", "", "", "", "是", "", ""],  # no verifier; housing flag on 合法
    ])
    with pytest.raises(QgsProcessingException) as err:
        processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": sheet, "ACTOR": ACTOR})
    text = str(err.value)
    assert "4 rows refused, nothing was imported" in text
    for row in ("判定.csv row 4", "判定.csv row 5", "判定.csv row 6", "判定.csv row 7"):
        assert row in text
    with WorkPackage.open(path) as wp:
        assert wp.verification("A1") is None and wp.verification("A2") is None
    # with APPLY_VALID the valid rows go in, except a code that a refused row also names (A1 twice)
    res = processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": sheet, "ACTOR": ACTOR,
                                                     "APPLY_VALID": True})
    assert (res["APPLIED"], res["REFUSED"]) == (0, 4)  # A2's only valid row shares its code with refused row 7
    good = write_csv(tmp_path / "good.csv", VERDICT_HEADER, [
        ["A1", "违法", "违法占地", "新增建设用地违法", "未批先建", "", "否", "整改中", "甲镇 王芳"],
        ["A2", "合法", "依法批准用地", "", "已批", "陕政土批〔2026〕1号", "", "不需整改", "甲镇 王芳"],
    ])
    res = processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": good, "ACTOR": ACTOR})
    assert (res["APPLIED"], res["REFUSED"]) == (2, 0)
    with WorkPackage.open(path) as wp:
        v = wp.verification("A1")
        assert (v.verdict, v.category, v.illegal_cultivated_housing, v.verifier) == ("WF", "新增建设用地违法", False,
                                                                                      "甲镇 王芳")
        entry = [e for e in wp.audit_entries("A1") if e["action"] == "import_verification"][-1]
        assert entry["actor"] == ACTOR and json.loads(entry["detail"])["source"] == "good.csv"
        assert json.loads(entry["detail"])["row"] == 2
    # the same sheet again changes nothing
    res = processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": good, "ACTOR": ACTOR})
    assert res["APPLIED"] == 0 and "2 unchanged" in res["REPORT"]


def test_import_verdicts_from_xlsx_with_a_code_typed_as_a_number(tmp_path, provider):
    import processing
    import xlsxwriter

    wp = batch(tmp_path, "x.gpkg", [("610902202600001", "XZFNJS", 3.0, "2026-02-01")])
    path = wp.path
    wp.close()
    sheet = str(tmp_path / "判定.xlsx")
    book = xlsxwriter.Workbook(sheet)
    ws = book.add_worksheet()
    ws.write_row(0, 0, VERDICT_HEADER)
    ws.write_number(1, 0, 610902202600001)  # Excel keeps long codes as numbers when typed in
    ws.write_row(1, 1, ["违法", "违法占地", "新增建设用地违法", "未批先建", "", "是", "整改中", "甲镇 王芳"])
    book.close()
    res = processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": sheet, "ACTOR": ACTOR})
    assert res["APPLIED"] == 1
    with WorkPackage.open(path) as wp:
        assert wp.verification("610902202600001").illegal_cultivated_housing is True
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(QgsProcessingException, match="bad.xlsx: not a readable XLSX"):
        processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": str(tmp_path / "bad.xlsx")})
    (tmp_path / "gbk.csv").write_bytes("JCBH,PDJG,HSR\n610902202600001,合法,王\n".encode("gbk"))
    with pytest.raises(QgsProcessingException, match="gbk.csv: not UTF-8 text"):
        processing.run("weipian:import_verdicts", {"PACKAGE": path, "INPUT": str(tmp_path / "gbk.csv")})


def test_higher_findings_make_the_error_rate_and_the_final_verdict(tmp_path, provider):
    """The province's field check finds B1 明显填报不合理 and judges it 违法 itself: the error rate is B1's 耕地 (30)
    over all 耕地 (30 + 70), and the accountability counts B1 as illegal although the county said 合法. (A city's
    finding is review: it would not count in the error rate, test_statistics.)"""
    import processing

    wp = batch(tmp_path, "b.gpkg", [("B1", "XZFNJS", 30.0, "2026-02-01"), ("B2", "XZFNJS", 70.0, "2026-02-01")])
    for code in ("B1", "B2"):
        wp.set_verification(code, "甲镇 王芳", verdict="HF", subtype="依法批准用地", basis="已批")
    path = wp.path
    wp.close()
    sheet = write_csv(tmp_path / "市级核查.csv",
                      ["监测编号", "认定层级", "认定方式", "明显填报不合理", "最终判定结果", "违法性质", "SFXZLZGDJF", "认定日期"],
                      [["B1", "省级", "实地核查", "是", "违法", "新增建设用地违法", "否", "2026-10-08"],
                       ["B2", "省级", "内业审核", "否", "", "", "", "2026-10-08"]])
    res = processing.run("weipian:import_higher_findings", {"PACKAGE": path, "INPUT": sheet, "ACTOR": ACTOR})
    assert (res["APPLIED"], res["REFUSED"]) == (2, 0)
    stats = processing.run("weipian:monthly_statistics", {"PACKAGE": path, "OUTPUT": str(tmp_path / "s.xlsx")})
    summary = json.loads(stats["SUMMARY"])
    assert summary["error_rate"] == round(30.0 / 100.0, 4)
    assert summary["accountability_numerator_mu"] == 30.0 and summary["accountability_denominator_mu"] == 100.0
    bad = write_csv(tmp_path / "bad.csv", ["JCBH", "RDCJ", "RDFS", "SFMXBHL", "RDRQ"],
                    [["B1", "县级", "实地核查", "是", "2026-10-08"], ["B2", "市级", "实地核查", "也许", "2026-13-01"]])
    with pytest.raises(QgsProcessingException) as err:
        processing.run("weipian:import_higher_findings", {"PACKAGE": path, "INPUT": bad})
    assert "bad.csv row 2" in str(err.value) and "bad.csv row 3" in str(err.value)
    with WorkPackage.open(path) as wp:
        assert len(wp.record_history("B1")) == 1  # nothing half-applied


def test_field_checks_leads_and_collective_review_gate_the_upload(tmp_path, provider):
    import processing

    from weipian_plugin.services.package_check import check_package

    wp = batch(tmp_path, "c.gpkg", [("C1", "QTBH", 0.0, "2026-11-01"), ("C2", "QTBH", 0.0, "2026-11-01")])
    for code in ("C1", "C2"):
        wp.set_verification(code, "甲镇 王芳", verdict="QT", subtype="实地未变化", basis="未变化")
    path = wp.path
    rules = {f.rule for f in check_package(wp)[0]}
    assert {"fieldcheck.not_recorded", "package.internal_review_lead_missing",
            "package.field_check_lead_missing"} <= rules
    wp.close()
    processing.run("weipian:set_responsible_persons", {"PACKAGE": path, "INTERNAL_REVIEW_LEAD": "县 李明",
                                                        "FIELD_CHECK_LEAD": "县 赵刚"})
    res = processing.run("weipian:record_field_checks", {"PACKAGE": path, "CHECKED_BY": "县 赵刚",
                                                          "CHECKED_ON": "2026-11-10"})
    assert res["RECORDED"] == 2
    with pytest.raises(QgsProcessingException, match="not a date"):
        processing.run("weipian:record_field_checks", {"PACKAGE": path, "CHECKED_BY": "县 赵刚",
                                                        "CHECKED_ON": "11/10"})
    processing.run("weipian:record_patch", {"PACKAGE": path, "CODES": "C2", "KIND": 2,  # mark
                                             "DATA": json.dumps({"disputed": True, "note": "乡镇与村意见不一"})})
    with WorkPackage.open(path) as wp:
        assert wp.meta("field_check_lead") == "县 赵刚"
        rules = {f.rule for f in check_package(wp)[0]}
        assert not {"fieldcheck.not_recorded", "package.field_check_lead_missing"} & rules
        assert "review.collective_missing" in rules
        with pytest.raises(PackageError, match="collective review"):
            wp.add_review("C2", "县 李明", "pass", "同意")
    processing.run("weipian:record_patch", {"PACKAGE": path, "CODES": "C2", "KIND": 1,  # collective review
                                             "DATA": json.dumps({"decided_on": "2026-11-12", "participants": "李明、赵刚、钱局长",
                                                                 "conclusion": "维持“其他”判定"})})
    with pytest.raises(QgsProcessingException, match="at least two participants"):
        processing.run("weipian:record_patch", {"PACKAGE": path, "CODES": "C1", "KIND": 1,
                                                 "DATA": json.dumps({"decided_on": "2026-11-12", "participants": "李明",
                                                                     "conclusion": "x"})})
    with WorkPackage.open(path) as wp:
        for code in ("C1", "C2"):
            wp.add_review(code, "县 李明", "pass", "同意")
        # what still blocks is the evidence these hand-made patches lack (photos: 实地未变化 has no paper to give),
        # nothing of the county's own duties
        assert {f.rule for f in check_package(wp)[0] if f.severity == "blocking"} == {"evidence.photos_missing"}


def test_a_year_of_three_batches_through_the_algorithm(tmp_path, provider):
    """Batch 1: 60 亩 illegal, 100 亩 legal. Batch 2: 30 亩 illegal; 40 亩 拆除复耕 accepted with after-photos; 25 亩
    拆除复耕 claimed but never accepted. Batch 3: a 补充图斑 of 120 亩 judged new-construction illegal occupation.
    Numerator 60 + 30 + 25 + 120 = 235; denominator 235 + 100 = 335; each batch alone is under 100 亩."""
    import datetime as dt

    import openpyxl
    import processing

    from weipian_plugin.core.photo_reading import read_photo
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg
    from weipian_plugin.services.photo_attach import attach_reading

    illegal = dict(verdict="WF", subtype="违法占地", category="新增建设用地违法", basis="未批先建",
                   illegal_cultivated_housing=False)
    b1 = batch(tmp_path, "第1批.gpkg", [("Y1", "XZFNJS", 60.0, "2026-03-05"), ("Y2", "XZFNJS", 100.0, "2026-03-05")])
    b1.set_verification("Y1", "甲镇 王芳", **illegal)
    b1.set_verification("Y2", "甲镇 王芳", verdict="HF", subtype="依法批准用地", basis="已批")
    b2 = batch(tmp_path, "第2批.gpkg", [("Y3", "XZFNJS", 30.0, "2026-05-05"), ("Y4", "XZFNJS", 40.0, "2026-05-05"),
                                      ("Y5", "NDCXBH", 25.0, "2026-05-05")])
    b2.set_verification("Y3", "甲镇 王芳", **illegal)
    for code in ("Y4", "Y5"):
        b2.set_verification(code, "甲镇 王芳", **dict(illegal, rectification="已拆除复耕"))
    after = write_jpeg(str(tmp_path / "复耕后.jpg"), build_exif(109.0105, 32.6995, 10.0, taken=dt.datetime(2026, 8, 1, 10)))
    evidence_id = attach_reading(b2, "Y4", read_photo(after), "甲镇 王芳").evidence_id
    b2.add_record("Y4", records.Acceptance(records.RESTORED, "县 孙验收", "2026-09-01", [evidence_id]), "县 孙验收")
    b3 = batch(tmp_path, "第3批.gpkg", [("Y6", "BC", 120.0, "2026-09-05")])
    b3.set_verification("Y6", "甲镇 王芳", **illegal)
    paths = [b.path for b in (b1, b2, b3)]
    for b in (b1, b2, b3):
        b.close()
    out = str(tmp_path / "年度.xlsx")
    res = processing.run("weipian:yearly_statistics", {"PACKAGES": paths, "YEAR": 2026, "OUTPUT": out})
    summary = json.loads(res["SUMMARY"])
    assert summary["accountability_numerator_mu"] == 235.0 and summary["accountability_denominator_mu"] == 335.0
    assert summary["deductions_claimed_not_accepted_mu"] == 25.0 and res["ACCOUNTABILITY_WARNING"] == "over"
    assert summary["packages"] == 3 and summary["patches"] == 6
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["问责比例", "差错率", "实地核查清单", "专班移交清单", "说明"]
    rows = list(wb["问责比例"].iter_rows(values_only=True))
    per_batch = {r[0]: r[2] for r in rows if r[0] in ("第1批.gpkg", "第2批.gpkg", "第3批.gpkg")}
    assert per_batch == {"第1批.gpkg": 60.0, "第2批.gpkg": 55.0, "第3批.gpkg": 120.0}
    lines = {r[0]: r for r in rows if r[0] and str(r[0]).startswith("Y")}
    assert "补充图斑" in lines["Y6"][5] and lines["Y4"][3] == "否" and "县 孙验收" in lines["Y4"][5]
    assert "未逐个验收" in lines["Y5"][5]
    # one batch alone stays under the standard
    one = processing.run("weipian:monthly_statistics", {"PACKAGE": paths[1], "OUTPUT": str(tmp_path / "m.xlsx")})
    assert json.loads(one["SUMMARY"])["accountability_numerator_mu"] == 55.0
    with pytest.raises(QgsProcessingException, match="OUTPUT must end in .xlsx"):
        processing.run("weipian:yearly_statistics", {"PACKAGES": paths, "OUTPUT": str(tmp_path / "y.csv")})


def test_handover_lists_through_the_algorithm(tmp_path, provider):
    """002 §五(三): beside the 专班 list, transport/energy/water projects' illegal land use to their departments and
    非粮化 cases to agriculture, each an XLSX sheet. Hand-made: H1 违法 marked a water project, H2 违法 named by a
    major-project record (transport, county-approved), H3 合法 marked an energy project (not illegal: not listed),
    H4 其他 marked 非粮化 (listed whatever the verdict), H5 违法 unmarked (on no list)."""
    import openpyxl
    import processing

    wp = batch(tmp_path, "h.gpkg", [("H1", "XZFNJS", 12.5, "2026-03-01"), ("H2", "XZFNJS", 7.25, "2026-03-01"),
                                    ("H3", "XZFNJS", 3.0, "2026-03-01"), ("H4", "QTBH", 4.0, "2026-03-01"),
                                    ("H5", "XZFNJS", 9.0, "2026-03-01")])
    path = wp.path
    for code, verdict, sub in (("H1", "WF", "违法占地"), ("H2", "WF", "违法占地"), ("H3", "HF", "依法批准用地"),
                               ("H4", "QT", "设施农业用地"), ("H5", "WF", "违法占地")):
        wp.set_verification(code, "甲镇 王芳", verdict=verdict, subtype=sub, basis="依据",
                            category="新增建设用地违法" if verdict == "WF" else None,
                            illegal_cultivated_housing=False if verdict == "WF" else None)
    wp.close()
    mark, acceptance = RecordPatch.KINDS.index(records.MARK), RecordPatch.KINDS.index(records.ACCEPTANCE)
    for codes, data in (("H1", {"project_type": "water"}), ("H3", {"project_type": "energy"}),
                        ("H4", {"non_grain": "是"})):
        processing.run("weipian:record_patch", {"PACKAGE": path, "CODES": codes, "KIND": mark,
                                                 "DATA": json.dumps(data, ensure_ascii=False), "ACTOR": ACTOR})
    processing.run("weipian:record_patch", {"PACKAGE": path, "CODES": "H2", "KIND": acceptance, "ACTOR": ACTOR,
                                             "DATA": json.dumps({"kind": "major_project", "accepted_by": "县 李明",
                                                                 "accepted_on": "2026-06-01", "project_name": "县道改建",
                                                                 "project_type": "transport",
                                                                 "approval_level": "county"}, ensure_ascii=False)})
    with pytest.raises(QgsProcessingException, match="project_type"):
        processing.run("weipian:record_patch", {"PACKAGE": path, "CODES": "H5", "KIND": mark, "ACTOR": ACTOR,
                                                 "DATA": json.dumps({"project_type": "railway"})})
    out = str(tmp_path / "移交清单.xlsx")
    res = processing.run("weipian:handover_lists", {"PACKAGES": [path], "OUTPUT": out})
    assert json.loads(res["COUNTS"]) == {"energy": 0, "non_grain": 1, "transport": 1, "water": 1}
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["交通项目移交清单", "能源项目移交清单", "水利项目移交清单", "非粮化移交清单"]
    water = list(book["水利项目移交清单"].iter_rows(values_only=True))
    assert "水利主管部门" in water[0][0] and water[3][0] == "H1" and water[3][4] == 12.5
    assert book["水利项目移交清单"].cell(4, 5).number_format == "0.00"
    road = list(book["交通项目移交清单"].iter_rows(values_only=True))
    assert road[3][0] == "H2" and road[3][9] == "县道改建" and road[3][12] == "交通运输主管部门"
    grain = list(book["非粮化移交清单"].iter_rows(values_only=True))
    assert grain[3][0] == "H4" and grain[3][6] == "其他" and grain[3][12] == "农业农村主管部门"
    assert all(r[0] != "H5" for name in book.sheetnames for r in book[name].iter_rows(values_only=True))
    assert len(list(book["能源项目移交清单"].iter_rows(min_row=4, values_only=True))) == 0
