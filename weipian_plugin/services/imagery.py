"""Imagery under the patches and the dossier's overlay map (套合图件, 001 §二(七)): the before/after rasters issued
with the batch (recorded on the work package), or a base map the user names in the options (a raster file, or an
XYZ tile service such as 天地图 with its key) when a batch has none. None is fine: the dossier then says that its
map is the outline only."""
from __future__ import annotations

import os
from typing import Callable, Dict, List, Optional, Tuple

from ..core.base_map import base_map_uri  # noqa: F401  (the imagery API in one place)

BEFORE, AFTER = "imagery_before", "imagery_after"  # package_meta keys: raster paths, relative to the package
BASE_MAP = "底图"  # the label of the options' base map (not the batch's imagery)


def _resolve(wp, value: str) -> str:
    return value if os.path.isabs(value) else os.path.join(os.path.dirname(wp.path), value)


def batch_imagery_sources(wp) -> List[Tuple[str, str]]:
    """(label, raster path) of the batch's before/after imagery recorded on the package, existing files only."""
    out = []
    for key, label in ((BEFORE, "前时相"), (AFTER, "后时相")):
        value = (wp.meta(key) or "").strip()
        if value and os.path.isfile(_resolve(wp, value)):
            out.append((label, _resolve(wp, value)))
    return out


def _open_raster(path: str):
    from osgeo import gdal

    try:
        ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
    except RuntimeError:  # GDAL with exceptions on
        ds = None
    if ds is None or not ds.GetProjection():
        raise ValueError(f"{path}: not a georeferenced raster")
    return ds


def ensure_overviews(path: str, progress: Optional[Callable[[float], None]] = None) -> bool:
    """Overviews for a raster that has none (built beside it, as a .ovr file: the issued file is not changed), so
    that a county's whole image draws at any zoom without reading all of it. Returns whether it built them."""
    from osgeo import gdal

    ds = _open_raster(path)
    band = ds.GetRasterBand(1)
    if band.GetOverviewCount() > 0 or max(ds.RasterXSize, ds.RasterYSize) <= 512:
        return False
    levels, size = [], max(ds.RasterXSize, ds.RasterYSize)
    while size // (2 ** (len(levels) + 1)) >= 256:
        levels.append(2 ** (len(levels) + 1))

    def callback(done, _message, _data):
        if progress is not None:
            progress(done)
        return 1

    before = gdal.GetConfigOption("COMPRESS_OVERVIEW")
    gdal.SetConfigOption("COMPRESS_OVERVIEW", "DEFLATE")  # for this file only: the option is the process's
    try:
        ds.BuildOverviews("AVERAGE", levels, callback)
    finally:
        gdal.SetConfigOption("COMPRESS_OVERVIEW", before)
    ds = None
    return True


def covered_patches(wp, paths: List[str]) -> int:
    """How many of the package's patches have imagery in every one of the rasters at their centre (inside the
    extent, and not a no-data pixel: an issued image can have gaps)."""
    from osgeo import osr
    from shapely import wkb as shapely_wkb

    rasters = []
    for path in paths:
        ds = _open_raster(path)
        srs = osr.SpatialReference()
        srs.ImportFromWkt(ds.GetProjection())
        src = osr.SpatialReference()
        src.ImportFromEPSG(4490)
        for s in (src, srs):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        rasters.append((ds, osr.CoordinateTransformation(src, srs)))
    n = 0
    for p in wp.patches():
        if p.wkb:
            c = shapely_wkb.loads(bytes(p.wkb)).representative_point()
            n += all(_has_data(ds, *to_raster.TransformPoint(c.x, c.y)[:2]) for ds, to_raster in rasters)
    return n


def _has_data(ds, x: float, y: float) -> bool:
    gt = ds.GetGeoTransform()
    col, row = int((x - gt[0]) / gt[1]), int((y - gt[3]) / gt[5])
    if not (0 <= col < ds.RasterXSize and 0 <= row < ds.RasterYSize):
        return False
    band = ds.GetRasterBand(1)
    value = band.ReadAsArray(col, row, 1, 1)[0][0]
    return band.GetNoDataValue() is None or value != band.GetNoDataValue()


def set_batch_imagery(wp, before: str, after: str, actor: str,
                      progress: Optional[Callable[[float], None]] = None) -> Dict[str, int]:
    """Record the batch's before/after rasters (stored relative to the package when they lie beside it), with
    overviews built where they are missing. Returns how many patches the imagery covers, of how many."""
    base = os.path.dirname(wp.path)
    given = [p for p in (before, after) if p]
    for path in given:
        _open_raster(path)  # every file is a georeferenced raster before anything is recorded or built
    for i, path in enumerate(given):
        ensure_overviews(path, progress and (lambda done, i=i: progress((i + done) / len(given))))
    with wp.transaction():
        for key, path in ((BEFORE, before), (AFTER, after)):
            if not path:
                continue
            rel = os.path.relpath(os.path.abspath(path), base)
            wp.set_meta(key, path if rel.startswith("..") else rel.replace(os.sep, "/"), actor)
    return {"covered": covered_patches(wp, given) if given else 0, "patches": len(wp.patch_codes())}


def raster_layers(sources: List[Tuple[str, str]], extra: Optional[str] = None) -> List[Tuple[str, object]]:
    """(label, QgsRasterLayer) for the sources; extra is the base map's source (base_map_uri), used only when the
    batch has no imagery. Layers that do not load are left out."""
    from qgis.core import QgsRasterLayer

    out = []
    for label, path in sources:
        layer = QgsRasterLayer(path, label, "gdal")
        if layer.isValid():
            out.append((label, layer))
    if extra and not out:
        layer = (QgsRasterLayer(extra, BASE_MAP, "wms") if extra.startswith("type=xyz")
                 else QgsRasterLayer(extra, BASE_MAP, "gdal"))
        if layer.isValid():
            out.append((BASE_MAP, layer))
    return out
