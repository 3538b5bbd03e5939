"""Issue 23: the township's patches as a QField project, and the folder the phone gives back, through the
algorithms a county runs (processing.run, as qgis_process and Processing's dialog do). The field session is
reproduced the way the app writes it: features added with QGIS' API, a real JPEG with GPS and GPSImgDirection
written at the patch into DCIM/, the verdict filled on the patches' layer; the folder zipped."""
import os
import shutil
import zipfile

import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)

from weipian_plugin.sample.field_phone import WF_ON_CULTIVATED
from weipian_plugin.store.work_package import WorkPackage

ACTOR = "五里镇 陈强"


def export(gpkg, out):
    import processing

    return processing.run("weipian:export_field_project", {"PACKAGE": gpkg, "ACTOR": ACTOR, "OUTPUT": str(out)})


def import_back(gpkg, source):
    import processing

    key = "FOLDER" if os.path.isdir(source) else "INPUT"
    return processing.run("weipian:import_field_project", {"PACKAGE": gpkg, key: str(source), "ACTOR": ACTOR})


def test_the_field_project_opens_in_qgis_with_its_form_and_relative_paths(township, tmp_path, qgis_new_project):
    result = export(township, tmp_path / "外业")
    folder = result["FOLDER"]
    assert os.path.isfile(result["ZIP"]) and result["PATCHES"] > 0
    project = QgsProject.instance()  # as the app opens it: the current project
    assert project.read(os.path.join(folder, "卫片外业.qgs"))
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    assert set(layers) == {"图斑", "照片", "前时相", "后时相"} and all(layer.isValid() for layer in layers.values())
    patches, photos = layers["图斑"], layers["照片"]
    assert patches.featureCount() == result["PATCHES"]
    assert patches.customProperty("QFieldSync/is_geometry_locked") in (True, "true")
    fields = patches.fields()
    assert fields.field("pdjg").editorWidgetSetup().type() == "ValueMap"
    assert {"违法": "WF"} in fields.field("pdjg").editorWidgetSetup().config()["map"]
    assert patches.editFormConfig().readOnly(fields.indexOf("jcbh"))
    assert not patches.editFormConfig().readOnly(fields.indexOf("pdjg"))
    photo = photos.fields().field("photo").editorWidgetSetup()
    assert photo.type() == "ExternalResource" and photo.config()["RelativeStorage"] == 1
    assert "'DCIM/'" in photos.customProperty("QFieldSync/attachment_naming")
    assert project.readEntry("Mergin", f"PhotoNaming/{photos.id()}/photo")[0].startswith('"jcbh"')
    # the name QField gives a new photo of a patch: <JCBH>_<n>, one more than the patch's highest number
    import json

    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    naming = QgsExpression(json.loads(photos.customProperty("QFieldSync/attachment_naming"))["photo"])

    def next_name(code):
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(photos))
        new = QgsFeature(photos.fields())
        new["jcbh"] = code
        context.setFeature(new)
        return naming.evaluate(context)

    first = next(f["jcbh"] for f in patches.getFeatures())
    assert next_name(first) == f"DCIM/{first}_1.{{extension}}", naming.evalErrorString()
    taken = QgsFeature(photos.fields())
    taken["jcbh"], taken["photo"] = first, f"DCIM/{first}_3.jpg"
    assert photos.dataProvider().addFeatures([taken])[0]
    assert next_name(first) == f"DCIM/{first}_4.{{extension}}"
    root = photo.config()["PropertyCollection"]["properties"]["propertyRootPath"]
    assert root["active"] and "DCIM" in root["expression"]
    assert len(project.relationManager().relations()) == 1
    # the constraints say what the rules say: 违法 on 耕地 needs the rural-housing answer and a basis
    with WorkPackage.open(township) as wp:
        code = next(p.code for p in wp.patches(with_geometry=False) if p.cultivated_mu > 0)
    feature = next(f for f in patches.getFeatures() if f["jcbh"] == code)
    feature["pdjg"], feature["lx"], feature["wflb"] = "WF", "违法占地", "新增建设用地违法"
    broken = [name for name in ("lzgdjf", "pdyjsm", "lx", "wflb")
              if not QgsVectorLayerUtils.validateAttribute(patches, feature, fields.indexOf(name))[0]]
    assert broken == ["lzgdjf", "pdyjsm"]
    feature["lzgdjf"], feature["pdyjsm"] = 0, "未批先建。"
    assert all(QgsVectorLayerUtils.validateAttribute(patches, feature, i)[0] for i in range(fields.count()))
    # no path of this machine anywhere in what goes to the phone
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as fh:
                data = fh.read()
            assert str(tmp_path).encode() not in data, name
    sizes = dict((label, size) for label, size in _imagery_sizes(folder))
    assert set(sizes) == {"前时相", "后时相"} and all(0 < s < 50 * 1024 ** 2 for s in sizes.values())


