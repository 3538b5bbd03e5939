"""County figures: the monthly table (月报), the accountability ratio (问责比例, 002 annex 3), the list of patches
higher levels will field-check, and the error-rate formula (差错率, 002 annexes 1–2) for the county's self-check.

Pure functions over a PackageSnapshot and a Profile; areas are the issued 亩 figures, rounded to 2 decimals
only when shown.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from . import records as rec
from .model import ILLEGAL, LEGAL, OTHER, VERDICT_ZH, PackageSnapshot, Patch, Verification
from .profile import Profile
from .rules import deduction_status, fake_rectification, field_check_levels, late, patch_state

UNASSIGNED = "（未填乡镇）"
SUBTOTAL, TOTAL = "小计", "合计"

# (key, Chinese column title) of the monthly table, in order
MONTHLY_COLUMNS: List[Tuple[str, str]] = [
    ("township", "乡镇"), ("class_name", "图斑类型"),
    ("patches", "图斑数"), ("area_mu", "监测面积(亩)"), ("cultivated_mu", "耕地面积(亩)"),
    ("verified", "已判定"), ("unverified", "未判定"),
    ("legal", "合法(个)"), ("legal_mu", "合法面积(亩)"),
    ("illegal", "违法(个)"), ("illegal_mu", "违法面积(亩)"), ("illegal_cultivated_mu", "违法占耕地(亩)"),
    ("illegal_permanent_mu", "违法占永久基本农田(亩)"), ("illegal_redline_mu", "违法占生态保护红线(亩)"),
    ("illegal_mining_mu", "违法开采(亩)"),
    ("housing", "新增农村乱占耕地建房(个)"),
    ("restored", "整改：已拆除复耕(个)"), ("legalised", "整改：已补办手续(个)"), ("case_filed", "整改：已立案(个)"),
    ("other", "其他(个)"), ("other_mu", "其他面积(亩)"),
    ("passed", "审核通过"), ("returned", "退回"), ("awaiting_review", "待审核"), ("overdue", "月清逾期(个)"),
    ("military", "军事用地(另报)"),
]
_NUMERIC = [k for k, _ in MONTHLY_COLUMNS[2:]]


def _empty_row(township: str, class_name: str) -> Dict:
    row = {"township": township, "class_name": class_name}
    row.update({k: 0 if not k.endswith("_mu") else 0.0 for k in _NUMERIC})
    return row


def _class_name(p: Patch, profile: Profile) -> str:
    cls = profile.class_of(p)
    return cls.name if cls else (p.class_name or "（未知类型）")


def _add(row: Dict, p: Patch, v: Optional[Verification], state: str, verdict: Optional[str], overdue: bool,
         case_filed: bool = False) -> None:
    """verdict: what the patch's verdict counts as (HF, WF, QT) or None; case_filed: 违法案件材料 attached."""
    row["patches"] += 1
    row["area_mu"] += p.area_mu
    row["cultivated_mu"] += p.cultivated_mu
    row["verified" if verdict else "unverified"] += 1
    if verdict == LEGAL:
        row["legal"] += 1
        row["legal_mu"] += p.area_mu
    elif verdict == ILLEGAL:
        row["illegal"] += 1
        row["illegal_mu"] += p.area_mu
        row["illegal_cultivated_mu"] += p.cultivated_mu
        row["illegal_permanent_mu"] += p.permanent_mu
        row["illegal_redline_mu"] += p.redline_mu
        row["illegal_mining_mu"] += p.area_mu if p.mineral else 0.0
        row["housing"] += bool(v.illegal_cultivated_housing)
        row["restored"] += v.rectification == "已拆除复耕"
        row["legalised"] += v.rectification == "已补办完善用地手续"
        row["case_filed"] += case_filed
    elif verdict == OTHER:
        row["other"] += 1
        row["other_mu"] += p.area_mu
    row["passed"] += state == "passed"
    row["returned"] += state == "returned"
    row["awaiting_review"] += state in ("awaiting_review", "resubmitted", "invalid_review")
    row["overdue"] += overdue
    row["military"] += bool(p.military)


