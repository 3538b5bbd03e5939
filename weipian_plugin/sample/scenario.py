"""Scripted township verifications and county reviews on the sample county, for the demo and the tests.

Most patches get a complete, correct verdict with evidence; a few keep the mistakes real batches have, so the
check has something true to say: a missing verdict, 其他 on a 新增非农建设类 patch, an illegal occupation of
耕地 without the 乱占耕地建房 determination, a self-review, and a returned patch.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import Dict, List, Optional

from ..core import records
from ..core.model import ILLEGAL, LEGAL, OTHER, PASS, RETURN
from ..core.profile import Profile
from ..services.photo_attach import attach_document
from ..store.work_package import WorkPackage

VERIFIERS = {"关庙镇": "关庙镇 王芳", "五里镇": "五里镇 陈强", "恒口镇": "恒口镇 刘洋"}
REVIEWER = "县卫片办 李明"
FIELD_CHECKER = "县执法大队 赵刚"  # the county's field-check lead (外业核查负责人)


def verdict_for(patch, index: int) -> Dict:
    """A plausible verdict for a sample patch, by class and index."""
    if patch.mineral:
        return dict(verdict=ILLEGAL, subtype="非法采矿", category="新增建设用地违法",
                    basis="实地核查为无证开采，已立案查处。", rectification="整改中")
    if patch.class_code in ("XZFNJS", "NDCXBH"):
        if index % 3 == 0:
            return dict(verdict=LEGAL, subtype="依法批准用地", approval_no=f"陕政土批〔2025〕{100 + index}号",
                        basis="经核实，该图斑范围内建设已依法批准，位于批准红线内。", rectification="不需整改")
        flag = None if patch.cultivated_mu <= 0 else (index % 2 == 0)
        v = dict(verdict=ILLEGAL, subtype="违法占地", category="新增建设用地违法",
                 basis="未经批准占用土地建设，已下达责令停止违法行为通知书。", rectification="整改中",
                 illegal_cultivated_housing=flag)
        if index % 4 == 1:
            v["rectification"] = "已拆除复耕"
        return v
    if patch.class_code == "QTBH":
        return dict(verdict=OTHER, subtype="设施农业用地", basis="设施农业用地已在乡镇备案，未改变土地用途。",
                    rectification="不需整改")
    return dict(verdict=OTHER, subtype="实地未变化", basis="实地核查地类未发生变化。", rectification="不需整改")


def run_township_work(wp: WorkPackage, profile: Profile, document_dir: str) -> List[str]:
    """Verdicts for every patch but the last two; documents for 合法 and 其他. Returns codes left open."""
    patches = wp.patches(with_geometry=False)
    left_open = [p.code for p in patches[-2:]]
    for i, p in enumerate(patches[:-2]):
        v = verdict_for(p, i)
        if i == 4:  # a mistake the rules must catch: 其他 on a key-monitoring class
            v = dict(verdict=OTHER, subtype="临时用地", basis="临时用地。", rectification="不需整改")
        if i == 8 and v["verdict"] == ILLEGAL:  # forgets the 乱占耕地建房 determination
            v["illegal_cultivated_housing"] = None
        wp.set_verification(p.code, VERIFIERS.get(p.township or "", "乡镇核查员"), **v)
        if profile.requires_documents(v["verdict"], v.get("subtype")):  # 实地未变化 has no paper to give
            scan = os.path.join(document_dir, f"{p.code}_批准文件.jpg")
            if os.path.exists(scan):
                attach_document(wp, p.code, scan, VERIFIERS.get(p.township or "", ""))
    return left_open


def run_county_field_checks(wp: WorkPackage, day: Optional[str] = None) -> int:
    """The county names its leads, checks every verified patch in the field (外业核查) and accepts the deductions it
    could verify: every other 拆除复耕 patch with photos taken after the imagery; the rest stay claimed, not
    accepted. Returns the number of acceptances."""
    day = day or _dt.date.today().isoformat()
    wp.set_meta("internal_review_lead", REVIEWER, REVIEWER)
    wp.set_meta("field_check_lead", FIELD_CHECKER, REVIEWER)
    accepted = 0
    restored = 0
    held = wp.records()
    for p in wp.patches(with_geometry=False):
        v = wp.verification(p.code)
        if not v or not v.verdict:
            continue
        if records.FIELD_CHECK not in held.get(p.code, {}):
            wp.add_record(p.code, records.FieldCheck(FIELD_CHECKER, day, "县级外业核查，与乡镇核实一致"), FIELD_CHECKER)
        if v.rectification == "已拆除复耕" and records.ACCEPTANCE not in held.get(p.code, {}):
            restored += 1
            after = [e.id for e in wp.evidence(p.code) if e.kind == "photo" and e.taken_at
                     and (not p.later_date or e.taken_at[:10] > p.later_date[:10])]
            if restored % 2 == 1 and after:
                wp.add_record(p.code, records.Acceptance(records.RESTORED, FIELD_CHECKER, day, after,
                                                         note="现场验收，已复耕到位"), FIELD_CHECKER)
                accepted += 1
    return accepted


def run_county_review(wp: WorkPackage, profile: Profile) -> Dict[str, int]:
    """The county checks in the field, then reviews every verified patch: passes most, returns one, and one is
    self-reviewed by mistake."""
    counts = {PASS: 0, RETURN: 0}
    run_county_field_checks(wp)
    verified = [p for p in wp.patches(with_geometry=False) if wp.verification(p.code)]
    for i, p in enumerate(verified):
        v = wp.verification(p.code)
        if i == 6:
            wp.add_review(p.code, REVIEWER, RETURN, "照片未能反映图斑全貌，请补拍远景照片。")
            counts[RETURN] += 1
            continue
        reviewer = v.verifier if i == 10 else REVIEWER
        opinion = "经内业审核，判定依据充分。" if i % 2 == 0 else None
        wp.add_review(p.code, reviewer, PASS, opinion)
        counts[PASS] += 1
    return counts


# -- the second round of the month: the county returns what blocks, townships fix it, the county reviews again ----

# findings the township must fix (the rest are the county's own: review, written opinion)
TOWNSHIP_RULES = ("verdict.", "housing.", "evidence.", "photo.")


def return_blocking_patches(wp: WorkPackage, findings) -> List[str]:
    """The county returns every patch with a blocking finding the township must fix, naming the findings."""
    reasons: Dict[str, List[str]] = {}
    for f in findings:
        if f.severity == "blocking" and f.patch_code and f.rule.startswith(TOWNSHIP_RULES):
            reasons.setdefault(f.patch_code, []).append(f.message_zh)
    returned = []
    for code, messages in sorted(reasons.items()):
        if wp.state(code) in ("returned", "unverified"):
            continue
        wp.add_review(code, REVIEWER, RETURN, "；".join(dict.fromkeys(messages)))
        returned.append(code)
    return returned


def run_township_corrections(wp: WorkPackage, profile: Profile, sample, work_dir: str) -> List[str]:
    """A township redoes its returned and unverified patches: correct verdict, re-shot photos (the old ones are
    detached, never deleted), the approval document where needed. Returns the codes redone."""
    from ..services.photo_attach import attach_folder
    from .generator import reshoot_photos, write_document_scan

    redo = [p for p in wp.patches(with_geometry=False) if wp.state(p.code) in ("returned", "unverified")]
    for i, p in enumerate(redo):
        actor = VERIFIERS.get(p.township or "", "乡镇核查员")
        # a whole new verdict: fields the new one does not use are cleared (3 * i: key classes get a documented one)
        v = dict(dict.fromkeys(("subtype", "category", "illegal_cultivated_housing", "approval_no", "rectification")),
                 **verdict_for(p, 3 * i))
        if v["verdict"] == ILLEGAL and p.cultivated_mu > 0 and v.get("illegal_cultivated_housing") is None:
            v["illegal_cultivated_housing"] = False
        for e in wp.evidence(p.code):
            if e.kind == "photo":
                wp.remove_evidence(e.id, actor)
        folder = os.path.join(work_dir, "补拍", p.code)
        reshoot_photos(sample.patch(p.code), folder, count=2, seed=1)
        attach_folder(wp, folder, profile, actor, match="name")
        if (profile.requires_documents(v["verdict"], v.get("subtype"))
                and not [e for e in wp.evidence(p.code) if e.kind == "document"]):
            scan = os.path.join(sample.document_dir, f"{p.code}_批准文件.jpg")
            if not os.path.exists(scan):
                scan = write_document_scan(os.path.join(work_dir, "补充材料", f"{p.code}_备案文件.jpg"))
            attach_document(wp, p.code, scan, actor)
        v["basis"] = v["basis"] + "（已按县级审核意见补拍照片、补充材料）"
        wp.set_verification(p.code, actor, **v)
    return [p.code for p in redo]


def run_county_final_review(wp: WorkPackage, findings) -> int:
    """The county reviews again everything not passed, or passed wrongly (self-review, no written opinion)."""
    county_rules = {"review.written_opinion_missing", "review.self_review", "review.unnamed"}
    again = {f.patch_code for f in findings if f.patch_code and f.rule in county_rules}
    run_county_field_checks(wp)
    n = 0
    for p in wp.patches(with_geometry=False):
        if wp.state(p.code) != "passed" or p.code in again:
            wp.add_review(p.code, REVIEWER, PASS, "经内业审核，现场照片和举证材料齐全，判定依据充分，同意。")
            n += 1
    return n
