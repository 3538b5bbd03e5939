"""What the rules read of a package (PackageSnapshot), as JSON: the county's upload package carries it
(`results/snapshot.json`) so that the city computes its figures with the same rules from the same inputs,
instead of guessing them back from the platform's result fields.

The way in takes untrusted input: every value is checked for its type, every record through core.records'
own parser, and a problem is named with the patch and the field (SnapshotError)."""
from __future__ import annotations

import dataclasses
from typing import Any, Dict, Iterable, List, Optional

from . import records as rec
from .messages import QT_TRANSLATE_NOOP, Msg
from .model import Evidence, PackageSnapshot, Patch, Review, Verification

FORMAT = 1
_TEXT, _NUMBER, _INT, _FLAG = "text", "number", "int", "flag"


class SnapshotError(ValueError):
    pass


def _kinds(cls) -> Dict[str, str]:
    out = {}
    for f in dataclasses.fields(cls):
        t = str(f.type)
        out[f.name] = (_FLAG if "bool" in t else _INT if "int" in t else _NUMBER if "float" in t else _TEXT)
    return out


_KIND_TEXT = {_TEXT: Msg(QT_TRANSLATE_NOOP("weipian", "text")), _NUMBER: Msg(QT_TRANSLATE_NOOP("weipian", "number")),
              _INT: Msg(QT_TRANSLATE_NOOP("weipian", "whole number")),
              _FLAG: Msg(QT_TRANSLATE_NOOP("weipian", "yes/no value"))}
_PATCH = {k: v for k, v in _kinds(Patch).items() if k != "wkb"}
_VERIFICATION = _kinds(Verification)
_EVIDENCE = _kinds(Evidence)
_REVIEW = _kinds(Review)


def to_json(snap: PackageSnapshot, codes: Optional[Iterable[str]] = None) -> Dict[str, Any]:
    wanted = None if codes is None else set(codes)
    patches = [p for p in snap.patches if wanted is None or p.code in wanted]
    keep = {p.code for p in patches}
    return {
        "format": FORMAT,
        "patches": [{k: getattr(p, k) for k in _PATCH} for p in patches],
        "verifications": {c: dataclasses.asdict(v) for c, v in snap.verifications.items() if c in keep},
        "evidence": {c: [dataclasses.asdict(e) for e in es] for c, es in snap.evidence.items() if c in keep},
        "reviews": {c: [dataclasses.asdict(r) for r in rs] for c, rs in snap.reviews.items() if c in keep},
        "records": {c: {k: rec.record_data(r) for k, r in kinds.items()} for c, kinds in snap.records.items()
                    if c in keep},
    }


def _value(where: str, name: str, kind: str, value):
    if value is None:
        return None
    ok = {_TEXT: isinstance(value, str), _FLAG: isinstance(value, bool),
          _INT: isinstance(value, int) and not isinstance(value, bool),
          _NUMBER: isinstance(value, (int, float)) and not isinstance(value, bool)}[kind]
    if not ok or (kind == _TEXT and len(value) > 10_000):
        raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: {field} is not a valid {kind}"),
                                where=where, field=name, kind=_KIND_TEXT[kind]))
    return float(value) if kind == _NUMBER else value


def _object(where: str, data, kinds: Dict[str, str], required=("patch_code",)) -> Dict[str, Any]:
    if not isinstance(data, dict):
        raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: not an object"), where=where))
    unknown = set(data) - set(kinds)
    if unknown:
        raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: unknown fields {value}"), where=where,
                                value=", ".join(sorted(map(str, unknown))[:5])))
    out = {k: _value(where, k, kinds[k], data[k]) for k in kinds if data.get(k) is not None}
    for name in required:
        if not out.get(name):
            raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: {field} is missing"), where=where,
                                    field=name))
    return out


def from_json(data, label: str = "", checked: bool = True) -> PackageSnapshot:
    """The snapshot from its JSON (already parsed), every part checked; checked=False only for what this plugin
    checked on the way in and kept where nobody may change it (the city hub's insert-only tables)."""
    if not checked:
        return _trusted(data, label)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: not a snapshot of format {format}"),
                                where=label, format=FORMAT))
    patches: List[Patch] = []
    for i, p in enumerate(data.get("patches") or []):
        values = _object(f"{label} patches[{i}]", p, _PATCH, ("code",))
        patches.append(Patch(**values))
    codes = {p.code for p in patches}
    if len(codes) != len(patches):
        raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: a patch code appears twice"), where=label))
    snap = PackageSnapshot(patches=patches, label=label)

    def per_patch(name: str):
        part = data.get(name) or {}
        if not isinstance(part, dict):
            raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: not an object"), where=f"{label} {name}"))
        for code, value in part.items():
            if code not in codes:
                raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: {code} is not one of its patches"),
                                        where=f"{label} {name}", code=code))
            yield code, value

    for code, v in per_patch("verifications"):
        values = _object(f"{label} {code} verification", v, _VERIFICATION)
        if values["patch_code"] != code:
            raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: belongs to {code}"),
                                    where=f"{label} {code} verification", code=values["patch_code"]))
        snap.verifications[code] = Verification(**values)
    for name, cls, kinds, target in (("evidence", Evidence, _EVIDENCE, snap.evidence),
                                     ("reviews", Review, _REVIEW, snap.reviews)):
        for code, items in per_patch(name):
            if not isinstance(items, list):
                raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: not a list"),
                                        where=f"{label} {code} {name}"))
            objs = []
            for i, item in enumerate(items):
                values = _object(f"{label} {code} {name}[{i}]", item, kinds,
                                 ("patch_code", "id") if cls is Evidence else ("patch_code",))
                if values["patch_code"] != code:
                    raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: belongs to {code}"),
                                            where=f"{label} {code} {name}[{i}]", code=values["patch_code"]))
                objs.append(cls(**values))
            target[code] = objs
    for code, kinds in per_patch("records"):
        if not isinstance(kinds, dict):
            raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: not an object"),
                                    where=f"{label} {code} records"))
        try:
            snap.records[code] = {kind: rec.parse_record(kind, value) for kind, value in kinds.items()}
        except rec.RecordError as exc:
            raise SnapshotError(Msg(QT_TRANSLATE_NOOP("weipian", "{where}: {exc}"),
                                    where=f"{label} {code} records", exc=exc)) from exc
    return snap


def _trusted(data, label: str) -> PackageSnapshot:
    snap = PackageSnapshot(patches=[Patch(**p) for p in data.get("patches") or []], label=label)
    snap.verifications = {c: Verification(**v) for c, v in (data.get("verifications") or {}).items()}
    snap.evidence = {c: [Evidence(**e) for e in es] for c, es in (data.get("evidence") or {}).items()}
    snap.reviews = {c: [Review(**r) for r in rs] for c, rs in (data.get("reviews") or {}).items()}
    snap.records = {c: {k: rec.KINDS[k].parse(v) for k, v in kinds.items()}
                    for c, kinds in (data.get("records") or {}).items()}
    return snap