def _imagery_sizes(folder):
    for name in sorted(n for n in os.listdir(os.path.join(folder, "imagery")) if n.endswith(".tif")):
        yield name[:-4], os.path.getsize(os.path.join(folder, "imagery", name))


def field_session(folder, code, sample, verdict, orphan=True):
    from weipian_plugin.sample.field_phone import field_visit

    return field_visit(folder, code, sample.patch(code), verdict, orphan)


def _zip(folder, path):
    with zipfile.ZipFile(path, "w") as zf:
        for root, _, files in os.walk(folder):
            for name in files:
                full = os.path.join(root, name)
                zf.write(full, os.path.relpath(full, os.path.dirname(folder)))
    return path


WF = WF_ON_CULTIVATED


def test_a_field_session_comes_back_as_if_attached_at_a_desk(township, sample, tmp_path):
    from weipian_plugin.core.photo_reading import read_photo
    from weipian_plugin.services.package_check import check_package
    from weipian_plugin.services.photo_attach import attach_reading

    folder = export(township, tmp_path / "out")["FOLDER"]
    with WorkPackage.open(township) as wp:
        code = next(p.code for p in wp.patches(with_geometry=False) if p.cultivated_mu > 0)
    phone = str(tmp_path / "phone" / os.path.basename(folder))
    shutil.copytree(folder, phone)  # the phone's copy
    az = field_session(phone, code, sample, WF)
    desk = str(tmp_path / "desk.gpkg")  # the same work done at a desk, for comparison
    shutil.copyfile(township, desk)
    shutil.copytree(township[:-5] + "_evidence", desk[:-5] + "_evidence")
    result = import_back(township, _zip(phone, str(tmp_path / "back.zip")))
    assert (result["APPLIED"], result["CONFLICTS"], result["PHOTOS"], result["ORPHANS"]) == (1, 0, 1, 1)
    with WorkPackage.open(desk) as dwp:
        dwp.set_verification(code, ACTOR, verdict="WF", subtype="违法占地", category="新增建设用地违法",
                             illegal_cultivated_housing=False, rectification="整改中", basis="未批先建。")
        attach_reading(dwp, code, read_photo(os.path.join(phone, "DCIM", f"{code}_1.jpg")), ACTOR)
        desk_findings = sorted(f.rule for f in check_package(dwp)[0] if f.patch_code == code)
        desk_photo = [e for e in dwp.evidence(code) if e.path.endswith(".jpg")][-1]
    with WorkPackage.open(township) as wp:
        v = wp.verification(code)
        assert (v.verdict, v.subtype, v.illegal_cultivated_housing, v.verifier) == ("WF", "违法占地", False, ACTOR)
        photo = [e for e in wp.evidence(code) if e.sha256 == desk_photo.sha256]
        assert len(photo) == 1 and abs(photo[0].azimuth - az) < 0.01
        assert (photo[0].distance_m, photo[0].azimuth_offset_deg) == (desk_photo.distance_m,
                                                                        desk_photo.azimuth_offset_deg)
        assert sorted(f.rule for f in check_package(wp)[0] if f.patch_code == code) == desk_findings
        assert any(e["action"] == "import_field_project" for e in map(dict, wp.audit_entries()))
    # the same folder again changes nothing
    again = import_back(township, phone)
    assert (again["APPLIED"], again["PHOTOS"]) == (0, 0)


