"""The upload package (county → platform).

Refused unless every patch in it passed internal review and no blocking finding is left. Holds the results
(GeoPackage and GBK Shapefile), the evidence under one folder per patch code, one dossier PDF per patch, the
monthly statistics and `manifest.json`. Military-land patches never go in; they go to a separate package only
when asked for explicitly. Written under a temporary name and renamed when complete; files are streamed one at
a time, so memory stays bounded whatever the number of photos.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from ..core import snapshot_json
from ..core.findings import BLOCKING, Finding
from ..core.messages import QT_TRANSLATE_NOOP, Bilingual, Msg, render
from ..core.names import safe_file_name
from ..core.profile import Profile
from ..core.rules import STATE_TEXT
from ..store.work_package import PackageError, WorkPackage
from . import work_dirs
from .package_check import check_package, package_profile
from .package_zip import AUDIT_CHAIN, Cancelled, PackageWriter, package_identity, written_or_said
from .result_layers import field_descriptions, result_rows, shapefile_parts, write_results_gpkg, write_results_shapefile
from .statistics_export import write_military_register, write_statistics


class GateRefused(Exception):
    """The package may not be exported yet; `blocking` lists what blocks, one message each."""

    def __init__(self, message: Msg, blocking: List[Msg]):
        self.message = message
        self.blocking = blocking
        super().__init__(self.render())

    def render(self, translate=None) -> str:
        """The refusal and the first 50 lines, in the user's language with a translate function."""
        shown = [render(line, translate) for line in self.blocking[:50]]
        if len(self.blocking) > 50:
            shown.append(render(Msg(QT_TRANSLATE_NOOP("weipian", "… {count} more"), count=len(self.blocking) - 50),
                                translate))
        return "\n".join([render(self.message, translate)] + shown)


@dataclass
class UploadReport:
    path: str
    patches: int = 0
    photos: int = 0
    documents: int = 0
    dossiers: int = 0
    dossier_pages: int = 0
    bytes: int = 0
    notes: List[str] = field(default_factory=list)
    excluded_military: List[str] = field(default_factory=list)


def gate(wp: WorkPackage, codes: List[str], findings: List[Finding]) -> List[str]:
    """What blocks exporting these patches, given the package's findings: missing or failed internal review, any
    blocking finding."""
    wanted = set(codes)
    lines = []
    states = wp.states(sorted(wanted))  # derived from the rows, never the stored column
    for code in sorted(wanted):
        state = states.get(code)
        if state != "passed":
            lines.append(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: internal review not passed ({state})"), code=code,
                             state=Msg(STATE_TEXT.get(state, state or ""))))
    for f in findings:
        if f.severity == BLOCKING and (f.patch_code is None or f.patch_code in wanted) and not _is_review_finding(f):
            lines.append(Msg(QT_TRANSLATE_NOOP("weipian", "{code}: {finding}"), code=f.patch_code or "—",
                             finding=Bilingual(f.message_zh, f.message_en)))
    if not wanted:
        lines.append(Msg(QT_TRANSLATE_NOOP("weipian", "no patches to export")))
    return lines


def _is_review_finding(f: Finding) -> bool:
    return f.rule.startswith("review.") and f.rule not in ("review.written_opinion_missing",)


def export_upload_package(wp: WorkPackage, out_zip: str, actor: str, military: bool = False,
                          profile: Optional[Profile] = None, today: Optional[_dt.date] = None,
                          progress: Optional[Callable[[float], None]] = None,
                          cancelled: Optional[Callable[[], bool]] = None, dossiers: bool = True,
                          imagery: Optional[str] = None, workers: Optional[int] = 1) -> UploadReport:
    """military=False: every patch but military land (the upload package); military=True: only military land, as
    the separate confidential package. The dossiers' maps lie over the batch's before/after imagery recorded on
    the package, else over `imagery` (a raster path or an XYZ URL), else show the outline alone. workers: how
    many processes render the dossiers (None: one a core, where the package is big enough to gain)."""
    if wp.meta("kind") == "assignment":
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: a township's assignment package is not uploaded; export a return package for the county instead"), path=wp.path))
    profile = profile or package_profile(wp)
    with wp.one_moment(), written_or_said(out_zip):  # one moment of the package, whatever a live dock saves meanwhile
        return _export(wp, out_zip, actor, military, profile, today, progress, cancelled, dossiers, imagery, workers)


