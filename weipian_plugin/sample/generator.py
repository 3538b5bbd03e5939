"""A realistic synthetic county around Ankang (EPSG:4490): patches as a GBK Shapefile with Chinese field
names, and field photos with EXIF positions and azimuths, including the awkward cases real batches have.

Deterministic for a seed. Used by `make demo`, the tests and the benchmarks.
"""
from __future__ import annotations

import datetime as _dt
import math
import os
import random
import shutil
import zlib
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from shapely.geometry import LineString, Point, Polygon

from ..core.declination import declination_deg
from ..core.units import mu_to_m2
from ..core.view_geometry import local_scale, to_local
from .photo_writer import build_exif, write_jpeg

COUNTY_CODE = "610902"  # 汉滨区, 安康市
COUNTY_CENTER = (109.03, 32.69)
TOWNSHIPS = [("关庙镇", (-0.10, -0.06)), ("五里镇", (0.06, -0.03)), ("恒口镇", (-0.17, 0.05))]
# (class as issued, count)
CLASS_PLAN = [("新增非农建设类", 18), ("年度内持续变化类", 14), ("其他新增建设类", 12), ("其他变化类", 10),
              ("矿产卫片执法图斑", 6)]
BATCH = "2026年第3批"
LATER_DATE = _dt.date(2026, 5, 20)
EARLIER_DATE = _dt.date(2026, 3, 18)
ISSUED = _dt.date(2026, 6, 10)

# Chinese field names where they fit the 10-byte dBASE limit in GBK, issued codes elsewhere (as in practice)
SHP_FIELDS = [("监测编号", "JCBH"), ("行政区代码", "XZQDM"), ("乡镇", "XZMC"), ("图斑类型", "TBLX"),
              ("前时相", "QSX"), ("后时相", "HSX"), ("下发时间", "XFSJ"), ("监测批次", "JCPC"),
              ("监测面积", "JCMJ"), ("耕地面积", "GDMJ"), ("YJJBNTMJ", "YJJBNTMJ"), ("STBHHXMJ", "STBHHXMJ"),
              ("是否涉矿", "SFSK"), ("LZB", "LZB"), ("BZB", "BZB")]


@dataclass
class SamplePatch:
    code: str
    township: str
    class_name: str
    polygon: Polygon
    area_mu: float
    cultivated_mu: float
    permanent_mu: float
    redline_mu: float
    mineral: bool


@dataclass
class SamplePhoto:
    path: str
    patch_code: Optional[str]  # the patch it was taken for (None for a corrupt or stray file)
    case: str  # normal, magnetic, no_azimuth, no_gps, far, looks_away, before_imagery, corrupt, reused


@dataclass
class Sample:
    root: str
    shapefile: str
    photo_dir: str
    document_dir: str
    patches: List[SamplePatch]
    photos: List[SamplePhoto] = field(default_factory=list)

    def patch(self, code: str) -> SamplePatch:
        return next(p for p in self.patches if p.code == code)

    def photos_of(self, case: str) -> List[SamplePhoto]:
        return [p for p in self.photos if p.case == case]


def _offset(lon: float, lat: float, east_m: float, north_m: float) -> Tuple[float, float]:
    kx, ky = local_scale(lat)
    return lon + east_m / kx, lat + north_m / ky


def _patch_polygon(rnd: random.Random, lon: float, lat: float, area_m2: float) -> Polygon:
    aspect = rnd.uniform(1.0, 2.5)
    w = math.sqrt(area_m2 * aspect)
    h = area_m2 / w
    rot = math.radians(rnd.uniform(0, 180))
    pts = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * w / 2 * rnd.uniform(0.9, 1.1), sy * h / 2 * rnd.uniform(0.9, 1.1)
        xr, yr = x * math.cos(rot) - y * math.sin(rot), x * math.sin(rot) + y * math.cos(rot)
        pts.append(_offset(lon, lat, xr, yr))
    return Polygon(pts)


def make_patches(seed: int = 2026) -> List[SamplePatch]:
    rnd = random.Random(seed)
    out: List[SamplePatch] = []
    seq = 0
    for class_name, count in CLASS_PLAN:
        for _ in range(count):
            seq += 1
            township, (dx, dy) = TOWNSHIPS[seq % 3]
            lon = COUNTY_CENTER[0] + dx + rnd.uniform(-0.03, 0.03)
            lat = COUNTY_CENTER[1] + dy + rnd.uniform(-0.02, 0.02)
            mineral = class_name.startswith("矿产")
            # a few large patches so the field-check and written-opinion thresholds come into play
            area_mu = rnd.choice([rnd.uniform(0.8, 12), rnd.uniform(2, 40), rnd.uniform(40, 180)]) if seq % 7 else 130.0
            poly = _patch_polygon(rnd, lon, lat, mu_to_m2(area_mu))
            cult = 0.0 if mineral or seq % 5 == 0 else round(area_mu * rnd.uniform(0.3, 1.0), 2)
            perm = round(cult * rnd.uniform(0.2, 0.8), 2) if seq % 4 == 0 else 0.0
            red = round(area_mu * 0.3, 2) if seq % 11 == 0 else 0.0
            out.append(SamplePatch(f"{COUNTY_CODE}2026{seq:04d}", township, class_name, poly,
                                   round(area_mu, 2), cult, perm, red, mineral))
    return out


