"""The rules engine: a work package snapshot and a profile in, findings and coverage out.

Each rule is one function named for what it checks; RULES lists them in the order findings are produced.
Sources: notice numbers of shared/domain.md (001, 002, 003) or "practice".
"""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from .findings import BLOCKING, INFO, WARNING, Coverage, Finding
from .messages import QT_TRANSLATE_NOOP
from .model import (
    DOCUMENT,
    ILLEGAL,
    LEGAL,
    OTHER,
    PASS,
    PHOTO,
    RETURN,
    Evidence,
    PackageSnapshot,
    Patch,
    Review,
    Verification,
    reviewed_content_sha,
)
from .photo_reading import (
    BAD_ALTITUDE,
    BAD_TIME_OFFSET,
    CORRUPT_EXIF,
    EMPTY,
    NO_AZIMUTH,
    NO_POSITION,
    NO_TIME,
    NOT_IMAGE,
    NOT_REGULAR,
    TRUNCATED,
    UNREADABLE,
)
from .profile import Profile

RESTORED = "已拆除复耕"
LEGALISED = "已补办完善用地手续"


class Context:
    """What every rule sees for one patch."""

    def __init__(self, patch: Patch, verification: Optional[Verification], evidence: List[Evidence],
                 reviews: List[Review], profile: Profile, today: _dt.date, shared_hashes: Dict[str, set]):
        self.patch, self.v, self.evidence, self.reviews = patch, verification, evidence, reviews
        self.profile, self.today, self.shared_hashes = profile, today, shared_hashes
        self.findings: List[Finding] = []

    @property
    def verdict(self) -> Optional[str]:
        return self.v.verdict if self.v else None

    @property
    def photos(self) -> List[Evidence]:
        return [e for e in self.evidence if e.kind == PHOTO]

    @property
    def documents(self) -> List[Evidence]:
        return [e for e in self.evidence if e.kind == DOCUMENT]

    @property
    def latest_review(self) -> Optional[Review]:
        return self.reviews[-1] if self.reviews else None

    @property
    def state(self) -> str:
        return patch_state(self.v, self.reviews, self.evidence)

    def add(self, rule: str, severity: str, zh: str, en: str, source: str, evidence_id: Optional[int] = None):
        self.findings.append(Finding(self.patch.code, rule, severity, zh, en, source, evidence_id))


# -- verdict completeness ----------------------------------------------------------------------------------

def rule_verdict_present(c: Context) -> None:
    if not c.verdict:
        c.add("verdict.missing", BLOCKING, "未填写合法性判定结果", "no legality verdict", "002")
    elif c.profile.verdict(c.verdict) is None:
        c.add("verdict.unknown", BLOCKING, f"判定结果“{c.verdict}”不在规则配置中",
              f"verdict '{c.verdict}' is not in the profile", "profile")


def rule_subtype_and_basis(c: Context) -> None:
    verdict = c.profile.verdict(c.verdict)
    if verdict is None:
        return
    if verdict.subtypes and not (c.v.subtype or "").strip():
        c.add("verdict.subtype_missing", BLOCKING, f"{verdict.name}图斑未填写具体类型",
              f"{verdict.name_en} verdict without a subtype", "002")
    elif c.v.subtype and verdict.subtypes and c.v.subtype not in verdict.subtypes:
        c.add("verdict.subtype_unknown", BLOCKING, f"类型“{c.v.subtype}”不属于{verdict.name}",
              f"subtype '{c.v.subtype}' does not belong to {verdict.name_en}", "profile")
    if not (c.v.basis or "").strip():
        c.add("verdict.basis_missing", BLOCKING, "未填写判定依据说明", "no basis text for the verdict (PDYJSM)",
              "practice")
    if c.verdict == LEGAL and not (c.v.approval_no or "").strip():
        c.add("verdict.approval_no_missing", WARNING, "合法图斑未填写批准文号", "legal verdict without an approval number (PZWH)",
              "practice")


def rule_other_not_for_key_classes(c: Context) -> None:
    """Rule 1: 新增非农建设类 and 年度内持续变化类 may generally not be judged 其他."""
    if c.verdict != OTHER:
        return
    cls = c.profile.class_of(c.patch)
    if cls is not None and not cls.other_verdict_allowed:
        c.add("verdict.other_forbidden", BLOCKING, f"{cls.name}图斑原则上不得判定为“其他”",
              f"a patch of class {cls.name} may not be judged 'other'", "002 §三(二)2")


