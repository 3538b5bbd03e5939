"""County figures on small in-memory packages: the monthly table, the accountability ratio with every annex-3
adjustment, the field-check list and the error-rate formula."""
import pytest

from weipian_plugin.core.model import (
    ILLEGAL,
    LEGAL,
    OTHER,
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
)

NEW = "XZFNJS"


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def patch(code, cultivated, cls=NEW, town="甲镇", area=None, **kw):
    return Patch(code, township=town, class_code=cls, class_name=None, area_mu=area or cultivated + 1.0,
                 cultivated_mu=cultivated, **kw)


def illegal(code, category="新增建设用地违法", rect="整改中"):
    return Verification(code, ILLEGAL, "违法占地", category, False, "b", rectification=rect, verifier="甲")


def legal(code):
    return Verification(code, LEGAL, "依法批准用地", basis="b", approval_no="x", verifier="甲")


def snap(pairs, reviews=None):
    return PackageSnapshot([p for p, _ in pairs], {p.code: v for p, v in pairs if v}, {}, reviews or {})


def test_accountability_applies_each_adjustment(profile):
    s = snap([
        (patch("A", 80.0), illegal("A")),  # counts in both
        (patch("B", 200.0), legal("B")),  # denominator only
        (patch("C", 30.0), illegal("C", rect="已补办完善用地手续")),  # out of the numerator only
        (patch("D", 40.0), illegal("D", rect="已拆除复耕")),  # out of both
        (patch("E", 50.0), illegal("E", category="存量建设用地违法")),  # in neither
        (patch("F", 60.0), illegal("F", category="农业项目破坏耕地（基本农田）")),  # in neither
        (patch("G", 70.0), Verification("G", OTHER, "设施农业用地", basis="b")),  # not construction
        (patch("H", 90.0, cls="QTBH"), illegal("H")),  # 其他变化类: not a construction class
        (patch("I", 25.0, military=True), illegal("I")),  # military land: reported separately
        (patch("J", 10.0), None),  # not judged yet
    ])
    acc = accountability(s, profile)
    assert acc.numerator_mu == pytest.approx(80.0)
    assert acc.denominator_mu == pytest.approx(80.0 + 200.0 + 30.0)
    assert acc.out_of_numerator_mu == pytest.approx(30.0) and acc.out_of_both_mu == pytest.approx(40.0)
    assert acc.excluded_mu == pytest.approx(110.0)
    assert acc.ratio == pytest.approx(80.0 / 310.0)
    assert not acc.over_threshold  # 80 亩 is under 100 亩
    assert {line.code for line in acc.lines} == set("ABCDEF")


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


def test_error_rate_formula_and_limit():
    ps = [patch("A", 30.0), patch("B", 70.0), patch("C", 900.0, military=True)]
    r = error_rate(ps, ["A"], 0.10)
    assert (r.unreasonable_mu, r.filled_mu) == (30.0, 100.0) and r.rate == pytest.approx(0.30) and r.over_limit
    assert error_rate(ps, [], 0.10).over_limit is False
    assert error_rate([], ["A"]).rate is None


def test_field_check_list_and_self_check_suspects(profile):
    s = snap([(patch("A", 120.0), illegal("A")), (patch("B", 60.0), illegal("B")), (patch("C", 5.0), legal("C"))],
             reviews={"C": [Review("C", "县 李", "return", "补拍")]})
    checks = field_check_list(s, profile)
    assert [(c["code"], c["levels"]) for c in checks] == [("A", ["province", "city", "county"]), ("B", ["city", "county"])]
    assert self_check_suspects(s, ["B"]) == ["B", "C"]
