"""A large GeoPackage work package is checked by two processes at once: Python runs the rules on one core per
process, and a county's year (100,000 patches, 200,000 photo records) took two seconds more than the target
on one.

The patches are cut into parts in code order. The helper process first looks at every evidence file (its place
and size), then checks parts from the last one backwards; the parent checks parts from the first one onwards;
each part is taken by creating its claim file (an atomic create: exactly one process gets it), so the two meet
wherever the machine's load puts them. The helper reads the package through a connection that cannot write and
writes what it found into its parent's private work folder. If the helper cannot start, or fails in any way, the
parent checks the parts it did not report: the findings are the same either way (tests/test_check_worker.py).

    python -m weipian_plugin.services.check_worker JOB.pickle

The job file is written by the parent into its own private folder and read back by its own helper only; the
helper answers in marshal (plain values: nothing in it can run).
"""
from __future__ import annotations

import bisect
import marshal
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from itertools import groupby
from operator import itemgetter
from typing import Dict, List, Optional, Tuple

from ..core.findings import SEVERITY_ORDER, Coverage, Finding, inserted, new_finding

PARALLEL_FROM = 20_000  # patches: below, the helper's start (about 0.3 s) costs more than it saves
# an office that wants another threshold (or none: a very large number) sets it in the environment
ENVIRONMENT_THRESHOLD = "WEIPIAN_CHECK_PARALLEL_FROM"
PARTS = 64  # small enough that the two processes end close together, large enough that a part's reads are few

Part = Tuple[Optional[str], Optional[str]]  # (first code, the code the part stops before); None: open


class Helper:
    """The helper process checking parts from the last one backwards (and, with check_files, every evidence
    file first)."""

    def __init__(self, proc: subprocess.Popen, folder: str, parts: List[Part], check_files: bool):
        self.proc, self.folder, self.parts, self.check_files = proc, folder, parts, check_files

    def claim(self, index: int) -> bool:
        return claim(self.folder, index)

    def finish(self) -> Tuple[Dict[int, Tuple[List[Finding], Coverage]], Optional[List[tuple]]]:
        """({part index: (findings, coverage)} of the parts the helper reported, evidence-file problems or None
        when it did not report them). Each part is reported as soon as it is checked, so a helper that fails
        midway still leaves the parts it finished; a report that cannot be read is no report."""
        try:
            if self.proc.wait() != 0:
                _log_failure(self.proc.returncode, os.path.join(self.folder, "stderr.txt"))
            parts = {}
            for index in range(len(self.parts)):
                try:
                    findings, cov = _read(os.path.join(self.folder, f"part_{index}.marshal"))
                    if set(map(type, findings)) - {tuple} or set(map(len, findings)) - {len(Finding._fields)}:
                        continue
                    parts[index] = ([new_finding(t) for t in findings], Coverage(*cov))
                except (TypeError, ValueError):  # none (the part was not reached), or not what a helper writes
                    continue
            files = _read(os.path.join(self.folder, "files.marshal")) if self.check_files else None
            try:
                files = None if files is None else [tuple(t) for t in files if len(t) == 4]
            except TypeError:
                files = None
            return parts, files
        finally:
            self.stop()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _log_failure(status: int, stderr: str) -> None:
    """The helper's end in QGIS' log (the check itself goes on without it)."""
    try:
        with open(stderr, "rb") as fh:
            tail = fh.read()[-2000:].decode("utf-8", "replace")
        from qgis.core import Qgis, QgsMessageLog

        from ..core.messages import QT_TRANSLATE_NOOP, Msg
        from ..language import user_text

        said = Msg(QT_TRANSLATE_NOOP("weipian", "the check's helper process ended with status {status}; its parts "
                                                "were checked in this process: {tail}"), status=status, tail=tail)
        QgsMessageLog.logMessage(user_text(said), "卫片执法", Qgis.MessageLevel.Warning)
    except Exception:  # no log to write to: nothing is lost, the parts are checked here
        pass


def _read(path: str):
    try:
        with open(path, "rb") as fh:
            return marshal.loads(fh.read())  # marshal.load(fh) reads in small steps: ten times slower
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(path: str, value) -> None:
    with open(path + ".part", "wb") as fh:
        fh.write(marshal.dumps(value))
    os.replace(path + ".part", path)  # whole or not at all


