"""A township's patches as a field project for QField (and Mergin Maps), and the folder the phone gives back.

Export: a folder (and its zip) that the app opens offline — a QGIS project with relative paths, the patches
(geometry locked, issued facts and earlier verdicts read-only, the verdict form with the profile's rules as
constraints), a photo layer whose attachment field takes the app's camera photos into DCIM/, the batch's
before/after imagery clipped to the township, and field_project.json recording what was handed out (the patches'
geometry digests and the verification each had then).

Import: everything in the folder is untrusted. The project file is never loaded, only read as text for code it
must not carry (macros, form init code, Python actions, expression functions) and paths leaving the folder; the
data is read with OGR; sizes and counts are bounded; a patch whose geometry changed refuses the whole import. Only
then are the verdicts saved as the township's verifications and every photo attached the way a desk attaches it
(EXIF position, azimuth, time, sha256, the same checks); a verdict the desk changed since the export is kept as
it is at the desk and named as a conflict; a photo in DCIM/ that no row names is listed with the patch it stands
in, to be attached by hand."""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

from ..core.manifest import unsafe_name
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.names import safe_file_name
from ..core.profile import Profile
from .field_layout import (
    DATA_FILE,
    FORM_FIELDS,
    FORMAT,
    IMAGERY_DIR,
    IMAGERY_MARGIN_M,
    MANIFEST_FILE,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TEXT_BYTES,
    MAX_TOTAL_BYTES,
    PATCHES,
    PHOTO_DIR,
    PHOTO_FIELDS,
    PHOTO_SUFFIXES,
    PHOTOS,
    PROJECT_FILE,
    READ_ONLY_FIELDS,
)


