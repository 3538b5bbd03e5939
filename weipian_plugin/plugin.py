"""The QGIS plugin object: registers the Processing provider (the dock comes with its own issue)."""
from qgis.core import QgsApplication


class WeipianPlugin:
    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None

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
