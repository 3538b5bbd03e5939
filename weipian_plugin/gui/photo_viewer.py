"""Look at a patch's evidence one by one: the picture upright (EXIF orientation), zoom, previous/next, and its
facts labelled: time, position, azimuth (true north, and the raw magnetic value where the camera gave one),
distance to the patch, camera, problems, original name and sha256."""
from __future__ import annotations

import os
from typing import List, Optional

from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from ..core.messages import Joined, Msg
from ..core.photo_reading import PROBLEM_TEXT
from ..core.times import local_time
from ..language import user_text

ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)


class PhotoViewer(QDialog):
    """Evidence of one patch; `show_index` moves between them, `zoom_by` steps the zoom (1.0 = fit)."""

    def tr(self, text):
        return QCoreApplication.translate("PhotoViewer", text)

    def __init__(self, wp, items: List, index: int = 0, parent=None):
        super().__init__(parent)
        self.wp, self.items, self.index, self.zoom = wp, list(items), index, 1.0
        self.original: Optional[QPixmap] = None
        self.setObjectName("photo_viewer")
        self.resize(1000, 820)
        lay = QVBoxLayout(self)
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QLabel()
        self.image.setObjectName("photo_image")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(False)
        lay.addWidget(self.scroll, 1)
        row = QHBoxLayout()
        self.previous = QPushButton(self.tr("◀ Previous"))
        self.next = QPushButton(self.tr("Next ▶"))
        self.zoom_out, self.zoom_fit, self.zoom_in = QPushButton("－"), QPushButton(self.tr("Fit")), QPushButton("＋")
        self.position = QLabel()
        self.position.setObjectName("photo_position")
        for w in (self.previous, self.next, self.position):
            row.addWidget(w)
        row.addStretch(1)
        for w in (self.zoom_out, self.zoom_fit, self.zoom_in):
            row.addWidget(w)
        lay.addLayout(row)
        for w in (self.scroll, self.previous, self.next, self.zoom_out, self.zoom_fit, self.zoom_in):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys move between photos, not the focus
        self.facts = QFormLayout()
        lay.addLayout(self.facts)
        self.previous.clicked.connect(lambda: self.show_index(self.index - 1))
        self.next.clicked.connect(lambda: self.show_index(self.index + 1))
        self.zoom_in.clicked.connect(lambda: self.zoom_by(+1))
        self.zoom_out.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_fit.clicked.connect(lambda: self.zoom_by(0))
        self.keys = {Qt.Key.Key_Right: lambda: self.show_index(self.index + 1),
                     Qt.Key.Key_PageDown: lambda: self.show_index(self.index + 1),
                     Qt.Key.Key_Left: lambda: self.show_index(self.index - 1),
                     Qt.Key.Key_PageUp: lambda: self.show_index(self.index - 1),
                     Qt.Key.Key_Plus: lambda: self.zoom_by(+1), Qt.Key.Key_Equal: lambda: self.zoom_by(+1),
                     Qt.Key.Key_Minus: lambda: self.zoom_by(-1), Qt.Key.Key_0: lambda: self.zoom_by(0)}
        self.show_index(index)

    def keyPressEvent(self, event):
        action = self.keys.get(event.key())
        if action is None:
            super().keyPressEvent(event)
        else:
            action()

    # -- moving and zooming -----------------------------------------------------------------------------------
    def show_index(self, index: int) -> None:
        if not self.items:
            return
        self.index = max(0, min(index, len(self.items) - 1))
        full, e = self.items[self.index]
        self.setWindowTitle(os.path.basename(full))
        from .images import load_image, placeholder

        img = load_image(full) if os.path.exists(full) else None
        self.original = QPixmap.fromImage(img) if img is not None and not img.isNull() else \
            placeholder(os.path.basename(full) + ("" if os.path.exists(full) else "\n" + self.tr("file missing")),
                        QSize(400, 300))
        self.zoom = 1.0
        self._render()
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(self.items) - 1)
        self.position.setText(self.tr("{} of {}").format(self.index + 1, len(self.items)))
        self._fill_facts(e)

    def zoom_by(self, step: int) -> None:
        """+1 / -1 move through the zoom steps; 0 fits the picture to the window."""
        if step == 0:
            self.zoom = 1.0
        else:
            steps = [z for z in ZOOM_STEPS if (z > self.zoom if step > 0 else z < self.zoom)]
            if steps:
                self.zoom = steps[0] if step > 0 else steps[-1]
        self._render()

    def _render(self) -> None:
        if self.original is None:
            return
        view = self.scroll.viewport().size() - QSize(4, 4)
        fit = self.original.size().scaled(view, Qt.AspectRatioMode.KeepAspectRatio)  # 1.0: the whole picture
        size = QSize(max(1, int(fit.width() * self.zoom)), max(1, int(fit.height() * self.zoom)))
        self.image.setPixmap(self.original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
        self.image.resize(size)

    def showEvent(self, event):
        super().showEvent(event)
        self._render()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._render()

    # -- facts ----------------------------------------------------------------------------------------------
    def fact_rows(self, e) -> List:
        """(label, text) of what is known about this file, in the user's language."""
        row = self.wp.evidence_details(e.id) if self.wp else None
        raw, ref, make, model, original, codes = row if row else (None, None, None, None, None, e.problem_codes)
        rows = []
        if e.kind == "photo":
            rows.append((self.tr("Taken"), local_time(e.taken_at, True, self.tr("%Y-%m-%d %H:%M")) or self.tr("no time")))
            rows.append((self.tr("Position"), f"{e.latitude:.6f}°N, {e.longitude:.6f}°E" if e.longitude is not None
                         else self.tr("no GPS position")))
            if e.azimuth is None:
                azimuth = self.tr("no azimuth")
            elif ref == "M" and raw is not None:
                azimuth = self.tr("{:.1f}° true north (camera: {:.1f}° magnetic)").format(e.azimuth, raw)
            else:
                azimuth = self.tr("{:.1f}° true north").format(e.azimuth)
            rows.append((self.tr("Azimuth"), azimuth))
            if e.distance_m is not None:
                away = (self.tr(", looks {:.0f}° away from the patch").format(e.azimuth_offset_deg)
                        if e.azimuth_offset_deg else "")
                rows.append((self.tr("Distance to the patch"), self.tr("{:.0f} m").format(e.distance_m) + away))
            if make or model:
                rows.append((self.tr("Camera"), " ".join(x for x in (make, model) if x)))
        problems = [c for c in (codes or "").split(",") if c]
        if problems:
            rows.append((self.tr("Problems"), user_text(Joined([Msg(PROBLEM_TEXT.get(c, c)) for c in problems]))))
        rows.append((self.tr("Original name"), original or os.path.basename(e.path)))
        rows.append(("sha256", e.sha256 or ""))
        return rows

    def _fill_facts(self, e) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        for label, text in self.fact_rows(e):
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.facts.addRow(label, value)
