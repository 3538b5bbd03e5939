"""Check a work package: the rules engine over its snapshot, plus whether every evidence file is still there."""
from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from typing import List, Optional, Tuple

from ..core.collector import paused
from ..core.findings import BLOCKING, WARNING, Coverage, Finding, inserted
from ..core.profile import Profile, load_profile
from ..core.rules import evaluate
from ..store.work_package import WorkPackage
from . import check_worker


def package_profile(wp: WorkPackage, override: Optional[str] = None) -> Profile:
    return load_profile(override or wp.meta("profile") or None)


def missing_evidence_files(wp: WorkPackage, code: Optional[str] = None) -> List[Finding]:
    return evidence_file_findings(wp.evidence_file_problems(code))


def evidence_file_findings(problems) -> List[Finding]:
    out = []
    for fid, patch_code, path, problem in problems:
        if problem == "missing":
            out.append(Finding(patch_code, "evidence.file_missing", BLOCKING, f"证据文件缺失：{path}",
                               f"evidence file is missing: {path}", "001 一图斑一卷宗", fid))
        elif problem == "outside":
            out.append(Finding(patch_code, "evidence.file_outside", BLOCKING,
                               f"证据记录指向工作包证据文件夹以外的位置或缺少sha256，不予使用：{path}",
                               f"the evidence record names a place outside the package's evidence folder, or has no "
                               f"sha256; it is not used: {path}", "001 真实性", fid))
        else:
            out.append(Finding(patch_code, "evidence.file_changed", BLOCKING, f"证据文件大小已改变：{path}",
                               f"evidence file changed size since it was attached: {path}", "001 真实性", fid))
    return out


def red_line_findings(wp: WorkPackage, profile: Profile, code: Optional[str] = None) -> List[Finding]:
    """A 合法 footprint lies within the approved red line (001 §二(三)): where the approval's boundary is attached
    (a GeoJSON document), the part of the patch outside it is a finding. The tolerance (digitising and imagery
    offsets) is the profile's `red_line_tolerance_m2` and `red_line_tolerance_share`."""
    from ..core.boundary import BoundaryError, is_boundary_name, outside_of, parse_boundary
    from ..core.model import DOCUMENT, LEGAL
    from ..core.units import m2_to_mu
    from ..core.view_geometry import geometry_from_wkb

    ev = profile.evidence
    tol_m2, tol_share = float(ev.get("red_line_tolerance_m2", 10.0)), float(ev.get("red_line_tolerance_share", 0.01))
    out = []
    for patch_code, docs in wp.boundary_documents(code).items():
        v = wp.verification(patch_code)
        if not v or profile.kind(v.verdict) != LEGAL:
            continue
        patch = wp.patch(patch_code, with_geometry=True)
        if patch.wkb is None:
            continue
        for e in docs:
            if e.kind != DOCUMENT or not is_boundary_name(e.path):
                continue
            name = os.path.basename(e.path)
            try:
                with open(wp.evidence_file(e), "rb") as fh:
                    boundary = parse_boundary(fh.read(5 * 1024 * 1024 + 1))
            except (OSError, BoundaryError, ValueError) as exc:
                out.append(Finding(patch_code, "legal.boundary_unreadable", WARNING,
                                   f"批准红线文件 {name} 无法读取：{exc}", f"the approval boundary {name} cannot be read: "
                                   f"{exc}", "001 §二(三)", e.id))
                continue
            found = outside_of(geometry_from_wkb(patch.wkb), boundary)
            if found.outside_m2 > tol_m2 and found.share > tol_share:
                out.append(Finding(
                    patch_code, "legal.outside_red_line", BLOCKING,
                    f"判定合法，但图斑有 {m2_to_mu(found.outside_m2):.2f} 亩（{found.share:.1%}）位于批准红线（{name}）之外",
                    f"judged legal, but {m2_to_mu(found.outside_m2):.2f} mu ({found.share:.1%}) of the patch lies "
                    f"outside the approved red line ({name})", "001 §二(三)", e.id))
    return out


def conflict_findings(wp: WorkPackage, code: Optional[str] = None) -> List[Finding]:
    """Unresolved conflicts between the county's and a township's version of a patch block the upload."""
    return [Finding(patch_code, "exchange.conflict", BLOCKING,
                    f"县级与{township}返回的核实结果冲突，须确定采用哪一版本（冲突 {fid}）",
                    f"the county's and {township}'s verifications conflict; decide which to keep (conflict {fid})",
                    "practice")
            for fid, patch_code, township in wp.open_conflict_rows(code)]


