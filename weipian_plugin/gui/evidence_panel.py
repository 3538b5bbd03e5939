"""Evidence of one patch: photo thumbnails with azimuth and problems, documents; add by dialog or drop."""
from __future__ import annotations

import os
from typing import Dict, List, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QIcon, QImage, QPixmap
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.messages import Msg
from ..core.model import DOCUMENT, PHOTO
from ..core.names import photo_number
from ..core.photo_reading import PROBLEM_TEXT, read_photo
from ..core.records import DOC_TYPES
from ..language import user_text
from ..services.photo_attach import attach_document, attach_reading
from ..store.work_package import PackageError
from .choice_buttons import FlowLayout
from .folders import last_folder, remember_folder
from .images import THUMB, load_image, placeholder
from .user_name import need_name

PHOTO_PATTERNS = "*.jpg *.jpeg *.JPG *.JPEG *.heic *.HEIC *.heif *.png *.tif *.tiff"
DOC_PATTERNS = "*.pdf *.PDF *.jpg *.jpeg *.JPG *.png *.tif *.tiff *.geojson"  # a boundary: the approved red line


def shown_file(wp, e) -> str:
    """The evidence file to show, or '' where its record names a place the package does not hold (shown as
    missing; the check names it)."""
    from ..store.work_package import PackageError

    try:
        return wp.evidence_file(e)
    except PackageError:
        return ""