def _export(wp, out_zip, actor, military, profile, today, progress, cancelled, dossiers, imagery,
            workers) -> UploadReport:
    rows = [(p.code, p.military) for p in wp.patches(with_geometry=False)]
    codes = [c for c, m in rows if bool(m) == military]
    report = UploadReport(os.path.abspath(out_zip))
    report.excluded_military = [] if military else [c for c, m in rows if m]
    findings, _ = check_package(wp, profile, today)
    blocking = gate(wp, codes, findings)
    if not military:  # a military mark no review passed hides a patch: the normal package waits for it
        blocking += [Msg(QT_TRANSLATE_NOOP("weipian", "{code}: {finding}"), code=f.patch_code,
                         finding=Bilingual(f.message_zh, f.message_en))
                     for f in findings if f.rule == "military.unreviewed" and f.patch_code in report.excluded_military]
    if blocking:
        raise GateRefused(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: the upload package cannot be exported yet "
                                                            "({count} blocking)"),
                              name=os.path.basename(wp.path), count=len(blocking)), blocking)
    kind = "military" if military else "upload"
    county = wp.meta("county_code") or ""
    base = os.path.dirname(wp.path)
    # the county's audit chain as it stands, signed into the package: the city keeps it, so a history the county
    # rewrote after sending shows at its next package (services.city_import)
    entries, head = wp.audit_head()
    identity = package_identity(wp, kind, actor, package_id=wp.meta("package_id"), confidential=military,
                                audit_head={"entries": entries, "sha": head})
    os.makedirs(os.path.dirname(os.path.abspath(out_zip)), exist_ok=True)
    tmp = work_dirs.make("weipian_upload_", os.path.dirname(os.path.abspath(out_zip)))
    step = progress or (lambda p: None)
    try:
        with PackageWriter(out_zip, kind, identity, cancelled, signer=wp.signer()) as w:
            results = result_rows(wp, codes, profile=profile)
            stem = f"{county}_{'military' if military else 'results'}"
            gpkg = os.path.join(tmp, stem + ".gpkg")
            write_results_gpkg(results, gpkg)
            w.add_file(gpkg, f"results/{stem}.gpkg")
            shp = os.path.join(tmp, stem + ".shp")
            report.notes += write_results_shapefile(results, shp)
            for part in shapefile_parts(shp):
                w.add_file(part, f"results/{os.path.basename(part)}")
            w.add_bytes(field_descriptions().encode("utf-8"), "results/fields.json")
            # what the rules read of these patches, for the city's figures (core.snapshot_json)
            w.add_bytes(json.dumps(snapshot_json.to_json(wp.snapshot(), codes), ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":")).encode("utf-8"), "results/snapshot.json")
            w.add_bytes(json.dumps({"package_id": wp.meta("package_id"), "shas": wp.audit_shas()},
                                   separators=(",", ":")).encode("utf-8"), AUDIT_CHAIN)
            for ext in ("xlsx", "csv"):
                stats = os.path.join(tmp, f"{county}_月报.{ext}")
                write_statistics(wp, stats, profile, today, codes=codes, findings=findings)
                w.add_file(stats, f"statistics/{os.path.basename(stats)}")
            if military:
                register = os.path.join(tmp, f"{county}_军用土地登记表.xlsx")
                write_military_register(results, register, county, today or _dt.date.today())
                w.add_file(register, f"statistics/{os.path.basename(register)}")
            step(3.0)
            # the evidence: one folder per patch code, every file checked against its recorded sha256
            files, is_photo = [], []
            for code in codes:
                used = set()
                for e in wp.evidence(code):
                    name = safe_file_name(os.path.basename(e.path), "evidence")
                    if name in used:
                        continue
                    used.add(name)
                    # the store gives the file on this computer (an office package writes it from the database)
                    files.append((wp.evidence_file(e), f"evidence/{safe_file_name(code)}/{name}", e.sha256))
                    is_photo.append(e.kind == "photo")
            share = 60.0 if dossiers else 96.0
            w.add_files(files, lambda n: step(3.0 + share * n / max(len(files), 1)))
            report.photos = sum(is_photo)
            report.documents = len(is_photo) - report.photos
            if dossiers:
                _write_dossiers(wp, w, codes, tmp, base, profile, imagery, report, step, cancelled, workers)
            report.patches = len(codes)
            counts = {"patches": report.patches, "photos": report.photos, "documents": report.documents,
                      "dossiers": report.dossiers, "dossier_pages": report.dossier_pages,
                      "verdicts": _verdict_counts(results), "excluded_military": len(report.excluded_military),
                      "notes": report.notes}
            def record(manifest_sha: str) -> None:
                wp.end_moment()  # everything is read: the audit entry is written on the package as it is now
                with wp.transaction():
                    wp.audit(actor, f"export_{kind}_package", None,
                             {"file": os.path.basename(out_zip), "manifest_sha256": manifest_sha,
                              "patches": report.patches, "photos": report.photos, "dossiers": report.dossiers})

            w.finish(counts, before_publish=record)
            report.bytes = w.bytes_written
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    step(100.0)
    return report


def _verdict_counts(results) -> Dict[str, int]:
    out: Dict[str, int] = {}
    for r in results:
        key = r.values.get("PDJG") or "未判定"
        out[key] = out.get(key, 0) + 1
    return out


def _write_dossiers(wp, w, codes, tmp, base, profile, imagery, report, step, cancelled, workers) -> None:
    """One PDF a patch into dossiers/, rendered here or, for a big package, by several processes at once (the
    layouts of one process render one after another)."""
    from .dossier import DossierWriter
    from .dossier_workers import render_parallel, worker_count
    from .imagery import batch_imagery_sources, raster_layers

    def done(part: str, pdf: str, pages: int) -> None:
        report.dossier_pages += pages
        w.add_file(pdf, f"dossiers/{part}.pdf")
        os.remove(pdf)
        report.dossiers += 1
        step(63.0 + 36.0 * report.dossiers / max(len(codes), 1))

    def job(code: str) -> dict:
        part = safe_file_name(code)  # codes are checked at import; a name from data is made safe all the same
        return {"part": part, "pdf": os.path.join(tmp, f"{part}.pdf"), "patch": wp.patch(code),
                "verification": wp.verification(code), "reviews": wp.reviews(code), "evidence": wp.evidence(code),
                "base": base, "prefix": f"evidence/{part}"}

    sources = batch_imagery_sources(wp)
    count = worker_count(len(codes), workers) if workers != 1 else 1
    if count > 1:
        setup = {"sources": sources, "extra": imagery, "profile": profile}
        for j, pages in render_parallel([job(c) for c in codes], setup, count, tmp, cancelled or (lambda: False)):
            done(j["part"], j["pdf"], pages)
        return
    writer = DossierWriter(imagery=raster_layers(sources, imagery), profile=profile)
    for code in codes:
        if cancelled and cancelled():
            raise Cancelled()
        j = job(code)
        done(j["part"], j["pdf"], writer.write(j["pdf"], j["patch"], j["verification"], j["reviews"], j["evidence"],
                                               j["base"], j["prefix"]))