def rule_illegal_cultivated_housing(c: Context) -> None:
    """Rule 2: a 违法 verdict on 耕地 must say whether it is 新增农村乱占耕地建房, and only then."""
    required = c.verdict == ILLEGAL and c.patch.cultivated_mu > 0
    flag = c.v.illegal_cultivated_housing if c.v else None
    if required and flag is None:
        c.add("housing.flag_missing", BLOCKING, "违法占用耕地图斑必须认定是否属于新增农村乱占耕地建房问题",
              "illegal occupation of cultivated land must say whether it is new rural housing on cultivated land",
              "002")
    elif not required and flag is not None and c.verdict:
        c.add("housing.flag_not_applicable", BLOCKING, "仅违法占用耕地的图斑填写“是否属于新增农村乱占耕地建房”",
              "the rural-housing determination applies only to illegal occupation of cultivated land", "002")


def rule_evidence_for_verdict(c: Context) -> None:
    """Rule 3: 合法 and 其他 need approval/record documents and photos with azimuth."""
    if not c.verdict or c.profile.verdict(c.verdict) is None:
        return
    needed = c.profile.min_photos(c.verdict)
    usable = [p for p in c.photos if p.azimuth is not None and p.longitude is not None]
    severity = BLOCKING if c.verdict in (LEGAL, OTHER) else WARNING
    if len(usable) < needed:
        c.add("evidence.photos_missing", severity,
              f"需要至少 {needed} 张带方位角和位置的现场照片，现有 {len(usable)} 张",
              f"needs at least {needed} field photos with position and azimuth, has {len(usable)}",
              "003" if severity == BLOCKING else "002")
    if c.profile.requires_documents(c.verdict) and not c.documents:
        c.add("evidence.documents_missing", BLOCKING, "缺少用地批准或备案文件", "no approval or record document attached",
              "003")


# -- photo checks -------------------------------------------------------------------------------------------

_FILE_PROBLEMS = (EMPTY, NOT_IMAGE, UNREADABLE, CORRUPT_EXIF, TRUNCATED, NOT_REGULAR)
_SUSPECT_METADATA = (BAD_ALTITUDE, BAD_TIME_OFFSET)


def _check_photo(c: Context, e: Evidence) -> None:
    codes = set(filter(None, (e.problem_codes or "").split(",")))
    name = e.path
    bad = codes.intersection(_FILE_PROBLEMS)
    if bad:
        c.add("photo.file_problem", BLOCKING, f"照片文件有问题：{name}（{', '.join(sorted(bad))}）",
              f"photo file problem: {name} ({', '.join(sorted(bad))})", "practice", e.id)
    suspect = codes.intersection(_SUSPECT_METADATA)
    if suspect:
        c.add("photo.suspect_metadata", WARNING, f"照片元数据不合常理（海拔或时区）：{name}",
              f"photo metadata is implausible ({', '.join(sorted(suspect))}): {name}", "001 真实性", e.id)
    if NO_POSITION in codes or e.longitude is None:
        c.add("photo.no_position", WARNING, f"照片无 GPS 位置：{name}", f"photo has no GPS position: {name}",
              "practice", e.id)
    if NO_AZIMUTH in codes or e.azimuth is None:
        c.add("photo.no_azimuth", WARNING, f"照片无方位角：{name}", f"photo has no azimuth: {name}", "003", e.id)
    limit = c.profile.max_photo_distance_m
    if e.distance_m is not None and e.distance_m > limit:
        c.add("photo.too_far", WARNING, f"照片拍摄位置距图斑 {e.distance_m:.0f} 米，超过 {limit:.0f} 米：{name}",
              f"photo taken {e.distance_m:.0f} m from the patch, over {limit:.0f} m: {name}", "practice", e.id)
    tol = c.profile.azimuth_tolerance_deg
    if e.azimuth_offset_deg is not None and e.azimuth_offset_deg > tol:
        c.add("photo.looks_away", WARNING, f"照片方位偏离图斑 {e.azimuth_offset_deg:.0f}°（容差 {tol:g}°）：{name}",
              f"photo looks {e.azimuth_offset_deg:.0f}° away from the patch (tolerance {tol:g}°): {name}",
              "practice", e.id)
    day = _date(e.taken_at)
    if day is None:
        if NO_TIME in codes or not e.taken_at:
            c.add("photo.no_time", WARNING, f"照片无拍摄时间：{name}", f"photo has no time taken: {name}", "practice", e.id)
    else:
        later = _date(c.patch.later_date)
        if later is not None and day < later:
            c.add("photo.before_imagery", BLOCKING, f"照片拍摄于 {day}，早于后时相 {later}：{name}",
                  f"photo taken {day}, before the later imaging date {later}: {name}", "practice", e.id)
        if day > c.today:
            c.add("photo.in_future", BLOCKING, f"照片拍摄时间 {day} 晚于今天：{name}",
                  f"photo time {day} is in the future: {name}", "practice", e.id)
    others = c.shared_hashes.get(e.sha256 or "", set()) - {c.patch.code}
    if others:
        listed = ", ".join(sorted(others))
        c.add("photo.reused", BLOCKING, f"同一照片文件也用于图斑 {listed}：{name}",
              f"the same photo file is also attached to patch {listed}: {name}", "001 真实性", e.id)


