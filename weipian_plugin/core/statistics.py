"""County figures: the monthly table (月报), the accountability ratio (问责比例, 002 annex 3), the list of patches
higher levels will field-check, and the error-rate formula (差错率, 002 annexes 1–2) for the county's self-check.

Pure functions over a PackageSnapshot and a Profile; areas are the issued 亩 figures, rounded to 2 decimals
only when shown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from .model import ILLEGAL, LEGAL, OTHER, PackageSnapshot, Patch, Verification
from .profile import Profile
from .rules import field_check_levels, patch_state

UNASSIGNED = "（未填乡镇）"
SUBTOTAL, TOTAL = "小计", "合计"

# (key, Chinese column title) of the monthly table, in order
MONTHLY_COLUMNS: List[Tuple[str, str]] = [
    ("township", "乡镇"), ("class_name", "图斑类型"),
    ("patches", "图斑数"), ("area_mu", "监测面积(亩)"), ("cultivated_mu", "耕地面积(亩)"),
    ("verified", "已判定"), ("unverified", "未判定"),
    ("legal", "合法(个)"), ("legal_mu", "合法面积(亩)"),
    ("illegal", "违法(个)"), ("illegal_mu", "违法面积(亩)"), ("illegal_cultivated_mu", "违法占耕地(亩)"),
    ("housing", "新增农村乱占耕地建房(个)"),
    ("other", "其他(个)"), ("other_mu", "其他面积(亩)"),
    ("passed", "审核通过"), ("returned", "退回"), ("awaiting_review", "待审核"),
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


def _add(row: Dict, p: Patch, v: Optional[Verification], state: str) -> None:
    row["patches"] += 1
    row["area_mu"] += p.area_mu
    row["cultivated_mu"] += p.cultivated_mu
    verdict = v.verdict if v else None
    row["verified" if verdict else "unverified"] += 1
    if verdict == LEGAL:
        row["legal"] += 1
        row["legal_mu"] += p.area_mu
    elif verdict == ILLEGAL:
        row["illegal"] += 1
        row["illegal_mu"] += p.area_mu
        row["illegal_cultivated_mu"] += p.cultivated_mu
        row["housing"] += bool(v.illegal_cultivated_housing)
    elif verdict == OTHER:
        row["other"] += 1
        row["other_mu"] += p.area_mu
    row["passed"] += state == "passed"
    row["returned"] += state == "returned"
    row["awaiting_review"] += state in ("awaiting_review", "resubmitted", "invalid_review")
    row["military"] += bool(p.military)


def monthly_table(snapshot: PackageSnapshot, profile: Profile) -> List[Dict]:
    """Rows by township and class, a 小计 row after each township and a 合计 row at the end."""
    class_order = {c.name: i for i, c in enumerate(profile.classes)}
    cells: Dict[str, Dict[str, Dict]] = {}
    total = _empty_row(TOTAL, "")
    for p in snapshot.patches:
        v = snapshot.verifications.get(p.code)
        state = patch_state(v, snapshot.reviews.get(p.code, []), snapshot.evidence.get(p.code, []))
        town = (p.township or "").strip() or UNASSIGNED
        cname = _class_name(p, profile)
        by_class = cells.setdefault(town, {})
        row = by_class.setdefault(cname, _empty_row(town, cname))
        _add(row, p, v, state)
        _add(total, p, v, state)
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


@dataclass
class Accountability:
    numerator_mu: float = 0.0  # illegal 耕地 of new construction after the adjustments
    denominator_mu: float = 0.0  # 耕地 occupied by new construction after the adjustments
    out_of_numerator_mu: float = 0.0  # 已补办完善用地手续
    out_of_both_mu: float = 0.0  # 已拆除复耕
    excluded_mu: float = 0.0  # 存量建设用地违法, 农业项目破坏耕地: in neither
    threshold_mu: float = 100.0
    threshold_ratio: float = 0.15
    lines: List[AccountabilityLine] = field(default_factory=list)

    @property
    def ratio(self) -> Optional[float]:
        return self.numerator_mu / self.denominator_mu if self.denominator_mu > 0 else None

    @property
    def over_threshold(self) -> bool:
        """The county enters accountability: illegal 耕地 ≥ threshold 亩 and ratio ≥ threshold ratio."""
        return (self.numerator_mu >= self.threshold_mu and self.ratio is not None
                and self.ratio >= self.threshold_ratio)


def accountability(snapshot: PackageSnapshot, profile: Profile, level: str = "county") -> Accountability:
    """The accountability ratio of annex 3 for the county (level 'city' or 'province' only changes the 亩
    threshold). Major transport/energy/water projects are not recorded by the plugin, so that deduction is not
    applied; the XLSX says so."""
    cfg = profile.thresholds["accountability"]
    acc = Accountability(threshold_mu=float(cfg[f"{level}_mu"]), threshold_ratio=float(cfg["ratio"]))
    new_cat = cfg.get("new_construction_category", "新增建设用地违法")
    excluded = set(cfg.get("excluded_categories", ()))
    out_num = set(cfg.get("out_of_numerator", ()))
    out_both = set(cfg.get("out_of_both", ()))
    for p in snapshot.patches:
        cls = profile.class_of(p)
        v = snapshot.verifications.get(p.code)
        if cls is None or not cls.construction or p.cultivated_mu <= 0 or p.military:
            continue
        if not v or v.verdict not in (LEGAL, ILLEGAL):
            continue  # 其他 and unverified patches are not construction occupying 耕地 (yet)
        mu = p.cultivated_mu
        town = p.township or ""
        if v.verdict == ILLEGAL and v.category in excluded:
            acc.excluded_mu += mu
            acc.lines.append(AccountabilityLine(p.code, town, mu, False, False, f"{v.category}：不计入"))
            continue
        if v.rectification in out_both:
            acc.out_of_both_mu += mu
            acc.lines.append(AccountabilityLine(p.code, town, mu, False, False, f"{v.rectification}：分子分母均扣除"))
            continue
        acc.denominator_mu += mu
        if v.verdict == LEGAL:
            acc.lines.append(AccountabilityLine(p.code, town, mu, False, True, "合法：计入分母"))
        elif v.rectification in out_num:
            acc.out_of_numerator_mu += mu
            acc.lines.append(AccountabilityLine(p.code, town, mu, False, True, f"{v.rectification}：仅从分子扣除"))
        else:
            acc.numerator_mu += mu
            why = "违法占用耕地：计入分子分母" if v.category == new_cat else "违法（未填违法性质，按新增建设用地违法计）"
            acc.lines.append(AccountabilityLine(p.code, town, mu, True, True, why))
    return acc


# -- field checks and the error rate -------------------------------------------------------------------------------

def field_check_list(snapshot: PackageSnapshot, profile: Profile) -> List[Dict]:
    """Patches that province, city or county leadership will field-check, largest 耕地 first."""
    out = []
    for p in snapshot.patches:
        v = snapshot.verifications.get(p.code)
        levels = field_check_levels(p, v, profile)
        if levels:
            out.append({"code": p.code, "township": p.township or "", "class_name": _class_name(p, profile),
                        "verdict": v.verdict if v else None, "area_mu": p.area_mu, "cultivated_mu": p.cultivated_mu,
                        "permanent_mu": p.permanent_mu, "redline_mu": p.redline_mu, "levels": levels})
    out.sort(key=lambda r: (-r["cultivated_mu"], r["code"]))
    return out


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


def self_check_suspects(snapshot: PackageSnapshot, blocking_codes: Iterable[str]) -> List[str]:
    """Patches the county should look at first in its self-check (月核): ever returned, or with blocking findings."""
    codes = set(blocking_codes)
    for code, reviews in snapshot.reviews.items():
        if any(r.decision == "return" for r in reviews):
            codes.add(code)
    return sorted(codes)

