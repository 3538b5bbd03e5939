"""The city hub on a real PostgreSQL/PostGIS server (tests/pg_cluster.py): counties' upload packages taken in as
verified, refused whole when anything is off; the city's review (pass, return with a deadline, its own
determination) and the year's figures per county and for the city computed with the county's own rules."""
import hashlib
import json
import os
import shutil
import sqlite3
import zipfile

import openpyxl
import psycopg2
import pytest
from desks import confirmed

from weipian_plugin.core.profile import load_profile
from weipian_plugin.core.statistics import accountability
from weipian_plugin.services.city_import import import_upload_package, import_upload_packages
from weipian_plugin.services.city_statistics import city_figures, write_city_statistics
from weipian_plugin.store.city_hub import CityHub, CityHubError
from weipian_plugin.store.work_package import WorkPackage

CITY = "市卫片办 周敏"
MONTH_DESK = []  # the month's county desk (its key signs the hostile county's own packages)


@pytest.fixture(autouse=True)
def _county_desk(month):
    MONTH_DESK[:] = [month["county_desk"]]


@pytest.fixture
def hub(pg, pg_server, request):
    """A hub of 安康; the test's connection (the cluster's owner) is its member 周敏: the name the database writes."""
    from weipian_plugin.store.office_members import add_hub_member

    schema = f"wp_city_{abs(hash(request.node.name)) % 10**8}"
    h = CityHub.create(psycopg2.connect(**pg_server), schema, "6109", "shaanxi_ankang_2023", "市卫片办 管理员")
    with h.conn, h.conn.cursor() as cur:
        add_hub_member(cur, schema, pg_server["user"], CITY, "admin")
    yield h
    h.close()


