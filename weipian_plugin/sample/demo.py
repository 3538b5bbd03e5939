"""`make demo`: the whole month, headless, on the built-in sample county, through the plugin's algorithms.

County package → assignment packages → scripted township work → return packages → county import → scripted
reviews → (the county returns what blocks; townships fix it; the county reviews again) → upload package →
verify_package on it. Everything is left under OUT_DIR; the last line printed is the upload package's path.
Usage: python -m weipian_plugin.sample.demo OUT_DIR
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from collections import Counter


def start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from ..processing.provider import WeipianProvider

    provider = WeipianProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


COUNTY_ACTOR = "县卫片办 张华"


def desk_dir(out_dir: str, who: str) -> str:
    """The key folder of one desk of the demo (the county, each township, the city): each signs with its own."""
    from ..core.names import safe_file_name

    return os.path.join(out_dir, "desks", safe_file_name(who))


def fingerprint_of(out_dir: str, who: str) -> str:
    """What the sender reads out on the phone (and the receiver types in): its desk key's fingerprint."""
    from ..store.keys import Desk

    return Desk(desk_dir(out_dir, who)).fingerprint()


def township_round(out_dir: str, round_name: str, package: str, sample, profile, work) -> dict:
    """Assignment packages out, township work in each (at the township's own desk, with its own key), return
    packages back into the county package. The first time, each side confirms the other's key fingerprint."""
    import processing

    from ..services.assignment_packages import open_assignment_package
    from ..services.package_zip import PackageReader
    from ..store.keys import using_desk
    from ..store.work_package import WorkPackage
    from .scenario import VERIFIERS

    folder = os.path.join(out_dir, round_name)
    res = processing.run("weipian:export_assignment_packages", {"PACKAGE": package, "ACTOR": COUNTY_ACTOR,
                                                                "OUTPUT": os.path.join(folder, "assignments")})
    totals = Counter()
    county_key = fingerprint_of(out_dir, "county")
    for zip_path in json.loads(res["FILES"]):
        with PackageReader(zip_path) as reader:
            town = str(reader.manifest.identity.get("township") or "")
        with using_desk(desk_dir(out_dir, town)):
            # what the township's plugin does when it opens the zip; the county's fingerprint as read on the phone
            gpkg = open_assignment_package(zip_path, confirmed=[county_key])
            with WorkPackage.open(gpkg) as twp:
                township = twp.meta("township")
            actor = VERIFIERS.get(township, "乡镇核查员")
            totals["photos"] += work(gpkg, actor)
            ret = os.path.join(folder, "returns", os.path.basename(zip_path).replace("_assignment.zip", "_return.zip"))
            processing.run("weipian:export_return_package", {"PACKAGE": gpkg, "ACTOR": actor, "OUTPUT": ret})
        imp = processing.run("weipian:import_return_package", {"PACKAGE": package, "INPUT": ret, "ACTOR": COUNTY_ACTOR,
                                                               "CONFIRMED_KEY": fingerprint_of(out_dir, town),
                                                               "OUTPUT": ret.replace(".zip", "_import.json")})
        for key in ("APPLIED", "CONFLICTS", "REJECTED", "EVIDENCE_ADDED"):
            totals[key] += int(imp[key])
    totals["packages"] = int(res["PACKAGES"])
    return totals


