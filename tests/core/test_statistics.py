"""County figures on small in-memory packages: the monthly table, the accountability ratio with every annex-3
adjustment, the field-check list and the error-rate formula."""
from dataclasses import replace

import pytest

from weipian_plugin.core import records
from weipian_plugin.core.model import (
    DOCUMENT,
    ILLEGAL,
    LEGAL,
    OTHER,
    PHOTO,
    Evidence,
    PackageSnapshot,
    Patch,
    Review,
    Verification,
    reviewed_content_sha,
)
from weipian_plugin.core.profile import load_profile
from weipian_plugin.core.statistics import (
    SUBTOTAL,
    TOTAL,
    accountability,
    error_rate,
    field_check_list,
    monthly_table,
    self_check_suspects,
    task_force_list,
    unreasonable_codes,
)

NEW = "XZFNJS"


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def patch(code, cultivated, cls=NEW, town="甲镇", area=None, **kw):
    return Patch(code, township=town, class_code=cls, class_name=None, area_mu=area or cultivated + 1.0,
                 cultivated_mu=cultivated, later_date="2026-05-20", **kw)


def illegal(code, category="新增建设用地违法", rect="整改中"):
    return Verification(code, ILLEGAL, "违法占地", category, False, "b", rectification=rect, verifier="甲")


def legal(code):
    return Verification(code, LEGAL, "依法批准用地", basis="b", approval_no="x", verifier="甲")


def snap(pairs, reviews=None, label=""):
    return PackageSnapshot([p for p, _ in pairs], {p.code: v for p, v in pairs if v}, {}, reviews or {}, label=label)


def after_photo(i, code):
    """A photo taken after the later imaging date: what a restoration acceptance shows."""
    return Evidence(i, code, PHOTO, f"{code}/{i}.jpg", f"h{i}", 10, 109.0, 32.7, 90.0, "2026-08-01T10:00:00")


def accepted(s, code, kind, **kw):
    """Record the county's acceptance of the patch's deduction, with the evidence it needs."""
    if kind == records.RESTORED:
        s.evidence[code] = [after_photo(1, code)]
        ids = [1]
    elif kind == records.LEGALISED:
        s.evidence[code] = [Evidence(2, code, DOCUMENT, f"{code}/pf.pdf", "d2")]
        ids = [2]
    else:
        ids = []
    s.records.setdefault(code, {})[records.ACCEPTANCE] = records.Acceptance(kind, "孙验收", "2026-09-01", ids, **kw)