def rewrite(src, dst, change):
    """A copy of a zip with one member's bytes changed by change(name, data) (None drops it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)
    return dst


def test_a_county_upload_is_taken_once_and_its_figures_are_the_countys_own(hub, month, pg):
    report = import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    with WorkPackage.open(month["package"]) as wp:
        snap = wp.snapshot()
        county = wp.meta("county_code")
        reported = [p for p in snap.patches if not p.military]
    assert (report.county_code, report.patches) == (county, len(reported)) and report.files > len(reported)
    again = import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    assert again.already_imported
    # every file of the package is in the hub with its bytes (the database checked each sha256)
    with pg.cursor() as cur:
        cur.execute(f"SELECT count(*), count(DISTINCT f.sha256) FROM {hub.schema}.package_files pf JOIN "
                    f"{hub.schema}.files f USING (sha256)")
        assert cur.fetchone()[0] == report.files
        cur.execute(f"SELECT count(*) FROM {hub.schema}.county_patches WHERE geom IS NOT NULL")
        assert cur.fetchone()[0] == len(reported)  # every outline for the map
    pg.rollback()
    # the hub's inputs give the county's own accountability figures, patch for patch
    profile = load_profile("shaanxi_ankang_2023")
    mine = accountability(snap, profile, "county")
    theirs = city_figures(hub, profile)["counties"][0]["acc"]
    assert round(theirs.numerator_mu, 4) == round(mine.numerator_mu, 4) > 0
    assert round(theirs.denominator_mu, 4) == round(mine.denominator_mu, 4)
    assert sorted((x.code, x.in_numerator, x.reason) for x in theirs.lines) == \
        sorted((x.code, x.in_numerator, x.reason) for x in mine.lines)
    assert hub.integrity_problems() == []


def test_the_citys_review_and_its_own_determination_count(hub, month, tmp_path):
    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    profile = load_profile("shaanxi_ankang_2023")
    before = city_figures(hub, profile)
    legal = next(x for x in before["counties"][0]["acc"].lines if not x.in_numerator and x.in_denominator)
    illegal = next(x for x in before["counties"][0]["acc"].lines if x.in_numerator)
    states = hub.review_states()
    assert {s for _c, s, _r in states.values()} == {"unreviewed"}
    codes = sorted(c for c in states if c not in (legal.code, illegal.code))
    hub.review(codes[0], CITY, "pass")
    with pytest.raises(CityHubError, match="deadline"):
        hub.review(codes[1], CITY, "return", "照片未显示建筑物全貌")
    with pytest.raises(CityHubError, match="opinion"):
        hub.review(codes[1], CITY, "return", "", "2026-12-10")
    hub.review(codes[1], CITY, "return", "照片未显示建筑物全貌，补拍", "2026-12-10")
    # the county refused to correct a 合法 verdict the city finds illegal: the city determines, and it counts
    with pytest.raises(CityHubError, match="return it to the county first"):  # 002 §三(四)1
        hub.review(legal.code, CITY, "determine", "无批准文件", determination={"final_verdict": "WF"})
    hub.review(legal.code, CITY, "return", "批准文号与该地块不对应，请核实", "2026-12-01")
    with pytest.raises(CityHubError, match="final verdict"):
        hub.review(legal.code, CITY, "determine", "无批准文件", determination={"final_verdict": "合法"})
    hub.review(legal.code, CITY, "determine", "县级拒不整改，批准文号不对应该地块",
               determination={"final_verdict": "WF", "final_category": "新增建设用地违法", "final_housing": False})
    after = city_figures(hub, profile)
    acc = after["counties"][0]["acc"]
    assert round(acc.numerator_mu - before["counties"][0]["acc"].numerator_mu, 4) == round(legal.cultivated_mu, 4)
    line = next(x for x in acc.lines if x.code == legal.code)
    assert line.in_numerator and line.determined_by == "市级"
    assert acc.higher_determined == before["counties"][0]["acc"].higher_determined + 1
    states = hub.review_states()
    assert [states[c][1] for c in (codes[0], codes[1], legal.code)] == ["pass", "return", "determine"]
    assert illegal.code in states
    # the workbook: per county, the city as a whole against 500 亩, the city's field checks, review progress
    out = str(tmp_path / "city.xlsx")
    summary = write_city_statistics(hub, out)
    assert summary["counties"] == 1 and summary["city_numerator_mu"] == round(acc.numerator_mu, 2)
    assert summary["city_over_threshold"] is False  # far below 500 亩
    with zipfile.ZipFile(out) as z:
        names = z.read("xl/workbook.xml").decode("utf-8")
    assert all(n in names for n in ("各县", "问责比例", "实地核查清单", "市级内业审核", "差错率（省级年度口径预估）", "说明"))
    # counties by name, every division of 安康 listed (10), those that did not report marked so (issue 20 §19)
    book = openpyxl.load_workbook(out)
    rows = [r for r in book["各县"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(rows) == 10 and summary["not_reported"] == sorted(r[0] for r in rows if r[2] == "未上报")
    reported = [r for r in rows if r[2] == "已上报"]
    assert [(r[0], r[1]) for r in reported] == [("610902", "汉滨区")]
    assert reported[0][4] == round(acc.numerator_mu, 2)  # an area as a number with two decimals, not 846.5099…
    assert book["各县"].cell(4 + rows.index(reported[0]), 5).number_format == "0.00"
    # the province's yearly error figure for the city: 1 county reporting, no province/Ministry finding → not over;
    # the city's own determination above is review, never an error (002 附件1-2)
    preview = [r for r in book["差错率（省级年度口径预估）"].iter_rows(values_only=True) if r[0]]
    assert any(r[0] == "610902 汉滨区" and r[2] == 0 for r in preview)
    assert sum(1 for r in preview if r[1] == "未上报") == 9
    assert any(str(r[0]).startswith("超过限值的县级行政区：0 / 10") for r in preview)
    assert summary["error_rate_preview_over"] is False
    # everything the city did is in one unbroken audit chain; reviews are insert-only for everyone
    assert [a["action"] for a in hub.audit_entries()].count("city_review") == 4
    assert hub.integrity_problems() == []
    with hub.conn.cursor() as cur, pytest.raises(psycopg2.Error):
        cur.execute(f"UPDATE {hub.schema}.city_reviews SET decision = 'pass'")
    hub.conn.rollback()


def test_the_figures_postgresql_adds_up_are_the_figures_of_every_patchs_inputs(hub, month):
    """What each patch adds to the year's figures is kept when its package is taken, and PostgreSQL adds them up;
    the same figures, field by field and line by line, as computing every patch from its inputs again (a profile
    whose content differs in nothing the rules read has another fingerprint, so nothing kept is used), before and
    after the city determines a patch."""
    from dataclasses import replace

    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    profile = load_profile("shaanxi_ankang_2023")
    again = replace(profile, raw=dict(profile.raw, note="另一份规则配置，内容相同"))
    assert again.fingerprint != profile.fingerprint
    with WorkPackage.open(month["package"]) as wp:
        year = int(str(next(p.issued_at for p in wp.patches(with_geometry=False) if p.issued_at))[:4])

    def same(kept, computed):
        assert [r["county"] for r in kept["counties"]] == [r["county"] for r in computed["counties"]]
        for a, b in zip(kept["counties"] + [{"acc": kept["city"]}], computed["counties"] + [{"acc": computed["city"]}]):
            for name, value in vars(b["acc"]).items():
                if name == "lines":
                    assert [tuple(vars(x).values()) for x in a["acc"].lines] == \
                        [tuple(vars(x).values()) for x in sorted(value, key=lambda x: x.code)]
                elif isinstance(value, float):
                    assert getattr(a["acc"], name) == pytest.approx(value), name
                else:
                    assert getattr(a["acc"], name) == value, name
            for key in ("patches", "higher_determined"):
                assert a.get(key) == b.get(key)
            if "error_rate" in b:
                assert a["error_rate"].filled_mu == pytest.approx(b["error_rate"].filled_mu)
                assert a["error_rate"].unreasonable_mu == pytest.approx(b["error_rate"].unreasonable_mu)
        assert kept["field_checks"] == computed["field_checks"]
        assert kept["review_progress"] == computed["review_progress"]

    for y in (None, year, year + 1):
        same(city_figures(hub, profile, y), city_figures(hub, again, y))
    kept = hub.kept_figures(profile.fingerprint, None, [], True)
    assert sum(n for _c, n, _m, _b in kept["counts"]) == len(hub.review_states()) > 0
    lines = city_figures(hub, profile)["counties"][0]["acc"].lines
    legal = next(x for x in lines if not x.in_numerator and x.in_denominator)
    hub.review(legal.code, CITY, "return", "批准文号与该地块不对应，请核实", "2026-12-01")
    hub.review(legal.code, CITY, "determine", "县级拒不整改，批准文号不对应该地块",
               determination={"final_verdict": "WF", "final_category": "新增建设用地违法", "final_housing": False})
    after = city_figures(hub, profile)
    same(after, city_figures(hub, again))
    assert after["counties"][0]["acc"].higher_determined >= 1
    sheet = city_figures(hub, profile, all_lines=False)  # what the sheet lists: the higher levels' lines only
    assert [x.code for x in sheet["counties"][0]["acc"].lines] == \
        [x.code for x in after["counties"][0]["acc"].lines if x.determined_by != "县级"]
    assert sheet["city"].numerator_mu == pytest.approx(after["city"].numerator_mu)
    # the schema's owner lowers one patch's kept share: the figures follow, and the hub's check names the patch
    assert hub.kept_figures_problems() == []
    illegal = next(x for x in lines if x.in_numerator and x.code != legal.code)
    with hub.conn, hub.conn.cursor() as cur:
        cur.execute(f"ALTER TABLE {hub.schema}.county_patches DISABLE TRIGGER county_patches_insert_only")
        cur.execute(f"UPDATE {hub.schema}.county_patches SET figures = jsonb_set(figures, '{{share,mu}}', '0') "
                    f"WHERE code = %s", (illegal.code,))
        cur.execute(f"ALTER TABLE {hub.schema}.county_patches ENABLE TRIGGER county_patches_insert_only")
    assert city_figures(hub, profile)["city"].numerator_mu == pytest.approx(after["city"].numerator_mu
                                                                            - illegal.cultivated_mu)
    problems = hub.integrity_problems()
    assert any(illegal.code in p and "not what their own inputs give" in p for p in problems)


def test_a_package_that_is_off_is_refused_whole_and_the_others_go_on(hub, month, tmp_path, pg):
    bad_hash = rewrite(month["upload"], str(tmp_path / "changed.zip"),
                       lambda n, d: d.replace(b'"verdict":"WF"', b'"verdict":"HF"', 1)
                       if n == "results/snapshot.json" else d)
    no_snapshot = rewrite(month["upload"], str(tmp_path / "old.zip"),
                          lambda n, d: None if n == "results/snapshot.json" else d)
    other_city = str(tmp_path / "other.zip")
    shutil.copyfile(month["upload"], other_city)
    run = import_upload_packages(hub, [bad_hash, no_snapshot, month["upload"]], "市卫片办 管理员",
                                 confirmed=[month["county_key"]])
    reasons = {r.package: str(r.refused) for r in run.reports}
    assert "snapshot.json" in reasons["changed.zip"]  # its sha256 differs from the manifest's
    assert reasons["old.zip"]
    assert [r.package for r in run.imported] == [os.path.basename(month["upload"])]
    with pg.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {hub.schema}.county_packages")
        assert cur.fetchone()[0] == 1
    pg.rollback()
    # a hub of another city takes no package of this county
    with CityHub.create(psycopg2.connect(hub.conn.dsn), "wp_city_other", "6110", "shaanxi_ankang_2023",
                        "管理员") as other:
        with pytest.raises(CityHubError, match="not a county of city 6110"):
            import_upload_package(other, other_city, "管理员", confirmed=[month["county_key"]])


def test_a_changed_photo_is_found_on_its_way_into_the_hub_and_leaves_nothing(hub, month, tmp_path, pg):
    """Nothing of a package is unpacked any more (the files stream from the zip into the database, each hashed on
    the way): a photo changed inside the zip is still named, and the transaction leaves no row and no byte."""
    with zipfile.ZipFile(month["upload"]) as z:
        photo = next(n for n in z.namelist() if n.startswith("evidence/") and n.endswith(".jpg"))
    changed = rewrite(month["upload"], str(tmp_path / "photo.zip"),
                      lambda n, d: d[:-4] + b"\x00\x00\x00\x00" if n == photo else d)

    def held():
        with pg.cursor() as cur:
            cur.execute(f"SELECT (SELECT count(*) FROM {hub.schema}.county_packages), "
                        f"(SELECT count(*) FROM {hub.schema}.files), (SELECT count(*) FROM {hub.schema}.county_patches)")
            row = cur.fetchone()
        pg.rollback()
        return row

    before = held()
    run = import_upload_packages(hub, [changed, month["upload"]], "市卫片办 管理员", confirmed=[month["county_key"]])
    refused = str(run.reports[0].refused)
    assert photo in refused and "sha256 does not match the manifest" in refused
    assert [r.package for r in run.imported] == [os.path.basename(month["upload"])]
    after = held()
    assert after[0] == before[0] + 1 and after[2] > before[2]
    with zipfile.ZipFile(month["upload"]) as z:  # what was kept is the good package's bytes, each once
        with pg.cursor() as cur:
            cur.execute(f"SELECT sha256 FROM {hub.schema}.files")
            kept = {r[0] for r in cur.fetchall()}
        pg.rollback()
        assert hashlib.sha256(z.read(photo)).hexdigest() in kept


def test_a_snapshot_that_lies_about_its_types_is_refused_by_name():
    from weipian_plugin.core.snapshot_json import SnapshotError, from_json

    good = {"format": 1, "patches": [{"code": "610902001", "cultivated_mu": 3.5}],
            "verifications": {"610902001": {"patch_code": "610902001", "verdict": "WF"}}}
    assert from_json(good).patches[0].cultivated_mu == 3.5
    for bad, words in (
            ({**good, "patches": [{"code": "610902001", "cultivated_mu": "many"}]}, "cultivated_mu"),
            ({**good, "verifications": {"610902002": {"patch_code": "610902002"}}}, "610902002"),
            ({**good, "patches": [{"code": "610902001", "__class__": "x"}]}, "unknown fields"),
            ({**good, "records": {"610902001": {"higher_finding": {"level": "king"}}}}, "records"),
            ({**good, "format": 99}, "format")):
        with pytest.raises(SnapshotError, match=words):
            from_json(bad, label="x.zip")
    assert json.dumps(good)  # plain JSON in, plain objects out


def test_the_citys_returns_reach_the_county_as_a_verified_package(hub, month, county, tmp_path):
    """The city's return package goes back to the county; the county's package takes it whole (a changed one
    not at all), its check says what the city returned and by when, and the city's determination counts in the
    county's own figures as in the city's."""
    from weipian_plugin.core.records import CITY_RETURN, HIGHER_FINDING
    from weipian_plugin.services.city_returns import export_city_return, import_city_return
    from weipian_plugin.services.package_check import check_package

    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    profile = load_profile("shaanxi_ankang_2023")
    lines = city_figures(hub, profile)["counties"][0]["acc"].lines
    legal = next(x for x in lines if not x.in_numerator and x.in_denominator)
    other = next(c for c in sorted(hub.review_states()) if c != legal.code)
    hub.review(other, CITY, "return", "照片未显示建筑物全貌，补拍", "2026-12-10")
    hub.review(legal.code, CITY, "return", "批准文号与该地块不对应，请核实", "2026-12-01")
    hub.review(legal.code, CITY, "determine", "县级拒不整改",
               determination={"final_verdict": "WF", "final_category": "新增建设用地违法", "final_housing": False})
    with WorkPackage.open(county) as wp:
        code = wp.meta("county_code")
    out = str(tmp_path / "city_return.zip")
    assert export_city_return(hub, code, out, CITY) == 2
    with pytest.raises(CityHubError, match="nothing returned"):  # sent already: not sent twice
        export_city_return(hub, code, str(tmp_path / "again.zip"), CITY)
    assert not os.path.exists(tmp_path / "again.zip")
    changed = rewrite(out, str(tmp_path / "changed.zip"),
                      lambda n, d: d.replace("补拍".encode(), "不必".encode()) if n == "city_return.json" else d)
    with WorkPackage.open(county) as wp:
        with pytest.raises(Exception, match="sha256"):
            import_city_return(wp, changed, "县卫片办 李明", confirmed=confirmed())
        assert CITY_RETURN not in wp.records(other).get(other, {})
        report = import_city_return(wp, out, "县卫片办 李明", confirmed=confirmed())
        assert (report.returned, report.determined) == ([other], [legal.code])
        assert import_city_return(wp, out, "县卫片办 李明", confirmed=confirmed()).already_imported
        held = wp.records(other)[other][CITY_RETURN]
        assert (held.opinion, held.deadline, held.returned_by) == ("照片未显示建筑物全貌，补拍", "2026-12-10", CITY)
        assert wp.records(legal.code)[legal.code][HIGHER_FINDING].final_verdict == "WF"
        findings, _ = check_package(wp, profile)
        said = [f for f in findings if f.patch_code == other and f.rule == "city.returned"]
        assert said and "2026-12-10" in said[0].message_zh
        mine = accountability(wp.snapshot(), profile, "county")
    theirs = city_figures(hub, profile)["counties"][0]["acc"]
    assert round(mine.numerator_mu, 4) == round(theirs.numerator_mu, 4)  # the determination counts on both sides


def test_the_city_hub_through_processing(pg, pg_server, month, county, tmp_path, provider):
    """The headless API: make the hub, import (a refused package named, the good one taken), review, the year's
    figures, the return package, and the county taking it in."""
    import processing
    from qgis.core import QgsProcessingException

    dsn = " ".join(f"{k}={v}" for k, v in pg_server.items())
    base = {"CONNECTION": dsn, "SCHEMA": "wp_city_algs"}
    processing.run("weipian:create_city_hub", dict(base, CITY_CODE="6109", ACTOR="市卫片办 管理员"))
    with pytest.raises(QgsProcessingException, match="already exists"):
        processing.run("weipian:create_city_hub", dict(base, CITY_CODE="6109"))
    broken = str(tmp_path / "broken.zip")
    with open(broken, "wb") as fh:
        fh.write(b"PK\x03\x04 not really")
    # the county's first package: its key fingerprint is asked for, confirmed with the county by phone
    unconfirmed = processing.run("weipian:city_import_upload_packages",
                                 dict(base, INPUT=[month["upload"]], ACTOR="市卫片办 管理员"))
    why = json.loads(unconfirmed["REFUSED"])[os.path.basename(month["upload"])]
    assert unconfirmed["IMPORTED"] == 0 and "first package from county 610902" in why and month["county_key"] in why
    run = processing.run("weipian:city_import_upload_packages",
                         dict(base, INPUT=[broken, month["upload"]], ACTOR="市卫片办 管理员",
                              CONFIRMED_KEY=month["county_key"].replace(" ", "")))
    assert run["IMPORTED"] == 1 and "broken.zip" in json.loads(run["REFUSED"])
    with WorkPackage.open(county) as wp:
        code = sorted(wp.patch_codes())[3]
        county_code = wp.meta("county_code")
    processing.run("weipian:city_review", dict(base, PATCH=code, DECISION=1, OPINION="补充批准文件",
                                               DEADLINE="2026-12-15", ACTOR=CITY))
    with pytest.raises(QgsProcessingException, match="deadline"):
        processing.run("weipian:city_review", dict(base, PATCH=code, DECISION=1, OPINION="x", ACTOR=CITY))
    stats = processing.run("weipian:city_statistics", dict(base, OUTPUT=str(tmp_path / "city.xlsx")))
    assert json.loads(stats["SUMMARY"])["counties"] == 1 and os.path.getsize(stats["OUTPUT"]) > 5000
    back = processing.run("weipian:city_return_package", dict(base, COUNTY=county_code, ACTOR=CITY,
                                                              OUTPUT=str(tmp_path / "back.zip")))
    assert back["PATCHES"] == 1
    taken = processing.run("weipian:import_city_return", {"PACKAGE": county, "INPUT": back["OUTPUT"],
                                                          "ACTOR": "县卫片办 李明", "CONFIRMED_KEY": confirmed()[0]})
    assert (taken["RETURNED"], taken["DETERMINED"]) == (1, 0)


def test_the_database_holds_the_citys_rights(hub, month, pg, pg_server):
    """A city reviewer's login reviews, and may not import, send returns or change anything received; what was
    received, the reviews and the audit log are insert-only for everyone, the owner included."""
    from test_office_store import refused

    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    code = sorted(hub.review_states())[0]
    from weipian_plugin.store.office_members import add_hub_member

    with pg.cursor() as cur:
        add_hub_member(cur, hub.schema, "test_city_rev", "市卫片办 审核员", "reviewer")
    pg.commit()
    conn = psycopg2.connect(**dict(pg_server, user="test_city_rev"))
    reviewer = CityHub(conn, hub.schema)
    reviewer.review(code, "市卫片办 周敏", "pass")
    s = hub.schema
    for sql in (f"INSERT INTO {s}.county_packages (county_code, kind, manifest_sha256, file_name, imported_at, "
                f"imported_by) VALUES ('610902', 'upload', 'x', 'x.zip', 'now', 'me')",
                f"INSERT INTO {s}.city_returns (county_code, file_name, manifest_sha256, created_at, created_by, "
                f"reviews) VALUES ('610902', 'x', 'x', 'now', 'me', '[]')",
                f"UPDATE {s}.county_patches SET verdict = 'HF'",
                f"DELETE FROM {s}.city_reviews",
                f"UPDATE {s}.hub_meta SET value = '9999' WHERE key = 'city_code'"):
        assert refused(conn, sql), sql
    for sql in (f"UPDATE {s}.county_patches SET verdict = 'HF'", f"DELETE FROM {s}.files",
                f"UPDATE {s}.city_reviews SET decision = 'return'", f"DELETE FROM {s}.audit_log",
                f"TRUNCATE {s}.package_files"):
        with pg.cursor() as cur, pytest.raises(psycopg2.Error, match="insert-only"):
            cur.execute(sql)
        pg.rollback()
    assert [r["decision"] for r in hub.city_reviews(code)] == ["pass"] and hub.integrity_problems() == []
    reviewer.close()


def resign(src, tmp_path, changes, desk=None):
    """A copy whose files (and the manifest's sha256 of them) are changed: a hostile county's own package, signed
    with its own key (the key folder `desk`; the month's county desk when None)."""
    from weipian_plugin.store.keys import Desk

    out = str(tmp_path / f"hostile_{len(os.listdir(tmp_path))}.zip")
    with zipfile.ZipFile(src) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    manifest = json.loads(members["manifest.json"])
    for name, change in changes.items():
        if name == "manifest.json":
            change(manifest)
            continue
        members[name] = change(members[name])
        entry = next(f for f in manifest["files"] if f["path"] == name)
        entry["sha256"], entry["size"] = hashlib.sha256(members[name]).hexdigest(), len(members[name])
    from weipian_plugin.core.manifest import FileEntry, Manifest

    manifest.pop("content_sha256")  # signed again, as a careful forger would
    party = "county:" + str(manifest["identity"].get("county_code"))
    members["manifest.json"] = Manifest(manifest["kind"], manifest["identity"],
                                        [FileEntry(**f) for f in manifest["files"]], manifest["counts"]).to_json(
        Desk(desk or MONTH_DESK[0]).signer(party))
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


def test_a_county_may_not_report_another_countys_patches(hub, month, tmp_path):
    """Patch codes are one county's: a package of another county that reports them (its own county code
    written into each patch) is refused whole, naming the codes; so is one whose time is not a time."""
    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])

    def other_county(data):
        snap = json.loads(data)
        for p in snap["patches"]:
            p["county_code"] = "610921"
        return json.dumps(snap, ensure_ascii=False).encode("utf-8")

    def identity(county=None, created_at=None):
        import datetime as dt

        def change(manifest):
            manifest["identity"]["county_code"] = county or manifest["identity"]["county_code"]
            manifest["identity"]["created_at"] = created_at or dt.datetime.now(dt.timezone.utc).isoformat()
        return change

    hostile = resign(month["upload"], tmp_path, {"results/snapshot.json": other_county,
                                                 "manifest.json": identity("610921")})
    with pytest.raises(CityHubError, match="reports patches of another county: 610902"):  # codes start with it
        import_upload_package(hub, hostile, "市卫片办 管理员", confirmed=[month["county_key"]])
    future = resign(month["upload"], tmp_path, {"manifest.json": identity(created_at="2099-01-01T00:00:00+08:00")})
    with pytest.raises(CityHubError, match="ahead of this computer's clock"):  # would stay 'newest' for ever
        import_upload_package(hub, future, "市卫片办 管理员", confirmed=[month["county_key"]])
    timeless = resign(month["upload"], tmp_path, {"manifest.json": identity(created_at="tomorrow")})
    with pytest.raises(CityHubError, match="not a time"):
        import_upload_package(hub, timeless, "市卫片办 管理员", confirmed=[month["county_key"]])
    assert len(hub.counties()) == 1