def field_part(out_dir: str, package: str, sample, imagery, log) -> dict:
    """One township to the field with a phone (QField) and back: its assignment package made into a field project,
    a visit reproduced the way the app writes it, and what the phone gave back taken into the township's
    package, as a return package would then carry it to the county."""
    import processing

    from ..services.assignment_packages import open_assignment_package
    from ..store.keys import using_desk
    from ..store.work_package import WorkPackage
    from .field_phone import WF_ON_CULTIVATED, field_visit

    town, actor = "五里镇", "五里镇 陈强"
    folder = os.path.join(out_dir, "field")
    res = processing.run("weipian:export_assignment_packages", {"PACKAGE": package, "ACTOR": COUNTY_ACTOR,
                                                                "OUTPUT": os.path.join(folder, "assignments")})
    zip_path = next(z for z in json.loads(res["FILES"]) if town in os.path.basename(z))
    with using_desk(desk_dir(out_dir, town)):
        gpkg = open_assignment_package(zip_path, confirmed=[fingerprint_of(out_dir, "county")])
        processing.run("weipian:set_batch_imagery", {"PACKAGE": gpkg, "BEFORE": os.path.abspath(imagery[0]),
                                                      "AFTER": os.path.abspath(imagery[1]),
                                                      "ACTOR": actor})
        made = processing.run("weipian:export_field_project", {"PACKAGE": gpkg, "ACTOR": actor,
                                                                "OUTPUT": os.path.join(folder, "to_phone")})
        tif = [os.path.join(made["FOLDER"], "imagery", n) for n in os.listdir(os.path.join(made["FOLDER"], "imagery"))
               if n.endswith(".tif")]
        log(f"  field project:        {made['ZIP']} — {made['PATCHES']} patches of {town}, "
            f"{made['BYTES'] / 1024 ** 2:.1f} MB (imagery {sum(map(os.path.getsize, tif)) / 1024 ** 2:.1f} MB)")
        phone = os.path.join(folder, "from_phone", os.path.basename(made["FOLDER"]))
        shutil.copytree(made["FOLDER"], phone)  # the folder on the phone, by USB cable
        with WorkPackage.open(gpkg) as twp:
            code = next(p.code for p in twp.patches(with_geometry=False) if p.cultivated_mu > 0)
        azimuth = field_visit(phone, code, sample.patch(code), WF_ON_CULTIVATED)
        back = processing.run("weipian:import_field_project", {"PACKAGE": gpkg, "FOLDER": phone, "ACTOR": actor})
    log(f"  back from the phone:  {back['APPLIED']} verdict, {back['PHOTOS']} photo attached (azimuth "
        f"{azimuth:.0f}° from its EXIF) at {code}; {back['ORPHANS']} photo taken in the app but not in the form, "
        f"listed to attach by hand")
    return {"project": made["ZIP"], "package": gpkg, "applied": back["APPLIED"], "photos": back["PHOTOS"],
            "orphans": back["ORPHANS"]}


def check(package: str):
    import processing

    res = processing.run("weipian:check_work_package", {"PACKAGE": package, "OUTPUT": "TEMPORARY_OUTPUT"})
    rules = Counter(f["rule"] for f in res["OUTPUT"].getFeatures() if f["severity"] == "blocking")
    return res, rules


def main(out_dir: str) -> int:
    app, provider = start_qgis()
    result = run_month(out_dir)
    app.processingRegistry().removeProvider(provider)
    print(result["upload"])
    return 0


def run_month(out_dir: str, log=print) -> dict:
    """The month's work under out_dir (needs QGIS with the weipian provider), at the county's desk (its key under
    out_dir/desks); returns the paths it made."""
    from ..store.keys import using_desk

    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    with using_desk(desk_dir(out_dir, "county")):
        return _month(out_dir, log)


