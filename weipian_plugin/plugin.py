"""The QGIS plugin object: registers the Processing provider (the dock comes with its own issue)."""
import os

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from .paths import i18n_dir


def install_translator():
    """Load i18n/weipian_<locale>.qm for the QGIS locale; returns the translator (or None) to remove later."""
    locale = (QgsSettings().value("locale/userLocale", "") or "en")[:5]
    for name in (locale, locale[:2]):
        path = os.path.join(i18n_dir(), f"weipian_{name}.qm")
        if os.path.exists(path):
            translator = QTranslator()
            if translator.load(path):
                QCoreApplication.installTranslator(translator)
                return translator
    return None


class WeipianPlugin:
    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        self.translator = install_translator()

    def initProcessing(self):  # noqa: N802 - QGIS API name
        from .processing.provider import WeipianProvider

        if self.provider is None:
            self.provider = WeipianProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API name
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
