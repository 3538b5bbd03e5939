"""Click a patch on the map to select it in the list."""
from qgis.gui import QgsMapToolIdentifyFeature
from qgis.PyQt.QtCore import pyqtSignal


class PatchPickTool(QgsMapToolIdentifyFeature):
    patch_picked = pyqtSignal(str)

    def __init__(self, canvas, layer):
        super().__init__(canvas, layer)
        self.featureIdentified.connect(self._identified)

    def _identified(self, feature):
        code = feature["code"]
        if code:
            self.patch_picked.emit(str(code))
