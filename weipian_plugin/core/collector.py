"""Python's cyclic garbage collector, kept out of the plugin's worker threads.

The collector runs in whichever thread happens to allocate when its threshold is reached. Run in a worker thread
(a QgsTask checking the package, a folder of photos being attached, an algorithm run from Processing's dialog, a
thread reading a child process' output) it may find a Qt widget the main thread left as garbage and destroy it
there, in the wrong thread; that ends QGIS with a segmentation fault (seen once in CI, QGIS 3.40). So the collector is
paused for the whole process from before a worker starts (a hold taken in the main thread) until the main thread
sees it done, and while a helper thread lives (held by the thread that starts and joins it). When the last pause
ends in another thread, the main thread resumes the collector through the function the GUI registered
(`set_main_thread_caller`, a queued call); without one, the main thread resumes it the next time it takes or ends a
pause. A thread other than the main one never turns the collector on: after a pause the allocations counted
are far past the threshold, so the first allocation in that thread would start a collection there (a test's four
desks, run as threads, did).

The pause also makes large checks faster (hundreds of thousands of findings, none of them cycles)."""
from __future__ import annotations

import contextlib
import gc
import threading
from typing import Callable, Hashable, Optional, Set

_lock = threading.Lock()
_holders = 0  # pauses in force now: workers running, and holds taken in the main thread for workers to come
_holds: Set[Hashable] = set()
_resume_to = True  # whether the collector was enabled before the first pause
_pending = False  # the last pause ended in another thread, with no main-thread caller: the main thread resumes
_main_thread_caller: Optional[Callable[[Callable[[], None]], None]] = None


def set_main_thread_caller(caller: Optional[Callable[[Callable[[], None]], None]]) -> None:
    """caller(fn) runs fn in the main thread soon (the GUI's queued call); None: no GUI."""
    global _main_thread_caller
    _main_thread_caller = caller


def in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _pause() -> None:
    global _holders, _resume_to
    with _lock:
        if _holders == 0:
            if not _pending:  # else it is off only because no main thread has resumed it yet
                _resume_to = gc.isenabled()
            gc.disable()
        _holders += 1


def _unpause() -> None:
    global _holders, _pending
    with _lock:
        _holders -= 1
        last = _holders == 0
        main = in_main_thread()
        caller = _main_thread_caller
        if last and not main and caller is None:
            _pending = True
    if last and main:
        resume_when_idle()
    elif last and caller is not None:
        caller(resume_when_idle)


def resume_when_idle() -> None:
    """Enable the collector again if no pause is in force (in the main thread only)."""
    global _pending
    if not in_main_thread():
        return
    with _lock:
        if _holders == 0:
            _pending = False
            if _resume_to and not gc.isenabled():
                gc.enable()


def hold(key: Hashable) -> None:
    """Pause the collector in the main thread, before a worker starts (even a worker's first line of Python may
    set off a collection): a QgsTask when it is made, an algorithm when Processing prepares it. Released by
    release(key), in the main thread, when the worker is done."""
    if key not in _holds:
        _holds.add(key)
        _pause()


def release(key: Hashable) -> None:
    if key in _holds:
        _holds.discard(key)
        _unpause()


def release_holds(kind: str) -> None:
    """Release every hold whose key is (kind, …): QGIS' task manager has finished all its tasks, so no worker of
    that kind runs any more (an algorithm whose task failed gets no post-processing to release its hold)."""
    for key in [k for k in _holds if isinstance(k, tuple) and k and k[0] == kind]:
        release(key)


@contextlib.contextmanager
def paused():
    """Run Python with the collector paused for the whole process (nests, any thread): a worker's own work, or a
    helper thread's life, held by the thread that starts and joins it."""
    _pause()
    try:
        yield
    finally:
        _unpause()


def running_paused(fn: Callable) -> Callable:
    """fn, run with the collector paused (a thread's target, an algorithm's processAlgorithm)."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with paused():
            return fn(*args, **kwargs)

    return wrapper
