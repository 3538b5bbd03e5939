"""Images as the panels show them: upright (EXIF orientation honoured), scaled while decoding, and a placeholder
where a file cannot be shown."""
from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap

THUMB = QSize(96, 72)


def load_image(path: str, size: Optional[QSize] = None) -> QImage:
    """An upright image (EXIF orientation honoured), scaled while decoding when size is given."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    if size is not None and reader.size().isValid():
        reader.setScaledSize(reader.size().scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def placeholder(text: str, size: QSize = THUMB) -> QPixmap:
    pm = QPixmap(size)
    pm.fill(QColor("#eceff1"))
    p = QPainter(pm)
    p.setPen(QColor("#546e7a"))
    p.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    p.end()
    return pm
