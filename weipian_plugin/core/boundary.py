"""The approved red line (批准红线) of a 合法 patch: a boundary file attached with its approval, and how much of the
patch's footprint lies outside it (001 §二(三): the footprint of a legal use lies within the approved red line).

The boundary comes from elsewhere (a scan's companion file, a surveyor's export): it is untrusted input, read as
GeoJSON text with limits on size, nesting and vertices, lon/lat only (CGCS2000 / WGS84 degrees), polygons only.
Areas are computed in a local tangent plane on the ellipsoid (core.view_geometry), never in degrees.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, List

from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .messages import QT_TRANSLATE_NOOP, Msg
from .view_geometry import to_local

BOUNDARY_SUFFIXES = (".geojson",)
MAX_BYTES = 5 * 1024 * 1024
MAX_VERTICES = 200_000
MAX_DEPTH = 12


class BoundaryError(ValueError):
    """The file is not a boundary this plugin reads; the message says why."""


def is_boundary_name(name: str) -> bool:
    return str(name).lower().endswith(BOUNDARY_SUFFIXES)


def _depth(value: Any, limit: int) -> int:
    stack, deepest = [(value, 1)], 0
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, d + 1) for v in item)
    return deepest


def parse_boundary(data: bytes) -> BaseGeometry:
    """The approved area as one (multi)polygon in lon/lat, from GeoJSON bytes (a geometry, a Feature or a
    FeatureCollection of polygons)."""
    if len(data) > MAX_BYTES:
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary file is larger than {limit} MB"),
                                limit=MAX_BYTES // (1024 * 1024)))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary file is not GeoJSON text"))) from None
    if _depth(doc, MAX_DEPTH) > MAX_DEPTH:
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary file is nested too deeply")))
    geometries: List[dict] = []
    kind = doc.get("type") if isinstance(doc, dict) else None
    if kind == "FeatureCollection" and isinstance(doc.get("features"), list):
        geometries = [f.get("geometry") for f in doc["features"] if isinstance(f, dict)]
    elif kind == "Feature":
        geometries = [doc.get("geometry")]
    elif kind in ("Polygon", "MultiPolygon"):
        geometries = [doc]
    if not geometries or not all(isinstance(g, dict) and g.get("type") in ("Polygon", "MultiPolygon")
                                 for g in geometries):
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary file holds no polygon, or other "
                                                              "geometries besides polygons")))
    crs = doc.get("crs") if isinstance(doc, dict) else None
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", ""))
        if name and not any(tag in name for tag in ("4490", "4326", "CRS84")):
            raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary is in {crs}; give it in longitude "
                                                                  "and latitude (EPSG:4490)"), crs=name[:60]))
    try:
        shapes = [shape(g) for g in geometries]
    except (ValueError, TypeError, AttributeError, IndexError):
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary's coordinates are not polygons"))) from None
    vertices = sum(len(r.coords) for s in shapes for p in (s.geoms if isinstance(s, MultiPolygon) else [s])
                   for r in [p.exterior, *p.interiors])
    if vertices > MAX_VERTICES:
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary has more than {limit} vertices"),
                                limit=MAX_VERTICES))
    area = unary_union([s if s.is_valid else s.buffer(0) for s in shapes])
    minx, miny, maxx, maxy = area.bounds if not area.is_empty else (0, 0, 0, 0)
    if area.is_empty or not isinstance(area, (Polygon, MultiPolygon)):
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary encloses no area")))
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise BoundaryError(Msg(QT_TRANSLATE_NOOP("weipian", "the boundary's coordinates are not longitude and "
                                                              "latitude (EPSG:4490)")))
    return area


@dataclass(frozen=True)
class Outside:
    """How much of a footprint lies outside a boundary, in square metres and as a share of the footprint."""

    outside_m2: float
    footprint_m2: float

    @property
    def share(self) -> float:
        return self.outside_m2 / self.footprint_m2 if self.footprint_m2 > 0 else 0.0


def outside_of(footprint: BaseGeometry, boundary: BaseGeometry) -> Outside:
    """The part of the footprint (lon/lat) outside the boundary (lon/lat), measured in metres."""
    if not footprint.is_valid:
        footprint = footprint.buffer(0)
    c = footprint.centroid
    local_fp = to_local(footprint, c.x, c.y)
    local_b = to_local(boundary, c.x, c.y)
    return Outside(local_fp.difference(local_b).area, local_fp.area)
