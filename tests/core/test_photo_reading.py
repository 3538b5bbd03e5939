"""Reading real JPEG and HEIC bytes, and every kind of bad file, without an exception escaping."""
import datetime as dt
import os

import pytest

from weipian_plugin.core import photo_reading as pr
from weipian_plugin.core.declination import declination_deg
from weipian_plugin.sample.generator import corrupt_exif_jpeg
from weipian_plugin.sample.photo_writer import build_exif, write_heic, write_jpeg

TAKEN = dt.datetime(2026, 6, 1, 10, 30, 5)
LON, LAT = 109.0234567, 32.6812345


def test_jpeg_true_azimuth(tmp_path):
    path = write_jpeg(str(tmp_path / "a.jpg"), build_exif(LON, LAT, 123.45, "T", TAKEN, altitude=321.5))
    r = pr.read_photo(path)
    assert r.problems == []
    assert r.format == "jpeg"
    assert r.longitude == pytest.approx(LON, abs=1e-7) and r.latitude == pytest.approx(LAT, abs=1e-7)
    assert r.altitude == pytest.approx(321.5)
    assert (r.azimuth, r.azimuth_raw, r.azimuth_ref) == (pytest.approx(123.45), pytest.approx(123.45), "T")
    assert r.taken_at == "2026-06-01T10:30:05+08:00"
    assert r.make == "HUAWEI"
    with open(path, "rb") as fh:
        import hashlib

        assert r.sha256 == hashlib.sha256(fh.read()).hexdigest()
    assert r.size == os.path.getsize(path)


def test_magnetic_azimuth_is_turned_to_true_north_with_wmm(tmp_path):
    path = write_jpeg(str(tmp_path / "m.jpg"), build_exif(LON, LAT, 100.0, "M", TAKEN))
    r = pr.read_photo(path)
    decl = declination_deg(LAT, LON, TAKEN.date(), 320.0)
    assert -5.0 < decl < -2.0  # western declination around Ankang in 2026
    assert r.azimuth_raw == pytest.approx(100.0) and r.azimuth_ref == "M"
    assert r.azimuth == pytest.approx((100.0 + decl) % 360, abs=1e-6)


def test_wmm_matches_published_value():
    # pygeomag's documented WMM2025 value at the Space Needle on 2025.25 (decimal year)
    assert declination_deg(47.6205, -122.3493, dt.date(2025, 4, 2)) == pytest.approx(15.0656, abs=0.01)


def test_missing_azimuth_and_missing_position(tmp_path):
    no_az = pr.read_photo(write_jpeg(str(tmp_path / "n.jpg"), build_exif(LON, LAT, None, None, TAKEN)))
    assert no_az.problems == [pr.NO_AZIMUTH] and no_az.has_position
    no_gps = pr.read_photo(write_jpeg(str(tmp_path / "g.jpg"), build_exif(None, None, None, None, TAKEN)))
    assert pr.NO_POSITION in no_gps.problems and no_gps.longitude is None
    assert "no GPS position" in no_gps.problem


def test_heic_written_by_libheif_reads(tmp_path):
    path = write_heic(str(tmp_path / "IMG_0001.HEIC"), build_exif(LON, LAT, 45.5, "T", TAKEN, make="Apple"))
    with open(path, "rb") as fh:
        assert fh.read(12)[4:8] == b"ftyp"
    r = pr.read_photo(path)
    assert r.format == "heic"
    assert r.problems == []
    assert r.latitude == pytest.approx(LAT, abs=1e-7) and r.azimuth == pytest.approx(45.5)
    assert r.make == "Apple"


