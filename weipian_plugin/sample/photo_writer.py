"""Write real JPEG and HEIC files with EXIF GPS position, azimuth and time (Pillow, pillow-heif)."""
from __future__ import annotations

import datetime as _dt
import random
from fractions import Fraction
from typing import Optional, Tuple

from PIL import Image
from PIL.TiffImagePlugin import IFDRational

GPS_IFD, EXIF_IFD = 0x8825, 0x8769


def _rational(value: float, den: int = 10000) -> IFDRational:
    f = Fraction(value).limit_denominator(den)
    return IFDRational(f.numerator, f.denominator)


def _dms(value: float):
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60.0) * 3600.0
    return (IFDRational(d, 1), IFDRational(m, 1), _rational(s, 10000))


def build_exif(lon: Optional[float], lat: Optional[float], azimuth: Optional[float] = None,
               azimuth_ref: Optional[str] = "T", taken: Optional[_dt.datetime] = None,
               offset: Optional[str] = "+08:00", make: str = "HUAWEI", model: str = "Mate 60",
               altitude: Optional[float] = 320.0) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = make, model
    if taken is not None:
        stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
        exif[0x0132] = stamp
        sub = exif.get_ifd(EXIF_IFD)
        sub[0x9003] = stamp
        if offset:
            sub[0x9011] = offset
    if lon is not None and lat is not None:
        gps = exif.get_ifd(GPS_IFD)
        gps[0] = b"\x02\x03\x00\x00"
        gps[1], gps[2] = ("N" if lat >= 0 else "S"), _dms(lat)
        gps[3], gps[4] = ("E" if lon >= 0 else "W"), _dms(lon)
        if altitude is not None:
            gps[5], gps[6] = 0, _rational(altitude, 100)
        if azimuth is not None:
            if azimuth_ref:
                gps[16] = azimuth_ref
            gps[17] = _rational(azimuth % 360.0, 100)
    return exif


def _picture(size: Tuple[int, int], seed: int, noise: bool) -> Image.Image:
    rnd = random.Random(seed)
    w, h = size
    base = (rnd.randint(60, 140), rnd.randint(110, 170), rnd.randint(50, 110))
    if noise:  # incompressible content gives realistic 1–2 MB files at phone resolutions
        img = Image.frombytes("RGB", size, rnd.randbytes(w * h * 3))
        return Image.blend(img, Image.new("RGB", size, base), 0.35)
    img = Image.new("RGB", size, base)
    img.paste((base[0] + 40, base[1] - 30, base[2]), (0, h // 2, w, h))  # field and sky
    return img


def write_jpeg(path: str, exif: Image.Exif, size=(640, 480), seed: int = 0, noise: bool = False,
               quality: int = 85) -> str:
    _picture(size, seed, noise).save(path, "JPEG", exif=exif, quality=quality)
    return path


def write_heic(path: str, exif: Image.Exif, size=(320, 240), seed: int = 0) -> str:
    import pillow_heif

    pillow_heif.register_heif_opener()
    _picture(size, seed, False).save(path, "HEIF", exif=exif.tobytes(), quality=60)
    return path
