"""Return packages (township → county): the township's work package (verifications, evidence records, audit
log) and its evidence files, with a manifest; and their import into the county's work package.

Import verifies every hash before anything is used, accepts only patches the county handed to that township,
keeps both versions where the county changed a patch meanwhile (a conflict), and changes nothing when the same
package comes twice.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from typing import Callable, Dict, Iterable, List, Optional

from ..core.manifest import MANIFEST_NAME, ManifestError, schema_version_of
from ..core.messages import QT_TRANSLATE_NOOP, Msg, plain_data
from ..core.model import Verification
from ..core.signing import township_party
from ..store.assignments import (
    add_conflict,
    assignment,
    assignment_township,
    latest_assignments,
    state_sha,
    verification_sha,
)
from ..store.exchange_rows import (
    already_imported,
    audit_entries_after,
    audit_entry_sha,
    audit_problems,
    backup_to,
    evidence_files,
    evidence_refs,
    evidence_rows_by_patch,
    record_import,
    verified_count,
)
from ..store.received import ReceivedPackageError, clean_copy
from ..store.schema import EVIDENCE_FIELDS, SCHEMA_VERSION
from ..store.work_package import PackageError, WorkPackage
from . import work_dirs
from .package_zip import PackageReader, PackageWriter, package_identity, written_or_said
from .signatures import check_sender

Progress = Optional[Callable[[float], None]]
IsCancelled = Optional[Callable[[], bool]]


def export_return_package(wp: WorkPackage, out_zip: str, actor: str, progress: Progress = None,
                          cancelled: IsCancelled = None) -> str:
    """The township's work as a return package; refused when an evidence file is missing or changed."""
    if wp.meta("kind") != "assignment":
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: a return package is made from a township's assignment package (this is a {value} package)"), path=wp.path, value=wp.meta('kind') or 'county'))
    base = os.path.dirname(wp.path)
    evidence = evidence_files(wp)
    missing = [p for p, _ in evidence if not os.path.isfile(os.path.join(base, p))]
    if missing:
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: evidence files are missing, the return package "
                                                            "would be incomplete: {files}"), path=wp.path,
                               files=", ".join(missing[:20]) + (f" … +{len(missing) - 20}" if len(missing) > 20 else "")))
    identity = package_identity(wp, "return", actor, township=wp.meta("township"), assignment_id=wp.meta("assignment_id"),
                         package_id=wp.meta("package_id"), parent_package_id=wp.meta("parent_package_id"))
    verified = verified_count(wp)
    with written_or_said(out_zip):
        return _write_return_package(wp, out_zip, actor, identity, evidence, verified, progress, cancelled)


def _write_return_package(wp, out_zip, actor, identity, evidence, verified, progress, cancelled) -> str:
    base = os.path.dirname(wp.path)
    stem = os.path.splitext(os.path.basename(wp.path))[0]
    os.makedirs(os.path.dirname(os.path.abspath(out_zip)), exist_ok=True)
    tmp = work_dirs.make("weipian_return_", os.path.dirname(os.path.abspath(out_zip)))
    try:
        copy = os.path.join(tmp, stem + ".gpkg")
        backup_to(wp, copy)
        total = len(evidence) + 1
        with PackageWriter(out_zip, "return", identity, cancelled, signer=wp.signer()) as w:
            w.add_file(copy, stem + ".gpkg")
            for i, (path, sha) in enumerate(evidence):
                w.add_file(os.path.join(base, path), path, sha)
                if progress:
                    progress(100.0 * (i + 2) / total)
            def record(manifest_sha: str) -> None:  # recorded only once the package is complete and durable
                with wp.transaction():
                    wp.audit(actor, "export_return_package", None,
                             {"file": os.path.basename(out_zip), "manifest_sha256": manifest_sha})

            return w.finish({"patches": len(wp.patch_codes()), "verified": verified, "evidence_files": len(evidence)},
                            before_publish=record)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -- import ----------------------------------------------------------------------------------------------------------

@dataclass
class ReturnImportReport:
    package: str
    township: str = ""
    already_imported: bool = False
    applied: List[str] = field(default_factory=list)  # township's verification written
    unchanged: List[str] = field(default_factory=list)  # nothing new from the township
    conflicts: List[str] = field(default_factory=list)  # both changed: township version kept beside the county's
    rejected: Dict[str, str] = field(default_factory=dict)  # code → why (not assigned to this township)
    evidence_added: int = 0
    evidence_detached: int = 0
    audit_entries: int = 0

    def as_dict(self) -> Dict:
        return plain_data(asdict(self))

    @property
    def changed(self) -> bool:
        return bool(self.applied or self.conflicts or self.evidence_added or self.evidence_detached)


def _refuse(reader: PackageReader, problem: str) -> None:
    raise ManifestError(reader.name, [problem])