def test_a_verdict_changed_at_the_desk_since_the_export_is_kept_and_named(township, sample, tmp_path):
    folder = export(township, tmp_path / "out")["FOLDER"]
    with WorkPackage.open(township) as wp:
        code = next(p.code for p in wp.patches(with_geometry=False) if p.cultivated_mu > 0)
        wp.set_verification(code, "五里镇 王芳", verdict="QT", subtype="实地未变化", basis="地类未变。")
    field_session(folder, code, sample, WF, orphan=False)
    result = import_back(township, folder)
    assert (result["APPLIED"], result["CONFLICTS"]) == (0, 1)
    from weipian_plugin.store.assignments import conflicts

    with WorkPackage.open(township) as wp:
        assert wp.verification(code).verdict == "QT"  # the desk's stays
        kept = conflicts(wp)  # the field's beside it, to decide side by side
        assert [(c.patch_code, c.township_version["verification"]["verdict"]) for c in kept] == [(code, "WF")]


def _state(gpkg):
    with WorkPackage.open(gpkg) as wp:
        return ({c: (wp.verification(c) or None) and wp.verification(c).verdict for c in wp.patch_codes()},
                len(wp.evidence()), len(wp.audit_entries()))


def _hostile_path(folder, code):
    photos = QgsVectorLayer(os.path.join(folder, "field.gpkg|layername=photos"), "photos", "ogr")
    f = QgsFeature(photos.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(108.9, 32.7)))
    f["jcbh"], f["photo"] = code, "../../../../etc/passwd"
    photos.dataProvider().addFeatures([f])
    return "outside the folder", "field.gpkg"


def _python_form_init(folder, code):
    path = os.path.join(folder, "卫片外业.qgs")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    text = text.replace("<editforminit/>", "<editforminit>evil</editforminit>", 1)
    text = text.replace("<editforminitcode><![CDATA[]]></editforminitcode>",
                        "<editforminitcode><![CDATA[import os; os.system('rm -rf ~')]]></editforminitcode>", 1)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return "form init", "卫片外业.qgs"


def _edited_geometry(folder, code):
    patches = QgsVectorLayer(os.path.join(folder, "field.gpkg|layername=patches"), "patches", "ogr")
    f = next(x for x in patches.getFeatures() if x["jcbh"] == code)
    moved = QgsGeometry(f.geometry())
    moved.translate(0.0005, 0.0)
    patches.dataProvider().changeGeometryValues({f.id(): moved})
    return code, "field.gpkg"


def _ten_thousand_photos(folder, code):
    for i in range(10_000):
        with open(os.path.join(folder, "DCIM", f"p{i}.jpg"), "wb") as fh:
            fh.write(b"\xff\xd8\xff")
    return "more than 5000", "field_back.zip"


def _verdict_past_the_form(folder, code):
    """The GeoPackage edited outside the app, past the form's constraints."""
    patches = QgsVectorLayer(os.path.join(folder, "field.gpkg|layername=patches"), "patches", "ogr")
    f = next(x for x in patches.getFeatures() if x["jcbh"] == code)
    patches.dataProvider().changeAttributeValues({f.id(): {patches.fields().indexOf("pdjg"): "ZZ"}})
    return "not in the rule profile", code


@pytest.mark.parametrize("attack", [_hostile_path, _python_form_init, _edited_geometry, _ten_thousand_photos,
                                    _verdict_past_the_form])
def test_a_hostile_field_project_is_refused_with_the_reason_and_nothing_written(township, sample, tmp_path, attack):
    from qgis.core import QgsProcessingException

    folder = export(township, tmp_path / "out")["FOLDER"]
    with WorkPackage.open(township) as wp:
        code = next(p.code for p in wp.patches(with_geometry=False) if p.cultivated_mu > 0)
    field_session(folder, code, sample, WF)
    said, names = attack(folder, code)
    source = _zip(folder, str(tmp_path / "field_back.zip"))
    before = _state(township)
    with pytest.raises(QgsProcessingException) as refused:
        import_back(township, source)
    text = str(refused.value)
    assert said in text and names in text, text
    assert _state(township) == before



