"""Settings → Options → 卫片执法: user name, default role, profile, tolerance overrides."""
from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLineEdit

from ..core.profile import available_profiles
from ..settings import REVIEWER, VERIFIER, Settings


class OptionsPage(QgsOptionsPageWidget):
    def tr(self, text):
        from qgis.PyQt.QtCore import QCoreApplication

        return QCoreApplication.translate("OptionsPage", text)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.settings = Settings.load()
        form = QFormLayout(self)
        self.user_name = QLineEdit(self.settings.user_name)
        self.user_name.setObjectName("user_name")
        form.addRow(self.tr("Your name (verifier / reviewer)"), self.user_name)
        self.role = QComboBox()
        self.role.addItem(self.tr("Township verification"), VERIFIER)
        self.role.addItem(self.tr("County review"), REVIEWER)
        self.role.setCurrentIndex(max(0, self.role.findData(self.settings.role)))
        form.addRow(self.tr("Default mode"), self.role)
        self.profile = QComboBox()
        self.profile.setEditable(True)
        self.profile.addItems(available_profiles())
        self.profile.setCurrentText(self.settings.profile)
        form.addRow(self.tr("Rule profile for new packages"), self.profile)
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0, 5000)
        self.distance.setSuffix(" m")
        self.distance.setSpecialValueText(self.tr("profile value"))
        self.distance.setValue(self.settings.max_photo_distance_m)
        form.addRow(self.tr("Maximum photo distance from the patch"), self.distance)
        self.azimuth = QDoubleSpinBox()
        self.azimuth.setRange(0, 90)
        self.azimuth.setSuffix(" °")
        self.azimuth.setSpecialValueText(self.tr("profile value"))
        self.azimuth.setValue(self.settings.azimuth_tolerance_deg)
        form.addRow(self.tr("Azimuth tolerance"), self.azimuth)
        self.base_map = QLineEdit(self.settings.dossier_imagery)
        self.base_map.setObjectName("base_map")
        self.base_map.setPlaceholderText("https://…/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={key}")
        self.base_map.setToolTip(self.tr("Drawn under the patches, beside each patch and under the dossier maps when "
                                         "a batch has no before/after imagery: a raster file, or a tile address with "
                                         "{z}, {x}, {y} (and {key} where the service wants its key)."))
        form.addRow(self.tr("Base map (when a batch has no imagery)"), self.base_map)
        self.base_map_key = QLineEdit(self.settings.base_map_key)
        self.base_map_key.setObjectName("base_map_key")
        self.base_map_key.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        form.addRow(self.tr("Base map key (天地图 tk)"), self.base_map_key)

    def apply(self):
        s = self.settings
        s.user_name = self.user_name.text().strip()
        s.role = self.role.currentData()
        s.profile = self.profile.currentText().strip()  # empty: chosen by the county code
        s.max_photo_distance_m = self.distance.value()
        s.azimuth_tolerance_deg = self.azimuth.value()
        s.dossier_imagery = self.base_map.text().strip()
        s.base_map_key = self.base_map_key.text().strip()
        s.save("user_name", "role", "profile", "max_photo_distance_m", "azimuth_tolerance_deg", "dossier_imagery",
               "base_map_key")
        from .user_name import notifier

        notifier().changed.emit()  # the open docks take the new name (and base map, on the next open) at once


class OptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self, icon_path: str):
        super().__init__()
        self.setTitle("卫片执法")
        self._icon = QIcon(icon_path)

    def icon(self):
        return self._icon

    def createWidget(self, parent):
        return OptionsPage(parent)