def test_a_connection_cut_during_an_import_leaves_nothing(hub, month, pg, pg_server):
    """The server connection is cut while the package's files stream in: the whole import rolls back, and the
    package is taken whole on the next try."""
    with hub.conn.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
        cur.execute(f"SELECT count(*) FROM {hub.schema}.audit_log")
        entries = cur.fetchone()[0]
    hub.conn.rollback()
    cut = []

    def progress(p):
        if p > 60 and not cut:  # patches written, files going in
            with pg.cursor() as cur:
                cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
            pg.commit()
            cut.append(p)

    with pytest.raises(psycopg2.Error):
        import_upload_package(hub, month["upload"], "市卫片办 管理员", progress=progress,
                              confirmed=[month["county_key"]])
    assert cut
    with pg.cursor() as cur:
        for table in ("county_packages", "county_patches", "package_files", "files", "city_reviews"):
            cur.execute(f"SELECT count(*) FROM {hub.schema}.{table}")
            assert cur.fetchone()[0] == 0, table
        cur.execute(f"SELECT count(*) FROM {hub.schema}.audit_log")
        assert cur.fetchone()[0] == entries  # nothing of the import
    pg.rollback()
    again = CityHub(psycopg2.connect(**pg_server), hub.schema)
    assert import_upload_package(again, month["upload"], "市卫片办 管理员",
                                 confirmed=[month["county_key"]]).patches > 50
    again.close()


