"""Bring verdicts in from a sheet keyed by JCBH (a county's own verdict sheet, a township's list), with the column
codes of the upload results: PDJG, PDLX, WFLX, WFXZ, PDYJSM, PZWH, SFXZLZGDJF, SFFNH, ZGZT, HSR.

Every row is checked against the package and the profile before anything is written; the rows are written in
one transaction (all or, with apply_valid, all valid ones), each with an audit entry naming the file and row.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Tuple

from ..core import messages
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import ILLEGAL, Verification, reviewed_content_sha
from ..core.profile import Profile
from ..store.work_package import WorkPackage, now_iso
from .sheet_import import column, read_sheet

COLUMNS = {  # field → accepted header names (code first, then the Chinese title)
    "code": ("JCBH", "监测编号"), "verdict": ("PDJG", "判定结果"), "subtype": ("PDLX", "判定类型"),
    "illegal_type": ("WFLX", "违法类型"), "category": ("WFXZ", "违法性质"), "basis": ("PDYJSM", "判定依据说明"),
    "approval_no": ("PZWH", "批准文号"), "housing": ("SFXZLZGDJF", "是否属于新增农村乱占耕地建房"),
    "nonagri": ("SFFNH", "是否非农化"), "rectification": ("ZGZT", "整改状态"), "verifier": ("HSR", "核实人"),
}
YES, NO = ("是", "Y", "1", "TRUE"), ("否", "N", "0", "FALSE")


class VerdictImportError(ValueError):
    """The sheet cannot be imported; the message names the file and every refused row."""


@dataclass
class VerdictImport:
    source: str
    rows: int = 0
    applied: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    refused: List[Tuple[int, object]] = field(default_factory=list)  # (row number, reason message)

    def refused_messages(self) -> List[Msg]:
        name = os.path.basename(self.source)
        return [Msg(QT_TRANSLATE_NOOP("weipian", "{name} row {row}: {reason}"), name=name, row=row, reason=reason)
                for row, reason in self.refused]


def _flag(text: str, what: str) -> Optional[bool]:
    if not text:
        return None
    if text.upper() in YES:
        return True
    if text.upper() in NO:
        return False
    raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "{field} is {value!r}, not 是 or 否"), field=what, value=text))


def _verification(code: str, cells: Dict[str, str], profile: Profile) -> Verification:
    """The row as a verification, checked against the profile; ValueError(Msg) says what is wrong."""
    verdict = profile.verdict(cells.get("verdict", ""))
    if verdict is None:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "PDJG {value!r} is not a verdict of the profile ({choices})"),
                             value=cells.get("verdict", ""), choices="、".join(v.name for v in profile.verdicts)))
    subtype, illegal_type = cells.get("subtype", ""), cells.get("illegal_type", "")
    if subtype and illegal_type and subtype != illegal_type:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "PDLX {value!r} and WFLX {other!r} differ"), value=subtype,
                             other=illegal_type))
    subtype = subtype or illegal_type
    if subtype and verdict.subtypes and subtype not in verdict.subtypes:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "PDLX {value!r} is not a type of {verdict}"), value=subtype,
                             verdict=verdict.name))
    kind = profile.kind(verdict.code)
    category = cells.get("category", "")
    if category and (kind != ILLEGAL or category not in verdict.categories):
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "WFXZ {value!r} is not a category of {verdict}"),
                             value=category, verdict=verdict.name))
    rect = cells.get("rectification", "")
    if rect and rect not in profile.rectification_statuses:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "ZGZT {value!r} is not a rectification status of the profile"),
                             value=rect))
    verifier = cells.get("verifier", "")
    if not verifier:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "HSR (the verifier) is empty: a verdict names who verified it")))
    housing = _flag(cells.get("housing", ""), "SFXZLZGDJF")
    nonagri = _flag(cells.get("nonagri", ""), "SFFNH")
    if kind != ILLEGAL and (housing is not None or nonagri is not None):
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "SFXZLZGDJF and SFFNH go with a verdict of 违法 only")))
    return Verification(code, verdict.code, subtype or None, category or None, housing, cells.get("basis") or None,
                        cells.get("approval_no") or None, rect or None, verifier, None, nonagri)


def import_verdicts(wp: WorkPackage, path: str, profile: Profile, actor: str,
                    apply_valid: bool = False) -> VerdictImport:
    """Check every row, then write the verdicts that differ from what the package holds. With any row refused,
    nothing is written unless apply_valid; VerdictImportError then lists the refused rows."""
    name = os.path.basename(path)
    headers, rows = read_sheet(path)
    cols = {f: column(headers, *names) for f, names in COLUMNS.items()}
    missing = [COLUMNS[f][0] for f in ("code", "verdict", "verifier") if not cols[f]]
    if missing:
        raise VerdictImportError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: the columns {value} are missing"),
                                     name=name, value=", ".join(missing)))
    result = VerdictImport(os.path.abspath(path), rows=len(rows))
    codes = wp.patch_codes()
    seen: Dict[str, int] = {}
    valid: List[Tuple[int, Verification]] = []
    for number, values in rows:
        cells = {f: values.get(h, "") if h else "" for f, h in cols.items()}
        code = cells["code"]
        try:
            if not code:
                raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "JCBH is empty")))
            if code not in codes:
                raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "JCBH {code} is not a patch of this work package"), code=code))
            if code in seen:
                raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "JCBH {code} is also in row {row}"), code=code, row=seen[code]))
            seen[code] = number
            valid.append((number, _verification(code, cells, profile)))
        except ValueError as exc:
            result.refused.append((number, exc.args[0] if exc.args else str(exc)))
    if result.refused and not apply_valid:
        raise VerdictImportError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {count} rows refused, nothing was imported: {value}"),
                                     name=name, count=len(result.refused),
                                     value=messages.Joined(result.refused_messages()[:20])))
    refused_codes = {values.get(cols["code"], "") for number, values in rows if number in {r for r, _ in result.refused}}
    valid = [(n, v) for n, v in valid if v.patch_code not in refused_codes]  # a code refused once is not half-taken
    with wp.transaction():
        for number, v in valid:
            before = wp.verification(v.patch_code)
            if before is not None and _same(before, v):
                result.unchanged.append(v.patch_code)
                continue
            wp.put_verification(replace(v, verified_at=now_iso()), actor,
                                {"source": name, "row": number, "imported_by": actor})
            result.applied.append(v.patch_code)
    return result


def _same(a: Verification, b: Verification) -> bool:
    return reviewed_content_sha(a, []) == reviewed_content_sha(b, []) and bool(a.nonagri) == bool(b.nonagri)
