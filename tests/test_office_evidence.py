"""Evidence and the algorithms on a work package kept on the office's PostgreSQL/PostGIS server (a real server,
tests/pg_cluster.py): photos attached from several desks at once keep one numbering, their bytes go into the
database checked against their sha256, the database's rights hold, and the algorithms that take a PACKAGE take
the office package too, with the same results as on the GeoPackage."""
import hashlib
import json
import os
import re
import threading
import zipfile

import psycopg2
import pytest

from weipian_plugin.core.collector import paused
from weipian_plugin.core.photo_reading import read_photo
from weipian_plugin.sample.photo_writer import build_exif, write_jpeg
from weipian_plugin.services.photo_attach import attach_reading
from weipian_plugin.store.office_copy import export_work_package, publish_work_package
from weipian_plugin.store.office_package import OfficePackage
from weipian_plugin.store.open_store import office_spec, open_store, parse_office
from weipian_plugin.store.work_package import PackageError, WorkPackage


def first_patch_with_photos(path):
    with WorkPackage.open(path) as wp:
        for p in wp.patches(with_geometry=False):
            evidence = wp.evidence(p.code)
            if any(e.kind == "photo" for e in evidence) and not p.military:
                return p.code, evidence


def new_photos(folder, count, seed, at=(109.0, 32.7)):
    os.makedirs(folder, exist_ok=True)
    return [write_jpeg(os.path.join(folder, f"IMG_{seed}_{i}.jpg"), build_exif(at[0], at[1], 30.0 + i),
                       seed=seed * 100 + i, noise=True) for i in range(count)]


def at_patch(package, code):
    """A point inside the patch: photos taken there (one taken kilometres away blocks its patch)."""
    from shapely import wkb

    with WorkPackage.open(package) as wp:
        point = wkb.loads(bytes(wp.patch(code).wkb)).representative_point()
    return point.x, point.y


def test_photos_attached_at_once_from_four_desks_take_one_numbering_and_their_bytes_are_checked(pg, pg_server, county,
                                                                                               tmp_path):
    schema = "wp_ev_four"
    publish_work_package(county, pg, schema)
    code, before = first_patch_with_photos(county)
    numbers = [int(m.group(1)) for m in (re.search(r"_(\d+)\.\w+$", e.path) for e in before if e.kind == "photo")
               if m]
    top = max(numbers or [0])
    errors = []
    from test_office_store import login

    with pg.cursor() as cur:
        cur.execute(f"SELECT township FROM {schema}.patches WHERE code = %s", (code,))
        town = cur.fetchone()[0]
    for i in range(4):  # four people of the township, each at a desk with a login of their own
        login(pg, pg_server, schema, f"test_desk{i}", "township", town, display=f"desk{i}").close()

    def desk(i):
        try:
            with OfficePackage(psycopg2.connect(**dict(pg_server, user=f"test_desk{i}")), schema) as wp:
                for path in new_photos(str(tmp_path / f"desk{i}"), 3, seed=i + 1):
                    row = attach_reading(wp, code, read_photo(path), f"desk{i}")
                    assert row.status == "attached", row.reason
        except Exception as exc:  # reported to the test below
            errors.append(exc)

    # four desks are four processes in an office; here four threads of the test's process, which holds Qt objects:
    # Python's collector is paused while they live, by the thread that starts and joins them (core/collector)
    threads = [threading.Thread(target=desk, args=(i,)) for i in range(4)]
    with paused():
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    with OfficePackage(psycopg2.connect(**pg_server), schema) as wp:
        added = [e for e in wp.evidence(code) if e.id not in {b.id for b in before}]
        assert len(added) == 12
        names = sorted(os.path.basename(e.path) for e in added)
        assert names == sorted(f"{code}_{n}.jpg" for n in range(top + 1, top + 13))  # no clash, no gap
        assert {e.path.rsplit("/", 1)[0] for e in added} == {before[0].path.rsplit("/", 1)[0]}
        with pg.cursor() as cur:
            for e in added:
                cur.execute(f"SELECT data FROM {schema}.evidence_files WHERE sha256 = %s", (e.sha256,))
                assert hashlib.sha256(bytes(cur.fetchone()[0])).hexdigest() == e.sha256
        pg.rollback()
        assert wp.integrity_problems() == []  # one audit chain, whatever the number of writers
        assert sum(1 for a in wp.audit_entries(code) if a["action"] == "add_evidence" and a["actor"] in
                   {f"desk{i}" for i in range(4)}) == 12  # each under its member's name, written by the database
        with pg.cursor() as cur:
            cur.execute(f"SELECT DISTINCT added_by, added_login FROM {schema}.evidence WHERE fid = ANY(%s)",
                        ([e.id for e in added],))
            assert sorted(cur.fetchall()) == [(f"desk{i}", f"test_desk{i}") for i in range(4)]
        pg.rollback()
        # the same bytes again: attached once
        again = attach_reading(wp, code, read_photo(str(tmp_path / "desk0" / "IMG_1_0.jpg")), "desk0")
        assert again.status == "already_attached"
        # a file changed between reading and attaching is refused, naming it; nothing is recorded
        path = new_photos(str(tmp_path / "late"), 1, seed=9)[0]
        reading = read_photo(path)
        write_jpeg(path, build_exif(109.0, 32.7, 1.0), seed=999, noise=True)
        with pytest.raises(OSError, match="IMG_9_0.jpg"):
            attach_reading(wp, code, reading, "desk0")
        assert len(wp.evidence(code)) == len(before) + 12
    # taken back into a GeoPackage: every new photo is a file at its recorded path, with its bytes
    out = tmp_path / "back" / os.path.basename(county)
    with psycopg2.connect(**pg_server) as conn:
        export_work_package(conn, schema, str(out))
    from weipian_plugin.services.package_check import missing_evidence_files

    with WorkPackage.open(str(out)) as back:
        assert missing_evidence_files(back) == []
        assert len(back.evidence(code)) == len(before) + 12