def is_overdue(snapshot: PackageSnapshot, p: Patch, profile: Profile, today: Optional[_dt.date]) -> bool:
    """月清 missed: past the patch's due date and not passed by then, passed since or not (late stays late;
    military land is reported separately)."""
    return late(p, snapshot.verifications.get(p.code), snapshot.reviews.get(p.code, []),
                snapshot.evidence.get(p.code, []), profile, today) is not None


def monthly_table(snapshot: PackageSnapshot, profile: Profile, today: Optional[_dt.date] = None) -> List[Dict]:
    """Rows by township and class, a 小计 row after each township and a 合计 row at the end."""
    class_order = {c.name: i for i, c in enumerate(profile.classes)}
    cells: Dict[str, Dict[str, Dict]] = {}
    total = _empty_row(TOTAL, "")
    for p in snapshot.patches:
        v = snapshot.verifications.get(p.code)
        state = patch_state(v, snapshot.reviews.get(p.code, []), snapshot.evidence.get(p.code, []), p.military)
        town = (p.township or "").strip() or UNASSIGNED
        cname = _class_name(p, profile)
        by_class = cells.setdefault(town, {})
        row = by_class.setdefault(cname, _empty_row(town, cname))
        kind = profile.kind(v.verdict) if v else None
        overdue = is_overdue(snapshot, p, profile, today)
        case = any(e.kind == "document" and e.doc_type == "case" for e in snapshot.evidence.get(p.code, []))
        _add(row, p, v, state, kind, overdue, case)
        _add(total, p, v, state, kind, overdue, case)
    rows: List[Dict] = []
    for town in sorted(cells, key=lambda t: (t == UNASSIGNED, t)):
        sub = _empty_row(town, SUBTOTAL)
        for cname in sorted(cells[town], key=lambda c: (class_order.get(c, 99), c)):
            row = cells[town][cname]
            rows.append(row)
            for k in _NUMERIC:
                sub[k] += row[k]
        rows.append(sub)
    rows.append(total)
    return rows


# -- accountability ratio (问责比例) ---------------------------------------------------------------------------

@dataclass
class AccountabilityLine:
    code: str
    township: str
    cultivated_mu: float
    in_numerator: bool
    in_denominator: bool
    reason: str
    batch: str = ""
    determined_by: str = "县级"  # whose verdict counts: the county's, or a higher level's final determination


@dataclass
class Accountability:
    numerator_mu: float = 0.0  # illegal 耕地 of new construction after the adjustments
    denominator_mu: float = 0.0  # 耕地 occupied by new construction after the adjustments
    out_of_numerator_mu: float = 0.0  # 已补办完善用地手续, accepted
    out_of_both_mu: float = 0.0  # 已拆除复耕, accepted
    major_project_mu: float = 0.0  # major transport/energy/water projects, out of both
    excluded_mu: float = 0.0  # 存量建设用地违法, 农业项目破坏耕地: in neither
    claimed_not_accepted_mu: float = 0.0  # deductions claimed without an acceptance: left in
    fake_rectification_mu: float = 0.0
    military_numerator_mu: float = 0.0  # military land's share, on its own line (counted unless the profile says not)
    military_denominator_mu: float = 0.0
    military_left_out_mu: float = 0.0  # 耕地 of military patches the profile keeps out of the figures
    military_in: bool = True  # deductions a higher level found 虚假整改: they fall, the patch counts
    not_deductible_mu: float = 0.0  # "major projects" of a city or county, or without their duties recorded
    large_mu: float = 100.0  # the second warning: illegal 耕地 this large whatever the ratio (a setting)
    missing_category: int = 0  # 违法 verdicts without 违法性质: counted as new construction until filled in
    higher_determined: int = 0  # patches whose higher level's final determination counts
    threshold_mu: float = 100.0
    threshold_ratio: float = 0.15
    near_fraction: float = 0.8
    batches: List[str] = field(default_factory=list)
    duplicates: List[str] = field(default_factory=list)  # codes found in more than one package (the last counts)
    lines: List[AccountabilityLine] = field(default_factory=list)

    @property
    def ratio(self) -> Optional[float]:
        return self.numerator_mu / self.denominator_mu if self.denominator_mu > 0 else None

    @property
    def over_threshold(self) -> bool:
        """The county enters accountability: illegal 耕地 ≥ threshold 亩 and ratio ≥ threshold ratio."""
        return (self.numerator_mu >= self.threshold_mu and self.ratio is not None
                and self.ratio >= self.threshold_ratio)

    @property
    def large_area(self) -> bool:
        """The other warning of 002 §三(六)/§五(五): the illegally occupied 耕地 is large, whatever the ratio (how
        large is a setting of the profile, said so on the sheet)."""
        return self.numerator_mu >= self.large_mu

    @property
    def near_threshold(self) -> bool:
        """达到或接近: not over, but both figures at or above near_fraction of their thresholds (practice)."""
        return (not self.over_threshold and self.ratio is not None
                and self.numerator_mu >= self.near_fraction * self.threshold_mu
                and self.ratio >= self.near_fraction * self.threshold_ratio)


