"""Check a work package: the rules engine over its snapshot, plus whether every evidence file is still there."""
from __future__ import annotations

import contextlib
import datetime as _dt
import gc
from collections import Counter
from typing import List, Optional, Tuple

from ..core.findings import BLOCKING, Coverage, Finding
from ..core.profile import Profile, load_profile
from ..core.rules import evaluate
from ..store.work_package import WorkPackage


def package_profile(wp: WorkPackage, override: Optional[str] = None) -> Profile:
    return load_profile(override or wp.meta("profile") or None)


def missing_evidence_files(wp: WorkPackage, code: Optional[str] = None) -> List[Finding]:
    out = []
    for fid, patch_code, path, problem in wp.evidence_file_problems(code):
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


def conflict_findings(wp: WorkPackage, code: Optional[str] = None) -> List[Finding]:
    """Unresolved conflicts between the county's and a township's version of a patch block the upload."""
    return [Finding(patch_code, "exchange.conflict", BLOCKING,
                    f"县级与{township}返回的核实结果冲突，须确定采用哪一版本（冲突 {fid}）",
                    f"the county's and {township}'s verifications conflict; decide which to keep (conflict {fid})",
                    "practice")
            for fid, patch_code, township in wp.open_conflict_rows(code)]


def integrity_findings(wp: WorkPackage) -> List[Finding]:
    """The audit chain holds and the plugin's protections are in place (nothing was changed behind its back)."""
    return [Finding(None, "integrity.tampered", BLOCKING, f"工作包在插件之外被修改：{p}",
                    f"the work package was changed outside the plugin: {p}", "001 真实性")
            for p in wp.integrity_problems()]


def store_blocking_counts(wp: WorkPackage, findings: List[Finding]) -> None:
    """Keep each patch's number of blocking findings on the patch (maps, lists, the export gate)."""
    wp.set_blocking_counts(Counter(f.patch_code for f in findings if f.severity == BLOCKING and f.patch_code))


@contextlib.contextmanager
def _bulk_objects():
    """Python's cyclic collector pauses while hundreds of thousands of findings are made (none of them form
    cycles); it runs again afterwards. A county's year of patches checks about a fifth faster."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_package(wp: WorkPackage, profile: Optional[Profile] = None, today: Optional[_dt.date] = None,
                  check_files: bool = True) -> Tuple[List[Finding], Coverage]:
    profile = profile or package_profile(wp)
    with _bulk_objects():
        findings, coverage = evaluate(wp.snapshot(), profile, today)
    findings = findings + conflict_findings(wp) + integrity_findings(wp)
    if check_files:
        findings = findings + missing_evidence_files(wp)
    return sorted(findings, key=Finding.sort_key), coverage


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
    missing = missing_evidence_files(wp, code) if evidence else []
    findings = sorted(findings + missing + conflict_findings(wp, code), key=Finding.sort_key)
    wp.set_blocking(code, sum(1 for f in findings if f.severity == BLOCKING))
    return findings
