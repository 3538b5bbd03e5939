"""The upload package, the statistics and the Processing algorithms around them, on a real month of the sample
county (assignment and return packages, reviews), opened and checked file by file."""
import csv
import hashlib
import json
import os
import re
import sqlite3
import zipfile

import pytest
from desks import confirmed

from weipian_plugin.services.package_zip import Cancelled, EvidenceChanged, verify_package
from weipian_plugin.services.upload_package import GateRefused, export_upload_package
from weipian_plugin.store.work_package import WorkPackage

ACTOR = "县卫片办 张华"


def sha(data):
    return hashlib.sha256(data).hexdigest()


def test_upload_package_holds_everything_it_promises(month):
    upload = month["upload"]
    manifest = verify_package(upload)
    assert manifest.kind == "upload" and manifest.identity["county_code"] == "610902"
    with WorkPackage.open(month["package"]) as wp:
        codes = sorted(wp.patch_codes())
        evidence = {c: wp.evidence(c) for c in codes}
        verifications = {c: wp.verification(c) for c in codes}
    with zipfile.ZipFile(upload) as z:
        names = set(z.namelist())
        # one dossier and one evidence folder per patch, every evidence file with its recorded bytes
        for code in codes:
            pdf = z.read(f"dossiers/{code}.pdf")
            assert pdf.startswith(b"%PDF")
            photos = sum(1 for e in evidence[code] if e.kind == "photo")
            docs = len(evidence[code]) - photos
            # a first page, then the photos and documents two per page
            assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1 + (photos + docs + 1) // 2
            for e in evidence[code]:
                data = z.read(f"evidence/{code}/{os.path.basename(e.path)}")
                assert sha(data) == e.sha256
        assert {"results/610902_results.gpkg", "results/610902_results.shp", "results/610902_results.dbf",
                "results/610902_results.cpg", "results/610902_results.prj", "statistics/610902_月报.xlsx",
                "statistics/610902_月报.csv", "manifest.json"} <= names
        assert manifest.counts["patches"] == len(codes) and manifest.counts["dossiers"] == len(codes)
        extract = os.path.join(os.path.dirname(upload), "unzipped")
        z.extractall(extract)
    # the results: GeoPackage in UTF-8 and Shapefile in GBK carry the same values, read back through OGR
    from osgeo import ogr

    gpkg = ogr.Open(os.path.join(extract, "results", "610902_results.gpkg"))
    tb = gpkg.GetLayerByName("tb")
    assert tb.GetFeatureCount() == len(codes) and gpkg.GetLayerByName("zp").GetFeatureCount() > 0
    rows = {f["JCBH"]: f for f in tb}
    v = verifications[codes[0]]
    f = rows[codes[0]]
    assert f["PDJG"] == {"HF": "合法", "WF": "违法", "QT": "其他"}[v.verdict] and f["PDYJSM"] == v.basis
    assert f["SHJG"] == "通过" and f["SHR"] == "县卫片办 李明" and f.GetGeometryRef().GetGeometryName() == "MULTIPOLYGON"
    illegal = [c for c in codes if verifications[c].verdict == "WF" and verifications[c].illegal_cultivated_housing is not None]
    assert illegal and rows[illegal[0]]["SFXZLZGDJF"] in ("是", "否")
    base = os.path.join(extract, "results", "610902_results")
    assert open(base + ".cpg").read().strip().upper() in ("CP936", "936", "GBK")
    dbf = open(base + ".dbf", "rb").read()
    assert "违法".encode("gbk") in dbf and "违法".encode("utf-8") not in dbf
    from qgis.core import QgsVectorLayer

    shp = QgsVectorLayer(base + ".shp", "results", "ogr")  # as a user opens it in QGIS
    assert shp.isValid() and shp.featureCount() == len(codes)
    assert {"JCBH", "PDJG", "PZWH", "WFLX", "PDYJSM", "SFXZLZGDJF", "SHYJ"} <= set(shp.fields().names())
    assert {f["JCBH"]: f["PDJG"] for f in shp.getFeatures()} == {c: r["PDJG"] for c, r in rows.items()}
    # the statistics in the package match the package
    with open(os.path.join(extract, "statistics", "610902_月报.csv"), encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0][:3] == ["乡镇", "图斑类型", "图斑数"] and table[-1][0] == "合计" and int(table[-1][2]) == len(codes)