def effective_verification(v: Optional[Verification], records: Dict[str, object]) -> Tuple[Optional[Verification], str]:
    """The verdict that counts, and whose it is: a higher level's final determination where it made one (002
    §三(四)1, §三(七)1), else the county's."""
    found = records.get(rec.HIGHER_FINDING)
    if found is None or not found.final_verdict:
        return v, "县级"
    base = v or Verification("")
    eff = replace(base, verdict=found.final_verdict, category=found.final_category,
                  illegal_cultivated_housing=found.final_housing)
    return eff, rec.LEVEL_TEXT.get(found.level, found.level)


def _as_list(snapshots) -> List[PackageSnapshot]:
    """One package's snapshot or several (a year's batches), as a list."""
    return [snapshots] if isinstance(snapshots, PackageSnapshot) else list(snapshots)


def year_patches(snapshots: Sequence[PackageSnapshot], year: Optional[int] = None):
    """(snapshot, patch) of the year, each patch code once: the latest package (the last given) holds it.
    With a year, patches issued in another year are left out; patches without an issue date stay in."""
    chosen: Dict[str, Tuple[PackageSnapshot, Patch]] = {}
    seen_twice: List[str] = []
    for snap in snapshots:
        for p in snap.patches:
            if year is not None and p.issued_at and str(p.issued_at)[:4] != str(year):
                continue
            if p.code in chosen:
                seen_twice.append(p.code)
            chosen[p.code] = (snap, p)
    return list(chosen.values()), sorted(set(seen_twice))


_IN_NUMERATOR = {"illegal", "claimed_not_accepted", "missing_category", "fake_rectification", "major_not_deductible"}
_IN_DENOMINATOR = _IN_NUMERATOR | {"legal", "legalised"}


