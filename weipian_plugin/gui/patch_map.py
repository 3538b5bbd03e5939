"""The map side of the dock: the chosen patch drawn as a bold outline over its state colour, zooming to a patch
or to the whole package, and picking a patch on the map."""
from __future__ import annotations

from qgis.core import QgsProject, QgsWkbTypes
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtGui import QColor

from .map_tool import PatchPickTool


class PatchMap(QObject):
    picked = pyqtSignal(str)  # a patch code picked on the map

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.outline = None
        self.pick_tool = None

    def canvas(self):
        if self.iface is None or not hasattr(self.iface, "mapCanvas"):
            return None
        return self.iface.mapCanvas()

    def show_outline(self, wkb, layer) -> None:
        """The outline of a patch (lon/lat WKB) over the layer it belongs to (a selection would paint over it)."""
        from qgis.core import QgsGeometry
        from qgis.gui import QgsRubberBand

        canvas = self.canvas()
        if canvas is None:
            return
        if self.outline is None:
            self.outline = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
            self.outline.setFillColor(QColor(0, 0, 0, 0))
            self.outline.setStrokeColor(QColor("#00e5ff"))
            self.outline.setWidth(3)
        geom = QgsGeometry()
        if wkb:
            geom.fromWkb(wkb)
        self.outline.setToGeometry(geom, layer)

    def clear(self) -> None:
        if self.outline is not None:
            self.outline.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        self.pick(False, None)

    def zoom_to_feature(self, layer, fid) -> None:
        canvas = self.canvas()
        if fid is None or canvas is None or layer is None:
            return
        canvas.zoomToFeatureIds(layer, [fid])
        canvas.zoomScale(max(canvas.scale() * 2.5, 2000))
        canvas.refresh()

    def zoom_to_layer(self, layer) -> None:
        from qgis.core import QgsCoordinateTransform

        canvas = self.canvas()
        if canvas is None or layer is None:
            return
        extent = layer.extent()
        if extent.isEmpty():
            return
        if canvas.mapSettings().destinationCrs() != QgsProject.instance().crs():
            canvas.setDestinationCrs(QgsProject.instance().crs())  # a new project took the package's CRS
        to_canvas = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
        box = to_canvas.transformBoundingBox(extent)
        box.scale(1.05)
        canvas.setExtent(box)
        canvas.refresh()

    def pick(self, on: bool, layer) -> None:
        """The map tool that picks a patch (on), or the user's own tool back (off)."""
        canvas = self.canvas()
        if canvas is None:
            return
        if on and layer is not None:
            self.pick_tool = PatchPickTool(canvas, layer)
            self.pick_tool.patch_picked.connect(self.picked)
            canvas.setMapTool(self.pick_tool)
        elif self.pick_tool is not None:
            canvas.unsetMapTool(self.pick_tool)
            self.pick_tool = None