def test_accountability_applies_each_adjustment(profile):
    s = snap([
        (patch("A", 80.0), illegal("A")),  # counts in both
        (patch("B", 200.0), legal("B")),  # denominator only
        (patch("C", 30.0), illegal("C", rect="已补办完善用地手续")),  # out of the numerator only, once accepted
        (patch("D", 40.0), illegal("D", rect="已拆除复耕")),  # out of both, once accepted
        (patch("E", 50.0), illegal("E", category="存量建设用地违法")),  # in neither
        (patch("F", 60.0), illegal("F", category="农业项目破坏耕地（基本农田）")),  # in neither
        (patch("G", 70.0), Verification("G", OTHER, "设施农业用地", basis="b")),  # not construction
        # 其他变化类 finally judged 新增建设用地违法: the 违法性质 decides, not the class (002 §三(七)1)
        (patch("H", 90.0, cls="QTBH"), illegal("H")),
        (patch("I", 25.0, military=True), illegal("I")),  # military land: reported apart, counted (profile default)
        (patch("J", 10.0), None),  # not judged yet
        (patch("K", 15.0), illegal("K", rect="已拆除复耕")),  # claimed, never accepted: stays in both
        (patch("L", 35.0), illegal("L")),  # a provincial DRC's major water project, duties recorded: out of both
        (patch("M", 12.0), illegal("M")),  # a county-approved "major project": not deductible, counted
        (patch("N", 20.0), illegal("N", rect="已拆除复耕")),  # accepted, then found 虚假整改 by the province
    ])
    accepted(s, "C", records.LEGALISED, approval_no="陕政土批〔2026〕7号")
    accepted(s, "D", records.RESTORED)
    accepted(s, "L", records.MAJOR_PROJECT, project_name="汉江引水工程", project_type="water", approval_level="provincial",
             approval_no="陕发改农经〔2025〕12号", note="已履行监管和服务职责（县自然资源局现场监管记录）")
    accepted(s, "M", records.MAJOR_PROJECT, project_name="县道改建", project_type="transport", approval_level="county",
             approval_no="汉发改〔2025〕3号", note="已监管")
    accepted(s, "N", records.RESTORED)
    s.records["N"][records.HIGHER_FINDING] = records.HigherFinding("province", "field_check", records.UNREASONABLE,
                                                                   "2026-10-01", fake_rectification=True)
    acc = accountability(s, profile)
    # in the numerator: A 80 + H 90 + I 25 + K 15 + M 12 + N 20 = 242; the denominator adds B 200 and C 30
    assert acc.numerator_mu == pytest.approx(242.0)
    assert acc.denominator_mu == pytest.approx(242.0 + 200.0 + 30.0)
    assert acc.out_of_numerator_mu == pytest.approx(30.0) and acc.out_of_both_mu == pytest.approx(40.0)
    assert acc.claimed_not_accepted_mu == pytest.approx(15.0) and acc.major_project_mu == pytest.approx(35.0)
    assert acc.not_deductible_mu == pytest.approx(12.0) and acc.fake_rectification_mu == pytest.approx(20.0)
    assert acc.excluded_mu == pytest.approx(110.0)
    assert acc.ratio == pytest.approx(242.0 / 472.0)
    assert acc.over_threshold and acc.large_area
    assert {line.code for line in acc.lines} == set("ABCDEFHIKLMN")
    k = next(line for line in acc.lines if line.code == "K")
    assert (k.in_numerator, k.in_denominator) == (True, True) and "未逐个验收" in k.reason
    reasons = {line.code: line.reason for line in acc.lines}
    assert "县级批准" in reasons["M"] and "不予扣除" in reasons["M"] and "虚假整改" in reasons["N"]
    assert "按违法性质计入" in reasons["H"] and "军事用地" in reasons["I"]
    # military land on its own line: I's 25 亩 in both (the profile's default); a profile may keep it out
    assert (acc.military_numerator_mu, acc.military_denominator_mu, acc.military_in) == (25.0, 25.0, True)
    apart = replace(profile, thresholds={**profile.thresholds, "accountability": {
        **profile.thresholds["accountability"], "military_in_figures": False}})
    out = accountability(s, apart)
    assert out.numerator_mu == pytest.approx(242.0 - 25.0) and out.military_left_out_mu == 25.0
    assert "I" not in {line.code for line in out.lines}
    # at provincial level a provincial project is not deducted (annex 3 item 3): L is back in both
    prov = accountability(s, profile, "province")
    assert prov.numerator_mu == pytest.approx(242.0 + 35.0) and prov.major_project_mu == 0.0


