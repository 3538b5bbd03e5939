"""Assignment packages (county → township): one zip per township with its patches, any earlier work (verdicts,
evidence) and return reasons (reviews), as a work package of its own that the township opens directly.

Townships come from the patches' township field, or from a township boundary layer (the polygon holding each
patch's inner point). Patches without a township are not handed out; the report lists them.
"""
from __future__ import annotations

import datetime as _dt
import os
import shutil
import uuid
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from ..core.manifest import ManifestError, schema_version_of
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.names import safe_file_name
from ..store.assignments import assignment_rows, insert_assignment_rows
from ..store.exchange_rows import copy_patches_from, evidence_files, patch_townships
from ..store.received import ReceivedPackageError, clean_copy
from ..store.schema import SCHEMA_VERSION
from ..store.work_package import PackageError, WorkPackage
from . import work_dirs
from .package_zip import PackageReader, PackageWriter, package_identity, unpack_to_temp, written_or_said

BOUNDARY_NAME_FIELDS = ("XZMC", "乡镇", "乡镇名称", "XZQMC", "NAME", "name", "MC")


@dataclass
class AssignmentReport:
    packages: List[Tuple[str, str, int]] = field(default_factory=list)  # township, zip path, patches
    unassigned: List[str] = field(default_factory=list)


