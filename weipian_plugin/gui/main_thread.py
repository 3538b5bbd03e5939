"""A call run in QGIS' main thread, from any thread: the plugin's worker threads hand Python's cyclic collector
back to the main thread this way when they are done (core/collector)."""
from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

from ..core import collector


class _MainThreadCaller(QObject):
    call = pyqtSignal(object)  # emitted in a worker, delivered in the main thread's event loop (queued)

    def __init__(self):
        super().__init__()
        self.call.connect(self._run)

    def _run(self, fn) -> None:
        fn()


_CALLER = []


def install() -> None:
    """Install the main thread's caller once (from the main thread: the plugin's start, a dock)."""
    if _CALLER or QCoreApplication.instance() is None or not collector.in_main_thread():
        return
    _CALLER.append(_MainThreadCaller())
    collector.set_main_thread_caller(_CALLER[0].call.emit)
    # an algorithm run from Processing's dialog that failed is not post-processed: its hold ends here
    QgsApplication.taskManager().allTasksFinished.connect(lambda: collector.release_holds("algorithm"))
