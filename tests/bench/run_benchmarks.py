"""`make bench`: printed figures, not timed tests.

1. weipian:read_photos against QGIS' native:importphotos on the same 1,000 generated 1–2 MB JPEGs, both as
   whole qgis_process.bin runs (plugin deployed into a throwaway HOME), median of 3 alternating runs; ratio.
2. check of a 100,000-patch work package with 200,000 photo records: wall time and peak RSS of the process.
3. dock: open a 100,000-patch package, filter keystrokes; QGIS' attribute table on the same layer.
4. upload package with 10,000 photos of about 500 KB: throughput against `cp -r` of the same evidence folder in
   the same run (alternating, median of 2), peak RSS of the exporting process; dossier pages per second.
5. the dock's upload export with dossiers in a child process against the same export in the calling process:
   dossier pages per second of each, as a ratio.
6. office store: save latency p50/p95 with 1, 4 and 8 writers on one PostGIS work package.
7. the whole dock on a 100,000-patch package from the GeoPackage and from PostGIS: open and filter keystrokes.
8. city hub: import 100 county upload packages of 1,000 patches each (one small evidence file a patch), every
   file verified, and the year's figures; against ogr2ogr loading the same results layers; peak client RSS.
9. imagery: a 2 GB county GeoTIFF with no overviews; set_batch_imagery builds them (time); then the dock's map
   drawn at a patch, a township and the whole county (1000×700 px, QGIS' renderer over the raster layer as the
   dock adds it), against GDAL reading the same window to the same size in the same process, median of 3;
   target < 1 s a zoom.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# the benchmarks sign and trust as a desk of their own (never the user's QGIS profile); children inherit it
BENCH_DESK = os.path.join(ROOT, "build", "bench_desk")
os.environ["WEIPIAN_DESK_DIR"] = BENCH_DESK
sys.path.insert(0, ROOT)


def make_photos(folder: str, n: int = 1000) -> int:
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg

    os.makedirs(folder, exist_ok=True)
    total = 0
    rnd = random.Random(5)
    for i in range(n):
        path = os.path.join(folder, f"IMG_{i:05d}.jpg")
        if not os.path.exists(path):
            exif = build_exif(109.0 + rnd.uniform(0, 0.2), 32.6 + rnd.uniform(0, 0.2), rnd.uniform(0, 360),
                              "M" if i % 3 == 0 else "T", dt.datetime(2026, 6, 1, 9, 0) + dt.timedelta(minutes=i))
            write_jpeg(path, exif, size=(1600, 1200), seed=i, noise=True, quality=82 + i % 10)
        total += os.path.getsize(path)
    return total


def qgis_env(home: str) -> dict:
    env = dict(os.environ, HOME=home, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=os.path.join(home, "run"))
    for var in ("QGIS_PLUGINPATH", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(var, None)
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    return env


def timed(cmd, env) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return elapsed


def bench_read_photos(out: str) -> None:
    folder = os.path.join(out, "photos_1000")
    size = make_photos(folder)
    home = os.path.join(out, "home")
    env = qgis_env(home)
    subprocess.run(["make", "-s", "-C", ROOT, "deploy"], env=env, check=True, capture_output=True)
    ours_cmd = ["qgis_process.bin", "run", "weipian:read_photos", "--", f"INPUT={folder}", "RECURSIVE=true",
                f"OUTPUT={os.path.join(out, 'ours.gpkg')}"]
    native_cmd = ["qgis_process.bin", "run", "native:importphotos", "--", f"FOLDER={folder}", "RECURSIVE=true",
                  f"OUTPUT={os.path.join(out, 'native.gpkg')}"]
    timed(native_cmd, env)  # warm the page cache for both
    ours, native = [], []
    for _ in range(3):
        for f in (os.path.join(out, "ours.gpkg"), os.path.join(out, "native.gpkg")):
            if os.path.exists(f):
                os.remove(f)
        native.append(timed(native_cmd, env))
        ours.append(timed(ours_cmd, env))
    o, n = statistics.median(ours), statistics.median(native)
    print(f"read_photos: 1000 JPEGs, {size / 1e6:.0f} MB ({size / 1000 / 1e6:.2f} MB each), whole qgis_process.bin runs")
    print(f"  weipian:read_photos  {o:6.2f} s  (reads EXIF + sha256 of every byte, {size / 1e6 / o:.0f} MB/s)")
    print(f"  native:importphotos  {n:6.2f} s  (reads EXIF only)")
    print(f"  ratio ours/native    {o / n:6.2f}   (target <= 0.8, issue 21; 1.0 before)")
    # both runs start the same QGIS: what each does beyond starting, from the same commands on an empty folder
    empty = os.path.join(out, "photos_none")
    os.makedirs(empty, exist_ok=True)
    starts = {}
    for name, cmd in (("ours", ours_cmd), ("native", native_cmd)):
        times = []
        for _ in range(3):
            target = os.path.join(out, f"empty_{name}.gpkg")
            if os.path.exists(target):
                os.remove(target)
            times.append(timed([a.replace(folder, empty) if a.startswith(("INPUT=", "FOLDER=")) else
                                (f"OUTPUT={target}" if a.startswith("OUTPUT=") else a) for a in cmd], env))
        starts[name] = statistics.median(times)
    ow, nw = o - starts["ours"], n - starts["native"]
    print(f"  start-up alone (empty folder): ours {starts['ours']:.2f} s, native {starts['native']:.2f} s; the work "
          f"beyond it: ours {ow:.2f} s, native {nw:.2f} s, ratio {ow / nw if nw > 0 else float('nan'):.2f}")
    # the floor under ours: the same bytes only read and hashed, on every core of this machine
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    def digest(path):
        with open(path, "rb", buffering=0) as fh:
            return hashlib.sha256(fh.read()).digest()

    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    cores = os.cpu_count() or 1
    with ThreadPoolExecutor(cores) as pool:
        t = time.perf_counter()
        list(pool.map(digest, paths))
        floor = time.perf_counter() - t
    best = (starts["ours"] + floor) / n
    print(f"  sha256 of the same bytes alone on {cores} cores {floor:.2f} s: with ours' start-up, the lowest ratio this "
          f"machine allows is {best:.2f}")


CHECK_CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
from weipian_plugin.store.work_package import WorkPackage
from weipian_plugin.services.package_check import check_package
import shapely.wkb  # loaded in QGIS already; here it runs `ldconfig -p` once, whose vfork'ed size would count as a child's
t = time.perf_counter()
wp = WorkPackage.open({path!r})
findings, cov = check_package(wp)
elapsed = time.perf_counter() - t
print(json.dumps({{"seconds": elapsed, "findings": len(findings), "total": cov.total, "processes": cov.processes,
                  "helper_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "peak_mb": [int(x.split()[1]) / 1024 for x in open("/proc/self/status") if x.startswith("VmHWM:")][0]}}))
"""


