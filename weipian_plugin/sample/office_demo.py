"""The office part of `make demo`: the sample month's county package published to PostgreSQL/PostGIS and two
people working on it at once — a reviewer passing patches while an administrator corrects the basis of the same
patches. A review made on a version that changed meanwhile is refused with who and when, and made again on the
new one; nothing is lost; the package goes back into a GeoPackage table for table.

    python -m weipian_plugin.sample.office_demo OUT_DIR "host=… port=… dbname=… user=…"
"""
from __future__ import annotations

import datetime
import os
import sys
import threading
import time


def main(out_dir: str, dsn: str) -> int:
    from ..store.keys import using_desk
    from .demo import desk_dir

    with using_desk(desk_dir(out_dir, "county")):  # the county publishes: its office package signs as the county
        return _office(out_dir, dsn)


def _office(out_dir: str, dsn: str) -> int:
    from ..core.collector import paused
    from ..store.office_copy import export_work_package, publish_work_package
    from ..store.office_package import OfficePackage, StaleSave
    from ..store.pg_connect import connect
    from ..store.work_package import WorkPackage

    package = os.path.join(out_dir, "610902_2026_3.gpkg")
    if not os.path.exists(package):
        print(f"{package}: run the month first (make demo does)")
        return 2
    schema = "c610902_demo_" + datetime.datetime.now().strftime("%H%M%S")
    admin = connect(dsn)
    counts = publish_work_package(package, admin, schema)
    print(f"office: published {counts['patches']} patches and {counts['evidence_files']} evidence files to "
          f"schema {schema}")
    from ..store.office_members import add_member

    with admin.cursor() as cur:  # the county's people, each a login of their own, named as people read them
        add_member(cur, schema, f"{schema}_li", "县卫片办 李明", "reviewer")
        add_member(cur, schema, f"{schema}_wang", "县卫片办 王芳", "admin")
    admin.commit()
    states = OfficePackage(admin, schema).states()
    codes = sorted(code for code, state in states.items() if state == "passed")[:20]
    report = {"passed": 0, "refused": [], "corrected": 0}

    def reviewer():
        store = OfficePackage(connect(f"{dsn} user={schema}_li"), schema)
        for code in codes:
            for _attempt in range(5):
                _v, version = store.verification_and_version(code)
                time.sleep(0.05)  # looks at the verdict and the photos before deciding
                try:
                    store.add_review(code, "县卫片办 李明", "pass", "经内业复核，同意。", version)
                    report["passed"] += 1
                    break
                except StaleSave as exc:  # the administrator saved meanwhile: look again, decide again
                    report["refused"].append((code, exc.who, exc.when))
        store.conn.close()

    def administrator():
        store = OfficePackage(connect(f"{dsn} user={schema}_wang"), schema)
        for code in codes:  # the same patches in the same order, a little quicker than the reviewer
            v, version = store.verification_and_version(code)
            time.sleep(0.03)  # types the correction
            try:
                store.set_verification(code, "县卫片办 王芳", version, basis=(v.basis or "") + "（县级补充说明）")
                report["corrected"] += 1
            except StaleSave:
                pass
        store.conn.close()

    # two people are two threads here, in a process with QGIS' objects: Python's collector is paused while they
    # live, by this thread (core/collector)
    people = [threading.Thread(target=reviewer), threading.Thread(target=administrator)]
    with paused():
        for person in people:
            person.start()
        for person in people:
            person.join()
    print(f"office: two people at once on {len(codes)} patches — 李明 passed {report['passed']}, 王芳 corrected "
          f"{report['corrected']}; reviews refused because 王芳 had changed the patch meanwhile (each made again on "
          f"her version): {len(report['refused'])}")
    for code, who, when in report["refused"][:3]:
        print(f"  refused: {code} changed by {who} at {(when or '')[:19]}")
    store = OfficePackage(admin, schema)
    problems = store.integrity_problems()  # the same check as the package check's
    if problems:
        print("office: the audit chain is broken: " + "; ".join(problems))
        return 1
    print("office: the audit chain holds")
    back = os.path.join(out_dir, "office_back", os.path.basename(package))
    if os.path.exists(back):
        os.remove(back)
    export_work_package(admin, schema, back)
    with WorkPackage.open(back) as taken:
        rows = taken.row_counts()
    print(f"office: taken back into {back} ({rows['patches']} patches, {rows['reviews']} reviews, "
          f"{rows['audit_log']} audit entries)")
    admin.close()
    return city(out_dir, dsn, back)


