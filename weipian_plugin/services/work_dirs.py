"""Temporary work folders (unpacking, importing, exporting) that a killed run does not leave behind for good.

Each folder is made beside its target (same disk, so the final rename is atomic) and names its owner: the
process id and that process's start time. Before a new one is made, folders of the same kind whose owner is gone
are removed. A folder without an owner file is removed once it is a day old.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from typing import Optional

OWNER = ".weipian-owner"
PREFIXES = ("weipian_import_", "weipian_upload_", "weipian_return_", "weipian_assign_", "weipian_unpack_")
ORPHAN_AGE_S = 24 * 3600


def _start_time(pid: int) -> Optional[str]:
    """The process's start time (Linux /proc), to tell a process from a later one with the same id."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return fields[19].decode()
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: Optional[str]) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    current = _start_time(pid)
    return started is None or current is None or current == started


def sweep(parent: str) -> int:
    """Remove work folders under parent whose owner is gone; returns how many."""
    removed = 0
    try:
        names = os.listdir(parent)
    except OSError:
        return 0
    for name in names:
        if not name.startswith(PREFIXES):
            continue
        folder = os.path.join(parent, name)
        if not os.path.isdir(folder) or os.path.islink(folder):
            continue
        try:
            with open(os.path.join(folder, OWNER), encoding="ascii") as fh:
                pid_text, _, started = fh.read().strip().partition(" ")
            stale = not _alive(int(pid_text), started or None)
        except (OSError, ValueError):
            try:
                stale = time.time() - os.path.getmtime(folder) > ORPHAN_AGE_S
            except OSError:
                stale = False
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed += not os.path.exists(folder)
    return removed


def make(prefix: str, parent: Optional[str]) -> str:
    """A new work folder under parent (the system's temporary folder without one), after sweeping stale ones."""
    assert prefix in PREFIXES, prefix
    sweep(parent or tempfile.gettempdir())
    folder = tempfile.mkdtemp(prefix=prefix, dir=parent)
    pid = os.getpid()
    with open(os.path.join(folder, OWNER), "w", encoding="ascii") as fh:
        fh.write(f"{pid} {_start_time(pid) or ''}")
    return folder
