"""Assignment and return packages: county → township → county, with real zips, GeoPackages and photo files."""
import hashlib
import json
import os
import sqlite3
import zipfile

import pytest
from desks import confirmed

from weipian_plugin.core.manifest import MANIFEST_NAME, FileEntry, Manifest, ManifestError
from weipian_plugin.services.assignment_packages import open_assignment_package
from weipian_plugin.services.package_zip import verify_package
from weipian_plugin.services.photo_attach import attach_document
from weipian_plugin.services.return_packages import export_return_package, import_return_package
from weipian_plugin.store.assignments import conflicts, resolve_conflict
from weipian_plugin.store.work_package import WorkPackage

COUNTY = "县卫片办 李明"


def file_sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def table_counts(path):
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                for t in ("patches", "verifications", "evidence", "reviews", "audit_log", "imports", "conflicts")}
    finally:
        conn.close()


def township_zip(report, name):
    return next(path for town, path, n in report.packages if town == name)


def test_assignment_packages_one_per_township_with_earlier_work(package, assigned, tmp_path):
    towns = {town: n for town, _, n in assigned.packages}
    expected = {}
    for p in package.patches(with_geometry=False):
        expected[p.township] = expected.get(p.township, 0) + 1
    assert towns == expected and assigned.unassigned == []
    zip_path = township_zip(assigned, "五里镇")
    manifest = verify_package(zip_path)
    assert manifest.kind == "assignment" and manifest.identity["township"] == "五里镇"
    assert manifest.identity["county_code"] == "610902" and manifest.identity["parent_package_id"] == package.meta("package_id")
    gpkg = open_assignment_package(zip_path, confirmed=confirmed())
    with WorkPackage.open(gpkg) as twp:
        codes = twp.patch_codes()
        assert codes == {p.code for p in package.patches(with_geometry=False) if p.township == "五里镇"}
        assert twp.meta("kind") == "assignment" and twp.meta("township") == "五里镇"
        # the photos attached at the county came along, every file with the recorded bytes
        county_ev = [e for e in package.evidence() if e.patch_code in codes]
        town_ev = twp.evidence()
        assert len(town_ev) == len(county_ev) > 0
        for e in town_ev:
            assert file_sha(os.path.join(os.path.dirname(gpkg), e.path)) == e.sha256
        # geometry and the R-tree work in the new package
        p = twp.patch(sorted(codes)[0])
        assert p.wkb is not None and twp.patches_near(*_centre(p), 0.01)
    # the county remembers what it handed out
    rows = package.conn.execute("SELECT count(*), count(DISTINCT assignment_id) FROM assignments").fetchone()
    assert tuple(rows) == (sum(towns.values()), 3)
    # opening the same zip again continues the same work, it does not unpack over it
    assert open_assignment_package(zip_path, confirmed=confirmed()) == gpkg


def _centre(p):
    from shapely import wkb

    c = wkb.loads(p.wkb).centroid
    return c.x, c.y


def township_work(gpkg, sample, actor="五里镇 陈强"):
    """Verify two patches and attach an approval scan; returns the codes worked on."""
    with WorkPackage.open(gpkg) as twp:
        codes = sorted(twp.patch_codes())[:2]
        twp.set_verification(codes[0], actor, verdict="WF", subtype="违法占地", category="新增建设用地违法",
                             basis="未批先建。", illegal_cultivated_housing=False, rectification="整改中")
        twp.set_verification(codes[1], actor, verdict="QT", subtype="实地未变化", basis="地类未变。")
        doc = os.path.join(sample.document_dir, os.listdir(sample.document_dir)[0])
        attach_document(twp, codes[1], doc, actor)
    return codes


