"""Importing issued patches: encodings, formats, CRSs, field mapping, areas, and bad rows reported by code and row."""
import json
import os

import pytest
from osgeo import ogr, osr
from shapely.geometry import Polygon

from weipian_plugin.core.units import m2_to_mu
from weipian_plugin.sample.generator import make_patches, write_shapefile
from weipian_plugin.services.patch_import import ImportError_, detect_shapefile_encoding, read_patches


@pytest.fixture(scope="module")
def patches():
    return make_patches(7)[:12]


def _write(path, driver, epsg, rows, fields=("JCBH", "XZQDM", "GDMJ", "HSX"), transform=None, options=()):
    ogr.UseExceptions()
    ds = ogr.GetDriverByName(driver).CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = ds.CreateLayer("patches", srs if epsg else None, ogr.wkbPolygon, list(options))
    for name in fields:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for values, poly in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(fields, values):
            if value is not None:
                f.SetField(name, value)
        g = ogr.CreateGeometryFromWkb(poly.wkb) if poly is not None else None
        if g is not None and transform is not None:
            g.Transform(transform)
        f.SetGeometry(g)
        layer.CreateFeature(f)
    ds = None
    return path


@pytest.mark.parametrize("with_cpg", [True, False])
def test_gbk_shapefile_with_chinese_field_names(qgis_app, tmp_path, patches, profile, with_cpg):
    shp = write_shapefile(patches, str(tmp_path / "图斑.shp"), "GBK", with_cpg=with_cpg)
    assert detect_shapefile_encoding(shp) == "GBK"
    with open(shp[:-4] + ".dbf", "rb") as fh:
        assert "监测编号".encode("gbk") in fh.read()  # really GBK bytes on disk
    records, report = read_patches(shp, profile)
    assert [r["code"] for r in records] == [p.code for p in patches]
    first, src = records[0], patches[0]
    assert first["township"] == src.township and first["class_name"] == src.class_name
    assert first["cultivated_mu"] == pytest.approx(src.cultivated_mu)
    assert first["later_date"] == "2026-05-20" and first["batch"] == "2026年第3批"
    assert json.loads(first["issued_json"])["监测编号"] == src.code  # issued attributes kept verbatim
    assert report.problems() == []


def test_utf8_shapefile_without_cpg(qgis_app, tmp_path, patches, profile):
    shp = write_shapefile(patches, str(tmp_path / "utf8.shp"), "UTF-8", with_cpg=False)
    assert detect_shapefile_encoding(shp) == "UTF-8"
    records, _ = read_patches(shp, profile)
    assert records[0]["township"] == patches[0].township


@pytest.mark.parametrize("driver, suffix", [("GPKG", ".gpkg"), ("GeoJSON", ".geojson")])
def test_geopackage_and_geojson(qgis_app, tmp_path, patches, profile, driver, suffix):
    rows = [((p.code, "610902", "1.5", "2026-05-20"), p.polygon) for p in patches]
    path = _write(str(tmp_path / f"in{suffix}"), driver, 4490, rows)
    records, report = read_patches(path, profile)
    assert len(records) == len(patches) and report.problems() == []
    assert records[0]["cultivated_mu"] == 1.5


@pytest.mark.parametrize("epsg", [4524, 4545, 4326])
def test_gauss_krueger_and_wgs84_are_brought_to_4490_and_areas_computed(qgis_app, tmp_path, patches, profile, epsg):
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst.ImportFromEPSG(epsg)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    rows = [((p.code, "610902", None, None), p.polygon) for p in patches]
    path = _write(str(tmp_path / "gk.gpkg"), "GPKG", epsg, rows, transform=osr.CoordinateTransformation(src, dst))
    records, report = read_patches(path, profile)
    assert report.crs == f"EPSG:{epsg}"
    assert sorted(report.computed_area) == sorted(p.code for p in patches)
    from shapely import wkb

    from weipian_plugin.core.view_geometry import to_local

    for rec, p in zip(records, patches):
        back = wkb.loads(rec["wkb"])
        assert back.centroid.distance(p.polygon.centroid) < 1e-6  # same place, in EPSG:4490
        c = p.polygon.centroid
        plane_mu = m2_to_mu(to_local(p.polygon, c.x, c.y).area)  # local tangent plane, independent of QGIS
        assert rec["area_mu"] == pytest.approx(plane_mu, rel=0.002)


