"""The city's list of patches: every patch as its county last reported it, with the city's review state, filtered
by county and state; the states' names and colours on the map."""
from __future__ import annotations

from typing import List, Optional

from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from ..core.model import VERDICT_ZH


def state_text(state: str) -> str:
    return {"unreviewed": QCoreApplication.translate("CityDock", "not reviewed"),
            "pass": QCoreApplication.translate("CityDock", "passed"),
            "return": QCoreApplication.translate("CityDock", "returned to the county"),
            "determine": QCoreApplication.translate("CityDock", "determined by the city"),
            "resubmitted": QCoreApplication.translate("CityDock", "reported again, to review")}[state]


STATE_COLOURS = {"unreviewed": "#9e9e9e", "resubmitted": "#ff9800", "return": "#e53935", "determine": "#6a1b9a",
                 "pass": "#43a047"}


def state_renderer():
    """The hub's patches coloured by the city's review state (outline only: the imagery stays visible)."""
    from qgis.core import QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsRendererCategory

    categories = []
    for state, colour in STATE_COLOURS.items():
        symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": colour, "outline_width": "0.8"})
        categories.append(QgsRendererCategory(state, symbol, state_text(state)))
    return QgsCategorizedSymbolRenderer("city_state", categories)


class CityPatchModel(QAbstractTableModel):
    """One row a current patch: code, county, township, class, 耕地 mu, the county's verdict, the city's state."""

    COLUMNS = ("code", "county", "verdict", "state", "mu", "class", "township")  # what a reviewer reads first

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: List[list] = []
        self.rows: List[list] = []
        self.county = self.state = None
        self.names: dict = {}  # county code → its name (the hub's list of the city's divisions)

    def load(self, hub) -> None:
        self.names = hub.divisions()
        states = hub.review_states()
        rows = hub.patch_list_rows()
        self.beginResetModel()
        self._all = [[c, county, verdict or "", states.get(c, ("", "unreviewed", None))[1], mu or 0.0, cls or "",
                      town or ""] for c, county, town, cls, mu, verdict in rows]
        self._filter()
        self.endResetModel()

    def set_filter(self, county: Optional[str], state: Optional[str]) -> None:
        self.beginResetModel()
        self.county, self.state = county, state
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self.rows = [r for r in self._all if (not self.county or r[1] == self.county)
                     and (not self.state or r[3] == self.state)]

    def set_state(self, code: str, state: str) -> None:
        for r in self._all:
            if r[0] == code:
                r[3] = state
        for i, r in enumerate(self.rows):
            if r[0] == code:
                self.dataChanged.emit(self.index(i, 3), self.index(i, 3))

    def counties(self) -> List[str]:
        return sorted({r[1] for r in self._all})

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return len(self.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self.rows[index.row()][index.column()]
        if index.column() == 4:
            return f"{value:.2f}"
        if index.column() == 1:
            return self.names.get(value, value)
        if index.column() == 2:
            return VERDICT_ZH.get(value, value)
        if index.column() == 3:
            return state_text(value)
        return value

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (QCoreApplication.translate("CityDock", "Code"), QCoreApplication.translate("CityDock", "County"),
                QCoreApplication.translate("CityDock", "County's verdict"),
                QCoreApplication.translate("CityDock", "City review"),
                QCoreApplication.translate("CityDock", "耕地 (亩)"), QCoreApplication.translate("CityDock", "Class"),
                QCoreApplication.translate("CityDock", "Township"))[section]

    def code_at(self, row: int) -> str:
        return self.rows[row][0]