def test_a_citys_figure_is_the_sum_of_its_counties(profile):
    """The city hub adds its counties' figures instead of classifying 100,000 patches a second time: the same
    figures, field by field, as accountability() over every county's package at city level."""
    from weipian_plugin.core.statistics import combined_accountability

    first = snap([(patch("A", 80.0), illegal("A")), (patch("B", 200.0), legal("B")),
                  (patch("C", 30.0), illegal("C", rect="已补办完善用地手续")),
                  (patch("I", 25.0, military=True), illegal("I")), (patch("J", 10.0), None)], label="610902")
    accepted(first, "C", records.LEGALISED, approval_no="陕政土批〔2026〕7号")
    first.records["B"] = {records.HIGHER_FINDING: records.HigherFinding(
        "city", "field_check", records.UNREASONABLE, "2026-10-01", final_verdict=ILLEGAL,
        final_category="新增建设用地违法", final_housing=False)}
    second = snap([(patch("E", 50.0), illegal("E", category="存量建设用地违法")),
                   (patch("H", 90.0, cls="QTBH"), illegal("H")), (patch("K", 15.0), illegal("K", rect="已拆除复耕")),
                   (patch("N", 20.0), illegal("N", rect="已拆除复耕")), (patch("Q", 7.0), illegal("Q", category=""))],
                  label="610921")
    accepted(second, "N", records.RESTORED)
    second.records["N"][records.HIGHER_FINDING] = records.HigherFinding("city", "field_check", records.UNREASONABLE,
                                                                        "2026-10-01", fake_rectification=True)
    apart = replace(profile, thresholds={**profile.thresholds, "accountability": {
        **profile.thresholds["accountability"], "military_in_figures": False}})
    for prof in (profile, apart):
        direct = accountability([first, second], prof, "city")
        summed = combined_accountability([accountability(s, prof, "county") for s in (first, second)], prof, "city")
        assert summed.numerator_mu > 0 and summed.higher_determined == 1 and summed.missing_category == 1
        for name, value in vars(direct).items():
            if isinstance(value, float):
                assert getattr(summed, name) == pytest.approx(value), name
            else:
                assert getattr(summed, name) == value, name
    with pytest.raises(ValueError):
        combined_accountability([accountability(first, profile)], profile, "province")


def test_a_major_project_needs_its_document_and_the_duties_recorded(profile):
    s = snap([(patch("L", 35.0), illegal("L"))])
    accepted(s, "L", records.MAJOR_PROJECT, project_name="汉江引水工程", project_type="water", approval_level="national")
    line = accountability(s, profile).lines[0]
    assert line.in_numerator and "立项文件文号" in line.reason and "履行监管" in line.reason


def test_deductions_without_acceptance_are_left_in(profile):
    """All six demo-like 拆除复耕 patches with no documents: nothing is deducted (the old sheet deducted all)."""
    pairs = [(patch(f"R{i}", 8.9), illegal(f"R{i}", rect="已拆除复耕")) for i in range(6)]
    acc = accountability(snap(pairs), profile)
    assert acc.out_of_both_mu == 0.0
    assert acc.numerator_mu == pytest.approx(6 * 8.9) == acc.claimed_not_accepted_mu


def test_a_year_is_all_its_batches_with_supplementary_patches(profile):
    """Three batches of a year: 60 + 30 亩 illegal on 耕地 in batch 1 and 2, a 补充图斑 of 120 亩 judged new-construction
    illegal occupation in batch 3. Each batch alone is under 100 亩; the year is over."""
    b1 = snap([(patch("A", 60.0, issued_at="2026-03-05"), illegal("A")),
               (patch("B", 100.0, issued_at="2026-03-05"), legal("B"))], label="第1批")
    b2 = snap([(patch("C", 30.0, issued_at="2026-05-05"), illegal("C")),
               (patch("Z", 50.0, issued_at="2025-11-05"), illegal("Z"))], label="第2批")  # issued last year
    b3 = snap([(patch("S", 120.0, cls="BC", issued_at="2026-09-05"), illegal("S")),
               (patch("T", 40.0, cls="BC", issued_at="2026-09-05"), illegal("T", category="存量建设用地违法")),
               (patch("U", 70.0, cls="BC", issued_at="2026-09-05"), legal("U"))], label="第3批")
    for one in (b1, b2, b3):
        assert accountability(one, profile).numerator_mu < 100.0 or one is b3
    year = accountability([b1, b2, b3], profile, year=2026)
    assert year.numerator_mu == pytest.approx(60.0 + 30.0 + 120.0)
    # the denominator: 合法 + 违法 耕地 of new construction; the 合法 and 存量 补充图斑 do not count
    assert year.denominator_mu == pytest.approx(60.0 + 100.0 + 30.0 + 120.0)
    assert year.ratio == pytest.approx(210.0 / 310.0) and year.over_threshold
    assert {line.batch for line in year.lines} == {"第1批", "第2批", "第3批"}
    assert "Z" not in {line.code for line in year.lines}
    s_line = next(line for line in year.lines if line.code == "S")
    assert "补充图斑" in s_line.reason and s_line.in_numerator
    # a patch in two packages counts once, from the later one
    again = snap([(patch("A", 60.0, issued_at="2026-03-05"), legal("A"))], label="第1批（重报）")
    both = accountability([b1, again], profile, year=2026)
    assert both.duplicates == ["A"] and both.numerator_mu == 0.0


