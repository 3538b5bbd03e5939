"""The rules engine: a work package snapshot and a profile in, findings and coverage out.

Each rule is one function named for what it checks; RULES lists them in the order findings are produced.
Sources: notice numbers of shared/domain.md (001, 002, 003) or "practice".
"""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from . import records as rec
from .findings import BLOCKING, INFO, WARNING, Coverage, Finding, new_finding
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
UNDER_WAY = "整改中"
# the rectification status a deduction claims → the kind of acceptance it needs
CLAIMS = {RESTORED: rec.RESTORED, LEGALISED: rec.LEGALISED}


def photo_limits_of(profile: Profile) -> Tuple[float, float, float]:
    return profile.max_photo_distance_m, profile.photo_blocking_distance_m, profile.azimuth_tolerance_deg


class Context:
    """What every rule sees for one patch."""

    def __init__(self, patch: Patch, verification: Optional[Verification], evidence: List[Evidence],
                 reviews: List[Review], profile: Profile, today: _dt.date, shared_hashes: Dict[str, set],
                 records: Optional[Dict[str, object]] = None, meta: Optional[Dict[str, str]] = None,
                 photo_limits: Optional[Tuple[float, float, float]] = None,
                 levels: Optional[List[str]] = None):
        self.patch, self.v, self.evidence, self.reviews = patch, verification, evidence, reviews
        self.profile, self.today, self.shared_hashes = profile, today, shared_hashes
        self.records = records or {}
        self.meta = meta or {}
        self.findings: List[Finding] = []
        self._state: Optional[str] = None
        # looked up once a patch, not once a rule (a county's year asks 500,000 times)
        self.verdict: Optional[str] = verification.verdict if verification else None
        self.verdict_def = profile.verdict(self.verdict)  # the profile's Verdict, None when unknown or missing
        self.kind: Optional[str] = profile.kind(self.verdict)  # HF, WF or QT (a province's own verdicts count as one)
        self._photos: Optional[List[Evidence]] = None
        # (warning distance, blocking distance, azimuth tolerance) and the field-check levels: evaluate reads them
        # once for all patches (the user's settings may change the profile between two evaluations)
        self.photo_limits = photo_limits or photo_limits_of(profile)
        self.levels = levels if levels is not None else field_check_level_names(profile)
        self._later: object = False

    @property
    def county_package(self) -> bool:
        """The county's own package (not a township's assignment): the county's duties apply."""
        return self.meta.get("kind", "county") == "county"

    @property
    def photos(self) -> List[Evidence]:
        if self._photos is None:
            self._photos = [e for e in self.evidence if e.kind == PHOTO]
        return self._photos

    @property
    def later_date(self) -> Optional[_dt.date]:
        if self._later is False:
            self._later = _date(self.patch.later_date)
        return self._later

    @property
    def documents(self) -> List[Evidence]:
        return [e for e in self.evidence if e.kind == DOCUMENT]

    @property
    def latest_review(self) -> Optional[Review]:
        return self.reviews[-1] if self.reviews else None

    @property
    def state(self) -> str:
        """The review state (computed once: several rules ask)."""
        if self._state is None:
            self._state = patch_state(self.v, self.reviews, self.evidence, self.patch.military)
        return self._state

    def add(self, rule: str, severity: str, zh: str, en: str, source: str, evidence_id: Optional[int] = None):
        self.findings.append(new_finding((self.patch.code, rule, severity, zh, en, source, evidence_id)))


# -- verdict completeness ----------------------------------------------------------------------------------

def rule_verdict_present(c: Context) -> None:
    if not c.verdict:
        c.add("verdict.missing", BLOCKING, "未填写合法性判定结果", "no legality verdict", "002")
    elif c.verdict_def is None:
        c.add("verdict.unknown", BLOCKING, f"判定结果“{c.verdict}”不在规则配置中",
              f"verdict '{c.verdict}' is not in the profile", "profile")


def rule_subtype_and_basis(c: Context) -> None:
    verdict = c.verdict_def
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
    if c.kind == LEGAL and not (c.v.approval_no or "").strip():
        c.add("verdict.approval_no_missing", WARNING, "合法图斑未填写批准文号", "legal verdict without an approval number (PZWH)",
              "practice")


