"""What the county records beside a patch's verdict, each kind a small record checked on the way in:

- a higher level's determination (city or province internal review, a field check, the Ministry): did it agree,
  did it find the filling 明显填报不合理, and its own final verdict where it made one (002 §三(四)1, §三(七)1);
- the acceptance of a deduction (已拆除复耕 with after-photos, 已补办 with the approval document and number, a major
  transport/energy/water project with its name and approval level) by a named person (002 §三(五), annex 3);
- the county's own field check of the patch, who and when (002 §三(二)3, §三(四)1);
- the collective review (集体研究) of a disputed or key patch, and the mark that makes a patch one (001).

Records are appended, never changed: the latest of a kind holds. A record is a plain dict on disk (JSON); these
classes check it (`parse_record`) and every problem is a message naming the field.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Dict, List, Optional

from .messages import QT_TRANSLATE_NOOP, Msg

HIGHER_FINDING, ACCEPTANCE, FIELD_CHECK, COLLECTIVE_REVIEW, MARK, CITY_RETURN = (
    "higher_finding", "acceptance", "field_check", "collective_review", "mark", "city_return")

LEVELS = ("city", "province", "ministry")  # who found it
VIA = ("internal_review", "field_check")  # how
AGREED, UNREASONABLE = "agreed", "unreasonable"  # 认可 / 明显填报不合理
OUTCOMES = (AGREED, UNREASONABLE)
RESTORED, LEGALISED, MAJOR_PROJECT = "restored", "legalised", "major_project"
ACCEPTANCE_KINDS = (RESTORED, LEGALISED, MAJOR_PROJECT)
PROJECT_TYPES = ("transport", "energy", "water")
APPROVAL_LEVELS = ("national", "provincial", "city", "county")

# what a document is (evidence.doc_type); 'case' are the 违法 case papers: 立案、处罚、整改 (001 §二(七))
DOC_TYPES = ("approval", "case", "acceptance", "opinion", "other")

LEVEL_TEXT = {"city": "市级", "province": "省级", "ministry": "部级"}
VIA_TEXT = {"internal_review": "内业审核", "field_check": "实地核查"}
OUTCOME_TEXT = {AGREED: "认可", UNREASONABLE: "明显填报不合理"}
ERROR_LEVELS = ("province", "ministry")  # who makes an error-rate finding (002 附件1-2): the city reviews
ACCEPTANCE_TEXT = {RESTORED: "已拆除复耕", LEGALISED: "已补办完善用地手续", MAJOR_PROJECT: "重大项目履行监管职责"}
PROJECT_TYPE_TEXT = {"transport": "交通", "energy": "能源", "water": "水利"}
APPROVAL_LEVEL_TEXT = {"national": "国家级", "provincial": "省级", "city": "市级", "county": "县级"}
DOC_TYPE_TEXT = {"approval": "用地批准或备案文件", "case": "违法案件材料（立案、处罚、整改）", "acceptance": "验收材料",
                 "opinion": "书面审核意见", "other": "其他材料"}


class RecordError(ValueError):
    """A record is incomplete or has a value out of its list; the message names the field."""


def _text(data: Dict[str, Any], name: str, required: bool = True) -> str:
    value = data.get(name)
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "{field} is required"), field=name))
    return text


def _choice(data: Dict[str, Any], name: str, choices, required: bool = True) -> Optional[str]:
    value = _text(data, name, required)
    if not value:
        return None
    if value not in choices:
        raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "{field}: {value!r} is not one of {choices}"),
                              field=name, value=value, choices=", ".join(choices)))
    return value


def _day(data: Dict[str, Any], name: str, required: bool = True) -> Optional[str]:
    value = _text(data, name, required)
    if not value:
        return None
    try:
        day = _dt.date.fromisoformat(value[:10])
    except ValueError:
        raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "{field}: {value!r} is not a date (YYYY-MM-DD)"),
                              field=name, value=value)) from None
    if day > _dt.date.today() + _dt.timedelta(days=1):
        raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "{field}: {value} is in the future"), field=name, value=value))
    return day.isoformat()


def _flag(data: Dict[str, Any], name: str) -> Optional[bool]:
    value = data.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip()
    if text in ("是", "1", "true", "True", "yes", "Y", "y"):
        return True
    if text in ("否", "0", "false", "False", "no", "N", "n"):
        return False
    raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "{field}: {value!r} is not 是 or 否"), field=name, value=value))


@dataclass
class HigherFinding:
    """A higher level's determination on the county's result (002 §三(四)1, §三(五), §三(七)1)."""
    level: str
    via: str
    outcome: str
    found_on: str
    final_verdict: Optional[str] = None  # HF / WF / QT: the higher level's own determination, where it made one
    final_category: Optional[str] = None  # for WF: 违法性质
    final_housing: Optional[bool] = None  # 新增农村乱占耕地建房
    note: str = ""
    fake_rectification: Optional[bool] = None  # 虚假整改: the claimed restoration or legalisation is not real

    @classmethod
    def parse(cls, data: Dict[str, Any]) -> "HigherFinding":
        from .model import ILLEGAL, LEGAL, OTHER

        rec = cls(level=_choice(data, "level", LEVELS), via=_choice(data, "via", VIA),
                  outcome=_choice(data, "outcome", OUTCOMES), found_on=_day(data, "found_on"),
                  final_verdict=_choice(data, "final_verdict", (LEGAL, ILLEGAL, OTHER), required=False),
                  final_category=_text(data, "final_category", False) or None,
                  final_housing=_flag(data, "final_housing"), note=_text(data, "note", False),
                  fake_rectification=_flag(data, "fake_rectification"))
        if rec.final_verdict != ILLEGAL and (rec.final_category or rec.final_housing is not None):
            raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "final_category and final_housing go with a final verdict of 违法 only")))
        return rec


@dataclass
class Acceptance:
    """The county's acceptance of a deduction, verified one by one with a named person (002 §三(五))."""
    kind: str
    accepted_by: str
    accepted_on: str
    evidence_ids: List[int] = field(default_factory=list)  # after-photos (restored), the approval document (legalised)
    approval_no: str = ""  # legalised: the approval's number
    project_name: str = ""  # major_project
    project_type: Optional[str] = None  # major_project: transport / energy / water
    approval_level: Optional[str] = None  # major_project: who approved the project
    note: str = ""  # major_project: how the supervision duties were fulfilled

    @classmethod
    def parse(cls, data: Dict[str, Any]) -> "Acceptance":
        kind = _choice(data, "kind", ACCEPTANCE_KINDS)
        raw_ids = data.get("evidence_ids") or []
        if not isinstance(raw_ids, (list, tuple)) or not all(isinstance(i, int) and not isinstance(i, bool)
                                                            for i in raw_ids):
            raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "evidence_ids must be a list of evidence numbers")))
        rec = cls(kind=kind, accepted_by=_text(data, "accepted_by"), accepted_on=_day(data, "accepted_on"),
                  evidence_ids=sorted(set(raw_ids)), approval_no=_text(data, "approval_no", kind == LEGALISED),
                  project_name=_text(data, "project_name", kind == MAJOR_PROJECT),
                  project_type=_choice(data, "project_type", PROJECT_TYPES, kind == MAJOR_PROJECT),
                  approval_level=_choice(data, "approval_level", APPROVAL_LEVELS, kind == MAJOR_PROJECT),
                  note=_text(data, "note", False))
        if kind in (RESTORED, LEGALISED) and not rec.evidence_ids:
            raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "an acceptance of {kind} names its evidence (evidence_ids)"),
                                  kind=kind))
        return rec


