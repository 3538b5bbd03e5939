"""The office part of `make demo`: the sample month's county package published to PostgreSQL/PostGIS and two
people working on it at once — a reviewer passing patches while an administrator corrects the basis of the same
patches. A review made on a version that changed meanwhile is refused with who and when, and made again on the
new one; nothing is lost; the package goes back into a GeoPackage table for table.

    python -m weipian_plugin.sample.office_demo OUT_DIR "host=… port=… dbname=… user=…"
"""
from __future__ import annotations

import datetime
import os
import sqlite3
import sys
import threading
import time


def main(out_dir: str, dsn: str) -> int:
    import psycopg2

    from ..services.office_store import export_work_package, publish_work_package
    from ..store.office_package import OfficePackage, StaleSave
    from ..store.schema import TABLES

    package = os.path.join(out_dir, "610902_2026_3.gpkg")
    if not os.path.exists(package):
        print(f"{package}: run the month first (make demo does)")
        return 2
    schema = "c610902_demo_" + datetime.datetime.now().strftime("%H%M%S")
    admin = psycopg2.connect(dsn)
    counts = publish_work_package(package, admin, schema)
    print(f"office: published {counts['patches']} patches and {counts['evidence_files']} evidence files to "
          f"schema {schema}")
    with admin.cursor() as cur:
        for name, kind in (("li", "reviewer"), ("wang", "admin")):
            cur.execute(f"CREATE ROLE {schema}_{name} LOGIN IN ROLE {schema}_{kind}")
        cur.execute(f"SELECT code FROM {schema}.patches WHERE state = 'passed' ORDER BY code LIMIT 20")
        codes = [r[0] for r in cur.fetchall()]
    admin.commit()
    report = {"passed": 0, "refused": [], "corrected": 0}

    def reviewer():
        store = OfficePackage(psycopg2.connect(dsn, user=f"{schema}_li"), schema)
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
        store = OfficePackage(psycopg2.connect(dsn, user=f"{schema}_wang"), schema)
        for code in codes:  # the same patches in the same order, a little quicker than the reviewer
            v, version = store.verification_and_version(code)
            time.sleep(0.03)  # types the correction
            try:
                store.set_verification(code, "县卫片办 王芳", version, basis=(v.basis or "") + "（县级补充说明）")
                report["corrected"] += 1
            except StaleSave:
                pass
        store.conn.close()

    people = [threading.Thread(target=reviewer), threading.Thread(target=administrator)]
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
    db = sqlite3.connect(back)
    rows = {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
    db.close()
    print(f"office: taken back into {back} ({rows['patches']} patches, {rows['reviews']} reviews, "
          f"{rows['audit_log']} audit entries)")
    admin.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