def _classify(p: Patch, v: Verification, kind: str, category: str, records: Dict[str, object], evidence,
              level: str, cfg: Dict) -> Tuple[str, str]:
    """(bucket, reason) of one counted patch: which adjustment of annex 3 applies, and why, in Chinese."""
    if kind == ILLEGAL and category in set(cfg.get("excluded_categories", ())):
        return "excluded", f"{category}：不计入"
    claimed, acceptance, problems = deduction_status(p, v, records, evidence)
    note = ""
    if claimed == rec.MAJOR_PROJECT:
        project = (f"重大{rec.PROJECT_TYPE_TEXT.get(acceptance.project_type, '')}项目“{acceptance.project_name}”"
                   f"（{rec.APPROVAL_LEVEL_TEXT.get(acceptance.approval_level, '级别未填')}批准"
                   f"{'，' + acceptance.approval_no if acceptance.approval_no else ''}）")
        if problems:  # a city's or county's own project, or the duties not recorded: counted, and said so
            return "major_not_deductible", f"{project}不予扣除（{'；'.join(zh for zh, _ in problems)}）：计入分子分母"
        if not (level == "province" and acceptance.approval_level == "provincial"):
            return "major_project", f"{project}履行监管职责：分子分母均扣除"
        note = f"（{project}：省级统计不扣除省级项目）"
        claimed = None
    fake = fake_rectification(records)
    if fake is not None and claimed in (rec.RESTORED, rec.LEGALISED):
        return "fake_rectification", (f"{rec.LEVEL_TEXT.get(fake.level, fake.level)}{fake.found_on}认定虚假整改："
                                      f"{rec.ACCEPTANCE_TEXT[claimed]}的核减不成立，计入分子分母")
    accepted = claimed in (rec.RESTORED, rec.LEGALISED) and acceptance is not None and not problems
    if accepted and claimed == rec.RESTORED:
        return "restored", f"已拆除复耕，{acceptance.accepted_by} {acceptance.accepted_on} 验收：分子分母均扣除"
    if kind == LEGAL:
        return "legal", "合法：计入分母" + note
    if accepted and claimed == rec.LEGALISED:
        return "legalised", (f"已补办完善用地手续（{acceptance.approval_no}），{acceptance.accepted_by} "
                             f"{acceptance.accepted_on} 验收：仅从分子扣除")
    if claimed in (rec.RESTORED, rec.LEGALISED):
        why = "未逐个验收" if acceptance is None else "验收不完整：" + "；".join(zh for zh, _ in problems)
        return "claimed_not_accepted", f"申请核减（{rec.ACCEPTANCE_TEXT[claimed]}）{why}，照常计入分子分母"
    if not category:
        return "missing_category", "违法性质未填，暂按新增建设用地违法计入（须补填）" + note
    return "illegal", "新增建设用地违法占用耕地：计入分子分母" + note


def empty_accountability(profile: Profile, level: str, batches: List[str]) -> Accountability:
    cfg = profile.thresholds["accountability"]
    return Accountability(threshold_mu=float(cfg[f"{level}_mu"]), threshold_ratio=float(cfg["ratio"]),
                          near_fraction=float(cfg.get("near_fraction", 0.8)),
                          large_mu=float(cfg.get(f"large_area_{level}_mu", cfg[f"{level}_mu"])), batches=batches,
                          military_in=bool(cfg.get("military_in_figures", True)))


_SUMMED = ("numerator_mu", "denominator_mu", "out_of_numerator_mu", "out_of_both_mu", "major_project_mu",
           "excluded_mu", "claimed_not_accepted_mu", "fake_rectification_mu", "military_numerator_mu",
           "military_denominator_mu", "military_left_out_mu", "not_deductible_mu", "missing_category",
           "higher_determined")


def combined_accountability(parts: Sequence[Accountability], profile: Profile, level: str) -> Accountability:
    """The accountability of several counties together from each county's own (accountability() at county level
    of the same year), as accountability() over all their packages at `level` gives it, without classifying each
    patch again: every figure is a sum over patches, and a patch is classified alike at county and city level
    (the province's differs: a provincial project is not deducted there). The parts hold no patch code twice
    (the city hub takes a code only from its own county); the caller makes sure."""
    if level == "province":
        raise ValueError("a provincial figure classifies its patches again (accountability at level 'province')")
    acc = empty_accountability(profile, level, [b for part in parts for b in part.batches])
    for part in parts:
        for name in _SUMMED:
            setattr(acc, name, getattr(acc, name) + getattr(part, name))
        acc.duplicates += part.duplicates
        acc.lines += part.lines
    return acc


def accountability(snapshots, profile: Profile, level: str = "county", year: Optional[int] = None) -> Accountability:
    """The accountability ratio of annex 3 over one package or all the county's packages of a year (the notices
    count within one year). Level 'city' or 'province' changes the 亩 threshold (and, at province level, a
    provincial project's deduction does not apply).

    Which patches: 耕地 of construction classes judged 合法 or 违法, and every patch finally judged new-construction
    illegal occupation whatever its class (补充图斑, 其他变化类, mineral: 002 §三(七)1, the 违法性质 decides); a higher
    level's final determination replaces the county's; military land counts (the profile may say otherwise). The
    denominator (合法 + 违法 耕地 of new construction) is an inference: no notice defines it."""
    snapshots = _as_list(snapshots)
    acc = empty_accountability(profile, level, [s.label for s in snapshots])
    pairs, acc.duplicates = year_patches(snapshots, year)
    for snap, p in pairs:
        share = patch_share(snap, p, profile, level)
        if share is not None:
            add_share(acc, share)
    return acc