def rule_photos(c: Context) -> None:
    for e in c.photos:
        _check_photo(c, e)


# -- review and written opinions -----------------------------------------------------------------------------

def needs_written_opinion(patch: Patch, v: Optional[Verification], profile: Profile) -> bool:
    if not v or v.rectification != RESTORED:
        return False
    t = profile.thresholds["written_opinion_restoration"]
    return (patch.permanent_mu + patch.redline_mu >= t["permanent_or_redline_mu"]
            or patch.cultivated_mu >= t["cultivated_mu"])


def rule_written_opinion(c: Context) -> None:
    if not needs_written_opinion(c.patch, c.v, c.profile):
        return
    last = c.latest_review
    if last is not None and last.decision == PASS and not (last.opinion or "").strip():
        c.add("review.written_opinion_missing", BLOCKING, "拆除复耕图斑达到面积标准，须出具书面内业审核意见",
              "restored patch over the area threshold needs a written internal-review opinion", "002 §三(四)")
    elif last is None:
        c.add("review.written_opinion_required", INFO, "该拆除复耕图斑审核时须出具书面意见",
              "this restored patch will need a written review opinion", "002 §三(四)")


# the review states as messages name them (English: the state itself)
STATE_TEXT = {
    "unverified": QT_TRANSLATE_NOOP("weipian", "unverified"),
    "awaiting_review": QT_TRANSLATE_NOOP("weipian", "awaiting_review"),
    "passed": QT_TRANSLATE_NOOP("weipian", "passed"),
    "returned": QT_TRANSLATE_NOOP("weipian", "returned"),
    "resubmitted": QT_TRANSLATE_NOOP("weipian", "resubmitted"),
    "invalid_review": QT_TRANSLATE_NOOP("weipian", "invalid_review"),
}


def review_state(v: Optional[Verification], reviews: List[Review], content_sha: Optional[str]) -> str:
    """One of: unverified, awaiting_review, passed, returned, resubmitted, invalid_review.

    content_sha is reviewed_content_sha of the patch as it is now. A review holds only for the content it
    reviewed (its own content_sha): a change of the verdict, its basis or the evidence after a pass makes the
    patch 'resubmitted', after a return too. Times are never compared; a review without a fingerprint holds for
    nothing."""
    if not v or not v.verdict:
        return "returned" if reviews and reviews[-1].decision == RETURN else "unverified"
    if not reviews:
        return "awaiting_review"
    last = reviews[-1]
    changed = last.content_sha is None or last.content_sha != content_sha
    if last.decision == RETURN:
        return "resubmitted" if changed else "returned"
    if changed:
        return "resubmitted"  # changed after the pass: needs a new review
    if not (last.reviewer or "").strip() or (v.verifier and last.reviewer.strip() == v.verifier.strip()):
        return "invalid_review"
    return "passed"


def patch_state(v: Optional[Verification], reviews: List[Review], evidence: Iterable[Evidence]) -> str:
    """review_state of a patch with these evidence records."""
    return review_state(v, reviews, reviewed_content_sha(v, (e.sha256 for e in evidence)))


def rule_internal_review(c: Context) -> None:
    """100 % internal review by a named formal staff member who is not the verifier (002 §三(四)1)."""
    state = c.state
    src = "002 §三(四)1"
    if state in ("unverified", "awaiting_review"):
        c.add("review.missing", BLOCKING, "未完成内业审核", "internal review not done", src)
    elif state == "returned":
        reason = (c.latest_review.opinion or "").strip()
        c.add("review.returned", BLOCKING, f"已退回，待重新核实：{reason}", f"returned, awaiting re-verification: {reason}", src)
    elif state == "resubmitted":
        c.add("review.resubmitted", BLOCKING, "核实结果已修改，须重新审核", "verification changed after review: review again", src)
    elif state == "invalid_review":
        last = c.latest_review
        if not (last.reviewer or "").strip():
            c.add("review.unnamed", BLOCKING, "审核人未署名", "the review has no named reviewer", src)
        else:
            c.add("review.self_review", BLOCKING, f"审核人 {last.reviewer} 与核实人相同",
                  f"reviewer {last.reviewer} is also the verifier", src)


