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