@dataclass
class Share:
    """What one patch adds to an accountability figure: its 耕地, the adjustment of annex 3 that applies to it
    (`bucket`; "military_left_out" where the profile keeps military land out) and why, whose verdict counts."""
    code: str
    township: str
    mu: float
    bucket: str
    reason: str = ""
    by: str = "县级"
    military: bool = False
    batch: str = ""


SHARE_KEYS = ("code", "township", "mu", "bucket", "reason", "by", "military")  # a share as the hub keeps it


def patch_share(snap: PackageSnapshot, p: Patch, profile: Profile, level: str = "county") -> Optional[Share]:
    """One patch's share of the accountability figure (None: it is not counted at all). The same at county and
    city level; at province level a provincial project is not deducted."""
    cfg = profile.thresholds["accountability"]
    if p.cultivated_mu <= 0:
        return None
    if p.military and not bool(cfg.get("military_in_figures", True)):  # no notice takes it out: the profile may
        return Share(p.code, p.township or "", p.cultivated_mu, "military_left_out", military=True, batch=snap.label)
    records = snap.records.get(p.code, {})
    v, by = effective_verification(snap.verifications.get(p.code), records)
    kind = profile.kind(v.verdict) if v else None
    if kind not in (LEGAL, ILLEGAL):
        return None  # 其他 and unverified patches are not construction occupying 耕地 (yet)
    category = (v.category or "").strip()
    cls = profile.class_of(p)
    construction = bool(cls and cls.construction)
    new_cat = cfg.get("new_construction_category", "新增建设用地违法")
    if not construction and not (kind == ILLEGAL and (category == new_cat or
                                                      category in set(cfg.get("excluded_categories", ())))):
        # outside the construction classes the 违法性质 decides (002 §三(七)1): a patch finally judged
        # 新增建设用地违法 counts whatever its class (补充图斑, 其他变化类, mineral, unknown)
        return None
    bucket, reason = _classify(p, v, kind, category, records, snap.evidence.get(p.code, []), level, cfg)
    if not construction:
        reason = (("补充图斑（002 §三(七)1），" if cls and cls.supplementary else
                   f"{_class_name(p, profile)}：按违法性质计入（不论图斑类型），") + reason)
    if p.military:
        reason += "（军事用地：另行保密报送，计入统计）"
    return Share(p.code, p.township or "", p.cultivated_mu, bucket, reason, by, bool(p.military), snap.label)


_BUCKET_FIELD = {"excluded": "excluded_mu", "major_project": "major_project_mu", "restored": "out_of_both_mu",
                 "legalised": "out_of_numerator_mu", "claimed_not_accepted": "claimed_not_accepted_mu",
                 "fake_rectification": "fake_rectification_mu", "major_not_deductible": "not_deductible_mu"}


def add_share(acc: Accountability, share: Share, mu: Optional[float] = None, count: int = 1,
              line: bool = True) -> None:
    """Adds a patch's share to acc; or, with mu and count, that many patches of the same bucket, whose verdict
    and military mark, with their 耕地 summed (the city hub adds them up in PostgreSQL), without their lines."""
    mu = share.mu if mu is None else mu
    if share.bucket == "military_left_out":
        acc.military_left_out_mu += mu
        return
    num, den = share.bucket in _IN_NUMERATOR, share.bucket in _IN_DENOMINATOR
    acc.higher_determined += count if share.by != "县级" else 0
    if share.military:
        acc.military_numerator_mu += mu if num else 0.0
        acc.military_denominator_mu += mu if den else 0.0
    acc.numerator_mu += mu if num else 0.0
    acc.denominator_mu += mu if den else 0.0
    if share.bucket in _BUCKET_FIELD:
        name = _BUCKET_FIELD[share.bucket]
        setattr(acc, name, getattr(acc, name) + mu)
    acc.missing_category += count if share.bucket == "missing_category" else 0
    if line:
        acc.lines.append(AccountabilityLine(share.code, share.township, share.mu, num, den, share.reason,
                                            share.batch, share.by))


