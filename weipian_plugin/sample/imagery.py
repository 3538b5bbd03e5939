"""The sample county's before/after imagery (前时相 / 后时相): two GeoTIFFs in CGCS2000 3-degree Gauss-Krüger
(CM 108°E, EPSG:4545) at 2 m, as a county receives them with a batch. Farmland everywhere (fields in strips with
lanes between them); in the after image each patch shows what changed there — roofs for building, spoil for
mining, bare earth for the other changes — so the reviewer sees why the patch was issued.

Only the ground around the patches is drawn (a tiled, sparse GeoTIFF: the rest is empty and costs nothing), with
overviews, so the whole county opens at once. Deterministic: every pixel is a function of where it lies.
"""
from __future__ import annotations

import os
from typing import List, Tuple

import numpy as np

EPSG = 4545
PIXEL = 2.0  # metres
BLOCK = 256
MARGIN = 160.0  # metres of farmland drawn around each patch


def _transform():
    from osgeo import osr

    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst.ImportFromEPSG(EPSG)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(src, dst), dst


def _noise(ix: np.ndarray, iy: np.ndarray, salt: int) -> np.ndarray:
    """0..255 from integer coordinates, the same wherever it is computed."""
    h = (ix.astype(np.int64) * 73856093) ^ (iy.astype(np.int64) * 19349663) ^ (salt * 83492791)
    h = (h ^ (h >> 13)) * 1274126177
    return ((h ^ (h >> 16)) & 0xFF).astype(np.int32)


FIELD_COLOURS = np.array([[92, 128, 60], [110, 140, 70], [132, 150, 84], [150, 130, 90], [120, 105, 72],
                          [84, 116, 58], [140, 158, 96], [104, 96, 70]], dtype=np.int32)
ROOF_COLOURS = np.array([[70, 110, 170], [180, 180, 185], [168, 70, 60], [200, 200, 205], [60, 95, 150]],
                        dtype=np.int32)


