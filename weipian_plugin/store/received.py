"""A work package received from elsewhere (a township's return package, an assignment package from the county)
is never opened as it is: nothing it declares — triggers, views, extra tables, an older schema to migrate — may
run here. Its rows are read (reading runs no trigger) into a fresh package that this plugin creates, and only
that copy is ever opened or written.
"""
from __future__ import annotations

import json
import os
import sqlite3
from typing import Dict, List

from ..core import records
from ..core.messages import QT_TRANSLATE_NOOP, Joined, Msg
from ..core.names import patch_code_problem, plain_relative
from . import gpkg_blob
from .schema import CONSTRAINTS_SQL, SCHEMA_VERSION, TABLES, WRITER_FUNCTION, create_tables


class ReceivedPackageError(Exception):
    """The received GeoPackage cannot be taken; the message names the file and the reason."""


def _columns(conn: sqlite3.Connection, table: str) -> List[str]:
    return [r[1] for r in conn.execute(f'PRAGMA src.table_info("{table}")')]


def _check(conn: sqlite3.Connection, label: str) -> None:
    objects: Dict[str, tuple] = {r[0]: (r[1], r[2] or "") for r in
                                 conn.execute("SELECT name, type, sql FROM src.sqlite_master")}
    problems = []
    for table, (geom, _srs, fields) in TABLES.items():
        kind, sql = objects.get(table, (None, ""))
        if kind != "table" or not sql.lstrip().upper().startswith("CREATE TABLE"):
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "has no plain table {table!r}"), table=table) if kind is None
                            else Msg(QT_TRANSLATE_NOOP("weipian", "{table!r} is a {kind}, not a table"), table=table,
                                     kind=kind))
            continue
        have = set(_columns(conn, table))
        wanted = {"fid"} | {f for f, _ in fields} | ({"geom"} if geom else set())
        missing = wanted - have
        if missing:
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "table {table!r} lacks the columns {value}"), table=table, value=', '.join(sorted(missing))))
    if problems:
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: not a work package of this plugin ({value})"), label=label, value=Joined(problems)))
    row = conn.execute("SELECT value FROM src.package_meta WHERE key='schema_version'").fetchone()
    raw = row[0] if row else None
    try:
        version = int(raw)
    except (TypeError, ValueError):
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: unreadable schema version {raw!r}"), label=label, raw=raw)) from None
    bad_codes = [code for (code,) in conn.execute("SELECT code FROM src.patches") if patch_code_problem(code or "")]
    if bad_codes:
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: unusable patch codes {value}"), label=label, value=', '.join((repr(c) for c in bad_codes[:5]))))
    bad_paths = [path for (path,) in conn.execute("SELECT path FROM src.evidence") if not plain_relative(path)]
    if bad_paths:
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: evidence paths outside the package {value}"), label=label, value=', '.join((repr(p) for p in bad_paths[:5]))))
    if version != SCHEMA_VERSION:
        raise ReceivedPackageError(
            Msg(QT_TRANSLATE_NOOP("weipian", "{label}: schema version {version}, this plugin takes packages of version {schema_version} only (the sender and the receiver must use the same plugin version)"), label=label, version=version, schema_version=SCHEMA_VERSION))
    bad_types = [t for (t,) in conn.execute("SELECT DISTINCT doc_type FROM src.evidence WHERE doc_type IS NOT NULL")
                 if t not in records.DOC_TYPES]
    if bad_types:
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: unknown document types {value}"), label=label, value=', '.join(repr(t) for t in bad_types[:5])))
    for fid, kind, data in conn.execute("SELECT fid, kind, data FROM src.patch_records"):
        try:
            records.parse_record(kind, json.loads(data))
        except (TypeError, ValueError) as exc:
            raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: patch record {fid} is not valid ({reason})"), label=label, fid=fid, reason=exc.args[0] if exc.args else str(exc))) from None


def clean_copy(source: str, target: str, label: str = "") -> None:
    """Copy the rows of the plugin's own tables from the received GeoPackage `source` into a new package at
    `target`, created here with this plugin's schema. The source is opened read-only and never written."""
    label = label or os.path.basename(source)
    if os.path.exists(target):
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{target}: already exists; nothing is written over"), target=target))
    with open(source, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: not a GeoPackage (not an SQLite file)"), label=label))
    tmp = os.path.splitext(target)[0] + ".copying.gpkg"  # GDAL wants the .gpkg extension
    if os.path.exists(tmp):
        os.remove(tmp)
    try:
        create_tables(tmp)
        conn = sqlite3.connect(tmp, isolation_level=None, uri=True)
        try:
            gpkg_blob.register_functions(conn)  # the R-tree triggers of the new package call them
            conn.create_function(WRITER_FUNCTION, 0, lambda: 1, deterministic=True)
            conn.executescript(CONSTRAINTS_SQL)
            uri = "file:" + os.path.abspath(source).replace("?", "%3f").replace("#", "%23") + "?mode=ro&immutable=1"
            conn.execute("ATTACH DATABASE ? AS src", (uri,))
            try:
                _check(conn, label)
                conn.execute("BEGIN IMMEDIATE")
                for table, (geom, _srs, fields) in TABLES.items():
                    cols = ["fid"] + (["geom"] if geom else []) + [f for f, _ in fields]
                    quoted = ", ".join(f'"{c}"' for c in cols)
                    conn.execute(f'INSERT INTO main."{table}"({quoted}) SELECT {quoted} FROM src."{table}" '
                                 f"ORDER BY fid")
                conn.execute("COMMIT")
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                conn.execute("DETACH DATABASE src")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{label}: damaged or not a work package ({exc})"), label=label, exc=exc)) from exc
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    os.replace(tmp, target)


def results_rows(path: str, fields) -> Dict[str, Dict]:
    """JCBH → {these fields, 'wkb'} of a received upload's results GeoPackage, read as rows of a plain table `tb`
    (read only, immutable, trusted_schema off: nothing the file declares runs)."""
    uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + "?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        row = conn.execute("SELECT type, sql FROM sqlite_master WHERE name = 'tb'").fetchone()
        if row is None or row[0] != "table" or not (row[1] or "").lstrip().upper().startswith("CREATE TABLE"):
            raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "its results GeoPackage has no plain table tb")))
        out = {}
        for values in conn.execute(f"SELECT JCBH, geom, {', '.join(fields)} FROM tb"):
            code, geom = values[0], values[1]
            if not isinstance(code, str):
                continue
            wkb = gpkg_blob.decode(geom) if geom else None
            out[code] = dict(zip(fields, values[2:]), wkb=bytes(wkb) if wkb is not None else None)
        return out
    except sqlite3.Error as exc:
        raise ReceivedPackageError(Msg(QT_TRANSLATE_NOOP("weipian", "its results GeoPackage cannot be read ({exc})"),
                                       exc=exc)) from None
    finally:
        conn.close()