def build_big_package(path: str, patches: int = 100_000, photos: int = 200_000) -> None:
    from shapely.geometry import MultiPolygon, Point, box

    from weipian_plugin.store import gpkg_blob
    from weipian_plugin.store.work_package import WorkPackage, now_iso

    rnd = random.Random(1)
    wp = WorkPackage.create(path, "national_2023", "610902", "bench")
    recs = []
    for i in range(patches):
        x, y = 108.5 + rnd.random(), 32.3 + rnd.random() * 0.8
        recs.append(dict(code=f"6109022026{i:06d}", wkb=MultiPolygon([box(x, y, x + 0.002, y + 0.0015)]).wkb,
                         class_code=("XZFNJS", "NDCXBH", "QTXZJS", "QTBH")[i % 4], later_date="2026-05-20",
                         issued_at=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                         area_mu=5.0, cultivated_mu=float(i % 3), township=("关庙镇", "五里镇", "恒口镇")[i % 3]))
    wp.add_patches(recs, "bench", "bench")
    ev_dir = os.path.join(os.path.dirname(path), "big_evidence")
    os.makedirs(ev_dir, exist_ok=True)
    rows = []
    now = now_iso()
    for j in range(photos):
        code = recs[j % patches]["code"]
        rel = f"big_evidence/{code}/{code}_{j // patches + 1}.jpg"  # a county's layout: a folder a patch
        full = os.path.join(os.path.dirname(path), rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        open(full, "wb").close()
        lon, lat = 108.5 + rnd.random(), 32.3 + rnd.random()
        rows.append((gpkg_blob.encode(Point(lon, lat).wkb, 4326),
                     code, "photo", rel, f"{j:064x}", 0, lon, lat, rnd.uniform(0, 360), "2026-06-01T10:00:00+08:00",
                     "", rnd.uniform(0, 300), rnd.uniform(0, 20), "bench", now))
    with wp.transaction():
        wp.conn.executemany("INSERT INTO evidence(geom, patch_code, kind, path, sha256, size, longitude, latitude, "
                            "azimuth, taken_at, problem_codes, distance_m, azimuth_offset_deg, added_by, added_at) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        for i, r in enumerate(recs):
            if i % 2:
                wp.conn.execute("INSERT INTO verifications(patch_code, verdict, subtype, basis, verifier, verified_at) "
                                "VALUES (?,?,?,?,?,?)", (r["code"], "WF", "违法占地", "b", "v", now))
    wp.close()


def bench_check(out: str) -> None:
    path = os.path.join(out, "big.gpkg")
    if not os.path.exists(path):
        t = time.perf_counter()
        build_big_package(path)
        print(f"(built the 100,000-patch package in {time.perf_counter() - t:.0f} s)")
    runs = {}
    for name, threshold in (("two processes", None), ("one process", "1000000000")) * 2:  # alternating
        env = dict(os.environ)
        if threshold:
            env["WEIPIAN_CHECK_PARALLEL_FROM"] = threshold
        proc = subprocess.run([sys.executable, "-c", CHECK_CHILD.format(root=ROOT, path=path)], capture_output=True,
                              text=True, env=env)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr[-3000:])
        runs.setdefault(name, []).append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print("check_work_package: 100,000 patches, 200,000 photo records (files stat'ed on disk), best of 2 each")
    for name, results in runs.items():
        r = min(results, key=lambda x: x["seconds"])
        print(f"  {name:14s} time {r['seconds']:6.2f} s (target < 3 s)   peak RSS {r['peak_mb']:4.0f} MB "
              f"(target < 500 MB; the checking process)"
              + (f", helper {r['helper_mb']:4.0f} MB" if r["processes"] > 1 else "") + f"   findings {r['findings']}")
    best = {name: min(x["seconds"] for x in results) for name, results in runs.items()}
    print(f"  ratio two processes / one process: {best['two processes'] / best['one process']:.2f}")


DOCK_CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from qgis.core import QgsApplication, QgsVectorLayer, QgsVectorLayerCache
app = QgsApplication([], True); app.initQgis()
from qgis.gui import QgsAttributeTableModel, QgsAttributeTableFilterModel, QgsMapCanvas
from qgis.PyQt.QtTest import QTest
from weipian_plugin.gui.dock import WeipianDock
dock = WeipianDock(iface=None)
dock.resize(600, 900); dock.show(); app.processEvents()
t = time.perf_counter()
dock.open_package({path!r})
app.processEvents()
opened = time.perf_counter() - t
keys = []
for ch in "2026001":
    t = time.perf_counter(); QTest.keyClicks(dock.search, ch); app.processEvents(); keys.append(time.perf_counter() - t)
rows = dock.model.rowCount()
while dock.task is not None:
    app.processEvents(); time.sleep(0.05)
dock.close_package()
layer = QgsVectorLayer({path!r} + "|layername=patches", "patches", "ogr")
t = time.perf_counter()
cache = QgsVectorLayerCache(layer, layer.featureCount())
model = QgsAttributeTableModel(cache)
model.loadLayer()
canvas = QgsMapCanvas()
filt = QgsAttributeTableFilterModel(canvas, model)
app.processEvents()
table = time.perf_counter() - t
print(json.dumps({{"open": opened, "keys_ms": [k * 1000 for k in keys], "rows": rows, "table": table,
                  "table_rows": model.rowCount()}}))
"""


DOCK_RUNS = 3


def bench_dock(out: str) -> None:
    path = os.path.join(out, "big.gpkg")
    if not os.path.exists(path):
        build_big_package(path)
    work = os.path.join(out, "dock_copy.gpkg")  # the dock writes blocking counts: keep the bench package as built
    import shutil

    runs = []
    for _ in range(DOCK_RUNS):  # a busy machine moves one run's figures by half: the median of a few, each run
        # measuring the dock and the attribute table one after the other
        shutil.copyfile(path, work)
        os.sync()  # on disk, as a user's package is: else the dock's first write flushes the whole fresh copy (0.2 s)
        proc = subprocess.run([sys.executable, "-c", DOCK_CHILD.format(root=ROOT, path=work)], capture_output=True,
                              text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        if proc.returncode != 0:
            raise SystemExit(proc.stderr[-3000:])
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    opened = statistics.median(r["open"] for r in runs)
    table = statistics.median(r["table"] for r in runs)
    ratio = statistics.median(r["open"] / r["table"] for r in runs)
    keys = [k for r in runs for k in r["keys_ms"]]
    print(f"dock: open a 100,000-patch work package (median of {len(runs)} runs)")
    print(f"  open until the list is usable   {opened:6.2f} s   (target < 0.5 s; the full check then runs as a task)")
    print(f"  filter keystroke (7 keys)       max {max(keys):5.1f} ms, median "
          f"{statistics.median(keys):5.1f} ms   (target < 50 ms)")
    each = ", ".join(f"{r['open'] / r['table']:.2f}" for r in runs)
    print(f"  QGIS attribute table, same layer {table:6.2f} s   ({runs[0]['table_rows']} rows; ratio dock/table "
          f"{ratio:.2f}, each run's {each}; target <= 0.4)")


LIST_CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from qgis.core import QgsApplication
app = QgsApplication([], True); app.initQgis()
from qgis.PyQt.QtTest import QTest
from weipian_plugin.gui.dock import WeipianDock
out = {{}}
for name, opening in (("gpkg", lambda d: d.open_package({path!r})),
                      ("postgis", lambda d: d.open_office({dsn!r}, "wp_big"))):
    dock = WeipianDock(iface=None)
    dock.resize(600, 900); dock.show(); app.processEvents()
    t = time.perf_counter()
    assert opening(dock)
    app.processEvents()
    opened = time.perf_counter() - t
    listed = dock.model.rowCount()
    keys = []
    for ch in "2026001":
        t = time.perf_counter(); QTest.keyClicks(dock.search, ch); app.processEvents()
        keys.append((time.perf_counter() - t) * 1000)
    rows = dock.model.rowCount()
    while dock.task is not None:  # the check started on opening runs on as a task
        app.processEvents(); time.sleep(0.05)
    from weipian_plugin.services.package_check import check_patch
    recheck = []  # what the patch page runs after every save: that patch's findings, on the whole package
    for i in range(0, rows, max(1, rows // 20)):
        code = dock.model.code_at(i)
        t = time.perf_counter(); check_patch(dock.wp, code, dock.profile); recheck.append((time.perf_counter() - t) * 1000)
    dock.close_package()
    # QGIS' attribute table on the same layer (the GeoPackage's, or the office's PostGIS table), as DOCK_CHILD
    from qgis.core import QgsVectorLayer, QgsVectorLayerCache
    from qgis.gui import QgsAttributeTableFilterModel, QgsAttributeTableModel, QgsMapCanvas
    from weipian_plugin.gui.layers import office_sources
    uri, provider = (({path!r} + "|layername=patches", "ogr") if name == "gpkg" else
                     (office_sources({dsn!r}, "wp_big")[0], "postgres"))
    layer = QgsVectorLayer(uri, "patches", provider)
    t = time.perf_counter()
    cache = QgsVectorLayerCache(layer, layer.featureCount())
    model = QgsAttributeTableModel(cache)
    model.loadLayer()
    filt = QgsAttributeTableFilterModel(QgsMapCanvas(), model)
    app.processEvents()
    table = time.perf_counter() - t
    out[name] = {{"open": opened, "keys_ms": keys, "rows": listed, "filtered": rows, "recheck_ms": recheck,
                 "table": table, "table_rows": model.rowCount()}}
print(json.dumps(out))
"""


def bench_list(out: str) -> None:
    """The whole dock over a 100,000-patch work package, from the GeoPackage and from the same package published
    to PostGIS, in one run: open until the list is usable, and filter keystrokes typed into its search box."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import pg_cluster
    import psycopg2

    from weipian_plugin.store.office_copy import publish_work_package

    big = os.path.join(out, "big.gpkg")
    if not os.path.exists(big):
        build_big_package(big)
    # its photo records name placeholder files whose hashes are made up (the publish refuses them, rightly): the
    # list needs patches and verdicts only, so a copy without the evidence records is published
    path = os.path.join(out, "big_list.gpkg")
    if not os.path.exists(path):
        import shutil

        from weipian_plugin.store.work_package import WorkPackage

        shutil.copyfile(big, path + ".tmp")
        with WorkPackage.open(path + ".tmp") as wp, wp.transaction():
            wp.conn.execute("DELETE FROM evidence")
        os.replace(path + ".tmp", path)
    pg_cluster.stop()
    params = pg_cluster.start(durable=True)
    try:
        conn = psycopg2.connect(**params)
        t = time.perf_counter()
        counts = publish_work_package(path, conn, "wp_big")
        published = time.perf_counter() - t
        conn.close()
        r = _child(LIST_CHILD.format(root=ROOT, path=path, dsn=pg_cluster.dsn(params)))
    finally:
        pg_cluster.stop()
    print(f"dock on both stores, {counts['patches']} patches, {counts['verifications']} verdicts (published to "
          f"PostGIS in {published:.1f} s)")
    for name in ("gpkg", "postgis"):
        x = r[name]
        print(f"  {name:8s} open {x['open']:5.2f} s   filter keystroke max {max(x['keys_ms']):5.1f} ms, median "
              f"{statistics.median(x['keys_ms']):5.1f} ms   ({x['rows']} rows listed, {x['filtered']} after the filter)")
    print(f"  PostGIS / GeoPackage open ratio {r['postgis']['open'] / r['gpkg']['open']:.2f} "
          f"(targets: open < 0.5 s, keystroke < 50 ms)")
    for name in ("gpkg", "postgis"):
        x = r[name]
        print(f"  {name:8s} QGIS attribute table on the same layer {x['table']:5.2f} s ({x['table_rows']} rows): "
              f"ratio dock/table {x['open'] / x['table']:.2f} (target <= 0.4)")
    for name in ("gpkg", "postgis"):
        x = r[name]["recheck_ms"]
        print(f"  {name:8s} re-check of one patch after a save: median {statistics.median(x):5.1f} ms, max "
              f"{max(x):5.1f} ms over {len(x)} patches (target < 20 ms; this copy holds no photo records)")


def build_upload_package(folder: str, patches: int = 2000, photos_per_patch: int = 5) -> str:
    """A county package that passes the gate: every patch verified, photographed (distinct ~500 KB JPEGs) and
    passed by a reviewer who is not the verifier."""
    import hashlib

    from shapely.geometry import MultiPolygon, Point, box

    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg
    from weipian_plugin.store import gpkg_blob
    from weipian_plugin.store.states import refresh_all_states
    from weipian_plugin.store.work_package import WorkPackage, now_iso

    path = os.path.join(folder, "upload_bench.gpkg")
    if os.path.exists(path):
        return path
    os.makedirs(folder, exist_ok=True)
    base_jpeg = os.path.join(folder, "base.jpg")
    write_jpeg(base_jpeg, build_exif(109.0, 32.7, 90.0, "T", dt.datetime(2026, 6, 1, 9, 0)), size=(1140, 800),
               seed=3, noise=True, quality=80)
    with open(base_jpeg, "rb") as fh:
        base = fh.read()
    tmp = path + ".building.gpkg"
    if os.path.exists(tmp):
        os.remove(tmp)
    wp = WorkPackage.create(tmp, "national_2023", "610902", "bench")
    recs = []
    for i in range(patches):
        x, y = 108.8 + (i % 50) * 0.004, 32.5 + (i // 50) * 0.004
        recs.append(dict(code=f"6109022026{i:06d}", wkb=MultiPolygon([box(x, y, x + 0.001, y + 0.0008)]).wkb,
                         class_code="XZFNJS", class_name="新增非农建设类", later_date="2026-05-20", area_mu=2.0,
                         cultivated_mu=0.0, township=("关庙镇", "五里镇", "恒口镇")[i % 3], county_code="610902"))
    wp.add_patches(recs, "bench", "bench")
    stem = os.path.splitext(os.path.basename(path))[0]
    now = now_iso()
    rows = []
    for i, r in enumerate(recs):
        folder_rel = f"{stem}_evidence/{r['code']}"
        os.makedirs(os.path.join(folder, folder_rel), exist_ok=True)
        for k in range(photos_per_patch):
            data = base + f"weipian-bench-{i}-{k}".encode()  # bytes after the JPEG end: a distinct file
            rel = f"{folder_rel}/{r['code']}_{k}.jpg"
            with open(os.path.join(folder, rel), "wb") as fh:
                fh.write(data)
            x, y = 108.8 + (i % 50) * 0.004 + 0.0005, 32.5 + (i // 50) * 0.004 + 0.0004
            rows.append((gpkg_blob.encode(Point(x, y).wkb, 4326), r["code"], "photo", rel,
                         hashlib.sha256(data).hexdigest(), len(data), x, y, 90.0, "2026-06-01T10:00:00+08:00", "",
                         0.0, 0.0, "bench", now))
    with wp.transaction():
        wp.conn.executemany("INSERT INTO evidence(geom, patch_code, kind, path, sha256, size, longitude, latitude, "
                            "azimuth, taken_at, problem_codes, distance_m, azimuth_offset_deg, added_by, added_at) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        wp.conn.executemany("INSERT INTO verifications(patch_code, verdict, subtype, category, basis, rectification, "
                            "verifier, verified_at) VALUES (?,?,?,?,?,?,?,?)",
                            [(r["code"], "WF", "违法占地", "新增建设用地违法", "未批先建。", "整改中", "乡镇 王芳", now)
                             for r in recs])
        refresh_all_states(wp.conn)
    # the county's own duties the gate asks for: the two leads, a field check of every patch, the review (its
    # record names what was reviewed, so it goes through the store)
    from weipian_plugin.core import records

    wp.set_meta("internal_review_lead", "县 李明", "县 李明")
    wp.set_meta("field_check_lead", "县 赵六", "县 李明")
    for r in recs:
        wp.add_record(r["code"], records.FieldCheck("县 赵六", "2026-06-02"), "县 赵六")
        wp.add_review(r["code"], "县 李明", "pass", "同意。")
    wp.close()
    os.rename(tmp, path)
    # the evidence folder was written under the final stem already
    return path


UPLOAD_CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from weipian_plugin.store.work_package import WorkPackage
from weipian_plugin.services.upload_package import export_upload_package
from weipian_plugin.services.dossier import DossierWriter
base_mb = [int(x.split()[1]) / 1024 for x in open("/proc/self/status") if x.startswith("VmHWM:")][0]
out = {out!r}
result = {{"base_mb": base_mb}}
with WorkPackage.open({path!r}) as wp:
    if {mode!r} == "export":
        t = time.perf_counter()
        r = export_upload_package(wp, out, "bench", dossiers=False)
        result.update(seconds=time.perf_counter() - t, bytes=r.bytes, photos=r.photos)
    else:
        w = DossierWriter()
        codes = sorted(wp.patch_codes())[:{dossiers}]
        root = os.path.dirname(wp.path)
        t = time.perf_counter()
        for c in codes:
            w.write(os.path.join(os.path.dirname(out), c + ".pdf"), wp.patch(c), wp.verification(c),
                    wp.reviews(c), wp.evidence(c), root, "evidence/" + c)
        result.update(seconds=time.perf_counter() - t, pages=w.pages_written, dossiers=len(codes))
result["peak_mb"] = [int(x.split()[1]) / 1024 for x in open("/proc/self/status") if x.startswith("VmHWM:")][0]
print(json.dumps(result))
"""


def _child(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_upload(out: str) -> None:
    import shutil

    folder = os.path.join(out, "upload")
    t = time.perf_counter()
    path = build_upload_package(folder)
    built = time.perf_counter() - t
    evidence = os.path.splitext(path)[0] + "_evidence"
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(evidence) for f in fs)
    count = sum(len(fs) for _, _, fs in os.walk(evidence))
    cps, exports = [], []
    for _ in range(2):
        dest = os.path.join(folder, "cp_copy")
        shutil.rmtree(dest, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run(["cp", "-r", evidence, dest], check=True)
        subprocess.run(["sync"], check=True)
        cps.append(time.perf_counter() - t)
        shutil.rmtree(dest)
        zip_path = os.path.join(folder, "upload.zip")
        if os.path.exists(zip_path):
            os.remove(zip_path)
        t = time.perf_counter()
        r = _child(UPLOAD_CHILD.format(root=ROOT, path=path, out=zip_path, mode="export", dossiers=0))
        subprocess.run(["sync"], check=True)
        r["wall"] = time.perf_counter() - t
        exports.append(r)
        os.remove(zip_path)
    cp_s = statistics.median(cps)
    ex_s = statistics.median(r["seconds"] for r in exports)
    peak = max(r["peak_mb"] for r in exports)
    print(f"upload package: {count} photos, {size / 1e9:.2f} GB (package built in {built:.0f} s)")
    print(f"  cp -r evidence folder + sync   {cp_s:6.2f} s   {size / cp_s / 1e6:7.0f} MB/s")
    print("  export_upload_package (zip, sha256 of every file, results, statistics; no dossiers)")
    print(f"                                 {ex_s:6.2f} s   {size / ex_s / 1e6:7.0f} MB/s   "
          f"throughput vs cp -r {cp_s / ex_s:.2f} (target >= 0.70)")
    print(f"  peak RSS of the exporting process {peak:5.0f} MB (QGIS started: {exports[0]['base_mb']:.0f} MB; "
          f"target < 300 MB)")
    d = _child(UPLOAD_CHILD.format(root=ROOT, path=path, out=os.path.join(folder, "dossiers", "x"), mode="dossiers",
                                   dossiers=100) if os.makedirs(os.path.join(folder, "dossiers"), exist_ok=True) is None
               else "")
    print(f"  dossiers: {d['dossiers']} patches, {d['pages']} pages in {d['seconds']:.1f} s = "
          f"{d['pages'] / d['seconds']:.1f} pages/s ({d['dossiers'] / d['seconds']:.1f} dossiers/s; "
          f"photos of ~{size / count / 1e3:.0f} KB embedded)")


EXPORT_IN_PROCESS = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from qgis.core import QgsApplication
t0 = time.perf_counter()
app = QgsApplication([], False); app.initQgis()
from weipian_plugin.store.work_package import WorkPackage
from weipian_plugin.services.upload_package import export_upload_package
with WorkPackage.open({path!r}) as wp:
    t = time.perf_counter()
    r = export_upload_package(wp, {out!r}, "bench", dossiers=True, workers=1)
print(json.dumps({{"seconds": time.perf_counter() - t, "wall": time.perf_counter() - t0, "pages": r.dossier_pages,
                  "dossiers": r.dossiers}}))
"""


def bench_export(out: str) -> None:
    """The dock's upload export with dossiers: in a process of its own (processing/child.py, as the dock runs it,
    QGIS start-up included) against the same export in the calling process (what froze QGIS before)."""
    from weipian_plugin.services.dossier_workers import worker_count

    folder = os.path.join(out, "export")
    path = build_upload_package(folder, patches=200, photos_per_patch=2)
    runs = {"in-process": [], "child 1": [], "child auto": []}

    def child(zip_path, workers):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "weipian_plugin.processing.child", "weipian:export_upload_package"],
                              input=json.dumps({"PACKAGE": path, "OUTPUT": zip_path, "ACTOR": "bench",
                                                "WORKERS": workers}) + "\n",
                              capture_output=True, text=True, cwd=ROOT,
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=ROOT))
        wall = time.perf_counter() - t
        lines = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
        if proc.returncode != 0 or not any("result" in x for x in lines):
            raise SystemExit(f"child export failed: {lines[-3:]} {proc.stderr[-2000:]}")
        os.remove(zip_path)
        return {"wall": wall, "progress_lines": sum(1 for x in lines if "progress" in x)}

    for i in range(2):
        zip_path = os.path.join(folder, f"in_process_{i}.zip")
        runs["in-process"].append(_child(EXPORT_IN_PROCESS.format(root=ROOT, path=path, out=zip_path)))
        os.remove(zip_path)
        runs["child 1"].append(child(os.path.join(folder, f"child1_{i}.zip"), 1))
        runs["child auto"].append(child(os.path.join(folder, f"child_auto_{i}.zip"), 0))
    pages = runs["in-process"][0]["pages"]
    inproc = statistics.median(r["wall"] for r in runs["in-process"])
    print(f"upload export with dossiers: {runs['in-process'][0]['dossiers']} patches, {pages} dossier pages "
          f"(median of 2, QGIS start-up included in all; {os.cpu_count()} cores)")
    print(f"  in the calling process (froze QGIS)      {inproc:6.1f} s  {pages / inproc:5.1f} pages/s")
    for key, label in (("child 1", "child process, dossiers in one process"),
                       ("child auto", f"child process, dossiers in {worker_count(200)} processes")):
        wall = statistics.median(r["wall"] for r in runs[key])
        print(f"  {label:39s}  {wall:6.1f} s  {pages / wall:5.1f} pages/s  ratio {inproc / wall:.2f} "
              f"({runs[key][0]['progress_lines']} progress lines streamed)")


def bench_office(out: str) -> None:
    """Save latency on one PostGIS work package with 1, 4 and 8 people saving at once (tests/office_writer.py,
    each its own process and connection), on the tests' own server (tests/pg_cluster.py)."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import pg_cluster
    import psycopg2

    from weipian_plugin.store.office_copy import publish_work_package

    path = build_upload_package(os.path.join(out, "office"), patches=2000, photos_per_patch=1)
    pg_cluster.stop()
    params = pg_cluster.start(durable=True)  # fsync on, as an office server runs
    try:
        conn = psycopg2.connect(**params)
        t = time.perf_counter()
        marks = {}
        counts = publish_work_package(path, conn, "wp_bench",
                                      progress=lambda p: marks.setdefault("tables", time.perf_counter() - t)
                                      if p >= 40 else None)
        publish_s = time.perf_counter() - t
        t = time.perf_counter()  # the peer: GDAL copying the same package's tables (no evidence bytes, no rights)
        subprocess.run(["ogr2ogr", "-f", "PostgreSQL", f"PG:{pg_cluster.dsn(params)}", path, "-lco", "SCHEMA=public",
                        "-lco", "OVERWRITE=YES", "-nlt", "PROMOTE_TO_MULTI"], check=True, capture_output=True)
        ogr_s = time.perf_counter() - t
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.splitext(path)[0] + "_evidence")
                   for f in fs)
        print(f"office store: publish {counts['patches']} patches, {counts['audit_log']} audit entries and "
              f"{counts['evidence_files']} evidence files ({size / 1e6:.0f} MB, checked and stored) in "
              f"{publish_s:.1f} s, of which the tables {marks['tables']:.2f} s; ogr2ogr copying the same tables "
              f"{ogr_s:.2f} s (tables ratio {ogr_s / marks['tables']:.2f})")
        with conn.cursor() as cur:
            cur.execute("SELECT code FROM wp_bench.patches ORDER BY code")
            codes = [r[0] for r in cur.fetchall()]
        conn.close()
        print(f"office store (PostgreSQL/PostGIS, fsync on, {len(codes)} patches): save latency, each writer its "
              f"own process, 200 saves each on random patches")
        for writers in (1, 4, 8):
            procs = [subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "office_writer.py"),
                                       json.dumps(params), "wp_bench", json.dumps(codes), str(k), "200", str(k + 100)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for k in range(writers)]
            lat, refused = [], 0
            for p in procs:
                o, e = p.communicate()
                if p.returncode != 0:
                    raise SystemExit(e[-2000:])
                r = json.loads(o.strip().splitlines()[-1])
                lat += r["latencies"]
                refused += len(r["refused"])
            lat.sort()
            p50, p95 = lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.95)] * 1000
            print(f"  {writers} writer(s): p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  ({len(lat)} saves, {refused} refused "
                  f"as stale; target p95 < 50 ms at 8)")
    finally:
        pg_cluster.stop()


