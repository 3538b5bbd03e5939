"""Let GDAL recode Shapefile text itself while the plugin writes one."""
from __future__ import annotations

import contextlib


@contextlib.contextmanager
def gdal_recodes_shapefiles():
    """QGIS sets SHAPE_ENCODING="" (it recodes itself), which makes GDAL ignore a layer's ENCODING option and
    write UTF-8 bytes under a CP936 .cpg. Unset it for the duration of a write."""
    from osgeo import gdal

    saved = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    try:
        yield
    finally:
        gdal.SetConfigOption("SHAPE_ENCODING", saved)
