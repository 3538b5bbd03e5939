"""A large package is checked by two processes (services.check_worker): the findings and the coverage are those
of one process, whatever the evidence files' state; a helper that fails changes nothing but the time; the helper
cannot write; an export's one moment of the package is never split; and every entry point (the service,
Processing's dialog, qgis_process) takes the same path."""
import json
import os
import sqlite3
import subprocess

import pytest
from test_deploy import ROOT, _env
from test_exchange_holes import as_plugin

from weipian_plugin.services import check_worker
from weipian_plugin.services.package_check import check_package
from weipian_plugin.store.work_package import WorkPackage


def helper_answers(monkeypatch):
    """A spy on the helper: every answer it really gives (its parts, its file problems), recorded in the list
    returned, while the check goes on with it."""
    seen = []
    real = check_worker.Helper.finish

    def finish(self):
        seen.append(real(self))
        return seen[-1]

    monkeypatch.setattr(check_worker.Helper, "finish", finish)
    return seen


def damaged(county):
    """The month's county package with its evidence files as a careless or dishonest desk leaves them: one file
    gone, one grown, one record pointing out of the package, one shared photo between two patches."""
    with WorkPackage.open(county) as wp:
        photos = [e for e in wp.evidence() if e.kind == "photo"]
        codes = sorted(wp.patch_codes())
    base = os.path.dirname(county)
    os.remove(os.path.join(base, photos[0].path))
    with open(os.path.join(base, photos[1].path), "ab") as fh:
        fh.write(b"more")
    conn = as_plugin(county)
    conn.execute("INSERT INTO evidence(patch_code, kind, path, original_name, sha256, size) VALUES "
                 "(?, 'photo', '../elsewhere.jpg', 'x.jpg', ?, 10)", (codes[-1], "0" * 64))
    other = next(c for c in reversed(codes) if c != photos[2].patch_code)
    conn.execute("INSERT INTO evidence(patch_code, kind, path, original_name, sha256, size) VALUES "
                 "(?, 'photo', ?, 'y.jpg', ?, ?)", (other, photos[2].path, photos[2].sha256, photos[2].size))
    conn.commit()
    conn.close()
    return photos


def test_two_processes_find_what_one_process_finds(county):
    photos = damaged(county)
    with WorkPackage.open(county) as wp:
        assert wp.conn.execute("SELECT count(*) FROM patches").fetchone()[0] >= 4
        alone, alone_cov = check_package(wp, parallel_from=10**9)
        split, split_cov = check_package(wp, parallel_from=0)
    assert (alone_cov.processes, split_cov.processes) == (1, 2)
    assert split == alone
    assert (split_cov.total, split_cov.verified, split_cov.reviewed, split_cov.returned) == \
           (alone_cov.total, alone_cov.verified, alone_cov.reviewed, alone_cov.returned)
    rules = {f.rule for f in split}
    assert {"evidence.file_missing", "evidence.file_changed", "evidence.file_outside", "photo.reused"} <= rules
    missing = [f for f in split if f.rule == "evidence.file_missing"]
    assert [f.evidence_id for f in missing] == [photos[0].id]
    reused = {f.patch_code for f in split if f.rule == "photo.reused"}
    assert len(reused) == 2  # both patches, wherever the split put them


def test_the_helper_checks_the_parts_nobody_claimed_and_every_file(county):
    """The helper's parts really are checked in the helper: each part's findings are those of its patches; the
    last part is always the helper's, the others go to whichever process claims them first."""
    import datetime as dt

    from weipian_plugin.services.package_check import package_profile

    damaged(county)
    with WorkPackage.open(county) as wp:
        profile, codes = package_profile(wp), sorted(wp.patch_codes())
        for parent_claims in (False, True):
            helper = check_worker.start(wp, profile, dt.date.today(), True, parallel_from=0)
            assert helper is not None and len(helper.parts) >= 2
            last = len(helper.parts) - 1
            if parent_claims:  # the parent was quicker: every part but the helper's own
                assert [helper.claim(i) for i in range(len(helper.parts))] == [True] * last + [False]
            done = helper.finish()
            assert done is not None and helper.proc.returncode == 0
            parts, files = done
            assert sorted(parts) == ([last] if parent_claims else list(range(len(helper.parts))))
            for index, (findings, cov) in parts.items():
                lo, hi = helper.parts[index]
                inside = [c for c in codes if (lo is None or c >= lo) and (hi is None or c < hi)]
                assert cov.total == len(inside) > 0
                assert all(f.patch_code in inside for f in findings)
            assert sorted(p[3] for p in files) == ["changed", "missing", "outside"]
            assert not os.path.exists(helper.folder)  # its work folder goes with it