def townships_from_layer(wp: WorkPackage, layer, name_field: Optional[str] = None) -> Dict[str, str]:
    """Patch code → township name, by the boundary polygon that holds the patch's inner point (QGIS layer)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeatureRequest,
        QgsGeometry,
        QgsProject,
        QgsSpatialIndex,
    )

    names = layer.fields().names()
    field_name = name_field or next((f for f in BOUNDARY_NAME_FIELDS if f in names), None)
    if field_name is None or field_name not in names:
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{value}: no township name field (looked for {value2}; fields are {value3})"), value=layer.name(), value2=', '.join(BOUNDARY_NAME_FIELDS), value3=', '.join(names)))
    to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"), layer.crs(), QgsProject.instance())
    feats = {f.id(): f for f in layer.getFeatures(QgsFeatureRequest())}
    index = QgsSpatialIndex()
    for f in feats.values():
        if f.hasGeometry():
            index.addFeature(f)
    out: Dict[str, str] = {}
    for p in wp.patches(with_geometry=True):
        if p.wkb is None:
            continue
        g = QgsGeometry()
        g.fromWkb(p.wkb)
        pt = g.pointOnSurface()
        pt.transform(to_layer)
        for fid in index.intersects(pt.boundingBox()):
            if feats[fid].geometry().contains(pt):
                name = str(feats[fid][field_name] or "").strip()
                if name:
                    out[p.code] = name
                break
    return out


def export_assignment_packages(wp: WorkPackage, out_dir: str, actor: str,
                               townships: Optional[Dict[str, str]] = None,
                               progress: Optional[Callable[[float], None]] = None,
                               cancelled: Optional[Callable[[], bool]] = None,
                               record_to=None) -> AssignmentReport:
    """One assignment zip per township under out_dir; the county records what it handed to whom (in
    `record_to`, the store the packages are made for, when wp is a copy of it)."""
    if not isinstance(wp, WorkPackage):  # the packages are made from a GeoPackage: one moment of the store's
        os.makedirs(out_dir, exist_ok=True)
        tmp = work_dirs.make("weipian_assign_", out_dir)
        try:
            with wp.local_copy(tmp) as copy:
                return export_assignment_packages(copy, out_dir, actor, townships, progress, cancelled, record_to=wp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if wp.meta("kind") not in (None, "", "county"):
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: assignment packages are made from the county's work package, this is a {value} package"), path=wp.path, value=wp.meta('kind')))
    county = wp.meta("county_code") or ""
    signer = (record_to or wp).signer()  # the county's key (an office package's own when made from its copy)
    by_town: Dict[str, List[str]] = {}
    report = AssignmentReport()
    for code, town in patch_townships(wp):
        name = (townships.get(code) if townships is not None else town) or ""
        name = name.strip()
        if not name:
            report.unassigned.append(code)
            continue
        by_town.setdefault(name, []).append(code)
    os.makedirs(out_dir, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d_%H%M%S")
    base = os.path.dirname(wp.path)
    total = sum(len(v) for v in by_town.values()) or 1
    done = 0
    for town, codes in sorted(by_town.items()):
        if cancelled and cancelled():
            break
        stem = safe_file_name(f"{county}_{town}_{stamp}")
        zip_path = os.path.join(out_dir, f"{stem}_assignment.zip")
        assignment_id = str(uuid.uuid4())
        with written_or_said(zip_path):  # a full disk: this township's package is not written, and it says so
            tmp = work_dirs.make("weipian_assign_", out_dir)
            try:
                gpkg = os.path.join(tmp, stem + ".gpkg")
                extra = {"township": town, "assignment_id": assignment_id, "parent_package_id": wp.meta("package_id") or "",
                         "parent_package_name": os.path.basename(wp.path)}
                with WorkPackage.create(gpkg, wp.meta("profile") or "", county, actor, kind="assignment",
                                        extra_meta=extra) as sub:
                    copy_patches_from(sub, wp.path, codes, f"{stem}_evidence")
                    rows = assignment_rows(wp, assignment_id, town, codes, actor)
                    insert_assignment_rows(sub, rows)
                    package_id = sub.meta("package_id")
                evidence = evidence_files(wp, codes)
                identity = package_identity(wp, "assignment", actor, township=town, assignment_id=assignment_id,
                                     package_id=package_id, parent_package_id=wp.meta("package_id"))
                with PackageWriter(zip_path, "assignment", identity, cancelled, signer=signer) as w:
                    w.add_file(gpkg, stem + ".gpkg")
                    seen = set()
                    for old_path, sha in evidence:
                        new_path = f"{stem}_evidence/" + old_path.split("/", 1)[1]
                        if new_path in seen:
                            continue
                        seen.add(new_path)
                        w.add_file(os.path.join(base, old_path), new_path, sha)
                    # the county records what it hands out before the zip is published under its name
                    w.finish({"patches": len(codes), "evidence_files": len(seen)},
                             before_publish=lambda _sha, rows=rows: insert_assignment_rows(record_to or wp, rows,
                                                                                           actor))
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            shutil.rmtree(tmp, ignore_errors=True)
        report.packages.append((town, zip_path, len(codes)))
        done += len(codes)
        if progress:
            progress(100.0 * done / total)
    return report


def open_assignment_package(zip_path: str, folder: Optional[str] = None, confirmed: Iterable[str] = (),
                            actor: str = "") -> str:
    """Unpack an assignment zip (after verifying every hash, and that the county signed it with the key this desk
    trusts for it: `confirmed` holds the fingerprint a person confirmed with the county, on the first package
    from it) into a folder beside it and return the work package path. Opening the same zip again returns the
    work already unpacked; nothing is ever overwritten."""
    from ..core.signing import county_party
    from ..store.keys import Desk
    from .signatures import check_sender

    zip_path = os.path.abspath(zip_path)
    with PackageReader(zip_path) as reader:
        manifest = reader.manifest
    if manifest.kind != "assignment":
        raise ManifestError(os.path.basename(zip_path), [Msg(QT_TRANSLATE_NOOP("weipian", "is a {kind} package, not an assignment package"), kind=manifest.kind)])
    county = str(manifest.identity.get("county_code") or "")
    if manifest.signer_party != county_party(county):
        raise ManifestError(os.path.basename(zip_path), [Msg(QT_TRANSLATE_NOOP("weipian", "is signed by {party!r}, not by the county {county} it says it comes from"), party=manifest.signer_party, county=county)])
    new_key = check_sender(Desk.current(), manifest, county_party(county), os.path.basename(zip_path), confirmed,
                           actor)
    version = schema_version_of(manifest, os.path.basename(zip_path))
    if version > SCHEMA_VERSION:
        raise ManifestError(os.path.basename(zip_path), [Msg(QT_TRANSLATE_NOOP("weipian", "schema version {version} is newer than this plugin supports ({schema_version}); update the plugin"), version=version, schema_version=SCHEMA_VERSION)])
    gpkgs = [f.path for f in manifest.files if f.path.endswith(".gpkg") and "/" not in f.path]
    if len(gpkgs) != 1:
        raise ManifestError(os.path.basename(zip_path), [Msg(QT_TRANSLATE_NOOP("weipian", "does not hold exactly one work package (.gpkg)"))])
    folder = folder or os.path.splitext(zip_path)[0]
    target = os.path.join(folder, gpkgs[0])
    if os.path.exists(folder):
        if os.path.isfile(target):
            with WorkPackage.open(target) as wp:
                if wp.meta("package_id") == manifest.identity.get("package_id"):
                    if new_key is not None:
                        Desk.current().trust_key(new_key, actor)
                    return target  # already unpacked: continue that work
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{folder}: already exists and does not hold this assignment; move it away first"), folder=folder))
    manifest, tmp = unpack_to_temp(zip_path, os.path.dirname(folder) or None)
    try:
        # the county's GeoPackage is only read: the township works in a package made here from its rows
        received = os.path.join(tmp, gpkgs[0])
        os.replace(received, received + ".received")
        try:
            clean_copy(received + ".received", received, gpkgs[0])
        except ReceivedPackageError as exc:
            raise ManifestError(os.path.basename(zip_path), [exc]) from None
        os.remove(received + ".received")
        os.remove(os.path.join(tmp, work_dirs.OWNER))  # the folder becomes the township's own
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if new_key is not None:  # the county's first package, taken: its key, confirmed by a person
        Desk.current().trust_key(new_key, actor)
    return target
