"""What the dock says in QGIS' message bar: news goes after a few seconds; an error or a warning stays until the
user closes it, and a long one shows its first line with the whole text behind 更多 (never clipped); a file
written says where, with a button that opens its folder."""
from __future__ import annotations

import os

from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QPushButton

TITLE = "卫片执法"
SHORT = 100  # characters that fit the bar's line at a laptop's width


def _bar(iface):
    return iface.messageBar() if iface is not None and hasattr(iface, "messageBar") else None


def _short(text: str) -> str:
    """One line: the start (what it is about: a file, a connection) and the end (the reason), the middle left
    to 更多."""
    line = " ".join(text.split())
    if len(line) <= SHORT:
        return line
    head = SHORT * 2 // 5
    return line[:head] + " … " + line[-(SHORT - head - 3):]


def say(iface, text: str, level=Qgis.MessageLevel.Info):
    """Into QGIS' message bar; returns the bar's item (None without a bar)."""
    bar = _bar(iface)
    if bar is None:
        return None
    stays = level in (Qgis.MessageLevel.Critical, Qgis.MessageLevel.Warning)
    duration = 0 if stays else 6
    if len(text) > SHORT or "\n" in text:
        bar.pushMessage(TITLE, _short(text), text, level, duration)  # 更多 shows all of it
    else:
        bar.pushMessage(TITLE, text, level, duration)
    return bar.currentItem()


def say_written(iface, path: str):
    """A file written: where, and a button to open its folder in the system's file manager."""
    bar = _bar(iface)
    if bar is None:
        return None
    item = bar.createMessage(TITLE, QCoreApplication.translate("Messages", "Written: {}").format(path))
    button = QPushButton(QCoreApplication.translate("Messages", "Open containing folder"))
    button.setObjectName("open_folder")
    folder = os.path.dirname(os.path.abspath(path))
    button.clicked.connect(lambda _c=False: QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
    item.layout().addWidget(button)
    bar.pushWidget(item, Qgis.MessageLevel.Success, 0)  # stays: the user may want the folder later
    return item