def test_a_decision_is_made_on_the_report_the_reviewer_saw(hub, month, tmp_path):
    """The county reports a patch again while the city looks at the old report: a decision made on the old one
    is refused (never a pass of something unseen), and the patch shows as reported again."""
    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    code = sorted(hub.review_states())[4]
    seen = hub.current_patch(code)["fid"]
    hub.review(code, CITY, "return", "请补拍", "2026-12-10", seen_fid=seen)

    def later(manifest):  # a minute later in time, though its text sorts first: written with another offset
        import datetime as dt

        before = manifest["identity"]["created_at"]
        after = (dt.datetime.fromisoformat(before) + dt.timedelta(minutes=1)).astimezone(
            dt.timezone(dt.timedelta(hours=-10))).isoformat()
        assert after < before
        manifest["identity"]["created_at"] = after

    again = resign(month["upload"], tmp_path, {"manifest.json": later})
    assert import_upload_package(hub, again, "市卫片办 管理员", confirmed=[month["county_key"]]).patches > 0
    assert hub.review_states()[code][1] == "resubmitted"
    with pytest.raises(CityHubError, match="reported this patch again"):
        hub.review(code, CITY, "pass", seen_fid=seen)
    hub.review(code, CITY, "pass", seen_fid=hub.current_patch(code)["fid"])
    assert hub.review_states()[code][1] == "pass"


