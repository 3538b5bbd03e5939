"""Faulty Shapefiles through every way a county starts the import: `qgis_process` (a real run of the deployed
plugin), Processing (what the dialog runs) and the service. Each names the file's problems the same way; a file
that cannot be imported whole leaves no package behind.

`create_work_package` once crashed through `qgis_process` on any faulty Shapefile (the report joined messages as
text after the package was written) and skipped the checks of the .dbf itself (a truncated file imported half, a
mixed-encoding file garbled), while the service, called with a path, refused and named them all."""
import json
import os
import subprocess

import pytest
from osgeo import osr
from shapely.geometry import Polygon
from test_deploy import ROOT, _env
from test_import import _rewrite_township, _write

from weipian_plugin.sample.generator import make_patches, write_shapefile
from weipian_plugin.services.patch_import import ImportError_, read_patches


def _shp(tmp_path, name, rows, fields=("JCBH", "XZQDM", "GDMJ", "HSX")):
    return _write(str(tmp_path / f"{name}.shp"), "ESRI Shapefile", 4490, rows, fields=fields,
                  options=("ENCODING=UTF-8",))


def faulty_shapefiles(tmp_path):
    """name → (path, what a user must be told: a row's problem, or the refusal of the whole file)."""
    pats = make_patches(11)[:8]
    good = [((p.code, "610902", "1", None), p.polygon) for p in pats[:4]]
    far = Polygon([(109.0, 95.0), (109.01, 95.0), (109.01, 95.01)])
    out = {
        "duplicate": (_shp(tmp_path, "duplicate", good + [((pats[0].code, "610902", "2", None), pats[4].polygon)]),
                      f"row 5: duplicate code {pats[0].code}"),
        "latitude95": (_shp(tmp_path, "latitude95", good + [(("FAR1", "610902", "1", None), far)]),
                       "row 5: patch FAR1 lies outside China"),
        "nan_area": (_shp(tmp_path, "nan_area", good + [(("NAN1", "610902", "nan", None), pats[5].polygon)]),
                     "row 5: patch NAN1 has an area field (GDMJ) that is not an area"),
        "no_code": (_shp(tmp_path, "no_code", good + [((None, "610902", "1", None), pats[6].polygon)]),
                    "row 5: no patch code"),
    }
    cut = write_shapefile(make_patches(3)[:60], str(tmp_path / "truncated.shp"), "GBK", with_cpg=True)
    dbf = cut[:-4] + ".dbf"
    data = open(dbf, "rb").read()
    header_len, record_len = int.from_bytes(data[8:10], "little"), int.from_bytes(data[10:12], "little")
    with open(dbf, "wb") as fh:  # cut after record 29 of 60
        fh.write(data[:header_len + 29 * record_len])
    out["truncated"] = (cut, "truncated.dbf: its header declares 60 records but 29 could be read")
    mixed = write_shapefile(make_patches(5)[:20], str(tmp_path / "mixed.shp"), "GBK", with_cpg=True)
    _rewrite_township(mixed[:-4] + ".dbf", [3, 7], "utf-8")
    out["mixed"] = (mixed, "row 3: patch")
    return out


REFUSED_WHOLE = {"truncated"}


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """The plugin deployed into a fresh HOME, as a county installs it; the environment to run qgis_process in."""
    home = tmp_path_factory.mktemp("home")
    (home / "run").mkdir(mode=0o700)
    env = _env(home)
    subprocess.run(["make", "-C", ROOT, "deploy"], env=env, check=True, capture_output=True)
    return env


def test_every_faulty_shapefile_is_named_through_qgis_process(deployed, tmp_path):
    for name, (shp, told) in faulty_shapefiles(tmp_path).items():
        out = tmp_path / f"{name}.gpkg"
        run = subprocess.run(["qgis_process.bin", "--json", "run", "weipian:create_work_package", "--",
                              f"INPUT={shp}", f"OUTPUT={out}"], env=deployed, capture_output=True, text=True,
                             timeout=300)
        said = run.stdout + run.stderr
        assert "Traceback" not in said and "TypeError" not in said, (name, said[-3000:])
        if name in REFUSED_WHOLE:
            assert run.returncode != 0 and told in said, (name, said[-3000:])
            assert not out.exists(), name  # nothing half-imported
            continue
        assert run.returncode == 0, (name, said[-3000:])
        results = json.loads(run.stdout[run.stdout.index("{"):])["results"]
        assert results["PROBLEMS"] >= 1 and told in results["REPORT"], (name, results)
        assert results["ADDED"] >= 4 and out.exists(), (name, results)
        if name == "mixed":  # the two records in the other encoding, never garbled into the package
            assert "mixes UTF-8 and GBK text" in results["REPORT"] and results["ADDED"] == 18, results


def test_every_faulty_shapefile_is_named_through_processing_and_the_service(provider, profile, tmp_path):
    """The Processing dialog runs the algorithm on a layer object; the service is given the path: the same
    problems either way."""
    import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    for name, (shp, told) in faulty_shapefiles(tmp_path).items():
        out = str(tmp_path / f"{name}.gpkg")
        layer = QgsVectorLayer(shp, name, "ogr")  # what the dialog hands the algorithm
        if name in REFUSED_WHOLE:
            with pytest.raises(QgsProcessingException, match="declares 60 records"):
                processing.run("weipian:create_work_package", {"INPUT": layer, "OUTPUT": out})
            with pytest.raises(ImportError_, match="declares 60 records"):
                read_patches(shp, profile)
            assert not os.path.exists(out)
            continue
        res = processing.run("weipian:create_work_package", {"INPUT": layer, "OUTPUT": out})
        records, report = read_patches(shp, profile)
        assert told in res["REPORT"] and res["PROBLEMS"] == len(report.problems()) >= 1, (name, res["REPORT"])
        assert res["ADDED"] == len(records), name


def test_a_gauss_krueger_shapefile_without_dbf_problems_still_reads_through_processing(provider, tmp_path):
    """The path taken for a Shapefile keeps what the layer had right (its CRS from the .prj)."""
    import processing

    pats = make_patches(2)[:5]
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst.ImportFromEPSG(4524)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    shp = _write(str(tmp_path / "gk.shp"), "ESRI Shapefile", 4524,
                 [((p.code, "610902", "1", None), p.polygon) for p in pats], transform=osr.CoordinateTransformation(src, dst))
    res = processing.run("weipian:create_work_package", {"INPUT": shp, "OUTPUT": str(tmp_path / "gk.gpkg")})
    assert res["ADDED"] == len(pats) and res["PROBLEMS"] == 0, res["REPORT"]
