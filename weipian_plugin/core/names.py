"""File names built from data (patch codes, township names, received file names) and the form of a patch code.

Data from elsewhere never becomes a path as it is: `safe_file_name` keeps one plain name component (no
separators, no `..`, no control or reserved characters, no device names, bounded length), and patch codes are
checked when patches are imported so that everything keyed by them stays inside its folder.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

# 监测编号 (JCBH): letters, digits, '-', '_' and '.', starting with a letter or digit; no '..'
PATCH_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.\-]{0,63}$")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+|\s+')
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 150


# an evidence record's path: relative POSIX below the package folder, parts of one or more characters, none "." or
# "..", no root, no drive, no backslash, no NUL (one C-level match a record: a county's year has 200,000)
_PART = r"(?!\.\.?(?:/|\Z))[^/\\:\x00]+"
PLAIN_RELATIVE = re.compile(rf"{_PART}(?:/{_PART})*")


def plain_relative(path) -> bool:
    """A relative POSIX path below the package folder (PLAIN_RELATIVE)."""
    return isinstance(path, str) and PLAIN_RELATIVE.fullmatch(path) is not None


def patch_code_problem(code: str) -> Optional[str]:
    """None for a usable patch code, else why not (in English; the caller translates)."""
    if not code:
        return "empty"
    if not PATCH_CODE.match(code) or ".." in code:
        return "may hold only letters, digits, '-', '_' and '.' (at most 64, starting with a letter or digit)"
    return None


def safe_file_name(text: str, fallback: str = "unnamed") -> str:
    """One plain file-name component made from any text (Chinese kept)."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    name = _UNSAFE.sub("_", text).strip("._ ")
    name = re.sub(r"\.{2,}", ".", name)
    if name.split(".")[0].upper() in _WINDOWS_DEVICES:
        name = "_" + name
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 8 and stem:
            name = stem[:-1] + "." + ext
        else:
            name = name[:-1]
    return name or fallback


PHOTO_NUMBER = r"_(\d+)\.[A-Za-z0-9]+$"  # after the patch code: <JCBH>_<序号>.<ext>


def photo_number(path: str) -> Optional[int]:
    """The number a photo was given when it was attached (its stored name <JCBH>_<序号>): the same on the map,
    on its thumbnail and in the dossier, and the same again after a removal is undone."""
    m = re.search(PHOTO_NUMBER, (path or "").replace("\\", "/").rsplit("/", 1)[-1])
    return int(m.group(1)) if m else None