def test_an_upload_re_signed_by_anyone_but_the_county_is_refused(hub, month, tmp_path, pg_server, provider):
    """Measured before: a county upload edited and re-hashed (23 违法 → 合法) was taken as the county's current
    report, and so was 'the county's' upload a township built with the plugin's API."""
    import processing

    from weipian_plugin.store.keys import Desk

    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    before = {c: v for c, _, _, _, _, v in hub.patch_list_rows()}

    def all_legal(data):
        snap = json.loads(data)
        for v in snap["verifications"].values():
            v["verdict"] = "HF"
        return json.dumps(snap, ensure_ascii=False).encode("utf-8")

    township = str(tmp_path / "township_desk")
    forged = resign(month["upload"], tmp_path, {"results/snapshot.json": all_legal}, desk=township)
    dsn = " ".join(f"{k}={v}" for k, v in pg_server.items())
    run = processing.run("weipian:city_import_upload_packages", {
        "CONNECTION": dsn, "SCHEMA": hub.schema, "INPUT": [forged], "ACTOR": "市卫片办 管理员",
        "CONFIRMED_KEY": Desk(township).fingerprint()})
    why = json.loads(run["REFUSED"])[os.path.basename(forged)]
    assert run["IMPORTED"] == 0 and Desk(township).fingerprint() in why and month["county_key"] in why
    assert {c: v for c, _, _, _, _, v in hub.patch_list_rows()} == before


