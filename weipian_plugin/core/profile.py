"""Rule profiles: verdict taxonomy, patch classes, thresholds and evidence requirements.

A profile is a JSON file (``resources/profiles/*.json``). Provinces add their own file; no code changes. A profile
may extend another (``"extends": "national_2023"``): its objects are merged key by key into the base's, its lists
replace the base's. ``national_2023`` holds what the Ministry states for the whole country; the field-check and
written-opinion thresholds of 002 are Shaanxi's and 安康's and live in ``shaanxi_ankang_2023``.
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
    supplementary: bool = False  # 补充图斑: counts when judged new-construction illegal occupation (002 §三(七)1)


@dataclass(frozen=True)
class Verdict:
    code: str
    name: str
    name_en: str
    subtypes: tuple
    categories: tuple = ()
    counts_as: str = ""  # a province's own top-level verdict counts as HF, WF or QT for the notices' rules


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
        index = self.__dict__.get("_verdict_index")
        if index is None:  # built once: the rules ask for every patch
            index = {}
            for v in reversed(self.verdicts):
                for key in (v.name_en, v.name, v.code):
                    index[key] = v
            self.__dict__["_verdict_index"] = index
        return index.get(code_or_name)

    def kind(self, code: Optional[str]) -> Optional[str]:
        """HF, WF or QT: what a verdict of this profile counts as for the notices' rules (None if unknown)."""
        v = self.verdict(code)
        if v is None:
            return None
        return v.counts_as or v.code

    def verdict_name(self, code: Optional[str]) -> str:
        v = self.verdict(code)
        return v.name if v else (code or "")

    def rule(self, name: str) -> Dict[str, Any]:
        """A rule's settings from the profile's "rules" (empty when the profile does not state it)."""
        cache = self.__dict__.setdefault("_rule_cache", {})
        if name not in cache:
            value = self.raw.get("rules", {}).get(name)
            cache[name] = dict(value) if isinstance(value, dict) else {}
        return cache[name]

    @property
    def fingerprint(self) -> str:
        """sha256 of the profile's content: figures computed once under it hold while it is the same."""
        cached = self.__dict__.get("_fingerprint")
        if cached is None:
            import dataclasses
            import hashlib
            import json

            content = {k: v for k, v in dataclasses.asdict(self).items() if k != "source_path"}
            cached = hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True,
                                               default=str).encode("utf-8")).hexdigest()
            self.__dict__["_fingerprint"] = cached
        return cached

    def patch_class(self, value: Optional[str]) -> Optional[PatchClass]:
        """Find a class by code, name or alias (issued TBLX values vary by province); each value is looked up once
        (a city's year asks 600,000 times for a handful of values)."""
        if value is None:
            return None
        cache = self.__dict__.setdefault("_class_index", {})
        if value not in cache:
            cache[value] = self._find_class(value)
        return cache[value]

    def _find_class(self, value) -> Optional[PatchClass]:
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
    def photo_blocking_distance_m(self) -> float:
        """A photo taken farther than this from its patch cannot show it: blocking (the plugin's choice where the
        notices set no figure; the warning distance is max_photo_distance_m)."""
        return float(self.evidence.get("photo_blocking_distance_m", 1000.0))

    @property
    def azimuth_tolerance_deg(self) -> float:
        return float(self.evidence["azimuth_tolerance_deg"])

    def min_photos(self, verdict_code: str) -> int:
        table = self.evidence.get("min_photos", {})
        return int(table.get(verdict_code, table.get(self.kind(verdict_code) or "", 0)))

    def requires_documents(self, verdict_code: str, subtype: Optional[str] = None) -> bool:
        """Whether a verdict needs an approval or record paper (003: the relevant ones). Sub-types with no paper
        to give (实地未变化, 农村道路: `documents_not_for_subtypes`) need photos only."""
        table = self.evidence.get("require_documents", {})
        needed = bool(table.get(verdict_code, table.get(self.kind(verdict_code) or "", False)))
        if needed and subtype:
            exempt = self.evidence.get("documents_not_for_subtypes", {})
            names = exempt.get(verdict_code, exempt.get(self.kind(verdict_code) or "", ()))
            needed = subtype not in names
        return needed


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
                construction=bool(c.get("construction", False)), supplementary=bool(c.get("supplementary", False)),
            )
            for c in data["patch_classes"]
        ]
        verdicts = [
            Verdict(code=v["code"], name=v["name"], name_en=v.get("name_en", v["code"]),
                    subtypes=tuple(v.get("subtypes", ())), categories=tuple(v.get("categories", ())),
                    counts_as=str(v.get("counts_as", "")))
            for v in data["verdicts"]
        ]
        codes = [v.code for v in verdicts]
        bad = [v.code for v in verdicts if not (1 <= len(v.code) <= 8 and v.code.isascii() and v.code.isupper()
                                                 and v.code.isalpha())]
        bad += [v.code for v in verdicts if v.counts_as and v.counts_as not in ("HF", "WF", "QT")]
        if bad or not {"HF", "WF", "QT"} <= set(codes) or len(set(codes)) != len(codes):
            raise ProfileError(f"{where}: verdict codes must be 1 to 8 capital letters, unique, include HF, WF and QT, "
                               f"and count as one of them ({', '.join(bad) or ', '.join(codes)})")
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
    return parse_profile(_read_with_bases(path, []), path)


def _read(path: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:
        raise ProfileError(f"{path}: profile file not found") from exc
    except (OSError, ValueError) as exc:
        raise ProfileError(f"{path}: cannot read profile ({exc})") from exc
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: a profile is a JSON object")
    return data


def _read_with_bases(path: str, seen: List[str]) -> Dict[str, Any]:
    data = _read(path)
    base_id = data.get("extends")
    if not base_id:
        return data
    if not isinstance(base_id, str) or os.sep in base_id or "/" in base_id or base_id.startswith("."):
        raise ProfileError(f"{path}: 'extends' names a shipped profile by id, not {base_id!r}")
    if base_id in seen or len(seen) > 8:
        raise ProfileError(f"{path}: profiles extend each other in a circle ({' → '.join(seen + [base_id])})")
    base_path = os.path.join(os.path.dirname(path) or profiles_dir(), base_id + ".json")
    if not os.path.isfile(base_path):
        base_path = os.path.join(profiles_dir(), base_id + ".json")
    merged = _merge(_read_with_bases(base_path, seen + [base_id]), data)
    merged.pop("extends", None)
    merged["extends_chain"] = [base_id] + list(merged.get("extends_chain", []))
    return merged


def _merge(base: Dict[str, Any], over: Dict[str, Any]) -> Dict[str, Any]:
    """Objects merge key by key; everything else (lists included) is replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def profile_for_county(county_code: Optional[str]) -> str:
    """The shipped profile for a county when none is chosen: the one whose "applies_to" names the longest
    prefix of the county code (安康 counties, 6109…, get shaanxi_ankang_2023), else the national base."""
    code = (county_code or "").strip()
    best, best_len = DEFAULT_PROFILE_ID, 0
    for pid in available_profiles():
        try:
            data = _read(os.path.join(profiles_dir(), pid + ".json"))
        except ProfileError:
            continue
        for prefix in data.get("applies_to", ()):
            if isinstance(prefix, str) and prefix and code.startswith(prefix) and len(prefix) > best_len:
                best, best_len = pid, len(prefix)
    return best


def available_profiles() -> List[str]:
    return sorted(f[:-5] for f in os.listdir(profiles_dir()) if f.endswith(".json"))
