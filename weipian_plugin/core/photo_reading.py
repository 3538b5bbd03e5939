"""Read what a photo says about itself: position, azimuth, time, camera, and its sha256.

Every file yields a PhotoReading. Anything wrong with it is a problem on the reading, never an exception:
zero-byte, truncated and non-image files, EXIF that lies about its sizes, missing GPS or azimuth.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import heic_iloc_fix
from .declination import magnetic_to_true
from .messages import QT_TRANSLATE_NOOP, Joined, Msg

heic_iloc_fix.apply()

# exifread logs "File format not recognized" and similar as warnings; the reading reports them instead.
logging.getLogger("exifread").setLevel(logging.CRITICAL)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".heic", ".heif", ".hif", ".tif", ".tiff", ".png", ".webp")
HASH_CHUNK = 1 << 20
# a photo up to this size is read in one go and parsed and hashed from memory (one read, one hash call that runs
# without the GIL: 1,000 phone photos took 0.81 s on 2 cores read twice, 0.67 s read once); a larger file streams
WHOLE_READ_MAX = 32 << 20

# problem codes, with their English text (translated in the GUI)
NO_POSITION = "no_position"
NO_AZIMUTH = "no_azimuth"
NO_TIME = "no_time"
NOT_IMAGE = "not_image"
EMPTY = "empty_file"
UNREADABLE = "unreadable"
CORRUPT_EXIF = "corrupt_exif"
NO_EXIF = "no_exif"
TRUNCATED = "truncated"
BAD_ALTITUDE = "bad_altitude"
BAD_TIME_OFFSET = "bad_time_offset"
NOT_REGULAR = "not_regular_file"

# where a field photo can have been taken (m): the Dead Sea shore to above Everest
ALTITUDE_RANGE_M = (-500.0, 9000.0)

PROBLEM_TEXT = {
    NO_POSITION: QT_TRANSLATE_NOOP("weipian", "no GPS position"),
    NO_AZIMUTH: QT_TRANSLATE_NOOP("weipian", "no azimuth"),
    NO_TIME: QT_TRANSLATE_NOOP("weipian", "no time taken"),
    NOT_IMAGE: QT_TRANSLATE_NOOP("weipian", "not an image"),
    EMPTY: QT_TRANSLATE_NOOP("weipian", "empty file (0 bytes)"),
    UNREADABLE: QT_TRANSLATE_NOOP("weipian", "file cannot be read"),
    CORRUPT_EXIF: QT_TRANSLATE_NOOP("weipian", "corrupt EXIF"),
    NO_EXIF: QT_TRANSLATE_NOOP("weipian", "no EXIF metadata"),
    TRUNCATED: QT_TRANSLATE_NOOP("weipian", "image is truncated"),
    BAD_ALTITUDE: QT_TRANSLATE_NOOP("weipian", "implausible GPS altitude"),
    BAD_TIME_OFFSET: QT_TRANSLATE_NOOP("weipian", "invalid time offset"),
    NOT_REGULAR: QT_TRANSLATE_NOOP("weipian", "not a regular file"),
}


@dataclass
class PhotoReading:
    path: str
    size: int = 0
    sha256: Optional[str] = None
    format: Optional[str] = None
    longitude: Optional[float] = None
    latitude: Optional[float] = None
    altitude: Optional[float] = None
    azimuth: Optional[float] = None  # true north, degrees clockwise
    azimuth_raw: Optional[float] = None
    azimuth_ref: Optional[str] = None  # 'T', 'M' or None when the file does not say
    taken_at: Optional[str] = None  # ISO 8601, with offset when the file has one
    make: Optional[str] = None
    model: Optional[str] = None
    orientation: Optional[int] = None
    problems: List[str] = field(default_factory=list)
    details: Dict[str, object] = field(default_factory=dict)  # code → Msg or technical text

    @property
    def has_position(self) -> bool:
        return self.longitude is not None and self.latitude is not None

    @property
    def problem(self) -> str:
        """All problems as one line of English text (logs, the package's record), empty when there are none."""
        return str(self.problem_message())

    def problem_message(self) -> Msg:
        """All problems as one message, for the user's language."""
        parts = []
        for code in self.problems:
            text = Msg(PROBLEM_TEXT.get(code, code))
            if code in self.details:
                text = Msg(QT_TRANSLATE_NOOP("weipian", "{problem}: {detail}"), problem=text, detail=self.details[code])
            parts.append(text)
        return Joined(parts)

    def add_problem(self, code: str, detail="") -> None:
        if code not in self.problems:
            self.problems.append(code)
        if detail:
            self.details[code] = detail

    def taken_date(self) -> Optional[_dt.date]:
        if not self.taken_at:
            return None
        try:
            return _dt.date.fromisoformat(self.taken_at[:10])
        except ValueError:
            return None


def sniff_format(head: bytes) -> Optional[str]:
    """Image format from the first bytes, or None when the file is no image we know."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif"):
            return "heic"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def is_image_candidate(path: str) -> bool:
    """Files the photo reader looks at in a folder: by suffix (the reading itself checks the bytes)."""
    return path.lower().endswith(IMAGE_SUFFIXES)


def _sha256_of_handle(fh) -> str:
    fh.seek(0)
    if hasattr(hashlib, "file_digest"):  # Python >= 3.11: readinto a reused buffer, GIL released while hashing
        return hashlib.file_digest(fh, "sha256").hexdigest()
    h = hashlib.sha256()
    for chunk in iter(lambda: fh.read(HASH_CHUNK), b""):
        h.update(chunk)
    return h.hexdigest()


def sha256_of(path: str) -> str:
    with open(path, "rb") as fh:
        return _sha256_of_handle(fh)


def _num(value) -> float:
    """exifread ratio (or int) to float; raises ValueError on 0 denominators."""
    try:
        return float(value)
    except ZeroDivisionError as exc:
        raise ValueError("ratio with zero denominator") from exc


def _dms(tag) -> float:
    values = list(tag.values)
    if len(values) < 1:
        raise ValueError("empty coordinate")
    parts = [_num(v) for v in values[:3]] + [0.0, 0.0]
    return parts[0] + parts[1] / 60.0 + parts[2] / 3600.0


def _text(tags, key) -> Optional[str]:
    tag = tags.get(key)
    if tag is None:
        return None
    text = str(tag.printable if hasattr(tag, "printable") else tag).strip().strip("\x00").strip()
    return text or None


_EXIF_TIME = re.compile(r"^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")


def valid_offset(offset: str) -> bool:
    """A real UTC offset: ±HH:MM from -12:00 to +14:00, minutes 00, 15, 30 or 45."""
    if not _OFFSET.match(offset):
        return False
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    return minutes in (0, 15, 30, 45) and (hours <= 14 if offset[0] == "+" else hours <= 12)


def _parse_time(raw: Optional[str], offset: Optional[str], reading: Optional["PhotoReading"] = None) -> Optional[str]:
    if not raw:
        return None
    m = _EXIF_TIME.match(raw)
    if not m:
        return None
    try:
        value = _dt.datetime(*(int(g) for g in m.groups()))
    except ValueError:
        return None
    text = value.isoformat()
    if offset:
        if valid_offset(offset):
            text += offset
        elif reading is not None:
            reading.add_problem(BAD_TIME_OFFSET, Msg(QT_TRANSLATE_NOOP("weipian", "time offset {offset!r} is not a valid UTC offset; time kept without it"), offset=offset))
    return text


def _read_position(reading: PhotoReading, tags) -> None:
    lat_tag, lon_tag = tags.get("GPS GPSLatitude"), tags.get("GPS GPSLongitude")
    if lat_tag is None or lon_tag is None:
        reading.add_problem(NO_POSITION)
        return
    try:
        lat, lon = _dms(lat_tag), _dms(lon_tag)
    except (ValueError, TypeError, IndexError) as exc:
        reading.add_problem(NO_POSITION, Msg(QT_TRANSLATE_NOOP("weipian", "unreadable GPS coordinates ({exc})"), exc=exc))
        return
    if (_text(tags, "GPS GPSLatitudeRef") or "N").upper().startswith("S"):
        lat = -lat
    if (_text(tags, "GPS GPSLongitudeRef") or "E").upper().startswith("W"):
        lon = -lon
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or (lat == 0.0 and lon == 0.0):
        reading.add_problem(NO_POSITION, Msg(QT_TRANSLATE_NOOP("weipian", "invalid GPS coordinates ({lat}, {lon})"), lat=lat, lon=lon))
        return
    reading.latitude, reading.longitude = lat, lon
    alt_tag = tags.get("GPS GPSAltitude")
    if alt_tag is not None:
        try:
            alt = _num(alt_tag.values[0])
            ref = tags.get("GPS GPSAltitudeRef")
            if ref is not None and list(ref.values)[:1] == [1]:
                alt = -alt
            low, high = ALTITUDE_RANGE_M
            if low <= alt <= high:
                reading.altitude = alt
            else:
                reading.add_problem(BAD_ALTITUDE, Msg(QT_TRANSLATE_NOOP("weipian", "GPS altitude {alt:g} m is impossible for a field photo; ignored"), alt=alt))
        except (ValueError, TypeError, IndexError):
            pass


def _read_azimuth(reading: PhotoReading, tags) -> None:
    tag = tags.get("GPS GPSImgDirection")
    if tag is None:
        reading.add_problem(NO_AZIMUTH)
        return
    try:
        raw = _num(tag.values[0])
    except (ValueError, TypeError, IndexError) as exc:
        reading.add_problem(NO_AZIMUTH, Msg(QT_TRANSLATE_NOOP("weipian", "unreadable GPSImgDirection ({exc})"), exc=exc))
        return
    if not (0.0 <= raw <= 360.0):
        reading.add_problem(NO_AZIMUTH, Msg(QT_TRANSLATE_NOOP("weipian", "GPSImgDirection {raw} out of range"), raw=raw))
        return
    ref = (_text(tags, "GPS GPSImgDirectionRef") or "").upper()[:1] or None
    reading.azimuth_raw, reading.azimuth_ref = raw, ref
    if ref == "M":
        if reading.has_position:
            try:
                reading.azimuth = magnetic_to_true(raw, reading.latitude, reading.longitude,
                                                   reading.taken_date(), reading.altitude or 0.0)
            except ValueError as exc:  # a camera clock years off: no magnetic model for that year
                reading.add_problem(NO_AZIMUTH, Msg(QT_TRANSLATE_NOOP("weipian", "magnetic azimuth cannot be turned to true north ({exc})"), exc=exc))
        else:
            reading.add_problem(NO_AZIMUTH, Msg(QT_TRANSLATE_NOOP("weipian", "magnetic azimuth without a position cannot be turned to true north")))
    else:
        # 'T', or no reference at all: phones that omit the reference write true north
        reading.azimuth = raw % 360.0


def read_photo(path: str, with_hash: bool = True) -> PhotoReading:
    """Read one file. Never raises for anything wrong with the file."""
    reading = PhotoReading(path=path)
    try:
        st = os.stat(path)  # follows a link: what would be read
        if not stat.S_ISREG(st.st_mode):
            # a FIFO or a device (a link to /dev/zero named .jpg) would block or never end
            reading.add_problem(NOT_REGULAR, Msg(QT_TRANSLATE_NOOP("weipian", "a FIFO, device or link to one, not a file")))
            reading.add_problem(UNREADABLE)
            return reading
        reading.size = st.st_size
        if with_hash and st.st_size <= WHOLE_READ_MAX:
            with open(path, "rb", buffering=0) as raw:  # one buffer of the file's size, no 32 MB one
                data = _read_at_most(raw, st.st_size + 1)
            if len(data) <= st.st_size:  # else it grew since stat: it streams below
                reading.size = len(data)  # the bytes read are the bytes hashed and measured
                _read_bytes(reading, data)
                reading.sha256 = hashlib.sha256(data).hexdigest()
                return reading
        with open(path, "rb") as fh:
            _read_bytes(reading, fh.read(32), fh)
            if with_hash:
                reading.sha256 = _sha256_of_handle(fh)
    except OSError as exc:
        reading.add_problem(UNREADABLE, exc.strerror or str(exc))
    return reading


def _read_at_most(raw, n: int) -> bytes:
    parts = []
    while n > 0:
        chunk = raw.read(n)
        if not chunk:
            break
        parts.append(chunk)
        n -= len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _read_bytes(reading: PhotoReading, data: bytes, fh=None) -> None:
    """Format, EXIF and end marker, from the whole file in data or, when fh is given, from the open file (data its
    first bytes)."""
    if reading.size == 0:
        reading.add_problem(EMPTY)
        reading.add_problem(NOT_IMAGE)
        return
    reading.format = sniff_format(data[:32])
    if reading.format is None:
        reading.add_problem(NOT_IMAGE, Msg(QT_TRANSLATE_NOOP("weipian", "unknown file signature")))
        return
    if fh is None:
        fh = io.BytesIO(data)
    _read_exif(reading, fh)
    if reading.format == "jpeg":
        if len(data) < reading.size:
            fh.seek(max(0, reading.size - 2))
            tail = fh.read(2)
        else:
            tail = data[-2:]
        if tail != b"\xff\xd9":
            reading.add_problem(TRUNCATED, Msg(QT_TRANSLATE_NOOP("weipian", "JPEG has no end-of-image marker")))


def _read_exif(reading: PhotoReading, fh) -> None:
    import exifread  # here, not at the top: the rules use this module's codes, and a check's helper reads no photo

    try:
        tags = exifread.process_file(fh, details=False, extract_thumbnail=False)
    except Exception as exc:  # exifread raises many kinds on hostile input
        reading.add_problem(CORRUPT_EXIF, Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {exc}"), name=type(exc).__name__, exc=exc))
        return
    if not tags:
        fh.seek(0)
        if reading.format == "jpeg" and b"Exif\x00\x00" in fh.read(65536):
            # an EXIF block is there, but its offsets or sizes lead nowhere
            reading.add_problem(CORRUPT_EXIF, Msg(QT_TRANSLATE_NOOP("weipian", "EXIF block present but unreadable")))
        else:
            reading.add_problem(NO_EXIF, Msg(QT_TRANSLATE_NOOP(
                "weipian", "a phone's camera always writes it, so this file is most likely a copy sent through a chat "
                           "app (WeChat, QQ) that strips it, a screenshot or an edited picture; ask for the original "
                           "file from the phone (sent as a file, or with 原图 ticked)")))
        reading.add_problem(NO_POSITION)
        reading.add_problem(NO_AZIMUTH)
        reading.add_problem(NO_TIME)
        return
    try:
        reading.make = _text(tags, "Image Make")
        reading.model = _text(tags, "Image Model")
        orient = tags.get("Image Orientation")
        if orient is not None:
            reading.orientation = int(list(orient.values)[0])
        reading.taken_at = _parse_time(
            _text(tags, "EXIF DateTimeOriginal") or _text(tags, "Image DateTime"),
            _text(tags, "EXIF OffsetTimeOriginal") or _text(tags, "EXIF OffsetTime"), reading)
        if reading.taken_at is None:
            reading.add_problem(NO_TIME)
        _read_position(reading, tags)
        _read_azimuth(reading, tags)
    except Exception as exc:  # a tag whose values are not what the standard says
        reading.add_problem(CORRUPT_EXIF, Msg(QT_TRANSLATE_NOOP("weipian", "{name}: {exc}"), name=type(exc).__name__, exc=exc))