def test_prefixed_gauss_krueger_without_prj_is_recognised(qgis_app, tmp_path, patches, profile):
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst.ImportFromEPSG(4524)  # zone 36, easting prefixed with 36
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    rows = [((p.code, "610902", "1", "20260520"), p.polygon) for p in patches]
    path = _write(str(tmp_path / "noprj.shp"), "ESRI Shapefile", 4524, rows,
                  transform=osr.CoordinateTransformation(src, dst))
    os.remove(str(tmp_path / "noprj.prj"))
    records, report = read_patches(path, profile)
    assert report.crs == "EPSG:4524" and len(records) == len(patches)


def test_bad_rows_are_reported_by_code_and_row(qgis_app, tmp_path, patches, profile):
    bowtie = Polygon([(109.0, 32.7), (109.01, 32.71), (109.01, 32.7), (109.0, 32.71)])
    rows = [((patches[0].code, "610902", "1", None), patches[0].polygon),
            ((None, "610902", "1", None), patches[1].polygon),
            ((patches[0].code, "610902", "2", None), patches[2].polygon),
            (("BOWTIE1", "610902", "1", None), bowtie),
            (("NOGEOM1", "610902", "1", None), None)]
    path = _write(str(tmp_path / "bad.gpkg"), "GPKG", 4490, rows)
    records, report = read_patches(path, profile)
    assert [r["code"] for r in records] == [patches[0].code, "BOWTIE1"]
    problems = report.problems()
    assert "row 2: no patch code" in problems
    assert f"row 3: duplicate code {patches[0].code} (first at row 1); not imported" in problems
    assert any(p.startswith("row 4: patch BOWTIE1 had an invalid geometry") for p in problems)
    assert "row 5: patch NOGEOM1 has no geometry; not imported" in problems
    from shapely import wkb

    assert wkb.loads(records[1]["wkb"]).is_valid


def test_field_map_override_and_missing_code_field(qgis_app, tmp_path, patches, profile):
    rows = [((p.code, "3.0"), p.polygon) for p in patches[:2]]
    path = _write(str(tmp_path / "odd.gpkg"), "GPKG", 4490, rows, fields=("BIANHAO", "GD"))
    with pytest.raises(ImportError_, match="no patch code field"):
        read_patches(path, profile)
    records, report = read_patches(path, profile, {"code": "BIANHAO", "cultivated_mu": "GD"})
    assert [r["code"] for r in records] == [p.code for p in patches[:2]] and records[0]["cultivated_mu"] == 3.0


def test_hostile_rows_are_named_problems_and_the_rest_is_imported(qgis_app, tmp_path, patches, profile):
    """Found by attacking the importer: each of these was imported as it came, or aborted the whole import."""
    from shapely.geometry import LineString, Point

    good = patches[0].polygon
    far = Polygon([(109.0, 95.0), (109.01, 95.0), (109.01, 95.01)])
    huge = Polygon([(1e20, 1e20), (1e20 + 1e15, 1e20), (1e20, 1e20 + 1e15)])
    spike = Polygon([(109.0, 32.7), (109.01, 32.7), (109.0, 32.7), (109.0, 32.71), (109.0, 32.7)])
    rows = [((patches[0].code, "610902", "1,234.5", None), good),
            (("../../x", "610902", "1", None), patches[1].polygon),
            (("POINT1", "610902", "1", None), Point(109.0, 32.7)),
            (("LINE1", "610902", "1", None), LineString([(109.0, 32.7), (109.01, 32.71)])),
            (("FAR1", "610902", "1", None), far),
            (("HUGE1", "610902", "1", None), huge),
            (("NAN1", "610902", "nan", None), patches[2].polygon),
            (("NEG1", "610902", "-5", None), patches[3].polygon),
            (("BIG1", "610902", "1e308", None), patches[4].polygon),
            (("INF1", "610902", "inf", None), patches[5].polygon),
            (("SPIKE1", "610902", "1", None), spike),
            ((patches[6].code, "610902", "2", None), patches[6].polygon)]
    path = _write(str(tmp_path / "hostile.geojson"), "GeoJSON", 4326, rows)
    records, report = read_patches(path, profile)
    assert [r["code"] for r in records] == [patches[0].code, patches[6].code]
    assert records[0]["cultivated_mu"] == 1234.5
    problems = "\n".join(report.problems())
    for row, code, words in [(2, "../../x", "unusable code"), (3, "POINT1", "not a polygon"),
                             (4, "LINE1", "not a polygon"), (5, "FAR1", "outside China"),
                             (6, "HUGE1", "outside China"), (7, "NAN1", "not a finite number"),
                             (8, "NEG1", "negative"), (9, "BIG1", "larger than any patch"),
                             (10, "INF1", "not a finite number"), (11, "SPIKE1", "")]:
        line = next((p for p in problems.splitlines() if p.startswith(f"row {row}: patch {code} ")), None)
        assert line is not None and words in line and line.endswith("not imported"), (row, problems)