class FieldProjectError(Exception):
    """A field project that cannot be made or taken: the message names the file and the reason."""

    def __init__(self, path: str, reason):
        super().__init__(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: {reason}"), path=path, reason=reason))
        self.path, self.reason = path, reason


@dataclass
class FieldExport:
    folder: str
    zip_path: str
    patches: int
    imagery: List[Tuple[str, str, int]] = field(default_factory=list)  # (label, path, bytes)
    bytes_total: int = 0


@dataclass
class FieldImport:
    applied: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    conflicts: List[Tuple[str, Msg]] = field(default_factory=list)
    photos: list = field(default_factory=list)  # photo_attach.AttachRow
    azimuth_notes: List[Tuple[str, Msg]] = field(default_factory=list)  # (photo, what differs)
    orphans: list = field(default_factory=list)  # photos in DCIM/ no row names: AttachRow with the patch suggested


def geometry_digest(wkb: Optional[bytes]) -> str:
    return hashlib.sha256(wkb or b"").hexdigest()


# -- export ----------------------------------------------------------------------------------------------------------
def export_field_project(wp, out_dir: str, actor: str, profile: Profile, township: Optional[str] = None,
                         progress: Optional[Callable[[float], None]] = None) -> FieldExport:
    """The field project of one township's patches (all the package's patches when it is a township's package)."""
    township = township or wp.meta("township") or ""
    patches = [p for p in wp.patches(with_geometry=True) if not township or p.township == township]
    if not patches:
        raise FieldProjectError(out_dir, Msg(QT_TRANSLATE_NOOP("weipian", "no patches of {township} in the package"),
                                             township=township or "?"))
    name = safe_file_name(f"{township or wp.meta('county_code') or 'county'}_外业")
    folder = os.path.join(out_dir, name)
    zip_path = folder + ".zip"
    for path in (folder, zip_path):
        if os.path.exists(path):  # never over what is there: it may be a field project that came back
            raise FieldProjectError(path, Msg(QT_TRANSLATE_NOOP("weipian", "already exists; choose another folder")))
    os.makedirs(os.path.join(folder, PHOTO_DIR))
    try:
        handed = _write_data(wp, patches, profile, os.path.join(folder, DATA_FILE))
        if progress:
            progress(20.0)
        imagery = _clip_imagery(wp, patches, os.path.join(folder, IMAGERY_DIR))
        if progress:
            progress(60.0)
        from .field_qgis_project import write_project

        write_project(folder, profile, imagery)
        manifest = {"format": FORMAT, "package_id": wp.meta("package_id"), "township": township,
                    "county_code": wp.meta("county_code"), "profile": profile.id, "exported_by": actor,
                    "exported_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                    "patches": handed}
        with open(os.path.join(folder, MANIFEST_FILE), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)
        with open(os.path.join(folder, PHOTO_DIR, "说明.txt"), "w", encoding="utf-8") as fh:
            fh.write("外业照片由QField相机写入本文件夹（含GPS位置与拍摄方向），请勿改名、勿经微信传输。\n")
        _zip_folder(folder, zip_path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        if os.path.exists(zip_path):
            os.remove(zip_path)
        raise
    with wp.transaction():  # what was handed to whom (the office writes its audit only inside a transaction)
        wp.audit(actor, "export_field_project", None, {"township": township, "patches": len(patches),
                                                      "folder": os.path.basename(folder)})
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(folder) for f in fs)
    if progress:
        progress(100.0)
    return FieldExport(folder, zip_path, len(patches), [(label, path, os.path.getsize(path)) for label, path in imagery],
                       total)


def _facts_text(wp, code: str) -> str:
    issued = wp.issued_attributes(code)
    return "；".join(f"{k}：{v}" for k, v in issued.items() if v not in (None, ""))[:2000]


def _earlier_text(v, profile_names: Dict[str, str]) -> str:
    if v is None or not v.verdict:
        return ""
    parts = [profile_names.get(v.verdict, v.verdict), v.subtype or "", v.category or "", v.basis or ""]
    return "；".join(p for p in parts if p) + (f"（{v.verifier}）" if v.verifier else "")


def _write_data(wp, patches, profile: Profile, path: str) -> Dict[str, Dict]:
    """The patches and the empty photo layer as a GeoPackage; returns what was handed out, read in the same pass
    as the form's starting values: code → its geometry's digest and the time of the verification it starts from
    (a later change at the desk is then a conflict, not overwritten)."""
    from osgeo import ogr, osr

    names = {v.code: v.name for v in profile.verdicts}
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(path)
    try:
        layer = ds.CreateLayer(PATCHES, srs, ogr.wkbMultiPolygon, ["FID=fid", "GEOMETRY_NAME=geom"])
        for name, _ in READ_ONLY_FIELDS:
            kind = ogr.OFTReal if name in ("jcmj", "gdmj") else ogr.OFTString
            layer.CreateField(ogr.FieldDefn(name, kind))
        for name, _, _ in FORM_FIELDS:
            layer.CreateField(ogr.FieldDefn(name, ogr.OFTInteger if name == "lzgdjf" else ogr.OFTString))
        states = wp.states([p.code for p in patches])
        handed: Dict[str, Dict] = {}
        layer.StartTransaction()
        for p in patches:
            f = ogr.Feature(layer.GetLayerDefn())
            v = wp.verification(p.code)
            handed[p.code] = {"geometry": geometry_digest(p.wkb), "verified_at": v.verified_at if v else None}
            returns = [r.opinion for r in wp.reviews(p.code) if r.decision == "return" and r.opinion]
            values = {"jcbh": p.code, "tblx": p.class_name, "xzmc": p.township, "jcmj": p.area_mu,
                      "gdmj": p.cultivated_mu, "qsx": p.earlier_date, "hsx": p.later_date,
                      "zt": states.get(p.code), "xfxx": _facts_text(wp, p.code), "cqpd": _earlier_text(v, names),
                      "thyj": "；".join(returns)[:2000]}
            if v is not None:  # the form starts from what is recorded
                for column, attr, _ in FORM_FIELDS:
                    value = getattr(v, attr)
                    values[column] = int(value) if column == "lzgdjf" and value is not None else value
            for key, value in values.items():
                if value is not None:
                    f.SetField(key, value)
            geom = ogr.CreateGeometryFromWkb(p.wkb)
            f.SetGeometry(ogr.ForceToMultiPolygon(geom))
            layer.CreateFeature(f)
        layer.CommitTransaction()
        photos = ds.CreateLayer(PHOTOS, srs, ogr.wkbPoint, ["FID=fid", "GEOMETRY_NAME=geom"])
        for name, _ in PHOTO_FIELDS:
            kind = {"fwj": ogr.OFTReal, "pssj": ogr.OFTDateTime}.get(name, ogr.OFTString)
            photos.CreateField(ogr.FieldDefn(name, kind))
    finally:
        ds = None  # noqa: F841 - closes the file
    return handed


def _clip_imagery(wp, patches, folder: str) -> List[Tuple[str, str]]:
    """The batch's before/after rasters cut to the township's patches (and a margin), tiled, with overviews."""
    from osgeo import gdal, osr
    from shapely import wkb as shapely_wkb

    from .imagery import batch_imagery_sources

    sources = batch_imagery_sources(wp)
    if not sources:
        return []
    bounds = [shapely_wkb.loads(p.wkb).bounds for p in patches if p.wkb]
    if not bounds:
        return []
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    os.makedirs(folder, exist_ok=True)
    out = []
    old = gdal.GetConfigOption("COMPRESS_OVERVIEW")
    try:
        gdal.SetConfigOption("COMPRESS_OVERVIEW", "DEFLATE")
        for label, path in sources:
            src = gdal.Open(path)
            if src is None:
                continue
            target = osr.SpatialReference(wkt=src.GetProjection())
            target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            geographic = osr.SpatialReference()
            geographic.ImportFromEPSG(4490)
            geographic.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            to_raster = osr.CoordinateTransformation(geographic, target)
            corners = [to_raster.TransformPoint(x, y)[:2] for x in (west, east) for y in (south, north)]
            margin = IMAGERY_MARGIN_M if not target.IsGeographic() else IMAGERY_MARGIN_M / 111000.0
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            window = [min(xs) - margin, max(ys) + margin, max(xs) + margin, min(ys) - margin]
            dst = os.path.join(folder, f"{safe_file_name(label)}.tif")
            clipped = gdal.Translate(dst, src, projWin=window, format="GTiff",
                                     creationOptions=["TILED=YES", "COMPRESS=DEFLATE"])
            if clipped is None:
                continue
            clipped.BuildOverviews("AVERAGE", [2, 4, 8, 16])
            clipped = None  # noqa: F841 - written
            out.append((label, dst))
    finally:
        gdal.SetConfigOption("COMPRESS_OVERVIEW", old)
    return out


def _zip_folder(folder: str, zip_path: str) -> None:
    base = os.path.basename(folder)
    with zipfile.ZipFile(zip_path, "w") as zf:
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                full = os.path.join(root, name)
                arc = base + "/" + os.path.relpath(full, folder).replace(os.sep, "/")
                stored = name.lower().endswith((".jpg", ".jpeg", ".heic", ".tif"))
                zf.write(full, arc, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


# -- import: what came back is checked before anything is written ---------------------------------------------------
def _refuse(path: str, text: str, **values) -> FieldProjectError:
    return FieldProjectError(path, Msg(text, **values))


def unpack_field_project(source: str, work_dir: str) -> str:
    """The folder of a field project given as a folder or a zip (unpacked into work_dir after every entry is
    checked); raises FieldProjectError naming the file and the reason."""
    if os.path.isdir(source):
        _check_tree(source)
        return _project_root(source)
    if not zipfile.is_zipfile(source):
        raise _refuse(source, QT_TRANSLATE_NOOP("weipian", "is neither a field project folder nor a zip"))
    with zipfile.ZipFile(source) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise _refuse(source, QT_TRANSLATE_NOOP("weipian", "holds {count} files, more than {limit}"),
                          count=len(infos), limit=MAX_FILES)
        total = 0
        for info in infos:
            name = info.filename
            mode = (info.external_attr >> 16) & 0o170000
            why = unsafe_name(name) or ("\\" in name and Msg(QT_TRANSLATE_NOOP("weipian", "names a folder with a "
                                                                                "backslash")))
            if why:  # the exchange packages' zip-slip check, and no backslash (a folder on Windows)
                raise _refuse(source, QT_TRANSLATE_NOOP("weipian", "{name}: would be written outside the folder ({why})"),
                              name=name[:200], why=why)
            if mode == stat.S_IFLNK:
                raise _refuse(source, QT_TRANSLATE_NOOP("weipian", "{name}: a link is not accepted"), name=name)
            if info.file_size > MAX_FILE_BYTES:
                raise _refuse(source, QT_TRANSLATE_NOOP("weipian", "{name}: larger than {limit} MB"), name=name,
                              limit=MAX_FILE_BYTES // (1024 * 1024))
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(source, QT_TRANSLATE_NOOP("weipian", "unpacks to more than {limit} GB"),
                          limit=MAX_TOTAL_BYTES // 1024 ** 3)
        target = tempfile.mkdtemp(prefix="field_", dir=work_dir)
        for info in infos:
            if info.is_dir():
                continue
            out = os.path.join(target, *info.filename.split("/"))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with zf.open(info) as src, open(out, "wb") as dst:
                copied = 0
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    copied += len(chunk)
                    if copied > info.file_size:  # the listing lied about the size
                        raise _refuse(source, QT_TRANSLATE_NOOP("weipian", "{name}: larger than its listing says"),
                                      name=info.filename)
                    dst.write(chunk)
    return _project_root(target)


def _check_tree(folder: str) -> None:
    count, total = 0, 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            full = os.path.join(root, name)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                raise _refuse(folder, QT_TRANSLATE_NOOP("weipian", "{name}: a link is not accepted"),
                              name=os.path.relpath(full, folder))
            if name in files:
                if not stat.S_ISREG(st.st_mode):
                    raise _refuse(folder, QT_TRANSLATE_NOOP("weipian", "{name}: not a plain file"),
                                  name=os.path.relpath(full, folder))
                count += 1
                total += st.st_size
                if st.st_size > MAX_FILE_BYTES:
                    raise _refuse(folder, QT_TRANSLATE_NOOP("weipian", "{name}: larger than {limit} MB"),
                                  name=os.path.relpath(full, folder), limit=MAX_FILE_BYTES // (1024 * 1024))
        if count > MAX_FILES:
            raise _refuse(folder, QT_TRANSLATE_NOOP("weipian", "holds more than {limit} files"), limit=MAX_FILES)
    if total > MAX_TOTAL_BYTES:
        raise _refuse(folder, QT_TRANSLATE_NOOP("weipian", "holds more than {limit} GB"),
                      limit=MAX_TOTAL_BYTES // 1024 ** 3)


def _project_root(folder: str) -> str:
    """The folder holding field_project.json: the given one, or its only sub-folder (a zip of the folder)."""
    if os.path.isfile(os.path.join(folder, MANIFEST_FILE)):
        return folder
    subs = [e.path for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)]
    if len(subs) == 1 and os.path.isfile(os.path.join(subs[0], MANIFEST_FILE)):
        return subs[0]
    raise _refuse(folder, QT_TRANSLATE_NOOP("weipian", "no {name} in it: not a field project made by the plugin"),
                  name=MANIFEST_FILE)


# what a QGIS project may carry that runs code when it is opened or a form is shown (the form's init code itself
# is only a text QGIS keeps; it runs when a function is named and a code source chosen)
_CODE_IN_PROJECT = (
    (re.compile(r"<pythonCode[^>]*>(?!\s*</pythonCode>)", re.S), QT_TRANSLATE_NOOP("weipian", "carries Python macros")),
    (re.compile(r"<editforminit>\s*[^<\s]", re.S), QT_TRANSLATE_NOOP("weipian", "carries a Python form init function")),
    (re.compile(r"<editforminitcodesource>\s*[1-9]", re.S),
     QT_TRANSLATE_NOOP("weipian", "carries a Python form init function")),
    (re.compile(r"<editforminitfilepath>\s*[^<\s]", re.S), QT_TRANSLATE_NOOP("weipian", "names a Python form init file")),
    (re.compile(r"<actionsetting\b", re.S), QT_TRANSLATE_NOOP("weipian", "carries actions that run commands")),
    (re.compile(r"ExpressionFunctions", re.S), QT_TRANSLATE_NOOP("weipian", "carries Python expression functions")),
)


def check_project_file(path: str) -> None:
    """Refuse a project file that carries code or reaches outside its folder (it is never loaded here; a
    county may open it in QGIS later)."""
    if not os.path.isfile(path):
        raise _refuse(path, QT_TRANSLATE_NOOP("weipian", "missing from the field project"))
    if os.path.getsize(path) > MAX_TEXT_BYTES:
        raise _refuse(path, QT_TRANSLATE_NOOP("weipian", "larger than {limit} MB"), limit=MAX_TEXT_BYTES // 1024 ** 2)
    with open(path, "rb") as fh:
        text = fh.read().decode("utf-8", "replace")
    for pattern, reason in _CODE_IN_PROJECT:
        if pattern.search(text):
            raise _refuse(path, reason)
    for source in re.findall(r"<datasource>([^<]*)</datasource>", text):
        plain = source.split("|")[0].strip()
        if plain.startswith(("/", "\\", "file:")) or re.match(r"^[A-Za-z]:", plain) or ".." in re.split(r"[/\\]", plain):
            raise _refuse(path, QT_TRANSLATE_NOOP("weipian", "a layer's source lies outside the folder: {source}"),
                          source=plain[:200])


def _inside(root: str, rel: str) -> Optional[str]:
    if not rel or rel.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", rel) or "\x00" in rel:
        return None
    full = os.path.realpath(os.path.join(root, *rel.replace("\\", "/").split("/")))
    return full if full.startswith(os.path.realpath(root) + os.sep) else None


@dataclass
class _FieldRows:
    manifest: Dict
    patches: Dict[str, Dict]  # code -> column values (and "_wkb")
    photos: List[Dict]  # rows: jcbh, photo (relative), fwj, pssj, bz, and "_path" (checked, absolute)


MAX_FORM_TEXT = 4000  # characters of one form field (a basis is a paragraph or two)


def _form_problem(row: Dict, profile: Profile) -> Optional[Msg]:
    """What the phone's constraints would have refused, checked again: an edited GeoPackage skips them."""
    verdict = row.get("pdjg")
    if verdict not in (None, "") and profile.verdict(verdict) is None:
        return Msg(QT_TRANSLATE_NOOP("weipian", "the verdict {value} is not in the rule profile"), value=str(verdict)[:20])
    if row.get("lzgdjf") not in (None, 0, 1):
        return Msg(QT_TRANSLATE_NOOP("weipian", "the rural-housing answer must be yes or no"))
    for column, value in row.items():
        if isinstance(value, str) and len(value) > MAX_FORM_TEXT:
            return Msg(QT_TRANSLATE_NOOP("weipian", "{field} is longer than {limit} characters"), field=column,
                       limit=MAX_FORM_TEXT)
    return None


def read_field_rows(root: str, wp, profile: Profile) -> _FieldRows:
    """Everything the import will use, checked: raises FieldProjectError before anything is written."""
    manifest_path = os.path.join(root, MANIFEST_FILE)
    if os.path.getsize(manifest_path) > MAX_TEXT_BYTES:
        raise _refuse(manifest_path, QT_TRANSLATE_NOOP("weipian", "larger than {limit} MB"),
                      limit=MAX_TEXT_BYTES // 1024 ** 2)
    try:
        with open(manifest_path, encoding="utf-8") as fh:
            manifest = json.load(fh)
        handed = manifest["patches"] if isinstance(manifest, dict) and manifest.get("format") == FORMAT else None
    except (ValueError, KeyError, TypeError):
        handed = None
    if not isinstance(handed, dict) or not all(isinstance(v, dict) for v in handed.values()):
        raise _refuse(manifest_path, QT_TRANSLATE_NOOP("weipian", "cannot be read as a field project's record"))
    if manifest.get("package_id") != wp.meta("package_id"):
        raise _refuse(manifest_path, QT_TRANSLATE_NOOP("weipian", "was made from another work package"))
    if len(handed) > MAX_FILES * 4 or not set(handed) <= wp.patch_codes():
        raise _refuse(manifest_path, QT_TRANSLATE_NOOP("weipian", "lists patches this work package does not hold"))
    check_project_file(os.path.join(root, PROJECT_FILE))
    data = os.path.join(root, DATA_FILE)
    from osgeo import gdal, ogr

    ds = gdal.OpenEx(data, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"]) if os.path.isfile(data) else None
    if ds is None or ds.GetLayerByName(PATCHES) is None or ds.GetLayerByName(PHOTOS) is None:
        raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "is not the field project's GeoPackage"))
    patches: Dict[str, Dict] = {}
    current = {p.code: p for p in wp.patches(with_geometry=True, codes=sorted(handed))}
    edited = []
    for f in ds.GetLayerByName(PATCHES):
        code = f.GetField("jcbh")
        if code not in handed or code in patches:
            raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "holds a patch {code} that was not handed out"),
                          code=str(code)[:64])
        geom = f.GetGeometryRef()
        wkb = bytes(geom.ExportToIsoWkb()) if geom is not None else b""
        p = current.get(code)
        exported = ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(p.wkb)).ExportToIsoWkb() if p and p.wkb else b""
        if p is None or geometry_digest(p.wkb) != handed[code].get("geometry") or bytes(exported) != wkb:
            edited.append(code)
        patches[code] = {column: f.GetField(column) for column, _, _ in FORM_FIELDS}
        problem = _form_problem(patches[code], profile)
        if problem:
            raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "patch {code}: {problem}"), code=code, problem=problem)
    if edited:
        raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "the geometry of {codes} was changed in the field; issued "
                                                         "geometry is not edited"), codes="、".join(sorted(edited)[:20]))
    photos = []
    if ds.GetLayerByName(PHOTOS).GetFeatureCount() > MAX_FILES:
        raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "holds more than {limit} photo rows"), limit=MAX_FILES)
    for f in ds.GetLayerByName(PHOTOS):
        row = {name: f.GetField(name) for name, _ in PHOTO_FIELDS}
        rel = (row.get("photo") or "").strip()
        if not rel:
            continue
        if row.get("jcbh") not in patches:
            raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "photo {photo} names a patch {code} not in the project"),
                          photo=rel[:200], code=str(row.get("jcbh"))[:64])
        full = _inside(root, rel)
        if full is None:
            raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "photo {photo} lies outside the folder"), photo=rel[:200])
        if not os.path.isfile(full):
            raise _refuse(data, QT_TRANSLATE_NOOP("weipian", "photo {photo} is missing from the folder"), photo=rel[:200])
        row["_path"] = full
        photos.append(row)
    ds = None  # noqa: F841 - closed
    return _FieldRows(manifest, patches, photos)


