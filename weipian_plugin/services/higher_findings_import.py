"""Bring in what a higher level found (city or province internal review, field checks, the Ministry) from its
list, keyed by JCBH. Columns (code or Chinese title): JCBH 监测编号; RDCJ 认定层级 (市级/省级/部级); RDFS 认定方式
(内业审核/实地核查); SFMXBHL 明显填报不合理 (是/否); ZZPDJG 最终判定结果 (合法/违法/其他, where the higher level
made its own); WFXZ 违法性质; SFXZLZGDJF; RDRQ 认定日期; BZ 备注. No official codes for such a list are known:
these are the plugin's, and the Chinese titles are accepted too.

All rows are checked first; they are recorded in one transaction, or none is (unless apply_valid).
"""
from __future__ import annotations

import os
from typing import Dict

from ..core import records
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.profile import Profile
from ..store.work_package import WorkPackage
from .sheet_import import SheetImport, checked_rows

COLUMNS = {
    "code": ("JCBH", "监测编号"), "level": ("RDCJ", "认定层级"), "via": ("RDFS", "认定方式"),
    "unreasonable": ("SFMXBHL", "明显填报不合理"), "final_verdict": ("ZZPDJG", "最终判定结果"),
    "final_category": ("WFXZ", "违法性质"), "final_housing": ("SFXZLZGDJF", "是否属于新增农村乱占耕地建房"),
    "found_on": ("RDRQ", "认定日期"), "note": ("BZ", "备注"),
}
LEVEL_NAMES = {"市级": "city", "市": "city", "省级": "province", "省": "province", "部级": "ministry", "部": "ministry"}
VIA_NAMES = {"内业审核": "internal_review", "实地核查": "field_check", "外业核查": "field_check"}


def _finding(cells: Dict[str, str], profile: Profile) -> records.HigherFinding:
    unreasonable = cells.get("unreasonable", "")
    if unreasonable not in ("是", "否"):
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "{field} is {value!r}, not 是 or 否"), field="SFMXBHL",
                             value=unreasonable))
    final = cells.get("final_verdict", "")
    verdict = profile.verdict(final) if final else None
    if final and verdict is None:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "ZZPDJG {value!r} is not a verdict of the profile ({choices})"),
                             value=final, choices="、".join(v.name for v in profile.verdicts)))
    data = {"level": LEVEL_NAMES.get(cells.get("level", ""), cells.get("level", "")),
            "via": VIA_NAMES.get(cells.get("via", ""), cells.get("via", "")),
            "outcome": records.UNREASONABLE if unreasonable == "是" else records.AGREED,
            "found_on": cells.get("found_on", ""),
            "final_verdict": profile.kind(verdict.code) if verdict else None,
            "final_category": cells.get("final_category") or None,
            "final_housing": cells.get("final_housing") or None, "note": cells.get("note", "")}
    if verdict is not None and data["final_category"] and data["final_category"] not in verdict.categories:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "WFXZ {value!r} is not a category of {verdict}"),
                             value=data["final_category"], verdict=verdict.name))
    return records.HigherFinding.parse(data)


def import_higher_findings(wp: WorkPackage, path: str, profile: Profile, actor: str,
                           apply_valid: bool = False) -> SheetImport:
    name = os.path.basename(path)
    result, valid = checked_rows(path, wp.patch_codes(), COLUMNS, ("code", "level", "via", "unreasonable", "found_on"),
                                 lambda code, cells: _finding(cells, profile), apply_valid)
    with wp.transaction():
        for number, code, finding in valid:
            wp.add_record(code, finding, actor, source=f"{name}#{number}")
            result.applied.append(code)
    return result
