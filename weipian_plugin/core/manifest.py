"""The manifest of an exchange package (assignment, return, upload) and the safety checks on its zip.

A package is a zip holding `manifest.json` and the files it lists, each with its size and sha256. The
manifest names the package's identity (kind, county, township, who made it and when, schema version,
profile), the signer (the party it speaks for and its Ed25519 public key) and `signature`, the signer's signature
over its canonical content (core.signing): an edit, or a package made by anyone without the signer's key, does not
verify. Whether the signer is who the receiver expects is the receiver's question (services.signatures): the
manifest only proves that the key it names signed exactly this content. Nothing here touches Qt; the checks work
on a `zipfile.ZipFile`'s listing.
"""
from __future__ import annotations

import hashlib
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional

from . import signing
from .messages import QT_TRANSLATE_NOOP, Msg, render

MANIFEST_NAME = "manifest.json"
FORMAT = "weipian-package"
# 2: signed (1 was unsigned: refused, the sender exports again)
FORMAT_VERSION = 2
KINDS = ("assignment", "return", "upload", "military", "city_return")

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
    """The package is refused; `problems` lists every reason (file names included), as messages or text."""

    def __init__(self, source: str, problems: List):
        self.source = source
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self, translate=None) -> str:
        """source: problem; problem; … (at most 20), in the user's language with a translate function."""
        shown = "; ".join(render(p, translate) for p in self.problems[:20])
        if len(self.problems) > 20:
            shown += "; " + render(Msg(QT_TRANSLATE_NOOP("weipian", "… {count} more"), count=len(self.problems) - 20),
                                   translate)
        return f"{self.source}: {shown}"


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
    # who signed it (set when read: the signature was checked against this key)
    signer_party: str = ""
    signer_public: bytes = b""

    def to_json(self, signer: "signing.Signer") -> bytes:
        """The manifest signed with signer's key."""
        self.signer_party, self.signer_public = signer.party, signer.public
        data = self._content()
        canonical = _canonical(data)
        data["content_sha256"] = hashlib.sha256(canonical).hexdigest()
        data["signature"] = signing.sign(signer.seed, signing.PACKAGE_CONTEXT + canonical).hex()
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    def _content(self) -> Dict[str, Any]:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": self.kind, "identity": self.identity,
                "counts": self.counts,
                "signer": {"party": self.signer_party, "algorithm": signing.ALGORITHM,
                           "public_key": self.signer_public.hex()},
                "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files]}

    @property
    def signer_fingerprint(self) -> str:
        return signing.fingerprint(self.signer_public) if self.signer_public else ""

    @property
    def by_path(self) -> Dict[str, FileEntry]:
        """path → entry, made once for the list as it stands (a city's import asks once a file: 1,000 times a
        package, and made anew each time it was an eighth of the import)."""
        cached = self.__dict__.get("_by_path")
        if cached is None or cached[0] is not self.files or cached[1] != len(self.files):
            cached = (self.files, len(self.files), {f.path: f for f in self.files})
            self.__dict__["_by_path"] = cached
        return cached[2]


def _canonical(content: Dict[str, Any]) -> bytes:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _digest(content: Dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(content)).hexdigest()


_HEX = re.compile(r"^[0-9a-f]*$")


def _signer_problems(data: Dict[str, Any], signature) -> List:
    """Why the signature does not hold (empty when the key it names signed exactly this content)."""
    signer = data.get("signer")
    if not isinstance(signer, dict) or signer.get("algorithm") != signing.ALGORITHM:
        return [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} names no signer with an Ed25519 key"),
                    manifest_name=MANIFEST_NAME)]
    public, party = signer.get("public_key"), signer.get("party")
    if not isinstance(party, str) or not party or not isinstance(public, str) or not _HEX.match(public) \
            or len(public) != 2 * signing.PUBLIC_BYTES:
        return [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name}: its signer's key is not a key"),
                    manifest_name=MANIFEST_NAME)]
    if not isinstance(signature, str) or not _HEX.match(signature) or len(signature) != 2 * signing.SIGNATURE_BYTES:
        return [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} carries no signature"), manifest_name=MANIFEST_NAME)]
    if not signing.verify(bytes.fromhex(public), signing.PACKAGE_CONTEXT + _canonical(data), bytes.fromhex(signature)):
        return [Msg(QT_TRANSLATE_NOOP("weipian", "its signature does not match its content (changed after it was "
                                                 "signed, or not signed by the key it names)"))]
    return []


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
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} is not valid UTF-8 JSON ({exc})"), manifest_name=MANIFEST_NAME, exc=exc)]) from None
    except RecursionError:
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} is nested deeper than any manifest of this plugin"), manifest_name=MANIFEST_NAME)]) from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} is nested deeper than any manifest of this plugin"), manifest_name=MANIFEST_NAME)])
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} is not a manifest of this plugin (format is not {format!r})"), manifest_name=MANIFEST_NAME, format=FORMAT)])
    problems = []
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "manifest format version {value!r} is newer than this plugin reads ({format_version}); update the plugin"), value=data.get('format_version'), format_version=FORMAT_VERSION))
    elif version < FORMAT_VERSION:
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "is not signed (made by an older version of the plugin): ask the sender to update the plugin and export it again"))])
    claimed = data.pop("content_sha256", None)
    signature = data.pop("signature", None)
    if claimed != _digest(data):
        problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} was edited after it was written (content_sha256 does not match)"), manifest_name=MANIFEST_NAME))
    else:
        problems += _signer_problems(data, signature)
    if data.get("kind") not in KINDS:
        problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "unknown package kind {value!r}"), value=data.get('kind')))
    files = []
    for i, f in enumerate(data.get("files") or []):
        try:
            entry = FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"]))
        except (KeyError, TypeError, ValueError):
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "manifest file entry {i} is incomplete"), i=i))
            continue
        if not _SHA.match(entry.sha256):
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: manifest sha256 is not a sha256"), path=entry.path))
        files.append(entry)
    if problems:
        raise ManifestError(source, problems)
    if not isinstance(data.get("identity") or {}, dict) or not isinstance(data.get("counts") or {}, dict):
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name}: identity and counts must be objects"), manifest_name=MANIFEST_NAME)])
    return Manifest(data["kind"], dict(data.get("identity") or {}), files, dict(data.get("counts") or {}),
                    data["signer"]["party"], bytes.fromhex(data["signer"]["public_key"]))


