"""The results as the platform takes them: patches with the issued field codes plus the verdict fields, as a
GeoPackage (UTF-8, full text) and as a GBK-encoded Shapefile (text cut to the dBASE width, at a character
boundary, and reported); field photos as a point layer in the GeoPackage."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..core.model import VERDICT_ZH, reviewed_content_sha
from ..core.rules import review_state
from ..store.work_package import WorkPackage
from .ogr_encoding import gdal_recodes_shapefiles

S, R, N = "str", "real", "int"
SHAPEFILE_TEXT_BYTES = 254

# (field, type, width, what) — issued codes first, then the verdict fields of practice
RESULT_FIELDS: List[Tuple[str, str, int, str]] = [
    ("JCBH", S, 30, "监测编号"), ("XZQDM", S, 12, "行政区代码"), ("XZMC", S, 40, "乡镇"), ("TBLX", S, 40, "图斑类型"),
    ("QSX", S, 10, "前时相"), ("HSX", S, 10, "后时相"), ("XFSJ", S, 10, "下发时间"), ("JCPC", S, 40, "监测批次"),
    ("JCMJ", R, 14, "监测面积(亩)"), ("GDMJ", R, 14, "耕地面积(亩)"), ("YJJBNTMJ", R, 14, "永久基本农田面积(亩)"),
    ("STBHHXMJ", R, 14, "生态保护红线面积(亩)"), ("SFSK", S, 2, "是否涉矿"), ("LZB", R, 14, "中心点经度"),
    ("BZB", R, 14, "中心点纬度"),
    ("PDJG", S, 10, "判定结果"), ("PDLX", S, 60, "判定类型"), ("WFLX", S, 60, "违法类型"), ("WFXZ", S, 60, "违法性质"),
    ("PZWH", S, 100, "批准文号"), ("PDYJSM", S, SHAPEFILE_TEXT_BYTES, "判定依据说明"),
    ("SFXZLZGDJF", S, 2, "是否属于新增农村乱占耕地建房"), ("SFFNH", S, 2, "是否非农化"), ("ZGZT", S, 40, "整改状态"),
    ("HSR", S, 40, "核实人"), ("HSSJ", S, 10, "核实日期"), ("SHR", S, 40, "审核人"), ("SHSJ", S, 10, "审核日期"),
    ("SHJG", S, 10, "审核结果"), ("SHYJ", S, SHAPEFILE_TEXT_BYTES, "审核意见"),
    ("ZPSL", N, 6, "照片数"), ("ZLSL", N, 6, "举证材料数"), ("JZML", S, 80, "举证材料目录"),
]
PHOTO_FIELDS: List[Tuple[str, str, int, str]] = [
    ("JCBH", S, 30, "监测编号"), ("WJ", S, 200, "文件"), ("SHA256", S, 64, "sha256"), ("PSSJ", S, 32, "拍摄时间"),
    ("FWJ", R, 8, "方位角(真北)"), ("JD", R, 14, "经度"), ("WD", R, 14, "纬度"), ("JL", R, 10, "距图斑(米)"),
    ("WT", S, 100, "问题"),
]


@dataclass
class ResultRow:
    code: str
    wkb: Optional[bytes]
    values: Dict[str, object]
    photos: List[Dict[str, object]] = field(default_factory=list)


def _yes_no(flag) -> str:
    return "" if flag is None else ("是" if flag else "否")


def _day(text: Optional[str]) -> str:
    return (text or "")[:10]


def result_rows(wp: WorkPackage, codes: Sequence[str], evidence_folder: str = "evidence",
                profile=None) -> List[ResultRow]:
    """One row per patch (in code order) with every value the results carry; verdict names from the profile."""
    def kind(code):
        return profile.kind(code) if profile else code

    wanted = set(codes)
    reviews = wp.all_reviews()
    centers = wp.patch_centers()
    rows = []
    for p in wp.patches(with_geometry=True):
        if p.code not in wanted:
            continue
        v = wp.verification(p.code)
        revs = reviews.get(p.code, [])
        ev = wp.evidence(p.code)
        state = review_state(v, revs, reviewed_content_sha(v, (e.sha256 for e in ev), p.military))
        last_pass = revs[-1] if revs and state == "passed" else None
        lon, lat = centers.get(p.code, (None, None))
        values = {
            "JCBH": p.code, "XZQDM": p.county_code or "", "XZMC": p.township or "", "TBLX": p.class_name or "",
            "QSX": p.earlier_date or "", "HSX": p.later_date or "", "XFSJ": p.issued_at or "", "JCPC": p.batch or "",
            "JCMJ": round(p.area_mu or 0, 2), "GDMJ": round(p.cultivated_mu or 0, 2),
            "YJJBNTMJ": round(p.permanent_mu or 0, 2), "STBHHXMJ": round(p.redline_mu or 0, 2),
            "SFSK": _yes_no(bool(p.mineral)), "LZB": lon, "BZB": lat,
            "PDJG": (profile.verdict_name(v.verdict) if profile else VERDICT_ZH.get(v.verdict, "")) if v else "",
            "PDLX": (v.subtype or "") if v else "",
            "WFLX": (v.subtype or "") if v and kind(v.verdict) == "WF" else "",
            "WFXZ": (v.category or "") if v and kind(v.verdict) == "WF" else "",
            "SFFNH": _yes_no(v.nonagri) if v and kind(v.verdict) == "WF" else "",
            "PZWH": (v.approval_no or "") if v else "", "PDYJSM": (v.basis or "") if v else "",
            "SFXZLZGDJF": _yes_no(v.illegal_cultivated_housing) if v else "",
            "ZGZT": (v.rectification or "") if v else "", "HSR": (v.verifier or "") if v else "",
            "HSSJ": _day(v.verified_at) if v else "",
            "SHR": last_pass.reviewer if last_pass else "", "SHSJ": _day(last_pass.reviewed_at) if last_pass else "",
            "SHJG": "通过" if last_pass else "", "SHYJ": (last_pass.opinion or "") if last_pass else "",
            "ZPSL": sum(1 for e in ev if e.kind == "photo"), "ZLSL": sum(1 for e in ev if e.kind == "document"),
            "JZML": f"{evidence_folder}/{p.code}/",
        }
        row = ResultRow(p.code, p.wkb, values)
        for e in ev:
            if e.kind == "photo":
                row.photos.append({"JCBH": p.code, "WJ": f"{evidence_folder}/{p.code}/{os.path.basename(e.path)}",
                                   "SHA256": e.sha256 or "", "PSSJ": e.taken_at or "", "FWJ": e.azimuth,
                                   "JD": e.longitude, "WD": e.latitude, "JL": e.distance_m,
                                   "WT": e.problem_codes or "", "_lon": e.longitude, "_lat": e.latitude})
        rows.append(row)
    return rows


def _fit_gbk(text: str, limit: int) -> Tuple[str, bool]:
    """The longest prefix whose GBK encoding fits limit bytes (characters GBK lacks count as '?')."""
    raw = text.encode("gbk", errors="replace")
    if len(raw) <= limit:
        return text, False
    out, size = [], 0
    for ch in text:
        n = len(ch.encode("gbk", errors="replace"))
        if size + n > limit:
            break
        out.append(ch)
        size += n
    return "".join(out), True


def _ogr_type(ogr, kind):
    return {S: ogr.OFTString, R: ogr.OFTReal, N: ogr.OFTInteger}[kind]


def _create_fields(ogr, layer, fields, shapefile: bool) -> None:
    for name, kind, width, _ in fields:
        fd = ogr.FieldDefn(name, _ogr_type(ogr, kind))
        if shapefile or kind != S:
            fd.SetWidth(width)
        if kind == R:
            fd.SetPrecision(6 if name in ("LZB", "BZB", "JD", "WD") else 2)
        layer.CreateField(fd)


def write_results_gpkg(rows: List[ResultRow], path: str) -> None:
    """Layers 'tb' (patches, EPSG:4490) and 'zp' (photo positions, EPSG:4326), UTF-8."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    try:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4490)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        tb = ds.CreateLayer("tb", srs, ogr.wkbMultiPolygon, ["FID=fid", "GEOMETRY_NAME=geom", "IDENTIFIER=卫片执法图斑核查成果"])
        _create_fields(ogr, tb, RESULT_FIELDS, False)
        wgs = osr.SpatialReference()
        wgs.ImportFromEPSG(4326)
        wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        zp = ds.CreateLayer("zp", wgs, ogr.wkbPoint, ["FID=fid", "GEOMETRY_NAME=geom", "IDENTIFIER=现场照片"])
        _create_fields(ogr, zp, PHOTO_FIELDS, False)
        ds.StartTransaction()
        for row in rows:
            f = ogr.Feature(tb.GetLayerDefn())
            for i, (name, _, _, _) in enumerate(RESULT_FIELDS):  # by index: OGR's name look-up is slow
                if row.values.get(name) is not None:
                    f.SetField(i, row.values[name])
            if row.wkb:
                f.SetGeometry(ogr.CreateGeometryFromWkb(row.wkb))
            tb.CreateFeature(f)
            for ph in row.photos:
                g = ogr.Feature(zp.GetLayerDefn())
                for i, (name, _, _, _) in enumerate(PHOTO_FIELDS):
                    if ph.get(name) is not None:
                        g.SetField(i, ph[name])
                if ph["_lon"] is not None and ph["_lat"] is not None:
                    pt = ogr.Geometry(ogr.wkbPoint)
                    pt.AddPoint_2D(ph["_lon"], ph["_lat"])
                    g.SetGeometry(pt)
                zp.CreateFeature(g)
        ds.CommitTransaction()
    finally:
        ds = None


