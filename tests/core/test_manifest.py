"""The package manifest and the zip safety checks, on real zip listings."""
import io
import json
import zipfile

import pytest

from weipian_plugin.core.manifest import (
    FileEntry,
    Manifest,
    ManifestError,
    check_listing,
    compare_listing,
    parse_manifest,
    unsafe_name,
)


@pytest.mark.parametrize("name, why", [
    ("../x", "climbs out"), ("a/../../x", "climbs out"), ("/etc/passwd", "absolute"), ("C:/x", "absolute"),
    ("\\\\server\\x", "absolute"), ("a\\..\\..\\x", "climbs out"), ("a\x00b", "NUL"),
    ("a/b/../c.txt", "climbs out"),  # even a '..' that stays inside: packages never need one
])
def test_unsafe_names(name, why):
    assert why in str(unsafe_name(name))


@pytest.mark.parametrize("name", ["manifest.json", "evidence/61090220260001/照片 1.jpg", "a/b..c/d.txt"])
def test_safe_names(name):
    assert unsafe_name(name) is None


def test_manifest_round_trip_and_edit_detection():
    m = Manifest("return", {"county_code": "610902", "township": "五里镇"}, [FileEntry("a.gpkg", 3, "0" * 64)], {"n": 1})
    raw = m.to_json()
    back = parse_manifest(raw, "p.zip")
    assert back.identity == m.identity and back.by_path["a.gpkg"].size == 3
    edited = raw.replace("五里镇".encode(), "关庙镇".encode())
    with pytest.raises(ManifestError, match="p.zip: manifest.json was edited"):
        parse_manifest(edited, "p.zip")
    with pytest.raises(ManifestError, match="not valid UTF-8 JSON"):
        parse_manifest(b"\xff{", "p.zip")
    with pytest.raises(ManifestError, match="not a manifest of this plugin"):
        parse_manifest(json.dumps({"files": []}).encode(), "p.zip")


def _zip(entries, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            z.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


def test_listing_refuses_bombs_duplicates_and_escapes():
    z = _zip([("ok.txt", b"x"), ("big.bin", b"\0" * (8 << 20)), ("../up.txt", b"y")])
    with pytest.raises(ManifestError) as err:
        check_listing(z.infolist(), "p.zip")
    assert "'big.bin' would expand" in str(err.value) and "'../up.txt' climbs out" in str(err.value)
    # large but incompressible content is fine
    import os

    fine = _zip([("photo.jpg", os.urandom(2 << 20))], zipfile.ZIP_STORED)
    assert list(check_listing(fine.infolist(), "p.zip")) == ["photo.jpg"]


def test_listing_compared_with_manifest():
    z = _zip([("a.txt", b"abc"), ("extra.txt", b"e"), ("manifest.json", b"{}")])
    members = check_listing(z.infolist(), "p.zip")
    m = Manifest("upload", {}, [FileEntry("a.txt", 4, "0" * 64), FileEntry("gone.txt", 1, "0" * 64)])
    problems = [str(p) for p in compare_listing(m, members)]
    assert problems == ["a.txt: size 3 differs from the manifest's 4",
                        "gone.txt: listed in the manifest but missing from the package",
                        "extra.txt: in the package but not listed in the manifest"]
