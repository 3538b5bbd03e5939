"""The patch the dock is on: choosing it (from the list, the map, a finding, "next to do"), showing it (its page,
its findings, its outline on the map) and keeping it shown while the package changes underneath."""
from __future__ import annotations

from typing import Optional

from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication, QTimer

from ..services.package_check import check_patch
from ..settings import REVIEWER


class PatchFocus:
    def __init__(self, dock):
        """dock: the package and profile open, the mode, and the parts that show a patch."""
        self.dock = dock
        self.current: Optional[str] = None
        self.opening = False  # while a package opens, the map shows the whole package

    def tr(self, text):
        return QCoreApplication.translate("PatchFocus", text)

    def select(self, code: str) -> bool:
        if not code or self.dock.wp is None:
            return False
        if self.dock.model.row_of(code) < 0:  # filtered away: the filters are cleared so it can be shown
            self.dock.patches.clear_filters()
        return self.reselect(code, zoom=True)

    def chosen(self, code: str) -> None:
        """The list's current row moved (a click, the keyboard, a filter): its patch is shown."""
        if self.dock.wp is not None and code != self.current:
            self.show(code, zoom=not self.opening)

    def reselect(self, code: str, zoom: bool) -> bool:
        if not self.dock.patches.select_row(code):
            return False
        if code != self.current:
            self.show(code, zoom)
        return True

    def again(self, zoom: bool = False) -> None:
        """Show the chosen patch anew (its panels were emptied, or it changed)."""
        if self.current:
            code, self.current = self.current, None
            self.reselect(code, zoom)

    def after_decision(self, code: str) -> None:
        """After a pass or a return the next patch still to review opens (the decided one stays in the list)."""
        if self.dock.mode.currentData() == REVIEWER and code == self.current:
            QTimer.singleShot(0, self.next_to_do)

    def next_to_do(self):
        dock = self.dock
        if dock.wp is None:
            return None
        code = dock.patches.next_to_do(self.current, dock.mode.currentData())
        if code:
            self.select(code)
        else:
            dock._message(self.tr("Nothing left to do in this mode."), Qgis.MessageLevel.Success)
        return code

    def show(self, code: str, zoom: bool) -> None:
        self.dock.page.load(code)
        self.current = code
        self.refresh_findings(code)
        self.dock.map.show_patch(self.dock.wp, code, zoom)

    def refresh_findings(self, code: str):
        dock = self.dock
        findings = check_patch(dock.wp, code, dock.profile)
        dock.page.show_findings(code, findings)
        dock.model.refresh_rows(dock.wp, [code])
        return findings

    def changed(self, code: str) -> None:
        """A panel saved something of this patch: its findings, the decision panel, the gate and the map."""
        self.refresh_findings(code)
        if code == self.current:
            self.dock.review.load(code)
        self.dock._update_coverage()
        self.dock.map.repaint()
