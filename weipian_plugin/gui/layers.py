"""The work package on the map: patches coloured by state, photos with their view cones."""
from __future__ import annotations

import os
from typing import Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsGeometryGeneratorSymbolLayer,
    QgsLayerTreeGroup,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsSymbol,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from .labels import STATE_COLORS, STATES, state_label

CONE_DEGREES = 40.0  # drawn opening of the view cone
CONE_RADIUS_DEG = 0.0006  # about 60 m at these latitudes


def _fill(color: QColor, outline: str = "#263238", width: float = 0.4, alpha: int = 90) -> QgsFillSymbol:
    fill = QColor(color)
    fill.setAlpha(alpha)
    return QgsFillSymbol.createSimple({"color": fill.name(QColor.NameFormat.HexArgb), "outline_color": outline,
                                       "outline_width": str(width)})


def patch_renderer() -> QgsRuleBasedRenderer:
    root = QgsRuleBasedRenderer.Rule(None)
    blocking = QgsRuleBasedRenderer.Rule(_fill(STATE_COLORS["blocking"], "#b71c1c", 0.8, 70),
                                         filterExp="\"blocking\" > 0 AND \"state\" <> 'unverified'",
                                         label=QCoreApplication.translate("Layers", "Has blocking findings"))
    root.appendChild(blocking)
    for state in STATES:
        rule = QgsRuleBasedRenderer.Rule(_fill(STATE_COLORS[state]), filterExp=f"coalesce(\"state\", 'unverified') = '{state}'",
                                         label=state_label(state))
        root.appendChild(rule)
    return QgsRuleBasedRenderer(root)


def _haloed_text(size: float = 8.0) -> QgsTextFormat:
    """Label text with a white halo, readable over any fill or imagery."""
    fmt = QgsTextFormat()
    fmt.setSize(size)
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    fmt.setBuffer(buf)
    return fmt


def patch_labels() -> QgsVectorLayerSimpleLabeling:
    s = QgsPalLayerSettings()
    s.fieldName = "code"
    s.setFormat(_haloed_text())
    s.scaleVisibility = True
    s.maximumScale = 1.0
    s.minimumScale = 25000.0  # labelled only when zoomed in
    return QgsVectorLayerSimpleLabeling(s)


def photo_symbol() -> QgsMarkerSymbol:
    marker = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#ffeb3b", "outline_color": "#37474f",
                                           "size": "2.2"})
    cone_fill = QgsFillSymbol.createSimple({"color": "#66ffca28", "outline_color": "#ff8f00", "outline_width": "0.3"})
    cone = QgsGeometryGeneratorSymbolLayer.create({
        "geometryModifier": f"CASE WHEN \"azimuth\" IS NOT NULL THEN wedge_buffer($geometry, \"azimuth\", "
                            f"{CONE_DEGREES}, {CONE_RADIUS_DEG}) END",
    })
    cone.setSymbolType(QgsSymbol.SymbolType.Fill)
    cone.setSubSymbol(cone_fill)
    marker.insertSymbolLayer(0, cone)
    return marker


# a photo's number among its patch's photos, in the order they were attached: the number the dossier gives it
# the number in the stored name (<JCBH>_<序号>, as the thumbnail shows it, kept after an undone removal); a file
# named otherwise counts among its patch's photos
PHOTO_NUMBER = ("coalesce(to_int(regexp_substr(\"path\", '_(\\\\d+)\\\\.[A-Za-z0-9]+$')), "
                "aggregate(layer:=@layer, aggregate:='count', expression:=\"fid\", "
                "filter:=\"patch_code\" = attribute(@parent, 'patch_code') AND \"fid\" <= attribute(@parent, 'fid')))")


def photo_labels() -> QgsVectorLayerSimpleLabeling:
    """Each photo's number beside its cone, when zoomed in far enough to tell them apart."""
    s = QgsPalLayerSettings()
    s.isExpression = True
    s.fieldName = PHOTO_NUMBER
    s.setFormat(_haloed_text())
    s.dist = 1.5
    s.scaleVisibility = True
    s.maximumScale = 1.0
    s.minimumScale = 10000.0
    return QgsVectorLayerSimpleLabeling(s)


def package_crs(patches: QgsVectorLayer) -> QgsCoordinateReferenceSystem:
    """CGCS2000: the 3-degree Gauss-Krüger zone around the package's patches, or EPSG:4490 when it has none."""
    from ..services.dossier import gk_crs_for

    extent = patches.extent()
    if extent.isEmpty() or not extent.isFinite():
        return QgsCoordinateReferenceSystem("EPSG:4490")
    return gk_crs_for(extent.center().x())


def office_sources(spec: str, schema: str) -> Tuple[str, str, str, str]:
    """(patches, photos, provider, name) of an office package: PostGIS layers on the saved QGIS connection (its
    authentication configuration, never a password) or on a libpq connection string."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        saved = metadata.findConnection(spec)
    except Exception:  # no such connection: a connection string
        saved = None
    uris = []
    for table, sql in (("patches", ""), ("evidence", "\"kind\" = 'photo'")):
        uri = QgsDataSourceUri(saved.uri() if saved is not None else spec)
        uri.setDataSource(schema, table, "geom", sql, "fid")
        uris.append(uri.uri(False))
    return uris[0], uris[1], "postgres", schema


def add_package_layers(package_path: str, project=None, sources=None) -> Tuple[
        QgsVectorLayer, QgsVectorLayer, QgsLayerTreeGroup]:
    """Add the package's patches and photos to the project, styled, in one group (the imagery goes under them:
    PatchMap.set_imagery); returns them. A project without layers takes the package's CGCS2000 CRS.
    sources: (patches, photos, provider, name) of a package that is not a GeoPackage (office_sources)."""
    project = project or QgsProject.instance()
    new_project = not project.mapLayers()
    if sources is None:
        sources = (f"{package_path}|layername=patches", f"{package_path}|layername=evidence|subset=\"kind\" = 'photo'",
                   "ogr", os.path.splitext(os.path.basename(package_path))[0])
    patch_uri, photo_uri, provider, name = sources
    patches = QgsVectorLayer(patch_uri, QCoreApplication.translate("Layers", "Patches"), provider)
    photos = QgsVectorLayer(photo_uri, QCoreApplication.translate("Layers", "Photos"), provider)
    patches.setRenderer(patch_renderer())
    patches.setLabeling(patch_labels())
    patches.setLabelsEnabled(True)
    if photos.geometryType() == QgsWkbTypes.GeometryType.PointGeometry:
        photos.renderer().setSymbol(photo_symbol())
        photos.setLabeling(photo_labels())
        photos.setLabelsEnabled(True)
    for layer in (patches, photos):
        layer.setCustomProperty("weipian/package", package_path)
    project.addMapLayers([patches, photos], False)
    if new_project:  # after the layers: QGIS gives an empty project the first layer's CRS (or WGS 84) as they come
        project.setCrs(package_crs(patches))
    group = project.layerTreeRoot().insertGroup(0, f"卫片执法 {name}")
    group.addLayer(photos)
    group.addLayer(patches)
    return patches, photos, group


def remove_package_layers(group: QgsLayerTreeGroup, project=None) -> None:
    from qgis.PyQt import sip

    project = project or QgsProject.instance()
    if group is None or sip.isdeleted(group):  # QGIS quitting cleared the project first: nothing left to remove
        return
    ids = [node.layerId() for node in group.findLayers()]
    project.removeMapLayers(ids)
    parent = group.parent()
    if parent is not None:
        parent.removeChildNode(group)