def test_detaching_on_the_office_unpasses_the_patch_and_undo_puts_it_back(pg, pg_server, county):
    schema = "wp_ev_undo"
    publish_work_package(county, pg, schema)
    code, before = first_patch_with_photos(county)
    with OfficePackage(psycopg2.connect(**pg_server), schema) as wp:
        assert wp.state(code) == "passed"
        photo = next(e for e in before if e.kind == "photo")
        record = wp.remove_evidence(photo.id, "县卫片办 李明")
        assert wp.state(code) != "passed"  # what was passed is no longer what the package holds
        assert photo.id not in {e.id for e in wp.evidence(code)}
        wp.add_evidence(code, record, "县卫片办 李明", keep_origin=True)
        assert wp.state(code) == "passed"
        assert [a["action"] for a in wp.audit_entries(code)][-2:] == ["remove_evidence", "add_evidence"]
        # the bytes stay in the database: evidence_files is insert-only
        with pg.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {schema}.evidence_files WHERE sha256 = %s", (photo.sha256,))
            assert cur.fetchone()[0] == 1
        pg.rollback()
        # evidence whose bytes the database does not hold cannot be recorded
        with pytest.raises(PackageError, match="not in the database"):
            wp.add_evidence(code, dict(record, sha256="0" * 64), "县卫片办 李明")


def test_the_database_decides_who_attaches(pg, pg_server, county, tmp_path):
    from test_office_store import login

    schema = "wp_ev_rights"
    publish_work_package(county, pg, schema)
    with pg.cursor() as cur:
        cur.execute(f"SELECT code, township FROM {schema}.patches ORDER BY code")
        rows = cur.fetchall()
    pg.commit()
    towns = sorted({t for _, t in rows})
    own = next(c for c, t in rows if t == towns[0])
    other = next(c for c, t in rows if t == towns[1])
    photo = read_photo(new_photos(str(tmp_path / "p"), 1, seed=3)[0])
    town = OfficePackage(login(pg, pg_server, schema, "test_ev_town", "township", towns[0]), schema)
    assert attach_reading(town, own, photo, "乡镇 陈强").status == "attached"
    with pytest.raises(PackageError, match="no such patch"):  # row-level security: not its township's
        attach_reading(town, other, photo, "乡镇 陈强")
    reviewer = OfficePackage(login(pg, pg_server, schema, "test_ev_rev", "reviewer"), schema)
    with pytest.raises(PackageError, match="may not"):
        attach_reading(reviewer, other, photo, "县 李明")
    with pytest.raises(PackageError, match="may not"):
        reviewer.remove_evidence(reviewer.evidence(own)[0].id, "县 李明")
    assert [e.sha256 for e in OfficePackage(psycopg2.connect(**pg_server), schema).evidence(other)
            if e.sha256 == photo.sha256] == []
    town.close()
    reviewer.close()