def write_shapefile(patches: List[SamplePatch], path: str, encoding: str = "GBK", with_cpg: bool = True,
                    with_prj: bool = True) -> str:
    """The patches as issued: a Shapefile in EPSG:4490 with Chinese field names, GBK-encoded."""
    from osgeo import ogr, osr

    from ..services.ogr_encoding import gdal_recodes_shapefiles

    ogr.UseExceptions()
    with gdal_recodes_shapefiles():
        _write_shapefile(patches, path, encoding, ogr, osr)
    base = os.path.splitext(path)[0]
    if not with_cpg and os.path.exists(base + ".cpg"):
        os.remove(base + ".cpg")
    if not with_prj and os.path.exists(base + ".prj"):
        os.remove(base + ".prj")
    return path


def _write_shapefile(patches, path, encoding, ogr, osr) -> None:
    drv = ogr.GetDriverByName("ESRI Shapefile")
    if os.path.exists(path):
        drv.DeleteDataSource(path)
    ds = drv.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    layer = ds.CreateLayer(os.path.splitext(os.path.basename(path))[0], srs, ogr.wkbPolygon,
                           [f"ENCODING={'CP936' if encoding == 'GBK' else encoding}"])
    kinds = {"JCMJ": ogr.OFTReal, "GDMJ": ogr.OFTReal, "YJJBNTMJ": ogr.OFTReal, "STBHHXMJ": ogr.OFTReal,
             "LZB": ogr.OFTReal, "BZB": ogr.OFTReal}
    for name, code in SHP_FIELDS:
        fd = ogr.FieldDefn(name, kinds.get(code, ogr.OFTString))
        if code in kinds:
            fd.SetWidth(14)
            fd.SetPrecision(4 if code in ("LZB", "BZB") else 2)
        else:
            fd.SetWidth(40)
        layer.CreateField(fd)
    for p in patches:
        f = ogr.Feature(layer.GetLayerDefn())
        c = p.polygon.centroid
        values = {"JCBH": p.code, "XZQDM": COUNTY_CODE, "XZMC": p.township, "TBLX": p.class_name,
                  "QSX": EARLIER_DATE.strftime("%Y%m%d"), "HSX": LATER_DATE.strftime("%Y%m%d"),
                  "XFSJ": ISSUED.isoformat(), "JCPC": BATCH, "JCMJ": p.area_mu, "GDMJ": p.cultivated_mu,
                  "YJJBNTMJ": p.permanent_mu, "STBHHXMJ": p.redline_mu, "SFSK": "是" if p.mineral else "否",
                  "LZB": round(c.x, 6), "BZB": round(c.y, 6)}
        for i, (_, code) in enumerate(SHP_FIELDS):
            f.SetField(i, values[code])
        f.SetGeometry(ogr.CreateGeometryFromWkb(p.polygon.wkb))
        layer.CreateFeature(f)
    ds = None


def _photo_position(rnd: random.Random, p: SamplePatch, distance_m: float) -> Tuple[float, float, float]:
    """A standpoint distance_m outside the patch boundary and the true azimuth from it to the patch's centre."""
    c = p.polygon.centroid
    theta = rnd.uniform(0, 360)
    east, north = math.sin(math.radians(theta)), math.cos(math.radians(theta))
    local = to_local(p.polygon, c.x, c.y)
    ray = LineString([(0, 0), (east * 20000, north * 20000)])
    hit = local.boundary.intersection(ray)
    reach = max(Point(0, 0).distance(g) for g in getattr(hit, "geoms", [hit]))
    lon, lat = _offset(c.x, c.y, east * (reach + distance_m), north * (reach + distance_m))
    return lon, lat, (theta + 180.0) % 360.0


def corrupt_exif_jpeg(path: str, seed: int = 0) -> str:
    """A JPEG whose EXIF lies about its sizes (IFD offset far beyond the file)."""
    exif = build_exif(109.0, 32.7, 10.0, "T", _dt.datetime(2026, 6, 1, 9, 0))
    write_jpeg(path, exif, size=(160, 120), seed=seed)
    with open(path, "rb") as fh:
        data = bytearray(fh.read())
    tiff = data.find(b"Exif\x00\x00") + 6
    endian = "little" if data[tiff:tiff + 2] == b"II" else "big"
    data[tiff + 4:tiff + 8] = (0x7FFFFFF0).to_bytes(4, endian)  # 0th IFD offset far past the end
    with open(path, "wb") as fh:
        fh.write(bytes(data))
    return path


