"""The work package schema, its version and its migrations.

Spatial and attribute tables are created by GDAL (so QGIS and every GDAL reader see a standard GeoPackage);
constraints, indexes and the append-only audit triggers are added in SQL.
"""
from __future__ import annotations

import sqlite3
from typing import Callable, Dict, List, Tuple

SCHEMA_VERSION = 1
APPLICATION = "weipian_plugin work package"

S, I, R = "str", "int", "real"

PATCH_FIELDS: List[Tuple[str, str]] = [
    ("code", S), ("county_code", S), ("township", S), ("class_code", S), ("class_name", S), ("level", I),
    ("earlier_date", S), ("later_date", S), ("issued_at", S), ("batch", S),
    ("area_mu", R), ("cultivated_mu", R), ("permanent_mu", R), ("redline_mu", R),
    ("mineral", I), ("military", I), ("center_lon", R), ("center_lat", R),
    ("issued_json", S), ("import_id", I), ("source_row", I),
]
EVIDENCE_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", S), ("kind", S), ("path", S), ("original_name", S), ("sha256", S), ("size", I),
    ("longitude", R), ("latitude", R), ("altitude", R), ("azimuth", R), ("azimuth_raw", R), ("azimuth_ref", S),
    ("taken_at", S), ("make", S), ("model", S), ("orientation", I), ("problem_codes", S), ("problem", S),
    ("distance_m", R), ("azimuth_offset_deg", R), ("added_by", S), ("added_at", S),
]
VERIFICATION_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", S), ("verdict", S), ("subtype", S), ("category", S), ("illegal_cultivated_housing", I),
    ("basis", S), ("approval_no", S), ("rectification", S), ("verifier", S), ("verified_at", S),
]
REVIEW_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", S), ("reviewer", S), ("decision", S), ("opinion", S), ("reviewed_at", S),
]
AUDIT_FIELDS: List[Tuple[str, str]] = [
    ("at", S), ("actor", S), ("action", S), ("patch_code", S), ("detail", S),
]
IMPORT_FIELDS: List[Tuple[str, str]] = [
    ("source", S), ("imported_at", S), ("actor", S), ("added", I), ("skipped", I), ("report", S),
]
META_FIELDS: List[Tuple[str, str]] = [("key", S), ("value", S)]

# table name -> (geometry: None, 'MULTIPOLYGON' or 'POINT', srs, fields)
TABLES: Dict[str, Tuple] = {
    "patches": ("MULTIPOLYGON", 4490, PATCH_FIELDS),
    "evidence": ("POINT", 4326, EVIDENCE_FIELDS),
    "verifications": (None, None, VERIFICATION_FIELDS),
    "reviews": (None, None, REVIEW_FIELDS),
    "audit_log": (None, None, AUDIT_FIELDS),
    "imports": (None, None, IMPORT_FIELDS),
    "package_meta": (None, None, META_FIELDS),
}

CONSTRAINTS_SQL = """
CREATE UNIQUE INDEX IF NOT EXISTS patches_code ON patches(code);
CREATE UNIQUE INDEX IF NOT EXISTS verifications_patch ON verifications(patch_code);
CREATE INDEX IF NOT EXISTS evidence_patch ON evidence(patch_code);
CREATE INDEX IF NOT EXISTS evidence_sha ON evidence(sha256);
CREATE INDEX IF NOT EXISTS reviews_patch ON reviews(patch_code);
CREATE UNIQUE INDEX IF NOT EXISTS package_meta_key ON package_meta(key);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS verifications_check_verdict BEFORE INSERT ON verifications
  WHEN NEW.verdict IS NOT NULL AND NEW.verdict NOT IN ('HF', 'WF', 'QT')
  BEGIN SELECT RAISE(ABORT, 'verdict must be HF, WF or QT'); END;
CREATE TRIGGER IF NOT EXISTS reviews_check_decision BEFORE INSERT ON reviews
  WHEN NEW.decision NOT IN ('pass', 'return')
  BEGIN SELECT RAISE(ABORT, 'decision must be pass or return'); END;
"""

# version -> function migrating a package of that version to version + 1 (inside one transaction)
MIGRATIONS: Dict[int, Callable[[sqlite3.Connection], None]] = {}


def create_tables(path: str) -> None:
    """Create an empty GeoPackage with every table of the schema (GDAL/OGR does the GeoPackage part)."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    types = {S: ogr.OFTString, I: ogr.OFTInteger64, R: ogr.OFTReal}
    geoms = {None: ogr.wkbNone, "MULTIPOLYGON": ogr.wkbMultiPolygon, "POINT": ogr.wkbPoint}
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    if ds is None:
        raise OSError(f"{path}: cannot create GeoPackage")
    try:
        for name, (geom, srs_id, fields) in TABLES.items():
            srs = None
            if srs_id:
                srs = osr.SpatialReference()
                srs.ImportFromEPSG(srs_id)
                srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            layer = ds.CreateLayer(name, srs, geoms[geom], ["FID=fid", "GEOMETRY_NAME=geom"])
            for fname, ftype in fields:
                layer.CreateField(ogr.FieldDefn(fname, types[ftype]))
    finally:
        ds = None  # closes and writes the spatial index triggers