YEARLY_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
from weipian_plugin.services.statistics_export import write_yearly_statistics
paths = {paths!r}
t = time.perf_counter()
summary = write_yearly_statistics(paths, {out!r}, 2026)
yearly = time.perf_counter() - t
t = time.perf_counter()
n = 0
for p in paths:  # the peer: QGIS reading the same patches with all their attributes
    layer = QgsVectorLayer(p + "|layername=patches", "p", "ogr")
    for f in layer.getFeatures():
        n += len(f.attributes())
read = time.perf_counter() - t
print(json.dumps({{"yearly": yearly, "read": read, "patches": summary["patches"],
                  "ratio": summary["accountability_ratio"],
                  "peak_mb": [int(x.split()[1]) / 1024 for x in open("/proc/self/status") if x.startswith("VmHWM:")][0]}}))
"""


def build_year(folder: str, batches: int = 6, per_batch: int = 2000) -> list:
    """A county's year: six batches of 2,000 patches, each judged, field-checked and half of the restorations
    accepted, with a city finding on every 50th patch."""
    from shapely.geometry import MultiPolygon, box

    from weipian_plugin.core import records
    from weipian_plugin.store.work_package import WorkPackage

    rnd = random.Random(3)
    paths = []
    for b in range(batches):
        path = os.path.join(folder, f"610902_2026_{b + 1}.gpkg")
        if os.path.exists(path):
            paths.append(path)
            continue
        wp = WorkPackage.create(path, "shaanxi_ankang_2023", "610902", "bench")
        recs = []
        for i in range(per_batch):
            x, y = 108.5 + rnd.random(), 32.3 + rnd.random() * 0.8
            recs.append(dict(code=f"6109022026{b}{i:05d}", wkb=MultiPolygon([box(x, y, x + 0.002, y + 0.0015)]).wkb,
                             class_code=("XZFNJS", "NDCXBH", "QTXZJS", "QTBH", "BC")[i % 5], later_date="2026-05-20",
                             issued_at=f"2026-{1 + 2 * b:02d}-10", area_mu=8.0, cultivated_mu=float(i % 7),
                             township=("关庙镇", "五里镇", "恒口镇")[i % 3]))
        wp.add_patches(recs, "bench", "bench")
        check = records.FieldCheck("县 赵刚", "2026-11-01")
        with wp.transaction():
            for i, r in enumerate(recs):
                code = r["code"]
                if i % 3 == 0:
                    wp.set_verification(code, "v", verdict="HF", subtype="依法批准用地", basis="b")
                else:
                    wp.set_verification(code, "v", verdict="WF", subtype="违法占地", basis="b",
                                        category="新增建设用地违法", illegal_cultivated_housing=i % 4 == 0,
                                        rectification="已拆除复耕" if i % 5 == 1 else "整改中")
                wp.add_record(code, check, "县 赵刚")
                if i % 50 == 0:
                    wp.add_record(code, records.HigherFinding("city", "field_check", records.UNREASONABLE,
                                                              "2026-10-01"), "县 李明")
        wp.close()
        paths.append(path)
    return paths


def bench_yearly(out: str) -> None:
    folder = os.path.join(out, "year")
    os.makedirs(folder, exist_ok=True)
    t = time.perf_counter()
    paths = build_year(folder)
    built = time.perf_counter() - t
    r = _child(YEARLY_CHILD.format(root=ROOT, paths=paths, out=os.path.join(folder, "年度统计.xlsx")))
    print(f"yearly statistics: {len(paths)} batches, {r['patches']} patches with verdicts and records "
          f"(built in {built:.0f} s)")
    print(f"  weipian:yearly_statistics (XLSX)   {r['yearly']:6.2f} s")
    print(f"  QGIS reads the same patches         {r['read']:6.2f} s")
    print(f"  ratio ours/read                     {r['yearly'] / r['read']:6.2f}   (peak RSS {r['peak_mb']:.0f} MB)")


def make_county_upload(folder: str, county: str, patches: int = 1000, seed: int = 0) -> str:
    """A county's upload package with `patches` patches and one small evidence file each, written by the same
    writer as the real export (PackageWriter, write_results_gpkg, core.snapshot_json); its verdicts at random."""
    from shapely.geometry import MultiPolygon, Polygon

    from weipian_plugin.core.model import Evidence, PackageSnapshot, Patch, Review, Verification
    from weipian_plugin.core.snapshot_json import to_json
    from weipian_plugin.services.package_zip import PackageWriter
    from weipian_plugin.services.result_layers import ResultRow, write_results_gpkg

    out = os.path.join(folder, f"{county}_upload.zip")
    if os.path.exists(out):
        return out
    rnd = random.Random(seed)
    work = os.path.join(folder, f"work_{county}")
    os.makedirs(os.path.join(work, "evidence"), exist_ok=True)
    snap = PackageSnapshot(patches=[], label=county)
    rows, files = [], []
    for i in range(patches):
        code = f"{county}2026{i:05d}"
        lon, lat = 108.5 + rnd.random(), 32.5 + rnd.random()
        cls = rnd.choice(["新增非农建设类", "年度内持续变化类", "其他新增建设类", "其他变化类"])
        mu = round(rnd.uniform(0, 40), 2)
        patch = Patch(code, county, f"镇{i % 12}", None, cls, None, "2026-01-01", "2026-03-01", "2026-3",
                      "2026-03-05", round(mu + rnd.uniform(0, 5), 2), mu, round(mu * rnd.random(), 2), 0.0)
        snap.patches.append(patch)
        verdict = rnd.choice(["HF", "WF", "QT"]) if cls == "其他变化类" else rnd.choice(["HF", "WF"])
        snap.verifications[code] = Verification(
            code, verdict, "违法占地" if verdict == "WF" else "依法批准用地",
            rnd.choice(["新增建设用地违法", "存量建设用地违法"]) if verdict == "WF" else None,
            False if verdict == "WF" else None, "依据", None, None, "乡镇核实员", "2026-03-10T10:00:00+08:00")
        data = rnd.randbytes(1500)
        path = os.path.join(work, "evidence", f"{code}_1.jpg")
        with open(path, "wb") as fh:
            fh.write(data)
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        snap.evidence[code] = [Evidence(i + 1, code, "photo", f"x_evidence/{code}/{code}_1.jpg", sha, len(data),
                                        lon, lat, 45.0, "2026-03-09T10:00:00+08:00")]
        snap.reviews[code] = [Review(code, "县审核员", "pass", "同意", "2026-03-12T09:00:00+08:00")]
        files.append((path, f"evidence/{code}/{code}_1.jpg", sha))
        ring = [(lon, lat), (lon + 0.001, lat), (lon + 0.001, lat + 0.001), (lon, lat + 0.001)]
        v = snap.verifications[code]  # the results say what the snapshot says (the hub compares them)
        rows.append(ResultRow(code, MultiPolygon([Polygon(ring)]).wkb, {
            "JCBH": code, "XZQDM": county, "XZMC": patch.township, "TBLX": cls, "HSX": patch.later_date,
            "XFSJ": patch.issued_at, "JCMJ": patch.area_mu, "GDMJ": mu, "YJJBNTMJ": patch.permanent_mu,
            "STBHHXMJ": 0.0, "SFSK": "否", "PDJG": {"HF": "合法", "WF": "违法", "QT": "其他"}[verdict],
            "WFXZ": v.category or "", "SFXZLZGDJF": "否" if v.illegal_cultivated_housing is False else ""}))
    gpkg = os.path.join(work, f"{county}_results.gpkg")
    write_results_gpkg(rows, gpkg)
    from weipian_plugin.store.audit_chain import GENESIS
    from weipian_plugin.store.keys import Desk

    ident = {"county_code": county, "created_at": "2026-03-20T10:00:00+08:00", "created_by": "县卫片办",
             "profile": "shaanxi_ankang_2023", "kind": "upload", "package_id": f"bench-{county}",
             "audit_head": {"entries": 0, "sha": GENESIS}}
    with PackageWriter(out, "upload", ident, signer=Desk(BENCH_DESK).signer(f"county:{county}")) as w:
        w.add_file(gpkg, f"results/{county}_results.gpkg")
        w.add_bytes(json.dumps(to_json(snap), ensure_ascii=False).encode("utf-8"), "results/snapshot.json")
        w.add_bytes(json.dumps({"package_id": ident["package_id"], "shas": []}).encode("utf-8"), "audit/chain.json")
        w.add_files(files)
        w.finish({"patches": patches})
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return out


CITY_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
import psycopg2
from weipian_plugin.core.profile import load_profile
from weipian_plugin.services.city_import import import_upload_packages
from weipian_plugin.services.city_statistics import write_city_statistics
from weipian_plugin.store.city_hub import CityHub
hub = CityHub.create(psycopg2.connect({dsn!r}), "city_bench", "6109", "shaanxi_ankang_2023", "bench",
                     counties={{f"6109{{k:02d}}": f"县{{k}}" for k in range(100)}})
paths = {paths!r}
t = time.perf_counter()
run = import_upload_packages(hub, paths, "bench", confirmed={confirmed!r})
imported = time.perf_counter() - t
t = time.perf_counter()
summary = write_city_statistics(hub, {out!r}, 2026)
stats = time.perf_counter() - t
print(json.dumps({{"import": imported, "stats": stats, "taken": len(run.imported),
                  "refused": [str(r.refused) for r in run.reports if r.refused][:3],
                  "patches": summary["patches"], "ratio": summary["city_ratio"],
                  "peak_mb": [int(x.split()[1]) / 1024 for x in open("/proc/self/status") if x.startswith("VmHWM:")][0]}}))
"""


