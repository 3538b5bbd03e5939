"""The plugin's settings, typed, with defaults in one place, over QgsSettings (group 'weipian')."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import List

from qgis.core import QgsSettings

GROUP = "weipian"
VERIFIER, REVIEWER = "verifier", "reviewer"


@dataclass
class Settings:
    user_name: str = ""
    role: str = VERIFIER  # verifier (township) or reviewer (county)
    profile: str = ""  # empty: chosen by the county code (core.profile.profile_for_county)
    max_photo_distance_m: float = 0.0  # 0: the profile's value
    azimuth_tolerance_deg: float = 0.0  # 0: the profile's value
    recent_packages: str = ""  # '|' separated
    dossier_imagery: str = ""  # the base map when a batch has no imagery: a raster file or a tile address
    base_map_key: str = ""  # the tile service's key ({key} in the address: 天地图's tk)

    @classmethod
    def load(cls) -> "Settings":
        s = QgsSettings()
        out = cls()
        for f in fields(cls):
            default = getattr(out, f.name)
            setattr(out, f.name, s.value(f"{GROUP}/{f.name}", default, type=type(default)))
        return out

    def save(self, *names: str) -> None:
        """Write these settings (all without names): a copy read earlier never writes back what others changed
        meanwhile."""
        s = QgsSettings()
        for f in fields(self):
            if not names or f.name in names:
                s.setValue(f"{GROUP}/{f.name}", getattr(self, f.name))

    @property
    def base_map(self) -> str:
        """The base map's QGIS source (services.imagery.base_map_uri), empty when none is set."""
        from .core.base_map import base_map_uri

        return base_map_uri(self.dossier_imagery, self.base_map_key)

    def recent(self) -> List[str]:
        return [p for p in self.recent_packages.split("|") if p]

    def remember(self, path: str, keep: int = 8) -> None:
        """Into the recent list (as it is now in the settings); nothing else is written."""
        self.recent_packages = Settings.load().recent_packages
        items = [path] + [p for p in self.recent() if p != path]
        self.recent_packages = "|".join(items[:keep])
        self.save("recent_packages")

    def apply_to(self, profile):
        """The profile with the user's tolerance overrides (if any) applied."""
        if self.max_photo_distance_m > 0:
            profile.evidence["max_photo_distance_m"] = self.max_photo_distance_m
        if self.azimuth_tolerance_deg > 0:
            profile.evidence["azimuth_tolerance_deg"] = self.azimuth_tolerance_deg
        return profile