def rule_illegal_category(c: Context) -> None:
    """A 违法 verdict says its nature (违法性质): it decides whether the patch counts in the accountability ratio
    (002 annex 3), so a verdict without it is incomplete."""
    verdict = c.verdict_def
    if c.kind != ILLEGAL or verdict is None or not verdict.categories:
        return
    category = (c.v.category or "").strip()
    if not category:
        c.add("verdict.category_missing", BLOCKING,
              "违法图斑未填写违法性质（" + "、".join(verdict.categories) + "），问责比例据此计算",
              "illegal verdict without its nature (category); the accountability ratio depends on it", "002 附件3")
    elif category not in verdict.categories:
        c.add("verdict.category_unknown", BLOCKING, f"违法性质“{category}”不在规则配置中",
              f"category '{category}' is not in the profile", "profile")


def rule_farmland_protected_use(c: Context) -> None:
    """Farm facilities and solar on 永久基本农田 must be removed and restored (002 §三(三)3): a verdict that lets
    them stand on it is flagged."""
    cfg = c.profile.rule("forbidden_on_permanent_farmland")
    if not cfg or not c.v or c.kind == ILLEGAL or c.patch.permanent_mu <= 0:
        return
    if (c.v.subtype or "") in cfg.get("subtypes", ()):
        c.add("farmland.facility_on_permanent", WARNING,
              f"{c.v.subtype}占用永久基本农田 {c.patch.permanent_mu:.2f} 亩：农业设施、光伏用地违规占用基本农田的应依法拆除复耕，"
              "请核实判定",
              f"{c.v.subtype} on {c.patch.permanent_mu:.2f} mu of permanent basic farmland: such use must be removed "
              "and restored; check the verdict", cfg.get("source", "002 §三(三)3"))


def rule_other_not_for_key_classes(c: Context) -> None:
    """Rule 1: 新增非农建设类 and 年度内持续变化类 may generally not be judged 其他."""
    if c.kind != OTHER:
        return
    cls = c.profile.class_of(c.patch)
    if cls is None or cls.other_verdict_allowed:
        return
    # 一般不得: blocking unless a collective review recorded why this patch is the exception — then said, visibly
    collective = c.records.get(rec.COLLECTIVE_REVIEW)
    reason = (getattr(collective, "other_reason", "") or "").strip() if collective is not None else ""
    if reason:
        c.add("verdict.other_by_collective_review", WARNING,
              f"{cls.name}图斑一般不得判定为“其他”：经 {collective.decided_on} 集体研究认定为例外（{reason}）",
              f"a patch of class {cls.name} is generally not judged 'other': the collective review of "
              f"{collective.decided_on} found the exception ({reason})", "002 §三(二)2")
        return
    c.add("verdict.other_forbidden", BLOCKING,
          f"{cls.name}图斑一般不得判定为“其他”（确属例外的，须经集体研究并记录理由）",
          f"a patch of class {cls.name} is generally not judged 'other' (an exception needs a collective review "
          f"recording why)", "002 §三(二)2")


def rule_illegal_cultivated_housing(c: Context) -> None:
    """Rule 2: a 违法 verdict on 耕地 must say whether it is 新增农村乱占耕地建房, and only then."""
    required = c.kind == ILLEGAL and c.patch.cultivated_mu > 0
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
    if not c.verdict or c.verdict_def is None:
        return
    needed = c.profile.min_photos(c.verdict)
    usable = [p for p in c.photos if p.azimuth is not None and p.longitude is not None]
    severity = BLOCKING if c.kind in (LEGAL, OTHER) else WARNING
    if len(usable) < needed:
        c.add("evidence.photos_missing", severity,
              f"需要至少 {needed} 张带方位角和位置的现场照片，现有 {len(usable)} 张",
              f"needs at least {needed} field photos with position and azimuth, has {len(usable)}",
              "003" if severity == BLOCKING else "002")
    if c.profile.requires_documents(c.verdict, c.v.subtype if c.v else None) and not c.documents:
        c.add("evidence.documents_missing", BLOCKING, "缺少用地批准或备案文件", "no approval or record document attached",
              "003")


# -- photo checks -------------------------------------------------------------------------------------------