def _form_values(row: Dict, profile: Profile) -> Dict:
    values = {attr: row.get(column) for column, attr, _ in FORM_FIELDS}
    for key, value in list(values.items()):
        if isinstance(value, str):
            values[key] = value.strip() or None
    if values["illegal_cultivated_housing"] is not None:
        values["illegal_cultivated_housing"] = bool(values["illegal_cultivated_housing"])
    return values


def import_field_project(wp, source: str, actor: str, profile: Profile, work_dir: Optional[str] = None,
                         progress: Optional[Callable[[float], None]] = None) -> FieldImport:
    """Take back what the phone gave: verdicts as the actor's verifications, photos attached as at a desk."""
    from ..core.model import Verification
    from ..core.photo_reading import read_photo
    from ..store.assignments import add_conflict
    from ..store.work_package import now_iso
    from .photo_attach import AttachRow, _by_location, attach_reading

    work = tempfile.mkdtemp(prefix="weipian_field_", dir=work_dir)
    try:
        root = unpack_field_project(source, work)
        rows = read_field_rows(root, wp, profile)
        report = FieldImport()
        tolerance = float(profile.evidence.get("azimuth_tolerance_deg", 5.0))
        named = {os.path.realpath(r["_path"]) for r in rows.photos}
        for entry in sorted(os.scandir(os.path.join(root, PHOTO_DIR)), key=lambda e: e.name) \
                if os.path.isdir(os.path.join(root, PHOTO_DIR)) else []:
            if not entry.name.lower().endswith(PHOTO_SUFFIXES) or os.path.realpath(entry.path) in named:
                continue
            reading = read_photo(entry.path)
            best = _by_location(wp, reading, profile) if reading.longitude is not None else None
            code = best[0] if best else None
            report.orphans.append(AttachRow(entry.path, code, "unmatched", "inside" if code else None, Msg(
                QT_TRANSLATE_NOOP("weipian", "taken in the field app but left out of the form"))))
        with wp.transaction():
            for code, row in sorted(rows.patches.items()):
                values = _form_values(row, profile)
                before = wp.verification(code)
                keys = [k for k in values if (getattr(before, k) if before else None) != values[k]]
                if not keys or all(values[k] is None for k in values):
                    report.unchanged.append(code)
                    continue
                if (before.verified_at if before else None) != rows.manifest["patches"][code].get("verified_at"):
                    # kept beside the desk's, to be decided side by side as a township's return is (never over it)
                    field_version = Verification(code, verifier=actor, verified_at=now_iso(),
                                                 **{k: v for k, v in values.items()})
                    add_conflict(wp, code, os.path.basename(source), rows.manifest.get("township") or "",
                                 {"verification": asdict(field_version), "evidence_sha256": []}, actor)
                    report.conflicts.append((code, Msg(QT_TRANSLATE_NOOP(
                        "weipian", "changed at the desk after the field project was made ({who}); the field's verdict "
                                   "is kept beside it as a conflict to decide"), who=before.verifier if before else "?")))
                    continue
                wp.set_verification(code, actor, **{k: values[k] for k in keys})
                report.applied.append(code)
            for i, row in enumerate(rows.photos):
                reading = read_photo(row["_path"])
                form_az = row.get("fwj")
                if form_az is not None and reading.azimuth is not None:
                    diff = abs((float(form_az) - reading.azimuth + 180.0) % 360.0 - 180.0)
                    if diff > tolerance:
                        report.azimuth_notes.append((row["photo"], Msg(QT_TRANSLATE_NOOP(
                            "weipian", "the form says {form}°, the photo's own record {exif}°: the photo's is used"),
                            form=round(float(form_az), 1), exif=round(reading.azimuth, 1))))
                report.photos.append(attach_reading(wp, row["jcbh"], reading, actor))
                if progress:
                    progress(100.0 * (i + 1) / max(1, len(rows.photos)))
            wp.audit(actor, "import_field_project", None, {
                "source": os.path.basename(source), "township": rows.manifest.get("township"),
                "applied": report.applied, "conflicts": [c for c, _ in report.conflicts],
                "photos": sum(1 for r in report.photos if r.status == "attached"), "orphans": len(report.orphans)})
        if report.orphans:  # kept for attaching by hand: the work folder goes, these stay
            keep = os.path.join(os.path.dirname(wp.path) if isinstance(wp.path, str) and os.path.isfile(wp.path)
                                else tempfile.gettempdir(), "外业未入表照片")
            os.makedirs(keep, exist_ok=True)
            for r in report.orphans:
                dst = os.path.join(keep, os.path.basename(r.path))
                if not os.path.exists(dst):
                    shutil.copy2(r.path, dst)
                r.path = dst
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)
