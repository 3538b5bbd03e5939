"""Rule profiles: verdict taxonomy, patch classes, thresholds and evidence requirements.

A profile is a JSON file (``resources/profiles/*.json``). Provinces add their own file; no code changes.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from ..paths import profiles_dir

DEFAULT_PROFILE_ID = "national_2023"


class ProfileError(ValueError):
    """A profile file is missing, unreadable or incomplete."""


@dataclass(frozen=True)
class PatchClass:
    code: str
    name: str
    level: int
    other_verdict_allowed: bool
    mineral: bool = False
    aliases: tuple = ()
    construction: bool = False  # new construction: counts in the accountability ratio (002 annex 3)


@dataclass(frozen=True)
class Verdict:
    code: str
    name: str
    name_en: str
    subtypes: tuple
    categories: tuple = ()


@dataclass
class Profile:
    id: str
    name: str
    classes: List[PatchClass]
    verdicts: List[Verdict]
    rectification_statuses: List[str]
    evidence: Dict[str, Any]
    thresholds: Dict[str, Any]
    source_path: str = ""
    raw: Dict[str, Any] = field(default_factory=dict)

    # -- look-ups -----------------------------------------------------------------
    def verdict(self, code_or_name: Optional[str]) -> Optional[Verdict]:
        if not code_or_name:
            return None
        for v in self.verdicts:
            if code_or_name in (v.code, v.name, v.name_en):
                return v
        return None

    def patch_class(self, value: Optional[str]) -> Optional[PatchClass]:
        """Find a class by code, name or alias (issued TBLX values vary by province)."""
        if value is None:
            return None
        text = str(value).strip()
        if not text:
            return None
        for c in self.classes:
            if text == c.code or text == c.name or text in c.aliases:
                return c
        for c in self.classes:  # loose: issued value contains the class name, e.g. "新增非农建设类图斑"
            if c.name in text:
                return c
        return None

    def class_of(self, patch) -> Optional[PatchClass]:
        """A patch's class: by its mapped class code, else by the class name as issued."""
        return self.patch_class(patch.class_code) or self.patch_class(patch.class_name)

    @property
    def max_photo_distance_m(self) -> float:
        return float(self.evidence["max_photo_distance_m"])

    @property
    def azimuth_tolerance_deg(self) -> float:
        return float(self.evidence["azimuth_tolerance_deg"])

    def min_photos(self, verdict_code: str) -> int:
        return int(self.evidence.get("min_photos", {}).get(verdict_code, 0))

    def requires_documents(self, verdict_code: str) -> bool:
        return bool(self.evidence.get("require_documents", {}).get(verdict_code, False))


_REQUIRED = ("id", "name", "patch_classes", "verdicts", "evidence", "thresholds")


def parse_profile(data: Dict[str, Any], source_path: str = "") -> Profile:
    where = source_path or "profile"
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise ProfileError(f"{where}: missing keys {', '.join(missing)}")
    try:
        classes = [
            PatchClass(
                code=c["code"], name=c["name"], level=int(c["level"]),
                other_verdict_allowed=bool(c.get("other_verdict_allowed", True)),
                mineral=bool(c.get("mineral", False)), aliases=tuple(c.get("aliases", ())),
                construction=bool(c.get("construction", False)),
            )
            for c in data["patch_classes"]
        ]
        verdicts = [
            Verdict(code=v["code"], name=v["name"], name_en=v.get("name_en", v["code"]),
                    subtypes=tuple(v.get("subtypes", ())), categories=tuple(v.get("categories", ())))
            for v in data["verdicts"]
        ]
        ev = data["evidence"]
        for key in ("max_photo_distance_m", "azimuth_tolerance_deg"):
            float(ev[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise ProfileError(f"{where}: invalid entry ({exc!r})") from exc
    return Profile(
        id=str(data["id"]), name=str(data["name"]), classes=classes, verdicts=verdicts,
        rectification_statuses=list(data.get("rectification_statuses", [])),
        evidence=dict(data["evidence"]), thresholds=dict(data["thresholds"]),
        source_path=source_path, raw=data,
    )


def load_profile(path_or_id: Optional[str] = None) -> Profile:
    """Load a profile from a file path, or by id from the shipped profiles folder."""
    ref = path_or_id or DEFAULT_PROFILE_ID
    path = ref if (os.sep in ref or ref.endswith(".json")) else os.path.join(profiles_dir(), ref + ".json")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:
        raise ProfileError(f"{path}: profile file not found") from exc
    except (OSError, ValueError) as exc:
        raise ProfileError(f"{path}: cannot read profile ({exc})") from exc
    return parse_profile(data, path)


def available_profiles() -> List[str]:
    return sorted(f[:-5] for f in os.listdir(profiles_dir()) if f.endswith(".json"))
