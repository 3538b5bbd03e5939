"""Evidence that deserves the name (issue 22 §4): a file that is not an image is not attached as a photo (it can
be attached as a document, and the refusal says so), from the dock and from the algorithm; a photo taken far from
its patch (over the profile's limit, 1 km) blocks that patch, not only warns."""
import datetime as dt
import os

from .conftest import wait_for
from .test_dock import open_dock_as

ACTOR = "五里镇 陈强"


def _a_text_file_named_jpg(folder, name="现场照片.jpg"):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("这不是照片，是一段文字。\n" * 20)
    return path


def test_a_text_file_named_jpg_is_not_attached_as_a_photo_from_the_dock(qgis_iface, qgis_new_project,
                                                                      package_path, tmp_path):
    d = open_dock_as(qgis_iface, package_path, ACTOR, "verifier")
    code = d.model.code_at(0)
    d.select_patch(code)
    before = len(d.wp.evidence(code))
    fake = _a_text_file_named_jpg(str(tmp_path / "in"))
    lines = d.evidence.add_files([fake])
    assert len(d.wp.evidence(code)) == before  # nothing attached
    said = lines[0]
    assert said.startswith("现场照片.jpg: ")
    assert ("not an image" in said or "不是图像" in said) and ("document" in said or "举证材料" in said)
    # as a document it may go (a scan named wrongly is the user's to judge): attached, typed
    d.evidence.add_files([fake], kind="document", doc_type="other")
    assert len(d.wp.evidence(code)) == before + 1 and d.wp.evidence(code)[-1].kind == "document"
    d.close_package()


def test_a_text_file_named_jpg_is_left_out_by_the_algorithm_and_named(package_path, tmp_path, provider):
    import processing
    from qgis.core import QgsProcessingFeedback

    from weipian_plugin.store.work_package import WorkPackage

    with WorkPackage.open(package_path) as wp:
        code = sorted(wp.patch_codes())[0]
        before = len(wp.evidence(code))
    _a_text_file_named_jpg(str(tmp_path / "in" / code))  # in the patch's own folder: matched by name
    said = []

    class Listen(QgsProcessingFeedback):
        def pushInfo(self, info):
            said.append(info)

        def reportError(self, error, fatalError=False):
            said.append(error)

    res = processing.run("weipian:attach_photos", {"PACKAGE": package_path, "INPUT": str(tmp_path / "in"),
                                                    "MATCH": "name", "ACTOR": ACTOR, "OUTPUT": "TEMPORARY_OUTPUT"},
                         feedback=Listen())
    assert (res["ATTACHED"], res["UNMATCHED"]) == (0, 1)
    assert any("现场照片.jpg" in s and ("not an image" in s or "不是图像" in s) for s in said), said
    with WorkPackage.open(package_path) as wp:
        assert len(wp.evidence(code)) == before


def test_a_photo_taken_in_italy_blocks_its_patch(qgis_iface, qgis_new_project, package_path, tmp_path):
    """7,957 km away: attached (the file is what the township gave), and a blocking finding for that photo, in the
    check and on the patch's findings; 900 m away stays a warning (the profile's 200 m for a match, 1 km to block)."""
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg
    from weipian_plugin.services.package_check import check_package
    from weipian_plugin.store.work_package import WorkPackage

    d = open_dock_as(qgis_iface, package_path, ACTOR, "verifier")
    code = d.model.code_at(0)
    d.select_patch(code)
    taken = dt.datetime(2026, 6, 20, 10, 0)
    rome = write_jpeg(str(tmp_path / "罗马.jpg"), build_exif(12.4964, 41.9028, 90.0, taken=taken))
    lines = d.evidence.add_files([rome])
    assert "attached" in lines[0] or "已挂接" in lines[0]
    photo = max((e for e in d.wp.evidence(code) if e.kind == "photo"), key=lambda e: e.id)  # the one just attached
    assert photo.distance_m > 7_000_000
    with WorkPackage.open(package_path) as wp:
        findings, _ = check_package(wp, None)
    mine = [f for f in findings if f.patch_code == code and f.evidence_id == photo.id]
    assert [(f.rule, f.severity) for f in mine if f.rule.startswith("photo.far")] == [("photo.far_away", "blocking")]
    assert not [f for f in mine if f.rule == "photo.too_far"]  # said once, as what it is
    # on the patch's findings, right after the save (no check run by hand)
    wait_for(lambda: d.task is None)
    shown = [(f.rule, f.severity) for f in d.findings.patch_model.items if f.evidence_id == photo.id]
    assert ("photo.far_away", "blocking") in shown
    d.close_package()
