"""GeoPackage geometry blobs (GPKG header + WKB), and the ST_* SQL functions GDAL's R-tree triggers call.

Writes go through Python's sqlite3, which lacks the ST_* functions GDAL registers; we register the few
that the standard R-tree triggers use so the spatial index stays right.
"""
from __future__ import annotations

import sqlite3
import struct
from typing import Optional, Tuple

_SHAPELY_WKB = None  # shapely, imported at the first geometry (a check's helper process reads none)


def _wkb():
    global _SHAPELY_WKB
    if _SHAPELY_WKB is None:
        from shapely import wkb

        _SHAPELY_WKB = wkb
    return _SHAPELY_WKB

_ENV_SIZES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def encode(wkb: Optional[bytes], srs_id: int) -> Optional[bytes]:
    if wkb is None:
        return None
    geom = _wkb().loads(bytes(wkb))
    if geom.is_empty:
        return b"GP" + bytes([0, 0x11]) + struct.pack("<i", srs_id) + bytes(wkb)
    minx, miny, maxx, maxy = geom.bounds
    return b"GP" + bytes([0, 0x03]) + struct.pack("<i4d", srs_id, minx, maxx, miny, maxy) + bytes(wkb)


def _header(blob: bytes) -> Tuple[int, int, bool]:
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    env = _ENV_SIZES.get((flags >> 1) & 0x07)
    if env is None:
        raise ValueError("bad envelope indicator")
    return flags, env, bool(flags & 0x10)


def decode(blob: Optional[bytes]) -> Optional[bytes]:
    """WKB of a GeoPackage blob, or None."""
    if blob is None:
        return None
    _, env, _ = _header(blob)
    return bytes(blob[8 + env:])


def _envelope(blob) -> Optional[Tuple[float, float, float, float]]:
    if blob is None:
        return None
    flags, env, empty = _header(blob)
    if empty:
        return None
    if env >= 32:
        fmt = "<4d" if flags & 1 else ">4d"
        return struct.unpack(fmt, blob[8:40])  # minx, maxx, miny, maxy
    g = _wkb().loads(bytes(blob[8:]))
    if g.is_empty:
        return None
    minx, miny, maxx, maxy = g.bounds
    return minx, maxx, miny, maxy


def _is_empty(blob) -> int:
    return 1 if blob is None or _envelope(blob) is None else 0


def register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        conn.create_function(name, 1, lambda b, i=i: (_envelope(b) or (None,) * 4)[i], deterministic=True)
