"""Each rule of the engine on small in-memory packages: what it must find, and what it must not."""
import datetime as dt
from dataclasses import replace

import pytest

from weipian_plugin.core import records
from weipian_plugin.core.findings import BLOCKING, INFO
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
from weipian_plugin.core.profile import load_profile, profile_for_county
from weipian_plugin.core.rules import evaluate, field_check_levels, review_state

TODAY = dt.date(2026, 11, 23)
LEADS = {"kind": "county", "internal_review_lead": "李明", "field_check_lead": "赵外业"}


@pytest.fixture(scope="module")
def profile():
    return load_profile()


@pytest.fixture(scope="module")
def shaanxi():
    return load_profile("shaanxi_ankang_2023")


def photo(i, code, **kw):
    base = dict(id=i, patch_code=code, kind=PHOTO, path=f"{code}/{i}.jpg", sha256=f"h{i}", size=10,
                longitude=109.0, latitude=32.7, azimuth=90.0, taken_at="2026-06-01T10:00:00+08:00",
                problem_codes="", distance_m=20.0, azimuth_offset_deg=0.0)
    base.update(kw)
    return Evidence(**base)


def doc(i, code):
    return Evidence(id=i, patch_code=code, kind=DOCUMENT, path=f"{code}/d{i}.pdf", sha256=f"d{i}")


def complete(code="P1", cls="QTXZJS", cultivated=0.0, verdict=OTHER, **vkw):
    """A patch with a complete verdict, evidence and a valid pass review."""
    patch = Patch(code=code, class_code=cls, later_date="2026-05-20", area_mu=3.0, cultivated_mu=cultivated)
    v = Verification(code, verdict=verdict, subtype={"HF": "依法批准用地", "WF": "违法占地", "QT": "设施农业用地"}[verdict],
                     basis="依据", approval_no="文号", verifier="王芳", verified_at="2026-07-01T00:00:00")
    for k, val in vkw.items():
        setattr(v, k, val)
    snap = PackageSnapshot([patch], {code: v}, {code: [photo(1, code), photo(2, code), doc(3, code)]})
    snap.reviews[code] = [review(snap, code, "李明", "pass", "同意", "2026-07-02T00:00:00")]
    snap.records[code] = {records.FIELD_CHECK: records.FieldCheck("赵外业", "2026-06-02")}
    snap.meta = dict(LEADS)
    return snap


def review(snap, code, reviewer, decision, opinion=None, at=None):
    """A review of the patch as it stands in the snapshot now (bound to its content, as the store binds it)."""
    return Review(code, reviewer, decision, opinion, at, _content(snap, code))


def _content(snap, code):
    patch = next(p for p in snap.patches if p.code == code)
    return reviewed_content_sha(snap.verifications.get(code), (e.sha256 for e in snap.evidence.get(code, [])),
                                patch.military)


def state_of(snap, code="P1"):
    return review_state(snap.verifications.get(code), snap.reviews.get(code, []), _content(snap, code))


def rules_of(snap, profile):
    findings, cov = evaluate(snap, profile, TODAY)
    return {f.rule for f in findings if f.severity != INFO}, findings, cov


def test_complete_patch_has_no_findings(profile):
    rules, findings, cov = rules_of(complete(), profile)
    assert rules == set()
    assert (cov.total, cov.verified, cov.reviewed) == (1, 1, 1) and cov.review_complete


def test_no_verdict(profile):
    snap = complete()
    snap.verifications.clear()
    rules, _, cov = rules_of(snap, profile)
    assert "verdict.missing" in rules and "review.missing" in rules and cov.verified == 0


def test_subtype_and_basis_missing(profile):
    rules, _, _ = rules_of(complete(subtype="", basis=" "), profile)
    assert {"verdict.subtype_missing", "verdict.basis_missing"} <= rules
    rules, _, _ = rules_of(complete(subtype="不存在的类型"), profile)
    assert "verdict.subtype_unknown" in rules


@pytest.mark.parametrize("cls, forbidden", [("XZFNJS", True), ("NDCXBH", True), ("QTXZJS", False), ("QTBH", False)])
def test_other_forbidden_for_key_classes(profile, cls, forbidden):
    rules, findings, _ = rules_of(complete(cls=cls), profile)
    assert ("verdict.other_forbidden" in rules) == forbidden
    if forbidden:
        f = next(f for f in findings if f.rule == "verdict.other_forbidden")
        assert f.severity == BLOCKING and "002" in f.source and "其他" in f.message_zh