def bench_city(out: str) -> None:
    """The city hub: 100 county upload packages of 1,000 patches each, imported (verified) and counted."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import pg_cluster

    folder = os.path.join(out, "city")
    os.makedirs(folder, exist_ok=True)
    t = time.perf_counter()
    paths = [make_county_upload(folder, f"6109{k:02d}", 1000, seed=k) for k in range(100)]
    built = time.perf_counter() - t
    size = sum(os.path.getsize(p) for p in paths)
    pg_cluster.stop()
    params = pg_cluster.start(durable=True)
    try:
        dsn = pg_cluster.dsn(params)
        from weipian_plugin.store.keys import Desk

        r = _child(CITY_CHILD.format(root=ROOT, dsn=dsn, paths=paths, out=os.path.join(folder, "city.xlsx"),
                                     confirmed=[Desk(BENCH_DESK).fingerprint()]))
        import tempfile
        import zipfile

        t = time.perf_counter()  # the peer: unzip the results layer and load it with GDAL, nothing verified
        with tempfile.TemporaryDirectory() as tmp:
            for p in paths:
                member = f"results/{os.path.basename(p)[:6]}_results.gpkg"
                with zipfile.ZipFile(p) as z:
                    z.extract(member, tmp)
                subprocess.run(["ogr2ogr", "-f", "PostgreSQL", f"PG:{dsn}", os.path.join(tmp, member), "tb",
                                "-nln", "peer_tb", "-append", "-lco", "SCHEMA=public"], check=True,
                               capture_output=True)
        peer = time.perf_counter() - t
    finally:
        pg_cluster.stop()
    print(f"city hub: {len(paths)} county upload packages, {r['patches']} patches, {size / 1e6:.0f} MB "
          f"(built in {built:.0f} s)")
    print(f"  import, every file verified      {r['import']:6.1f} s   ({r['taken']} taken; target < 300 s)"
          + (f"  refused: {r['refused']}" if r['refused'] else ""))
    print(f"  ogr2ogr loading the results      {peer:6.1f} s   (ratio import/ogr2ogr {r['import'] / peer:.2f})")
    print(f"  the year's statistics            {r['stats']:6.1f} s   (target < 3 s; city ratio {r['ratio']})")
    print(f"  peak client memory               {r['peak_mb']:6.0f} MB  (target < 1024 MB)")
    if r["taken"] != len(paths):  # a time for refusing every package is no figure (the bench once printed one)
        raise SystemExit(f"city bench: only {r['taken']} of {len(paths)} packages taken: {r['refused']}")


def make_big_geotiff(path: str, width: int = 30_000, height: int = 24_000) -> int:
    """A county's image as it comes: 2.16 GB of 8-bit RGB in 256-px tiles, no compression, no overviews; a field
    pattern that varies (so nothing is skipped as empty). CGCS2000 CM 108°E at 2 m."""
    import numpy as np
    from osgeo import gdal, osr

    if os.path.exists(path + ".ovr"):
        os.remove(path + ".ovr")  # as it came: without overviews
    if os.path.exists(path):
        return os.path.getsize(path)
    ds = gdal.GetDriverByName("GTiff").Create(path, width, height, 3, gdal.GDT_Byte,
                                              ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "BIGTIFF=YES"])
    ds.SetGeoTransform((470_000.0, 2.0, 0, 3_640_000.0, 0, -2.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4545)
    ds.SetProjection(srs.ExportToWkt())
    rnd = np.random.default_rng(7)
    strip = 1024
    for y in range(0, height, strip):
        rows = min(strip, height - y)
        base = rnd.integers(60, 200, size=(3, rows // 32 + 1, width // 32 + 1), dtype=np.uint8)
        block = np.repeat(np.repeat(base, 32, axis=1), 32, axis=2)[:, :rows, :width]
        for b in range(3):
            ds.GetRasterBand(b + 1).WriteArray(block[b], 0, y)
    ds = None
    return os.path.getsize(path)


def bench_imagery(out: str) -> None:
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings, QgsRasterLayer, QgsRectangle
    from qgis.PyQt.QtCore import QSize

    from weipian_plugin.sample.demo import start_qgis
    from weipian_plugin.services.imagery import ensure_overviews

    app, _provider = start_qgis()  # kept: QGIS' application must outlive the rendering
    path = os.path.join(out, "county_2gb.tif")
    t = time.perf_counter()
    size = make_big_geotiff(path)
    made = time.perf_counter() - t
    t = time.perf_counter()
    ensure_overviews(path)
    overviews = time.perf_counter() - t
    cx, cy = 470_000.0 + 30_000, 3_640_000.0 - 24_000  # the image's middle
    where = {"a patch (300 m)": 300.0, "a township (6 km)": 6000.0, "the whole county": 60_000.0}

    def ours(side: float) -> float:
        layer = QgsRasterLayer(path, "后时相", "gdal")  # a layer as the dock adds it, no cache warmed by us
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(layer.crs())
        settings.setOutputSize(QSize(1000, 700))
        settings.setExtent(QgsRectangle(cx - side / 2, cy - side * 0.35, cx + side / 2, cy + side * 0.35))
        assert layer.isValid(), path
        job = QgsMapRendererSequentialJob(settings)
        t0 = time.perf_counter()
        job.start()
        job.waitForFinished()
        took = time.perf_counter() - t0
        image = job.renderedImage()
        seen = {image.pixel(x, y) for x in range(0, 1000, 37) for y in range(0, 700, 37)}
        assert len(seen) > 20, "the map drew nothing"  # a figure of an empty map would be no figure
        return took

    def gdal_peer(side: float) -> float:
        """GDAL itself, in this process: the same window read to the same size (overviews used as GDAL picks)."""
        from osgeo import gdal

        t0 = time.perf_counter()
        gdal.Translate("", path, format="MEM", width=1000, height=700,
                       projWin=[cx - side / 2, cy + side * 0.35, cx + side / 2, cy - side * 0.35])
        return time.perf_counter() - t0

    print(f"imagery: {size / 1e9:.2f} GB GeoTIFF, 30,000 × 24,000 RGB, no overviews as it came "
          f"(written in {made:.0f} s)")
    print(f"  set_batch_imagery builds the overviews   {overviews:6.1f} s (once, beside the file)")
    for label, side in where.items():
        a = statistics.median(ours(side) for _ in range(3))
        b = statistics.median(gdal_peer(side) for _ in range(3))
        print(f"  the map at {label:18s} {a * 1000:7.0f} ms   GDAL reading it {b * 1000:6.0f} ms   ratio {a / b:5.2f}"
              f"   (target < 1000 ms)")
    del app


BENCHES = {"imagery": bench_imagery, "city": bench_city, "list": bench_list, "office": bench_office, "export": bench_export, "yearly": bench_yearly,
           "upload": bench_upload, "check": bench_check, "dock": bench_dock, "photos": bench_read_photos}


def main(out: str) -> None:
    """The benchmarks named after OUT_DIR (all when none is), quickest first."""
    os.makedirs(out, exist_ok=True)
    which = sys.argv[2:] or list(BENCHES)
    unknown = sorted(set(which) - set(BENCHES))
    if unknown:
        raise SystemExit(f"no such benchmark: {', '.join(unknown)} (there are: {', '.join(BENCHES)})")
    for name, bench in BENCHES.items():
        if name in which:
            bench(out)


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/bench"))