def test_higher_level_final_verdict_counts_and_missing_category_is_said(profile):
    s = snap([(patch("A", 90.0), legal("A")), (patch("B", 20.0), illegal("B", category=None))])
    acc = accountability(s, profile)
    assert acc.numerator_mu == pytest.approx(20.0) and acc.missing_category == 1
    assert "违法性质未填" in next(line.reason for line in acc.lines if line.code == "B")
    s.records["A"] = {records.HIGHER_FINDING: records.HigherFinding(
        "city", "field_check", records.UNREASONABLE, "2026-10-01", final_verdict=ILLEGAL,
        final_category="新增建设用地违法", final_housing=False)}
    acc = accountability(s, profile)
    assert acc.numerator_mu == pytest.approx(110.0) and acc.higher_determined == 1
    assert next(line for line in acc.lines if line.code == "A").determined_by == "市级"


def test_near_the_standard_warning(profile):
    # 85 亩 and 12.5 %: both at or over 80 % of 100 亩 and 15 % (practice), not over
    acc = accountability(snap([(patch("A", 85.0), illegal("A")), (patch("B", 595.0), legal("B"))]), profile)
    assert acc.ratio == pytest.approx(85.0 / 680.0) and acc.near_threshold and not acc.over_threshold
    acc = accountability(snap([(patch("A", 79.0), illegal("A")), (patch("B", 100.0), legal("B"))]), profile)
    assert not acc.near_threshold  # 79 亩 is under 80 亩


@pytest.mark.parametrize("illegal_mu, legal_mu, warned", [
    (100.0, 566.0, True),  # 100 亩 and 15.01 %: both thresholds met
    (99.9, 500.0, False),  # ratio high but under 100 亩
    (120.0, 700.0, False),  # 100 亩 but 14.6 %
])
def test_accountability_warning_needs_both_thresholds(profile, illegal_mu, legal_mu, warned):
    acc = accountability(snap([(patch("A", illegal_mu), illegal("A")), (patch("B", legal_mu), legal("B"))]), profile)
    assert acc.over_threshold is warned
    assert accountability(snap([(patch("A", illegal_mu), illegal("A"))]), profile, "city").over_threshold is False


def test_monthly_table_rows_subtotals_and_total(profile):
    s = snap([
        (patch("A", 5.0, town="甲镇"), illegal("A")),
        (patch("B", 0.0, town="甲镇", cls="QTBH", area=3.0), Verification("B", OTHER, "设施农业用地", basis="b",
                                                                           verifier="甲")),
        (patch("C", 2.0, town="乙镇"), legal("C")),
        (patch("D", 1.0, town=""), None),
    ], reviews={"C": [Review("C", "县 李", "pass", "同意", "2099-01-01", reviewed_content_sha(legal("C"), []))],
                "A": [Review("A", "县 李", "return", "补拍", "2099", reviewed_content_sha(illegal("A"), []))]})
    rows = monthly_table(s, profile)
    keys = [(r["township"], r["class_name"]) for r in rows]
    assert keys == [("乙镇", "新增非农建设类"), ("乙镇", SUBTOTAL), ("甲镇", "新增非农建设类"), ("甲镇", "其他变化类"),
                    ("甲镇", SUBTOTAL), ("（未填乡镇）", "新增非农建设类"), ("（未填乡镇）", SUBTOTAL), (TOTAL, "")]
    total = rows[-1]
    assert (total["patches"], total["verified"], total["unverified"]) == (4, 3, 1)
    assert (total["legal"], total["illegal"], total["other"]) == (1, 1, 1)
    assert total["illegal_cultivated_mu"] == pytest.approx(5.0) and total["area_mu"] == pytest.approx(6 + 3 + 3 + 2)
    assert (total["passed"], total["returned"], total["awaiting_review"]) == (1, 1, 1)
    jia = rows[4]
    assert (jia["patches"], jia["illegal"], jia["other"]) == (2, 1, 1)


