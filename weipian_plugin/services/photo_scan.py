"""Find image-like files under a folder and read them all, on every core (hashing releases the GIL)."""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterator, List, Optional

from ..core.collector import paused
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.photo_reading import PhotoReading, is_image_candidate, read_photo


class Cancelled(Exception):
    pass


def find_images(folder: str, recursive: bool = True) -> List[str]:
    if not os.path.isdir(folder):
        raise FileNotFoundError(Msg(QT_TRANSLATE_NOOP("weipian", "{folder}: no such folder"), folder=folder))
    found: List[str] = []
    if recursive:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            found.extend(os.path.join(root, f) for f in sorted(files) if is_image_candidate(f))
    else:
        found = [os.path.join(folder, f) for f in sorted(os.listdir(folder))
                 if is_image_candidate(f) and os.path.isfile(os.path.join(folder, f))]
    return found


def read_all(paths: List[str], progress: Optional[Callable[[float], None]] = None,
             cancelled: Optional[Callable[[], bool]] = None, workers: Optional[int] = None) -> Iterator[PhotoReading]:
    """Readings in the order of paths; raises Cancelled when cancelled() turns true. Python's collector is paused
    while the pool's threads live (core/collector: a collection there may destroy Qt objects in the wrong
    thread)."""
    workers = workers or max(2, os.cpu_count() or 2)
    total = max(1, len(paths))
    window = workers * 4  # bounded look-ahead keeps memory flat on large folders
    remaining = iter(paths)
    with paused(), ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()

        def refill() -> None:
            for path in remaining:
                pending.append(pool.submit(read_photo, path))
                if len(pending) >= window:
                    return

        refill()
        done = 0
        while pending:
            if cancelled and cancelled():
                for f in pending:
                    f.cancel()
                raise Cancelled()
            reading = pending.popleft().result()
            refill()
            done += 1
            if progress:
                progress(100.0 * done / total)
            yield reading