@dataclass
class FieldCheck:
    """The county's own field check of the patch (外业核查), by whom and when (002 §三(二)3)."""
    checked_by: str
    checked_on: str
    note: str = ""

    @classmethod
    def parse(cls, data: Dict[str, Any]) -> "FieldCheck":
        return cls(_text(data, "checked_by"), _day(data, "checked_on"), _text(data, "note", False))


@dataclass
class CollectiveReview:
    """集体研究 of a disputed or key patch (001): who took part, when, what was concluded."""
    decided_on: str
    participants: List[str]
    conclusion: str
    # 002 §三(二)2: key classes are "generally" (一般) not judged 其他; the collective review may find the exception
    # for this patch, and says why: the finding then stays on the patch, as a warning
    other_reason: str = ""

    @classmethod
    def parse(cls, data: Dict[str, Any]) -> "CollectiveReview":
        raw = data.get("participants") or []
        names = [str(n).strip() for n in (raw.replace("，", ",").replace("、", ",").split(",") if isinstance(raw, str)
                                           else raw) if str(n).strip()]
        if len(names) < 2:
            raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "a collective review names at least two participants")))
        return cls(_day(data, "decided_on"), names, _text(data, "conclusion"), _text(data, "other_reason", False))


@dataclass
class Mark:
    """A patch marked disputed (疑难) or key (重点): it is decided by collective review before it can pass (001).
    Also what it is to be handed over for (002 §五(三)): a transport, energy or water project's land (a list to
    those departments), or 非粮化 (to agriculture and rural affairs)."""
    disputed: bool = False
    key: bool = False
    note: str = ""
    project_type: Optional[str] = None  # PROJECT_TYPES: transport / energy / water
    non_grain: bool = False  # 非粮化

    @classmethod
    def parse(cls, data: Dict[str, Any]) -> "Mark":
        return cls(bool(_flag(data, "disputed")), bool(_flag(data, "key")), _text(data, "note", False),
                   _choice(data, "project_type", PROJECT_TYPES, False) or None, bool(_flag(data, "non_grain")))

    @property
    def needs_collective_review(self) -> bool:
        return self.disputed or self.key