# -- field checks and the error rate -------------------------------------------------------------------------------

def field_check_list(snapshot, profile: Profile) -> List[Dict]:
    """Patches that province, city or county leadership will field-check (selected as suspects, whatever the
    county's verdict), over one package or several; largest 耕地 first."""
    snapshots = _as_list(snapshot)
    pairs, _ = year_patches(snapshots)
    out = [entry for entry in (field_check_entry(snap, p, profile) for snap, p in pairs) if entry]
    out.sort(key=lambda r: (-r["cultivated_mu"], r["code"]))
    return out


def field_check_entry(snap: PackageSnapshot, p: Patch, profile: Profile) -> Optional[Dict]:
    """The patch's line in the field-check list, or None where no level will check it."""
    v = snap.verifications.get(p.code)
    levels = field_check_levels(p, v, profile)
    if not levels:
        return None
    return {"code": p.code, "township": p.township or "", "class_name": _class_name(p, profile),
            "verdict": v.verdict if v else None, "area_mu": p.area_mu, "cultivated_mu": p.cultivated_mu,
            "permanent_mu": p.permanent_mu, "redline_mu": p.redline_mu, "levels": levels, "batch": snap.label}


def patch_figures(snap: PackageSnapshot, p: Patch, profile: Profile) -> Dict:
    """Everything one patch adds to a year's figures, as plain data, by the functions the figures themselves use
    (patch_share, field_check_entry, error_finding): its year, 耕地 and military mark, its accountability share
    (county and city level), its field-check line, whether it is an error of the county. The city hub keeps it
    beside each patch it receives and lets PostgreSQL add the figures up; the batch is the hub's to say."""
    share = patch_share(snap, p, profile)
    check = field_check_entry(snap, p, profile)
    if share is not None:
        share = {k: getattr(share, k) for k in SHARE_KEYS}
    if check is not None:
        check = {k: v for k, v in check.items() if k != "batch"}
    return {"year": str(p.issued_at)[:4] if p.issued_at else None, "mu": p.cultivated_mu,
            "military": bool(p.military), "share": share, "check": check,
            "error": error_finding(snap.records.get(p.code, {})) is not None}


@dataclass
class ErrorRate:
    unreasonable_mu: float
    filled_mu: float
    limit: float

    @property
    def rate(self) -> Optional[float]:
        return self.unreasonable_mu / self.filled_mu if self.filled_mu > 0 else None

    @property
    def over_limit(self) -> bool:
        return self.rate is not None and self.rate > self.limit


def error_rate(patches: Iterable[Patch], unreasonable_codes: Iterable[str], limit: float = 0.10) -> ErrorRate:
    """差错率 = 耕地 of patches found 明显填报不合理 ÷ 耕地 of all patches that had to be filled; over the limit
    when above it (10 %)."""
    bad = set(unreasonable_codes)
    filled = unreasonable = 0.0
    for p in patches:
        if p.military:
            continue
        filled += p.cultivated_mu
        if p.code in bad:
            unreasonable += p.cultivated_mu
    return ErrorRate(unreasonable, filled, limit)


def error_finding(records: Dict[str, object]):
    """The finding that makes a patch an error of the county (002 附件1-2), or None: the province's or the
    Ministry's, 明显填报不合理 or 虚假整改 (their field checks count directly). A city's return or determination is
    review, never an error: it is recorded, it matters to the county, it is not counted."""
    found = records.get(rec.HIGHER_FINDING)
    if found is None or found.level not in rec.ERROR_LEVELS:
        return None
    return found if (found.outcome == rec.UNREASONABLE or getattr(found, "fake_rectification", None)) else None


def unreasonable_codes(snapshots) -> List[str]:
    """Patches the province or the Ministry finally found 明显填报不合理 or 虚假整改 (002 annexes 1–2). Only they
    make an error: a patch the county returned and corrected itself is not one, nor a city's finding."""
    snapshots = _as_list(snapshots)
    return sorted({code for snap in snapshots for code, recs in snap.records.items() if error_finding(recs)})


