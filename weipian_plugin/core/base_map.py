"""The base map the options name (used when a batch has no imagery of its own): its QGIS source from what the
user typed — a raster file, a QGIS source string, or a tile address such as 天地图's with {key} for its key."""
from __future__ import annotations

from urllib.parse import quote


def base_map_uri(template: str, key: str = "") -> str:
    """The QGIS source of the options' base map: a raster file as it is; a tile address with {z}/{x}/{y} (and
    {key} where the service wants its key, as 天地图's tk=) as an XYZ source; a QGIS source string as it is."""
    template = (template or "").strip()
    if not template:
        return ""
    if template.startswith("type=") or "{x}" not in template:
        return template.replace("{key}", quote(key, safe="")) if template.startswith("type=") else template
    url = template.replace("{key}", key)
    return f"type=xyz&url={quote(url, safe=':/')}&zmin=0&zmax=18"
