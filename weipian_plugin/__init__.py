"""卫片执法 field verification plugin for QGIS."""
import os
import sys

_VENDOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_vendor")
if os.path.isdir(_VENDOR) and _VENDOR not in sys.path:
    # vendored pure-Python run-time deps (exifread >= 3.5, pygeomag) win over older system copies
    sys.path.insert(0, _VENDOR)


def classFactory(iface):  # noqa: N802 - QGIS API name
    from .plugin import WeipianPlugin

    return WeipianPlugin(iface)