@dataclass
class CityReturn:
    """The city's internal review returned the county's result, to be corrected and reported again by a
    deadline (002 §三(四)1). It comes in the city's return package, never typed by hand."""
    opinion: str
    deadline: str
    returned_by: str
    returned_on: str

    @classmethod
    def parse(cls, data: Dict[str, Any]) -> "CityReturn":
        deadline = _text(data, "deadline")
        try:  # a deadline lies ahead: a date, not a past one
            deadline = _dt.date.fromisoformat(deadline[:10]).isoformat()
        except ValueError:
            raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "{field}: {value!r} is not a date (YYYY-MM-DD)"),
                                  field="deadline", value=deadline)) from None
        return cls(_text(data, "opinion"), deadline, _text(data, "returned_by"), _day(data, "returned_on"))


KINDS = {HIGHER_FINDING: HigherFinding, ACCEPTANCE: Acceptance, FIELD_CHECK: FieldCheck,
         COLLECTIVE_REVIEW: CollectiveReview, MARK: Mark, CITY_RETURN: CityReturn}


def parse_record(kind: str, data: Dict[str, Any]):
    """The record of this kind from a dict, checked; RecordError names what is wrong."""
    cls = KINDS.get(kind)
    if cls is None:
        raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "unknown record kind {kind!r}"), kind=kind))
    if not isinstance(data, dict):
        raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "a {kind} record must be an object"), kind=kind))
    unknown = set(data) - {f.name for f in fields(cls)}
    if unknown:
        raise RecordError(Msg(QT_TRANSLATE_NOOP("weipian", "unknown fields of a {kind} record: {value}"), kind=kind,
                              value=", ".join(sorted(unknown))))
    return cls.parse(data)


def record_data(record) -> Dict[str, Any]:
    return asdict(record)


def kind_of(record) -> str:
    for kind, cls in KINDS.items():
        if isinstance(record, cls):
            return kind
    raise TypeError(f"not a record: {record!r}")
