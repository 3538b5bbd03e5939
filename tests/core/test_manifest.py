"""The package manifest and the zip safety checks, on real zip listings."""
import io
import json
import zipfile

import pytest

from weipian_plugin.core import signing
from weipian_plugin.core.manifest import (
    FileEntry,
    Manifest,
    ManifestError,
    check_listing,
    compare_listing,
    parse_manifest,
    unsafe_name,
)
from weipian_plugin.core.signing import Signer


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


TOWNSHIP = Signer("township:610902:五里镇", bytes(range(32)))


def test_manifest_round_trip_and_edit_detection():
    m = Manifest("return", {"county_code": "610902", "township": "五里镇"}, [FileEntry("a.gpkg", 3, "0" * 64)], {"n": 1})
    raw = m.to_json(TOWNSHIP)
    back = parse_manifest(raw, "p.zip")
    assert back.identity == m.identity and back.by_path["a.gpkg"].size == 3
    assert back.signer_party == TOWNSHIP.party and back.signer_public == TOWNSHIP.public
    assert back.signer_fingerprint == TOWNSHIP.fingerprint
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


def _edit(raw: bytes, change) -> bytes:
    """An edit made the way an attacker with the plugin's code would: the content changed and content_sha256
    recomputed, the signature left as it was (nobody but the signer can make a new one)."""
    from weipian_plugin.core.manifest import _digest

    data = json.loads(raw)
    signature = data.pop("signature")
    data.pop("content_sha256")
    change(data)
    data["content_sha256"] = _digest(data)
    data["signature"] = signature
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def test_an_edit_with_the_digest_recomputed_breaks_the_signature():
    raw = Manifest("upload", {"county_code": "610902"}, [FileEntry("a.gpkg", 3, "1" * 64)]).to_json(TOWNSHIP)
    edited = _edit(raw, lambda d: d["files"][0].update(sha256="2" * 64))
    with pytest.raises(ManifestError, match="its signature does not match its content"):
        parse_manifest(edited, "p.zip")
    # naming another key in the manifest (the county's, say) does not make the old signature hold either
    county = Signer("county:610902", bytes(32))
    swapped = _edit(raw, lambda d: d["signer"].update(party=county.party, public_key=county.public.hex()))
    with pytest.raises(ManifestError, match="its signature does not match its content"):
        parse_manifest(swapped, "p.zip")


def test_a_package_re_signed_by_another_key_verifies_but_names_that_key():
    """Anyone with the plugin can sign: the manifest then names the forger's key, which is what the receiver
    compares with the key it trusts (services.signatures)."""
    m = Manifest("upload", {"county_code": "610902"}, [FileEntry("a.gpkg", 3, "1" * 64)])
    forger = Signer("county:610902", signing.new_seed())
    back = parse_manifest(m.to_json(forger), "p.zip")
    assert back.signer_party == "county:610902" and back.signer_public == forger.public != TOWNSHIP.public


def test_an_unsigned_package_of_an_older_version_is_refused_with_export_again():
    from weipian_plugin.core.manifest import _digest

    data = {"format": "weipian-package", "format_version": 1, "kind": "return", "identity": {}, "counts": {},
            "files": []}
    data["content_sha256"] = _digest(data)
    with pytest.raises(ManifestError, match="is not signed .* export it again"):
        parse_manifest(json.dumps(data).encode(), "old.zip")
    raw = json.loads(Manifest("return", {}).to_json(TOWNSHIP))
    del raw["signature"]
    with pytest.raises(ManifestError, match="carries no signature"):
        parse_manifest(json.dumps(raw).encode(), "p.zip")


def test_ed25519_is_the_rfc_8032_one():
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    assert signing.public_key(seed).hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    sig = signing.sign(seed, b"")
    assert sig.hex() == ("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46"
                         "bd25bf5f0595bbe24655141438e7a100b")
    assert signing.verify(signing.public_key(seed), b"", sig)
    assert not signing.verify(signing.public_key(seed), b"x", sig)
    assert not signing.verify(b"\x00" * 32, b"", sig) and not signing.verify(b"short", b"", sig)


def test_fingerprints_read_as_six_groups_of_five_digits():
    fp = TOWNSHIP.fingerprint
    groups = fp.split(" ")
    assert len(groups) == 6 and all(len(g) == 5 and g.isdigit() for g in groups)
    assert signing.normal_fingerprint(fp.replace(" ", "")) == fp == signing.normal_fingerprint(fp.replace(" ", "-"))
    assert signing.normal_fingerprint("12345") == "" and signing.normal_fingerprint(fp + "x") == ""
    assert signing.confirmed_set([fp + "; " + "0" * 30]) == {fp, signing.normal_fingerprint("0" * 30)}
    assert Signer("x", bytes(32)).fingerprint != fp
