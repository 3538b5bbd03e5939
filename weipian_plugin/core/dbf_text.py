"""Which encoding the text of a dBASE (.dbf) file is really in, record by record.

A Shapefile's .cpg names an encoding, but counties receive files whose .cpg is wrong, or whose records were
written by two programs in two encodings (UTF-8 and GBK mixed). Read blindly, such text comes out garbled with no
word said. Here every text value of every record is classified as ASCII, UTF-8 or GBK from its bytes; the file's
encoding is what its records are in, a .cpg that says otherwise is named, and records in another encoding than
the rest, or in none, are named by row. Values cut at the field's byte width may end in half a character; that
half is not held against them.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Tuple

from .messages import QT_TRANSLATE_NOOP, Msg

UTF8, GBK = "UTF-8", "GBK"


@dataclass
class TextCheck:
    encoding: str  # the encoding to read the file with
    notes: List[str] = field(default_factory=list)  # file-level: a .cpg that is wrong
    bad_rows: Dict[int, str] = field(default_factory=dict)  # row (1-based, deleted records not counted) → why
    declared: int = 0  # records the header counts (deleted ones included)
    present: int = 0  # of those, records whose bytes are all in the file
    live: int = 0  # present records not marked deleted: what a reader returns


def _fields(data: bytes) -> List[Tuple[bytes, int, int]]:
    """(name, offset in the record, width) of every character field."""
    header_len = struct.unpack("<H", data[8:10])[0]
    out, pos, offset = [], 32, 1  # byte 0 of a record is the deletion flag
    while pos + 32 <= min(header_len, len(data)) and data[pos] != 0x0D:
        desc = data[pos:pos + 32]
        width = desc[16]
        if desc[11:12] == b"C":
            out.append((desc[:11].split(b"\0", 1)[0], offset, width))
        offset += width
        pos += 32
    return out


def declared_records(data: bytes) -> int:
    return struct.unpack("<I", data[4:8])[0]


def records(data: bytes) -> Iterator[Tuple[int, List[bytes]]]:
    """(row, text values) for every present record that is not deleted, rows numbered as readers number them;
    it stops at the first record the file holds only part of."""
    header_len, record_len = struct.unpack("<HH", data[8:12])
    fields = _fields(data)
    row = 0
    for i in range(declared_records(data)):
        start = header_len + i * record_len
        rec = data[start:start + record_len]
        if len(rec) < record_len:
            return
        if rec[:1] == b"*":
            continue
        row += 1
        yield row, [rec[o:o + w].rstrip(b" \0") for _, o, w in fields]


def present_records(data: bytes) -> int:
    """How many of the declared records the file holds in full (deleted ones included)."""
    header_len, record_len = struct.unpack("<HH", data[8:12])
    whole = max(0, len(data) - header_len) // record_len if record_len else 0
    return min(declared_records(data), whole)


def _decodes(value: bytes, encoding: str) -> bool:
    """Strictly decodable, allowing only an incomplete last character (a value cut at the field width)."""
    try:
        value.decode(encoding)
        return True
    except UnicodeDecodeError as exc:
        if exc.end < len(value) or exc.start < len(value) - 3:
            return False
        try:
            value[:exc.start].decode(encoding)
            return True
        except UnicodeDecodeError:
            return False


def classify(value: bytes) -> str:
    """'ascii', 'utf8', 'gbk' or 'bad' for one text value."""
    if all(b < 0x80 for b in value):
        return "ascii"
    if _decodes(value, "utf-8"):
        return "utf8"
    if _decodes(value, "gb18030"):
        return "gbk"
    return "bad"


def check_text(data: bytes, declared: Optional[str]) -> TextCheck:
    """The encoding to read the records with, what is wrong with the .cpg, and which rows cannot be read."""
    kinds: Dict[int, str] = {}
    live = 0
    for row, values in records(data):
        live = row
        found = {classify(v) for v in values} - {"ascii"}
        if "bad" in found:
            kinds[row] = "bad"
        elif len(found) == 2:
            kinds[row] = "mixed"
        elif found:
            kinds[row] = found.pop()
    utf8 = [r for r, k in kinds.items() if k == "utf8"]
    gbk = [r for r, k in kinds.items() if k == "gbk"]
    declared_kind = None if declared is None else ("utf8" if "UTF" in declared.upper() else "gbk")
    if utf8 or gbk:
        majority = "utf8" if len(utf8) >= len(gbk) else "gbk"
    else:
        majority = declared_kind or "utf8"
    name = {"utf8": UTF8, "gbk": GBK}
    check = TextCheck(UTF8 if majority == "utf8" else (declared if declared_kind == "gbk" and declared else GBK),
                      declared=declared_records(data), present=present_records(data), live=live)
    if declared_kind and declared_kind != majority and (utf8 or gbk):
        check.notes.append(Msg(QT_TRANSLATE_NOOP("weipian", "the .cpg says {declared}, but the text is {actual}: read as "
                                                            "{actual}"), declared=declared, actual=name[majority]))
    for row, kind in sorted(kinds.items()):
        if kind == "bad":
            check.bad_rows[row] = Msg(QT_TRANSLATE_NOOP("weipian", "has text that is neither UTF-8 nor GBK"))
        elif kind == "mixed":
            check.bad_rows[row] = Msg(QT_TRANSLATE_NOOP("weipian", "mixes UTF-8 and GBK text (the rest of the file is "
                                                                   "{rest})"), rest=name[majority])
        elif kind != majority:
            check.bad_rows[row] = Msg(QT_TRANSLATE_NOOP("weipian", "has text in another encoding ({kind}) than the rest of "
                                                                   "the file ({rest})"), kind=name[kind], rest=name[majority])
    return check
