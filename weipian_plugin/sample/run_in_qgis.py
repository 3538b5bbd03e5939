"""`make run`: QGIS starts with the plugin enabled and the dock open on the demo package (qgis --code)."""
import os

import qgis.utils
from qgis.PyQt.QtCore import QTimer


def _open():
    plugin = qgis.utils.plugins.get("weipian_plugin")
    if plugin is None:
        return
    plugin.action.trigger()
    package = os.environ.get("WEIPIAN_PACKAGE")
    if package:
        plugin.dock.open_package(package)


QTimer.singleShot(300, _open)
