"""The Processing algorithms (the headless API), on the sample county."""
import collections
import os
import shutil

import processing
import pytest

from weipian_plugin.store.work_package import WorkPackage


def test_provider_has_the_fixed_algorithm_ids(provider):
    ids = {a.id() for a in provider.algorithms()}
    assert {"weipian:create_work_package", "weipian:read_photos", "weipian:attach_photos",
            "weipian:check_work_package"} <= ids
    alg = provider.algorithm("create_work_package")
    assert [p.name() for p in alg.parameterDefinitions()] == ["INPUT", "FIELD_MAP", "PROFILE", "ACTOR", "OUTPUT"]
    assert [p.name() for p in provider.algorithm("attach_photos").parameterDefinitions()] == [
        "PACKAGE", "INPUT", "MATCH", "ACTOR", "OUTPUT"]


def test_read_photos_covers_every_file_and_agrees_with_native_importphotos(provider, sample, tmp_path):
    ours = processing.run("weipian:read_photos", {"INPUT": sample.photo_dir, "RECURSIVE": True,
                                                  "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    native = processing.run("native:importphotos", {"FOLDER": sample.photo_dir, "RECURSIVE": True,
                                                    "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    feats = {os.path.normpath(f["path"]): f for f in ours.getFeatures()}
    assert len(feats) == len(sample.photos)  # one feature for every image-like file
    assert ours.crs().authid() == "EPSG:4326"
    compared = 0
    for nf in native.getFeatures():
        path = os.path.normpath(nf["photo"])
        of = feats[path]
        if nf.geometry().isNull() or of.geometry().isNull():
            continue
        np_, op = nf.geometry().asPoint(), of.geometry().vertexAt(0)
        assert op.x() == pytest.approx(np_.x(), abs=1e-7) and op.y() == pytest.approx(np_.y(), abs=1e-7)
        assert of["altitude"] == pytest.approx(nf["altitude"], abs=0.01)
        if nf["direction"] is not None and of["azimuth_raw"] is not None:
            assert of["azimuth_raw"] == pytest.approx(nf["direction"], abs=0.01)  # native reports the raw value
        compared += 1
    assert compared >= len(sample.photos) - 5
    corrupt = sample.photos_of("corrupt")[0].path
    assert feats[os.path.normpath(corrupt)]["problem"]  # a clear problem, no crash
    assert feats[os.path.normpath(corrupt)].geometry().isNull()


def test_read_photos_bad_folder(provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="no such folder"):
        processing.run("weipian:read_photos", {"INPUT": str(tmp_path / "nope"), "OUTPUT": "TEMPORARY_OUTPUT"})


def test_create_reports_and_extends_without_touching_existing_work(provider, sample, tmp_path):
    out = str(tmp_path / "wp.gpkg")
    r = processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": out, "ACTOR": "甲"})
    assert r["ADDED"] == len(sample.patches) and r["PROBLEMS"] == 0
    code = sample.patches[0].code
    with WorkPackage.open(out) as wp:
        # no profile chosen: an 安康 county (6109…) gets the Shaanxi/安康 thresholds, any other the national base
        assert wp.meta("county_code") == "610902" and wp.meta("profile") == "shaanxi_ankang_2023"
        wp.set_verification(code, "乙", verdict="HF", subtype="依法批准用地", basis="已批")
    r = processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": out})
    assert r["ADDED"] == 0 and r["SKIPPED_EXISTING"] == len(sample.patches)
    with WorkPackage.open(out) as wp:
        assert wp.verification(code).basis == "已批"


def test_attach_auto_puts_each_photo_on_its_patch(provider, sample, package):
    rows = collections.Counter()
    evidence = {e.path.split("/")[-1]: e for e in package.evidence()}
    by_patch = collections.defaultdict(set)
    for e in package.evidence():
        by_patch[e.patch_code].add(e.sha256)
    from weipian_plugin.core.photo_reading import sha256_of

    for ph in sample.photos:
        if ph.case == "corrupt":
            assert sha256_of(ph.path) in by_patch[ph.patch_code]  # attached by name, flagged by the check
            continue
        if ph.case == "no_gps" and "unsorted" in ph.path:
            continue
        assert sha256_of(ph.path) in by_patch[ph.patch_code], ph.path
        rows[ph.case] += 1
    assert rows["normal"] > 50
    assert evidence  # files were copied into the package's evidence folder
    for e in package.evidence():
        assert os.path.exists(os.path.join(os.path.dirname(package.path), e.path))


def test_attach_twice_attaches_nothing_new(provider, sample, package_path):
    r = processing.run("weipian:attach_photos", {"PACKAGE": package_path, "INPUT": sample.photo_dir,
                                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    assert r["ATTACHED"] == 0 and r["ALREADY_ATTACHED"] == len(sample.photos)


def test_attach_by_location_and_by_name(provider, sample, tmp_path):
    out = str(tmp_path / "loc.gpkg")
    processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": out})
    loose = tmp_path / "loose"
    loose.mkdir()
    normal = [p for p in sample.photos if p.case == "normal"][:6]
    far = sample.photos_of("far")[0]
    for i, ph in enumerate(normal + [far]):
        shutil.copyfile(ph.path, loose / f"IMG_{i:04d}.jpg")
    r = processing.run("weipian:attach_photos", {"PACKAGE": out, "INPUT": str(loose), "MATCH": "location",
                                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    table = {os.path.basename(f["path"]): f for f in r["OUTPUT"].getFeatures()}
    for i, ph in enumerate(normal):
        assert table[f"IMG_{i:04d}.jpg"]["patch_code"] == ph.patch_code
        assert table[f"IMG_{i:04d}.jpg"]["method"] in ("nearest", "inside")
    far_row = table[f"IMG_{len(normal):04d}.jpg"]
    assert far_row["status"] == "unmatched" and "no patch within 200 m" in far_row["reason"]
    r = processing.run("weipian:attach_photos", {"PACKAGE": out, "INPUT": str(loose), "MATCH": "name",
                                                 "OUTPUT": "TEMPORARY_OUTPUT"})
    assert r["ATTACHED"] == 0 and r["UNMATCHED"] == len(normal) + 1  # camera names name no patch
    # the user's folder is untouched
    assert sorted(os.listdir(loose)) == [f"IMG_{i:04d}.jpg" for i in range(len(normal) + 1)]


def test_check_finds_the_sample_problems_and_counts_coverage(provider, sample, package_path):
    from weipian_plugin.core.profile import load_profile
    from weipian_plugin.sample.scenario import run_county_review, run_township_work

    with WorkPackage.open(package_path) as wp:
        run_township_work(wp, load_profile(), sample.document_dir)
        run_county_review(wp, load_profile())
    r = processing.run("weipian:check_work_package", {"PACKAGE": package_path, "OUTPUT": "TEMPORARY_OUTPUT"})
    rules = collections.Counter(f["rule"] for f in r["OUTPUT"].getFeatures())
    assert (r["TOTAL"], r["VERIFIED"]) == (len(sample.patches), len(sample.patches) - 2)
    assert r["REVIEWED"] == len(sample.patches) - 4 and r["RETURNED"] == 1 and not r["REVIEW_COMPLETE"]
    for rule in ("verdict.missing", "verdict.other_forbidden", "housing.flag_missing", "review.self_review",
                 "review.returned", "photo.reused", "photo.before_imagery", "photo.looks_away", "photo.too_far",
                 "photo.file_problem", "photo.no_azimuth"):
        assert rules[rule] >= 1, rule
    assert rules["photo.reused"] == 2  # flagged on both patches
    assert r["BLOCKING"] == sum(1 for f in r["OUTPUT"].getFeatures() if f["severity"] == "blocking")


def test_check_reports_a_deleted_evidence_file(provider, package_path):
    with WorkPackage.open(package_path) as wp:
        e = wp.evidence()[0]
    os.remove(os.path.join(os.path.dirname(package_path), e.path))
    r = processing.run("weipian:check_work_package", {"PACKAGE": package_path, "OUTPUT": "TEMPORARY_OUTPUT"})
    missing = [f for f in r["OUTPUT"].getFeatures() if f["rule"] == "evidence.file_missing"]
    assert len(missing) == 1 and e.path in missing[0]["message_en"]


def test_check_refuses_a_broken_package_with_its_name(provider, tmp_path):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "broken.gpkg"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 80)
    with pytest.raises(QgsProcessingException, match="broken.gpkg"):
        processing.run("weipian:check_work_package", {"PACKAGE": str(bad), "OUTPUT": "TEMPORARY_OUTPUT"})
