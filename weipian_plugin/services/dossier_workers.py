"""Dossiers rendered by several processes at once: a QGIS layout renders in its process' main thread only, so
the cores are used by processes, each with its own QgsApplication. The parent reads everything from its own
moment of the package and hands each worker its patches (data, not the package: a worker never sees a change
made after the export began); each worker writes PDFs into the export's work folder and says which it finished.

    python -m weipian_plugin.services.dossier_workers JOBS.pickle

The jobs file is written by the parent into its own work folder and read back by its own worker only.
"""
from __future__ import annotations

import collections
import json
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from ..core.collector import paused, running_paused

MIN_PER_WORKER = 20  # below this a worker's QGIS start-up costs more than it saves


def worker_count(patches: int, wanted: Optional[int] = None) -> int:
    """How many processes render `patches` dossiers: `wanted`, or one a core up to four, never more than the
    work is worth."""
    cores = wanted if wanted and wanted > 0 else min(os.cpu_count() or 1, 4)
    return max(1, min(cores, patches // MIN_PER_WORKER))


class WorkerFailed(Exception):
    """A dossier worker stopped: the message names the patch and what went wrong."""

    def __init__(self, detail: str):
        from ..core.messages import QT_TRANSLATE_NOOP, Msg

        super().__init__(Msg(QT_TRANSLATE_NOOP("weipian", "a dossier could not be written: {detail}"),
                             detail=detail.strip() or "?"))


def render_parallel(jobs: Sequence[dict], setup: dict, workers: int, folder: str,
                    cancelled: Callable[[], bool]) -> Iterator[Tuple[dict, int]]:
    """Yields (job, pages) as the workers finish them, in the order they finish. jobs: dicts with "pdf" and the
    DossierWriter.write arguments; setup: imagery sources, extra imagery, profile. Raises Cancelled (the
    workers stopped) or WorkerFailed (naming the patch)."""
    from ..processes import child_environment, python_executable
    from .package_zip import Cancelled

    python = python_executable()
    if python is None:
        raise WorkerFailed("no Python found to start dossier workers")
    slices = [list(range(k, len(jobs), workers)) for k in range(workers)]
    events: "queue.Queue[Tuple[int, Optional[dict]]]" = queue.Queue()
    procs: List[subprocess.Popen] = []
    tails: List[collections.deque] = []  # the last lines each worker wrote to stderr (read all along: a full pipe
    # would stop the worker)
    with paused():  # the reader threads start paused (core/collector); each keeps its own pause until it ends
        try:
            for k, indices in enumerate(slices):
                path = os.path.join(folder, f"dossier_jobs_{k}.pickle")
                with open(path, "wb") as fh:
                    pickle.dump({"setup": setup, "jobs": [jobs[i] for i in indices]}, fh)
                proc = subprocess.Popen([python, "-m", "weipian_plugin.services.dossier_workers", path],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=child_environment())
                procs.append(proc)
                tails.append(collections.deque(maxlen=40))
                threading.Thread(target=running_paused(_listen), args=(k, proc, events), daemon=True).start()
                threading.Thread(target=running_paused(_drain), args=(proc, tails[-1]), daemon=True).start()
            running = len(procs)
            while running:
                if cancelled():
                    raise Cancelled()
                try:
                    k, event = events.get(timeout=0.2)
                except queue.Empty:
                    continue
                if event is None:  # that worker's output ended
                    running -= 1
                    procs[k].wait()
                    continue
                if "error" in event:
                    raise WorkerFailed(str(event["error"]))
                yield jobs[slices[k][event["done"]]], int(event["pages"])
            failed = [k for k, p in enumerate(procs) if p.returncode != 0]
            if failed:
                k = failed[0]
                time.sleep(0.1)  # the drain thread's last lines
                text = b"".join(tails[k]).decode("utf-8", "replace")[-1000:]
                raise WorkerFailed(f"process ended with status {procs[k].returncode}: {text}")
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
                    p.wait()


def _listen(k: int, proc: subprocess.Popen, events: "queue.Queue") -> None:
    with proc.stdout:  # closed when the worker's output ends
        for raw in proc.stdout:
            try:
                event = json.loads(raw.decode("utf-8"))
            except ValueError:
                continue  # QGIS' own chatter
            if isinstance(event, dict) and ("done" in event or "error" in event):
                events.put((k, event))
    events.put((k, None))


_KEEP: list = []


def _drain(proc: subprocess.Popen, tail) -> None:
    with proc.stderr:
        for raw in proc.stderr:
            tail.append(raw)


def _work(path: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    _KEEP.append(QgsApplication([], False))  # never destroyed: QGIS 3.40 crashes tearing it down; os._exit ends us
    QgsApplication.initQgis()
    from .dossier import DossierWriter
    from .imagery import raster_layers

    with open(path, "rb") as fh:
        work: Dict = pickle.load(fh)  # our own parent's file, in its own work folder
    setup = work["setup"]
    writer = DossierWriter(imagery=raster_layers(setup["sources"], setup["extra"]), profile=setup["profile"])
    for i, job in enumerate(work["jobs"]):
        try:
            pages = writer.write(job["pdf"], job["patch"], job["verification"], job["reviews"], job["evidence"],
                                 job["base"], job["prefix"])
        except Exception as exc:  # reported with the patch; the parent stops the export
            print(json.dumps({"error": f"{job['patch'].code}: {type(exc).__name__}: {exc}"}), flush=True)
            return 1
        print(json.dumps({"done": i, "pages": pages}), flush=True)
    return 0


if __name__ == "__main__":
    status = _work(sys.argv[1])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)  # no interpreter teardown: QGIS 3.40 can crash destroying its application at exit