class EvidencePanel(QWidget):
    changed = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.wp = None
        self.user = ""
        self.code: Optional[str] = None
        self.issues: Dict[int, List[str]] = {}
        self._said_of: Optional[str] = None  # the patch the message line speaks of
        self.setAcceptDrops(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 0, 2, 0)  # inside its box already: the height goes to the photos
        self.list = QListWidget()
        self.list.setObjectName("evidence_list")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        # one strip of thumbnails, scrolled sideways: the verdict above and the review below stay in view
        self.list.setGridSize(QSize(THUMB.width() + 32, THUMB.height() + 44))  # "1 · 方位 347°" whole
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setFixedHeight(THUMB.height() + 44 + self.list.horizontalScrollBar().sizeHint().height() + 4)
        self.list.setWordWrap(True)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(self._view)
        lay.addWidget(self.list)
        self.list.setToolTip(self.tr("Drop photos or scanned documents here"))
        self.hint = QLabel(self.tr("Drop photos or scanned documents here"))
        self.hint.setStyleSheet("color: #78909c;")
        lay.addWidget(self.hint)
        lay.addLayout(self._buttons())
        self._removed = []  # (patch code, records) of removals this session, newest last
        self.viewer = None
        self.message = QLabel()
        self.message.setObjectName("evidence_message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.message.setVisible(False)
        self.add_photos.clicked.connect(self.choose_photos)
        self.add_docs.clicked.connect(self._choose_documents)
        self.remove.clicked.connect(lambda _checked=False: self.remove_selected(confirm=True))
        self.undo_remove.clicked.connect(lambda _checked=False: self.undo_last_removal())
        self.setEnabled(False)

    def _buttons(self) -> FlowLayout:
        row = FlowLayout(spacing=4)  # wraps in a narrow dock
        self.add_photos = QToolButton()  # tool buttons: the row fits a narrow dock on one line
        self.add_photos.setText(self.tr("Add photos…"))
        self.add_photos.setToolTip(self.tr("Attach photos to this patch (Alt+A), or drop them on the page"))
        self.add_photos.setObjectName("add_photos")
        self.add_docs = QToolButton()
        self.add_docs.setText(self.tr("Add documents…"))
        self.add_docs.setObjectName("add_documents")
        self.doc_type = QComboBox()  # what the documents added next are: 批文, 违法案件材料, …
        self.doc_type.setObjectName("doc_type")
        self.doc_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.doc_type.setMinimumContentsLength(4)
        self.doc_type.setToolTip(self.tr("What the documents added or dropped next are"))
        for code in DOC_TYPES:
            self.doc_type.addItem(self.doc_type_label(code), code)
        self.remove = QToolButton()  # icons with their words as tooltip: the row stays one line on a laptop
        self.remove.setText(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Remove the selected evidence from this patch (asks first)"))
        self.remove.setIcon(QgsApplication.getThemeIcon("/mActionDeleteSelected.svg"))
        self.remove.setObjectName("remove_evidence")
        self.undo_remove = QToolButton()
        self.undo_remove.setText(self.tr("Undo remove"))
        self.undo_remove.setToolTip(self.tr("Undo remove"))
        self.undo_remove.setIcon(QgsApplication.getThemeIcon("/mActionUndo.svg"))
        self.undo_remove.setObjectName("undo_remove")
        self.undo_remove.setEnabled(False)
        for b in (self.add_photos, self.add_docs, self.doc_type, self.remove, self.undo_remove):
            row.addWidget(b)
        return row

    def tr(self, text):
        return QCoreApplication.translate("EvidencePanel", text)

    def set_user(self, user: str) -> None:
        self.user = user

    def _say(self, text: str) -> None:
        """Said of the patch shown now: another patch (or package) shown takes it away."""
        self._said_of = self.code if text else None
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def doc_type_label(self, code: Optional[str]) -> str:
        labels = {"approval": self.tr("Approval or record document"),
                  "case": self.tr("Case papers (filing, penalty, rectification)"),
                  "acceptance": self.tr("Acceptance papers"), "opinion": self.tr("Written review opinion"),
                  "other": self.tr("Other document")}
        return labels.get(code or "", self.tr("Document"))

    def set_context(self, wp, user: str) -> None:
        if wp is not self.wp:
            self._removed.clear()
            self.undo_remove.setEnabled(False)
        self.wp, self.user = wp, user
        self.load(None)

    def load(self, code: Optional[str], findings=()) -> None:
        if code != self._said_of:
            self._say("")
        self.code = code
        self.setEnabled(bool(self.wp and code))
        self.list.clear()
        self.issues = {}
        for f in findings:
            if f.evidence_id is not None:
                self.issues.setdefault(f.evidence_id, []).append(f.message_zh.split("：")[0])
        self.hint.setVisible(True)
        if not (self.wp and code):
            return
        for e in self.wp.evidence(code):
            full = shown_file(self.wp, e)
            item = QListWidgetItem(self._icon(full, e), self._caption(e))
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setToolTip(self._tooltip(e))
            if e.id in self.issues:
                item.setForeground(QColor("#d32f2f"))
            self.list.addItem(item)
        self.hint.setVisible(self.list.count() == 0)

    def _icon(self, full: str, e) -> QIcon:
        img = load_image(full, THUMB) if os.path.exists(full) else QImage()
        if img.isNull():
            label = os.path.splitext(full)[1].upper().lstrip(".") or "?"
            return QIcon(placeholder(self.tr("{} file").format(label) if os.path.exists(full) else self.tr("missing")))
        return QIcon(QPixmap.fromImage(img))

    def _caption(self, e) -> str:
        if e.kind == DOCUMENT:
            return self.doc_type_label(e.doc_type) + "\n" + os.path.basename(e.path)
        az = self.tr("az {:.0f}°").format(e.azimuth) if e.azimuth is not None else self.tr("no azimuth")
        number = photo_number(e.path)  # as on the map (the photo's stored name): kept after an undone removal
        lines = [f"{number} · {az}" if number is not None else az]
        if e.id in self.issues:
            lines.append("⚠ " + "; ".join(self.issues[e.id])[:60])
        elif e.problem_codes:
            lines.append("⚠ " + ", ".join(user_text(Msg(PROBLEM_TEXT.get(c, c)))
                                          for c in e.problem_codes.split(",") if c)[:60])
        return "\n".join(lines)

    def _tooltip(self, e) -> str:
        parts = [e.path, f"sha256 {e.sha256}"]
        if e.taken_at:
            parts.append(self.tr("taken {}").format(e.taken_at))
        if e.longitude is not None:
            parts.append(f"{e.latitude:.6f}, {e.longitude:.6f}")
        if e.distance_m is not None:
            parts.append(self.tr("{:.0f} m from the patch").format(e.distance_m))
        return "\n".join(parts)

    # -- adding and removing ---------------------------------------------------------------------------------
    def choose_photos(self):
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add photos"), last_folder("evidence"),
                                                self.tr("Photos ({})").format(PHOTO_PATTERNS))
        if paths:
            remember_folder("evidence", paths[0])
            self.add_files(paths, PHOTO)

    def _choose_documents(self):
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add documents"), last_folder("evidence"),
                                                self.tr("Documents ({})").format(DOC_PATTERNS))
        if paths:
            remember_folder("evidence", paths[0])
            self.add_files(paths, DOCUMENT, self.doc_type.currentData())

    def add_files(self, paths: List[str], kind: str = PHOTO, doc_type: Optional[str] = None) -> List[str]:
        """Attach files to the current patch (copied into the package); documents get their type. Returns one
        line per file."""
        if not (self.wp and self.code):
            return []
        if not need_name(self):
            self._say(self.tr("Not attached: evidence is recorded with the name of who attached it"))
            return []
        lines = []
        for path in paths:
            try:
                if kind == DOCUMENT:
                    row = attach_document(self.wp, self.code, path, self.user, doc_type or "approval")
                else:
                    row = attach_reading(self.wp, self.code, read_photo(path), self.user)
                text = {"attached": self.tr("attached"), "already_attached": self.tr("already attached"),
                        "unmatched": user_text(row.reason)}[row.status]
                if row.problem:
                    text += f" ({user_text(row.problem)})"
            except (OSError, PackageError, ValueError) as exc:  # ValueError: a boundary file that is not one
                text = self.tr("not attached: {}").format(user_text(exc))
            lines.append(f"{os.path.basename(path)}: {text}")
        self._say("\n".join(lines[-6:]))
        self.changed.emit(self.code)
        return lines

    def remove_selected(self, confirm: bool = True) -> int:
        items = self.list.selectedItems()
        if not items:
            return 0
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Remove evidence"),
                self.tr("Detach {} file(s) from patch {}? The files are kept on disk and the removal is logged.")
                .format(len(items), self.code))
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        done = []
        for item in items:
            try:
                done.append(self.wp.remove_evidence(int(item.data(Qt.ItemDataRole.UserRole)), self.user))
            except PackageError as exc:
                self._say(self.tr("NOT removed: {}").format(user_text(exc)))
                break
        if done:
            self._removed.append((self.code, done))
            self.undo_remove.setEnabled(True)
            self._say(self.tr("{} file(s) detached; the files stay on disk. Undo remove attaches them "
                                         "again.").format(len(done)))
        self.changed.emit(self.code)
        return len(done)

    def undo_last_removal(self) -> int:
        """Attach again what the last removal detached (the same files, hashes and readings); logged too."""
        if not self._removed or self.wp is None:
            return 0
        code, done = self._removed.pop()
        n = 0
        for record in done:
            try:
                self.wp.add_evidence(code, record, self.user, keep_origin=True,
                                     audit_detail={"undoes_removal_of": record.get("sha256")})
                n += 1
            except PackageError as exc:
                self._say(self.tr("NOT attached again: {}").format(user_text(exc)))
                break
        self.undo_remove.setEnabled(bool(self._removed))
        if n == len(done):
            self._say(self.tr("{} file(s) attached again.").format(n))
        self.changed.emit(code)
        return n

    # -- drag and drop from a file manager ---------------------------------------------------------------------
    def take_drops_on(self, widget) -> None:
        """Files dropped on `widget` (or on any part of it that takes no drops itself) come here."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            self.dragEnterEvent(event)
            return event.isAccepted()
        if kind == QEvent.Type.Drop and self.isEnabled() and event.mimeData().hasUrls():
            self.dropEvent(event)
            return True
        return super().eventFilter(obj, event)

    def dragEnterEvent(self, event):
        if self.isEnabled() and event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        photos = [p for p in paths if not p.lower().endswith(".pdf")]
        docs = [p for p in paths if p.lower().endswith(".pdf")]
        if photos:
            self.add_files(photos, PHOTO)
        if docs:
            self.add_files(docs, DOCUMENT, self.doc_type.currentData())
        event.acceptProposedAction()

    def _view(self, item):
        self.view(item.data(Qt.ItemDataRole.UserRole))

    def view(self, evidence_id: int):
        """Open the viewer on this evidence, with the patch's others one key away."""
        from .photo_viewer import PhotoViewer

        items = [(shown_file(self.wp, e), e) for e in self.wp.evidence(self.code)]
        index = next((i for i, (_p, e) in enumerate(items) if e.id == evidence_id), 0)
        self.viewer = PhotoViewer(self.wp, items, index, self)
        self.viewer.open()
        return self.viewer
