"""Imagery under the dossier's overlay map (套合图件, 001 §二(七)): the before/after rasters issued with the batch
(recorded on the work package), or any raster or XYZ source the user names. None is fine: the dossier then says
that its map is the outline only."""
from __future__ import annotations

import os
from typing import List, Optional, Tuple

BEFORE, AFTER = "imagery_before", "imagery_after"  # package_meta keys: raster paths, relative to the package


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


def set_batch_imagery(wp, before: str, after: str, actor: str) -> None:
    """Record the batch's before/after rasters (stored relative to the package when they lie beside it)."""
    from osgeo import gdal

    base = os.path.dirname(wp.path)
    with wp.transaction():
        for key, path in ((BEFORE, before), (AFTER, after)):
            if not path:
                continue
            ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
            if ds is None or not ds.GetProjection():
                raise ValueError(f"{path}: not a georeferenced raster")
            ds = None
            rel = os.path.relpath(os.path.abspath(path), base)
            wp.set_meta(key, path if rel.startswith("..") else rel.replace(os.sep, "/"), actor)


def raster_layers(sources: List[Tuple[str, str]], extra: Optional[str] = None) -> List[Tuple[str, object]]:
    """(label, QgsRasterLayer) for the sources; extra is a raster path or an XYZ URL ('type=xyz&url=…') from the
    options. Layers that do not load are left out."""
    from qgis.core import QgsRasterLayer

    out = []
    for label, path in sources:
        layer = QgsRasterLayer(path, label, "gdal")
        if layer.isValid():
            out.append((label, layer))
    if extra and not out:
        layer = (QgsRasterLayer(extra, "影像", "wms") if extra.startswith("type=xyz")
                 else QgsRasterLayer(extra, "影像", "gdal"))
        if layer.isValid():
            out.append(("影像", layer))
    return out