def test_monthly_statistics_xlsx_through_the_algorithm(month, tmp_path, provider):
    import openpyxl
    import processing

    out = str(tmp_path / "月报.xlsx")
    res = processing.run("weipian:monthly_statistics", {"PACKAGE": month["package"], "OUTPUT": out})
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["月报", "问责比例", "实地核查清单", "差错率", "差错率预估（假设）", "专班移交清单", "说明"]
    assert wb["月报"]["A1"].value.startswith("《卫片执法图斑核查填报情况统计表（月报）》")
    monthly = wb["月报"]
    total = [r for r in monthly.iter_rows(values_only=True) if r[0] == "合计"][0]
    assert total[2] == 60 and total[5] == 60  # patches, verified
    acc = wb["问责比例"]
    numerator, denominator = acc["B3"].value, acc["B4"].value
    ratio_row = next(r for r in acc.iter_rows() if r[0].value == "问责比例（分子 ÷ 分母）")
    assert ratio_row[1].value.startswith("=IF(B4>0,B3/B4")
    summary = json.loads(res["SUMMARY"])
    assert summary["accountability_numerator_mu"] == numerator
    assert res["ACCOUNTABILITY_RATIO"] == str(round(numerator / denominator, 4))
    assert res["ACCOUNTABILITY_WARNING"] == ("yes" if numerator >= 100 and numerator / denominator >= 0.15 else "no")
    # one batch's workbook never warns (accountability is yearly): it shows the share and points to the year
    texts = [c for row in acc.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not [t for t in texts if "须预警" in t] and any("请见年度统计" in t for t in texts)
    er = wb["差错率"]
    # the signed sheet holds recorded figures only: no formula a user could overwrite into an official-looking rate
    assert not [c for row in er.iter_rows(values_only=True) for c in row if isinstance(c, str) and c.startswith("=")]
    rows = list(er.iter_rows(values_only=True))
    assert any(r[0] == "省级：逐县按月" for r in rows) and any(r[0] == "部级：逐县按季度" for r in rows)
    # the demo's month ends with every patch passed and no higher-level finding: its error rate is 0, though the
    # county itself returned and corrected patches during the month (those are not errors)
    start = next(i for i, r in enumerate(rows) if r[0] == "监测编号")
    lines = [r for r in rows[start + 1:] if r[0]]
    assert len(lines) == 60 and {r[3] for r in lines} == {"否"} and summary["error_rate"] == 0.0
    assert any(r[5] == "是" for r in lines)  # returned ones: look first
    what_if = wb["差错率预估（假设）"]  # the what-if stays apart, titled as such
    assert "预估" in what_if["A1"].value and what_if["H2"].value.startswith("=SUMIF(D4:D")
    # the month's accountability says it is one batch only, and the deductions without acceptance stay in
    info = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert "yearly_statistics" in info["问责比例范围"]
    reasons = [r[5] for r in acc.iter_rows(values_only=True) if r[5]]
    assert any("未逐个验收" in str(x) for x in reasons) and any("验收：分子分母均扣除" in str(x) for x in reasons)
    assert summary["deductions_claimed_not_accepted_mu"] > 0
    # CSV: the monthly table only, UTF-8 with a BOM
    csv_out = str(tmp_path / "月报.csv")
    processing.run("weipian:monthly_statistics", {"PACKAGE": month["package"], "OUTPUT": csv_out})
    assert open(csv_out, "rb").read(3) == b"\xef\xbb\xbf"


def test_gate_refuses_and_names_what_blocks(package, tmp_path, provider):
    import processing
    from qgis.core import QgsProcessingException

    out = tmp_path / "upload.zip"
    with pytest.raises(GateRefused) as err:
        export_upload_package(package, str(out), ACTOR)
    assert "internal review not passed (unverified)" in str(err.value)
    assert any(str(line).startswith("610902") for line in err.value.blocking)
    with pytest.raises(QgsProcessingException, match="cannot be exported yet"):
        processing.run("weipian:export_upload_package", {"PACKAGE": package.path, "OUTPUT": str(out)})
    assert os.listdir(tmp_path) == [p for p in os.listdir(tmp_path) if "upload" not in p]


def test_military_patches_only_in_their_own_package(county, tmp_path):
    with WorkPackage.open(county) as wp:
        code = sorted(wp.patch_codes())[5]
        wp.set_military(code, True, ACTOR)
        # the mark is a decision a review covers: one unreviewed tick never takes a patch out of the upload
        assert wp.state(code) == "resubmitted"
        for kind in (False, True):
            with pytest.raises(GateRefused) as refused:
                export_upload_package(wp, str(tmp_path / "early.zip"), ACTOR, military=kind, dossiers=False)
            assert any(code in line.render() for line in refused.value.blocking)
        assert not os.path.exists(tmp_path / "early.zip")
        wp.add_review(code, "县卫片办 王审", "pass", "经核实属军事用地，单独报送")
        assert wp.state(code) == "passed"
        normal = export_upload_package(wp, str(tmp_path / "upload.zip"), ACTOR, dossiers=False)
        secret = export_upload_package(wp, str(tmp_path / "military.zip"), ACTOR, military=True, dossiers=False)
    assert normal.excluded_military == [code] and normal.patches == 59 and secret.patches == 1
    with zipfile.ZipFile(tmp_path / "upload.zip") as z:
        assert not [n for n in z.namelist() if code in n]
        assert code.encode() not in z.read("results/610902_results.dbf")
        assert code.encode() not in z.read("statistics/610902_月报.csv")
    m = verify_package(str(tmp_path / "military.zip"))
    assert m.kind == "military" and m.identity["confidential"] is True
    with zipfile.ZipFile(tmp_path / "military.zip") as z:
        assert any(n.startswith(f"evidence/{code}/") for n in z.namelist())
        z.extract("statistics/610902_军用土地登记表.xlsx", tmp_path)
    import openpyxl

    register = openpyxl.load_workbook(tmp_path / "statistics/610902_军用土地登记表.xlsx")["军用土地登记表"]
    rows = list(register.iter_rows(values_only=True))
    assert "涉密" in rows[0][0] and rows[2][:2] == ("序号", "监测编号") and rows[3][:2] == (1, code)
    with zipfile.ZipFile(tmp_path / "upload.zip") as z:
        assert not [n for n in z.namelist() if "军用土地" in n]


def test_interrupted_export_leaves_no_package(county, tmp_path):
    calls = []

    def cancel_after_some():
        calls.append(1)
        return len(calls) > 40

    out = tmp_path / "upload.zip"
    with WorkPackage.open(county) as wp:
        with pytest.raises(Cancelled):
            export_upload_package(wp, str(out), ACTOR, cancelled=cancel_after_some, dossiers=False)
    assert len(calls) > 40 and os.listdir(tmp_path) == [p for p in os.listdir(tmp_path) if "upload" not in p]


def test_evidence_changed_after_attaching_refuses_the_export(county, tmp_path):
    with WorkPackage.open(county) as wp:
        e = wp.evidence()[0]
        path = os.path.join(os.path.dirname(county), e.path)
        data = bytearray(open(path, "rb").read())
        data[-20] ^= 0xFF  # same size, other bytes
        open(path, "wb").write(bytes(data))
        with pytest.raises(EvidenceChanged, match=os.path.basename(e.path)):
            export_upload_package(wp, str(tmp_path / "upload.zip"), ACTOR, dossiers=False)
    assert not [p for p in os.listdir(tmp_path) if "upload" in p]


def test_an_existing_package_is_never_overwritten(county, tmp_path):
    out = tmp_path / "upload.zip"
    out.write_bytes(b"someone's earlier file")
    with WorkPackage.open(county) as wp:
        with pytest.raises(FileExistsError, match="never overwritten"):
            export_upload_package(wp, str(out), ACTOR, dossiers=False)
    assert out.read_bytes() == b"someone's earlier file"


def test_verify_package_algorithm_names_every_mismatch(month, tmp_path, provider):
    import processing
    from qgis.core import QgsProcessingException

    ok = processing.run("weipian:verify_package", {"INPUT": month["upload"]})
    assert ok["KIND"] == "upload" and ok["FILES"] > 60
    bad = str(tmp_path / "tampered.zip")
    with zipfile.ZipFile(month["upload"]) as zin, zipfile.ZipFile(bad, "w") as zout:
        victims = [n for n in zin.namelist() if n.startswith("dossiers/")][:2]
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in victims:
                data = data[:-1] + b"X"
            zout.writestr(info, data)
    from qgis.core import QgsProcessingFeedback

    class Collect(QgsProcessingFeedback):
        errors = []

        def reportError(self, error, fatalError=False):  # noqa: N802 - QGIS API
            self.errors.append(error)
            super().reportError(error, fatalError)

    feedback = Collect()
    with pytest.raises(QgsProcessingException) as err:
        processing.run("weipian:verify_package", {"INPUT": bad}, feedback=feedback)
    assert "unexpected type" not in str(err.value) and "Traceback" not in str(err.value), str(err.value)
    for v in victims:
        assert f"{v}: sha256 does not match" in str(err.value)
        assert any(e == f"{v}: sha256 does not match the manifest" for e in feedback.errors), feedback.errors


def test_all_package_algorithms_have_their_fixed_ids_and_parameters(provider):
    from qgis.core import QgsApplication

    expected = {
        "export_assignment_packages": {"PACKAGE", "TOWNSHIPS", "OUTPUT"},
        "export_return_package": {"PACKAGE", "OUTPUT"},
        "import_return_package": {"PACKAGE", "INPUT", "OUTPUT"},
        "export_upload_package": {"PACKAGE", "OUTPUT"},
        "verify_package": {"INPUT"},
        "monthly_statistics": {"PACKAGE", "OUTPUT"},
    }
    for name, params in expected.items():
        alg = QgsApplication.processingRegistry().algorithmById(f"weipian:{name}")
        assert alg is not None, name
        assert params <= {p.name() for p in alg.parameterDefinitions()}, name


def test_assignment_by_township_boundary_layer(package, tmp_path, provider):
    """Townships from a boundary layer: two polygons split the county east/west; each patch goes to the one
    holding it."""
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:4490&field=XZMC:string", "townships", "memory")
    west, east = QgsFeature(layer.fields()), QgsFeature(layer.fields())
    west.setAttributes(["西片"])
    west.setGeometry(QgsGeometry.fromWkt("POLYGON((108 32, 109.0 32, 109.0 33.5, 108 33.5, 108 32))"))
    east.setAttributes(["东片"])
    east.setGeometry(QgsGeometry.fromWkt("POLYGON((109.0 32, 110 32, 110 33.5, 109.0 33.5, 109.0 32))"))
    layer.dataProvider().addFeatures([west, east])
    path = package.path
    package.close()
    res = processing.run("weipian:export_assignment_packages", {"PACKAGE": path, "TOWNSHIPS": layer,
                                                                "OUTPUT": str(tmp_path / "out")})
    files = json.loads(res["FILES"])
    assert res["PACKAGES"] == 2 and len(files) == 2 and res["UNASSIGNED"] == 0
    conn = sqlite3.connect(path)
    towns = dict(conn.execute("SELECT patch_code, township FROM assignments"))
    from shapely import wkb

    from weipian_plugin.store import gpkg_blob

    for code, blob in conn.execute("SELECT code, geom FROM patches"):
        x = wkb.loads(gpkg_blob.decode(blob)).representative_point().x
        assert towns[code] == ("西片" if x < 109.0 else "东片")
    conn.close()


KILLER = """
import os, signal, sys
sys.path.insert(0, {root!r})
target = {target!r}
real_replace = os.replace

def replace_then_die(src, dst, *a, **kw):
    real_replace(src, dst, *a, **kw)
    if os.path.basename(str(dst)).endswith(target):
        os.kill(os.getpid(), signal.SIGKILL)  # a real kill -9, right after the package got its name

os.replace = replace_then_die
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from weipian_plugin.store.work_package import WorkPackage
wp = WorkPackage.open({package!r})
{action}
"""


def _killed_after_publish(package, target, action):
    import signal
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = KILLER.format(root=root, target=target, package=package, action=action)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]


