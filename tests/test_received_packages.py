"""Packages forged by a dishonest township (or sent as a county's): real zips whose GeoPackage carries planted
triggers, an older schema or evidence rows that name files outside the package. Nothing of theirs runs here,
nothing outside the package is touched, and the county's files stay byte-identical when a package is refused."""
import hashlib
import os
import sqlite3
import zipfile

import pytest
from desks import confirmed
from test_exchange import (
    COUNTY,
    assert_refused,
    file_sha,
    resign,
    rewrite,
    township_zip,
    worked_return,
)

from weipian_plugin.services.assignment_packages import open_assignment_package
from weipian_plugin.services.return_packages import import_return_package
from weipian_plugin.store import gpkg_blob
from weipian_plugin.store.schema import WRITER_FUNCTION
from weipian_plugin.store.work_package import WorkPackage


def forge_gpkg(src_zip, dst_zip, tmp_path, *statements):
    """The package with its GeoPackage changed by SQL, the manifest's size and sha256 made to match (what a
    careful forger does)."""
    with zipfile.ZipFile(src_zip) as z:
        name = next(n for n in z.namelist() if n.endswith(".gpkg") and "/" not in n)
        work = tmp_path / ("forge_" + os.path.basename(dst_zip) + ".gpkg")
        work.write_bytes(z.read(name))
    conn = sqlite3.connect(str(work), isolation_level=None)
    gpkg_blob.register_functions(conn)
    conn.create_function(WRITER_FUNCTION, 0, lambda: 1)  # the forger has the plugin's code too
    for sql in statements:
        conn.execute(sql)
    conn.close()
    data = work.read_bytes()

    def update(d):
        for f in d["files"]:
            if f["path"] == name:
                f.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    return rewrite(src_zip, dst_zip, change={name: lambda _old: data}, manifest=resign(update))


def test_evidence_rows_naming_files_outside_the_package_are_refused(package, assigned, sample, tmp_path):
    """The import once moved `../county.gpkg` (the county's own package) into the evidence folder."""
    _, ret = worked_return(assigned, sample, tmp_path)
    county_name = os.path.basename(package.path)
    with WorkPackage.open(package.path) as probe:
        code = sorted(c for c in probe.patch_codes() if probe.patch(c, False).township == "五里镇")[0]
    bad = forge_gpkg(ret, str(tmp_path / "steal.zip"), tmp_path,
                     f"INSERT INTO evidence(patch_code, kind, path, sha256) VALUES ('{code}', 'document', "
                     f"'../{county_name}', '{'a' * 64}')",
                     f"INSERT INTO evidence(patch_code, kind, path, sha256) VALUES ('{code}', 'document', "
                     f"'../../elsewhere/file.pdf', '{'b' * 64}')")
    message = assert_refused(package, bad, f"evidence paths outside the package '../{county_name}'",
                             "'../../elsewhere/file.pdf'")
    assert "steal.zip" in message and os.path.isfile(package.path)
    # a plain path inside the package that the manifest does not list is no evidence either
    unlisted = forge_gpkg(ret, str(tmp_path / "unlisted.zip"), tmp_path,
                          f"INSERT INTO evidence(patch_code, kind, path, sha256) VALUES ('{code}', 'document', "
                          f"'x_evidence/{code}/made_up.pdf', '{'c' * 64}')")
    assert_refused(package, unlisted, f"names 'x_evidence/{code}/made_up.pdf', a file the package does not hold")