def test_a_zip_climbing_out_or_a_linked_folder_is_refused(township, sample, tmp_path):
    from qgis.core import QgsProcessingException

    folder = export(township, tmp_path / "out")["FOLDER"]
    before = _state(township)
    climbing = str(tmp_path / "climbing.zip")
    _zip(folder, climbing)
    with zipfile.ZipFile(climbing, "a") as zf:
        zf.writestr("../../outside.txt", b"x")
    linked = str(tmp_path / "linked")
    shutil.copytree(folder, linked)
    os.symlink("/etc/passwd", os.path.join(linked, "DCIM", "passwd.jpg"))
    for source, said in ((climbing, "outside the folder"), (linked, "a link is not accepted")):
        with pytest.raises(QgsProcessingException) as refused:
            import_back(township, source)
        assert said in str(refused.value) and os.path.basename(source) in str(refused.value)
    assert _state(township) == before
    assert not os.path.exists(tmp_path / "outside.txt") and not os.path.exists(tmp_path.parent / "outside.txt")


def test_the_photos_own_azimuth_wins_and_a_different_one_in_the_form_is_said(township, sample, tmp_path):
    import json

    from qgis.core import QgsVectorLayer

    folder = export(township, tmp_path / "out")["FOLDER"]
    with WorkPackage.open(township) as wp:
        code = next(p.code for p in wp.patches(with_geometry=False) if p.cultivated_mu > 0)
    az = field_session(folder, code, sample, WF, orphan=False)
    photos = QgsVectorLayer(os.path.join(folder, "field.gpkg|layername=photos"), "photos", "ogr")
    fid = next(photos.getFeatures()).id()
    photos.dataProvider().changeAttributeValues({fid: {photos.fields().indexOf("fwj"): (az + 40.0) % 360.0}})
    del photos
    result = import_back(township, folder)
    notes = json.loads(result["REPORT"])["azimuth_notes"]
    assert len(notes) == 1 and f"{round(az, 1)}" in notes[0]["note"]
    with WorkPackage.open(township) as wp:
        assert abs([e for e in wp.evidence(code) if e.path.endswith(".jpg")][-1].azimuth - az) < 0.01


def test_the_county_makes_one_field_project_for_each_township(package_path, assigned, tmp_path, provider):
    """From the county's package with no township named: a folder and zip per township, as the assignment
    packages are split."""
    import json

    result = export(package_path, tmp_path / "外业")
    zips = json.loads(result["FILES"])
    towns = {town: n for town, _, n in assigned.packages}
    assert sorted(os.path.basename(z) for z in zips) == sorted(f"{t}_外业.zip" for t in towns)
    assert result["PATCHES"] == sum(towns.values())
    with zipfile.ZipFile(next(z for z in zips if "五里镇" in z)) as zf:
        assert "五里镇_外业/卫片外业.qgs" in zf.namelist()


def test_a_field_project_goes_out_from_the_office_and_comes_back_into_it(pg, pg_server, county, sample, tmp_path,
                                                                         provider):
    """The same algorithms on the county office's PostGIS package (the store does not matter to them)."""
    import pg_cluster

    from weipian_plugin.store.office_copy import publish_work_package
    from weipian_plugin.store.office_package import OfficePackage
    from weipian_plugin.store.open_store import office_spec

    publish_work_package(county, pg, "wp_field")
    spec = office_spec(pg_cluster.dsn(pg_server), "wp_field")
    import processing

    made = processing.run("weipian:export_field_project", {"PACKAGE": spec, "TOWNSHIP": "五里镇", "ACTOR": ACTOR,
                                                            "OUTPUT": str(tmp_path / "out")})
    office = OfficePackage(pg, "wp_field")
    code = next(p.code for p in office.patches(with_geometry=False)
                if p.township == "五里镇" and p.cultivated_mu > 0)
    before = len(office.evidence(code))
    verdict = dict(WF, pdyjsm="外业复核：未批先建。")
    field_session(made["FOLDER"], code, sample, verdict, orphan=False)
    back = import_back(spec, made["FOLDER"])
    assert (back["APPLIED"], back["CONFLICTS"], back["PHOTOS"], back["ORPHANS"]) == (1, 0, 1, 0)
    office = OfficePackage(pg, "wp_field")
    assert len(office.evidence(code)) == before + 1
    assert office.verification(code).basis == "外业复核：未批先建。"
    assert [e["action"] for e in office.audit_entries() if "field_project" in e["action"]] == [
        "export_field_project", "import_field_project"]