def test_other_for_a_key_class_only_by_a_collective_reviews_recorded_reason(profile):
    """002 §三(二)2 says 一般不得: blocking by default; a collective review that records why this patch is the
    exception lifts the block for that patch, and the patch keeps a warning saying so."""
    snap = complete(cls="XZFNJS")
    snap.records["P1"][records.COLLECTIVE_REVIEW] = records.CollectiveReview.parse(
        {"decided_on": "2026-07-05", "participants": "李明、赵刚、王芳", "conclusion": "维持其他"})
    assert "verdict.other_forbidden" in rules_of(snap, profile)[0]  # a collective review without a reason: no
    snap.records["P1"][records.COLLECTIVE_REVIEW] = records.CollectiveReview.parse(
        {"decided_on": "2026-07-05", "participants": "李明、赵刚、王芳", "conclusion": "维持其他",
         "other_reason": "监测为新增建设，实地为已备案的临时用地，到期复垦"})
    rules, findings, _ = rules_of(snap, profile)
    assert "verdict.other_forbidden" not in rules
    f = next(f for f in findings if f.rule == "verdict.other_by_collective_review")
    assert f.severity == "warning" and "到期复垦" in f.message_zh and "2026-07-05" in f.message_zh
    other = complete(code="P2", cls="XZFNJS")  # the exception is this patch's only
    assert "verdict.other_forbidden" in rules_of(other, profile)[0]


def test_housing_flag_required_exactly_for_illegal_on_cultivated(profile):
    rules, _, _ = rules_of(complete(verdict=ILLEGAL, cultivated=2.0), profile)
    assert "housing.flag_missing" in rules
    rules, _, _ = rules_of(complete(verdict=ILLEGAL, cultivated=2.0, illegal_cultivated_housing=False), profile)
    assert "housing.flag_missing" not in rules and "housing.flag_not_applicable" not in rules
    rules, _, _ = rules_of(complete(verdict=ILLEGAL, cultivated=0.0), profile)
    assert "housing.flag_missing" not in rules
    rules, _, _ = rules_of(complete(verdict=LEGAL, cultivated=2.0, illegal_cultivated_housing=True), profile)
    assert "housing.flag_not_applicable" in rules


def test_evidence_for_legal_and_other(profile):
    snap = complete(verdict=LEGAL)
    snap.evidence["P1"] = [photo(1, "P1", azimuth=None)]
    rules, findings, _ = rules_of(snap, profile)
    assert {"evidence.photos_missing", "evidence.documents_missing"} <= rules
    assert next(f for f in findings if f.rule == "evidence.photos_missing").severity == BLOCKING
    snap = complete(verdict=ILLEGAL, cultivated=0.0)
    snap.evidence["P1"] = []
    _, findings, _ = rules_of(snap, profile)
    missing = [f for f in findings if f.rule == "evidence.photos_missing"]
    assert missing and missing[0].severity == "warning"  # 违法 rests on field verification too, less strictly


@pytest.mark.parametrize("verdict, subtype, paper_needed", [
    (LEGAL, "依法批准用地", True),  # 合法 needs its approval
    (OTHER, "设施农业用地", True),  # record papers where they exist (003: 相关)
    (OTHER, "临时用地", True),
    (OTHER, "不改变原用地性质的光伏用地", True),
    (OTHER, "实地未变化", False),  # no paper to give: photos are its evidence
    (OTHER, "农村道路", False),
    (ILLEGAL, "违法占地", False),
])
def test_documents_only_where_they_exist(profile, verdict, subtype, paper_needed):
    snap = complete(verdict=verdict, cultivated=0.0, subtype=subtype)
    snap.evidence["P1"] = [e for e in snap.evidence["P1"] if e.kind == PHOTO]  # two good photos, no paper
    rules = rules_of(snap, profile)[0]
    assert ("evidence.documents_missing" in rules) is paper_needed
    assert "evidence.photos_missing" not in rules


