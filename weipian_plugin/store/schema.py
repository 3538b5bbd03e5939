"""The work package schema, its version and its migrations.

Spatial and attribute tables are created by GDAL (so QGIS and every GDAL reader see a standard GeoPackage);
constraints, indexes and the append-only audit triggers are added in SQL.
"""
from __future__ import annotations

import sqlite3
from typing import Dict, List, Tuple

SCHEMA_VERSION = 5
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
    # v5: the kind of a document (core.records.DOC_TYPES: approval, case papers, acceptance, …)
    ("doc_type", TEXT),
]
VERIFICATION_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", TEXT), ("verdict", TEXT), ("subtype", TEXT), ("category", TEXT), ("illegal_cultivated_housing", INT),
    ("basis", TEXT), ("approval_no", TEXT), ("rectification", TEXT), ("verifier", TEXT), ("verified_at", TEXT),
    # v5: 非农化 mark (001)
    ("nonagri", INT),
]
# v4: content_sha, the fingerprint of what the review decided on (core.model.reviewed_content_sha)
REVIEW_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", TEXT), ("reviewer", TEXT), ("decision", TEXT), ("opinion", TEXT), ("reviewed_at", TEXT),
    ("content_sha", TEXT),
]
# v4: a hash chain, each entry's sha covering the one before (store.audit_chain)
AUDIT_FIELDS: List[Tuple[str, str]] = [
    ("at", TEXT), ("actor", TEXT), ("action", TEXT), ("patch_code", TEXT), ("detail", TEXT),
    ("prev_sha", TEXT), ("sha", TEXT),
]
IMPORT_FIELDS: List[Tuple[str, str]] = [
    ("source", TEXT), ("imported_at", TEXT), ("actor", TEXT), ("added", INT), ("skipped", INT), ("report", TEXT),
]
META_FIELDS: List[Tuple[str, str]] = [("key", TEXT), ("value", TEXT)]
# v3: which township each patch was handed to, and the county's state of the patch at that moment (the base
# a return package is compared with); and conflicts, where both sides changed a patch since then
ASSIGNMENT_FIELDS: List[Tuple[str, str]] = [
    ("assignment_id", TEXT), ("township", TEXT), ("patch_code", TEXT), ("base_verification_sha", TEXT),
    ("base_state_sha", TEXT), ("base_evidence", TEXT), ("exported_at", TEXT), ("exported_by", TEXT),
]
CONFLICT_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", TEXT), ("detected_at", TEXT), ("source_package", TEXT), ("township", TEXT),
    ("township_version", TEXT), ("county_version", TEXT), ("resolved_at", TEXT), ("resolved_by", TEXT),
    ("resolution", TEXT),
]

# v5: what the county records beside the verdict (core.records): a higher level's determination, the acceptance
# of a deduction, the county's own field check, a collective review, a patch marked disputed or key. Append-only:
# the latest record of a kind for a patch is the one that holds; the older ones are its history.
RECORD_FIELDS: List[Tuple[str, str]] = [
    ("patch_code", TEXT), ("kind", TEXT), ("data", TEXT), ("recorded_by", TEXT), ("recorded_at", TEXT),
    ("source", TEXT),
]

# table name -> (geometry: None, 'MULTIPOLYGON' or 'POINT', srs, fields)
TABLES: Dict[str, Tuple] = {
    "patches": ("MULTIPOLYGON", 4490, PATCH_FIELDS),
    "evidence": ("POINT", 4326, EVIDENCE_FIELDS),
    "verifications": (None, None, VERIFICATION_FIELDS),
    "reviews": (None, None, REVIEW_FIELDS),
    "audit_log": (None, None, AUDIT_FIELDS),
    "imports": (None, None, IMPORT_FIELDS),
    "package_meta": (None, None, META_FIELDS),
    "assignments": (None, None, ASSIGNMENT_FIELDS),
    "conflicts": (None, None, CONFLICT_FIELDS),
    "patch_records": (None, None, RECORD_FIELDS),
}

