"""Run an algorithm in a child process (processing/child.py) and follow it from the GUI: progress, messages,
cancel, the result; QGIS' window stays live the whole time (QProcess, no thread of ours touches the package)."""
from __future__ import annotations

import json
from typing import List, Optional

from qgis.PyQt.QtCore import QObject, QProcess, QProcessEnvironment, pyqtSignal

from ..language import user_locale
from ..processes import child_environment, python_executable


class ChildRun(QObject):
    """One algorithm run in a child process. Signals carry what it says; finished(ok, result, message)."""

    progress = pyqtSignal(float)
    message = pyqtSignal(str, str)  # kind (info, warning, error), text
    finished = pyqtSignal(bool, dict, str)

    def __init__(self, alg_id: str, params: dict, parent=None):
        super().__init__(parent)
        self.alg_id, self.params = alg_id, params
        self.process = QProcess(self)
        self.errors: List[str] = []
        self._buffer = b""
        self._result: Optional[dict] = None
        self._failed = ""
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._done)

    def start(self) -> bool:
        python = python_executable()
        if python is None:
            return False
        env = QProcessEnvironment()
        for key, value in child_environment({"WEIPIAN_LOCALE": user_locale()}).items():
            env.insert(key, value)
        self.process.setProcessEnvironment(env)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self.process.start(python, ["-m", "weipian_plugin.processing.child", self.alg_id])
        if not self.process.waitForStarted(10000):
            return False
        self.process.write((json.dumps(self.params, ensure_ascii=False) + "\n").encode("utf-8"))
        return True

    def cancel(self) -> None:
        """Asks the algorithm to stop (it leaves no package behind); a child that does not listen is killed."""
        if self.process.state() == QProcess.ProcessState.Running:
            self.process.write(b"cancel\n")
            if not self.process.waitForFinished(15000):
                self.process.kill()

    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def _read(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            try:
                obj = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue  # QGIS' own chatter on stdout
            if not isinstance(obj, dict):
                continue
            if "progress" in obj:
                self.progress.emit(float(obj["progress"]))
            for kind in ("info", "warning", "error"):
                if kind in obj:
                    if kind == "error":
                        self.errors.append(str(obj[kind]))
                    self.message.emit(kind, str(obj[kind]))
            if "result" in obj and isinstance(obj["result"], dict):
                self._result = obj["result"]
            if "failed" in obj:
                self._failed = str(obj["failed"])

    def _done(self, *_):
        self._read()
        ok = self._result is not None and self.process.exitCode() == 0
        text = self._failed or "\n".join(self.errors)
        if not ok and not text:
            text = bytes(self.process.readAllStandardError()).decode("utf-8", "replace")[-2000:]
        self.finished.emit(ok, self._result or {}, text)