@pytest.mark.parametrize("kw, rule", [
    (dict(distance_m=450.0), "photo.too_far"),
    (dict(azimuth_offset_deg=40.0), "photo.looks_away"),
    (dict(taken_at="2026-05-01T09:00:00"), "photo.before_imagery"),
    (dict(taken_at="2026-12-30T09:00:00"), "photo.in_future"),
    (dict(longitude=None, latitude=None, problem_codes="no_position"), "photo.no_position"),
    (dict(azimuth=None, problem_codes="no_azimuth"), "photo.no_azimuth"),
    (dict(problem_codes="corrupt_exif"), "photo.file_problem"),
    (dict(taken_at=None, problem_codes="no_time"), "photo.no_time"),
])
def test_photo_checks(profile, kw, rule):
    snap = complete()
    snap.evidence["P1"][0] = photo(1, "P1", **kw)
    rules, findings, _ = rules_of(snap, profile)
    assert rule in rules
    assert next(f for f in findings if f.rule == rule).evidence_id == 1
    # the profile's tolerances decide: a looser profile accepts the same photo
    if rule == "photo.looks_away":
        profile.evidence["azimuth_tolerance_deg"] = 45.0
        try:
            assert "photo.looks_away" not in rules_of(snap, profile)[0]
        finally:
            profile.evidence["azimuth_tolerance_deg"] = 5.0


def test_same_file_on_two_patches_is_flagged_on_both(profile):
    a, b = complete("A"), complete("B")
    snap = PackageSnapshot(a.patches + b.patches, {**a.verifications, **b.verifications},
                           {**a.evidence, **b.evidence}, {**a.reviews, **b.reviews})
    snap.evidence["B"][0] = photo(9, "B", sha256=snap.evidence["A"][0].sha256)
    _, findings, _ = rules_of(snap, profile)
    reused = [f for f in findings if f.rule == "photo.reused"]
    assert {f.patch_code for f in reused} == {"A", "B"}


def test_internal_review_states(profile):
    snap = complete()
    snap.reviews["P1"] = [review(snap, "P1", "王芳", "pass", None, "2026-07-02")]
    assert "review.self_review" in rules_of(snap, profile)[0]
    snap.reviews["P1"] = [review(snap, "P1", " ", "pass", None, "2026-07-02")]
    assert "review.unnamed" in rules_of(snap, profile)[0]
    snap.reviews["P1"] = [review(snap, "P1", "李明", "return", "补拍照片", "2026-07-02T00:00:00")]
    rules, findings, cov = rules_of(snap, profile)
    assert "review.returned" in rules and cov.returned == 1 and cov.reviewed == 0
    assert "补拍照片" in next(f for f in findings if f.rule == "review.returned").message_zh
    snap.verifications["P1"].verified_at = "2026-07-03T00:00:00"  # saved again, nothing changed: still returned
    assert "review.returned" in rules_of(snap, profile)[0]
    snap.evidence["P1"].append(photo(7, "P1"))  # the township adds the photo asked for
    assert "review.resubmitted" in rules_of(snap, profile)[0]
    snap.reviews["P1"].append(review(snap, "P1", "李明", "pass", "同意", "2026-07-04T00:00:00"))
    rules, _, cov = rules_of(snap, profile)
    assert rules == set() and cov.reviewed == 1


def test_a_review_binds_to_the_content_it_reviewed_not_to_clocks(profile):
    """A 违法 → 合法 change with the township's clock a day behind once kept the pass."""
    snap = complete(verdict=ILLEGAL, illegal_cultivated_housing=None, category="新增建设用地违法")
    assert state_of(snap) == "passed"
    v = snap.verifications["P1"]
    v.verdict, v.subtype, v.verified_at = LEGAL, "依法批准用地", "2026-06-30T00:00:00"  # before the review
    assert state_of(snap) == "resubmitted"
    assert "review.resubmitted" in rules_of(snap, profile)[0]
    snap = complete()
    snap.verifications["P1"].verified_at = "2026-08-01T00:00:00"  # saved later, same content: the pass holds
    assert state_of(snap) == "passed"
    snap.evidence["P1"].pop()  # a document taken away after the pass
    assert state_of(snap) == "resubmitted"
    snap = complete()
    snap.reviews["P1"][-1].content_sha = None  # a pass that says nothing of what it reviewed holds for nothing
    assert state_of(snap) == "resubmitted"