def test_an_office_package_is_named_by_connection_and_schema_or_by_uri(pg_server):
    dsn = " ".join(f"{k}={v}" for k, v in pg_server.items())
    assert parse_office(office_spec(dsn, "wp_x")) == (dsn, "wp_x")
    assert parse_office("/data/county.gpkg") is None
    uri = f"postgresql://{pg_server['user']}@/{pg_server['dbname']}?host={pg_server['host']}&port=" \
          f"{pg_server['port']}&schema=wp_x"
    connection, schema = parse_office(uri)
    assert schema == "wp_x" and "schema" not in connection and connection.startswith("postgresql://")
    with pytest.raises(PackageError, match="schema name"):
        parse_office("office:Robert'); DROP TABLE x;--@" + dsn)
    with pytest.raises(PackageError, match="no work package"):
        open_store(office_spec(dsn, "wp_nothing_here"))
    with pytest.raises(PackageError, match="password=\\*\\*\\*"):  # a password never reaches a message
        open_store(office_spec("host=/nonexistent port=1 dbname=x user=y password=hunter2", "wp_x"))


def zip_listing(path):
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
    return manifest


def test_the_algorithms_take_an_office_package_with_the_same_results(pg, pg_server, county, tmp_path, provider):
    import processing
    schema = "wp_ev_algs"
    publish_work_package(county, pg, schema)
    spec = office_spec(" ".join(f"{k}={v}" for k, v in pg_server.items()), schema)
    code, before = first_patch_with_photos(county)
    # attach a folder of photos named after a patch
    folder = tmp_path / "field" / code
    new_photos(str(folder), 2, seed=7, at=at_patch(county, code))
    result = processing.run("weipian:attach_photos", {"PACKAGE": spec, "INPUT": str(tmp_path / "field"),
                                                      "MATCH": "name", "ACTOR": "五里镇 陈强",
                                                      "OUTPUT": "TEMPORARY_OUTPUT"})
    assert result["ATTACHED"] == 2
    with open_store(spec) as wp:
        assert len(wp.evidence(code)) == len(before) + 2
        assert wp.state(code) != "passed"  # new evidence: what the county passed has changed
        wp.verification_shown(code)
        wp.add_review(code, "县卫片办 赵", "pass", "新增照片已核")
        assert wp.state(code) == "passed"
    # the check reads the same findings from both stores once both hold the same
    gpkg_same = tmp_path / "same" / os.path.basename(county)
    with psycopg2.connect(**pg_server) as conn:
        export_work_package(conn, schema, str(gpkg_same))
    found = {}
    for name, package in (("office", spec), ("gpkg", str(gpkg_same))):
        out = processing.run("weipian:check_work_package", {"PACKAGE": package, "OUTPUT": "TEMPORARY_OUTPUT"})
        found[name] = sorted((f["patch_code"], f["rule"]) for f in out["OUTPUT"].getFeatures())
    assert found["office"] == found["gpkg"]
    # the upload package from the office holds what the GeoPackage's holds, file for file
    listings = {}
    for name, package in (("office", spec), ("gpkg", str(gpkg_same))):
        zip_path = tmp_path / f"{name}_upload.zip"
        processing.run("weipian:export_upload_package", {"PACKAGE": package, "DOSSIERS": False,
                                                         "ACTOR": "县卫片办 王", "OUTPUT": str(zip_path)})
        listings[name] = sorted((f["path"], f["sha256"]) for f in zip_listing(zip_path)["files"]
                                if not f["path"].startswith("statistics/") and not f["path"].endswith(".gpkg"))
    assert listings["office"] == listings["gpkg"] and any(p.startswith(f"evidence/{code}/") for p, _ in
                                                          listings["office"])
    with open_store(spec) as wp:
        assert wp.audit_entries()[-1]["action"] == "export_upload_package"
    # monthly statistics from the office
    stats = processing.run("weipian:monthly_statistics", {"PACKAGE": spec, "OUTPUT": str(tmp_path / "s.xlsx")})
    assert os.path.getsize(stats["OUTPUT"]) > 1000
    # the year's statistics over batches kept on the office server
    yearly = processing.run("weipian:yearly_statistics", {"PACKAGES": [spec], "OUTPUT": str(tmp_path / "y.xlsx")})
    assert os.path.getsize(yearly["OUTPUT"]) > 1000
