"""Evidence files of a GeoPackage work package: a folder beside the .gpkg (`<name>_evidence/<JCBH>/…`) whose files
are written once, through a checked copy, and never written over. (An office package keeps the bytes in the
database instead: store.office_package.)"""
from __future__ import annotations

import os
import re
import shutil
from typing import Optional, Tuple

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import PHOTO
from ..core.names import PHOTO_NUMBER, safe_file_name
from ..core.photo_reading import sha256_of


def package_relative(wp, path: str) -> str:
    return os.path.relpath(path, os.path.dirname(wp.path)).replace(os.sep, "/")


def incomplete_copy_of(path: str, source: str) -> bool:
    try:
        size = os.path.getsize(path)
        if size >= os.path.getsize(source):
            return False
        with open(path, "rb") as a, open(source, "rb") as b:
            while True:
                chunk = a.read(1 << 20)
                if not chunk:
                    return True
                if b.read(len(chunk)) != chunk:
                    return False
    except OSError:
        return False


def recorded(wp, path: str) -> bool:
    return wp.conn.execute("SELECT 1 FROM evidence WHERE path=? LIMIT 1", (package_relative(wp, path),)).fetchone() \
        is not None


def evidence_target(wp, code: str, name: str, sha256: str, source: Optional[str] = None) -> Tuple[str, bool]:
    """Where a file with these bytes goes under evidence_dir/<code>/: (path, True) when the same bytes are already
    there, else (a free path: name, name_2, …, False). Nothing is ever written over, except a run's own
    incomplete copy of `source` (an unrecorded file holding the beginning of the source's bytes, left by an
    interrupted copy), which the new copy replaces."""
    folder = os.path.join(wp.evidence_folder_for_writing(), safe_file_name(code))
    os.makedirs(folder, exist_ok=True)
    name = safe_file_name(name, "evidence")
    base, ext = os.path.splitext(name)
    target = os.path.join(folder, name)
    n = 1
    while os.path.exists(target):
        if sha256_of(target) == sha256:
            return target, True
        if source is not None and incomplete_copy_of(target, source) and not recorded(wp, target):
            return target, False
        n += 1
        target = os.path.join(folder, f"{base}_{n}{ext}")
    return target, False


def copy_verified(source: str, target: str, sha256: str) -> None:
    """Copy source to target through target.partial, renamed only when its sha256 is the expected one: an
    interrupted copy never sits under an evidence name."""
    partial = target + ".partial"
    try:
        shutil.copyfile(source, partial)
        if sha256_of(partial) != sha256:
            raise OSError(Msg(QT_TRANSLATE_NOOP("weipian", "{source}: the copy does not match the original (sha256 differs)"), source=source))
        shutil.copystat(source, partial)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def photo_extension(source: str) -> str:
    return os.path.splitext(safe_file_name(os.path.basename(source), "photo.jpg"))[1].lower() or ".jpg"


def photo_name(wp, code: str, source: str, sha256: str) -> str:
    """A photo's name in the package: <JCBH>_<序号>.<ext>, the number after the highest of the patch's photos
    (the name most field tools give; the original name stays in the record). The same bytes keep their name."""
    folder = os.path.join(wp.evidence_dir, safe_file_name(code))
    pattern = re.compile(re.escape(safe_file_name(code)) + PHOTO_NUMBER)
    highest = 0
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            m = pattern.match(name)
            if not m:
                continue
            if os.path.isfile(os.path.join(folder, name)) and sha256_of(os.path.join(folder, name)) == sha256:
                return name
            highest = max(highest, int(m.group(1)))
    return f"{safe_file_name(code)}_{highest + 1}{photo_extension(source)}"


def copy_into_package(wp, code: str, source: str, sha256: str, kind: str) -> str:
    """Copy the file under evidence_dir/<code>/ and return its path relative to the package folder. Photos are
    named <JCBH>_<序号>; documents keep their (made safe) names."""
    name = os.path.basename(source)
    if kind == PHOTO:
        legacy = os.path.join(wp.evidence_dir, safe_file_name(code), safe_file_name(name, "evidence"))
        if not (os.path.isfile(legacy) and incomplete_copy_of(legacy, source) and not recorded(wp, legacy)):
            name = photo_name(wp, code, source, sha256)  # else: finish what an earlier version began there
    target, present = evidence_target(wp, code, name, sha256, source)
    if not present:
        copy_verified(source, target, sha256)
    return package_relative(wp, target)