# v4: the plugin's tables are written only through the plugin. Its connections have the SQL function below; any
# other (QGIS' attribute table, a database tool) has not, so a write there fails with "no such function:
# only_through_the_weipian_plugin" and changes nothing. A tool that drops these triggers is caught by the check
# (store.audit_chain.guard_problems). The audit log also refuses an entry at or below the last one (INSERT OR
# REPLACE would otherwise rewrite an entry without a DELETE).
WRITER_FUNCTION = "only_through_the_weipian_plugin"
GUARDED_TABLES = ("patches", "verifications", "reviews", "evidence", "assignments", "conflicts", "package_meta",
                  "imports", "audit_log", "patch_records")
GUARDS_SQL = "".join(
    f"CREATE TRIGGER IF NOT EXISTS guard_{table}_{event.lower()} BEFORE {event} ON {table}\n"
    f"  WHEN {WRITER_FUNCTION}() IS NOT 1\n"
    f"  BEGIN SELECT RAISE(ABORT, 'only the weipian plugin writes {table}'); END;\n"
    for table in GUARDED_TABLES for event in ("INSERT", "UPDATE", "DELETE")) + """\
CREATE TRIGGER IF NOT EXISTS audit_log_append_only BEFORE INSERT ON audit_log
  WHEN NEW.fid IS NOT NULL AND NEW.fid <> -1 AND NEW.fid <= (SELECT coalesce(max(fid), 0) FROM audit_log)
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""

CONSTRAINTS_SQL = """
CREATE UNIQUE INDEX IF NOT EXISTS patches_code ON patches(code);
CREATE UNIQUE INDEX IF NOT EXISTS verifications_patch ON verifications(patch_code);
CREATE INDEX IF NOT EXISTS evidence_patch ON evidence(patch_code);
CREATE INDEX IF NOT EXISTS patches_state ON patches(state);
CREATE INDEX IF NOT EXISTS evidence_sha ON evidence(sha256);
CREATE INDEX IF NOT EXISTS reviews_patch ON reviews(patch_code);
CREATE UNIQUE INDEX IF NOT EXISTS package_meta_key ON package_meta(key);
CREATE INDEX IF NOT EXISTS assignments_patch ON assignments(patch_code);
CREATE INDEX IF NOT EXISTS assignments_id ON assignments(assignment_id);
CREATE INDEX IF NOT EXISTS conflicts_patch ON conflicts(patch_code);
CREATE INDEX IF NOT EXISTS patch_records_patch ON patch_records(patch_code, kind);
CREATE TRIGGER IF NOT EXISTS patch_records_no_update BEFORE UPDATE ON patch_records
  BEGIN SELECT RAISE(ABORT, 'patch_records is append-only'); END;
CREATE TRIGGER IF NOT EXISTS patch_records_no_delete BEFORE DELETE ON patch_records
  BEGIN SELECT RAISE(ABORT, 'patch_records is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS verifications_check_code BEFORE INSERT ON verifications
  WHEN NEW.verdict IS NOT NULL AND (length(NEW.verdict) NOT BETWEEN 1 AND 8 OR NEW.verdict GLOB '*[^A-Z]*')
  BEGIN SELECT RAISE(ABORT, 'verdict must be a profile code (1 to 8 capital letters)'); END;
CREATE TRIGGER IF NOT EXISTS reviews_check_decision BEFORE INSERT ON reviews
  WHEN NEW.decision NOT IN ('pass', 'return')
  BEGIN SELECT RAISE(ABORT, 'decision must be pass or return'); END;
""" + GUARDS_SQL



_SQL_TYPES = {TEXT: "TEXT", INT: "INTEGER", REAL: "REAL"}


def create_attribute_table(conn: sqlite3.Connection, name: str, fields: List[Tuple[str, str]]) -> None:
    """A GeoPackage attributes table created in SQL (inside the caller's transaction), registered in
    gpkg_contents as GDAL would."""
    cols = ", ".join(f'"{f}" {_SQL_TYPES[t]}' for f, t in fields)
    conn.execute(f'CREATE TABLE "{name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {cols})')
    conn.execute("INSERT INTO gpkg_contents(table_name, data_type, identifier, last_change) "
                 "VALUES (?, 'attributes', ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))", (name, name))


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
