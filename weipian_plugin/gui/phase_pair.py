"""The 套合 view on a patch's page: the batch's before and after imagery side by side, clipped to the patch (with
room around it), the patch's outline drawn over both, each captioned with its phase and date as issued. Drawn in
the background by QGIS' own renderer; the page never waits for it. Without imagery it is not shown (the flip
button says there is none and how to set it)."""
from __future__ import annotations

from typing import List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication, QPointF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF
from qgis.PyQt.QtWidgets import QGridLayout, QLabel, QWidget

TILE = QSize(170, 124)


class PhasePair(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("phase_pair")
        self.layers: List[Tuple[str, object]] = []  # (label, raster layer): before, after
        self.jobs: list = []
        self.images: List[QLabel] = []
        self.captions: List[QLabel] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(0)
        for column in range(2):
            image = QLabel()
            image.setObjectName(f"phase_image_{column}")
            image.setFixedSize(TILE)
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel()
            caption.setObjectName(f"phase_caption_{column}")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(image, 0, column)
            grid.addWidget(caption, 1, column)
            self.images.append(image)
            self.captions.append(caption)
        self.set_layers([])

    def tr(self, text):
        return QCoreApplication.translate("PhasePair", text)

    def set_layers(self, layers) -> None:
        """The batch's (label, raster layer) pairs, before then after; none: the line that says so."""
        self._cancel()
        self.layers = list(layers)[:2]
        for i, (image, caption) in enumerate(zip(self.images, self.captions)):
            shown = i < len(self.layers)
            image.setVisible(shown)
            caption.setVisible(shown)
            image.clear()
            caption.clear()
        self.setVisible(bool(self.layers))  # none: the flip button says so, and how to set it

    def show_patch(self, wkb: Optional[bytes], dates=(None, None)) -> None:
        """Render both phases around the patch (lon/lat WKB), captioned with the dates as issued."""
        self._cancel()
        geom = QgsGeometry()
        if wkb:
            geom.fromWkb(wkb)
        for i, (label, layer) in enumerate(self.layers):
            date = dates[0] if label == "前时相" else dates[1] if label == "后时相" else None
            self.captions[i].setText(f"{label} {date}" if date else label)
            self.images[i].clear()
            if geom.isEmpty() or layer is None or not layer.isValid():
                continue
            self._render(i, layer, geom)

    def _render(self, i: int, layer, geom) -> None:
        to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"), layer.crs(),
                                          QgsProject.instance())
        shape = QgsGeometry(geom)
        shape.transform(to_layer)
        box = shape.boundingBox()
        side = max(box.width(), box.height(), 60.0) * 1.6  # the patch with its surroundings, at least ~100 m
        centre = box.center()
        box.setXMinimum(centre.x() - side / 2)
        box.setXMaximum(centre.x() + side / 2)
        box.setYMinimum(centre.y() - side / 2)
        box.setYMaximum(centre.y() + side / 2)
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(layer.crs())
        settings.setOutputSize(TILE)
        settings.setExtent(box)
        settings.setBackgroundColor(QColor("#eceff1"))
        job = QgsMapRendererParallelJob(settings)
        job.finished.connect(lambda j=job, n=i, s=shape, m=settings: self._done(j, n, s, m))
        self.jobs.append(job)
        job.start()

    def _done(self, job, i: int, shape, settings) -> None:
        if job not in self.jobs:
            return  # a patch shown since: its own jobs draw
        self.jobs.remove(job)
        image = job.renderedImage()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#ff1744"), 2))
        m2p = settings.mapToPixel()
        for part in shape.asMultiPolygon() if shape.isMultipart() else [shape.asPolygon()]:
            for ring in part[:1]:
                painter.drawPolygon(QPolygonF([QPointF(*_xy(m2p.transform(pt))) for pt in ring]))
        painter.end()
        self.images[i].setPixmap(QPixmap.fromImage(image))

    def busy(self) -> bool:
        return bool(self.jobs)

    def _cancel(self) -> None:
        jobs, self.jobs = self.jobs, []
        for job in jobs:
            job.cancelWithoutBlocking()


def _xy(point):
    return point.x(), point.y()