def _month(out_dir: str, log) -> dict:
    import processing

    from ..core.profile import load_profile
    from ..services.package_check import check_package
    from ..store.work_package import WorkPackage
    from .generator import make_sample
    from .scenario import (
        REVIEWER,
        return_blocking_patches,
        run_county_final_review,
        run_county_review,
        run_township_corrections,
        run_township_work,
    )

    sample = make_sample(os.path.join(out_dir, "sample"))
    profile = load_profile("shaanxi_ankang_2023")  # the sample county is in 安康
    package = os.path.join(out_dir, "610902_2026_3.gpkg")
    log("卫片执法 demo — sample county 610902 (安康市汉滨区), batch 2026-3, one month of work")
    created = processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": package,
                                                              "ACTOR": COUNTY_ACTOR})
    log(f"  county work package:  {package}")
    log(f"  county's signing key: {fingerprint_of(out_dir, 'county')} (each township confirms it by phone on its "
        f"first package; the county confirms each township's)")
    log(f"  patches:              {created['ADDED']} imported, {created['PROBLEMS']} import problems")
    from .imagery import write_imagery

    before, after = write_imagery(sample.patches, os.path.join(out_dir, "imagery"))
    img = processing.run("weipian:set_batch_imagery", {"PACKAGE": package, "BEFORE": before, "AFTER": after,
                                                        "ACTOR": COUNTY_ACTOR})
    log(f"  batch imagery:        {before}, {after} — {img['COVERED']} of {img['PATCHES']} patches inside both")

    # round 1: townships verify and photograph their patches
    def first_visit(gpkg, actor):
        res = processing.run("weipian:attach_photos", {"PACKAGE": gpkg, "INPUT": sample.photo_dir, "MATCH": "auto",
                                                        "ACTOR": actor, "OUTPUT": "TEMPORARY_OUTPUT"})
        with WorkPackage.open(gpkg) as twp:
            run_township_work(twp, profile, sample.document_dir)
        return int(res["ATTACHED"])

    r1 = township_round(out_dir, "round1", package, sample, profile, first_visit)
    log(f"  round 1:              {r1['packages']} assignment packages; {r1['photos']} photos attached by townships; "
          f"{r1['APPLIED']} verdicts and {r1['EVIDENCE_ADDED']} evidence files returned, "
          f"{r1['CONFLICTS']} conflicts, {r1['REJECTED']} rejected")
    with WorkPackage.open(package) as wp:
        reviews = run_county_review(wp, profile)
    res, rules = check(package)
    log(f"  county review 1:      {reviews['pass']} passed, {reviews['return']} returned; "
          f"check: {res['BLOCKING']} blocking findings")
    for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])):
        log(f"    {rule:34s} {n}")

    # round 2: the county returns what townships must fix, hands out again, and reviews what comes back
    with WorkPackage.open(package) as wp:
        findings, _ = check_package(wp, profile)
        returned = return_blocking_patches(wp, findings)
    log(f"  returned to townships: {len(returned)} patches with the findings as reasons")

    def corrections(gpkg, actor):
        with WorkPackage.open(gpkg) as twp:
            return len(run_township_corrections(twp, profile, sample, os.path.dirname(gpkg)))

    r2 = township_round(out_dir, "round2", package, sample, profile, corrections)
    log(f"  round 2:              {r2['photos']} patches redone; {r2['APPLIED']} verdicts and "
          f"{r2['EVIDENCE_ADDED']} evidence files returned, {r2['CONFLICTS']} conflicts")
    with WorkPackage.open(package) as wp:
        findings, _ = check_package(wp, profile)
        again = run_county_final_review(wp, findings)
    res, rules = check(package)
    log(f"  county review 2:      {again} reviewed again by {REVIEWER}; verified {res['VERIFIED']}/{res['TOTAL']}, "
          f"passed {res['REVIEWED']}/{res['TOTAL']}, {res['BLOCKING']} blocking, {res['WARNINGS']} warnings")

    stats = os.path.join(out_dir, "610902_月报.xlsx")
    st = processing.run("weipian:monthly_statistics", {"PACKAGE": package, "OUTPUT": stats})
    summary = json.loads(st["SUMMARY"])
    log(f"  statistics:           {stats} — accountability ratio {st['ACCOUNTABILITY_RATIO'] or '—'} "
          f"({summary['accountability_numerator_mu']} 亩 illegal 耕地) — this batch's share; the warning is the year's")
    yearly = os.path.join(out_dir, "610902_2026_年度统计.xlsx")
    yr = processing.run("weipian:yearly_statistics", {"PACKAGES": [package], "YEAR": 0, "OUTPUT": yearly})
    ys = json.loads(yr["SUMMARY"])
    log(f"  yearly statistics:    {yearly} — {ys['packages']} batch(es), {ys['patches']} patches; illegal 耕地 "
        f"{ys['accountability_numerator_mu']} of {ys['accountability_denominator_mu']} 亩, ratio "
        f"{yr['ACCOUNTABILITY_RATIO'] or '—'} ({yr['ACCOUNTABILITY_WARNING']}); deductions claimed but not accepted "
        f"{ys['deductions_claimed_not_accepted_mu']} 亩; error rate over the limit in months "
        f"{ys['error_rate_months_over'] or 'none'}, quarters {ys['error_rate_quarters_over'] or 'none'}; "
        f"{ys['field_checks']} patches for the province's or city's field check")
    task_force = os.path.join(out_dir, "610902_专班移交清单.xlsx")
    tf = processing.run("weipian:task_force_list", {"PACKAGES": [package], "OUTPUT": task_force})
    log(f"  专班 hand-over list:   {task_force} — {tf['PATCHES']} patches of 新增农村乱占耕地建房")
    handover = os.path.join(out_dir, "610902_移交清单.xlsx")
    ho = json.loads(processing.run("weipian:handover_lists", {"PACKAGES": [package], "OUTPUT": handover})["COUNTS"])
    log(f"  hand-over lists:      {handover} — transport {ho['transport']}, energy {ho['energy']}, water "
        f"{ho['water']}, 非粮化 {ho['non_grain']}")
    upload = os.path.abspath(os.path.join(out_dir, "610902_2026_3_upload.zip"))
    up = processing.run("weipian:export_upload_package", {"PACKAGE": package, "ACTOR": COUNTY_ACTOR, "OUTPUT": upload})
    ver = processing.run("weipian:verify_package", {"INPUT": upload})
    counts = json.loads(ver["COUNTS"])
    log(f"  upload package:       {up['PATCHES']} patches, {up['PHOTOS']} photos, {up['DOSSIERS_WRITTEN']} dossiers "
          f"({counts['dossier_pages']} pages), {up['EXCLUDED_MILITARY']} military left out")
    log(f"  verify_package:       {ver['FILES']} files match the manifest ({ver['KIND']})")
    field = field_part(out_dir, package, sample, (before, after), log)
    return {"field": field, "package": package, "upload": upload, "statistics": stats, "sample": sample, "returned": returned,
            "yearly": yearly, "task_force": task_force, "county_desk": desk_dir(out_dir, "county"),
            "county_key": fingerprint_of(out_dir, "county")}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/demo"))