def test_heic_iphone_layout_reads(tmp_path):
    """iPhone files locate the Exif item by extent offset with base_offset 0; rewrite libheif's iloc so."""
    path = write_heic(str(tmp_path / "iphone.heic"), build_exif(LON, LAT, 200.0, "T", TAKEN, make="Apple"))
    data = bytearray(open(path, "rb").read())
    i = data.find(b"iloc")
    assert data[i + 4] == 0  # version 0
    sizes = data[i + 8]
    assert (sizes >> 4, sizes & 0xF, data[i + 9] >> 4) == (4, 4, 4)
    count = int.from_bytes(data[i + 10:i + 12], "big")
    pos = i + 12
    for _ in range(count):
        base = int.from_bytes(data[pos + 4:pos + 8], "big")
        extents = int.from_bytes(data[pos + 8:pos + 10], "big")
        data[pos + 4:pos + 8] = b"\x00" * 4
        e = pos + 10
        for _ in range(extents):
            off = int.from_bytes(data[e:e + 4], "big")
            data[e:e + 4] = (off + base).to_bytes(4, "big")
            e += 8
        pos = e
    with open(path, "wb") as fh:
        fh.write(bytes(data))
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    assert Image.open(path).size == (320, 240)  # still a valid HEIF
    r = pr.read_photo(path)
    assert r.problems == [] and r.azimuth == pytest.approx(200.0)


@pytest.mark.parametrize("name", ["empty.jpg", "现场照片_空.jpg"])
def test_zero_byte_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    r = pr.read_photo(str(path))
    assert pr.EMPTY in r.problems and r.sha256 == pr.sha256_of(str(path))


