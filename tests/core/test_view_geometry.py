import math

import pytest
from shapely.geometry import Polygon

from weipian_plugin.core.view_geometry import local_scale, view_facts, view_wedge

LON, LAT = 109.0, 32.7


def square(east_m, north_m, size_m):
    kx, ky = local_scale(LAT)
    x0, y0 = LON + east_m / kx, LAT + north_m / ky
    dx, dy = size_m / kx, size_m / ky
    return Polygon([(x0, y0), (x0 + dx, y0), (x0 + dx, y0 + dy), (x0, y0 + dy)])


def test_local_scale_matches_ellipsoid():
    kx, ky = local_scale(32.7)
    assert kx == pytest.approx(93_800, rel=2e-3) and ky == pytest.approx(110_880, rel=2e-3)


def test_distance_and_direction():
    patch = square(100, -10, 20)  # 100 m east of the photo
    f = view_facts(LON, LAT, 90.0, patch)
    assert f.distance_m == pytest.approx(100.0, abs=0.05) and f.azimuth_offset_deg == 0.0 and not f.inside
    f = view_facts(LON, LAT, 270.0, patch)
    assert f.azimuth_offset_deg == pytest.approx(180 - math.degrees(math.atan2(10, 100)), abs=0.01)
    f = view_facts(LON, LAT, 90.0 + 10.0, patch)  # patch spans ±5.7° around east
    assert f.azimuth_offset_deg == pytest.approx(10.0 - math.degrees(math.atan2(10, 100)), abs=0.01)
    assert view_facts(LON, LAT, None, patch).azimuth_offset_deg is None


def test_inside_and_north_wraparound():
    assert view_facts(LON, LAT, 10.0, square(-10, -10, 20)).inside
    f = view_facts(LON, LAT, 359.0, square(-5, 50, 10))  # patch straddles north
    assert f.azimuth_offset_deg == 0.0


def test_wedge_contains_its_axis():
    wedge = view_wedge(LON, LAT, 90.0, 50.0, 5.0)
    kx, _ = local_scale(LAT)
    from shapely.geometry import Point

    assert wedge.contains(Point(LON + 40 / kx, LAT)) and not wedge.contains(Point(LON - 40 / kx, LAT))
