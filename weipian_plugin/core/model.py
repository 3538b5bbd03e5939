"""Plain records the rules work on; the store fills them from a work package."""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

LEGAL, ILLEGAL, OTHER = "HF", "WF", "QT"
VERDICT_ZH = {LEGAL: "合法", ILLEGAL: "违法", OTHER: "其他"}  # as results, dossiers and statistics write them
PASS, RETURN = "pass", "return"
PHOTO, DOCUMENT = "photo", "document"
# a county's year holds 100,000 patches and 200,000 photo records at once: without a __dict__ each they take about
# a third less memory (Python 3.10 and later; QGIS 3.22 on Windows has 3.9, where they keep their __dict__)
_MANY = {"slots": True} if sys.version_info >= (3, 10) else {}


@dataclass(**_MANY)
class Patch:
    code: str
    county_code: Optional[str] = None
    township: Optional[str] = None
    class_code: Optional[str] = None
    class_name: Optional[str] = None
    level: Optional[int] = None
    earlier_date: Optional[str] = None  # QSX, ISO date
    later_date: Optional[str] = None  # HSX, ISO date
    batch: Optional[str] = None
    issued_at: Optional[str] = None  # XFSJ, ISO date: the 月清 due date runs from it
    area_mu: float = 0.0
    cultivated_mu: float = 0.0
    permanent_mu: float = 0.0
    redline_mu: float = 0.0
    mineral: bool = False
    military: bool = False
    wkb: Optional[bytes] = None  # lon/lat geometry (EPSG:4490)


@dataclass(**_MANY)
class Verification:
    patch_code: str
    verdict: Optional[str] = None  # HF / WF / QT
    subtype: Optional[str] = None
    category: Optional[str] = None  # for WF: 新增建设用地违法 / 存量建设用地违法 / 农业项目破坏耕地（基本农田）
    illegal_cultivated_housing: Optional[bool] = None  # 是否属于新增农村乱占耕地建房 (SFXZLZGDJF)
    basis: Optional[str] = None  # 判定依据说明 (PDYJSM)
    approval_no: Optional[str] = None  # 批准文号 (PZWH)
    rectification: Optional[str] = None
    verifier: Optional[str] = None
    verified_at: Optional[str] = None
    nonagri: Optional[bool] = None  # 非农化 mark (001)


@dataclass(**_MANY)
class Evidence:
    id: int
    patch_code: str
    kind: str  # photo / document
    path: str
    sha256: Optional[str] = None
    size: int = 0
    longitude: Optional[float] = None
    latitude: Optional[float] = None
    azimuth: Optional[float] = None
    taken_at: Optional[str] = None
    problem_codes: str = ""  # comma separated codes from photo_reading
    distance_m: Optional[float] = None
    azimuth_offset_deg: Optional[float] = None
    doc_type: Optional[str] = None  # for documents: core.records.DOC_TYPES


@dataclass(**_MANY)
class Review:
    patch_code: str
    reviewer: str
    decision: str  # pass / return
    opinion: Optional[str] = None
    reviewed_at: Optional[str] = None
    content_sha: Optional[str] = None  # what was reviewed: reviewed_content_sha at the moment of the review


# what a reviewer decides on: the verdict and its basis as the verifier signed it, and the evidence files
REVIEWED_FIELDS = ("verdict", "subtype", "category", "illegal_cultivated_housing", "basis", "approval_no",
                   "rectification", "verifier")
# fields added later take part only once set, so that the reviews made before they existed still hold
LATER_REVIEWED_FIELDS = ("nonagri",)


def reviewed_content_sha(v: Optional["Verification"], evidence_sha256: Iterable[Optional[str]],
                         military: bool = False) -> Optional[str]:
    """A fingerprint of the content a review decides on. A review binds to it: any later change of the verdict,
    its basis, the evidence or the military mark makes the review stale, whatever any clock says. (The mark is
    a decision like a verdict — one unreviewed tick would hide a patch, 002 §二(一) 杜绝瞒报; it enters the
    fingerprint only when set, so reviews of unmarked patches keep their fingerprints.)"""
    if v is None:
        return None
    fields = {k: getattr(v, k) for k in REVIEWED_FIELDS}
    if fields["illegal_cultivated_housing"] is not None:
        fields["illegal_cultivated_housing"] = bool(fields["illegal_cultivated_housing"])
    for name in LATER_REVIEWED_FIELDS:
        if getattr(v, name, None) is not None:
            fields[name] = bool(getattr(v, name))
    content = {"verification": fields, "evidence": sorted({s for s in evidence_sha256 if s})}
    if military:
        content["military"] = True
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass
class PackageSnapshot:
    patches: List[Patch]
    verifications: Dict[str, Verification] = field(default_factory=dict)
    evidence: Dict[str, List[Evidence]] = field(default_factory=dict)
    reviews: Dict[str, List[Review]] = field(default_factory=dict)  # oldest first
    records: Dict[str, Dict[str, object]] = field(default_factory=dict)  # code → kind → record (core.records)
    meta: Dict[str, str] = field(default_factory=dict)  # the package's metadata (kind, responsible persons, …)
    label: str = ""  # which package (batch) this is, in yearly figures
