"""Bring verdicts in from a sheet keyed by JCBH (a county's own verdict sheet, a township's list), with the column
codes of the upload results: PDJG, PDLX, WFLX, WFXZ, PDYJSM, PZWH, SFXZLZGDJF, SFFNH, ZGZT, HSR.

Every row is checked against the package and the profile before anything is written; the rows are written in
one transaction (all or, with apply_valid, all valid ones), each with an audit entry naming the file and row.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Dict, Optional

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import ILLEGAL, Verification, reviewed_content_sha
from ..core.profile import Profile
from ..store.work_package import WorkPackage, now_iso
from .sheet_import import SheetImport, checked_rows

COLUMNS = {  # field → accepted header names (code first, then the Chinese title)
    "code": ("JCBH", "监测编号"), "verdict": ("PDJG", "判定结果"), "subtype": ("PDLX", "判定类型"),
    "illegal_type": ("WFLX", "违法类型"), "category": ("WFXZ", "违法性质"), "basis": ("PDYJSM", "判定依据说明"),
    "approval_no": ("PZWH", "批准文号"), "housing": ("SFXZLZGDJF", "是否属于新增农村乱占耕地建房"),
    "nonagri": ("SFFNH", "是否非农化"), "rectification": ("ZGZT", "整改状态"), "verifier": ("HSR", "核实人"),
}
YES, NO = ("是", "Y", "1", "TRUE"), ("否", "N", "0", "FALSE")


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
                    apply_valid: bool = False) -> SheetImport:
    """Check every row, then write the verdicts that differ from what the package holds. With any row refused,
    nothing is written unless apply_valid; SheetImportError then lists the refused rows."""
    name = os.path.basename(path)
    result, valid = checked_rows(path, wp.patch_codes(), COLUMNS, ("code", "verdict", "verifier"),
                                 lambda code, cells: _verification(code, cells, profile), apply_valid)
    with wp.transaction():
        for number, code, v in valid:
            before = wp.verification(code)
            if before is not None and _same(before, v):
                result.unchanged.append(code)
                continue
            wp.put_verification(replace(v, verified_at=now_iso()), actor,
                                {"source": name, "row": number, "imported_by": actor})
            result.applied.append(code)
    return result


def _same(a: Verification, b: Verification) -> bool:
    return reviewed_content_sha(a, []) == reviewed_content_sha(b, []) and bool(a.nonagri) == bool(b.nonagri)
