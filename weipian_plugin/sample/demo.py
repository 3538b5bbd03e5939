"""`make demo`: the main job, headless, on the built-in sample county.

create_work_package → attach_photos → scripted verdicts and reviews → check_work_package, all through the
plugin's Processing algorithms, then a short summary.  Usage: python -m weipian_plugin.sample.demo OUT_DIR
"""
from __future__ import annotations

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


def main(out_dir: str) -> int:
    app, provider = start_qgis()
    import processing

    from ..core.profile import load_profile
    from ..store.work_package import WorkPackage
    from .generator import make_sample
    from .scenario import run_county_review, run_township_work

    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    sample = make_sample(os.path.join(out_dir, "sample"))
    package = os.path.join(out_dir, "610902_2026_3.gpkg")
    created = processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": package,
                                                              "ACTOR": "县卫片办 张华"})
    attached = processing.run("weipian:attach_photos", {"PACKAGE": package, "INPUT": sample.photo_dir,
                                                         "MATCH": "auto", "ACTOR": "乡镇核查员",
                                                         "OUTPUT": "TEMPORARY_OUTPUT"})
    profile = load_profile()
    with WorkPackage.open(package) as wp:
        left_open = run_township_work(wp, profile, sample.document_dir)
        reviews = run_county_review(wp, profile)
    checked = processing.run("weipian:check_work_package", {"PACKAGE": package, "OUTPUT": "TEMPORARY_OUTPUT"})
    rules = Counter(f["rule"] for f in checked["OUTPUT"].getFeatures())
    sev = Counter(f["severity"] for f in checked["OUTPUT"].getFeatures())
    print("卫片执法 demo — sample county 610902 (安康市汉滨区), batch 2026-3")
    print(f"  work package:  {package}")
    print(f"  patches:       {created['ADDED']} imported, {created['PROBLEMS']} import problems")
    print(f"  photos:        {attached['ATTACHED']} attached, {attached['UNMATCHED']} not attached")
    print(f"  verified:      {checked['VERIFIED']}/{checked['TOTAL']} (left open: {', '.join(left_open)})")
    print(f"  reviewed:      {checked['REVIEWED']}/{checked['TOTAL']} passed, {reviews['return']} returned")
    print(f"  findings:      {sev['blocking']} blocking, {sev['warning']} warnings, {sev['info']} information")
    for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {rule:34s} {n}")
    app.processingRegistry().removeProvider(provider)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/demo"))