def test_planted_trigger_in_a_return_package_never_runs(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    bad = forge_gpkg(ret, str(tmp_path / "trigger.zip"), tmp_path,
                     "CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN UPDATE verifications SET verdict='HF'; END",
                     "CREATE TRIGGER wipe2 AFTER UPDATE ON package_meta BEGIN DELETE FROM verifications; END",
                     "CREATE VIEW shadow AS SELECT * FROM verifications")
    report = import_return_package(package, bad, COUNTY, confirmed=confirmed())
    assert report.applied
    # the township's real verdicts arrived (the first worked patch is 违法), and no object of theirs is here
    assert package.verification(sorted(report.applied)[0]).verdict == "WF"
    names = {r[0] for r in package.conn.execute("SELECT name FROM sqlite_master")}
    assert not {"wipe", "wipe2", "shadow"} & names


def test_return_package_of_an_older_schema_is_refused_not_migrated(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    bad = forge_gpkg(ret, str(tmp_path / "older.zip"), tmp_path,
                     "CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM verifications; END",
                     "UPDATE package_meta SET value='2' WHERE key='schema_version'")
    assert_refused(package, bad, "schema version 2", "older.zip")


def test_forged_document_types_and_patch_records_are_refused(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    with WorkPackage.open(package.path) as probe:
        code = sorted(c for c in probe.patch_codes() if probe.patch(c, False).township == "五里镇")[0]
    typed = forge_gpkg(ret, str(tmp_path / "typed.zip"), tmp_path,
                       "UPDATE evidence SET doc_type='<script>' WHERE fid=(SELECT min(fid) FROM evidence)")
    assert_refused(package, typed, "unknown document types '<script>'", "typed.zip")
    record = forge_gpkg(ret, str(tmp_path / "record.zip"), tmp_path,
                        f"INSERT INTO patch_records(patch_code, kind, data, recorded_by, recorded_at) VALUES "
                        f"('{code}', 'acceptance', '{{\"kind\": \"restored\"}}', 'x', '2026-01-01')")
    assert_refused(package, record, "patch record", "is not valid", "record.zip")


def test_table_replaced_by_a_view_is_refused(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    bad = forge_gpkg(ret, str(tmp_path / "view.zip"), tmp_path,
                     "ALTER TABLE verifications RENAME TO verifications_real",
                     "CREATE VIEW verifications AS SELECT fid, patch_code, 'HF' AS verdict, subtype, category, "
                     "illegal_cultivated_housing, basis, approval_no, rectification, verifier, verified_at "
                     "FROM verifications_real")
    assert_refused(package, bad, "'verifications' is a view, not a table")


def test_forged_assignment_package_with_a_trigger_stores_what_the_township_saved(package, assigned, tmp_path):
    """A trigger in an assignment package once turned the township's 违法 into 合法 while the audit said 违法."""
    src = township_zip(assigned, "五里镇")
    bad = forge_gpkg(src, str(tmp_path / "forged_assignment.zip"), tmp_path,
                     "CREATE TRIGGER launder AFTER INSERT ON verifications BEGIN "
                     "UPDATE verifications SET verdict='HF' WHERE fid=NEW.fid; END",
                     "CREATE TRIGGER launder2 AFTER UPDATE ON verifications BEGIN "
                     "UPDATE verifications SET verdict='HF' WHERE fid=NEW.fid AND verdict<>'HF'; END")
    gpkg = open_assignment_package(bad, confirmed=confirmed())
    with WorkPackage.open(gpkg) as twp:
        code = sorted(twp.patch_codes())[0]
        twp.set_verification(code, "五里镇 陈强", verdict="WF", subtype="违法占地", basis="未批先建。")
        assert twp.verification(code).verdict == "WF"
        names = {r[0] for r in twp.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert not {"launder", "launder2"} & names
    # only the plugin's own package is left beside the zip, not the received file
    assert sorted(os.listdir(os.path.dirname(gpkg))) == sorted(
        [os.path.basename(gpkg), os.path.basename(gpkg)[:-5] + "_evidence"])


def test_damaged_geopackage_in_a_valid_zip_is_refused_by_name(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    with zipfile.ZipFile(ret) as z:
        name = next(n for n in z.namelist() if n.endswith(".gpkg"))
    data = b"SQLite format 3\x00" + bytes(4096)

    def update(d):
        for f in d["files"]:
            if f["path"] == name:
                f.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    bad = rewrite(ret, str(tmp_path / "damaged.zip"), change={name: lambda _old: data}, manifest=resign(update))
    assert_refused(package, bad, name, "cannot be taken")
    assert file_sha(package.path)


@pytest.mark.parametrize("code", ["../../x", "..\\..\\x", "a/b", "", "x" * 65, "编号1", "a..b", ".hidden"])
def test_hostile_patch_codes_are_named_problems(code):
    from weipian_plugin.core.names import patch_code_problem

    assert patch_code_problem(code)


@pytest.mark.parametrize("text,expected", [
    ("../../etc/passwd", "etc_passwd"), ("..\\..\\x", "x"), ("五里镇", "五里镇"), ("CON", "_CON"),
    ("a\x00b\nc", "abc"), ("", "unnamed"), ("..", "unnamed"), ("照片 1.jpg", "照片_1.jpg")])
def test_safe_file_name_keeps_one_plain_component(text, expected):
    from weipian_plugin.core.names import safe_file_name

    assert safe_file_name(text) == expected
    assert safe_file_name("长" * 200 + ".jpg").endswith(".jpg") and len(safe_file_name("长" * 200 + ".jpg").encode()) <= 150


def test_a_return_package_with_an_edited_audit_log_is_refused(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    bad = forge_gpkg(ret, str(tmp_path / "editedlog.zip"), tmp_path,
                     "DROP TRIGGER audit_log_no_update",
                     "UPDATE audit_log SET actor='县卫片办 李明' WHERE fid = (SELECT max(fid) FROM audit_log)")
    assert_refused(package, bad, "its audit log was altered", "was changed after it was written")


def test_a_township_log_rewritten_after_the_county_received_it_is_refused(package, assigned, sample, tmp_path):
    """A consistent rewrite (the whole chain computed again) is caught by what the county received before."""
    from weipian_plugin.services.return_packages import export_return_package
    from weipian_plugin.store import audit_chain

    gpkg, ret = worked_return(assigned, sample, tmp_path)
    assert import_return_package(package, ret, COUNTY, confirmed=confirmed()).applied
    conn = sqlite3.connect(gpkg, isolation_level=None)
    gpkg_blob.register_functions(conn)
    conn.create_function(WRITER_FUNCTION, 0, lambda: 1)
    conn.execute("BEGIN")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor='县卫片办 李明' WHERE action='set_verification'")
    audit_chain.chain_existing(conn)
    assert audit_chain.chain_problems(conn) == []
    conn.execute("COMMIT")
    conn.close()
    again = str(tmp_path / "again.zip")
    with WorkPackage.open(gpkg) as twp:
        code = sorted(twp.patch_codes())[2]
        twp.set_verification(code, "五里镇 陈强", verdict="QT", subtype="实地未变化", basis="未变")
        export_return_package(twp, again, "五里镇 陈强")
    assert_refused(package, again, "history rewritten")


def _hostile_town_package(tmp_path):
    from shapely.geometry import MultiPolygon, box

    wp = WorkPackage.create(str(tmp_path / "hostile.gpkg"), "national_2023", "610902", "tester")
    towns = ["=1+2", '=HYPERLINK("http://example.invalid","点我")', "..\\..\\x", "@SUM(A1)"]
    wp.add_patches([dict(code=f"H{i}", township=t, class_name="新增非农建设类",
                         wkb=MultiPolygon([box(109 + i * 0.01, 32.7, 109.001 + i * 0.01, 32.701)]).wkb,
                         cultivated_mu=1.0, area_mu=2.0) for i, t in enumerate(towns)], "test", "tester")
    return wp, towns


def test_text_that_looks_like_a_formula_stays_text_in_the_statistics(tmp_path, qgis_app):
    import openpyxl

    from weipian_plugin.services.statistics_export import write_statistics

    wp, towns = _hostile_town_package(tmp_path)
    xlsx, csv_path = str(tmp_path / "月报.xlsx"), str(tmp_path / "月报.csv")
    write_statistics(wp, xlsx)
    write_statistics(wp, csv_path)
    cells = [c for ws in openpyxl.load_workbook(xlsx).worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value in towns]
    assert {c.value for c in cells} == set(towns) and all(c.data_type == "s" for c in cells)
    text = open(csv_path, encoding="utf-8-sig").read()
    assert "'=1+2" in text and "'@SUM(A1)" in text and "\n=1+2" not in text and ",=1+2" not in text
    wp.close()


def test_assignment_zip_names_from_hostile_township_names_stay_in_their_folder(tmp_path, qgis_app):
    from weipian_plugin.services.assignment_packages import export_assignment_packages

    wp, towns = _hostile_town_package(tmp_path)
    out = tmp_path / "out"
    report = export_assignment_packages(wp, str(out), "县卫片办 李明")
    assert len(report.packages) == 4
    for _town, path, _n in report.packages:
        assert os.path.dirname(path) == str(out) and os.path.isfile(path)
        assert open_assignment_package(path, confirmed=confirmed()).startswith(str(out))
    wp.close()


def test_forged_assignment_with_evidence_paths_outside_the_package_is_refused(package, assigned, tmp_path):
    """A township's return export would have packed whatever file such a path named."""
    src = township_zip(assigned, "五里镇")
    bad = forge_gpkg(src, str(tmp_path / "exfiltrate.zip"), tmp_path,
                     "UPDATE evidence SET path='../../../etc/passwd' WHERE fid=(SELECT min(fid) FROM evidence)")
    from weipian_plugin.core.manifest import ManifestError

    with pytest.raises(ManifestError, match="exfiltrate.zip.*evidence paths outside the package.*etc/passwd"):
        open_assignment_package(bad, confirmed=confirmed())
    assert not os.path.exists(tmp_path / "exfiltrate")


def _package_with(tmp_path, name, members, kind="assignment"):
    """A package zip whose manifest honestly lists the members (so only the limits can refuse it)."""
    from weipian_plugin.core.manifest import FileEntry, Manifest
    from weipian_plugin.store.keys import Desk

    files = [FileEntry(path, len(data), hashlib.sha256(data).hexdigest()) for path, data in members]
    manifest = Manifest(kind, {"county_code": "610902", "schema_version": 4, "township": "五里镇"}, files, {})
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for member, data in members:
            z.writestr(member, data)
        z.writestr("manifest.json", manifest.to_json(Desk.current().signer("county:610902")))
    return str(path)


def test_many_small_entries_that_expand_enormously_are_refused_before_unpacking(tmp_path):
    """3,000 × 1 MiB from a 3.5 MB zip were unpacked by the township side: each entry was under the per-entry
    floor of the bomb check."""
    from weipian_plugin.core.manifest import ManifestError

    zeros = bytes(1 << 20)
    bomb = _package_with(tmp_path, "many.zip", [(f"x_evidence/{i:04d}.jpg", zeros) for i in range(200)])
    assert os.path.getsize(bomb) < 2 << 20
    with pytest.raises(ManifestError, match="many.zip: its 201 entries would expand .* times.*zip bomb"):
        open_assignment_package(bomb, confirmed=confirmed())
    assert sorted(os.listdir(tmp_path)) == ["many.zip"]


def test_a_path_two_thousand_folders_deep_and_a_deeply_nested_manifest_are_refused(tmp_path):
    from weipian_plugin.core.manifest import ManifestError, parse_manifest

    deep = _package_with(tmp_path, "deep.zip", [("a/" * 2000 + "x.jpg", b"x")])
    with pytest.raises(ManifestError, match="is a path of 4005 characters") as err:
        open_assignment_package(deep, confirmed=confirmed())
    assert len(str(err.value)) < 300
    deeper = _package_with(tmp_path, "deeper.zip", [("a/" * 20 + "x.jpg", b"x")])
    with pytest.raises(ManifestError, match="21 folders deep"):
        open_assignment_package(deeper, confirmed=confirmed())
    nested = b'{"format": "weipian-package", "x": ' + b"[" * 100000 + b"]" * 100000 + b"}"
    with pytest.raises(ManifestError, match="nested deeper"):
        parse_manifest(nested, "nested.zip")
    assert sorted(os.listdir(tmp_path)) == ["deep.zip", "deeper.zip"]


def test_a_work_package_missing_columns_is_refused_naming_them(package, assigned, sample, tmp_path):
    _, ret = worked_return(assigned, sample, tmp_path)
    bad = forge_gpkg(ret, str(tmp_path / "columns.zip"), tmp_path,
                     "ALTER TABLE reviews DROP COLUMN content_sha", "DROP TABLE conflicts")
    assert_refused(package, bad, "table 'reviews' lacks the columns content_sha", "has no plain table 'conflicts'")
