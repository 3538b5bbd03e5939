"""The dock's top row: open (a file, a zip, the office server; the recent ones in its menu), township or county
mode, next to do, pick on the map, attach a folder of photos; the gate's buttons join it (placed by the dock).
The buttons wrap onto a second line in a narrow dock."""
from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QComboBox, QMenu, QPushButton, QShortcut, QToolButton, QWidget

from ..settings import REVIEWER, VERIFIER
from .choice_buttons import FlowLayout


class DockToolbar(QWidget):
    def __init__(self, role: str, parent=None):
        super().__init__(parent)
        self.row = FlowLayout(self, spacing=4)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.open_button = QToolButton()
        self.open_button.setObjectName("open_package")
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setToolTip(self.tr("Open a work package (.gpkg) or an assignment package (.zip)"))
        self.open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.recent_menu = QMenu(self.open_button)
        self.open_button.setMenu(self.recent_menu)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        self.mode.addItem(self.tr("Township verification"), VERIFIER)
        self.mode.addItem(self.tr("County review"), REVIEWER)
        self.mode.setCurrentIndex(max(0, self.mode.findData(role)))
        self.next_button = QPushButton(self.tr("Next to do"))
        self.next_button.setObjectName("next_todo")
        self.next_button.setToolTip(self.tr("Next patch still to do in this mode (Alt+N)"))
        self.pick_button = QPushButton(self.tr("Pick on map"))
        self.pick_button.setObjectName("pick")
        self.pick_button.setCheckable(True)
        self.attach_button = QPushButton(self.tr("Attach photos…"))
        self.attach_button.setObjectName("attach_folder")
        self.attach_button.setToolTip(self.tr("Attach a folder of photos: each goes to the patch it was taken at"))
        self.phase_button = QPushButton(self.tr("After"))
        self.phase_button.setObjectName("flip_phase")
        self.phase_button.setToolTip(self.tr("The imagery on the map: flip between before (前时相) and after (后时相) "
                                             "(Alt+T)"))
        self.help_button = QToolButton()
        self.help_button.setObjectName("manual_button")
        self.help_button.setText("？")
        self.help_button.setToolTip(self.tr("User manual (F1)"))
        self.help_button.clicked.connect(lambda _c=False: self.show_manual())
        self._help_key = None  # F1 anywhere in the dock (not in the rest of QGIS, whose F1 is its own help)
        for w in (self.open_button, self.mode, self.next_button, self.pick_button, self.phase_button,
                  self.help_button):
            self.row.addWidget(w)

    def tr(self, text):
        return QCoreApplication.translate("DockToolbar", text)

    def showEvent(self, event):
        super().showEvent(event)
        if self._help_key is None and self.parentWidget() is not None:  # placed in the dock's body by now
            self._help_key = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self.parentWidget(),
                                       self.show_manual, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def show_manual(self):
        from .manual import show_manual

        return show_manual(self.window())

    def add(self, *widgets) -> None:
        """The dock's own buttons join the row; the manual's ？ stays last."""
        self.row.removeWidget(self.help_button)
        for w in widgets:
            self.row.addWidget(w)
        self.row.addWidget(self.help_button)

    def set_open(self, is_open: bool) -> None:
        for w in (self.next_button, self.pick_button, self.attach_button):
            w.setEnabled(is_open)
        if not is_open:
            self.show_phase("")

    def set_role(self, role: str) -> None:
        """The county's reviewer attaches no photos: its button leaves room for the imagery's (two rows at a
        laptop's dock width)."""
        self.attach_button.setVisible(role != REVIEWER)

    def show_phase(self, label: str, phases: int = 2) -> None:
        """The button names the imagery on the map; it flips only between two."""
        names = {"前时相": self.tr("Before"), "后时相": self.tr("After"), "底图": self.tr("Base map")}
        self.phase_button.setText(f"{names.get(label, self.tr('No imagery'))} ⇄" if phases == 2
                                  else names.get(label, self.tr("No imagery")))
        self.phase_button.setEnabled(phases == 2)
        self.phase_button.setVisible(phases > 0)  # a township's package has none: no button to puzzle over
        self.phase_button.setToolTip(
            self.tr("The imagery on the map: flip between before (前时相) and after (后时相) (Alt+T)") if phases == 2
            else self.tr("No before/after imagery for this batch: set it with the Packages menu (Set the batch's "
                         "imagery), or a base map in the options."))
