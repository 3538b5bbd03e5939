"""The user manual (docs/manual/index.md, Chinese, with the pictures `make screenshots` takes), shown inside QGIS
by the dock's ？ button or F1: Qt renders the Markdown itself, the pictures beside it."""
from __future__ import annotations

import os

from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ..paths import manual_path


class ManualDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("manual")
        self.setWindowTitle(QCoreApplication.translate("Manual", "卫片执法 user manual"))
        self.resize(900, 760)
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("manual_text")
        self.browser.setOpenExternalLinks(True)
        path = manual_path()
        self.browser.setSearchPaths([os.path.dirname(path)])
        if os.path.isfile(path):
            self.browser.setSource(QUrl.fromLocalFile(path))
        else:
            self.browser.setPlainText(QCoreApplication.translate("Manual", "The manual is missing: {}").format(path))
        lay.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)


_OPEN = []


def show_manual(parent=None) -> ManualDialog:
    """One manual window, raised when asked again."""
    from qgis.PyQt import sip

    if not _OPEN or sip.isdeleted(_OPEN[0]):
        _OPEN[:] = [ManualDialog(parent)]
    _OPEN[0].show()
    _OPEN[0].raise_()
    return _OPEN[0]