def integrity_findings(wp: WorkPackage) -> List[Finding]:
    """The audit chain holds and the plugin's protections are in place (nothing was changed behind its back).
    Where an office package's protections are not as this version of the plugin sets them (changed behind its
    back, or published by an earlier version), one more finding says how its administrator puts them back."""
    problems = wp.integrity_problems()
    out = [Finding(None, "integrity.tampered", BLOCKING, f"工作包在插件之外被修改：{getattr(p, 'zh', p)}",
                   f"the work package was changed outside the plugin: {p}", "001 真实性") for p in problems]
    if any(getattr(p, "renewable", False) for p in problems):
        out.append(Finding(None, "integrity.renewable", BLOCKING,
                           "上述保护与本版插件设定的不一致（在插件之外被改动，或由较早版本的插件发布）：须由模式所有者"
                           "（县级管理员）运行“更新办公室工作包的保护”（weipian:office_renew_protections）恢复；"
                           "恢复前所见的每一处不一致都记入审计日志",
                           "these protections are not as this version of the plugin sets them (changed outside "
                           "the plugin, or published by an earlier version): the schema's owner (the county's "
                           "administrator) puts them back with weipian:office_renew_protections; every difference "
                           "seen before is written to the audit log", "001 真实性"))
    return out


def store_blocking_counts(wp: WorkPackage, findings: List[Finding]) -> None:
    """Keep each patch's number of blocking findings on the patch (maps, lists, the export gate)."""
    wp.set_blocking_counts(Counter(f.patch_code for f in findings if f.severity == BLOCKING and f.patch_code))


def check_package(wp: WorkPackage, profile: Optional[Profile] = None, today: Optional[_dt.date] = None,
                  check_files: bool = True, parallel_from: Optional[int] = None) -> Tuple[List[Finding], Coverage]:
    """Every finding of the package and its coverage. Python's cyclic collector pauses meanwhile (hundreds of
    thousands of findings, none of them cycles: a county's year checks about a fifth faster), and a check run in
    a worker thread never runs it there (core/collector). A large GeoPackage is checked by two processes
    (services.check_worker; parallel_from: from how many patches, its own threshold by default)."""
    profile = profile or package_profile(wp)
    today = today or _dt.date.today()
    with paused():
        helper = check_worker.start(wp, profile, today, check_files, parallel_from)
        if helper is None:
            findings, coverage = evaluate(wp.snapshot(), profile, today)  # in order already
            files = wp.evidence_file_problems() if check_files else []
        else:
            try:
                findings, coverage, files = check_worker.check_with(helper, wp, profile, today, check_files)
            finally:
                helper.stop()
        extra = conflict_findings(wp) + integrity_findings(wp)
        if check_files:
            extra += evidence_file_findings(files or []) + red_line_findings(wp, profile)
        return inserted(findings, extra), coverage


def check_patch(wp: WorkPackage, code: str, profile: Profile, today: Optional[_dt.date] = None) -> List[Finding]:
    """Findings of one patch, fast at any package size (the patch's records plus photos sharing its hashes);
    stores the patch's blocking count so maps, lists and the export gate stay current."""
    from ..core.model import PackageSnapshot

    patch = wp.patch(code, with_geometry=False)
    v = wp.verification(code)
    evidence = wp.evidence(code)
    snap = PackageSnapshot([patch], {code: v} if v else {}, {code: evidence}, {code: wp.reviews(code)},
                           records=wp.records(code), meta=wp.meta_all())
    hashes = [e.sha256 for e in evidence if e.sha256]
    if hashes:
        for other in wp.photos_sharing(code, hashes):
            snap.evidence.setdefault(other, [])
        for other in [c for c in snap.evidence if c != code]:
            snap.evidence[other] = [e for e in wp.evidence(other) if e.sha256 in hashes]
    findings, _ = evaluate(snap, profile, today, patch_codes=[code])
    missing = missing_evidence_files(wp, code) + red_line_findings(wp, profile, code) if evidence else []
    findings = sorted(findings + missing + conflict_findings(wp, code), key=Finding.sort_key)
    wp.set_blocking(code, sum(1 for f in findings if f.severity == BLOCKING))
    return findings