def make_sample(root: str, seed: int = 2026, photo_size=(640, 480)) -> Sample:
    """Write the whole sample county under root (patches Shapefile, photos, approval scans)."""
    rnd = random.Random(seed + 1)
    patches = make_patches(seed)
    os.makedirs(root, exist_ok=True)
    shp_dir = os.path.join(root, "issued")
    photo_dir = os.path.join(root, "photos")
    doc_dir = os.path.join(root, "documents")
    for d in (shp_dir, photo_dir, doc_dir):
        os.makedirs(d, exist_ok=True)
    shp = write_shapefile(patches, os.path.join(shp_dir, f"{COUNTY_CODE}_卫片图斑_2026_3.shp"))
    sample = Sample(root, shp, photo_dir, doc_dir, patches)
    n = 0
    for idx, p in enumerate(patches):
        if idx % 13 == 12:
            continue  # some patches have no photos yet
        folder = os.path.join(photo_dir, p.code)
        for k in range(2 if idx % 3 else 3):
            n += 1
            case = "normal"
            distance = rnd.uniform(15, 80)
            taken = _dt.datetime(2026, 6, 15, 9, 30) + _dt.timedelta(days=idx % 40, minutes=7 * k)
            if n % 3 == 0:
                case = "magnetic"
            if n in (7, 29):
                case = "no_azimuth"
            elif n == 11:
                case = "no_gps"
            elif n == 17:
                case, distance = "far", 900.0
            elif n == 23:
                case = "looks_away"
            elif n == 41:
                case, taken = "before_imagery", _dt.datetime(2026, 4, 2, 10, 0)
            lon, lat, az = _photo_position(rnd, p, distance)
            ref: Optional[str] = "T"
            if case == "magnetic":
                ref = "M"
                az = (az - declination_deg(lat, lon, taken.date())) % 360.0
            elif case == "no_azimuth":
                az, ref = None, None
            elif case == "looks_away":
                az = (az + 140.0) % 360.0
            exif = build_exif(None if case == "no_gps" else lon, None if case == "no_gps" else lat, az, ref, taken,
                              make=rnd.choice(["HUAWEI", "Xiaomi", "OPPO", "Apple"]), model="field phone")
            # most photos sit in a folder named by the patch code; some are loose, named by it
            name = f"{p.code}_{k + 1}.jpg" if idx % 5 else f"IMG_{n:04d}.jpg"
            target = os.path.join(folder, name) if idx % 5 else os.path.join(photo_dir, f"{p.code}-{k + 1}.jpg")
            if idx % 10 == 5:  # a few are named like the camera names them, matched by location only
                target = os.path.join(photo_dir, "unsorted", f"IMG_{n:04d}.jpg")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            write_jpeg(target, exif, size=photo_size, seed=seed * 1000 + n)
            sample.photos.append(SamplePhoto(target, p.code, case))
    # one file used as evidence for two patches: copied verbatim into a second patch's folder
    first = next(ph for ph in sample.photos if ph.case == "normal" and os.path.basename(os.path.dirname(ph.path)) == ph.patch_code)
    other = next(p for p in patches if p.code != first.patch_code and os.path.isdir(os.path.join(photo_dir, p.code)))
    reused = os.path.join(photo_dir, other.code, f"{other.code}_reused.jpg")
    shutil.copyfile(first.path, reused)
    sample.photos.append(SamplePhoto(reused, other.code, "reused"))
    # one corrupt file in a patch folder
    bad = corrupt_exif_jpeg(os.path.join(photo_dir, patches[1].code, f"{patches[1].code}_损坏.jpg"), seed)
    sample.photos.append(SamplePhoto(bad, patches[1].code, "corrupt"))
    # approval or record scans (documents) for all patches but a few
    for i, p in enumerate(patches):
        if i % 9 == 3:
            continue
        write_document_scan(os.path.join(doc_dir, f"{p.code}_批准文件.jpg"))
    return sample


def reshoot_photos(p: SamplePatch, folder: str, count: int = 2, taken: Optional[_dt.datetime] = None,
                   seed: int = 0, size=(640, 480)) -> List[str]:
    """New field photos of a patch (true azimuth towards it, 20–60 m outside), as a township re-shoots them."""
    rnd = random.Random(f"{p.code}-{seed}")
    taken = taken or _dt.datetime(2026, 7, 20, 10, 0)
    os.makedirs(folder, exist_ok=True)
    out = []
    for k in range(count):
        lon, lat, az = _photo_position(rnd, p, rnd.uniform(20, 60))
        exif = build_exif(lon, lat, az, "T", taken + _dt.timedelta(minutes=5 * k), make="HUAWEI", model="field phone")
        path = os.path.join(folder, f"{p.code}_补拍_{seed}_{k + 1}.jpg")
        write_jpeg(path, exif, size=size, seed=zlib.crc32(f"{p.code}-{seed}-{k}".encode()) & 0xFFFF)
        out.append(path)
    return out


def write_document_scan(path: str, seed: int = 7) -> str:
    """An approval or record document scan (a JPEG without GPS)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_jpeg(path, build_exif(None, None, None, None, None), size=(320, 440), seed=seed)
    return path