def test_killed_right_after_publishing_the_upload_the_export_is_recorded(county, tmp_path):
    """A kill right after the rename once left an upload package with no audit entry."""
    out = str(tmp_path / "killed_upload.zip")
    _killed_after_publish(county, "killed_upload.zip",
                          f"from weipian_plugin.services.upload_package import export_upload_package\n"
                          f"export_upload_package(wp, {out!r}, 'county', dossiers=False)")
    manifest = verify_package(out)
    with WorkPackage.open(county) as wp:
        entries = [json.loads(e["detail"]) for e in wp.audit_entries() if e["action"] == "export_upload_package"]
        assert entries and entries[-1]["file"] == "killed_upload.zip"
        assert entries[-1]["manifest_sha256"] == sha(zipfile.ZipFile(out).read("manifest.json"))
        from weipian_plugin.store import audit_chain

        assert audit_chain.chain_problems(wp.conn) == []
    assert manifest.counts["patches"] > 0


def test_killed_right_after_publishing_an_assignment_the_county_has_recorded_it(county, tmp_path):
    """A kill between the rename and the record once left a valid zip the county never issued."""
    out = str(tmp_path / "assign")
    _killed_after_publish(county, "_assignment.zip",
                          f"from weipian_plugin.services.assignment_packages import export_assignment_packages\n"
                          f"export_assignment_packages(wp, {out!r}, 'county')")
    zips = [f for f in os.listdir(out) if f.endswith(".zip")]
    assert len(zips) == 1
    manifest = verify_package(os.path.join(out, zips[0]))
    with WorkPackage.open(county) as wp:
        recorded = wp.conn.execute("SELECT count(*) FROM assignments WHERE assignment_id=?",
                                   (manifest.identity["assignment_id"],)).fetchone()[0]
    assert recorded == manifest.counts["patches"] > 0


