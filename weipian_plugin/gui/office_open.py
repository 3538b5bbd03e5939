"""Choosing a work package on the county office's server: one of QGIS' saved PostgreSQL connections (their
credentials stay in QGIS' authentication database), then one of the work packages (schemas) it holds."""
from __future__ import annotations

from typing import List, Optional, Tuple

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from ..store.pg_connect import package_schemas


def saved_connections() -> List[str]:
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(metadata.connections().keys()) if metadata is not None else []


class OfficeOpenDialog(QDialog):
    def __init__(self, parent=None, hubs: bool = False):
        super().__init__(parent)
        self.hubs = hubs
        self.setObjectName("office_open")
        self.setWindowTitle(self.tr("Open the city hub") if hubs else
                            self.tr("Open a work package on the office server"))
        lay = QFormLayout(self)
        self.connection = QComboBox()
        self.connection.setObjectName("office_connection")
        self.connection.addItems(saved_connections())
        self.schema = QComboBox()
        self.schema.setObjectName("office_schema")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c00000;")
        lay.addRow(self.tr("PostgreSQL connection"), self.connection)
        lay.addRow(self.tr("City hub") if hubs else self.tr("Work package"), self.schema)
        lay.addRow(self.message)
        if not self.connection.count():
            self.message.setText(self.tr("QGIS has no PostgreSQL connection yet: add one in the Browser "
                                         "(PostgreSQL → New Connection), with an authentication configuration."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        lay.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.connection.currentIndexChanged.connect(self._fill_schemas)
        self._fill_schemas()

    def tr(self, text):
        return QCoreApplication.translate("OfficeOpenDialog", text)

    def _fill_schemas(self, *_):
        from ..language import user_text

        self.schema.clear()
        name = self.connection.currentText()
        if not name:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        try:
            for schema, label in package_schemas(name, self.hubs):
                self.schema.addItem(label, schema)
            self.message.setText("" if self.schema.count() else
                                 self.tr("No city hub on this database that your login may read.") if self.hubs else
                                 self.tr("No work package on this database that your login may read."))
        except Exception as exc:  # a refused login, an unreachable server: said, nothing else happens
            self.message.setText((user_text(exc).strip().splitlines() or [type(exc).__name__])[0])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.schema.count() > 0)

    def choice(self) -> Optional[Tuple[str, str]]:
        if not self.schema.count():
            return None
        return self.connection.currentText(), self.schema.currentData()