# -- information ------------------------------------------------------------------------------------------------

def field_check_levels(patch: Patch, v: Optional[Verification], profile: Profile) -> List[str]:
    """Which levels (province, city, county) must field-check this patch, by the thresholds of 001/002."""
    fc = profile.thresholds["field_check"]
    cls = profile.class_of(patch)
    construction = cls is not None and cls.level == 1 and not cls.mineral
    restored = bool(v and v.rectification == RESTORED)
    prot = patch.permanent_mu + patch.redline_mu
    out = []
    for level in ("province", "city", "county"):
        t = fc.get(level, {})
        hit = False
        if construction and not restored:
            hit |= "cultivated_mu" in t and patch.cultivated_mu >= t["cultivated_mu"]
            hit |= "permanent_or_redline_mu" in t and prot >= t["permanent_or_redline_mu"]
        if patch.mineral and v and v.verdict == ILLEGAL and "mineral_mu" in t:
            hit |= patch.area_mu >= t["mineral_mu"]
        if restored:
            hit |= "restoration_permanent_or_redline_mu" in t and prot >= t["restoration_permanent_or_redline_mu"]
            hit |= "restoration_cultivated_mu" in t and patch.cultivated_mu >= t["restoration_cultivated_mu"]
        if hit:
            out.append(level)
    return out


LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级领导"}  # who field-checks


def rule_field_check_information(c: Context) -> None:
    for level in field_check_levels(c.patch, c.v, c.profile):
        src = c.profile.thresholds["field_check"][level].get("source", "002")
        c.add(f"fieldcheck.{level}", INFO, f"达到{LEVEL_ZH[level]}实地核查标准", f"meets the {level} field-check threshold", src)


def rule_deduction_and_military(c: Context) -> None:
    if c.v and c.v.rectification in (RESTORED, LEGALISED):
        c.add("deduction.verify", INFO, f"申请核减（{c.v.rectification}），须逐个核实并明确验收责任人",
              f"claims a deduction ({c.v.rectification}): verify one by one with a named person", "002 §三(五)")
    if c.patch.military:
        c.add("military.separate", INFO, "军事用地图斑须单独按涉密要求报送，不进入常规成果包",
              "military-land patch: reported separately as confidential, never in the normal package", "001, 002")


RULES: Tuple[Callable[[Context], None], ...] = (
    rule_verdict_present,
    rule_subtype_and_basis,
    rule_other_not_for_key_classes,
    rule_illegal_cultivated_housing,
    rule_evidence_for_verdict,
    rule_photos,
    rule_written_opinion,
    rule_internal_review,
    rule_field_check_information,
    rule_deduction_and_military,
)


def _date(text: Optional[str]) -> Optional[_dt.date]:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def shared_photo_hashes(evidence: Dict[str, List[Evidence]]) -> Dict[str, set]:
    """sha256 → patch codes, for photo files attached to more than one patch."""
    by_hash: Dict[str, set] = defaultdict(set)
    for code, items in evidence.items():
        for e in items:
            if e.kind == PHOTO and e.sha256:
                by_hash[e.sha256].add(code)
    return {h: codes for h, codes in by_hash.items() if len(codes) > 1}


def evaluate(snapshot: PackageSnapshot, profile: Profile, today: Optional[_dt.date] = None,
             patch_codes: Optional[Iterable[str]] = None) -> Tuple[List[Finding], Coverage]:
    """All findings for the package (or for some of its patches) and the coverage figures."""
    today = today or _dt.date.today()
    shared = shared_photo_hashes(snapshot.evidence)
    wanted = set(patch_codes) if patch_codes is not None else None
    findings: List[Finding] = []
    cov = Coverage()
    for patch in snapshot.patches:
        v = snapshot.verifications.get(patch.code)
        reviews = snapshot.reviews.get(patch.code, [])
        cov.total += 1
        if v and v.verdict:
            cov.verified += 1
        ctx = Context(patch, v, snapshot.evidence.get(patch.code, []), reviews, profile, today, shared)
        state = ctx.state
        cov.reviewed += state == "passed"
        cov.returned += state == "returned"
        if wanted is not None and patch.code not in wanted:
            continue
        for rule in RULES:
            rule(ctx)
        findings.extend(ctx.findings)
    findings.sort(key=Finding.sort_key)
    return findings, cov