def test_a_helper_that_fails_changes_nothing_but_the_time(county, monkeypatch):
    """A helper that dies at once (here a Python that is not one): the parent checks the helper's share itself."""
    from qgis.core import QgsApplication

    import weipian_plugin.processes as processes

    damaged(county)
    logged = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, level: logged.append(text))
    with WorkPackage.open(county) as wp:
        alone, alone_cov = check_package(wp, parallel_from=10**9)
        monkeypatch.setattr(processes, "python_executable", lambda: "/bin/false")
        split, split_cov = check_package(wp, parallel_from=0)
    assert split == alone and split_cov.total == alone_cov.total and split_cov.processes == 1
    assert any("helper process ended with status 1" in text for text in logged), logged


def test_the_helper_cannot_write_to_the_package(county):
    """Even with the plugin's writer function (the guard triggers let it through) the connection cannot write."""
    from weipian_plugin.store.schema import WRITER_FUNCTION

    wp = WorkPackage.open_for_reading(county)
    wp.conn.create_function(WRITER_FUNCTION, 0, lambda: 1)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            wp.conn.execute("DELETE FROM package_meta")
    finally:
        wp.close()


def test_an_export_s_one_moment_is_never_split(county):
    """Inside one_moment (an export) another connection would see another moment: no helper there."""
    import datetime as dt

    from weipian_plugin.services.package_check import package_profile

    with WorkPackage.open(county) as wp:
        with wp.one_moment():
            assert check_worker.start(wp, package_profile(wp), dt.date.today(), True, parallel_from=0) is None
            _, cov = check_package(wp, parallel_from=0)
            assert cov.processes == 1


def test_verification_rows_are_read_in_the_dataclass_order():
    """store.states.verifications_by_patch builds Verification by position from VERIFICATION_FIELDS."""
    from dataclasses import fields

    from weipian_plugin.core.model import Verification
    from weipian_plugin.store.schema import VERIFICATION_FIELDS

    assert [f.name for f in fields(Verification)] == [name for name, _ in VERIFICATION_FIELDS]


def test_patch_rows_are_read_in_the_dataclass_order():
    """store.rows.patch_from_row builds Patch by position from PATCH_COLUMNS."""
    from dataclasses import fields

    from weipian_plugin.core.model import Patch
    from weipian_plugin.store.rows import PATCH_COLUMNS, patch_from_row

    columns = [c.strip() for c in PATCH_COLUMNS.split(",")]
    row = [f"value of {c}" for c in columns]
    patch = patch_from_row(row, b"wkb")
    for f in fields(Patch):
        expected = b"wkb" if f.name == "wkb" else row[columns.index(f.name)]
        if f.name in ("mineral", "military"):
            expected = True
        assert getattr(patch, f.name) == expected, f.name