def test_written_opinion_threshold(profile, shaanxi):
    snap = complete(verdict=ILLEGAL, cultivated=10.0, rectification="已拆除复耕", illegal_cultivated_housing=False,
                    category="新增建设用地违法")
    snap.reviews["P1"] = [review(snap, "P1", "李明", "pass", "", "2026-07-02T00:00:00")]
    assert "review.written_opinion_missing" in rules_of(snap, shaanxi)[0]
    # the threshold is a Shaanxi/安康 one (002): the national profile states none
    assert "review.written_opinion_missing" not in rules_of(snap, profile)[0]
    snap.patches[0].cultivated_mu = 9.99
    assert "review.written_opinion_missing" not in rules_of(snap, shaanxi)[0]
    # 永农 or 红线 5 亩 or more, read as their sum by default (三区三线 do not overlap): 2 + 2.99 is under, 2 + 3 is 5
    snap.patches[0].permanent_mu, snap.patches[0].redline_mu = 2.0, 2.99
    assert "review.written_opinion_missing" not in rules_of(snap, shaanxi)[0]
    snap.patches[0].redline_mu = 3.0
    assert "review.written_opinion_missing" in rules_of(snap, shaanxi)[0]
    assert shaanxi.thresholds["written_opinion_restoration"]["combine"] == "sum"
    # either-area is the profile's option: 2 + 3 is then neither
    either = replace(shaanxi, thresholds={**shaanxi.thresholds, "written_opinion_restoration": {
        **shaanxi.thresholds["written_opinion_restoration"], "combine": "either"}})
    assert "review.written_opinion_missing" not in rules_of(snap, either)[0]


def test_field_check_selects_suspects_whatever_the_verdict(profile, shaanxi):
    p = Patch("X", class_code="XZFNJS", cultivated_mu=100.0)
    assert field_check_levels(p, None, shaanxi) == ["province", "city"]  # 安康 has no county-leadership check
    # a 合法 verdict on a 120 亩 patch is exactly what a higher level checks
    big = Patch("B", class_code="NDCXBH", cultivated_mu=120.0)
    assert field_check_levels(big, Verification("B", verdict=LEGAL), shaanxi) == ["province", "city"]
    p.cultivated_mu = 60.0
    assert field_check_levels(p, None, shaanxi) == ["city"]
    # 永农 + 红线 read as their sum: 15 + 15 = 30 reaches the city's 30 亩; 29.99 does not
    p.cultivated_mu, p.permanent_mu, p.redline_mu = 0.0, 15.0, 15.0
    assert field_check_levels(p, None, shaanxi) == ["city"]
    p.redline_mu = 14.99
    assert field_check_levels(p, None, shaanxi) == []
    # suspected illegal mining ≥ 10 亩, before and regardless of the county's verdict
    q = Patch("Y", class_code="KC", mineral=True, area_mu=12.0)
    for verdict in (ILLEGAL, LEGAL, None):
        assert field_check_levels(q, Verification("Y", verdict=verdict), shaanxi) == ["province", "city"]
    # the land thresholds are for 新增非农建设类 and 年度内持续变化类 only (002 §三(五))
    for cls in ("QTXZJS", "BC", "QTBH"):
        assert field_check_levels(Patch("O", class_code=cls, cultivated_mu=120.0, permanent_mu=60.0), None,
                                  shaanxi) == [], cls
    # 拆除复耕 by its own columns, whatever the class
    r = Patch("Z", class_code="QTBH", cultivated_mu=55.0)
    assert field_check_levels(r, Verification("Z", rectification="已拆除复耕"), shaanxi) == ["province", "city"]
    assert field_check_levels(r, None, shaanxi) == []
    assert field_check_levels(big, None, profile) == []  # the national base states no field-check thresholds


def test_county_leadership_check_is_001s_county_practice():
    """001's leadership check (≥ 50 亩 of 耕地) is a county-practice profile of its own, never chosen for 安康."""
    practice = load_profile("county_practice_001")
    p = Patch("X", class_code="XZFNJS", cultivated_mu=50.0)
    assert field_check_levels(p, None, practice) == ["county"]
    p.cultivated_mu = 49.99
    assert field_check_levels(p, None, practice) == []
    assert profile_for_county("610902") == "shaanxi_ankang_2023"
    assert "county" not in load_profile("shaanxi_ankang_2023").thresholds["field_check"]


def _illegal(**kw):
    base = dict(verdict=ILLEGAL, cultivated=12.0, illegal_cultivated_housing=False, category="新增建设用地违法")
    base.update(kw)
    return complete(**base)


def test_illegal_verdict_needs_its_nature(profile):
    snap = _illegal(category=None)
    assert "verdict.category_missing" in rules_of(snap, profile)[0]
    assert [f.severity for f in evaluate(snap, profile, TODAY)[0] if f.rule == "verdict.category_missing"] == [BLOCKING]
    assert "verdict.category_unknown" in rules_of(_illegal(category="乱填"), profile)[0]
    assert not {"verdict.category_missing", "verdict.category_unknown"} & rules_of(_illegal(), profile)[0]


