"""The manifest of an exchange package (assignment, return, upload) and the safety checks on its zip.

A package is a zip holding `manifest.json` and the files it lists, each with its size and sha256. The
manifest names the package's identity (kind, county, township, who made it and when, schema version,
profile) and carries `content_sha256`, a digest of its own canonical content, so a hand edit that does not
recompute it is caught. Nothing here touches Qt; the checks work on a `zipfile.ZipFile`'s listing.
"""
from __future__ import annotations

import hashlib
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional

MANIFEST_NAME = "manifest.json"
FORMAT = "weipian-package"
FORMAT_VERSION = 1
KINDS = ("assignment", "return", "upload", "military")

# zip-bomb limits: an entry that expands more than MAX_RATIO times (and to more than RATIO_FLOOR bytes) is
# refused, as is a package whose declared content exceeds MAX_TOTAL_BYTES or MAX_ENTRIES
MAX_RATIO = 200
RATIO_FLOOR = 1 << 20
MAX_TOTAL_BYTES = 200 << 30
MAX_ENTRIES = 2_000_000
MAX_MANIFEST_BYTES = 256 << 20
# the package as a whole: many small entries of zeros (each under RATIO_FLOOR) are a bomb too
TOTAL_RATIO_FLOOR = 64 << 20
# member names: a path deeper or longer than any package of this plugin makes
MAX_PATH_PARTS = 16
MAX_PATH_CHARS = 512
MAX_JSON_DEPTH = 32


class ManifestError(ValueError):
    """The package is refused; `problems` lists every reason (file names included)."""

    def __init__(self, source: str, problems: List[str]):
        self.source = source
        self.problems = list(problems)
        shown = "; ".join(self.problems[:20]) + (f"; … {len(self.problems) - 20} more" if len(self.problems) > 20 else "")
        super().__init__(f"{source}: {shown}")


@dataclass
class FileEntry:
    path: str  # POSIX path inside the zip
    size: int
    sha256: str


@dataclass
class Manifest:
    kind: str
    identity: Dict[str, Any]
    files: List[FileEntry] = field(default_factory=list)
    counts: Dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> bytes:
        data = self._content()
        data["content_sha256"] = _digest(data)
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    def _content(self) -> Dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": self.kind, "identity": self.identity,
                "counts": self.counts,
                "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files]}

    @property
    def by_path(self) -> Dict[str, FileEntry]:
        return {f.path: f for f in self.files}


def _digest(content: Dict[str, Any]) -> str:
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_SHA = re.compile(r"^[0-9a-f]{64}$")


def _depth(value, limit: int = MAX_JSON_DEPTH + 1) -> int:
    """How deeply lists and objects nest (counting stops past limit), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > limit:
                return level
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_manifest(raw: bytes, source: str) -> Manifest:
    """The manifest from its bytes; every defect is named."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(source, [f"{MANIFEST_NAME} is not valid UTF-8 JSON ({exc})"]) from None
    except RecursionError:
        raise ManifestError(source, [f"{MANIFEST_NAME} is nested deeper than any manifest of this plugin"]) from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise ManifestError(source, [f"{MANIFEST_NAME} is nested deeper than any manifest of this plugin"])
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError(source, [f"{MANIFEST_NAME} is not a manifest of this plugin (format is not {FORMAT!r})"])
    problems = []
    if not isinstance(data.get("format_version"), int) or data["format_version"] > FORMAT_VERSION:
        problems.append(f"manifest format version {data.get('format_version')!r} is newer than this plugin reads "
                        f"({FORMAT_VERSION}); update the plugin")
    claimed = data.pop("content_sha256", None)
    if claimed != _digest(data):
        problems.append(f"{MANIFEST_NAME} was edited after it was written (content_sha256 does not match)")
    if data.get("kind") not in KINDS:
        problems.append(f"unknown package kind {data.get('kind')!r}")
    files = []
    for i, f in enumerate(data.get("files") or []):
        try:
            entry = FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"]))
        except (KeyError, TypeError, ValueError):
            problems.append(f"manifest file entry {i} is incomplete")
            continue
        if not _SHA.match(entry.sha256):
            problems.append(f"{entry.path}: manifest sha256 is not a sha256")
        files.append(entry)
    if problems:
        raise ManifestError(source, problems)
    return Manifest(data["kind"], dict(data.get("identity") or {}), files, dict(data.get("counts") or {}))


