"""Run one of the plugin's algorithms in a process of its own, so a long export (the upload package with its
dossiers: minutes for a county) never freezes the QGIS window that started it.

    python -m weipian_plugin.processing.child weipian:export_upload_package   < params (one JSON line)

The parameters come as one JSON line on stdin; a later line `cancel` on stdin cancels (the algorithm stops at
its next check and leaves no package behind). Everything the dock needs comes back on stdout, one JSON object a
line: {"progress": 42.0}, {"info": "…"}, {"warning": "…"}, {"error": "…"}, and last {"result": {…}} or
{"failed": "…"}. Messages are in the language the parent passed in WEIPIAN_LOCALE.
"""
from __future__ import annotations

import json
import os
import sys
import threading

_KEEP: list = []  # the application, translator and provider live until os._exit


MAX_PARAMS = 8 << 20  # one line of parameters: a path list, never megabytes of JSON


def _say(**obj) -> None:
    # ASCII JSON: any text (a file name with bytes that are no UTF-8, carried as surrogates) goes out escaped,
    # never as bytes stdout cannot encode
    sys.stdout.write(json.dumps(obj, ensure_ascii=True, default=str) + "\n")
    sys.stdout.flush()


def read_params(stream) -> dict:
    """The parameters: one JSON object on one line; anything else refused with the reason (ValueError)."""
    line = stream.readline(MAX_PARAMS + 1)
    if len(line) > MAX_PARAMS:
        raise ValueError("longer than the limit")
    try:
        params = json.loads(line or "{}")
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(params, dict):
        raise ValueError("parameters must be a JSON object")
    return params


def main(argv) -> int:
    if len(argv) != 2 or not argv[1].startswith("weipian:"):
        _say(failed="usage: python -m weipian_plugin.processing.child weipian:<algorithm>  < params.json")
        return 2
    try:
        params = read_params(sys.stdin)
    except ValueError as exc:  # not JSON, not UTF-8, too deep, too long
        _say(failed=f"parameters: {exc}")
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..store import pg_connect

    # the parent resolved the connection (an authcfg's password included) and handed it over through stdin only
    pg_connect.PASSWORD_FROM_PARENT[0] = True
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication

    _KEEP.append(QgsApplication([], False))  # never destroyed: QGIS 3.40 crashes tearing it down; os._exit ends us
    QgsApplication.initQgis()
    from ..language import install_translator
    from .provider import WeipianProvider

    _KEEP.append(install_translator())
    provider = WeipianProvider()
    _KEEP.append(provider)
    QgsApplication.processingRegistry().addProvider(provider)
    alg = QgsApplication.processingRegistry().createAlgorithmById(argv[1])
    if alg is None:
        _say(failed=QCoreApplication.translate("ChildRun", "The algorithm {} is not available").format(argv[1]))
        return 2

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, text):  # noqa: N802 - QGIS API name
            _say(info=text)

        def pushWarning(self, text):  # noqa: N802
            _say(warning=text)

        def reportError(self, text, fatal=False):  # noqa: N802
            _say(error=text)

        def setProgressText(self, text):  # noqa: N802
            _say(info=text)

    feedback = Feedback()
    last = [-1.0]

    def progress(value):
        if value - last[0] >= 0.5 or value >= 100:  # a line per half percent is plenty
            last[0] = value
            _say(progress=round(value, 1))

    feedback.progressChanged.connect(progress)

    def listen():
        try:
            for line in sys.stdin:
                if line.strip() == "cancel":
                    feedback.cancel()
                    return
        except (OSError, ValueError):  # bytes that are no text on stdin: nothing to listen to
            return

    threading.Thread(target=listen, daemon=True).start()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    results, ok = alg.run(params, context, feedback)
    if ok and not feedback.isCanceled():
        _say(result={k: v for k, v in (results or {}).items() if isinstance(v, (str, int, float, bool, type(None)))})
        code = 0
    else:
        _say(failed=QCoreApplication.translate("ChildRun", "cancelled") if feedback.isCanceled() else "")
        code = 1
    return code


if __name__ == "__main__":
    status = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)  # no interpreter teardown: QGIS 3.40 can crash destroying its application at exit
