"""Publish a GeoPackage work package into a PostgreSQL/PostGIS schema (the county office's shared store), and
take one back into a GeoPackage. Every table is copied row for row with its fid, so the way there and back
loses nothing (the audit log's hash chain included); the evidence bytes go into the database, each checked
against the sha256 recorded when it was attached.

Both ways are one transaction on the server: a failure (a changed photo, a dropped connection) leaves nothing.
The GeoPackage side is read only; the way back writes a new package beside nothing existing (never overwrites).
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from typing import Callable, Dict, Optional

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from . import gpkg_blob
from .pg_copy import FileCopy as _EvidenceCopy
from .pg_copy import FileCopyError
from .pg_schema import check_schema_name, create_sql, protect_sql, roles, schema_taken
from .schema import CONSTRAINTS_SQL, TABLES, create_tables
from .work_package import PackageError, WorkPackage, _connect

OfficeStoreError = FileCopyError  # a file or schema refused: said as such, nothing kept


def _columns(name: str):
    geom, srid, fields = TABLES[name]
    return geom, srid, [f for f, _ in fields]


def publish_work_package(gpkg_path: str, conn, schema: str,
                         progress: Optional[Callable[[float], None]] = None) -> Dict[str, int]:
    """Copies the package at gpkg_path into a new schema (refused when it exists). Returns rows per table. The
    office package signs with the publishing desk's key and starts out trusting the keys that desk trusts (the
    county keeps one key, and its townships' keys, whatever store it works on)."""
    from .keys import Desk, pg_set_seed, pg_trust_key

    check_schema_name(schema)
    desk = Desk.current()
    step = progress or (lambda p: None)
    with WorkPackage.open(gpkg_path) as wp:  # migrated to the current schema first, if older
        base = os.path.dirname(wp.path)
        counts: Dict[str, int] = {}
        with wp.one_moment():  # the package as it is now, whatever a dock saves meanwhile
            with conn:  # one transaction: all or nothing
                with conn.cursor() as cur:
                    taken = schema_taken(cur, schema, roles(schema))
                    if taken:
                        raise OfficeStoreError(taken)
                    cur.execute("SET LOCAL statement_timeout = 0")  # a month of photos streams in
                    for sql in create_sql(schema):
                        cur.execute(sql)
                    pg_set_seed(cur, schema, desk.seed())
                    for key in desk.trusted_keys():
                        pg_trust_key(cur, schema, key)
                    for i, name in enumerate(TABLES):
                        counts[name] = _copy_up(wp.conn, cur, schema, name)
                        step(40.0 * (i + 1) / len(TABLES))
                    counts["evidence_files"] = _files_up(wp, cur, schema, base, step)
                    for name in TABLES:  # identities continue after the copied fids
                        cur.execute(f"SELECT setval(pg_get_serial_sequence('{schema}.{name}', 'fid'), "
                                    f"coalesce((SELECT max(fid) FROM {schema}.{name}), 0) + 1, false)")
                    for sql in protect_sql(schema):  # the rules, once the rows are in as they were
                        cur.execute(sql)
    step(100.0)
    return counts


def _copy_up(src: sqlite3.Connection, cur, schema: str, name: str) -> int:
    from psycopg2.extras import execute_values

    geom, srid, fields = _columns(name)
    cols = ["fid"] + (["geom"] if geom else []) + fields
    select = ", ".join(f'"{c}"' for c in cols)
    template = "(" + ", ".join(["%s"] + ([f"ST_GeomFromWKB(%s, {int(srid)})"] if geom else []) +
                               ["%s"] * len(fields)) + ")"
    insert = f"INSERT INTO {schema}.{name} ({', '.join(chr(34) + c + chr(34) for c in cols)}) VALUES %s"
    n = 0
    rows = src.execute(f"SELECT {select} FROM {name} ORDER BY fid")
    while True:
        batch = rows.fetchmany(2000)  # a few thousand rows a statement: memory stays bounded at any size
        if not batch:
            return n
        values = []
        for row in batch:
            row = list(row)
            if geom:
                wkb = gpkg_blob.decode(row[1])
                row[1] = bytes(wkb) if wkb is not None else None
            values.append(row)
        execute_values(cur, insert, values, template=template, page_size=len(values))
        n += len(values)