def schema_version_of(manifest: Manifest, source: str) -> int:
    """The work package schema version a package declares; an unreadable one refuses the package."""
    raw = manifest.identity.get("schema_version")
    try:
        return int(raw or 0)
    except (TypeError, ValueError):
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "unreadable schema version {raw!r}"), raw=raw)]) from None


def unsafe_name(name: str) -> Optional[str]:
    """Why a member name must not be extracted (zip slip), or None."""
    if "\x00" in name:
        return Msg(QT_TRANSLATE_NOOP("weipian", "contains a NUL character"))
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return Msg(QT_TRANSLATE_NOOP("weipian", "is an absolute path"))
    if len(name) > MAX_PATH_CHARS:
        return Msg(QT_TRANSLATE_NOOP("weipian", "is a path of {count} characters, over the limit of {max_path_chars}"), count=len(name), max_path_chars=MAX_PATH_CHARS)
    parts = name.replace("\\", "/").split("/")
    if len(parts) > MAX_PATH_PARTS:
        return Msg(QT_TRANSLATE_NOOP("weipian", "is a path {count} folders deep, over the limit of {max_path_parts}"), count=len(parts), max_path_parts=MAX_PATH_PARTS)
    if ".." in parts:
        return Msg(QT_TRANSLATE_NOOP("weipian", "climbs out of the package with '..'"))
    norm = posixpath.normpath(name.replace("\\", "/"))
    if norm.startswith("../") or norm == "..":
        return Msg(QT_TRANSLATE_NOOP("weipian", "climbs out of the package"))
    return None


def check_listing(infos: Iterable[zipfile.ZipInfo], source: str) -> Dict[str, zipfile.ZipInfo]:
    """Member name → info after the zip-slip, duplicate and zip-bomb checks; ManifestError names every offender."""
    problems: List[str] = []
    members: Dict[str, zipfile.ZipInfo] = {}
    total = 0
    infos = list(infos)
    if len(infos) > MAX_ENTRIES:
        raise ManifestError(source, [Msg(QT_TRANSLATE_NOOP("weipian", "{count} entries, more than the limit of {max_entries}"), count=len(infos), max_entries=MAX_ENTRIES)])
    for info in infos:
        name = info.filename
        why = unsafe_name(name)
        if why:
            shown = name if len(name) <= 120 else f"{name[:60]}…{name[-40:]}"
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "member '{shown}' {why}"), shown=shown, why=why))
            continue
        if info.is_dir():
            continue
        if name in members:
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "member '{name}' appears twice"), name=name))
            continue
        if info.flag_bits & 0x1:
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "member '{name}' is encrypted"), name=name))
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "member '{name}' would expand {value:.0f} times (to {file_size} bytes): refused as a zip bomb"), name=name, value=info.file_size / max(info.compress_size, 1), file_size=info.file_size))
        members[name] = info
    if total > MAX_TOTAL_BYTES:
        problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "declared content of {total} bytes exceeds the limit of {max_total_bytes}"), total=total, max_total_bytes=MAX_TOTAL_BYTES))
    packed = sum(max(i.compress_size, 0) for i in infos)
    if total > TOTAL_RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "its {count} entries would expand {value:.0f} times (to {total} bytes): refused as a zip bomb"), count=len(members), value=total / max(packed, 1), total=total))
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
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: listed in the manifest but missing from the package"), path=path))
        elif info.file_size != entry.size:
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: size {file_size} differs from the manifest's {size}"), path=path, file_size=info.file_size, size=entry.size))
    for path in members:
        if path != MANIFEST_NAME and path not in listed:
            problems.append(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: in the package but not listed in the manifest"), path=path))
    return problems