def test_not_an_image(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("这不是照片", encoding="utf-8")
    r = pr.read_photo(str(path))
    assert r.problems == [pr.NOT_IMAGE] and "not an image" in r.problem


def test_truncated_jpeg_keeps_what_it_can(tmp_path):
    full = write_jpeg(str(tmp_path / "full.jpg"), build_exif(LON, LAT, 10.0, "T", TAKEN), size=(400, 300))
    data = open(full, "rb").read()
    cut = tmp_path / "截断.jpg"
    cut.write_bytes(data[: len(data) // 2])
    r = pr.read_photo(str(cut))
    assert pr.TRUNCATED in r.problems
    assert r.has_position  # the EXIF block at the start survived


def test_truncated_inside_exif(tmp_path):
    full = write_jpeg(str(tmp_path / "full.jpg"), build_exif(LON, LAT, 10.0, "T", TAKEN))
    data = open(full, "rb").read()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[:60])
    r = pr.read_photo(str(cut))
    assert r.problems  # something is reported
    assert not r.has_position


def test_exif_lying_about_sizes(tmp_path):
    path = corrupt_exif_jpeg(str(tmp_path / "lie.jpg"))
    r = pr.read_photo(path)
    assert pr.CORRUPT_EXIF in r.problems and not r.has_position
    assert "corrupt EXIF" in r.problem
    assert r.sha256 is not None


def test_random_garbage_after_jpeg_magic(tmp_path):
    import random

    rnd = random.Random(4)
    for i in range(30):
        path = tmp_path / f"g{i}.jpg"
        path.write_bytes(b"\xff\xd8\xff\xe1" + rnd.randbytes(rnd.randint(0, 4000)))
        r = pr.read_photo(str(path))  # must not raise
        assert r.problems


def test_huge_file(tmp_path):
    path = write_jpeg(str(tmp_path / "big.jpg"), build_exif(LON, LAT, 90.0, "T", TAKEN))
    with open(path, "r+b") as fh:  # a 300 MB file (sparse tail): read in chunks, never whole
        fh.seek(300 * 1024 * 1024)
        fh.write(b"\xff\xd9")
    r = pr.read_photo(path)
    assert r.has_position and r.size > 300 * 1024 * 1024 and len(r.sha256) == 64


@pytest.mark.parametrize("tail", [b"\xff\xd9", b"\x00\x00"])
def test_a_photo_read_whole_and_one_streamed_give_the_same_reading(tmp_path, monkeypatch, tail):
    """A phone photo is read in one go (parsed and hashed from memory); past WHOLE_READ_MAX it streams. Both ways
    give the same position, azimuth, time, size, hash and problems, a truncated JPEG included."""
    import hashlib

    path = write_jpeg(str(tmp_path / "p.jpg"), build_exif(LON, LAT, 90.0, "M", TAKEN))
    data = open(path, "rb").read()[:-2] + tail
    open(path, "wb").write(data)
    whole = pr.read_photo(path)
    monkeypatch.setattr(pr, "WHOLE_READ_MAX", 1000)  # smaller than this file: the streaming way
    streamed = pr.read_photo(path)
    assert whole == streamed and whole.sha256 == hashlib.sha256(data).hexdigest() and whole.size == len(data)
    assert whole.has_position and whole.azimuth is not None
    assert (pr.TRUNCATED in whole.problems) == (tail != b"\xff\xd9")


def test_unreadable_file(tmp_path):
    r = pr.read_photo(str(tmp_path / "missing.jpg"))
    assert r.problems == [pr.UNREADABLE]


def test_heic_read_on_many_threads_at_once_always_reads(tmp_path):
    """exifread's HEIC parser kept its box table as a class attribute shared by every parse: on several threads
    about half of the libheif-written files came out as 'corrupt EXIF: KeyError'."""
    from concurrent.futures import ThreadPoolExecutor

    from weipian_plugin.core.collector import paused

    paths = [write_heic(str(tmp_path / f"android_{i}.heic"), build_exif(LON + i * 1e-4, LAT, 10.0 * i, "T", TAKEN,
                                                                          make="Xiaomi"), seed=i) for i in range(6)]
    with paused(), ThreadPoolExecutor(max_workers=8) as pool:  # threads of a process with Qt objects (collector)
        readings = list(pool.map(pr.read_photo, paths * 60))
    bad = [(r.path, r.problem) for r in readings if r.problems or r.longitude is None]
    assert bad == [] and len(readings) == 360
    assert {round(r.azimuth) for r in readings} == {0, 10, 20, 30, 40, 50}


def test_impossible_altitude_and_time_offset_are_named(tmp_path):
    path = write_jpeg(str(tmp_path / "odd.jpg"), build_exif(LON, LAT, 45.0, "T", TAKEN, offset="+99:99",
                                                             altitude=42949672.95))
    r = pr.read_photo(path)
    assert pr.BAD_ALTITUDE in r.problems and r.altitude is None
    assert pr.BAD_TIME_OFFSET in r.problems and "+99:99" in r.problem and r.taken_at and "+99" not in r.taken_at
    assert pr.CORRUPT_EXIF not in r.problems and r.longitude == pytest.approx(LON, abs=1e-6)


def test_camera_year_outside_the_magnetic_model_is_no_azimuth_not_corrupt_exif(tmp_path):
    path = write_jpeg(str(tmp_path / "old_clock.jpg"),
                      build_exif(LON, LAT, 45.0, "M", dt.datetime(1990, 6, 1, 10, 0, 0)))
    r = pr.read_photo(path)
    assert pr.CORRUPT_EXIF not in r.problems
    assert pr.NO_AZIMUTH in r.problems and "cannot be turned to true north" in r.problem and r.azimuth is None
    assert r.azimuth_raw == pytest.approx(45.0)


def test_fifo_and_link_to_a_device_named_jpg_do_not_hang(tmp_path):
    import threading

    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.jpg"
    os.symlink("/dev/zero", zero)
    results = {}

    def read_both():
        results["fifo"] = pr.read_photo(str(fifo))
        results["zero"] = pr.read_photo(str(zero))

    from weipian_plugin.core.collector import paused

    worker = threading.Thread(target=read_both, daemon=True)
    with paused():  # a thread of a process with Qt objects (core/collector)
        worker.start()
        worker.join(20)
    assert not worker.is_alive(), "read_photo blocked on a FIFO or a device"
    for r in results.values():
        assert pr.NOT_REGULAR in r.problems and r.sha256 is None


def test_a_photo_stripped_of_its_metadata_says_why_and_what_to_do(tmp_path, qgis_app):
    """A JPEG without any EXIF (what a chat app sends on): the problem says where such files come from and asks
    for the original, in Chinese too."""
    from PIL import Image
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from weipian_plugin.core.messages import render
    from weipian_plugin.paths import i18n_dir

    path = str(tmp_path / "微信图片_20260601.jpg")
    Image.new("RGB", (64, 48), (90, 140, 60)).save(path, "JPEG")
    r = pr.read_photo(path)
    assert r.problems[:1] == ["no_exif"] and r.sha256
    assert "chat app" in r.problem and "original" in r.problem
    translator = QTranslator()
    assert translator.load(os.path.join(i18n_dir(), "weipian_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        zh = render(r.problem_message(), QCoreApplication.translate)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert "原图" in zh and "微信" in zh and "chat" not in zh
