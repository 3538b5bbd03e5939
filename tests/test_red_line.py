"""合法 within the approved red line (001 §二(三)): the approval's boundary attached as a GeoJSON document, a legal
footprint outside it a blocking finding; a boundary file that is not one is refused by name and reason."""
import json

import pytest
from shapely.geometry import box, mapping

from weipian_plugin.core.boundary import BoundaryError, outside_of, parse_boundary
from weipian_plugin.core.model import LEGAL
from weipian_plugin.core.view_geometry import geometry_from_wkb
from weipian_plugin.services.package_check import check_package
from weipian_plugin.services.photo_attach import attach_document
from weipian_plugin.services.upload_package import GateRefused, export_upload_package
from weipian_plugin.store.work_package import WorkPackage

ACTOR = "县卫片办 李明"
REVIEWER = "县卫片办 王审"


def _legal_patch(wp):
    for p in wp.patches(with_geometry=True):
        v = wp.verification(p.code)
        if v and v.verdict == LEGAL and p.wkb is not None:
            return p
    raise AssertionError("the demo has 合法 patches")


def _write(path, geometry, crs=None):
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_the_measure_of_outside_by_hand():
    """A 100 m × 100 m square at 32.7° N (安康), the boundary its western half: 5000 m² outside, 50 %."""
    from weipian_plugin.core.view_geometry import local_scale

    kx, ky = local_scale(32.7)
    lon, lat = 109.0, 32.7
    square = box(lon, lat, lon + 100 / kx, lat + 100 / ky)
    west = box(lon - 1e-4, lat - 1e-4, lon + 50 / kx, lat + 100 / ky + 1e-4)
    found = outside_of(square, west)
    assert found.outside_m2 == pytest.approx(5000.0, rel=1e-3) and found.share == pytest.approx(0.5, rel=1e-3)
    assert outside_of(square, square.buffer(1e-5)).outside_m2 == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("text, reason", [
    (b"\xff\xfe not json", "not GeoJSON"),
    (json.dumps({"type": "Point", "coordinates": [109, 32]}).encode(), "no polygon"),
    (json.dumps({"type": "Polygon", "coordinates": [[[500000, 3600000], [500100, 3600000], [500100, 3600100],
                                                     [500000, 3600000]]]}).encode(), "longitude"),
    (json.dumps({"type": "Polygon", "coordinates": [[[109, 32], [109, 32], [109, 32], [109, 32]]]}).encode(),
     "no area"),
    (b"[" * 100 + b"]" * 100, "nested"),
])
def test_a_boundary_that_is_not_one_is_refused(text, reason):
    with pytest.raises(BoundaryError) as refused:
        parse_boundary(text)
    assert reason in refused.value.args[0].render()


def test_a_legal_footprint_outside_the_red_line_blocks_and_one_inside_does_not(county, tmp_path):
    with WorkPackage.open(county) as wp:
        p = _legal_patch(wp)
        shape = geometry_from_wkb(p.wkb)
        # the approval's boundary covers the whole patch: no finding
        whole = _write(tmp_path / "批准红线_全部.geojson", mapping(shape.buffer(1e-5)), "urn:ogc:def:crs:EPSG::4490")
        assert attach_document(wp, p.code, whole, ACTOR).status == "attached"
        findings, _ = check_package(wp)
        assert not [f for f in findings if f.rule == "legal.outside_red_line"]
        # a boundary that covers only the western half of the patch's extent: the rest lies outside
        minx, miny, maxx, maxy = shape.bounds
        half = _write(tmp_path / "批准红线_一半.geojson",
                      mapping(box(minx - 1e-4, miny - 1e-4, (minx + maxx) / 2, maxy + 1e-4)))
        attach_document(wp, p.code, half, ACTOR)
        findings, _ = check_package(wp)
        hit = [f for f in findings if f.rule == "legal.outside_red_line" and f.patch_code == p.code]
        expected = outside_of(shape, parse_boundary(open(half, "rb").read()))
        assert len(hit) == 1 and hit[0].severity == "blocking" and "批准红线_一半.geojson" in hit[0].message_zh
        assert f"{expected.share:.1%}" in hit[0].message_zh and 0.2 < expected.share < 0.8
        # the county passes the patch again: the upload still waits for the red line
        wp.add_review(p.code, REVIEWER, "pass", "同意")
        with pytest.raises(GateRefused) as refused:
            export_upload_package(wp, str(tmp_path / "upload.zip"), ACTOR, dossiers=False)
        assert any("red line" in line.render() or "红线" in line.render() for line in refused.value.blocking)


def test_a_broken_boundary_file_is_refused_by_name_and_nothing_is_attached(county, tmp_path):
    bad = tmp_path / "红线.geojson"
    bad.write_text('{"type": "Polygon", "coordinates": "x"}', encoding="utf-8")
    with WorkPackage.open(county) as wp:
        p = _legal_patch(wp)
        before = len(wp.evidence(p.code))
        with pytest.raises(ValueError) as refused:
            attach_document(wp, p.code, str(bad), ACTOR)
        assert "红线.geojson" in str(refused.value.args[0].render())
        assert len(wp.evidence(p.code)) == before