def city(out_dir: str, dsn: str, county_package: str) -> int:
    """The city above: the month's upload package into a city hub on the same server, the city's review (one
    patch returned with a deadline, one determined by the city), the year's figures, and the return package the
    county takes in."""
    import glob

    from ..core.records import CITY_RETURN
    from ..services.city_import import import_upload_package
    from ..services.city_returns import export_city_return, import_city_return
    from ..services.city_statistics import city_figures, write_city_statistics
    from ..services.package_check import check_package
    from ..store.city_hub import CityHub
    from ..store.keys import using_desk
    from ..store.pg_connect import connect
    from ..store.work_package import WorkPackage
    from .demo import desk_dir, fingerprint_of

    uploads = sorted(p for p in glob.glob(os.path.join(out_dir, "*upload*.zip")) if "military" not in p)
    if not uploads:
        print("city: no upload package of the month found")
        return 2
    schema = "city6109_demo_" + datetime.datetime.now().strftime("%H%M%S")
    with using_desk(desk_dir(out_dir, "city")):  # the hub signs with the city desk's key
        hub = CityHub.create(connect(dsn), schema, "6109", "shaanxi_ankang_2023", "市卫片办 管理员")
    # the county's fingerprint, confirmed on the phone before its first package is taken
    taken = import_upload_package(hub, uploads[-1], "市卫片办 管理员", confirmed=[fingerprint_of(out_dir, "county")])
    print(f"city: hub {schema}; {os.path.basename(uploads[-1])} taken from county {taken.county_code}: "
          f"{taken.patches} patches, {taken.files} files, every one checked against the manifest")
    lines = city_figures(hub)["counties"][0]["acc"].lines
    legal = next((x for x in lines if not x.in_numerator and x.in_denominator), None)
    returned = next(c for c in sorted(hub.review_states()) if legal is None or c != legal.code)
    hub.review(returned, "市卫片办 周敏", "return", "照片未显示建筑物全貌，请补拍", "2026-12-10")
    if legal is not None:  # returned first; the county did not correct it; the city determines (002 §三(四)1)
        hub.review(legal.code, "市卫片办 周敏", "return", "批准文号与该地块不对应，请核实", "2026-12-01")
        hub.review(legal.code, "市卫片办 周敏", "determine", "县级拒不整改：批准文号与该地块不对应",
                   determination={"final_verdict": "WF", "final_category": "新增建设用地违法", "final_housing": False})
    summary = write_city_statistics(hub, os.path.join(out_dir, "市级年度统计.xlsx"))
    print(f"city: the year's figures: city {summary['city_numerator_mu']} 亩 of {summary['city_denominator_mu']} 亩, "
          f"ratio {summary['city_ratio']} (standard 500 亩 and 15 %: "
          f"{'reached' if summary['city_over_threshold'] else 'not reached'}); {summary['field_checks']} patches for "
          f"the city's and province's field checks; {len(summary['not_reported'])} of the city's divisions not "
          f"reported yet; the province's yearly error figure for the city, previewed: "
          f"{'over' if summary['error_rate_preview_over'] else 'not over'} the limit → 市级年度统计.xlsx")
    back = os.path.join(out_dir, f"{taken.county_code}_市级退回.zip")
    if os.path.exists(back):
        os.remove(back)
    n = export_city_return(hub, taken.county_code, back, "市卫片办 周敏")
    with WorkPackage.open(county_package) as wp:
        report = import_city_return(wp, back, "县卫片办 李明", confirmed=[fingerprint_of(out_dir, "city")])
        findings, _ = check_package(wp)
        said = [f for f in findings if f.rule == "city.returned"]
        held = wp.records(returned)[returned].get(CITY_RETURN)
    print(f"city: return package with {n} patches; the county took {len(report.returned)} return(s) and "
          f"{len(report.determined)} determination(s); its check says: {said[0].message_zh if said else '—'}")
    problems = hub.integrity_problems()
    hub.close()
    if problems or held is None:
        print("city: " + ("; ".join(problems) if problems else "the return did not reach the county"))
        return 1
    print("city: the hub's audit chain holds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