_FILE_PROBLEMS = (EMPTY, NOT_IMAGE, UNREADABLE, CORRUPT_EXIF, TRUNCATED, NOT_REGULAR)
_SUSPECT_METADATA = (BAD_ALTITUDE, BAD_TIME_OFFSET)


def _distance(metres: float) -> str:
    return f"{metres / 1000:,.0f} 公里" if metres >= 10_000 else f"{metres:.0f} 米"


_NO_CODES: frozenset = frozenset()


def _check_photo(c: Context, e: Evidence) -> None:
    codes = set(filter(None, e.problem_codes.split(","))) if e.problem_codes else _NO_CODES
    name = e.path
    bad = codes.intersection(_FILE_PROBLEMS) if codes else None
    if bad:
        c.add("photo.file_problem", BLOCKING, f"照片文件有问题：{name}（{', '.join(sorted(bad))}）",
              f"photo file problem: {name} ({', '.join(sorted(bad))})", "practice", e.id)
    suspect = codes.intersection(_SUSPECT_METADATA) if codes else None
    if suspect:
        c.add("photo.suspect_metadata", WARNING, f"照片元数据不合常理（海拔或时区）：{name}",
              f"photo metadata is implausible ({', '.join(sorted(suspect))}): {name}", "001 真实性", e.id)
    if NO_POSITION in codes or e.longitude is None:
        c.add("photo.no_position", WARNING, f"照片无 GPS 位置：{name}", f"photo has no GPS position: {name}",
              "practice", e.id)
    if NO_AZIMUTH in codes or e.azimuth is None:
        c.add("photo.no_azimuth", WARNING, f"照片无方位角：{name}", f"photo has no azimuth: {name}", "003", e.id)
    limit, far, tol = c.photo_limits
    if e.distance_m is not None and e.distance_m > max(far, limit):
        c.add("photo.far_away", BLOCKING, f"照片拍摄位置距图斑 {_distance(e.distance_m)}，超过 {far:.0f} 米，"
                                          f"不能证明该图斑现状：{name}",
              f"photo taken {e.distance_m:.0f} m from the patch, over {far:.0f} m: it cannot show this patch: {name}",
              "001 真实性", e.id)
    elif e.distance_m is not None and e.distance_m > limit:
        metres = f"{e.distance_m:.0f}"  # each number formatted once for both languages (200,000 photos)
        c.add("photo.too_far", WARNING, f"照片拍摄位置距图斑 {metres} 米，超过 {limit:.0f} 米：{name}",
              f"photo taken {metres} m from the patch, over {limit:.0f} m: {name}", "practice", e.id)
    if e.azimuth_offset_deg is not None and e.azimuth_offset_deg > tol:
        degrees, tolerance = f"{e.azimuth_offset_deg:.0f}", f"{tol:g}"
        c.add("photo.looks_away", WARNING, f"照片方位偏离图斑 {degrees}°（容差 {tolerance}°）：{name}",
              f"photo looks {degrees}° away from the patch (tolerance {tolerance}°): {name}", "practice", e.id)
    day = _date(e.taken_at)
    if day is None:
        if NO_TIME in codes or not e.taken_at:
            c.add("photo.no_time", WARNING, f"照片无拍摄时间：{name}", f"photo has no time taken: {name}", "practice", e.id)
    else:
        later = c.later_date
        if later is not None and day < later:
            c.add("photo.before_imagery", BLOCKING, f"照片拍摄于 {day}，早于后时相 {later}：{name}",
                  f"photo taken {day}, before the later imaging date {later}: {name}", "practice", e.id)
        if day > c.today:
            c.add("photo.in_future", BLOCKING, f"照片拍摄时间 {day} 晚于今天：{name}",
                  f"photo time {day} is in the future: {name}", "practice", e.id)
    sharing = c.shared_hashes.get(e.sha256) if e.sha256 else None
    others = sharing - {c.patch.code} if sharing else None
    if others:
        listed = ", ".join(sorted(others))
        c.add("photo.reused", BLOCKING, f"同一照片文件也用于图斑 {listed}：{name}",
              f"the same photo file is also attached to patch {listed}: {name}", "001 真实性", e.id)


def rule_photos(c: Context) -> None:
    for e in c.photos:
        _check_photo(c, e)


