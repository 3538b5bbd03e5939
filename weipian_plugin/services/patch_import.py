"""Import issued patches (Shapefile UTF-8/GBK, GeoPackage, GeoJSON) into a work package.

Reports duplicate and missing codes and invalid geometries by code and row; nothing is dropped silently.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime

from ..core.dbf_text import check_text
from ..core.field_mapping import auto_map, parse_area, parse_date, parse_flag, parse_float
from ..core.messages import QT_TRANSLATE_NOOP, Msg, plain_data
from ..core.names import patch_code_problem
from ..core.profile import Profile
from ..core.units import m2_to_mu, round_mu

TARGET_CRS = "EPSG:4490"
ACCEPTED_EPSG = {4490, 4326} | set(range(4513, 4555))


class ImportError_(Exception):
    """The input cannot be imported at all (unreadable, no code field, unknown CRS)."""


@dataclass
class ImportReport:
    source: str
    encoding: Optional[str] = None
    crs: Optional[str] = None
    mapping: Dict[str, str] = field(default_factory=dict)
    rows: int = 0
    missing_code: List[int] = field(default_factory=list)  # row numbers (1-based)
    duplicate_code: List[Dict[str, Any]] = field(default_factory=list)
    no_geometry: List[Dict[str, Any]] = field(default_factory=list)
    repaired_geometry: List[Dict[str, Any]] = field(default_factory=list)
    computed_area: List[str] = field(default_factory=list)
    unmapped: List[str] = field(default_factory=list)
    unknown_class: List[Dict[str, Any]] = field(default_factory=list)
    refused: List[Dict[str, Any]] = field(default_factory=list)  # row, code, reason: not imported
    encoding_notes: List[str] = field(default_factory=list)  # a .cpg that names the wrong encoding

    def as_dict(self) -> Dict[str, Any]:
        """The report as plain data (messages as their English text), for the package's import record."""
        return plain_data(dict(self.__dict__))

    def problem_messages(self) -> List[Msg]:
        """One message per problem, naming the code and row."""
        name = os.path.basename(self.source.split("|")[0])
        out = [Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {note}"), name=name, note=n) for n in self.encoding_notes]
        out += [Msg(QT_TRANSLATE_NOOP("weipian", "row {row}: no patch code"), row=r) for r in self.missing_code]
        out += [Msg(QT_TRANSLATE_NOOP("weipian", "row {row}: duplicate code {code} (first at row {first_row}); "
                                                 "not imported"), **d) for d in self.duplicate_code]
        out += [Msg(QT_TRANSLATE_NOOP("weipian", "row {row}: patch {code} has no geometry; not imported"), **d)
                for d in self.no_geometry]
        out += [Msg(QT_TRANSLATE_NOOP("weipian", "row {row}: patch {code} had an invalid geometry ({error}); repaired"),
                    **d) for d in self.repaired_geometry]
        out += [Msg(QT_TRANSLATE_NOOP("weipian", "row {row}: patch {code} class '{value}' is not in the profile"), **d)
                for d in self.unknown_class]
        out += [Msg(QT_TRANSLATE_NOOP("weipian", "row {row}: patch {code} {reason}; not imported"),
                    row=d["row"], code=d["code"] or "—", reason=d["reason"]) for d in self.refused]
        return out

    def problems(self) -> List[str]:
        """The problems in English (logs, tests)."""
        return [str(m) for m in self.problem_messages()]


def _cpg_encoding(shp_path: str) -> Optional[str]:
    """The encoding a Shapefile's .cpg names, if it has one."""
    base = os.path.splitext(shp_path)[0]
    for ext in (".cpg", ".CPG"):
        if os.path.exists(base + ext):
            with open(base + ext, "rb") as fh:
                text = fh.read().decode("ascii", "ignore").strip().upper()
            if text in ("936", "CP936", "GBK", "GB2312", "GB18030"):
                return "GBK" if text != "GB18030" else "GB18030"
            if text:
                return "UTF-8" if "UTF" in text else text
    return None


def detect_shapefile_encoding(shp_path: str) -> Optional[str]:
    """Encoding of a Shapefile's .dbf: from its .cpg if there is one, else UTF-8 if it decodes, else GBK."""
    declared = _cpg_encoding(shp_path)
    if declared:
        return declared
    base = os.path.splitext(shp_path)[0]
    dbf = next((base + e for e in (".dbf", ".DBF") if os.path.exists(base + e)), None)
    if dbf is None:
        return None
    with open(dbf, "rb") as fh:
        data = fh.read()
    return guess_text_encoding(data)


def guess_text_encoding(data: bytes) -> str:
    """UTF-8 or GBK for dBASE bytes. Field names and values are cut at byte widths, which can split a UTF-8
    character, so a few invalid sequences still mean UTF-8; GBK text read as UTF-8 fails almost everywhere."""
    high = sum(1 for b in data if b > 0x7F)
    if high == 0:
        return "UTF-8"
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    return "UTF-8" if bad <= max(2, high * 0.05) else "GBK"


def open_layer(source, text_check: Optional[List] = None) -> QgsVectorLayer:
    """A layer from a path (Shapefile, GeoPackage, GeoJSON, 'path|layername=x') or a layer object. For a
    Shapefile the text encoding comes from its records (core.dbf_text), the .cpg only where they do not tell;
    text_check, when given, receives that finding."""
    if isinstance(source, QgsVectorLayer):
        return source
    path = str(source)
    layer = QgsVectorLayer(path, os.path.basename(path.split("|")[0]), "ogr")
    if not layer.isValid():
        raise ImportError_(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: cannot open as a vector layer"), path=path))
    if path.lower().endswith(".shp"):
        enc = _cpg_encoding(path)
        dbf = next((path[:-4] + e for e in (".dbf", ".DBF") if os.path.isfile(path[:-4] + e)), None)
        if dbf is not None:  # the .dbf is read once: its text and its record count
            with open(dbf, "rb") as fh:
                data = fh.read()
            if len(data) < 32:
                raise ImportError_(Msg(QT_TRANSLATE_NOOP("weipian", "{dbf}: the .dbf header is cut short; the file is "
                                                                    "damaged"), dbf=dbf))
            checked = check_text(data, enc)
            enc = checked.encoding
            if text_check is not None:
                text_check.append((dbf, checked))
        if enc:
            layer.setProviderEncoding(enc)
    return layer


def import_source(layer: QgsVectorLayer):
    """What read_patches is given for a layer a user chose (Processing's INPUT, the dock): the file itself when
    the layer is one (a Shapefile's path without QGIS' '|layername=…' suffix, so that its .dbf is checked), the
    layer otherwise (a memory or database layer)."""
    if layer.providerType() != "ogr":
        return layer
    source = layer.source()
    path = source.split("|")[0]
    if path.lower().endswith(".shp") and os.path.isfile(path):
        return path
    return source


def guess_crs(layer: QgsVectorLayer) -> QgsCoordinateReferenceSystem:
    """The layer's CRS; for a layer without one, lon/lat or a prefixed Gauss-Krüger zone from its extent."""
    crs = layer.crs()
    if crs.isValid():
        return crs
    ext = layer.extent()
    if -180 <= ext.xMinimum() <= ext.xMaximum() <= 180 and -90 <= ext.yMinimum() <= ext.yMaximum() <= 90:
        return QgsCoordinateReferenceSystem("EPSG:4490")
    zone = int(ext.xMinimum() // 1_000_000)
    if 25 <= zone <= 45 and int(ext.xMaximum() // 1_000_000) == zone:
        return QgsCoordinateReferenceSystem(f"EPSG:{4513 + zone - 25}")
    raise ImportError_(Msg(QT_TRANSLATE_NOOP("weipian", "{value}: no coordinate reference system and none can be told from the coordinates; add a .prj (EPSG:4490, 4513–4554 or 4326)"), value=layer.source()))


def _plain(value):
    if value is None or value == NULL:
        return None
    if isinstance(value, QDateTime):
        return value.toString("yyyy-MM-ddTHH:mm:ss") if value.isValid() else None
    if isinstance(value, QDate):
        return value.toString("yyyy-MM-dd") if value.isValid() else None
    if isinstance(value, QTime):
        return value.toString("HH:mm:ss") if value.isValid() else None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def read_patches(source, profile: Profile, field_override: Optional[Dict[str, str]] = None,
                 feedback=None) -> (List[Dict[str, Any]], ImportReport):
    """Read the issued patches into package records; the report lists everything not imported or repaired."""
    text_check: List = []
    layer = open_layer(source, text_check)
    report = ImportReport(source=layer.source(), encoding=layer.dataProvider().encoding())
    bad_text = text_check[0][1].bad_rows if text_check else {}
    if text_check:
        report.encoding_notes = list(text_check[0][1].notes)
    names = [f.name() for f in layer.fields()]
    report.mapping = auto_map(names, field_override)
    if "code" not in report.mapping:
        raise ImportError_(Msg(QT_TRANSLATE_NOOP("weipian", "{value}: no patch code field (JCBH / 监测编号) among {value2}; name it with FIELD_MAP, e.g. JCBH=<field>"), value=layer.source(), value2=', '.join(names)))
    report.unmapped = sorted(set(["area_mu", "cultivated_mu", "permanent_mu", "redline_mu", "later_date"])
                             - set(report.mapping))
    src_crs = guess_crs(layer)
    epsg = src_crs.postgisSrid()
    if epsg not in ACCEPTED_EPSG:
        raise ImportError_(Msg(QT_TRANSLATE_NOOP("weipian", "{value}: CRS {value2} is not CGCS2000 (4490, 4513–4554) or WGS84"), value=layer.source(), value2=src_crs.authid()))
    report.crs = src_crs.authid()
    target = QgsCoordinateReferenceSystem(TARGET_CRS)
    xform = QgsCoordinateTransform(src_crs, target, QgsProject.instance())
    da = QgsDistanceArea()
    da.setSourceCrs(target, QgsProject.instance().transformContext())
    da.setEllipsoid(target.ellipsoidAcronym() or "EPSG:1024")
    m = report.mapping
    seen: Dict[str, int] = {}
    records: List[Dict[str, Any]] = []
    total = max(1, layer.featureCount())
    for row, feat in enumerate(layer.getFeatures(QgsFeatureRequest()), start=1):
        if feedback is not None:
            if feedback.isCanceled():
                break
            if row % 500 == 0:
                feedback.setProgress(100.0 * row / total)
        report.rows = row
        attrs = {n: _plain(feat[n]) for n in names}
        get = {target: attrs.get(source) for target, source in m.items()}.get
        code = get("code")
        code = str(code).strip() if code is not None else ""
        if not code:
            report.missing_code.append(row)
            continue
        if row in bad_text:
            report.refused.append({"code": code, "row": row, "reason": bad_text[row]})
            continue
        why = patch_code_problem(code)
        if why:
            report.refused.append({"code": repr(code)[1:-1][:80], "row": row,
                                   "reason": Msg(QT_TRANSLATE_NOOP("weipian", "has an unusable code ({why})"), why=why)})
            continue
        if code in seen:
            report.duplicate_code.append({"code": code, "row": row, "first_row": seen[code]})
            continue
        seen[code] = row
        try:
            geom, areas = _row_geometry_and_areas(feat, get, xform, code, row, report)
        except _Refused as exc:
            report.refused.append({"code": code, "row": row, "reason": exc.args[0]})
            continue
        except Exception as exc:  # a geometry GEOS or PROJ cannot handle: named, the rest goes on
            report.refused.append({"code": code, "row": row, "reason": Msg(QT_TRANSLATE_NOOP(
                "weipian", "has a geometry that cannot be used ({exc})"), exc=exc)})
            continue
        if geom is None:
            continue
        area_mu = areas["area_mu"]
        if area_mu is None:
            area_mu = round_mu(m2_to_mu(da.measureArea(geom)))
            report.computed_area.append(code)
        class_value = get("class_name")
        cls = profile.patch_class(class_value)
        if class_value is not None and cls is None:
            report.unknown_class.append({"code": code, "row": row, "value": class_value})
        centroid = geom.centroid().asPoint()
        records.append({
            "code": code, "wkb": bytes(geom.asWkb()),
            "county_code": _text(get("county_code")), "township": _text(get("township")),
            "class_code": cls.code if cls else None, "class_name": cls.name if cls else _text(class_value),
            "level": cls.level if cls else None,
            "earlier_date": parse_date(get("earlier_date")), "later_date": parse_date(get("later_date")),
            "issued_at": parse_date(get("issued_at")), "batch": _text(get("batch")),
            "area_mu": area_mu, "cultivated_mu": areas["cultivated_mu"] or 0.0,
            "permanent_mu": areas["permanent_mu"] or 0.0, "redline_mu": areas["redline_mu"] or 0.0,
            "mineral": int(parse_flag(get("mineral")) or bool(cls and cls.mineral)),
            "military": int(parse_flag(get("military"))),
            "center_lon": parse_float(get("center_lon")) or centroid.x(),
            "center_lat": parse_float(get("center_lat")) or centroid.y(),
            "issued_json": json.dumps(attrs, ensure_ascii=False), "source_row": row,
        })
    if text_check and not (feedback is not None and feedback.isCanceled()):
        _check_record_count(*text_check[0], report.rows)
    return records, report


class _Refused(Exception):
    """This row is not imported; the message says why."""


# where a patch of a Chinese county can lie (CGCS2000 longitude, latitude)
CHINA_BOUNDS = (70.0, 0.0, 140.0, 60.0)
AREA_FIELD_CODES = {"area_mu": "JCMJ", "cultivated_mu": "GDMJ", "permanent_mu": "YJJBNTMJ", "redline_mu": "STBHHXMJ"}


def _row_geometry_and_areas(feat, get, xform, code, row, report):
    """(the patch's multipolygon in EPSG:4490, its areas), or None with the row listed as having no geometry;
    _Refused names what makes the row unusable."""
    areas = {}
    for key in AREA_FIELD_CODES:
        value, why = parse_area(get(key))
        if why:
            raise _Refused(Msg(QT_TRANSLATE_NOOP("weipian", "has an area field ({value}) that is not an area: {why}"), value=AREA_FIELD_CODES[key], why=why))
        areas[key] = value
    geom = QgsGeometry(feat.geometry())
    if geom.isNull() or geom.isEmpty():
        report.no_geometry.append({"code": code, "row": row})
        return None, areas
    if geom.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise _Refused(Msg(QT_TRANSLATE_NOOP("weipian", "is a {value}, not a polygon"), value=QgsWkbTypes.geometryDisplayString(geom.type()).lower()))
    if not geom.isGeosValid():
        error = (geom.validateGeometry() or [None])[0]
        geom = geom.makeValid()
        geom.convertGeometryCollectionToSubclass(QgsWkbTypes.GeometryType.PolygonGeometry)
        if geom.isEmpty() or geom.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
            raise _Refused(Msg(QT_TRANSLATE_NOOP("weipian", "has an invalid geometry that cannot be repaired into a polygon")))
        report.repaired_geometry.append({"code": code, "row": row,
                                         "error": error.what() if error is not None else "invalid"})
    geom.transform(xform)
    geom.convertToMultiType()
    box = geom.boundingBox()
    x0, y0, x1, y1 = CHINA_BOUNDS
    coords = (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
    if not all(math.isfinite(c) for c in coords) or not (x0 <= coords[0] <= coords[2] <= x1
                                                         and y0 <= coords[1] <= coords[3] <= y1):
        raise _Refused(Msg(QT_TRANSLATE_NOOP("weipian", "lies outside China (longitude {value:.6g}…{value2:.6g}, latitude {value3:.6g}…{value4:.6g})"), value=coords[0], value2=coords[2], value3=coords[1], value4=coords[3]))
    return geom, areas


def _check_record_count(dbf: str, checked, read: int) -> None:
    """Every record the .dbf header declares must be in the file (else it is truncated), and the reader must have
    returned every one not marked deleted."""
    if checked.present < checked.declared:
        raise ImportError_(Msg(QT_TRANSLATE_NOOP("weipian", "{dbf}: its header declares {declared} records but {read} "
                                                            "could be read; the file is truncated or damaged, nothing "
                                                            "was imported"), dbf=dbf, declared=checked.declared,
                               read=read))
    if read != checked.live:
        raise ImportError_(Msg(QT_TRANSLATE_NOOP("weipian", "{dbf}: it holds {expected} records but {read} could be "
                                                            "read; the file is damaged, nothing was imported"),
                               dbf=dbf, expected=checked.live, read=read))


def _text(value) -> Optional[str]:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