def self_check_suspects(snapshot: PackageSnapshot, blocking_codes: Iterable[str]) -> List[str]:
    """Patches the county should look at first in its self-check (月核): ever returned, or with blocking findings.
    A list to look at, not errors."""
    codes = set(blocking_codes)
    for code, reviews in snapshot.reviews.items():
        if any(r.decision == "return" for r in reviews):
            codes.add(code)
    return sorted(codes)


# -- the 专班 hand-over list ------------------------------------------------------------------------------------

TASK_FORCE_COLUMNS: List[Tuple[str, str]] = [
    ("code", "监测编号"), ("township", "乡镇"), ("class_name", "图斑类型"), ("area_mu", "监测面积(亩)"),
    ("cultivated_mu", "耕地面积(亩)"), ("permanent_mu", "永久基本农田(亩)"), ("subtype", "违法类型"),
    ("category", "违法性质"), ("rectification", "整改状态"), ("basis", "判定依据说明"), ("verifier", "核实人"),
    ("determined_by", "认定层级"), ("state", "审核状态"), ("batch", "批次/工作包"),
]


def task_force_list(snapshots, profile: Profile) -> List[Dict]:
    """Patches found to be 新增农村乱占耕地建房 (the determination that counts: a higher level's final one where it
    made one), handed to the special task force (专班) for disposal (002)."""
    snapshots = _as_list(snapshots)
    pairs, _ = year_patches(snapshots)
    out = []
    for snap, p in pairs:
        v, by = effective_verification(snap.verifications.get(p.code), snap.records.get(p.code, {}))
        if not v or profile.kind(v.verdict) != ILLEGAL or not v.illegal_cultivated_housing or p.military:
            continue
        state = patch_state(snap.verifications.get(p.code), snap.reviews.get(p.code, []), snap.evidence.get(p.code, []),
                            p.military)
        out.append({"code": p.code, "township": p.township or "", "class_name": _class_name(p, profile),
                    "area_mu": p.area_mu, "cultivated_mu": p.cultivated_mu, "permanent_mu": p.permanent_mu,
                    "subtype": v.subtype or "", "category": v.category or "", "rectification": v.rectification or "",
                    "basis": v.basis or "", "verifier": v.verifier or "", "determined_by": by, "state": state,
                    "batch": snap.label})
    out.sort(key=lambda r: (r["township"], r["code"]))
    return out


# -- the other hand-over lists (002 §五(三)) -----------------------------------------------------------------------

HANDOVER_DEPARTMENTS: Dict[str, Tuple[str, str]] = {  # list → (sheet, department)
    "transport": ("交通项目移交清单", "交通运输主管部门"),
    "energy": ("能源项目移交清单", "能源主管部门"),
    "water": ("水利项目移交清单", "水利主管部门"),
    "non_grain": ("非粮化移交清单", "农业农村主管部门"),
}
HANDOVER_COLUMNS: List[Tuple[str, str]] = [
    ("code", "监测编号"), ("township", "乡镇"), ("class_name", "图斑类型"), ("area_mu", "监测面积(亩)"),
    ("cultivated_mu", "耕地面积(亩)"), ("permanent_mu", "永久基本农田(亩)"), ("verdict", "判定结果"),
    ("subtype", "类型"), ("category", "违法性质"), ("project", "项目"), ("rectification", "整改状态"),
    ("basis", "判定依据说明"), ("department", "移交部门"), ("determined_by", "认定层级"), ("state", "审核状态"),
    ("batch", "批次/工作包"),
]