def schema_version_of(manifest: Manifest, source: str) -> int:
    """The work package schema version a package declares; an unreadable one refuses the package."""
    raw = manifest.identity.get("schema_version")
    try:
        return int(raw or 0)
    except (TypeError, ValueError):
        raise ManifestError(source, [f"unreadable schema version {raw!r}"]) from None


def unsafe_name(name: str) -> Optional[str]:
    """Why a member name must not be extracted (zip slip), or None."""
    if "\x00" in name:
        return "contains a NUL character"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "is an absolute path"
    if len(name) > MAX_PATH_CHARS:
        return f"is a path of {len(name)} characters, over the limit of {MAX_PATH_CHARS}"
    parts = name.replace("\\", "/").split("/")
    if len(parts) > MAX_PATH_PARTS:
        return f"is a path {len(parts)} folders deep, over the limit of {MAX_PATH_PARTS}"
    if ".." in parts:
        return "climbs out of the package with '..'"
    norm = posixpath.normpath(name.replace("\\", "/"))
    if norm.startswith("../") or norm == "..":
        return "climbs out of the package"
    return None


def check_listing(infos: Iterable[zipfile.ZipInfo], source: str) -> Dict[str, zipfile.ZipInfo]:
    """Member name → info after the zip-slip, duplicate and zip-bomb checks; ManifestError names every offender."""
    problems: List[str] = []
    members: Dict[str, zipfile.ZipInfo] = {}
    total = 0
    infos = list(infos)
    if len(infos) > MAX_ENTRIES:
        raise ManifestError(source, [f"{len(infos)} entries, more than the limit of {MAX_ENTRIES}"])
    for info in infos:
        name = info.filename
        why = unsafe_name(name)
        if why:
            shown = name if len(name) <= 120 else f"{name[:60]}…{name[-40:]}"
            problems.append(f"member '{shown}' {why}")
            continue
        if info.is_dir():
            continue
        if name in members:
            problems.append(f"member '{name}' appears twice")
            continue
        if info.flag_bits & 0x1:
            problems.append(f"member '{name}' is encrypted")
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(f"member '{name}' would expand {info.file_size / max(info.compress_size, 1):.0f} times "
                            f"(to {info.file_size} bytes): refused as a zip bomb")
        members[name] = info
    if total > MAX_TOTAL_BYTES:
        problems.append(f"declared content of {total} bytes exceeds the limit of {MAX_TOTAL_BYTES}")
    packed = sum(max(i.compress_size, 0) for i in infos)
    if total > TOTAL_RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        problems.append(f"its {len(members)} entries would expand {total / max(packed, 1):.0f} times (to {total} "
                        f"bytes): refused as a zip bomb")
    if problems:
        raise ManifestError(source, problems)
    return members


def compare_listing(manifest: Manifest, members: Dict[str, zipfile.ZipInfo]) -> List[str]:
    """Problems: listed files absent or of another size, files present but not listed (manifest aside)."""
    problems = []
    listed = manifest.by_path
    for path, entry in listed.items():
        info = members.get(path)
        if info is None:
            problems.append(f"{path}: listed in the manifest but missing from the package")
        elif info.file_size != entry.size:
            problems.append(f"{path}: size {info.file_size} differs from the manifest's {entry.size}")
    for path in members:
        if path != MANIFEST_NAME and path not in listed:
            problems.append(f"{path}: in the package but not listed in the manifest")
    return problems