def test_return_export_on_a_full_disk_records_nothing_and_leaves_nothing(package, assigned, sample, tmp_path):
    """The return export on a full disk once logged an export that never happened."""
    import subprocess

    from test_exchange import township_work, township_zip

    from weipian_plugin.services.assignment_packages import open_assignment_package
    from weipian_plugin.services.return_packages import export_return_package
    from weipian_plugin.store.work_package import PackageError

    gpkg = open_assignment_package(township_zip(assigned, "五里镇"), confirmed=confirmed())
    township_work(gpkg, sample)
    full = tmp_path / "full"
    full.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)], check=True)  # a real full disk
    try:
        with WorkPackage.open(gpkg) as twp:
            before = len(twp.audit_entries())
            with pytest.raises(PackageError, match="return.zip: the disk is full; nothing was exported"):
                export_return_package(twp, str(full / "return.zip"), "五里镇 陈强")
            assert len(twp.audit_entries()) == before
        assert os.listdir(full) == []
    finally:
        subprocess.run(["umount", str(full)], check=True)


def test_an_export_is_one_moment_of_the_package_whatever_others_save_meanwhile(county, tmp_path):
    """The export runs beside a live dock (a child process): a photo detached by another connection while the
    export is under way is still in this package, which shows the package as it was when the export began."""
    with WorkPackage.open(county) as wp:
        e = next(x for x in wp.evidence() if x.kind == "photo")
        other = WorkPackage.open(county)
        done = []

        def progress(p):
            if not done:  # the results are written, the evidence not yet listed
                other.remove_evidence(e.id, "县卫片办 王五")
                done.append(p)

        export_upload_package(wp, str(tmp_path / "upload.zip"), ACTOR, dossiers=False, progress=progress)
        assert done and [x.id for x in other.evidence(e.patch_code)].count(e.id) == 0  # it was detached
        other.close()
        assert "export_upload_package" in [a["action"] for a in wp.audit_entries()][-3:]
    with zipfile.ZipFile(tmp_path / "upload.zip") as z:
        assert f"evidence/{e.patch_code}/{os.path.basename(e.path)}" in z.namelist()


