"""The QGIS project of a field project, as QField and Mergin Maps read it (see docs/guide.md's field section for the
app features relied on): relative paths; the patches with their geometry locked (`QFieldSync/is_geometry_locked`),
issued facts read-only and the verdict form's widgets and hard constraints made from the profile; a photo layer
whose `photo` field is an attachment (ExternalResource, relative to the project, image viewer) named
DCIM/<JCBH>_<n> for QField (`QFieldSync/attachment_naming`) and Mergin Maps (`Mergin/PhotoNaming`); the
photos related to their patch; the clipped imagery under them."""
from __future__ import annotations

import json
import os
from typing import List, Tuple

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRasterLayer,
    QgsRelation,
    QgsRelationContext,
    QgsRendererCategory,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..core.model import ILLEGAL
from ..core.profile import Profile
from .field_layout import (
    DATA_FILE,
    FORM_FIELDS,
    PATCHES,
    PATCHES_NAME,
    PHOTO_FIELDS,
    PHOTOS,
    PHOTOS_NAME,
    PROJECT_FILE,
    READ_ONLY_FIELDS,
)

STATE_COLOURS = (("unverified", "未核实", "#e53935"), ("awaiting_review", "待审核", "#fb8c00"),
                 ("returned", "已退回", "#8e24aa"), ("resubmitted", "已重报", "#3949ab"),
                 ("passed", "已通过", "#43a047"))
# <JCBH>_<n>: n one more than the highest number among the patch's photo rows (a deleted row's number is not reused
# while a later one exists)
_NEXT = ("\"jcbh\" || '_' || to_string(coalesce(aggregate(layer:='{layer}', aggregate:='max', "
         "expression:=to_int(regexp_substr(\"photo\", '_([0-9]+)\\\\.[^.]+$')), "
         "filter:=\"jcbh\" = attribute(@parent, 'jcbh')), 0) + 1)")