def test_processing_s_dialog_takes_the_same_path(county, provider, monkeypatch):
    import processing

    damaged(county)
    monkeypatch.setattr(check_worker, "PARALLEL_FROM", 10**9)
    alone = processing.run("weipian:check_work_package", {"PACKAGE": county, "OUTPUT": "TEMPORARY_OUTPUT"})
    monkeypatch.setattr(check_worker, "PARALLEL_FROM", 1)
    seen = helper_answers(monkeypatch)
    split = processing.run("weipian:check_work_package", {"PACKAGE": county, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert len(seen) == 1 and seen[0][0], seen  # the helper reported parts of its own
    for key in ("TOTAL", "VERIFIED", "REVIEWED", "RETURNED", "BLOCKING", "WARNINGS", "INFOS", "BY_RULE"):
        assert split[key] == alone[key], key
    rows = lambda r: sorted(tuple(f.attributes()) for f in r["OUTPUT"].getFeatures())  # noqa: E731
    assert rows(split) == rows(alone)


def test_qgis_process_takes_the_same_path(county, tmp_path):
    damaged(county)
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, mode=0o700)
    env = _env(home)
    subprocess.run(["make", "-C", ROOT, "deploy"], env=env, check=True, capture_output=True)
    results = {}
    for name, threshold in (("alone", "1000000000"), ("split", "1")):
        run = subprocess.run(["qgis_process.bin", "--json", "run", "weipian:check_work_package", "--",
                              f"PACKAGE={county}", f"OUTPUT={tmp_path / (name + '.gpkg')}"],
                             env=dict(env, WEIPIAN_CHECK_PARALLEL_FROM=threshold), capture_output=True, text=True,
                             timeout=300)
        assert run.returncode == 0, run.stderr[-3000:]
        out = json.loads(run.stdout[run.stdout.index("{"):])
        results[name] = out
    said = json.dumps(results["split"]["log"], ensure_ascii=False)
    assert "checked by 2 processes at once" in said, said[-2000:]
    assert "processes at once" not in json.dumps(results["alone"]["log"], ensure_ascii=False)
    for key in ("TOTAL", "BLOCKING", "WARNINGS", "INFOS", "BY_RULE"):
        assert results["split"]["results"][key] == results["alone"]["results"][key], key


def test_links_out_of_the_package_are_refused_by_both_ways_of_checking(county, tmp_path_factory):
    """A patch folder or a file replaced by a link to a place outside the package (holding a file of the same
    name and size) is outside the package; a link to a folder inside it is followed. Resolved one folder at a
    time (store.work_package.EvidencePaths), as os.path.realpath resolves them."""
    import shutil

    with WorkPackage.open(county) as wp:
        records = wp.evidence()
    base = os.path.dirname(county)
    by_folder = {}
    for e in records:  # photos and documents
        by_folder.setdefault(os.path.dirname(e.path), []).append(e)
    folders = sorted(by_folder)
    assert len(folders) >= 3
    outside = tmp_path_factory.mktemp("elsewhere")  # not under the package's folder
    # 1. a whole patch folder moved out and linked back
    moved = os.path.join(base, folders[0])
    shutil.copytree(moved, outside / "folder")
    shutil.rmtree(moved)
    os.symlink(outside / "folder", moved)
    # 2. one file replaced by a link to a copy outside
    victim = by_folder[folders[1]][0]
    shutil.copyfile(os.path.join(base, victim.path), outside / "file.jpg")
    os.remove(os.path.join(base, victim.path))
    os.symlink(outside / "file.jpg", os.path.join(base, victim.path))
    # 3. a patch folder moved elsewhere inside the package and linked: followed, nothing to say
    inside = os.path.join(base, folders[2])
    os.rename(inside, inside + "_moved")
    os.symlink(os.path.basename(inside) + "_moved", inside)
    expected = sorted([e.id for e in by_folder[folders[0]]] + [victim.id])
    with WorkPackage.open(county) as wp:
        for parallel_from in (10**9, 0):
            findings, cov = check_package(wp, parallel_from=parallel_from)
            assert cov.processes == (1 if parallel_from else 2)
            refused = sorted(f.evidence_id for f in findings if f.rule == "evidence.file_outside")
            assert refused == expected
            assert not [f for f in findings if f.rule in ("evidence.file_missing", "evidence.file_changed")]


def test_the_helper_opens_a_package_whose_folder_has_any_name(county, tmp_path):
    """The helper's read-only connection is a file: URI: Chinese, spaces, '#', '?' and '%' in the folder's name
    are percent-encoded, and the helper (not the parent's fallback) checks it."""
    import shutil

    folder = tmp_path / "汉滨区 #3?审核%20"
    folder.mkdir()
    path = folder / os.path.basename(county)
    shutil.copyfile(county, path)
    shutil.copytree(county[:-5] + "_evidence", str(path)[:-5] + "_evidence")
    with WorkPackage.open(str(path)) as wp:
        alone, _ = check_package(wp, parallel_from=10**9)
        split, cov = check_package(wp, parallel_from=0)
    assert cov.processes == 2 and split == alone


def test_a_helper_whose_parent_is_killed_stops_and_leaves_nothing(county):
    """QGIS killed (kill -9) during a large check: its helper sees it has no parent any more, stops, and removes
    its reports from the temporary folder (nobody else would)."""
    import signal
    import sys
    import time

    code = (f"import datetime, os, signal, sys\nsys.path.insert(0, {ROOT!r})\n"
            "from weipian_plugin.store.work_package import WorkPackage\n"
            "from weipian_plugin.services import check_worker\n"
            "from weipian_plugin.services.package_check import package_profile\n"
            f"wp = WorkPackage.open({county!r})\n"
            "h = check_worker.start(wp, package_profile(wp), datetime.date.today(), True, parallel_from=0)\n"
            "print(h.proc.pid, h.folder, flush=True)\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    pid, folder = run.stdout.split(maxsplit=1)
    folder = folder.strip()

    def running():
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
        except OSError:
            return False

    end = time.monotonic() + 30
    while running() and time.monotonic() < end:
        time.sleep(0.05)
    assert not running(), "the orphaned helper is still running"
    assert not os.path.exists(folder), os.listdir(folder)