def rewrite_history(path, drop):
    """What a county that wants an earlier history gone would do: entries removed, the chain recomputed with the
    plugin's own code, the triggers made again exactly as they were."""
    from weipian_plugin.store import audit_chain, gpkg_blob
    from weipian_plugin.store.schema import WRITER_FUNCTION

    conn = sqlite3.connect(path)
    conn.create_function(WRITER_FUNCTION, 0, lambda: 1)
    gpkg_blob.register_functions(conn)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"
                            ).fetchall()
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    fids = [r[0] for r in conn.execute("SELECT fid FROM audit_log ORDER BY fid")]
    conn.executemany("DELETE FROM audit_log WHERE fid = ?", [(f,) for f in fids[10:10 + drop]])
    audit_chain.chain_existing(conn)
    for _, sql in triggers:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_rewritten_county_history_shows_at_its_next_upload(hub, month, county, tmp_path):
    """Removing 60 audit entries, recomputing the chain and recreating the triggers went unnoticed by the check,
    the integrity check and the upload: the city, which kept the head the county signed, sees it."""
    import shutil

    from weipian_plugin.services.upload_package import export_upload_package
    from weipian_plugin.store.keys import using_desk

    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    honest = str(tmp_path / "honest" / os.path.basename(county))
    os.makedirs(os.path.dirname(honest))
    shutil.copyfile(county, honest)
    shutil.copytree(county[:-5] + "_evidence", honest[:-5] + "_evidence")
    rewrite_history(county, 60)
    with WorkPackage.open(county) as wp, using_desk(month["county_desk"]):
        assert wp.integrity_problems() == []  # unnoticed at the county
        out = str(tmp_path / "rewritten_upload.zip")
        export_upload_package(wp, out, "县卫片办 张华", dossiers=False)
    with pytest.raises(CityHubError, match="history was rewritten"):
        import_upload_package(hub, out, "市卫片办 管理员")
    with WorkPackage.open(honest) as wp, using_desk(month["county_desk"]):  # the same county, history kept
        wp.set_meta("note", "再次上报", "县卫片办 张华")
        again = str(tmp_path / "honest_upload.zip")
        export_upload_package(wp, again, "县卫片办 张华", dossiers=False)
    assert import_upload_package(hub, again, "市卫片办 管理员").patches > 0