def claim(folder: str, index: int) -> bool:
    """Take part `index` for this process: True once, for whichever process asks first."""
    try:
        os.close(os.open(os.path.join(folder, f"part_{index}"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        return True
    except FileExistsError:
        return False


def start(wp, profile, today, check_files: bool, parallel_from: Optional[int] = None) -> Optional[Helper]:
    """A helper for this check, or None: a small package, an office package (PostgreSQL works on its own
    server), a read inside a transaction (an export's one moment of the package: another connection would see
    another moment), or no Python to start it with."""
    from ..store.work_package import WorkPackage

    threshold = parallel_from if parallel_from is not None else _threshold()
    if type(wp) is not WorkPackage or not wp.reading_elsewhere_sees_this_moment() or (os.cpu_count() or 1) < 2:
        return None
    if wp.patch_count() < max(threshold, 2):
        return None
    from ..processes import child_environment, python_executable

    python = python_executable()
    first, *cuts = wp.codes_at([i / PARTS for i in range(PARTS)]) or [None]
    bounds = sorted(set(cuts) - {first})  # a part holds at least one patch
    if python is None or not bounds:
        return None
    parts: List[Part] = list(zip([None] + bounds, bounds + [None]))
    folder = tempfile.mkdtemp(prefix="weipian_check_")
    try:
        claim(folder, len(parts) - 1)  # the last part is the helper's whatever happens: it starts later
        job = os.path.join(folder, "job.pickle")
        with open(job, "wb") as fh:
            pickle.dump({"path": wp.path, "parts": parts, "profile": profile, "today": today,
                         "check_files": check_files, "parent": os.getpid()}, fh)
        with open(os.path.join(folder, "stderr.txt"), "wb") as err:
            proc = subprocess.Popen([python, "-m", "weipian_plugin.services.check_worker", job],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                    env=child_environment(qgis=False),
                                    creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # no console (Windows)
    except Exception:  # no helper: the parent checks everything itself
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return Helper(proc, folder, parts, check_files)


def check_with(helper: Helper, wp, profile, today, check_files: bool
               ) -> Tuple[List[Finding], Coverage, List[tuple]]:
    """The parent's side: parts from the first onwards until the helper's claims are reached, then the helper's
    answer; any part nobody reported (the helper failed) is checked here."""
    from ..core.rules import package_findings

    shared = wp.shared_photo_hashes()
    mine: Dict[int, Tuple[List[Finding], Coverage]] = {}
    for index, part in enumerate(helper.parts):
        if not helper.claim(index):
            break
        mine[index] = checked_part(wp, part, profile, today, shared)
    theirs, files = helper.finish()
    done = {**theirs, **mine}
    for index, part in enumerate(helper.parts):
        if index not in done:
            done[index] = checked_part(wp, part, profile, today, shared)
    if check_files and files is None:
        files = wp.evidence_file_problems()
    findings = _merged([done[index][0] for index in sorted(done)])
    findings = inserted(findings, package_findings(wp.meta_all(), profile))
    covs = [c for _, c in done.values()]
    coverage = Coverage(sum(c.total for c in covs), sum(c.verified for c in covs), sum(c.reviewed for c in covs),
                        sum(c.returned for c in covs), processes=2 if theirs else 1)
    return findings, coverage, files or []


def checked_part(wp, part: Part, profile, today, shared: Dict[str, set]) -> Tuple[List[Finding], Coverage]:
    """The findings and coverage of one part, with the whole package's shared photos (the package's own findings
    are added once, by the parent)."""
    from ..core.rules import evaluate

    return evaluate(wp.snapshot(part=part), profile, today, shared_hashes=shared, package=False)


def _merged(parts: List[List[Finding]], by_bisection: bool = sys.version_info >= (3, 10)) -> List[Finding]:
    """Findings of parts in code order, each part sorted (severity, patch, rule), into that order for all: by
    severity, each part's block of it in turn (a sort of 580,000 findings by their key took 0.2 s; the blocks'
    edges are found by bisection)."""
    severities = sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.get)
    runs: Dict[str, List[Finding]] = {severity: [] for severity in severities}
    for findings in parts:
        if by_bisection:  # bisect takes a key from Python 3.10
            edges = [0] + [bisect.bisect_left(findings, SEVERITY_ORDER[s], key=_rank) for s in severities[1:]]
            for severity, lo, hi in zip(severities, edges, edges[1:] + [len(findings)]):
                runs[severity] += findings[lo:hi]
        else:
            for severity, run in groupby(findings, itemgetter(2)):
                runs[severity].extend(run)
    return [f for run in runs.values() for f in run]


def _rank(finding: Finding) -> int:
    return SEVERITY_ORDER[finding[2]]


def _threshold() -> int:
    try:
        return int(os.environ.get(ENVIRONMENT_THRESHOLD) or PARALLEL_FROM)
    except ValueError:
        return PARALLEL_FROM


def _work(job_path: str) -> None:
    from ..core.collector import paused
    from ..store.work_package import WorkPackage

    with open(job_path, "rb") as fh:
        job = pickle.load(fh)  # our own parent's file, in its own private folder
    folder = os.path.dirname(job_path)

    def orphaned() -> bool:
        """The parent is gone (QGIS was killed): nobody will read or remove the reports. (Windows never gives
        an orphan another parent: there the helper ends its parts, a few seconds at most.)"""
        if os.getppid() == job["parent"]:
            return False
        shutil.rmtree(folder, ignore_errors=True)
        return True

    wp = WorkPackage.open_for_reading(job["path"])
    with paused():
        if orphaned():
            return
        if job["check_files"]:
            _write(os.path.join(folder, "files.marshal"), [tuple(p) for p in wp.evidence_file_problems()])
        shared = wp.shared_photo_hashes()
        last = len(job["parts"]) - 1
        for index in range(last, -1, -1):
            if orphaned() or index != last and not claim(folder, index):  # the last part was claimed for it
                break
            findings, cov = checked_part(wp, job["parts"][index], job["profile"], job["today"], shared)
            _write(os.path.join(folder, f"part_{index}.marshal"),
                   ([tuple(f) for f in findings], [cov.total, cov.verified, cov.reviewed, cov.returned]))
        orphaned()


if __name__ == "__main__":
    _work(sys.argv[1])
    sys.stdout.flush()
    os._exit(0)  # everything is written: freeing a county's objects one by one would only keep the parent waiting