def test_dossiers_rendered_by_two_processes_are_the_ones_one_process_renders(county, tmp_path):
    with WorkPackage.open(county) as wp:
        one = export_upload_package(wp, str(tmp_path / "one.zip"), ACTOR, workers=1)
        two = export_upload_package(wp, str(tmp_path / "two.zip"), ACTOR, workers=2)
    assert (one.dossiers, one.dossier_pages) == (two.dossiers, two.dossier_pages) and one.dossiers > 50
    names = []
    for name in ("one.zip", "two.zip"):
        verify_package(str(tmp_path / name))
        with zipfile.ZipFile(tmp_path / name) as z:
            names.append(sorted(n for n in z.namelist() if n.startswith("dossiers/")))
    assert names[0] == names[1] and len(names[0]) == one.dossiers
    assert not [n for n in os.listdir(tmp_path) if n.startswith("weipian_upload_")]  # work folders gone


def own_descendants():
    """The processes this test run started (children of this process, and theirs), from /proc: never another
    run's on the same machine."""
    parents = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                parents[pid] = fh.read().rsplit(b")", 1)[1].split()[1].decode()
        except (OSError, IndexError):
            continue
    mine, grew = {str(os.getpid())}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in mine} - mine
        grew = bool(more)
        mine |= more
    return mine - {str(os.getpid())}