# -- review and written opinions -----------------------------------------------------------------------------

def protected_hit(patch: Patch, threshold: float, combine: str = "sum") -> bool:
    """永久基本农田 or 生态保护红线 at or over the threshold. 'sum' (the default, shared/domain.md: 永农 and 红线 do
    not overlap, so the area "in 永农 or 红线" is their sum — it selects every patch the other reading selects) or
    'either' (either area alone at or over the threshold: a profile option)."""
    if combine == "either":
        return patch.permanent_mu >= threshold or patch.redline_mu >= threshold
    return patch.permanent_mu + patch.redline_mu >= threshold


COMBINE_ZH = {"sum": "永久基本农田与生态保护红线面积之和", "either": "永久基本农田或生态保护红线任一项面积"}


def needs_written_opinion(patch: Patch, v: Optional[Verification], profile: Profile) -> bool:
    t = profile.thresholds.get("written_opinion_restoration")
    if not t or not v or v.rectification != RESTORED:
        return False
    return (protected_hit(patch, t["permanent_or_redline_mu"], t.get("combine", "sum"))
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


def patch_state(v: Optional[Verification], reviews: List[Review], evidence: Iterable[Evidence],
                military: bool = False) -> str:
    """review_state of a patch with these evidence records (and its military mark, which a review covers). The
    content's fingerprint is computed only where a review's fingerprint is compared with it."""
    if not v or not v.verdict or not reviews or reviews[-1].content_sha is None:
        return review_state(v, reviews, None)  # the same state: the fingerprint decides nothing here
    return review_state(v, reviews, reviewed_content_sha(v, (e.sha256 for e in evidence), military))


def rule_internal_review(c: Context) -> None:
    """100 % internal review by a named formal staff member who is not the verifier (002 §三(四)1)."""
    state = c.state
    src = "002 §三(四)1"
    if state in ("unverified", "awaiting_review") and not c.county_package:
        return  # a township's package: the county reviews once the work is back; nothing the township can do
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

FIELD_CHECK_LAND_CLASSES = ("XZFNJS", "NDCXBH")  # 002 §三(五): 新增非农建设类 and 年度内持续变化类


def field_check_levels(patch: Patch, v: Optional[Verification], profile: Profile,
                       levels: Optional[List[str]] = None) -> List[str]:
    """Which levels (province, city, and a county's own practice where its profile has one) will field-check this
    patch, by the thresholds of the profile and the scope of 002 §三(五): the land thresholds apply to
    新增非农建设类 and 年度内持续变化类 only (the profile's `land_classes`; not 其他新增建设类, not 补充图斑), mineral
    patches by their suspected illegal-mining area, 拆除复耕 patches by their own columns. Patches are selected as
    suspects, before and regardless of the county's verdict."""
    fc = profile.thresholds.get("field_check") or {}
    cls = profile.class_of(patch)
    mineral = patch.mineral or bool(cls and cls.mineral)
    land_classes = tuple(fc.get("land_classes") or FIELD_CHECK_LAND_CLASSES)
    land = cls is not None and cls.code in land_classes and not mineral
    restored = bool(v and v.rectification == RESTORED)
    combine = fc.get("combine", "sum")
    out = []
    for level in (field_check_level_names(profile) if levels is None else levels):
        t = fc.get(level, {})
        hit = False
        if land and not restored:
            hit |= "cultivated_mu" in t and patch.cultivated_mu >= t["cultivated_mu"]
            hit |= "permanent_or_redline_mu" in t and protected_hit(patch, t["permanent_or_redline_mu"], combine)
        if mineral and "mineral_mu" in t:
            hit |= patch.area_mu >= t["mineral_mu"]
        if restored:
            hit |= ("restoration_permanent_or_redline_mu" in t
                    and protected_hit(patch, t["restoration_permanent_or_redline_mu"], combine))
            hit |= "restoration_cultivated_mu" in t and patch.cultivated_mu >= t["restoration_cultivated_mu"]
        if hit:
            out.append(level)
    return out


def field_check_level_names(profile: Profile) -> List[str]:
    """The levels this profile field-checks at: province and city, and the county's leadership only where a
    county-practice profile says so (001 is another region's county: its ≥ 50 亩 leadership check is its own)."""
    fc = profile.thresholds.get("field_check") or {}
    return [level for level in ("province", "city", "county") if isinstance(fc.get(level), dict)]


LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级领导"}  # who field-checks


def rule_field_check_information(c: Context) -> None:
    for level in field_check_levels(c.patch, c.v, c.profile, c.levels):
        src = c.profile.thresholds["field_check"][level].get("source", "002")
        c.add(f"fieldcheck.{level}", INFO, f"达到{LEVEL_ZH[level]}实地核查标准", f"meets the {level} field-check threshold", src)


def acceptance_problems(patch: Patch, acceptance, evidence: List[Evidence]) -> List[Tuple[str, str]]:
    """What keeps an acceptance from counting, as (Chinese, English) texts: 拆除复耕 needs photos taken after the
    later imaging date among its evidence; 补办 needs a document among its evidence (and its approval number)."""
    by_id = {e.id: e for e in evidence}
    named = [by_id[i] for i in acceptance.evidence_ids if i in by_id]
    out = []
    if len(named) < len(acceptance.evidence_ids):
        out.append(("验收所列证据已不在本图斑", "evidence named by the acceptance is no longer attached"))
    if acceptance.kind == rec.RESTORED:
        later = _date(patch.later_date)
        after = [e for e in named if e.kind == PHOTO and _date(e.taken_at) is not None
                 and (later is None or _date(e.taken_at) > later)]
        if not after:
            out.append(("拆除复耕验收须有后时相之后拍摄的复耕照片", "a restoration acceptance needs photos taken after "
                                                                   "the later imaging date"))
    elif acceptance.kind == rec.LEGALISED:
        if not any(e.kind == DOCUMENT for e in named):
            out.append(("补办手续验收须附批准文件", "a legalisation acceptance needs the approval document"))
    elif acceptance.kind == rec.MAJOR_PROJECT:  # 002 附件3: listed or approved by a Ministry or a province's DRC
        if acceptance.approval_level not in MAJOR_PROJECT_LEVELS:
            level = rec.APPROVAL_LEVEL_TEXT.get(acceptance.approval_level, acceptance.approval_level or "未填")
            out.append((f"{level}批准（或列入）的项目不属于可扣除的重大项目，仅国家部委或省级发展改革部门批准、列入的可扣除",
                        "only projects approved or listed by a Ministry or a provincial development-and-reform "
                        "department are deducted"))
        if not (acceptance.approval_no or "").strip():
            out.append(("重大项目须记录立项文件文号", "a major project needs the number of its approval document"))
        if not (acceptance.note or "").strip():
            out.append(("重大项目须写明履行监管和服务职责的情况", "a major project needs a note on how the supervision "
                                                                "and service duties were fulfilled"))
    return out


MAJOR_PROJECT_LEVELS = ("national", "provincial")


def fake_rectification(records: Dict[str, object]) -> Optional[object]:
    """A higher level's finding that the claimed restoration or legalisation is 虚假整改, or None."""
    found = records.get(rec.HIGHER_FINDING)
    return found if found is not None and getattr(found, "fake_rectification", None) else None


def deduction_status(patch: Patch, v: Optional[Verification], records: Dict[str, object],
                     evidence: List[Evidence]) -> Tuple[Optional[str], Optional[object], List[Tuple[str, str]]]:
    """(claimed acceptance kind or None, the acceptance record or None, its problems). A deduction counts only
    when the acceptance of the claimed kind is recorded with no problems (002 §三(五))."""
    acceptance = records.get(rec.ACCEPTANCE)
    claimed = CLAIMS.get(v.rectification) if v else None
    if acceptance is not None and acceptance.kind == rec.MAJOR_PROJECT:
        return rec.MAJOR_PROJECT, acceptance, acceptance_problems(patch, acceptance, evidence)
    if claimed is None:
        return None, None, []
    if acceptance is None or acceptance.kind != claimed:
        return claimed, None, []
    return claimed, acceptance, acceptance_problems(patch, acceptance, evidence)


def rule_deduction(c: Context) -> None:
    """Every patch claiming a deduction is verified one by one with a named person responsible for the acceptance
    (002 §三(五)); without it the deduction is not applied."""
    claimed, acceptance, problems = deduction_status(c.patch, c.v, c.records, c.evidence)
    if claimed is None:
        return
    src = "002 §三(五)"
    what = rec.ACCEPTANCE_TEXT[claimed]
    if acceptance is None:
        c.add("deduction.not_accepted", WARNING,
              f"申请核减（{what}）但未记录逐个验收（验收责任人、日期、证据），问责比例中不予扣除",
              f"claims a deduction ({claimed}) without a recorded acceptance (person, date, evidence): not deducted",
              src)
    elif problems:
        c.add("deduction.acceptance_incomplete", WARNING,
              f"核减验收不完整（{what}）：" + "；".join(zh for zh, _ in problems) + "，问责比例中不予扣除",
              f"deduction acceptance incomplete ({claimed}): " + "; ".join(en for _, en in problems) + "; not deducted",
              src)
    else:
        c.add("deduction.accepted", INFO, f"核减已验收（{what}）：{acceptance.accepted_by}，{acceptance.accepted_on}",
              f"deduction accepted ({claimed}) by {acceptance.accepted_by} on {acceptance.accepted_on}", src)


def rule_case_papers(c: Context) -> None:
    """A 违法 patch under rectification keeps its case papers (立案、处罚、整改) in its dossier (001 §二(七))."""
    if c.kind != ILLEGAL or not c.v or c.v.rectification != UNDER_WAY:
        return
    if not any(e.doc_type == "case" for e in c.documents):
        c.add("evidence.case_papers_missing", WARNING, "违法图斑整改中，卷宗缺少案件材料（立案、处罚、整改）",
              "illegal patch under rectification without case papers (filing, penalty, rectification)", "001 §二(七)")


def rule_military(c: Context) -> None:
    """The military mark is a decision like a verdict (002 §二(一) 杜绝瞒报): a marked patch leaves the normal
    package only once an internal review passed it as it stands, mark included; until then the normal upload is
    held (services.upload_package), so one unreviewed tick never hides a patch."""
    if not c.patch.military:
        return
    c.add("military.separate", INFO, "军事用地图斑须单独按涉密要求报送，不进入常规成果包",
          "military-land patch: reported separately as confidential, never in the normal package", "001, 002")
    if c.county_package and c.state != "passed":
        c.add("military.unreviewed", BLOCKING, "军事用地标记未经内业审核通过：标记（或取消）须审核通过后，图斑方可移出常规成果包",
              "the military-land mark is not passed by internal review: the patch leaves the normal package only "
              "once a review passed it, mark included", "002 §二(一)")


def rule_county_field_check(c: Context) -> None:
    """Results are filled in after internal review and the county's own field check (002 §三(二)3)."""
    cfg = c.profile.rule("require_county_field_check")
    if not cfg.get("value") or not c.county_package or not c.verdict:
        return
    if rec.FIELD_CHECK not in c.records:
        c.add("fieldcheck.not_recorded", BLOCKING, "未记录县级外业核查（核查人、日期），核查后方可填报",
              "the county's own field check (who, when) is not recorded; results are filled in after it",
              cfg.get("source", "002 §三(二)3"))


def rule_city_return(c: Context) -> None:
    """The city returned the county's result with an opinion and a deadline (002 §三(四)1): said until the
    county has changed its verdict after the return (and then reports it again)."""
    back = c.records.get(rec.CITY_RETURN)
    if back is None or not c.county_package:
        return
    changed = bool(c.v and c.v.verified_at and c.v.verified_at[:10] > back.returned_on)  # a later day
    if changed:
        c.add("city.returned_changed", INFO, f"市级退回（{back.opinion}）后已修改，请重新上报",
              f"returned by the city ({back.opinion}) and changed since: report it again", "002 §三(四)1")
        return
    late = c.today.isoformat() > back.deadline
    c.add("city.returned", WARNING,
          f"市级退回：{back.opinion}；应于 {back.deadline} 前整改并重新上报" + ("（已逾期）" if late else ""),
          f"returned by the city: {back.opinion}; correct and report again by {back.deadline}" +
          (" (overdue)" if late else ""), "002 §三(四)1")


def rule_collective_review(c: Context) -> None:
    """Disputed and key patches are decided by collective review (001)."""
    mark = c.records.get(rec.MARK)
    if mark is None or not mark.needs_collective_review or rec.COLLECTIVE_REVIEW in c.records:
        return
    why = "、".join(t for t, on in (("疑难", mark.disputed), ("重点", mark.key)) if on)
    c.add("review.collective_missing", BLOCKING, f"{why}图斑须经集体研究决定，尚未记录集体研究",
          "a disputed or key patch is decided by collective review, which is not recorded", "001")


def monthly_due_date(issued: Optional[str], profile: Profile) -> Optional[_dt.date]:
    """The due date of patches issued on this day (below); computed once per issue date and profile (a county's
    year has a few dozen issue dates for 100,000 patches)."""
    cache = profile.__dict__.setdefault("_due_dates", {})
    if issued not in cache:
        cache[issued] = _monthly_due_date(issued, profile)
    return cache[issued]


def _monthly_due_date(issued: Optional[str], profile: Profile) -> Optional[_dt.date]:
    """When a patch's results are due (002 §三(二)3), the earliest of three deadlines:
    - 月清: by the due day (the 20th) of a month, the patches issued up to the cutoff day (the 20th) of the month
      before (issued on or before the cutoff: due the next month; after it: a month later);
    - the half year: by 7月15日, after the self-check, the patches issued up to 6月20日;
    - the year: by 1月18日 of the next year, the whole year's patches."""
    cfg = profile.rule("monthly_due")
    day = _date(issued)
    if not cfg or day is None:
        return None
    months = 1 if day.day <= int(cfg.get("issue_cutoff_day", 20)) else 2
    year, month = divmod(day.month - 1 + months, 12)
    due = _dt.date(day.year + year, month + 1, int(cfg.get("due_day", 20)))
    half = cfg.get("half_year")  # {"month": 7, "day": 15, "issued_to": "06-20"}
    if half:
        to_month, to_day = (int(x) for x in str(half.get("issued_to", "06-20")).split("-"))
        if day <= _dt.date(day.year, to_month, to_day):
            due = min(due, _dt.date(day.year, int(half["month"]), int(half["day"])))
    year_end = cfg.get("year_end")  # {"month": 1, "day": 18}: of the next year
    if year_end:
        due = min(due, _dt.date(day.year + 1, int(year_end["month"]), int(year_end["day"])))
    return due


def overdue_cutoff(today: _dt.date, profile: Profile) -> Optional[_dt.date]:
    """The latest issue date whose due date has passed by `today` (a patch issued on it or before and not passed
    is overdue), so that a store can count overdue patches with one comparison: due dates never fall as the
    issue date grows, so the day is found by halving a two-year span."""
    if not profile.rule("monthly_due"):
        return None
    low, high = today - _dt.timedelta(days=800), today  # due(low) < today; due(high) > today always
    if not (monthly_due_date(low.isoformat(), profile) < today):
        return None
    while (high - low).days > 1:
        mid = low + _dt.timedelta(days=(high - low).days // 2)
        if monthly_due_date(mid.isoformat(), profile) < today:
            low = mid
        else:
            high = mid
    return low


def passed_on(v: Optional[Verification], reviews: List[Review], evidence: Iterable[Evidence],
              military: bool = False, state: Optional[str] = None) -> Optional[_dt.date]:
    """The day the patch's current pass was given (its review decided on what the patch holds now), or None.
    state: the patch's review state when the caller has it already."""
    if (state or patch_state(v, reviews, evidence, military)) != "passed" or not reviews:
        return None
    return _date(reviews[-1].reviewed_at)


def late(patch: Patch, v: Optional[Verification], reviews: List[Review], evidence: List[Evidence], profile: Profile,
         today: Optional[_dt.date], state: Optional[str] = None) -> Optional[_dt.date]:
    """The due date a patch missed, or None: not passed by now and past it, or passed after it (late stays late
    in the record: 002 §五(五) reports the counties that did not finish on time)."""
    due = monthly_due_date(patch.issued_at, profile)
    if due is None or patch.military:
        return None
    done = passed_on(v, reviews, evidence, patch.military, state)
    if done is not None:
        return due if done > due else None
    return due if today is not None and today > due else None


def _month_before(year: int, month: int) -> Tuple[int, int]:
    return (year, month - 1) if month > 1 else (year - 1, 12)


def rule_monthly_due(c: Context) -> None:
    due = late(c.patch, c.v, c.reviews, c.evidence, c.profile, c.today, c.state)
    if due is None:
        return
    source = c.profile.rule("monthly_due").get("source", "002 §三(二)3")
    issued, due_on = c.patch.issued_at[:10], due.isoformat()
    if c.state == "passed":
        c.add("due.late", INFO, f"月清逾期完成：下发于 {issued}，应于 {due_on} 前完成，逾期后才审核通过（记录保留）",
              f"finished late: issued {issued}, due by {due_on}, passed after it (it stays late in the record)",
              source)
        return
    c.add("due.overdue", WARNING, f"月清逾期：下发于 {issued}，应于 {due_on} 前完成审核填报",
          f"overdue: issued {issued}, results were due by {due_on}", source)


RULES: Tuple[Callable[[Context], None], ...] = (
    rule_verdict_present,
    rule_subtype_and_basis,
    rule_illegal_category,
    rule_other_not_for_key_classes,
    rule_illegal_cultivated_housing,
    rule_farmland_protected_use,
    rule_evidence_for_verdict,
    rule_case_papers,
    rule_photos,
    rule_county_field_check,
    rule_collective_review,
    rule_city_return,
    rule_written_opinion,
    rule_internal_review,
    rule_monthly_due,
    rule_field_check_information,
    rule_deduction,
    rule_military,
)


def package_findings(meta: Dict[str, str], profile: Profile) -> List[Finding]:
    """Findings about the package as a whole: the county names its internal-review and field-check leads
    (002 §三(四)1)."""
    cfg = profile.rule("require_responsible_persons")
    if not cfg.get("value") or meta.get("kind", "county") != "county":
        return []
    out = []
    for key, zh, en in (("internal_review_lead", "内业审核负责人", "internal-review lead"),
                        ("field_check_lead", "外业核查负责人", "field-check lead")):
        if not (meta.get(key) or "").strip():
            out.append(Finding(None, f"package.{key}_missing", BLOCKING, f"工作包未指定{zh}（须为在编在岗人员）",
                               f"the package names no {en}", cfg.get("source", "002 §三(四)1")))
    return out


def _date(text: Optional[str]) -> Optional[_dt.date]:
    return _day(str(text)[:10]) if text else None


@lru_cache(maxsize=4096)  # a county's 200,000 photos were taken on a few hundred days
def _day(text: str) -> Optional[_dt.date]:
    try:
        return _dt.date.fromisoformat(text)
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
             patch_codes: Optional[Iterable[str]] = None, shared_hashes: Optional[Dict[str, set]] = None,
             package: bool = True) -> Tuple[List[Finding], Coverage]:
    """All findings for the package (or for some of its patches) and the coverage figures. A snapshot of a share
    of the patches comes with the whole package's shared photo hashes (shared_hashes), and package=False on all
    shares but one: the package's own findings are said once."""
    today = today or _dt.date.today()
    shared = shared_photo_hashes(snapshot.evidence) if shared_hashes is None else shared_hashes
    wanted = set(patch_codes) if patch_codes is not None else None
    findings: List[Finding] = []
    cov = Coverage()
    limits = photo_limits_of(profile)
    levels = field_check_level_names(profile)
    for patch in snapshot.patches:
        v = snapshot.verifications.get(patch.code)
        reviews = snapshot.reviews.get(patch.code, [])
        cov.total += 1
        if v and v.verdict:
            cov.verified += 1
        ctx = Context(patch, v, snapshot.evidence.get(patch.code, []), reviews, profile, today, shared,
                      snapshot.records.get(patch.code, {}), snapshot.meta, limits, levels)
        state = ctx.state
        cov.reviewed += state == "passed"
        cov.returned += state == "returned"
        if wanted is not None and patch.code not in wanted:
            continue
        for rule in RULES:
            rule(ctx)
        findings.extend(ctx.findings)
    if wanted is None and package:
        findings.extend(package_findings(snapshot.meta, profile))
    findings.sort(key=Finding.sort_key)
    return findings, cov
