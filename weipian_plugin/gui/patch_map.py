"""The map side of the dock: the package's layers (patches by state, photos with their view direction, the
batch's imagery), the chosen patch drawn as a bold outline over its state colour, zooming to a patch or to the
whole package, and picking a patch on the map."""
from __future__ import annotations

from qgis.core import QgsProject, QgsWkbTypes
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtGui import QColor

from .layers import add_package_layers, remove_package_layers
from .map_tool import PatchPickTool


class PatchMap(QObject):
    picked = pyqtSignal(str)  # a patch code picked on the map

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.outline = None
        self.pick_tool = None
        self.group = self.patch_layer = self.photo_layer = None
        self.phases = []  # (label, raster layer) under the patches: the batch's before and after, or the base map

    def show_package(self, wp, imagery_setting=None, sources=None) -> None:
        """The package's layers in their group (the office's through `sources`) with the imagery under them, the
        map on the whole package."""
        self.patch_layer, self.photo_layer, self.group = add_package_layers(wp.path, sources=sources)
        self.phases = []
        self.set_imagery(wp, imagery_setting)
        self.zoom_to_layer(self.patch_layer)

    def set_imagery(self, wp, imagery_setting=None) -> None:
        """The batch's imagery (or the base map) under the patches; recorded anew, the old rasters leave the project
        first."""
        from ..services.imagery import batch_imagery_sources, raster_layers

        if self.group is None:
            return
        QgsProject.instance().removeMapLayers([layer.id() for _label, layer in self.phases])
        self.phases = raster_layers(batch_imagery_sources(wp), imagery_setting or None)
        for _label, layer in self.phases:
            layer.setCustomProperty("weipian/package", wp.path)
            QgsProject.instance().addMapLayer(layer, False)
            self.group.addLayer(layer)
        if len(self.phases) == 2:
            self.show_phase("后时相")

    def shown_phase(self) -> str:
        """The label of the imagery drawn now (前时相, 后时相, 底图), or empty."""
        nodes = self._phase_nodes()
        return next((label for label, node in nodes if node.isVisible()), "")

    def show_phase(self, label: str) -> None:
        for name, node in self._phase_nodes():
            node.setItemVisibilityChecked(name == label)

    def flip_phase(self) -> str:
        """The other of the batch's two images on the map; returns the one shown now."""
        labels = [label for label, _node in self._phase_nodes()]
        if len(labels) == 2:
            self.show_phase(labels[1] if self.shown_phase() == labels[0] else labels[0])
        return self.shown_phase()

    def _phase_nodes(self):
        if self.group is None:
            return []
        out = []
        for label, layer in self.phases:
            node = self.group.findLayer(layer.id())
            if node is not None:
                out.append((label, node))
        return out

    def remove_package(self) -> None:
        if self.group is not None:
            remove_package_layers(self.group)
        self.group = self.patch_layer = self.photo_layer = None
        self.phases = []
        self.clear()

    def repaint(self, reload_patches: bool = False, reload_photos: bool = True) -> None:
        """Draw the layers again (read again from the store where asked)."""
        for layer, reload in ((self.patch_layer, reload_patches), (self.photo_layer, reload_photos)):
            if layer is not None:
                if reload:
                    layer.dataProvider().reloadData()
                layer.triggerRepaint()

    def show_patch(self, wp, code: str, zoom: bool) -> None:
        if self.patch_layer is None or self.iface is None:
            return
        self.show_outline(wp.patch(code).wkb, self.patch_layer)
        if zoom:
            self.zoom_to_feature(self.patch_layer, wp.patch_fid(code))

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
        self.pick(False)

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

    def pick(self, on: bool, layer=None) -> None:
        """The map tool that picks a patch (on), or the user's own tool back (off)."""
        canvas = self.canvas()
        layer = layer or self.patch_layer
        if canvas is None:
            return
        if on and layer is not None:
            self.pick_tool = PatchPickTool(canvas, layer)
            self.pick_tool.patch_picked.connect(self.picked)
            canvas.setMapTool(self.pick_tool)
        elif self.pick_tool is not None:
            canvas.unsetMapTool(self.pick_tool)
            self.pick_tool = None