def write_results_shapefile(rows: List[ResultRow], path: str) -> List[str]:
    """The 'tb' layer as a GBK Shapefile (with .cpg and .prj). Returns notes on text cut to the field width."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    notes = []
    with gdal_recodes_shapefiles():
        ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(path)
        try:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(4490)
            layer = ds.CreateLayer(os.path.splitext(os.path.basename(path))[0], srs, ogr.wkbPolygon, ["ENCODING=CP936"])
            _create_fields(ogr, layer, RESULT_FIELDS, True)
            for row in rows:
                f = ogr.Feature(layer.GetLayerDefn())
                for i, (name, kind, width, title) in enumerate(RESULT_FIELDS):
                    value = row.values.get(name)
                    if value is None:
                        continue
                    if kind == S:
                        value, cut = _fit_gbk(str(value), width)
                        if cut:
                            notes.append(f"{row.code}: {name} ({title}) cut to {width} bytes in the Shapefile; "
                                         f"the GeoPackage holds the full text")
                    f.SetField(i, value)
                if row.wkb:
                    f.SetGeometry(ogr.CreateGeometryFromWkb(row.wkb))
                layer.CreateFeature(f)
        finally:
            ds = None
    return notes


def shapefile_parts(path: str) -> List[str]:
    base = os.path.splitext(path)[0]
    return [base + ext for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg") if os.path.exists(base + ext)]


def field_descriptions() -> str:
    """What each result field means, for the package's README (Chinese)."""
    return json.dumps({name: title for name, _, _, title in RESULT_FIELDS}, ensure_ascii=False, indent=1)
