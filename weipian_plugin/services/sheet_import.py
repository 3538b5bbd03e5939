"""Read a sheet received from elsewhere (a county's verdict sheet, a higher level's list of findings): a UTF-8
CSV or an XLSX. Values come back as text by header name with their row numbers as a spreadsheet shows them;
nothing in the file is executed (an XLSX formula gives at most its stored value). XLSX is read by GDAL."""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence, Set, Tuple

from ..core.messages import QT_TRANSLATE_NOOP, Joined, Msg

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000


class SheetError(ValueError):
    """The sheet cannot be read; the message names the file and the reason."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed into a number cell
    return str(value).strip()


def read_sheet(path: str) -> Tuple[List[str], List[Tuple[int, Dict[str, str]]]]:
    """(headers, [(row number, {header: text})]) of the first sheet; empty rows are left out."""
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: no such file"), name=path))
    if os.path.getsize(path) > MAX_BYTES:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: larger than {limit} MB; not read"), name=name,
                             limit=MAX_BYTES // (1024 * 1024)))
    ext = os.path.splitext(path)[1].lower()
    if ext == ".csv":
        headers, rows = _read_csv(path, name)
    elif ext == ".xlsx":
        headers, rows = _read_xlsx(path, name)
    else:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: a sheet is read as .csv (UTF-8) or .xlsx"), name=name))
    if len(rows) > MAX_ROWS:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: more than {limit} rows; not read"), name=name,
                             limit=MAX_ROWS))
    dupes = sorted({h for h in headers if h and headers.count(h) > 1})
    if dupes:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: the column {value} appears twice"), name=name,
                             value=", ".join(dupes)))
    return headers, rows


def _read_csv(path: str, name: str):
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            headers = [h.strip() for h in next(reader, [])]
            rows = []
            for number, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                if len(values) > len(headers):
                    raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: row {row} has more values than there are columns"), name=name, row=number))
                rows.append((number, {h: v.strip() for h, v in zip(headers, values)}))
    except UnicodeDecodeError:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: not UTF-8 text; save the sheet as CSV UTF-8 or as .xlsx"), name=name)) from None
    except csv.Error as exc:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: not a readable CSV ({text})"), name=name, text=str(exc))) from None
    return headers, rows


def _read_xlsx(path: str, name: str):
    from osgeo import gdal

    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["XLSX"],
                         open_options=["HEADERS=FORCE", "FIELD_TYPES=STRING"])
    except RuntimeError as exc:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: not a readable XLSX ({text})"), name=name, text=str(exc))) from None
    if ds is None or ds.GetLayerCount() == 0:
        raise SheetError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: not a readable XLSX"), name=name))
    layer = ds.GetLayer(0)
    defn = layer.GetLayerDefn()
    headers = [defn.GetFieldDefn(i).GetName().strip() for i in range(defn.GetFieldCount())]
    rows = []
    for feature in layer:
        values = {h: _text(feature.GetField(i)) for i, h in enumerate(headers)}
        if any(values.values()):
            rows.append((int(feature.GetFID()), values))
        if len(rows) > MAX_ROWS:
            break
    return headers, rows


def column(headers: List[str], *names: str) -> str:
    """The first of these header names (a code or its Chinese title) that the sheet has, else ''."""
    for n in names:
        for h in headers:
            if h.upper() == n.upper():
                return h
    return ""


class SheetImportError(ValueError):
    """A sheet's rows cannot be taken; the message names the file and every refused row."""


@dataclass
class SheetImport:
    """What came of a sheet: the codes taken (and left as they were), and the rows refused with their reasons."""
    source: str
    rows: int = 0
    applied: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    refused: List[Tuple[int, object]] = field(default_factory=list)  # (row number, reason message)

    def refused_messages(self) -> List[Msg]:
        name = os.path.basename(self.source)
        return [Msg(QT_TRANSLATE_NOOP("weipian", "{name} row {row}: {reason}"), name=name, row=row, reason=reason)
                for row, reason in self.refused]


def checked_rows(path: str, codes: Set[str], columns: Dict[str, Tuple[str, ...]], required: Sequence[str],
                 build: Callable[[str, Dict[str, str]], object],
                 apply_valid: bool = False) -> Tuple[SheetImport, List[Tuple[int, str, object]]]:
    """Read the sheet keyed by the `code` column and check every row before anything is written: the code is a
    patch of the package and named once, and `build(code, cells)` makes the row's value or raises ValueError
    with the reason. Returns the result and the valid (row, code, value); with any row refused it raises
    SheetImportError unless apply_valid — then a code that a refused row also names is not taken either."""
    name = os.path.basename(path)
    headers, rows = read_sheet(path)
    cols = {f: column(headers, *names) for f, names in columns.items()}
    missing = [columns[f][0] for f in required if not cols[f]]
    if missing:
        raise SheetImportError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: the columns {value} are missing"),
                                   name=name, value=", ".join(missing)))
    result = SheetImport(os.path.abspath(path), rows=len(rows))
    seen: Dict[str, int] = {}
    valid: List[Tuple[int, str, object]] = []
    refused_codes: Set[str] = set()
    for number, values in rows:
        cells = {f: values.get(h, "") if h else "" for f, h in cols.items()}
        code = cells["code"]
        try:
            if not code:
                raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "JCBH is empty")))
            if code not in codes:
                raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "JCBH {code} is not a patch of this work package"), code=code))
            if code in seen:
                raise ValueError(Msg(QT_TRANSLATE_NOOP("weipian", "JCBH {code} is also in row {row}"), code=code, row=seen[code]))
            seen[code] = number
            valid.append((number, code, build(code, cells)))
        except ValueError as exc:
            result.refused.append((number, exc.args[0] if exc.args else str(exc)))
            refused_codes.add(code)
    if result.refused and not apply_valid:
        raise SheetImportError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {count} rows refused, nothing was imported: {value}"),
                                   name=name, count=len(result.refused),
                                   value=Joined(result.refused_messages()[:20])))
    return result, [(n, c, v) for n, c, v in valid if c not in refused_codes]
