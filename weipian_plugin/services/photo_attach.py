"""Attach field photos (and documents) to patches: match, copy into the package's evidence folder, record.

Matching (MATCH): 'name' — a photo inside a folder named after a patch code, or whose file name starts with
one; 'location' — the patch the photo stands in, else the nearest within the profile's distance; 'auto' —
name first, then location. Files are copied, never moved; the source folder is left as it was.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import DOCUMENT, PHOTO
from ..core.photo_reading import EMPTY, NOT_IMAGE, PhotoReading, read_photo
from ..core.profile import Profile
from ..core.records import DOC_TYPES
from ..core.view_geometry import geometry_from_wkb, local_scale, view_facts
from ..store.work_package import WorkPackage
from .photo_scan import find_images, read_all

MATCH_MODES = ("auto", "name", "location")


@dataclass
class AttachRow:
    path: str
    patch_code: Optional[str]
    status: str  # attached, already_attached, unmatched
    method: Optional[str]  # folder, file_name, inside, nearest
    reason: str
    evidence_id: Optional[int] = None
    problem: str = ""
    distance_m: Optional[float] = None


def _code_by_name(path: str, root: str, codes: List[str]) -> (Optional[str], Optional[str]):
    """A patch code from the folders between root and the file, or from the start of the file name."""
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    code_set = set(codes)
    for folder in reversed(parts[:-1]):
        if folder in code_set:
            return folder, "folder"
    # the longest code the file name starts with, e.g. 61090220260012-远景.jpg
    m = re.match(r"[0-9A-Za-z]+", parts[-1])
    if m:
        token = m.group(0)
        for end in range(len(token), 0, -1):
            if token[:end] in code_set:
                return token[:end], "file_name"
    return None, None


def _by_location(wp: WorkPackage, reading: PhotoReading, profile: Profile):
    limit = profile.max_photo_distance_m
    kx, ky = local_scale(reading.latitude)
    margin = limit / min(kx, ky)
    best = None
    for patch in wp.patches_near(reading.longitude, reading.latitude, margin):
        if patch.wkb is None:
            continue
        facts = view_facts(reading.longitude, reading.latitude, reading.azimuth, geometry_from_wkb(patch.wkb))
        if facts.distance_m <= limit and (best is None or facts.distance_m < best[1].distance_m):
            best = (patch.code, facts)
    return best


def evidence_record(reading: PhotoReading, rel_path: str, kind: str, patch_wkb: Optional[bytes]) -> Dict:
    rec = {
        "kind": kind, "path": rel_path.replace(os.sep, "/"), "original_name": os.path.basename(reading.path),
        "sha256": reading.sha256, "size": reading.size, "longitude": reading.longitude,
        "latitude": reading.latitude, "altitude": reading.altitude, "azimuth": reading.azimuth,
        "azimuth_raw": reading.azimuth_raw, "azimuth_ref": reading.azimuth_ref, "taken_at": reading.taken_at,
        "make": reading.make, "model": reading.model, "orientation": reading.orientation,
        "problem_codes": ",".join(reading.problems), "problem": reading.problem,
    }
    if kind == PHOTO and patch_wkb is not None and reading.has_position:
        facts = view_facts(reading.longitude, reading.latitude, reading.azimuth, geometry_from_wkb(patch_wkb))
        rec["distance_m"] = round(facts.distance_m, 2)
        rec["azimuth_offset_deg"] = None if facts.azimuth_offset_deg is None else round(facts.azimuth_offset_deg, 2)
    return rec


def attach_reading(wp: WorkPackage, code: str, reading: PhotoReading, actor: str, kind: str = PHOTO,
                   doc_type: Optional[str] = None) -> AttachRow:
    """Attach one read file to one patch (idempotent: the same bytes on the same patch are attached once).
    doc_type: what a document is (core.records.DOC_TYPES)."""
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise ValueError(f"unknown document type {doc_type!r}")
    if reading.sha256 is None:
        return AttachRow(reading.path, code, "unmatched", None, Msg(QT_TRANSLATE_NOOP("weipian", "cannot be read: {problem}"), problem=reading.problem_message()),
                         problem=reading.problem_message())
    if kind == PHOTO and {NOT_IMAGE, EMPTY} & set(reading.problems):
        # a photo is evidence of what the place looks like: a file that is no picture cannot be one (a paper
        # scanned or typed may be attached as a document, where the reviewer reads it as what it is)
        return AttachRow(reading.path, code, "unmatched", None,
                         Msg(QT_TRANSLATE_NOOP("weipian", "not attached as a photo: {problem}; if it is a paper, "
                                                          "attach it as a document"),
                             problem=reading.problem_message()), problem=reading.problem_message())
    patch = wp.patch(code)
    known = wp.evidence_with_sha(code, reading.sha256)
    if known:
        return AttachRow(reading.path, code, "already_attached", None, Msg(QT_TRANSLATE_NOOP("weipian", "the same file is already attached")),
                         known, reading.problem)
    rec = evidence_record(reading, "", kind, patch.wkb)
    rec["doc_type"] = doc_type if kind == DOCUMENT else None
    # the store keeps the bytes (a folder beside the GeoPackage, the office database) and names the file
    ev_id = wp.attach_file(code, reading.path, rec, actor)
    return AttachRow(reading.path, code, "attached", None, "", ev_id, reading.problem_message(), rec.get("distance_m"))


MAX_BOUNDARY_READ = 5 * 1024 * 1024 + 1  # one byte over the limit: too large is said, not cut


def attach_document(wp: WorkPackage, code: str, path: str, actor: str, doc_type: Optional[str] = None) -> AttachRow:
    """A document (a scan, a PDF, or the approval's boundary as GeoJSON — the approved red line a 合法 footprint
    is checked against); a boundary file that does not read as one is refused, naming the file and the reason."""
    from ..core.boundary import BoundaryError, is_boundary_name, parse_boundary

    boundary = is_boundary_name(path)
    if boundary:
        try:
            with open(path, "rb") as fh:
                parse_boundary(fh.read(MAX_BOUNDARY_READ))
        except OSError as exc:
            raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "{file}: cannot be read ({exc})"),
                                 file=os.path.basename(path), exc=exc)) from None
        except BoundaryError as exc:
            raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "{file}: not an approval boundary: {reason}"),
                                 file=os.path.basename(path), reason=exc.args[0])) from None
    reading = read_photo(path)
    # a PDF or a boundary file is a fine document: its "not an image" is no problem here
    if path.lower().endswith(".pdf") or boundary:
        reading.problems = [p for p in reading.problems if p not in ("not_image",)]
        reading.details.pop("not_image", None)
    return attach_reading(wp, code, reading, actor, DOCUMENT, doc_type or ("approval" if boundary else None))


def attach_folder(wp: WorkPackage, folder: str, profile: Profile, actor: str, match: str = "auto",
                  progress: Optional[Callable[[float], None]] = None,
                  cancelled: Optional[Callable[[], bool]] = None) -> List[AttachRow]:
    if match not in MATCH_MODES:
        raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "MATCH must be one of {value}, not {match!r}"), value=', '.join(MATCH_MODES), match=match))
    codes = sorted(wp.patch_codes())
    paths = find_images(folder, recursive=True)
    rows: List[AttachRow] = []
    for reading in read_all(paths, progress, cancelled):
        code, method = (None, None)
        if match in ("auto", "name"):
            code, method = _code_by_name(reading.path, folder, codes)
        facts = None
        if code is None and match in ("auto", "location") and reading.has_position:
            found = _by_location(wp, reading, profile)
            if found:
                code, facts = found
                method = "inside" if facts.inside else "nearest"
        if code is None:
            if match == "name":
                reason = Msg(QT_TRANSLATE_NOOP("weipian", "no patch code in the folder or file name"))
            elif not reading.has_position:
                reason = Msg(QT_TRANSLATE_NOOP("weipian", "no patch code in the name and no GPS position ({problem})"),
                             problem=reading.problem_message())
            else:
                reason = Msg(QT_TRANSLATE_NOOP("weipian", "no patch code in the name and no patch within {limit:g} m"),
                             limit=profile.max_photo_distance_m)
            rows.append(AttachRow(reading.path, None, "unmatched", None, reason, problem=reading.problem_message()))
            continue
        try:
            row = attach_reading(wp, code, reading, actor)
        except OSError as exc:
            row = AttachRow(reading.path, code, "unmatched", method, Msg(QT_TRANSLATE_NOOP("weipian", "cannot copy: {exc}"), exc=exc), problem=reading.problem_message())
        row.method = method
        rows.append(row)
    return rows