def test_the_snapshot_must_say_what_the_results_say(hub, month, tmp_path):
    """A snapshot saying 合法 where the results GeoPackage says 违法 took the county's ratio to 0; 耕地 divided by
    ten gave 0.0222. Each is refused now, naming the patches."""
    def changed(change):
        def edit(data):
            snap = json.loads(data)
            change(snap)
            return json.dumps(snap, ensure_ascii=False).encode("utf-8")
        return edit

    def legal(snap):
        for v in snap["verifications"].values():
            if v.get("verdict") == "WF":
                v["verdict"] = "HF"

    def tenth(snap):
        for p in snap["patches"]:
            p["cultivated_mu"] = (p.get("cultivated_mu") or 0) / 10

    for change, field in ((legal, "PDJG"), (tenth, "GDMJ")):
        forged = resign(month["upload"], tmp_path, {"results/snapshot.json": changed(change)})
        with pytest.raises(CityHubError, match=f"its snapshot and its results differ for .*\\({field}:"):
            import_upload_package(hub, forged, "市卫片办 管理员", confirmed=[month["county_key"]])
    assert hub.counties() == []


def test_only_the_citys_own_counties_report(hub, month, tmp_path):
    """The hub's county list is the city's county-level divisions (安康 has 10), not whoever reports first."""
    assert len(hub.divisions()) == 10 and hub.divisions()["610902"] == "汉滨区"

    def stranger(manifest):
        manifest["identity"]["county_code"] = "610999"

    forged = resign(month["upload"], tmp_path, {"manifest.json": stranger})
    with pytest.raises(CityHubError, match="not a county of city 6109"):
        import_upload_package(hub, forged, "市卫片办 管理员", confirmed=[month["county_key"]])