def check_return_identity(wp: WorkPackage, reader: PackageReader, confirmed: Iterable[str] = (),
                          actor: str = "") -> Dict:
    """The package must be a return package of this county, issued from this work package, of a schema this
    plugin reads, signed with the key the county trusts for the township it handed that assignment to (by the
    county's own record, never by what the package says)."""
    m = reader.manifest
    ident = m.identity
    if m.kind != "return":
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "is a {kind} package, not a township's return package"), kind=m.kind))
    version = schema_version_of(reader.manifest, reader.name)
    if version > SCHEMA_VERSION:
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "schema version {version} is newer than this plugin supports ({schema_version}); update the plugin"), version=version, schema_version=SCHEMA_VERSION))
    county = wp.meta("county_code") or ""
    if (ident.get("county_code") or "") != county:
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "comes from county {value!r}, this work package is county {county!r}"), value=ident.get('county_code'), county=county))
    if ident.get("parent_package_id") != wp.meta("package_id"):
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "was not assigned from this work package (its parent package id differs)")))
    if not assignment(wp, ident.get("assignment_id") or ""):
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "names assignment {value!r}, which this work package never issued"), value=ident.get('assignment_id')))
    township = assignment_township(wp, ident["assignment_id"])
    if (ident.get("township") or "") != township:
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "says it comes from {value!r}, but assignment {aid} was handed to {township}"), value=ident.get("township"), aid=ident["assignment_id"], township=township))
    ident = dict(ident)
    ident["_new_key"] = check_sender(wp, m, township_party(county, township), reader.name, confirmed, actor)
    return ident


def import_return_package(wp: WorkPackage, zip_path: str, actor: str, progress: Progress = None,
                          cancelled: IsCancelled = None, confirmed: Iterable[str] = ()) -> ReturnImportReport:
    """confirmed: the key fingerprints a person confirmed with the townships (the first package of each)."""
    report = ReturnImportReport(os.path.basename(zip_path))
    with PackageReader(zip_path) as reader:
        ident = check_return_identity(wp, reader, confirmed, actor)
        raw = reader.zip.read(MANIFEST_NAME)
        manifest_sha = hashlib.sha256(raw).hexdigest()
        report.township = ident.get("township") or ""
        source_key = f"return:{manifest_sha}"
        work_dirs.sweep(os.path.dirname(wp.path))  # what a killed run left, also when nothing is left to do
        if already_imported(wp, source_key):
            report.already_imported = True
            return report
        tmp = work_dirs.make("weipian_import_", os.path.dirname(wp.path))
        try:
            reader.extract_verified(tmp, (lambda p: progress(p * 0.7)) if progress else None, cancelled)
            gpkgs = [f.path for f in reader.manifest.files if f.path.endswith(".gpkg") and "/" not in f.path]
            if len(gpkgs) != 1:
                _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "does not hold exactly one work package (.gpkg)")))
            # the township's GeoPackage is only read: its rows go into a package made here
            clean = os.path.join(tmp, "received.weipian-clean.gpkg")
            try:
                clean_copy(os.path.join(tmp, gpkgs[0]), clean, gpkgs[0])
                township_wp = WorkPackage.open(clean)
            except (ReceivedPackageError, PackageError) as exc:
                _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "its work package cannot be taken ({exc})"), exc=exc))
            with township_wp:
                for key in ("package_id", "assignment_id", "county_code"):
                    if (township_wp.meta(key) or "") != (ident.get(key) or ""):
                        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "its work package's {key} differs from the manifest's"), key=key))
                _check_township_log(wp, township_wp, reader, ident.get("package_id") or "")
                assigned = assignment(wp, ident["assignment_id"])
                _check_evidence_files(reader, township_wp, set(assigned))
                _merge(wp, township_wp, tmp, ident, assigned, actor, report, source_key)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if progress:
        progress(100.0)
    return report


def _check_township_log(wp: WorkPackage, twp: WorkPackage, reader: PackageReader, package_id: str) -> None:
    """The township's audit log must be an unbroken chain, and must still hold, unchanged, every entry the county
    imported from it before."""
    problems = audit_problems(twp)
    if problems:
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "its audit log was altered ({value})"), value=problems[0]))
    last = int(wp.meta(f"audit_imported:{package_id}") or 0)
    known = wp.meta(f"audit_imported_sha:{package_id}")
    if last and known and audit_entry_sha(twp, last) != known:
        _refuse(reader, Msg(QT_TRANSLATE_NOOP("weipian", "its audit log no longer holds entry {last} as the county received it before (history rewritten)"), last=last))


def _check_evidence_files(reader: PackageReader, twp: WorkPackage, assigned_codes) -> None:
    """Every evidence record of an assigned patch must name a file that the manifest lists, with the same
    sha256: evidence comes only from the package's own verified files, never from a path the township wrote."""
    listed = reader.manifest.by_path
    problems = []
    for code, path, sha in evidence_refs(twp):
        if code not in assigned_codes:
            continue
        entry = listed.get(path or "")
        if entry is None:
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "evidence of {code} names {path!r}, a file the package does not hold"), code=code, path=path))
        elif entry.sha256 != sha:
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "evidence of {code}: {path} has another sha256 than the manifest lists"), code=code, path=path))
    if problems:
        raise ManifestError(reader.name, problems)


