"""One patch, one dossier (一图斑一卷宗, 001 §二(七)): a PDF per patch made with a QGIS print layout.

Page 1: the situation statement (情况说明), a map of the patch with the photo positions and view cones, the
verdict and basis, and the internal-review opinion. Then the field photos, two per page, each with its time,
position, azimuth, distance and sha256; then the approval documents. Runs in the main thread (print layouts
are not thread-safe); each dossier uses its own QgsProject, the user's project is never touched.
"""
from __future__ import annotations

import os
from typing import List, Optional

from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.model import PHOTO, VERDICT_ZH, Evidence, Patch, Review, Verification, reviewed_content_sha
from ..core.names import photo_number
from ..core.records import DOC_TYPE_TEXT, DOC_TYPES
from ..core.rules import review_state
from ..core.times import local_day, local_time
from ..core.units import round_mu
from ..core.view_geometry import view_wedge

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp", ".gif"}
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC",
                "PingFang SC", "SimSun")


def _font(size: float, bold: bool = False):
    from qgis.PyQt.QtGui import QFont, QFontDatabase

    families = set(QFontDatabase().families())
    family = next((f for f in CJK_FAMILIES if f in families), "")
    font = QFont(family) if family else QFont()
    font.setPointSizeF(size)
    font.setBold(bold and not family.startswith("WenQuanYi"))  # it has no bold face; faked bold smears
    return font


def crs_text(crs) -> str:
    """A CGCS2000 Gauss-Krüger zone as a Chinese map legend names it (QGIS' own description is English)."""
    code = int(crs.authid().split(":")[1]) if crs.authid().startswith("EPSG:") else 0
    if 4534 <= code <= 4554:
        return f"CGCS2000 3度带高斯-克吕格投影 中央经线 {75 + (code - 4534) * 3}°E（{crs.authid()}）"
    if code == 4490:
        return "CGCS2000 地理坐标系（EPSG:4490）"
    return f"{crs.description()}（{crs.authid()}）"


def gk_crs_for(lon: float):
    """The CGCS2000 3-degree Gauss-Krüger zone (EPSG:4534–4554, no zone prefix) around a longitude."""
    from qgis.core import QgsCoordinateReferenceSystem

    cm = min(max(round(lon / 3.0) * 3, 75), 135)
    return QgsCoordinateReferenceSystem(f"EPSG:{4534 + (cm - 75) // 3}")


def statement(patch: Patch, v: Optional[Verification], photos: int, documents: int, names=None) -> str:
    """The situation statement, from the recorded facts only."""
    lines = [
        f"监测编号：{patch.code}　　行政区代码：{patch.county_code or ''}　　乡镇：{patch.township or ''}",
        f"图斑类型：{patch.class_name or ''}　　监测批次：{patch.batch or ''}　　前时相：{patch.earlier_date or ''}　　"
        f"后时相：{patch.later_date or ''}",
        f"监测面积 {round_mu(patch.area_mu):.2f} 亩，其中耕地 {round_mu(patch.cultivated_mu):.2f} 亩、"
        f"永久基本农田 {round_mu(patch.permanent_mu):.2f} 亩、生态保护红线 {round_mu(patch.redline_mu):.2f} 亩"
        + ("；涉矿" if patch.mineral else "") + "。",
    ]
    if v and v.verdict:
        who = f"{v.verifier or ''}于 {local_day(v.verified_at)} " if v.verifier else ""
        lines.append(f"经{who}实地核查，判定为{(names or VERDICT_ZH).get(v.verdict, v.verdict)}"
                     + (f"（{v.subtype}）" if v.subtype else "") + "；"
                     + f"现场照片 {photos} 张，举证材料 {documents} 份。")
    else:
        lines.append("尚未判定。")
    return "\n".join(lines)