def _quote(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def form_constraints(profile: Profile) -> dict:
    """column -> (expression, description): the rules of core/rules a phone can check before anyone drives back."""
    with_subtypes = [v for v in profile.verdicts if v.subtypes]
    with_categories = [v for v in profile.verdicts if v.categories]
    illegal = [v.code for v in profile.verdicts if profile.kind(v.code) == ILLEGAL]
    subtype = " AND ".join(f"(coalesce(\"pdjg\", '') <> '{v.code}' OR \"lx\" IN ({_quote(v.subtypes)}))"
                           for v in with_subtypes) or "TRUE"
    category = " AND ".join(f"(coalesce(\"pdjg\", '') <> '{v.code}' OR \"wflb\" IN ({_quote(v.categories)}))"
                            for v in with_categories) or "TRUE"
    occupied = f"(\"pdjg\" IN ({_quote(illegal)}) AND coalesce(\"gdmj\", 0) > 0)"
    return {
        "pdjg": (f"\"pdjg\" IS NULL OR \"pdjg\" IN ({_quote(v.code for v in profile.verdicts)})",
                 "判定结果须为规则配置中的一项"),
        "lx": (subtype, "须填写所选判定结果下的具体类型"),
        "wflb": (category, "违法图斑须填写违法类别"),
        "lzgdjf": (f"({occupied} AND \"lzgdjf\" IS NOT NULL) OR (NOT {occupied} AND \"lzgdjf\" IS NULL)",
                   "违法占用耕地的图斑须认定是否属于新增农村乱占耕地建房，其他图斑不填"),
        "zgqk": (f"\"zgqk\" IS NULL OR \"zgqk\" IN ({_quote(profile.rectification_statuses) or chr(39) * 2})",
                 "整改情况须为规则配置中的一项"),
        "pdyjsm": ("\"pdjg\" IS NULL OR length(trim(coalesce(\"pdyjsm\", ''))) > 0", "已判定的图斑须填写判定依据说明"),
    }


def _value_map(pairs) -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup("ValueMap", {"map": [{name: code} for code, name in pairs]})


def _patch_layer(folder: str, profile: Profile) -> QgsVectorLayer:
    layer = QgsVectorLayer(os.path.join(folder, f"{DATA_FILE}|layername={PATCHES}"), PATCHES_NAME, "ogr")
    fields = layer.fields()
    form = layer.editFormConfig()
    for name, alias in READ_ONLY_FIELDS:
        i = fields.indexOf(name)
        layer.setFieldAlias(i, alias)
        form.setReadOnly(i, True)
    subtypes = [(s, s) for v in profile.verdicts for s in v.subtypes]
    widgets = {"pdjg": _value_map([(v.code, v.name) for v in profile.verdicts]),
               "lx": _value_map(list(dict.fromkeys(subtypes))),
               "wflb": _value_map(list(dict.fromkeys((c, c) for v in profile.verdicts for c in v.categories))),
               "lzgdjf": _value_map([(1, "是"), (0, "否")]),
               "zgqk": _value_map([(s, s) for s in profile.rectification_statuses]),
               "pdyjsm": QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False})}
    constraints = form_constraints(profile)
    for column, _, alias in FORM_FIELDS:
        i = fields.indexOf(column)
        layer.setFieldAlias(i, alias)
        if column in widgets:
            layer.setEditorWidgetSetup(i, widgets[column])
        if column in constraints:
            expression, text = constraints[column]
            layer.setConstraintExpression(i, expression, text)
            layer.setFieldConstraint(i, QgsFieldConstraints.Constraint.ConstraintExpression,
                                     QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    layer.setEditFormConfig(form)
    layer.setCustomProperty("QFieldSync/action", "copy")
    layer.setCustomProperty("QFieldSync/is_geometry_locked", True)
    fill = {code: colour for code, _, colour in STATE_COLOURS}
    categories = [QgsRendererCategory(code, QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": fill[code], "outline_width": "0.8"}), name)
        for code, name, _ in STATE_COLOURS]
    layer.setRenderer(QgsCategorizedSymbolRenderer("zt", categories))
    label = QgsPalLayerSettings()
    label.fieldName = "jcbh"
    label.enabled = True
    text = QgsTextFormat()  # readable over the imagery in the sun: dark text on a white halo
    text.setSize(11)
    text.buffer().setEnabled(True)
    text.buffer().setSize(1.2)
    label.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(label))
    layer.setLabelsEnabled(True)
    return layer


def _photo_layer(folder: str, patches: QgsVectorLayer) -> QgsVectorLayer:
    layer = QgsVectorLayer(os.path.join(folder, f"{DATA_FILE}|layername={PHOTOS}"), PHOTOS_NAME, "ogr")
    fields = layer.fields()
    for name, alias in PHOTO_FIELDS:
        layer.setFieldAlias(fields.indexOf(name), alias)
    i = fields.indexOf("jcbh")
    layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup("ValueRelation", {
        "Layer": patches.id(), "LayerName": patches.name(), "Key": "jcbh", "Value": "jcbh", "AllowNull": False,
        "OrderByValue": True, "UseCompleter": True}))
    # the patch the photo is taken at: the one the phone stands in, else the nearest
    layer.setDefaultValueDefinition(i, QgsDefaultValue(
        f"coalesce(array_first(overlay_within('{patches.id()}', \"jcbh\")), "
        f"array_first(overlay_nearest('{patches.id()}', \"jcbh\")))"))
    layer.setFieldConstraint(i, QgsFieldConstraints.Constraint.ConstraintNotNull,
                             QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    photo = fields.indexOf("photo")
    layer.setEditorWidgetSetup(photo, QgsEditorWidgetSetup("ExternalResource", {
        "DocumentViewer": 1, "DocumentViewerHeight": 0, "DocumentViewerWidth": 0, "FileWidget": True,
        "FileWidgetButton": True, "FileWidgetFilter": "", "RelativeStorage": 1, "StorageMode": 0,
        "StorageType": None, "FullUrl": False,
        # where a new photo goes when the app asks the widget (Mergin Maps, QGIS desktop): the project's DCIM/
        "PropertyCollection": {"name": "0", "type": "collection", "properties": {
            "propertyRootPath": {"active": True, "expression": "@project_folder || '/DCIM'", "type": 3}}}}))
    layer.setFieldConstraint(photo, QgsFieldConstraints.Constraint.ConstraintNotNull,
                             QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    layer.setDefaultValueDefinition(fields.indexOf("pssj"), QgsDefaultValue("now()"))
    naming = _NEXT.format(layer=layer.id())
    layer.setCustomProperty("QFieldSync/action", "offline")
    qfield = json.dumps({"photo": f"'DCIM/' || {naming} || '.{{extension}}'"}, ensure_ascii=False)
    layer.setCustomProperty("QFieldSync/attachment_naming", qfield)
    layer.setCustomProperty("QFieldSync/photo_naming", qfield)  # QField before 2.7
    return layer


def write_project(folder: str, profile: Profile, imagery: List[Tuple[str, str]]) -> str:
    project = QgsProject()
    path = os.path.join(folder, PROJECT_FILE)
    project.setFileName(path)
    project.setTitle("卫片执法外业核查")
    project.writeEntry("Paths", "/Absolute", False)  # every layer's source relative to the project
    for label, raster in imagery:
        layer = QgsRasterLayer(raster, label, "gdal")
        if layer.isValid():
            project.addMapLayer(layer)
    patches = _patch_layer(folder, profile)
    photos = _photo_layer(folder, patches)
    project.addMapLayers([photos, patches])  # on top of the imagery, the photo points above the patches
    relation = QgsRelation(QgsRelationContext(project))  # the layers are looked up in this project
    relation.setId("photos_of_patch")
    relation.setName("图斑照片")
    relation.setReferencingLayer(photos.id())
    relation.setReferencedLayer(patches.id())
    relation.addFieldPair("jcbh", "jcbh")
    if relation.isValid():
        project.relationManager().addRelation(relation)
    naming = _NEXT.format(layer=photos.id())
    project.writeEntry("Mergin", f"PhotoNaming/{photos.id()}/photo", naming)  # the name; the folder is the root path
    crs = QgsCoordinateReferenceSystem("EPSG:4490")
    if patches.extent().isFinite() and not patches.extent().isEmpty():
        from .dossier import gk_crs_for

        crs = gk_crs_for(patches.extent().center().x())
    project.setCrs(crs)
    if not project.write():
        raise OSError(project.error() or path)
    return path
