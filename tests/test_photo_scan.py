"""Scanning a folder: every image-like file, in order, on several threads; cancellation stops it."""
import pytest

from weipian_plugin.services.photo_scan import Cancelled, find_images, read_all


def test_every_image_like_file_is_read_in_order(sample):
    paths = find_images(sample.photo_dir)
    assert len(paths) == len(sample.photos)
    readings = list(read_all(paths, workers=3))
    assert [r.path for r in readings] == paths
    with_problems = {r.path for r in readings if r.problems}
    assert with_problems == {p.path for p in sample.photos if p.case in ("no_azimuth", "no_gps", "corrupt")}


def test_cancel_stops_early(sample):
    paths = find_images(sample.photo_dir)
    seen = []
    with pytest.raises(Cancelled):
        for r in read_all(paths, cancelled=lambda: len(seen) >= 5):
            seen.append(r)
    assert len(seen) == 5


def test_non_recursive_and_missing_folder(sample, tmp_path):
    top = find_images(sample.photo_dir, recursive=False)
    assert top and all("/" not in p[len(sample.photo_dir) + 1:] for p in top)
    with pytest.raises(FileNotFoundError, match="no such folder"):
        find_images(str(tmp_path / "absent"))


def test_attached_photos_are_named_by_patch_code_and_number(tmp_path, qgis_app):
    """<JCBH>_<序号>.<ext> in the package (the name field tools give); the original name stays in the record; the
    same bytes again get no second file; documents keep their names."""
    import os

    from shapely.geometry import MultiPolygon, box

    from weipian_plugin.core.photo_reading import read_photo
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg
    from weipian_plugin.services.photo_attach import attach_document, attach_reading
    from weipian_plugin.store.work_package import WorkPackage

    wp = WorkPackage.create(str(tmp_path / "p.gpkg"), "national_2023", "610902", "t")
    wp.add_patches([dict(code="6109022026A1", wkb=MultiPolygon([box(109, 32.7, 109.001, 32.701)]).wkb)], "t", "t")
    shots = [write_jpeg(str(tmp_path / name), build_exif(109.0005, 32.7005, 10.0), seed=i)
             for i, name in enumerate(("IMG_20260601_093000.jpg", "微信图片.JPG"))]
    for path in shots + shots[:1]:
        attach_reading(wp, "6109022026A1", read_photo(path), "t")
    scan = str(tmp_path / "批准文件.pdf")
    open(scan, "wb").write(b"%PDF-1.4\n%%EOF\n")
    attach_document(wp, "6109022026A1", scan, "t", "approval")
    rows = wp.conn.execute("SELECT path, original_name FROM evidence ORDER BY fid").fetchall()
    assert [(os.path.basename(p), o) for p, o in rows] == [
        ("6109022026A1_1.jpg", "IMG_20260601_093000.jpg"), ("6109022026A1_2.jpg", "微信图片.JPG"),
        ("批准文件.pdf", "批准文件.pdf")]
    assert sorted(os.listdir(os.path.join(wp.evidence_dir, "6109022026A1"))) == [
        "6109022026A1_1.jpg", "6109022026A1_2.jpg", "批准文件.pdf"]
    wp.close()