def verdict_text(v: Optional[Verification], reviews: List[Review], evidence_sha256: List[str], names=None,
                 illegal_codes=("WF",), military: bool = False) -> str:
    """names: verdict code → name (a profile's own verdicts); illegal_codes: the codes that count as 违法."""
    if not v or not v.verdict:
        return "判定结果：未判定"
    lines = [f"判定结果：{(names or VERDICT_ZH).get(v.verdict, v.verdict)}" + (f"　类型：{v.subtype}" if v.subtype else "")]
    if v.verdict in illegal_codes:
        lines.append(f"违法性质：{v.category or '（未填）'}　　是否属于新增农村乱占耕地建房："
                     + ("是" if v.illegal_cultivated_housing else ("否" if v.illegal_cultivated_housing is False else "（不适用）"))
                     + ("" if v.nonagri is None else "　　非农化：" + ("是" if v.nonagri else "否")))
    if v.approval_no:
        lines.append(f"批准文号：{v.approval_no}")
    lines.append(f"判定依据说明：{v.basis or '（未填）'}")
    if v.rectification:
        lines.append(f"整改状态：{v.rectification}")
    lines.append(f"核实人：{v.verifier or ''}　　核实时间：{local_time(v.verified_at)}")
    state = review_state(v, reviews, reviewed_content_sha(v, evidence_sha256, military))
    if reviews:
        last = reviews[-1]
        decision = "通过" if last.decision == "pass" else "退回"
        lines.append(f"内业审核：{last.reviewer}　{local_time(last.reviewed_at)}　{decision}"
                     + ("" if state == "passed" or last.decision == "return" else "（核实结果其后有修改，须重新审核）"))
        lines.append(f"审核意见：{last.opinion or '（无书面意见）'}")
    else:
        lines.append("内业审核：未审核")
    return "\n".join(lines)


def _document_order(e: Evidence):
    order = {t: i for i, t in enumerate(DOC_TYPES)}
    return (order.get(e.doc_type or "", len(order)), e.id)