def handover_lists(snapshots, profile: Profile) -> Dict[str, List[Dict]]:
    """Beside the 专班 list, the lists 002 §五(三) asks to hand over: illegal land use of transport, energy and
    water projects to their departments (marked so, or named by a major-project record), and 非粮化 cases to
    agriculture and rural affairs (marked so, whatever the verdict). Military land is never listed."""
    snapshots = _as_list(snapshots)
    pairs, _ = year_patches(snapshots)
    out: Dict[str, List[Dict]] = {k: [] for k in HANDOVER_DEPARTMENTS}
    for snap, p in pairs:
        if p.military:
            continue
        records = snap.records.get(p.code, {})
        v, by = effective_verification(snap.verifications.get(p.code), records)
        mark = records.get(rec.MARK)
        acceptance = records.get(rec.ACCEPTANCE)
        project_type = getattr(mark, "project_type", None)
        project = ""
        if acceptance is not None and acceptance.kind == rec.MAJOR_PROJECT:
            project_type = project_type or acceptance.project_type
            project = acceptance.project_name or ""
        lists = []
        if project_type in HANDOVER_DEPARTMENTS and v and profile.kind(v.verdict) == ILLEGAL:
            lists.append(project_type)
        if getattr(mark, "non_grain", False):
            lists.append("non_grain")
        if not lists:
            continue
        state = patch_state(snap.verifications.get(p.code), snap.reviews.get(p.code, []),
                            snap.evidence.get(p.code, []), p.military)
        for key in lists:
            out[key].append({
                "code": p.code, "township": p.township or "", "class_name": _class_name(p, profile),
                "area_mu": p.area_mu, "cultivated_mu": p.cultivated_mu, "permanent_mu": p.permanent_mu,
                "verdict": VERDICT_ZH.get(profile.kind(v.verdict) if v else "", "未判定"),
                "subtype": (v.subtype if v else "") or "", "category": (v.category if v else "") or "",
                "project": project, "rectification": (v.rectification if v else "") or "",
                "basis": (v.basis if v else "") or "", "department": HANDOVER_DEPARTMENTS[key][1],
                "determined_by": by, "state": state, "batch": snap.label})
    for rows in out.values():
        rows.sort(key=lambda r: (r["township"], r["code"]))
    return out


# -- the error rate by the periods the notices define (002 附件1-2) ------------------------------------------------

def error_rate_periods(pairs, codes: Iterable[str], profile: Profile, limit: float) -> Dict[str, List]:
    """The error rate as the higher levels compute it for a county: the Ministry's daily rate per quarter, the
    province's per month. A patch belongs to the period its results were due in (月清, rules.monthly_due_date);
    military land is reported apart and filled in nowhere. Returns {"month": [(label, ErrorRate)], "quarter":
    [...]}, oldest first. There is no county yearly rate: the yearly ones are the province's (Ministry) and the
    city's (province)."""
    from .rules import monthly_due_date

    bad = set(codes)
    buckets: Dict[str, Dict[str, List[float]]] = {"month": {}, "quarter": {}}
    for _snap, p in pairs:
        if p.military:
            continue
        due = monthly_due_date(p.issued_at, profile)
        keys = {"month": f"{due.year}年{due.month}月" if due else "（未注明下发时间）",
                "quarter": f"{due.year}年第{(due.month - 1) // 3 + 1}季度" if due else "（未注明下发时间）"}
        for period, key in keys.items():
            cell = buckets[period].setdefault(key, [0.0, 0.0])
            cell[1] += p.cultivated_mu
            cell[0] += p.cultivated_mu if p.code in bad else 0.0
    return {period: [(key, ErrorRate(v[0], v[1], limit)) for key, v in sorted(cells.items())]
            for period, cells in buckets.items()}


def city_error_preview(per_county: Dict[str, ErrorRate], divisions: Iterable[str], limit: float) -> Dict:
    """The province's yearly figure for a city (002 附件2), previewed: over the limit when more than the limit's
    share of the city's county-level divisions (all of them, reporting or not) are over, or the city's whole
    rate is over it."""
    divisions = sorted(set(divisions) | set(per_county))
    over = sorted(c for c, r in per_county.items() if r.over_limit)
    unreasonable = sum(r.unreasonable_mu for r in per_county.values())
    filled = sum(r.filled_mu for r in per_county.values())
    whole = ErrorRate(unreasonable, filled, limit)
    share = len(over) / len(divisions) if divisions else 0.0
    return {"divisions": len(divisions), "over": over, "share_over": share, "city": whole,
            "over_limit": share > limit or whole.over_limit}
