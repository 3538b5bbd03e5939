"""What QField writes on a phone during a field visit, reproduced with QGIS' API (the app itself cannot run
here): a photo with GPS position and GPSImgDirection taken at the patch into DCIM/ and its row on the photo
layer, the verdict filled on the patch's row, and one more photo taken in the app but left out of the form."""
from __future__ import annotations

import datetime as _dt
import os
import random
from typing import Dict

# a verdict as the phone's form stores it (column -> value)
WF_ON_CULTIVATED = {"pdjg": "WF", "lx": "违法占地", "wflb": "新增建设用地违法", "lzgdjf": 0, "zgqk": "整改中",
                    "pdyjsm": "未批先建。"}


def field_visit(folder: str, code: str, sample_patch, verdict: Dict, orphan: bool = True) -> float:
    """One patch visited; returns the azimuth the photo was taken at."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    from .generator import _photo_position
    from .photo_writer import build_exif, write_jpeg

    rnd = random.Random(code)
    lon, lat, az = _photo_position(rnd, sample_patch, 30.0)
    taken = _dt.datetime(2026, 11, 20, 10, 0)
    write_jpeg(os.path.join(folder, "DCIM", f"{code}_1.jpg"),
               build_exif(lon, lat, az, "T", taken, make="HUAWEI", model="QField"), seed=3)
    photos = QgsVectorLayer(os.path.join(folder, "field.gpkg|layername=photos"), "photos", "ogr")
    f = QgsFeature(photos.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
    f["jcbh"], f["photo"], f["fwj"], f["bz"] = code, f"DCIM/{code}_1.jpg", az, "现场拍摄"
    if not photos.dataProvider().addFeatures([f])[0]:
        raise OSError(f"{folder}: the photo's row was not written")
    patches = QgsVectorLayer(os.path.join(folder, "field.gpkg|layername=patches"), "patches", "ogr")
    fid = next(x.id() for x in patches.getFeatures() if x["jcbh"] == code)
    idx = {name: patches.fields().indexOf(name) for name in verdict}
    if not patches.dataProvider().changeAttributeValues({fid: {idx[k]: v for k, v in verdict.items()}}):
        raise OSError(f"{folder}: the verdict was not written")
    del photos, patches  # the GeoPackage closed, as the app leaves it
    if orphan:
        lon2, lat2, az2 = _photo_position(rnd, sample_patch, 25.0)
        write_jpeg(os.path.join(folder, "DCIM", "JPEG_20261120101500.jpg"),
                   build_exif(lon2, lat2, az2, "T", taken, make="HUAWEI", model="QField"), seed=4)
    return az