def test_error_rate_counts_only_what_the_province_or_the_ministry_found(profile):
    """Returned-and-corrected patches are not errors; a city's return or determination is review, never an error
    (the demo's county copy read 0.13 % where the notices give 0); the province's 明显填报不合理 and its field
    check's 虚假整改 are."""
    s = snap([(patch("A", 30.0), illegal("A")), (patch("B", 70.0), legal("B")), (patch("C", 100.0), legal("C"))],
             reviews={"A": [Review("A", "县 李", "return", "补拍")]})
    assert unreasonable_codes(s) == []
    assert error_rate(s.patches, unreasonable_codes(s)).rate == 0.0
    s.records["B"] = {records.HIGHER_FINDING: records.HigherFinding("city", "internal_review", records.UNREASONABLE,
                                                                    "2026-10-01")}
    assert unreasonable_codes(s) == []  # the city's: recorded, not counted
    s.records["A"] = {records.HIGHER_FINDING: records.HigherFinding("province", "field_check", records.AGREED,
                                                                    "2026-10-02", fake_rectification=True)}
    s.records["C"] = {records.HIGHER_FINDING: records.HigherFinding("ministry", "internal_review",
                                                                    records.UNREASONABLE, "2026-10-03")}
    assert unreasonable_codes(s) == ["A", "C"]
    assert error_rate(s.patches, unreasonable_codes(s)).rate == pytest.approx(130.0 / 200.0)


def test_task_force_list_takes_the_determination_that_counts(profile):
    s = snap([(patch("A", 3.0), illegal("A")), (patch("B", 2.0), illegal("B")), (patch("C", 4.0), legal("C"))])
    s.verifications["A"].illegal_cultivated_housing = True
    s.records["C"] = {records.HIGHER_FINDING: records.HigherFinding(
        "city", "field_check", records.UNREASONABLE, "2026-10-01", final_verdict=ILLEGAL,
        final_category="新增建设用地违法", final_housing=True)}
    rows = task_force_list(s, profile)
    assert [(r["code"], r["determined_by"]) for r in rows] == [("A", "县级"), ("C", "市级")]


def test_error_rate_formula_and_limit():
    ps = [patch("A", 30.0), patch("B", 70.0), patch("C", 900.0, military=True)]
    r = error_rate(ps, ["A"], 0.10)
    assert (r.unreasonable_mu, r.filled_mu) == (30.0, 100.0) and r.rate == pytest.approx(0.30) and r.over_limit
    assert error_rate(ps, [], 0.10).over_limit is False
    assert error_rate([], ["A"]).rate is None


def test_field_check_list_and_self_check_suspects():
    shaanxi = load_profile("shaanxi_ankang_2023")
    s = snap([(patch("A", 120.0), legal("A")), (patch("B", 60.0), illegal("B")), (patch("C", 5.0), legal("C"))],
             reviews={"C": [Review("C", "县 李", "return", "补拍")]})
    checks = field_check_list(s, shaanxi)
    assert [(c["code"], c["levels"]) for c in checks] == [("A", ["province", "city"]), ("B", ["city"])]
    assert self_check_suspects(s, ["B"]) == ["B", "C"]
