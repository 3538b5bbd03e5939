"""Long work the dock starts: an export in a process of its own (processing/child.py) shown as a row with what
runs, how far it is and a cancel button; or an algorithm in its own Processing dialog, filled in. Either way the
dock hears `finished(alg_id, ok, result)` and `message(text, level)`; it never waits."""
from __future__ import annotations

from typing import Callable, Optional

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class JobRunner(QWidget):
    finished = pyqtSignal(str, bool, object)  # algorithm id, ok, its result (a dict)
    message = pyqtSignal(str, object)  # text, Qgis.MessageLevel
    written = pyqtSignal(str)  # the file an export wrote

    def __init__(self, before: Optional[Callable[[], None]] = None, parent=None):
        """before: run before any job starts (the dock saves a basis being typed)."""
        super().__init__(parent)
        self._before = before or (lambda: None)
        self.job = None  # the child process of the export under way
        self.last_job = None  # (ok, result, text) of the last one
        self.dialog = None  # the last algorithm dialog opened
        self.cancelling = False  # the user cancelled the export under way: its end is no failure
        self.setObjectName("job_row")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.job_label = QLabel()
        self.job_bar = QProgressBar()
        self.job_bar.setObjectName("job_bar")
        self.job_bar.setMaximumHeight(18)
        self.job_cancel = QPushButton(self.tr("Cancel"))
        self.job_cancel.setObjectName("job_cancel")
        self.job_cancel.clicked.connect(self.cancel)
        row.addWidget(self.job_label)
        row.addWidget(self.job_bar, 1)
        row.addWidget(self.job_cancel)
        self.setVisible(False)

    def tr(self, text):
        return QCoreApplication.translate("JobRunner", text)

    def running(self) -> bool:
        return self.job is not None and self.job.running()

    def run_in_child(self, alg_id: str, params: dict, title: str):
        """Long work in a process of its own; where no Python can be started for it, the algorithm's own dialog."""
        from .child_run import ChildRun

        if self.running():
            self.message.emit(self.tr("Another export is still running"), Qgis.MessageLevel.Warning)
            return None
        self._before()
        job = ChildRun(alg_id, params, self)
        job.progress.connect(lambda value: self.job_bar.setValue(int(value)))
        job.message.connect(self._job_message)
        job.finished.connect(lambda ok, result, text, a=alg_id, o=params.get("OUTPUT"): self._job_done(a, ok, result,
                                                                                                       text, o))
        if not job.start():
            self.message.emit(self.tr("Could not start a separate process; running in QGIS itself"),
                              Qgis.MessageLevel.Warning)
            return self.run_algorithm(alg_id, params)
        self.job = job
        self.job_label.setText(title)
        self.job_bar.setValue(0)
        self.setVisible(True)
        self.job_cancel.setEnabled(True)
        return job

    def cancel(self) -> None:
        if self.running():
            self.cancelling = True
            self.job_cancel.setEnabled(False)
            self.job_label.setText(self.tr("Cancelling…"))
            self.job.cancel()

    def _job_message(self, kind: str, text: str) -> None:
        if kind == "warning":
            self.message.emit(text, Qgis.MessageLevel.Warning)

    def _job_done(self, alg_id: str, ok: bool, result: dict, text: str, out: Optional[str]) -> None:
        self.setVisible(False)
        self.last_job = (ok, result, text)
        cancelled, self.cancelling = self.cancelling, False
        if ok:
            self.written.emit(result.get("OUTPUT") or out or "")
        elif cancelled:  # a cancel is a cancel, not a failure: said plainly, in no alarm colour
            self.message.emit(self.tr("Export cancelled: nothing was written"), Qgis.MessageLevel.Info)
        else:
            self.message.emit(self.tr("Export failed: {}").format(text or self.tr("stopped")),
                              Qgis.MessageLevel.Critical)
        self.finished.emit(alg_id, ok, result)

    def run_algorithm(self, alg_id: str, params: dict):
        """The algorithm's own Processing dialog, filled in; `finished` when it has run."""
        from processing.gui.AlgorithmDialog import AlgorithmDialog

        self._before()
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        if alg is None:
            self.message.emit(self.tr("The algorithm {} is not available").format(alg_id), Qgis.MessageLevel.Critical)
            return None
        dialog = AlgorithmDialog(alg, parent=self.window())
        dialog.setParameters(params)
        dialog.algorithmFinished.connect(lambda ok, result, a=alg_id: self.finished.emit(a, ok, result))
        dialog.show()
        self.dialog = dialog
        return dialog