def _place_file(wp: WorkPackage, code: str, source: str, name: str, sha: str, placed: List[str]) -> str:
    """Keep a verified, unpacked evidence file in the county's store (a new name if one is taken)."""
    rel, written = wp.keep_file(code, source, name, sha)
    if written:
        placed.append(written)
    return rel


def _merge(wp: WorkPackage, twp: WorkPackage, unpacked: str, ident: Dict, assigned: Dict, actor: str,
           report: ReturnImportReport, source_key: str) -> None:
    aid = ident["assignment_id"]
    township = ident.get("township") or ""
    package_id = ident.get("package_id") or ""
    latest = latest_assignments(wp)
    evidence = evidence_rows_by_patch(twp)
    via = {"via": package_id, "township": township}
    placed: List[str] = []
    ev_names = [f for f, _ in EVIDENCE_FIELDS]
    try:
        with wp.transaction():
            for code in sorted(twp.patch_codes()):
                a = assigned.get(code)
                if a is None:
                    report.rejected[code] = Msg(QT_TRANSLATE_NOOP("weipian", "not assigned to this township by this "
                                                                         "assignment"))
                    continue
                latest_id, latest_town = latest.get(code, (None, None))
                if latest_id != aid and latest_town != township:
                    report.rejected[code] = Msg(QT_TRANSLATE_NOOP("weipian", "now assigned to {township}"),
                                                township=latest_town)
                    continue
                tv = twp.verification(code)
                county_changed = state_sha(wp, code) != a.base_state_sha
                township_changed = verification_sha(tv) != a.base_verification_sha
                township_shas = {r["sha256"] for r in evidence.get(code, []) if r["sha256"]}
                if township_changed and tv is not None:
                    if not county_changed:
                        wp.put_verification(tv, actor, dict(via))
                        report.applied.append(code)
                    elif verification_sha(wp.verification(code)) == verification_sha(tv):
                        report.unchanged.append(code)
                    else:
                        version = {"verification": asdict(tv), "evidence_sha256": sorted(township_shas)}
                        add_conflict(wp, code, package_id, township, version, actor)
                        report.conflicts.append(code)
                # evidence the township added
                have = {e.sha256 for e in wp.evidence(code)}
                added_here = 0
                for row in evidence.get(code, []):
                    if row["sha256"] in have:
                        continue
                    rel = row["path"]
                    src = os.path.join(unpacked, *rel.split("/"))
                    new_rel = _place_file(wp, code, src, os.path.basename(rel), row["sha256"], placed)
                    rec = {n: row[n] for n in ev_names if n != "patch_code"}
                    rec["path"] = new_rel
                    wp.add_evidence(code, rec, actor, keep_origin=True, audit_detail=dict(via))
                    have.add(row["sha256"])
                    added_here += 1
                report.evidence_added += added_here
                # evidence the township detached (it was sent in the assignment and is gone now)
                detached_here = 0
                detached = [s for s in a.base_evidence if s not in township_shas]
                if detached and not county_changed:
                    for e in wp.evidence(code):
                        if e.sha256 in detached:
                            wp.remove_evidence(e.id, actor, dict(via, reason="detached by the township"))
                            detached_here += 1
                report.evidence_detached += detached_here
                touched = code in report.applied or code in report.conflicts or added_here or detached_here
                if not touched and code not in report.unchanged:
                    report.unchanged.append(code)
            if ident.get("_new_key") is not None:  # the township's first package: its key, confirmed by a person
                wp.trust_key(ident["_new_key"], actor)
            report.audit_entries = _copy_audit(wp, twp, package_id)
            record_import(wp, source_key, actor, len(report.applied), len(report.rejected), report.as_dict())
            wp.audit(actor, "import_return_package", None,
                     {"package": report.package, "township": township, "package_id": package_id,
                      "applied": len(report.applied), "conflicts": report.conflicts, "rejected": report.rejected,
                      "evidence_added": report.evidence_added, "evidence_detached": report.evidence_detached})
    except BaseException:
        for p in placed:  # the transaction rolled back: take the new files away again
            try:
                os.remove(p)
            except OSError:
                pass
        raise


def _copy_audit(wp: WorkPackage, twp: WorkPackage, package_id: str) -> int:
    """Append the township's audit entries not copied before (their own time and actor, marked with the source)."""
    key = f"audit_imported:{package_id}"
    last = int(wp.meta(key) or 0)
    rows = audit_entries_after(twp, last)
    for fid, at, who, action, code, detail, sha in rows:
        try:
            inner = json.loads(detail or "null")
        except ValueError:
            inner = detail
        wp.audit(who, f"township:{action}", code,
                 {"via": package_id, "township_fid": fid, "township_sha": sha, "detail": inner}, at=at)
    if rows:
        wp._set_meta(key, str(rows[-1][0]))
        wp._set_meta(f"audit_imported_sha:{package_id}", rows[-1][6])
    return len(rows)


def conflict_verification(version: Dict) -> Verification:
    return Verification(**version["verification"])