def _farmland(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """RGB of farmland at map coordinates x, y (metres): strips of fields, lanes between blocks of strips."""
    u = x * 0.94 + y * 0.34  # fields run at an angle to the grid, as terraces do
    v = -x * 0.34 + y * 0.94
    i, j = np.floor(u / 22).astype(np.int64), np.floor(v / 70).astype(np.int64)
    rgb = FIELD_COLOURS[_noise(i, j, 1) % len(FIELD_COLOURS)].copy()
    rgb += (_noise(np.floor(x / PIXEL).astype(np.int64), np.floor(y / PIXEL).astype(np.int64), 2)[..., None] % 17) - 8
    lane = (np.mod(v, 280) < 5) | (np.mod(u, 220) < 3)
    rgb[lane] = [196, 186, 160]
    return rgb


def _changed(x: np.ndarray, y: np.ndarray, kind: str) -> np.ndarray:
    """RGB of what a patch shows after: roofs, spoil or bare earth."""
    px, py = np.floor(x / PIXEL).astype(np.int64), np.floor(y / PIXEL).astype(np.int64)
    grain = (_noise(px, py, 3) % 23)[..., None] - 11
    if kind == "mine":
        rgb = np.empty(x.shape + (3,), np.int32)
        rgb[:] = [178, 150, 104]
        ring = (np.floor(np.hypot(x % 300 - 150, y % 300 - 150) / 18) % 2).astype(bool)
        rgb[ring] = [150, 122, 86]
        return rgb + grain
    if kind == "bare":
        rgb = np.empty(x.shape + (3,), np.int32)
        rgb[:] = [168, 140, 108]
        return rgb + grain
    i, j = np.floor(x / 16).astype(np.int64), np.floor(y / 12).astype(np.int64)
    rgb = ROOF_COLOURS[_noise(i, j, 4) % len(ROOF_COLOURS)].copy()
    gap = (np.mod(x, 16) < 3) | (np.mod(y, 12) < 3)  # yards and lanes between the houses
    rgb[gap] = [128, 124, 116]
    return rgb + grain // 2


def _kind(class_name: str, mineral: bool) -> str:
    if mineral:
        return "mine"
    return "bare" if class_name == "其他变化类" else "roofs"


def _mask(window, poly_xy, shape, srs) -> np.ndarray:
    """Pixels of the window inside the polygon (GDAL rasterises it)."""
    from osgeo import gdal, ogr

    x0, y1 = window
    mem = gdal.GetDriverByName("MEM").Create("", shape[1], shape[0], 1, gdal.GDT_Byte)
    mem.SetGeoTransform((x0, PIXEL, 0, y1, 0, -PIXEL))
    mem.SetProjection(srs.ExportToWkt())
    ds = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = ds.CreateLayer("p", srs)
    feat = ogr.Feature(layer.GetLayerDefn())
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for px, py in poly_xy:
        ring.AddPoint_2D(px, py)
    geom = ogr.Geometry(ogr.wkbPolygon)
    geom.AddGeometry(ring)
    feat.SetGeometry(geom)
    layer.CreateFeature(feat)
    gdal.RasterizeLayer(mem, [1], layer, burn_values=[1])
    return mem.ReadAsArray().astype(bool)


def write_imagery(patches, folder: str, overviews: bool = True) -> Tuple[str, str]:
    """前时相.tif and 后时相.tif for the sample patches, in folder; returns their paths. Without overviews: as
    imagery often comes (set_batch_imagery builds them)."""
    from osgeo import gdal

    was = gdal.GetUseExceptions()
    gdal.UseExceptions()  # GDAL's mode is the process's: put back as it was
    try:
        return _write(patches, folder, overviews)
    finally:
        if not was:
            gdal.DontUseExceptions()


def _write(patches, folder: str, overviews: bool) -> Tuple[str, str]:
    from osgeo import gdal

    os.makedirs(folder, exist_ok=True)
    to_map, srs = _transform()
    shapes: List[Tuple[list, str]] = []
    for p in patches:
        pts = [to_map.TransformPoint(lon, lat)[:2] for lon, lat in p.polygon.exterior.coords]
        shapes.append((pts, _kind(p.class_name, p.mineral)))
    size = BLOCK * PIXEL
    xs = [x for pts, _ in shapes for x, _y in pts]
    ys = [y for pts, _ in shapes for _x, y in pts]
    x0 = np.floor((min(xs) - MARGIN) / size) * size
    y1 = np.ceil((max(ys) + MARGIN) / size) * size
    width = int(np.ceil((max(xs) + MARGIN - x0) / size)) * BLOCK
    height = int(np.ceil((y1 - (min(ys) - MARGIN)) / size)) * BLOCK
    paths = (os.path.join(folder, "前时相.tif"), os.path.join(folder, "后时相.tif"))
    options = ["TILED=YES", f"BLOCKXSIZE={BLOCK}", f"BLOCKYSIZE={BLOCK}", "SPARSE_OK=TRUE", "COMPRESS=JPEG",
               "PHOTOMETRIC=YCBCR", "JPEG_QUALITY=85"]
    out = []
    for path in paths:
        ds = gdal.GetDriverByName("GTiff").Create(path, width, height, 3, gdal.GDT_Byte, options)
        ds.SetGeoTransform((x0, PIXEL, 0, y1, 0, -PIXEL))
        ds.SetProjection(srs.ExportToWkt())
        for b in range(1, 4):
            ds.GetRasterBand(b).SetNoDataValue(0)
        out.append(ds)
    blocks = set()
    for pts, _ in shapes:
        px = [(x - x0) / PIXEL for x, _ in pts]
        py = [(y1 - y) / PIXEL for _, y in pts]
        m = MARGIN / PIXEL
        for bx in range(int((min(px) - m) // BLOCK), int((max(px) + m) // BLOCK) + 1):
            for by in range(int((min(py) - m) // BLOCK), int((max(py) + m) // BLOCK) + 1):
                blocks.add((bx, by))
    for bx, by in sorted(blocks):
        bx0, by1 = x0 + bx * size, y1 - by * size
        cols = bx0 + (np.arange(BLOCK) + 0.5) * PIXEL
        rows = by1 - (np.arange(BLOCK) + 0.5) * PIXEL
        x, y = np.meshgrid(cols, rows)
        before = _farmland(x, y)
        after = before.copy()
        for pts, kind in shapes:
            sx, sy = [q[0] for q in pts], [q[1] for q in pts]
            if max(sx) < bx0 or min(sx) > bx0 + size or max(sy) < by1 - size or min(sy) > by1:
                continue
            inside = _mask((bx0, by1), pts, (BLOCK, BLOCK), srs)
            if inside.any():
                after[inside] = _changed(x[inside], y[inside], kind)
        for ds, rgb in zip(out, (before, after)):
            rgb = np.clip(rgb, 16, 250).astype(np.uint8)  # never 0: 0 is the empty ground between the patches
            for b in range(3):
                ds.GetRasterBand(b + 1).WriteArray(rgb[..., b], bx * BLOCK, by * BLOCK)
    for ds in out:
        if overviews:
            ds.BuildOverviews("AVERAGE", [2, 4, 8, 16, 32, 64])
        ds.FlushCache()
    out.clear()
    return paths