class DossierWriter:
    """Writes dossiers one after another, reusing one project for the map layers' CRS handling."""

    def __init__(self, dpi: int = 150, imagery: Optional[List] = None, profile=None):
        """imagery: (label, QgsRasterLayer) drawn under the patch: the batch's before/after pair side by side, or
        one layer; none gives the outline on white, and the dossier says so."""
        from qgis.core import QgsProject

        self.project = QgsProject()
        self.dpi = dpi
        self.pages_written = 0
        self.imagery = list(imagery or [])[:2]
        self.names = {x.code: x.name for x in profile.verdicts} if profile else dict(VERDICT_ZH)
        self.illegal = tuple(x.code for x in profile.verdicts if profile.kind(x.code) == "WF") if profile else ("WF",)

    def layout(self, patch: Patch, v: Optional[Verification], reviews: List[Review],
               evidence: List[Evidence], evidence_root: str, evidence_label: str):
        """(print layout, layers it draws) for one patch; keep the layers referenced until the layout is exported."""
        from qgis.core import QgsLayoutItemPage, QgsPrintLayout

        layout = QgsPrintLayout(self.project)
        layout.initializeDefaults()
        layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        photos = [e for e in evidence if e.kind == PHOTO]
        documents = [e for e in evidence if e.kind != PHOTO]
        keep = self._first_page(layout, patch, v, reviews, photos, documents)
        # documents by their type: approval papers, 违法 case papers (立案、处罚、整改), acceptance papers, …
        items = [(e, "现场照片") for e in photos] + [(e, DOC_TYPE_TEXT.get(e.doc_type or "", "举证材料"))
                                                  for e in sorted(documents, key=_document_order)]
        # a photo keeps the number it was attached with (as on the map and its thumbnail); documents count apart
        numbers = [_photo_no(e, k) for k, e in enumerate(photos, start=1)] + list(range(1, len(documents) + 1))
        for i in range(0, len(items), 2):
            page = self._add_page(layout)
            for slot, (e, kind) in enumerate(items[i:i + 2]):
                self._evidence_block(layout, page, slot, e, kind, numbers[i + slot], evidence_root, evidence_label)
        from qgis.PyQt.QtCore import Qt

        total = layout.pageCollection().pageCount()
        for page in range(total):  # every page says whose it is and where it stands
            if page:
                self._label(layout, f"图斑卷宗　{patch.code}", MARGIN, 4, PAGE_W - 2 * MARGIN, 5, 8, False, page)
            self._label(layout, f"监测编号 {patch.code}　　第 {page + 1} 页　共 {total} 页", MARGIN, PAGE_H - 9,
                        PAGE_W - 2 * MARGIN, 5, 8, False, page).setHAlign(Qt.AlignmentFlag.AlignHCenter)
        return layout, keep

    def write(self, pdf_path: str, patch: Patch, v: Optional[Verification], reviews: List[Review],
              evidence: List[Evidence], evidence_root: str, evidence_label: str) -> int:
        """Write one dossier; returns its number of pages. evidence_root is where Evidence.path is relative to;
        evidence_label is how the package names the evidence folder of this patch."""
        from qgis.core import QgsLayoutExporter

        layout, keep = self.layout(patch, v, reviews, evidence, evidence_root, evidence_label)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = self.dpi
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = False
        settings.appendGeoreference = False
        settings.exportMetadata = True
        tmp = pdf_path + ".partial.pdf"
        result = QgsLayoutExporter(layout).exportToPdf(tmp, settings)
        del keep
        if result != QgsLayoutExporter.ExportResult.Success:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise OSError(Msg(QT_TRANSLATE_NOOP("weipian", "{pdf_path}: QGIS could not write the dossier PDF (exporter result {result})"), pdf_path=pdf_path, result=result))
        os.replace(tmp, pdf_path)
        pages = layout.pageCollection().pageCount()
        self.pages_written += pages
        return pages

    # -- pieces -------------------------------------------------------------------------------------------------------
    def _add_page(self, layout) -> int:
        from qgis.core import QgsLayoutItemPage

        page = QgsLayoutItemPage(layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        layout.pageCollection().addPage(page)
        return layout.pageCollection().pageCount() - 1

    def _label(self, layout, text: str, x: float, y: float, w: float, h: float, size: float = 9.0,
               bold: bool = False, page: int = 0):
        from qgis.core import QgsLayoutItemLabel, QgsLayoutPoint, QgsLayoutSize

        from ..compat import set_label_font

        label = QgsLayoutItemLabel(layout)
        label.setText(text)
        set_label_font(label, _font(size, bold))
        label.attemptResize(QgsLayoutSize(w, h))
        label.attemptMove(QgsLayoutPoint(x, y), page=page)
        layout.addLayoutItem(label)
        return label

    def _first_page(self, layout, patch, v, reviews, photos, documents):
        self._label(layout, f"图斑卷宗　{patch.code}", MARGIN, 10, PAGE_W - 2 * MARGIN, 9, 15, True)
        self._label(layout, "一、情况说明", MARGIN, 21, 60, 6, 11, True)
        self._label(layout, statement(patch, v, len(photos), len(documents), self.names),
                    MARGIN, 27, PAGE_W - 2 * MARGIN, 26, 8.5)
        self._label(layout, "二、图斑位置及现场照片拍摄位置、方向", MARGIN, 54, 120, 6, 11, True)
        keep = self._maps(layout, patch, photos, MARGIN, 60, PAGE_W - 2 * MARGIN, 128)
        self._label(layout, "三、判定结果、依据及内业审核意见", MARGIN, 192, 120, 6, 11, True)
        self._label(layout, verdict_text(v, reviews, [e.sha256 for e in photos + documents], self.names, self.illegal,
                                         military=bool(patch.military)),
                    MARGIN, 198, PAGE_W - 2 * MARGIN, 62, 8.5)
        self._signatures(layout, v, reviews)
        return keep

    def _signatures(self, layout, v, reviews) -> None:
        """Who signs for the verdict and the review, with room for the hand signature and date."""
        verifier = (v.verifier if v else "") or ""
        reviewer = reviews[-1].reviewer if reviews and reviews[-1].decision == "pass" else ""
        half = (PAGE_W - 2 * MARGIN) / 2
        for i, (role, name) in enumerate((("核实人", verifier), ("审核人", reviewer))):
            self._label(layout, f"{role}：{name}\n签字：＿＿＿＿＿＿＿＿　日期：＿＿＿＿年＿＿月＿＿日",
                        MARGIN + i * half, 264, half - 4, 12, 9)

    def _maps(self, layout, patch, photos, x, y, w, h):
        """The overlay map: over each imagery layer (before and after side by side), or the outline alone."""
        from qgis.PyQt.QtGui import QColor

        layers = self.imagery or [None]
        gap = 3.0
        width = (w - gap * (len(layers) - 1)) / len(layers)
        keep: tuple = ()
        for i, underlay in enumerate(layers):
            crs, layers_kept = self._map(layout, patch, photos, x + i * (width + gap), y, width, h, underlay)
            keep += layers_kept
        base = ("底图：" + "、".join(_imagery_name(u[0]) for u in self.imagery) if self.imagery
                else "底图：无（未提供影像，仅绘制图斑范围）")
        legend = self._label(layout, f"红线：图斑范围　蓝点及编号：现场照片拍摄位置　黄色扇形：拍摄方向（真北）\n{base}　"
                                     f"坐标系：{crs_text(crs)}", x + 0.5, y + h - 7.5, w - 1, 7, 6.5)
        legend.setBackgroundEnabled(True)  # inside the frame, readable over the map
        legend.setBackgroundColor(QColor(255, 255, 255, 225))
        return keep

    def _map(self, layout, patch, photos, x, y, w, h, underlay=None):
        from qgis.core import (
            QgsCoordinateReferenceSystem,
            QgsCoordinateTransform,
            QgsFeature,
            QgsFillSymbol,
            QgsGeometry,
            QgsLayoutItemMap,
            QgsLayoutItemPicture,
            QgsLayoutItemScaleBar,
            QgsLayoutPoint,
            QgsLayoutSize,
            QgsMarkerSymbol,
            QgsPathResolver,
            QgsPointXY,
            QgsRectangle,
            QgsSymbolLayerUtils,
            QgsVectorLayer,
        )
        from qgis.PyQt.QtGui import QColor

        patch_layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4490", "patch", "memory")
        geom = QgsGeometry()
        if patch.wkb:
            geom.fromWkb(patch.wkb)
        f = QgsFeature()
        f.setGeometry(geom)
        patch_layer.dataProvider().addFeatures([f])
        patch_layer.setRenderer(patch_layer.renderer().clone())
        patch_layer.renderer().setSymbol(QgsFillSymbol.createSimple(
            {"color": "255,0,0,40", "outline_color": "220,0,0,255", "outline_width": "0.6"}))
        cones = QgsVectorLayer("Polygon?crs=EPSG:4326", "cones", "memory")
        points = QgsVectorLayer("Point?crs=EPSG:4326&field=n:integer", "photos", "memory")
        cone_feats, point_feats = [], []
        extent = QgsRectangle(geom.boundingBox()) if not geom.isEmpty() else QgsRectangle()
        for rank, e in enumerate(photos, start=1):
            number = _photo_no(e, rank)
            if e.longitude is None or e.latitude is None:
                continue
            pf = QgsFeature(points.fields())
            pf.setAttributes([number])
            pf.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(e.longitude, e.latitude)))
            point_feats.append(pf)
            extent.combineExtentWith(e.longitude, e.latitude)
            if e.azimuth is not None:
                wedge = view_wedge(e.longitude, e.latitude, e.azimuth, 40.0, 25.0)
                cf = QgsFeature()
                cf.setGeometry(QgsGeometry.fromWkt(wedge.wkt))
                cone_feats.append(cf)
        cones.dataProvider().addFeatures(cone_feats)
        points.dataProvider().addFeatures(point_feats)
        cones.renderer().setSymbol(QgsFillSymbol.createSimple(
            {"color": "255,200,0,110", "outline_color": "200,140,0,255", "outline_width": "0.2"}))
        points.renderer().setSymbol(QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "0,90,200,255", "size": "2.2", "outline_color": "255,255,255,255"}))
        self._number_labels(points)
        crs = gk_crs_for(extent.center().x() if not extent.isEmpty() else 111.0)
        to_gk = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"), crs, self.project)
        box = to_gk.transformBoundingBox(extent) if not extent.isEmpty() else QgsRectangle(0, 0, 100, 100)
        # fit the page frame's aspect with a margin, at least 200 m across
        cx, cy = box.center().x(), box.center().y()
        span_w = max(box.width() * 1.3, 200.0)
        span_h = max(box.height() * 1.3, 200.0)
        if span_w / span_h > w / h:
            span_h = span_w * h / w
        else:
            span_w = span_h * w / h
        m = QgsLayoutItemMap(layout)
        m.attemptMove(QgsLayoutPoint(x, y))
        m.attemptResize(QgsLayoutSize(w, h))
        m.setCrs(crs)
        m.setLayers([points, cones, patch_layer] + ([underlay[1]] if underlay else []))
        m.setExtent(QgsRectangle(cx - span_w / 2, cy - span_h / 2, cx + span_w / 2, cy + span_h / 2))
        m.setFrameEnabled(True)
        layout.addLayoutItem(m)
        bar = QgsLayoutItemScaleBar(layout)
        bar.setStyle("Single Box")
        bar.setLinkedMap(m)
        bar.applyDefaultSize()
        fmt = bar.textFormat()
        fmt.setFont(_font(7))
        fmt.setSize(7)
        bar.setTextFormat(fmt)
        bar.attemptMove(QgsLayoutPoint(x + 3, y + h - 19))
        layout.addLayoutItem(bar)
        arrow_path = QgsSymbolLayerUtils.svgSymbolNameToPath("arrows/NorthArrow_02.svg", QgsPathResolver())
        if arrow_path:
            arrow = QgsLayoutItemPicture(layout)
            arrow.setPicturePath(arrow_path)
            arrow.attemptResize(QgsLayoutSize(10, 14))
            arrow.attemptMove(QgsLayoutPoint(x + w - 14, y + 3))
            layout.addLayoutItem(arrow)
        if underlay:
            dated = {"前时相": patch.earlier_date, "后时相": patch.later_date}.get(underlay[0])
            tag = self._label(layout, _imagery_name(underlay[0]) + (f"（{dated}）" if dated else ""), x + 2, y + 2, 40, 5, 8,
                              True)
            tag.setBackgroundEnabled(True)
            tag.setBackgroundColor(QColor(255, 255, 255, 210))  # readable over any imagery
        return crs, (patch_layer, cones, points)  # the map item needs the layers alive until export

    @staticmethod
    def _number_labels(points) -> None:
        """Each photo position labelled with its number in the dossier (现场照片 1, 2, …)."""
        from qgis.core import QgsPalLayerSettings, QgsTextBufferSettings, QgsTextFormat, QgsVectorLayerSimpleLabeling

        from ..compat import LABEL_OVER_POINT

        settings = QgsPalLayerSettings()
        settings.fieldName = "n"
        settings.placement = LABEL_OVER_POINT
        settings.yOffset = -3.0
        fmt = QgsTextFormat()
        fmt.setFont(_font(8, True))
        fmt.setSize(8)
        buffer = QgsTextBufferSettings()
        buffer.setEnabled(True)
        buffer.setSize(0.8)
        fmt.setBuffer(buffer)
        settings.setFormat(fmt)
        points.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        points.setLabelsEnabled(True)

    def _evidence_block(self, layout, page, slot, e: Evidence, kind, number, evidence_root, evidence_label):
        from qgis.core import QgsLayoutItem, QgsLayoutItemPicture, QgsLayoutPoint, QgsLayoutSize

        top = 12 + slot * 136
        name = os.path.basename(e.path)
        self._label(layout, f"{kind} {number}：{name}", MARGIN, top, PAGE_W - 2 * MARGIN, 6, 10, True, page)
        from ..store.work_package import evidence_path_problem

        # a record naming a place outside the package is never read (the check blocks the upload over it)
        source = "" if evidence_path_problem(evidence_root, e.path, e.sha256) else os.path.join(evidence_root, e.path)
        ext = os.path.splitext(name)[1].lower()
        if ext in IMAGE_EXTENSIONS and os.path.isfile(source):
            pic = QgsLayoutItemPicture(layout)
            pic.setPicturePath(source, QgsLayoutItemPicture.Format.FormatRaster)
            pic.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
            pic.setPictureAnchor(QgsLayoutItem.ReferencePoint.Middle)  # centred in its frame
            pic.attemptResize(QgsLayoutSize(PAGE_W - 2 * MARGIN, 106))
            pic.attemptMove(QgsLayoutPoint(MARGIN, top + 7), page=page)
            layout.addLayoutItem(pic)
        else:
            why = "HEIC 格式，QGIS 无法在卷宗中显示" if ext in (".heic", ".heif") else "非图像文件"
            self._label(layout, f"（{why}；原始文件见 {evidence_label}/{name}）", MARGIN, top + 50,
                        PAGE_W - 2 * MARGIN, 8, 9, False, page)
        facts = [f"sha256：{e.sha256 or ''}"]
        if e.kind == PHOTO:
            pos = (f"{e.longitude:.6f}°E, {e.latitude:.6f}°N" if e.longitude is not None and e.latitude is not None
                   else "无 GPS 位置")
            az = f"{e.azimuth:.1f}°（真北）" if e.azimuth is not None else "无方位角"
            dist = f"{e.distance_m:.0f} 米" if e.distance_m is not None else "—"
            facts.insert(0, f"拍摄时间：{local_time(e.taken_at, seconds=True) or '无'}　　位置：{pos}　　方位角：{az}　　"
                            f"距图斑：{dist}")
            if e.problem_codes:
                facts.append(f"读取时发现的问题：{e.problem_codes}")
        self._label(layout, "\n".join(facts), MARGIN, top + 115, PAGE_W - 2 * MARGIN, 14, 8, False, page)


def _imagery_name(label: str) -> str:
    """前时相影像 / 后时相影像 for the batch's imagery; the options' base map says it is not the batch's."""
    return f"{label}影像" if label in ("前时相", "后时相") else "设置的底图（非本批次前后时相影像）"


def _photo_no(e, rank: int) -> int:
    """The photo's number for good (its stored name <JCBH>_<序号>), or its rank where it was named otherwise."""
    return photo_number(e.path) or rank