def test_return_package_round_trip(package, assigned, sample, tmp_path):
    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    codes = township_work(gpkg, sample)
    ret = str(tmp_path / "return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret, "五里镇 陈强")
    manifest = verify_package(ret)
    assert manifest.kind == "return" and manifest.identity["created_by"] == "五里镇 陈强"
    assert {"county_code", "township", "created_at", "schema_version", "profile"} <= set(manifest.identity)
    evidence_before = len(package.evidence(codes[1]))
    report = import_return_package(package, ret, COUNTY, confirmed=confirmed())
    assert sorted(report.applied) == codes and not report.conflicts and not report.rejected
    v = package.verification(codes[0])
    assert (v.verdict, v.verifier, v.illegal_cultivated_housing) == ("WF", "五里镇 陈强", False)
    assert package.state(codes[0]) == "awaiting_review"
    assert report.evidence_added == 1 and len(package.evidence(codes[1])) == evidence_before + 1
    doc = [e for e in package.evidence(codes[1]) if e.kind == "document"][0]
    assert file_sha(os.path.join(os.path.dirname(package.path), doc.path)) == doc.sha256
    assert doc.path.startswith("county_evidence/")
    actions = [(r["actor"], r["action"]) for r in package.audit_entries(codes[0])]
    assert ("五里镇 陈强", "township:set_verification") in actions and (COUNTY, "import_verification") in actions


def worked_return(assigned, sample, tmp_path):
    """五里镇 opens its assignment, works, and exports a return package: (its work package, the zip)."""
    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    township_work(gpkg, sample)
    ret = str(tmp_path / "return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret, "五里镇 陈强")
    return gpkg, ret


def test_same_return_package_twice_changes_nothing(package, assigned, sample, tmp_path):
    gpkg, ret = worked_return(assigned, sample, tmp_path)
    import_return_package(package, ret, COUNTY, confirmed=confirmed())
    package.close()
    before = (file_sha(package.path), table_counts(package.path))
    wp = WorkPackage.open(package.path)
    second = import_return_package(wp, ret, COUNTY, confirmed=confirmed())
    wp.close()
    assert second.already_imported and not second.changed
    assert (file_sha(package.path), table_counts(package.path)) == before
    # the same work exported again (a new zip) adds no verification, evidence or conflict either
    ret2 = str(tmp_path / "return2.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret2, "五里镇 陈强")
    with WorkPackage.open(package.path) as wp:
        third = import_return_package(wp, ret2, COUNTY, confirmed=confirmed())
    assert not third.already_imported and not third.applied and not third.conflicts and third.evidence_added == 0
    after = table_counts(package.path)
    for table in ("verifications", "evidence", "conflicts", "reviews"):
        assert after[table] == before[1][table]


def test_county_work_meanwhile_becomes_a_conflict_with_both_versions(package, assigned, sample, tmp_path):
    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    codes = township_work(gpkg, sample)
    # meanwhile the county judged the first patch itself
    package.set_verification(codes[0], COUNTY, verdict="HF", subtype="依法批准用地", basis="县局核实已批。",
                             approval_no="陕政土批〔2026〕1号")
    ret = str(tmp_path / "return.zip")
    with WorkPackage.open(gpkg) as twp:
        export_return_package(twp, ret, "五里镇 陈强")
    report = import_return_package(package, ret, COUNTY, confirmed=confirmed())
    assert report.conflicts == [codes[0]] and report.applied == [codes[1]]
    assert package.verification(codes[0]).verdict == "HF"  # the county's version stays
    [c] = conflicts(package)
    assert c.patch_code == codes[0] and c.township == "五里镇"
    assert c.township_version["verification"]["verdict"] == "WF"
    assert c.county_version["verification"]["verdict"] == "HF"
    # the conflict blocks until someone decides; keeping the township's version writes it as it came
    from weipian_plugin.services.package_check import check_package

    findings, _ = check_package(package)
    assert any(f.rule == "exchange.conflict" and f.patch_code == codes[0] for f in findings)
    import processing
    from qgis.core import QgsProcessingException

    from tests.conftest import ensure_provider

    ensure_provider()
    with pytest.raises(QgsProcessingException, match="no unresolved conflict for patch"):
        processing.run("weipian:resolve_conflict", {"PACKAGE": package.path, "PATCH": codes[1], "KEEP": 1})
    res = processing.run("weipian:resolve_conflict", {"PACKAGE": package.path, "PATCH": codes[0], "KEEP": 1,
                                                      "ACTOR": COUNTY})
    assert res["RESOLVED"] == 1
    with pytest.raises(Exception, match="already resolved"):
        resolve_conflict(package, c.id, "county", COUNTY)
    v = package.verification(codes[0])
    assert (v.verdict, v.verifier) == ("WF", "五里镇 陈强") and conflicts(package) == []
    assert len(conflicts(package, unresolved_only=False)) == 1


def test_township_detaching_a_photo_reaches_the_county(package, assigned, tmp_path):
    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    with WorkPackage.open(gpkg) as twp:
        e = twp.evidence()[0]
        twp.remove_evidence(e.id, "五里镇 陈强")
        ret = str(tmp_path / "return.zip")
        export_return_package(twp, ret, "五里镇 陈强")
    county_ids = [x.id for x in package.evidence(e.patch_code) if x.sha256 == e.sha256]
    report = import_return_package(package, ret, COUNTY, confirmed=confirmed())
    assert report.evidence_detached == 1
    assert all(x.sha256 != e.sha256 for x in package.evidence(e.patch_code))
    # detached, logged, and the file is still on disk
    entry = [r for r in package.audit_entries(e.patch_code) if r["action"] == "remove_evidence"][-1]
    assert json.loads(entry["detail"])["id"] == county_ids[0]


def test_only_patches_assigned_to_the_township_are_accepted(package, assigned, sample, tmp_path):
    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    other = next(p for p in package.patches() if p.township == "关庙镇")
    with WorkPackage.open(gpkg) as twp:
        twp.add_patches([{"code": other.code, "township": "关庙镇", "wkb": other.wkb}], "smuggled", "五里镇 陈强")
        twp.set_verification(other.code, "五里镇 陈强", verdict="QT", subtype="实地未变化", basis="x")
        ret = str(tmp_path / "return.zip")
        export_return_package(twp, ret, "五里镇 陈强")
    report = import_return_package(package, ret, COUNTY, confirmed=confirmed())
    assert other.code in report.rejected and package.verification(other.code) is None


# -- bad input: every refusal names the problem and changes nothing -------------------------------------------------

def rewrite(src, dst, change=None, extra=None, manifest=None, drop=()):
    """Copy a package zip, changing members on the way."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info)
            if info.filename == MANIFEST_NAME and manifest is not None:
                data = manifest(data)
            elif change and info.filename in change:
                data = change[info.filename](data)
            zout.writestr(info, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def resign(mutate):
    """Change the manifest and sign it again (what a careful forger with the signer's own key would do: the
    checks behind the signature must hold on their own)."""
    from weipian_plugin.store.keys import Desk

    def fn(raw):
        data = json.loads(raw)
        data.pop("content_sha256")
        mutate(data)
        m = Manifest(data["kind"], data["identity"], [FileEntry(**f) for f in data["files"]], data["counts"])
        return m.to_json(Desk.current().signer(data["signer"]["party"]))
    return fn


def assert_refused(package, path, *patterns):
    package.close()
    before = (file_sha(package.path), sorted(os.listdir(os.path.dirname(package.path))))
    wp = WorkPackage.open(package.path)
    with pytest.raises(ManifestError) as err:
        import_return_package(wp, path, COUNTY, confirmed=confirmed())
    wp.close()
    message = str(err.value)
    assert os.path.basename(path) in message
    for p in patterns:
        assert p in message, message
    assert (file_sha(package.path), sorted(os.listdir(os.path.dirname(package.path)))) == before
    return message


def test_zip_slip_is_refused(package, good_return, tmp_path):
    bad = rewrite(good_return, str(tmp_path / "slip.zip"), extra={"../../evil.txt": b"x", "/etc/evil": b"y"})
    assert_refused(package, bad, "'../../evil.txt' climbs out", "'/etc/evil' is an absolute path")
    assert not os.path.exists(tmp_path / "evil.txt")


def test_zip_bomb_is_refused(package, good_return, tmp_path):
    bomb = b"\0" * (60 << 20)
    digest = hashlib.sha256(bomb).hexdigest()

    def add(d):
        d["files"].append({"path": "bomb.bin", "size": len(bomb), "sha256": digest})
    src = rewrite(good_return, str(tmp_path / "tmp.zip"), manifest=resign(add))
    with zipfile.ZipFile(src, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.bin", bomb)
    assert_refused(package, src, "'bomb.bin' would expand", "zip bomb")


def test_truncated_zip_is_refused(package, good_return, tmp_path):
    data = open(good_return, "rb").read()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    assert_refused(package, str(cut), "not a zip file, or truncated")


def test_missing_manifest_is_refused(package, good_return, tmp_path):
    bad = rewrite(good_return, str(tmp_path / "nomanifest.zip"), drop=(MANIFEST_NAME,))
    assert_refused(package, bad, "has no manifest.json")


def test_edited_manifest_is_refused(package, good_return, tmp_path):
    def edit(raw):
        return raw.replace(b'"township": "\xe4\xba\x94\xe9\x87\x8c\xe9\x95\x87"', b'"township": "X"')
    bad = rewrite(good_return, str(tmp_path / "edited.zip"), manifest=edit)
    assert_refused(package, bad, "edited after it was written")


def test_changed_missing_and_extra_files_are_all_named(package, good_return, tmp_path):
    with zipfile.ZipFile(good_return) as z:
        photos = [n for n in z.namelist() if n.endswith(".jpg")]
    assert len(photos) >= 2
    flip = {photos[0]: lambda d: d[:-10] + bytes(10)}
    bad = rewrite(good_return, str(tmp_path / "tampered.zip"), change=flip, drop=(photos[1],), extra={"note.txt": b"hi"})
    assert_refused(package, bad, f"{photos[0]}: sha256 does not match", f"{photos[1]}: listed in the manifest but missing",
                   "note.txt: in the package but not listed")


def test_package_from_another_county_is_refused(package, good_return, tmp_path):
    bad = rewrite(good_return, str(tmp_path / "other.zip"),
                  manifest=resign(lambda d: d["identity"].update(county_code="610921")))
    assert_refused(package, bad, "comes from county '610921'")


def test_newer_schema_is_refused(package, good_return, tmp_path):
    bad = rewrite(good_return, str(tmp_path / "newer.zip"),
                  manifest=resign(lambda d: d["identity"].update(schema_version=99)))
    assert_refused(package, bad, "schema version 99 is newer")


def test_unreadable_schema_version_is_refused(package, good_return, tmp_path):
    bad = rewrite(good_return, str(tmp_path / "garbled.zip"),
                  manifest=resign(lambda d: d["identity"].update(schema_version="three")))
    assert_refused(package, bad, "unreadable schema version 'three'")


def test_assignment_package_is_not_a_return_package(package, assigned):
    assert_refused(package, township_zip(assigned, "关庙镇"), "not a township's return package")