def test_truncated_dbf_is_refused_naming_the_file(qgis_app, tmp_path, profile):
    from weipian_plugin.sample.generator import make_patches

    shp = write_shapefile(make_patches(3)[:60], str(tmp_path / "cut.shp"), "GBK", with_cpg=True)
    dbf = shp[:-4] + ".dbf"
    data = open(dbf, "rb").read()
    with open(dbf, "wb") as fh:
        fh.write(data[: len(data) // 2])
    with pytest.raises(ImportError_) as err:
        read_patches(shp, profile)
    assert "cut.dbf" in str(err.value) and "declares 60 records" in str(err.value)


def _rewrite_township(dbf_path, rows, encoding):
    """Write the township field of these records (1-based) in another encoding, as a second program would."""
    from weipian_plugin.core.dbf_text import _fields

    data = bytearray(open(dbf_path, "rb").read())
    header_len, record_len = int.from_bytes(data[8:10], "little"), int.from_bytes(data[10:12], "little")
    fields = _fields(bytes(data))
    text_fields = {name.decode("gbk", "replace"): (offset, width) for name, offset, width in fields}
    offset, width = next(v for k, v in text_fields.items() if k.startswith("乡镇") or k.upper().startswith("XZMC"))
    for row in rows:
        start = header_len + (row - 1) * record_len + offset
        old = bytes(data[start:start + width]).rstrip(b" ").decode("gbk")
        data[start:start + width] = old.encode(encoding).ljust(width, b" ")[:width]
    open(dbf_path, "wb").write(bytes(data))


@pytest.mark.parametrize("written,cpg", [("GBK", "UTF-8"), ("UTF-8", "GBK")])
def test_a_wrong_cpg_is_named_and_the_text_read_as_it_is(qgis_app, tmp_path, profile, written, cpg):
    pats = make_patches(5)[:20]
    shp = write_shapefile(pats, str(tmp_path / "wrong.shp"), written, with_cpg=True)
    with open(shp[:-4] + ".cpg", "w") as fh:
        fh.write(cpg)
    records, report = read_patches(shp, profile)
    assert sorted(r["township"] for r in records) == sorted(p.township for p in pats)
    assert any(f"the .cpg says {cpg}, but the text is {written}" in p for p in report.problems())


def test_records_in_another_encoding_than_the_rest_are_named_by_row(qgis_app, tmp_path, profile):
    """Mixed UTF-8/GBK records once came out as garbled township names with 0 problems."""
    pats = make_patches(5)[:20]
    shp = write_shapefile(pats, str(tmp_path / "mixed.shp"), "GBK", with_cpg=True)
    _rewrite_township(shp[:-4] + ".dbf", [3, 7], "utf-8")
    records, report = read_patches(shp, profile)
    problems = report.problems()
    for row in (3, 7):
        assert any(p.startswith(f"row {row}: patch {pats[row - 1].code} mixes UTF-8 and GBK text")
                   and p.endswith("not imported") for p in problems), problems
    assert len(records) == 18 and all("\ufffd" not in (r["township"] or "") for r in records)
    assert {r["township"] for r in records} <= {p.township for p in pats}


def test_deleted_dbf_records_are_not_taken_for_a_truncated_file(qgis_app, tmp_path, profile):
    """dBASE marks a deleted record with '*' and readers skip it: the header still counts it."""
    from weipian_plugin.core.dbf_text import _fields  # noqa: F401 (the layout the helper below relies on)

    pats = make_patches(5)[:10]
    shp = write_shapefile(pats, str(tmp_path / "deleted.shp"), "GBK", with_cpg=True)
    dbf = shp[:-4] + ".dbf"
    data = bytearray(open(dbf, "rb").read())
    header_len, record_len = int.from_bytes(data[8:10], "little"), int.from_bytes(data[10:12], "little")
    data[header_len + 2 * record_len] = ord("*")  # the third record deleted
    open(dbf, "wb").write(bytes(data))
    records, report = read_patches(shp, profile)
    assert sorted(r["code"] for r in records) == sorted(p.code for i, p in enumerate(pats) if i != 2)
    assert report.problems() == []