def test_farm_facility_or_solar_on_permanent_farmland_is_flagged(profile):
    snap = complete(verdict=OTHER)  # 其他 / 设施农业用地
    assert "farmland.facility_on_permanent" not in rules_of(snap, profile)[0]
    snap.patches[0].permanent_mu = 83.57
    assert "farmland.facility_on_permanent" in rules_of(snap, profile)[0]
    snap.verifications["P1"].subtype = "不改变原用地性质的光伏用地"
    assert "farmland.facility_on_permanent" in rules_of(snap, profile)[0]
    snap.verifications["P1"].subtype = "实地未变化"
    assert "farmland.facility_on_permanent" not in rules_of(snap, profile)[0]


def test_deduction_counts_only_with_its_acceptance(profile):
    snap = _illegal(rectification="已拆除复耕")
    assert "deduction.not_accepted" in rules_of(snap, profile)[0]
    # after-photos: taken after the later imaging date (2026-05-20); photo 1 is of 2026-06-01
    snap.records["P1"][records.ACCEPTANCE] = records.Acceptance(records.RESTORED, "孙验收", "2026-07-01", [1])
    found = {f.rule: f for f in evaluate(snap, profile, TODAY)[0]}
    assert "deduction.accepted" in found and "孙验收" in found["deduction.accepted"].message_zh
    snap.evidence["P1"][0].taken_at = "2026-05-01T10:00:00"  # before the imaging: it shows nothing restored
    assert "deduction.acceptance_incomplete" in rules_of(snap, profile)[0]
    # an acceptance of another kind does not accept this claim
    snap.records["P1"][records.ACCEPTANCE] = records.Acceptance(records.LEGALISED, "孙验收", "2026-07-01", [3],
                                                                approval_no="陕政土批〔2026〕1号")
    assert "deduction.not_accepted" in rules_of(snap, profile)[0]


def test_case_papers_for_illegal_under_rectification(profile):
    snap = _illegal(rectification="整改中")
    assert "evidence.case_papers_missing" in rules_of(snap, profile)[0]
    snap.evidence["P1"][2].doc_type = "case"
    assert "evidence.case_papers_missing" not in rules_of(snap, profile)[0]


def test_county_field_check_and_responsible_persons_before_filling_in(profile):
    snap = complete()
    del snap.records["P1"][records.FIELD_CHECK]
    assert "fieldcheck.not_recorded" in rules_of(snap, profile)[0]
    snap.meta = {"kind": "assignment"}  # a township's package: the county's duties are not the township's
    assert not {"fieldcheck.not_recorded", "package.internal_review_lead_missing"} & rules_of(snap, profile)[0]
    snap = complete()
    snap.meta["field_check_lead"] = " "
    found = [f for f in evaluate(snap, profile, TODAY)[0] if f.rule.startswith("package.")]
    assert [(f.rule, f.patch_code, f.severity) for f in found] == [("package.field_check_lead_missing", None, BLOCKING)]


def test_disputed_or_key_patch_needs_collective_review(profile):
    snap = complete()
    snap.records["P1"][records.MARK] = records.Mark(disputed=True)
    assert "review.collective_missing" in rules_of(snap, profile)[0]
    snap.records["P1"][records.COLLECTIVE_REVIEW] = records.CollectiveReview("2026-07-01", ["李明", "赵局长"], "维持其他")
    assert "review.collective_missing" not in rules_of(snap, profile)[0]
    snap.records["P1"] = {records.FIELD_CHECK: snap.records["P1"][records.FIELD_CHECK], records.MARK: records.Mark()}
    assert "review.collective_missing" not in rules_of(snap, profile)[0]


@pytest.mark.parametrize("issued, due", [
    ("2026-03-20", dt.date(2026, 4, 20)),  # issued by the 20th: due the 20th of the next month
    ("2026-03-21", dt.date(2026, 5, 20)),  # after the 20th: a month later
    ("2026-11-05", dt.date(2026, 12, 20)),
    # 002 §三(二)3's other two deadlines: issued up to 6月20日 → by 7月15日 (not 07-20, as a 06-10 batch once
    # showed); the whole year → by 1月18日 of the next year
    ("2026-06-10", dt.date(2026, 7, 15)),
    ("2026-05-25", dt.date(2026, 7, 15)),
    ("2026-06-20", dt.date(2026, 7, 15)),
    ("2026-06-21", dt.date(2026, 8, 20)),
    ("2026-11-25", dt.date(2027, 1, 18)),  # the 20th of January would be later than the year's deadline
    ("2026-12-25", dt.date(2027, 1, 18)),  # across the year: 2027-02-20 by the month, the 18th by the year
])
def test_monthly_due_date(profile, issued, due):
    from weipian_plugin.core.rules import monthly_due_date

    assert monthly_due_date(issued, profile) == due


