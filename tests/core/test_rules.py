"""Each rule of the engine on small in-memory packages: what it must find, and what it must not."""
import datetime as dt

import pytest

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
from weipian_plugin.core.profile import load_profile
from weipian_plugin.core.rules import evaluate, field_check_levels, review_state

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def profile():
    return load_profile()


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
    return snap


def review(snap, code, reviewer, decision, opinion=None, at=None):
    """A review of the patch as it stands in the snapshot now (bound to its content, as the store binds it)."""
    content = reviewed_content_sha(snap.verifications.get(code), (e.sha256 for e in snap.evidence.get(code, [])))
    return Review(code, reviewer, decision, opinion, at, content)


def state_of(snap, code="P1"):
    v = snap.verifications.get(code)
    return review_state(v, snap.reviews.get(code, []),
                        reviewed_content_sha(v, (e.sha256 for e in snap.evidence.get(code, []))))


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


def test_written_opinion_threshold(profile):
    snap = complete(verdict=ILLEGAL, cultivated=10.0, rectification="已拆除复耕", illegal_cultivated_housing=False)
    snap.reviews["P1"] = [review(snap, "P1", "李明", "pass", "", "2026-07-02T00:00:00")]
    assert "review.written_opinion_missing" in rules_of(snap, profile)[0]
    snap.patches[0].cultivated_mu = 9.99
    assert "review.written_opinion_missing" not in rules_of(snap, profile)[0]
    snap.patches[0].permanent_mu = 5.0
    assert "review.written_opinion_missing" in rules_of(snap, profile)[0]


def test_field_check_thresholds(profile):
    p = Patch("X", class_code="XZFNJS", cultivated_mu=100.0)
    assert field_check_levels(p, None, profile) == ["province", "city", "county"]
    p.cultivated_mu = 60.0
    assert field_check_levels(p, None, profile) == ["city", "county"]
    p.cultivated_mu, p.redline_mu = 0.0, 30.0
    assert field_check_levels(p, None, profile) == ["city"]
    q = Patch("Y", class_code="KC", mineral=True, area_mu=12.0)
    assert field_check_levels(q, Verification("Y", verdict=ILLEGAL), profile) == ["province", "city"]
    assert field_check_levels(q, Verification("Y", verdict=LEGAL), profile) == []
    r = Patch("Z", class_code="QTBH", cultivated_mu=55.0)
    assert field_check_levels(r, Verification("Z", rectification="已拆除复耕"), profile) == ["province", "city"]


def test_military_and_deduction_information(profile):
    snap = complete(verdict=ILLEGAL, cultivated=0.0, rectification="已补办完善用地手续")
    snap.patches[0].military = True
    _, findings, _ = rules_of(snap, profile)
    info = {f.rule for f in findings if f.severity == INFO}
    assert {"military.separate", "deduction.verify"} <= info