def _files_up(wp: WorkPackage, cur, schema: str, base: str, step) -> int:
    """Each evidence file once (by sha256), checked against the record on the way in, streamed into the table
    with COPY in PostgreSQL's binary format: one file in memory at a time, no per-file statement."""
    records = wp.conn.execute("SELECT path, sha256, size FROM evidence ORDER BY fid").fetchall()
    import psycopg2

    stream = _EvidenceCopy(records, base, step)
    try:
        cur.copy_expert(f"COPY {schema}.evidence_files (sha256, size, data) FROM STDIN WITH (FORMAT binary)", stream)
    except psycopg2.Error:
        if stream.error is not None:  # the file's problem, not the server's: said as such (all rolls back)
            raise stream.error from None
        raise
    return len(stream.seen)


def export_work_package(conn, schema: str, gpkg_path: str) -> Dict[str, int]:
    """A GeoPackage work package made from the schema: every table row for row, the evidence files written
    beside it at their recorded paths, each checked against its sha256 on the way out."""
    check_schema_name(schema)
    path = os.path.abspath(gpkg_path)
    if os.path.exists(path):
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: already exists; a work package is never overwritten"),
                               path=path))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = os.path.splitext(path)[0] + ".creating.gpkg"
    if os.path.exists(tmp):
        os.remove(tmp)
    base = os.path.dirname(path)
    counts: Dict[str, int] = {}
    written = []
    try:
        create_tables(tmp)
        out = _connect(tmp)
        out.executescript(CONSTRAINTS_SQL)
        conn.set_session(readonly=True, isolation_level="REPEATABLE READ")  # one moment of the schema
        try:
            with conn.cursor() as cur:
                out.execute("BEGIN IMMEDIATE")
                for name in TABLES:
                    counts[name] = _copy_down(cur, out, schema, name)
                out.execute("COMMIT")
                counts["evidence_files"] = _files_down(cur, out, schema, base, written)
            conn.rollback()
        finally:
            conn.set_session(readonly=False, isolation_level="READ COMMITTED")
        out.close()
    except Exception:
        for f in written:
            if os.path.exists(f):
                os.remove(f)
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    os.replace(tmp, path)
    return counts


def _copy_down(cur, out: sqlite3.Connection, schema: str, name: str) -> int:
    geom, srid, fields = _columns(name)
    cols = ["fid"] + (["ST_AsBinary(geom)"] if geom else []) + [f'"{f}"' for f in fields]
    # what only the server keeps (the package's change channel) does not leave it
    where = " WHERE key NOT IN ('county_channel')" if name == "package_meta" else ""
    cur.execute(f"SELECT {', '.join(cols)} FROM {schema}.{name}{where} ORDER BY fid")
    names = ["fid"] + (["geom"] if geom else []) + fields
    insert = f"INSERT INTO {name} ({', '.join(chr(34) + c + chr(34) for c in names)}) VALUES " \
             f"({', '.join('?' for _ in names)})"
    n = 0
    for row in cur:
        values = list(row)
        if geom:
            values[1] = gpkg_blob.encode(bytes(values[1]), srid) if values[1] is not None else None
        out.execute(insert, values)
        n += 1
    return n


def _files_down(cur, out: sqlite3.Connection, schema: str, base: str, written) -> int:
    n = 0
    for path, sha in out.execute("SELECT DISTINCT path, sha256 FROM evidence ORDER BY path").fetchall():
        full = os.path.normpath(os.path.join(base, path))
        if not full.startswith(os.path.join(os.path.abspath(base), "")):  # a path from the server stays inside
            raise OfficeStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: an evidence path leaves the package's "
                                                                    "folder; refused"), path=path))
        cur.execute(f"SELECT data FROM {schema}.evidence_files WHERE sha256 = %s", (sha,))
        row = cur.fetchone()
        if row is None:
            raise OfficeStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: its file is not in the database"),
                                       path=path))
        data = bytes(row[0])
        if hashlib.sha256(data).hexdigest() != sha:
            raise OfficeStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: the stored bytes do not match their "
                                                                    "sha256"), path=path))
        if os.path.exists(full):
            with open(full, "rb") as fh:
                if hashlib.sha256(fh.read()).hexdigest() == sha:
                    continue  # the same file is already there
            raise OfficeStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: a different file is already there; "
                                                                    "nothing is overwritten"), path=full))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "xb") as fh:
            fh.write(data)
        written.append(full)
        n += 1
    return n