def dossier_workers_running():
    """This run's processes whose command line runs the dossier workers."""
    found = []
    for pid in own_descendants():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if b"weipian_plugin.services.dossier_workers" in fh.read():
                    found.append(pid)
        except OSError:
            continue
    return found


def test_a_cancel_stops_the_dossier_processes_and_leaves_nothing(county, tmp_path):
    seen = []

    def cancel_once_dossiers_run():  # asked every file and, while the workers render, every 0.2 s
        if dossier_workers_running():
            seen.append(1)
        return len(seen) > 5

    with WorkPackage.open(county) as wp:
        with pytest.raises(Cancelled):
            export_upload_package(wp, str(tmp_path / "upload.zip"), ACTOR, workers=2,
                                  cancelled=cancel_once_dossiers_run)
    assert seen  # it was the workers that were stopped
    assert not dossier_workers_running()  # no worker left running
    assert not [n for n in os.listdir(tmp_path) if "upload" in n]


@pytest.mark.parametrize("size", ["64k", "1m", "4m"])
def test_upload_export_on_a_full_disk_says_so_records_nothing_and_leaves_nothing(county, tmp_path, provider, size):
    """A county exporting onto a stick that fills up: the reason in the user's words, no half package, no audit
    entry, through Processing as the county starts it (a CI disk filled up under this very export once, and the
    close of the half-written file raised over the first error)."""
    import subprocess

    import processing
    from qgis.core import QgsProcessingException

    full = tmp_path / "full"
    full.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(full)], check=True)  # a real disk
    try:
        with WorkPackage.open(county) as wp:
            before = len(wp.audit_entries())
        with pytest.raises(QgsProcessingException, match="upload.zip: the disk is full; nothing was exported"):
            processing.run("weipian:export_upload_package", {"PACKAGE": county, "OUTPUT": str(full / "upload.zip")})
        with WorkPackage.open(county) as wp:
            assert len(wp.audit_entries()) == before
        assert os.listdir(full) == []
    finally:
        subprocess.run(["umount", str(full)], check=True)


@pytest.mark.parametrize("size", ["64k", "1m"])
def test_assignment_export_on_a_full_disk_says_so_and_hands_out_nothing(package, tmp_path, provider, size):
    """The county's packages for the townships, onto a disk that fills up: the reason in the user's words through
    Processing, no zip, and no township recorded as having received what it never got."""
    import subprocess

    import processing
    from qgis.core import QgsProcessingException

    full = tmp_path / "full"
    full.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(full)], check=True)  # a real disk
    try:
        with pytest.raises(QgsProcessingException, match="_assignment.zip: the disk is full; nothing was exported"):
            processing.run("weipian:export_assignment_packages", {"PACKAGE": package.path, "ACTOR": ACTOR,
                                                                  "OUTPUT": str(full)})
        # what fitted before the disk filled up was handed out whole and recorded; nothing else was
        zips = sorted(os.listdir(full))
        assert all(z.endswith("_assignment.zip") and verify_package(str(full / z)) for z in zips)
        recorded = {r[0] for r in package.conn.execute("SELECT DISTINCT township FROM assignments")}
        assert recorded == {z.split("_")[1] for z in zips}
    finally:
        subprocess.run(["umount", str(full)], check=True)
