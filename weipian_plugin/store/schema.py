"""The work package schema, its version and its migrations.

Spatial and attribute tables are created by GDAL (so QGIS and every GDAL reader see a standard GeoPackage);
constraints, indexes and the append-only audit triggers are added in SQL.
"""
from __future__ import annotations

import sqlite3
from typing import Callable, Dict, List, Tuple

SCHEMA_VERSION = 2
APPLICATION = "weipian_plugin work package"

TEXT, INT, REAL = "str", "int", "real"

PATCH_FIELDS: List[Tuple[str, str]] = [
    ("code", TEXT), ("county_code", TEXT), ("township", TEXT), ("class_code", TEXT), ("class_name", TEXT), ("level", INT),
    ("earlier_date", TEXT), ("later_date", TEXT), ("issued_at", TEXT), ("batch", TEXT),
    ("area_mu", REAL), ("cultivated_mu", REAL), ("permanent_mu", REAL), ("redline_mu", REAL),
    ("mineral", INT), ("military", INT), ("center_lon", REAL), ("center_lat", REAL),
    ("issued_json", TEXT), ("import_id", INT), ("source_row", INT),
    # v2: derived, kept current by the store (review state) and by checks (blocking findings), for maps and lists
    ("state", TEXT), ("blocking", INT),
]
EVIDENCE_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", TEXT), ("kind", TEXT), ("path", TEXT), ("original_name", TEXT), ("sha256", TEXT), ("size", INT),
    ("longitude", REAL), ("latitude", REAL), ("altitude", REAL), ("azimuth", REAL), ("azimuth_raw", REAL), ("azimuth_ref", TEXT),
    ("taken_at", TEXT), ("make", TEXT), ("model", TEXT), ("orientation", INT), ("problem_codes", TEXT), ("problem", TEXT),
    ("distance_m", REAL), ("azimuth_offset_deg", REAL), ("added_by", TEXT), ("added_at", TEXT),
]
VERIFICATION_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", TEXT), ("verdict", TEXT), ("subtype", TEXT), ("category", TEXT), ("illegal_cultivated_housing", INT),
    ("basis", TEXT), ("approval_no", TEXT), ("rectification", TEXT), ("verifier", TEXT), ("verified_at", TEXT),
]
REVIEW_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", TEXT), ("reviewer", TEXT), ("decision", TEXT), ("opinion", TEXT), ("reviewed_at", TEXT),
]
AUDIT_FIELDS: List[Tuple[str, str]] = [
    ("at", TEXT), ("actor", TEXT), ("action", TEXT), ("patch_code", TEXT), ("detail", TEXT),
]
IMPORT_FIELDS: List[Tuple[str, str]] = [
    ("source", TEXT), ("imported_at", TEXT), ("actor", TEXT), ("added", INT), ("skipped", INT), ("report", TEXT),
]
META_FIELDS: List[Tuple[str, str]] = [("key", TEXT), ("value", TEXT)]

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
CREATE INDEX IF NOT EXISTS patches_state ON patches(state);
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



def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """v2 adds patches.state and patches.blocking; states are computed from the verifications and reviews."""
    conn.execute("ALTER TABLE patches ADD COLUMN state TEXT")
    conn.execute("ALTER TABLE patches ADD COLUMN blocking INTEGER")
    # gpkg_data_columns and OGR need nothing more; compute the state of every patch
    from .states import refresh_all_states

    refresh_all_states(conn)


# version -> function migrating a package of that version to version + 1 (inside one transaction)
MIGRATIONS: Dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2}


def create_tables(path: str) -> None:
    """Create an empty GeoPackage with every table of the schema (GDAL/OGR does the GeoPackage part)."""
    from osgeo import ogr, osr

    ogr.UseExceptions()
    types = {TEXT: ogr.OFTString, INT: ogr.OFTInteger64, REAL: ogr.OFTReal}
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
