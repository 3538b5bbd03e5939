"""Where a photo stands and looks relative to a patch, in metres, in a local frame around the photo.

Patches are small (metres to a few km), so a local tangent plane on the CGCS2000/WGS84 ellipsoid
(meridian and prime-vertical radii at the photo's latitude) gives distances well inside the 15 m a
ground-photo standard asks for. Geometry input is lon/lat (EPSG:4490 or 4326; they differ by centimetres).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from shapely import wkb as _wkb
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform

A = 6378137.0  # semi-major axis (CGCS2000 and WGS84 share it)
F = 1 / 298.257222101  # CGCS2000 flattening
E2 = F * (2 - F)


def local_scale(lat_deg: float) -> Tuple[float, float]:
    """Metres per degree of longitude and of latitude at a latitude."""
    phi = math.radians(lat_deg)
    s = math.sin(phi)
    w = math.sqrt(1 - E2 * s * s)
    n = A / w  # prime vertical radius
    m = A * (1 - E2) / (w ** 3)  # meridian radius
    return math.radians(1) * n * math.cos(phi), math.radians(1) * m


def _rings(geom: BaseGeometry) -> List[Sequence[Tuple[float, float]]]:
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    out = []
    for p in polys:
        if isinstance(p, Polygon) and not p.is_empty:
            out.append(list(p.exterior.coords))
            out.extend(list(r.coords) for r in p.interiors)
    return out


def to_local(geom: BaseGeometry, lon0: float, lat0: float) -> BaseGeometry:
    """The geometry in metres east/north of (lon0, lat0)."""
    kx, ky = local_scale(lat0)

    def project(xs, ys, zs=None):
        return [(x - lon0) * kx for x in xs], [(y - lat0) * ky for y in ys]

    return transform(project, geom)


@dataclass(frozen=True)
class ViewFacts:
    """Profile-independent facts about one photo and one patch, stored at attach time."""

    distance_m: float  # 0 when the photo stands inside the patch
    inside: bool
    azimuth_offset_deg: Optional[float]  # 0 when the view ray hits the patch; None without an azimuth

    def looks_at(self, tolerance_deg: float) -> Optional[bool]:
        if self.azimuth_offset_deg is None:
            return None
        return self.azimuth_offset_deg <= tolerance_deg


def _bearing(x: float, y: float) -> float:
    return math.degrees(math.atan2(x, y)) % 360.0


def _angdiff(a: float, b: float) -> float:
    d = abs(a - b) % 360.0
    return 360.0 - d if d > 180.0 else d


def _within_arc(az: float, a: float, b: float) -> bool:
    """Is az on the shorter arc between bearings a and b (a segment not through the viewer subtends < 180°)?"""
    span = _angdiff(a, b)
    return _angdiff(az, a) <= span + 1e-9 and _angdiff(az, b) <= span + 1e-9


def view_facts(photo_lon: float, photo_lat: float, azimuth: Optional[float], patch: BaseGeometry) -> ViewFacts:
    """Distance from the photo to the patch and the angle by which its view ray misses the patch."""
    local = to_local(patch, photo_lon, photo_lat)
    origin = Point(0.0, 0.0)
    inside = local.covers(origin)
    distance = 0.0 if inside else float(local.distance(origin))
    if azimuth is None:
        return ViewFacts(distance, inside, None)
    if inside:
        return ViewFacts(distance, inside, 0.0)
    best = 180.0
    for ring in _rings(local):
        bearings = [_bearing(x, y) for x, y in ring]
        for i in range(len(bearings) - 1):
            a, b = bearings[i], bearings[i + 1]
            if _within_arc(azimuth, a, b):
                return ViewFacts(distance, inside, 0.0)
            best = min(best, _angdiff(azimuth, a))
    return ViewFacts(distance, inside, best)


def view_wedge(photo_lon: float, photo_lat: float, azimuth: float, radius_m: float,
               half_angle_deg: float, steps: int = 8) -> Polygon:
    """The view cone as a lon/lat polygon (apex at the photo), for maps and dossiers."""
    kx, ky = local_scale(photo_lat)
    pts = [(photo_lon, photo_lat)]
    for i in range(steps + 1):
        ang = math.radians(azimuth - half_angle_deg + 2 * half_angle_deg * i / steps)
        pts.append((photo_lon + radius_m * math.sin(ang) / kx, photo_lat + radius_m * math.cos(ang) / ky))
    pts.append((photo_lon, photo_lat))
    return Polygon(pts)


def geometry_from_wkb(blob: bytes) -> BaseGeometry:
    return _wkb.loads(bytes(blob))