def test_overdue_unless_passed(profile):
    snap = complete()
    snap.patches[0].issued_at = "2026-09-10"  # due 2026-10-20; today is 2026-11-23
    assert "due.overdue" not in rules_of(snap, profile)[0]  # passed
    snap.reviews["P1"] = []
    assert "due.overdue" in rules_of(snap, profile)[0]
    snap.patches[0].issued_at = "2026-10-21"  # due 2026-12-20
    assert "due.overdue" not in rules_of(snap, profile)[0]


def test_late_stays_late_after_it_passes(profile):
    """A batch finished 4½ months late showed 0 overdue once it passed: the record keeps it late."""
    from weipian_plugin.core.statistics import monthly_table

    snap = complete()
    snap.patches[0].issued_at = "2026-03-10"  # due 2026-04-20
    snap.reviews["P1"] = [review(snap, "P1", "李明", "pass", "同意", "2026-09-01T10:00:00")]  # passed on 09-01
    _, findings, _ = rules_of(snap, profile)
    late = [f for f in findings if f.rule == "due.late"]
    assert late and late[0].severity == INFO and "2026-04-20" in late[0].message_zh
    assert monthly_table(snap, profile, TODAY)[-1]["overdue"] == 1
    snap.reviews["P1"] = [review(snap, "P1", "李明", "pass", "同意", "2026-04-19T10:00:00")]  # on time
    assert monthly_table(snap, profile, TODAY)[-1]["overdue"] == 0
    assert not [f for f in rules_of(snap, profile)[1] if f.rule.startswith("due.")]


def test_military_information(profile):
    snap = complete(verdict=ILLEGAL, cultivated=0.0, rectification="已补办完善用地手续", category="新增建设用地违法")
    snap.patches[0].military = True
    _, findings, _ = rules_of(snap, profile)
    assert "military.separate" in {f.rule for f in findings if f.severity == INFO}


def test_overdue_cutoff_agrees_with_the_due_date_of_every_day(profile):
    """The dock counts overdue patches with one comparison against a cutoff; it must agree with the due date
    rule for every issue date and every today over two years."""
    from weipian_plugin.core.rules import monthly_due_date, overdue_cutoff

    start = dt.date(2025, 1, 1)
    issued_days = [start + dt.timedelta(days=i) for i in range(0, 760, 3)]
    for t in range(0, 730, 7):
        today = start + dt.timedelta(days=t)
        cutoff = overdue_cutoff(today, profile)
        for issued in issued_days:
            assert (issued <= cutoff) == (today > monthly_due_date(issued.isoformat(), profile)), (today, issued)


def test_a_township_package_is_spared_the_countys_review_gate_but_sees_its_returns(profile):
    snap = complete()
    snap.reviews["P1"] = []
    snap.meta = {"kind": "assignment"}
    assert "review.missing" not in rules_of(snap, profile)[0]
    snap.reviews["P1"] = [review(snap, "P1", "李明", "return", "补拍远景", "2026-07-02T00:00:00")]
    assert "review.returned" in rules_of(snap, profile)[0]  # the township must act on a return
    snap.meta = dict(LEADS)
    snap.reviews["P1"] = []
    assert "review.missing" in rules_of(snap, profile)[0]


def test_the_military_mark_is_reviewed_like_a_verdict(profile):
    """A tick on 军事用地 takes a patch out of the normal package: the pass must have covered the mark, so one
    unreviewed tick never hides a patch (002 §二(一) 杜绝瞒报)."""
    snap = complete(verdict=LEGAL)
    assert state_of(snap) == "passed"
    snap.patches[0].military = True  # ticked after the pass
    rules, findings, _ = rules_of(snap, profile)
    assert state_of(snap) == "resubmitted" and "military.unreviewed" in rules
    assert next(f for f in findings if f.rule == "military.unreviewed").severity == BLOCKING
    snap.reviews["P1"].append(review(snap, "P1", "李明", "pass", "经核实属军事用地"))
    assert state_of(snap) == "passed" and "military.unreviewed" not in rules_of(snap, profile)[0]
    snap.patches[0].military = False  # taking the mark away is a decision too
    assert state_of(snap) == "resubmitted"
