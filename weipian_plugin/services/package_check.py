"""Check a work package: the rules engine over its snapshot, plus whether every evidence file is still there."""
from __future__ import annotations

import datetime as _dt
import os
from typing import List, Optional, Tuple

from ..core.findings import BLOCKING, Coverage, Finding
from ..core.profile import Profile, load_profile
from ..core.rules import evaluate
from ..store.work_package import WorkPackage


def package_profile(wp: WorkPackage, override: Optional[str] = None) -> Profile:
    return load_profile(override or wp.meta("profile") or None)


def missing_evidence_files(wp: WorkPackage) -> List[Finding]:
    base = os.path.dirname(wp.path)
    out = []
    for fid, code, path, size in wp.conn.execute("SELECT fid, patch_code, path, size FROM evidence"):
        full = os.path.join(base, path)
        try:
            actual = os.path.getsize(full)
        except OSError:
            out.append(Finding(code, "evidence.file_missing", BLOCKING, f"证据文件缺失：{path}",
                               f"evidence file is missing: {path}", "001 一图斑一卷宗", fid))
            continue
        if size is not None and actual != size:
            out.append(Finding(code, "evidence.file_changed", BLOCKING, f"证据文件大小已改变：{path}",
                               f"evidence file changed size since it was attached: {path}", "001 真实性", fid))
    return out


def check_package(wp: WorkPackage, profile: Optional[Profile] = None, today: Optional[_dt.date] = None,
                  check_files: bool = True) -> Tuple[List[Finding], Coverage]:
    profile = profile or package_profile(wp)
    findings, coverage = evaluate(wp.snapshot(), profile, today)
    if check_files:
        findings = sorted(findings + missing_evidence_files(wp), key=Finding.sort_key)
    return findings, coverage