def test_a_countys_claimed_finding_never_stands_over_the_hubs_own(hub, month, county, tmp_path):
    """A 'province finding' the county wrote into its package cancelled the city's determination while the state
    still read 市级认定."""
    from weipian_plugin.core import records as rec
    from weipian_plugin.services.upload_package import export_upload_package
    from weipian_plugin.store.keys import using_desk

    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    profile = load_profile("shaanxi_ankang_2023")
    legal = next(x for x in city_figures(hub, profile)["counties"][0]["acc"].lines
                 if not x.in_numerator and x.in_denominator)
    hub.review(legal.code, CITY, "return", "批准文号不对应", "2026-12-01")
    hub.review(legal.code, CITY, "determine", "县级拒不整改", determination={
        "final_verdict": "WF", "final_category": "新增建设用地违法", "final_housing": False})
    determined = city_figures(hub, profile)["counties"][0]["acc"].numerator_mu
    with WorkPackage.open(county) as wp, using_desk(month["county_desk"]):
        wp.add_record(legal.code, rec.HigherFinding.parse({
            "level": "province", "via": "internal_review", "outcome": "agreed", "found_on": "2026-11-30",
            "final_verdict": "HF"}), "县卫片办 张华")
        again = str(tmp_path / "again_upload.zip")
        export_upload_package(wp, again, "县卫片办 张华", dossiers=False)
    import_upload_package(hub, again, "市卫片办 管理员")
    assert hub.review_states()[legal.code][1] == "determine"
    assert city_figures(hub, profile)["counties"][0]["acc"].numerator_mu == determined


def test_the_hubs_rules_hold_against_its_own_logins_in_plain_sql(hub, month, pg, pg_server):
    """A city reviewer inserted a determine with no return, no audit entry and another's name; a city admin
    invented a county report with no package, dated 2999, and changed the hub's profile unseen."""
    from weipian_plugin.store.office_members import add_hub_member

    import_upload_package(hub, month["upload"], "市卫片办 管理员", confirmed=[month["county_key"]])
    s = hub.schema
    with pg.cursor() as cur:
        add_hub_member(cur, s, "test_hub_rev", "市卫片办 审核员", "reviewer")
        add_hub_member(cur, s, "test_hub_adm", "市卫片办 管理员乙", "admin")
    pg.commit()
    rev = psycopg2.connect(**dict(pg_server, user="test_hub_rev"))
    adm = psycopg2.connect(**dict(pg_server, user="test_hub_adm"))
    code = sorted(hub.review_states())[0]
    fid = hub.current_patch(code)["fid"]
    with rev.cursor() as cur, pytest.raises(psycopg2.Error, match="return it to the county first"):
        cur.execute(f"INSERT INTO {s}.city_reviews (county_code, code, patch_fid, decision, opinion, reviewer) "
                    f"VALUES ('610902', %s, %s, 'determine', 'x', '市卫片办 审核员')", (code, fid))
    rev.rollback()
    with rev.cursor() as cur, pytest.raises(psycopg2.Error, match="not the member name"):
        cur.execute(f"INSERT INTO {s}.city_reviews (county_code, code, patch_fid, decision, reviewer) VALUES "
                    f"('610902', %s, %s, 'pass', '市卫片办 周敏')", (code, fid))
    rev.rollback()
    with rev.cursor() as cur:  # its own pass: under its own name, and the database wrote the audit entry
        cur.execute(f"INSERT INTO {s}.city_reviews (county_code, code, patch_fid, decision) VALUES ('610902', %s, %s, "
                    f"'pass')", (code, fid))
    rev.commit()
    assert hub.city_reviews(code)[-1]["reviewer"] == "市卫片办 审核员"
    last = hub.audit_entries()[-1]
    assert (last["action"], last["actor"], last["patch_code"]) == ("city_review", "市卫片办 审核员", code)
    pkg = hub._rows(f"SELECT fid, manifest_sha256 FROM {s}.county_packages LIMIT 1")[0]
    with adm.cursor() as cur, pytest.raises(psycopg2.Error, match="comes only with its package"):
        cur.execute(f"INSERT INTO {s}.county_patches (package_fid, county_code, code, data, data_sha256, created_at) "
                    f"VALUES (%s, '610902', '61090299990001', '{{}}', 'x', '2999-01-01')", (pkg[0],))
    adm.rollback()
    with adm.cursor() as cur, pytest.raises(psycopg2.Error, match="manifest of the package"):
        cur.execute(f"INSERT INTO {s}.county_packages (county_code, kind, package_id, manifest_sha256, file_name, "
                    f"created_at, imported_at, imported_by) VALUES ('610902', 'upload', 'x', %s, 'made_up.zip', "
                    f"'2999-01-01T00:00:00+00:00', '', '')", (pkg[1],))
    adm.rollback()
    with adm.cursor() as cur:  # a change of the hub's profile: an audited, visible event
        cur.execute(f"UPDATE {s}.hub_meta SET value = 'national_2023' WHERE key = 'profile'")
    adm.commit()
    last = hub.audit_entries()[-1]
    assert last["action"] == "hub_setting" and json.loads(last["detail"])["after"] == "national_2023"
    assert hub.integrity_problems() == []
    rev.close()
    adm.close()


def test_one_bad_package_never_stops_the_run(hub, month, tmp_path):
    """A 100,000-deep snapshot raised an uncaught RecursionError that aborted the run (the good package after it
    was not taken)."""
    deep = resign(month["upload"], tmp_path, {"results/snapshot.json": lambda d: b"[" * 100_000 + b"]" * 100_000})
    run = import_upload_packages(hub, [deep, month["upload"]], "市卫片办 管理员", confirmed=[month["county_key"]])
    reasons = {r.package: str(r.refused) for r in run.reports}
    assert "nested deeper" in reasons[os.path.basename(deep)]
    assert [r.package for r in run.imported] == [os.path.basename(month["upload"])]
