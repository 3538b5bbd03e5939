"""The QGIS plugin object: Processing provider, dock, toolbar button, menu entry, options page."""
import os

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .language import install_qt_translator, install_translator
from .paths import resources_dir

MENU = "&卫片执法"


class WeipianPlugin:
    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        self.translator = install_translator()
        self.qt_translator = install_qt_translator()  # Qt's buttons and file dialogs too, where QGIS left them
        self.action = None
        self.dock = None
        self.city_dock = None
        self.city_action = None
        self.options_factory = None
        self._connections = []

    def initProcessing(self):  # noqa: N802 - QGIS API name
        from .processing.provider import WeipianProvider

        if self.provider is None:
            provider = WeipianProvider()
            # the registry refuses (and deletes) a second provider with the same id
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    def initGui(self):  # noqa: N802 - QGIS API name
        self.initProcessing()
        if self.iface is None:
            return
        from .gui import main_thread
        from .gui.options_page import OptionsFactory

        main_thread.install()  # the workers hand Python's collector back to this thread (core/collector)

        icon = os.path.join(resources_dir(), "icons", "weipian.svg")
        self.action = QAction(QIcon(icon), QCoreApplication.translate("WeipianPlugin", "卫片执法 field verification"),
                              self.iface.mainWindow())
        self.action.setObjectName("weipian_open_dock")
        self.action.setCheckable(True)
        self.action.triggered.connect(self.toggle_dock)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToMenu(MENU, self.action)
        self.city_action = QAction(QIcon(icon), QCoreApplication.translate("WeipianPlugin", "City review (city hub)"),
                                   self.iface.mainWindow())
        self.city_action.setObjectName("weipian_city_review")
        self.city_action.triggered.connect(self.show_city_dock)
        self.iface.addPluginToMenu(MENU, self.city_action)
        self.options_factory = OptionsFactory(icon)
        self.iface.registerOptionsWidgetFactory(self.options_factory)
        project = QgsProject.instance()
        project.readProject.connect(self._project_read)
        self._connections.append((project.readProject, self._project_read))

    def dock_widget(self):
        if self.dock is None:
            from .gui.dock import WeipianDock

            self.dock = WeipianDock(self.iface, self.iface.mainWindow())
            self._add_dock(self.dock, self.city_dock)
            self.dock.visibilityChanged.connect(self.action.setChecked)
            self.dock.open_from_project()
        return self.dock

    def _add_dock(self, dock, beside=None) -> None:
        """On the right, tabbed with the plugin's other dock when it is there: two docks stacked grew QGIS' window
        taller than a laptop's screen (the status bar went off it)."""
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window = self.iface.mainWindow()
        if beside is not None and window is not None and hasattr(window, "tabifyDockWidget"):
            window.tabifyDockWidget(beside, dock)

    def show_city_dock(self, *_):
        """The city reviewer's screen, beside the county's dock."""
        if self.city_dock is None:
            from .gui.city_dock import CityDock

            self.city_dock = CityDock(self.iface, self.iface.mainWindow())
            self._add_dock(self.city_dock, self.dock)
        self.city_dock.show()
        self.city_dock.raise_()
        return self.city_dock

    def toggle_dock(self, checked=True):
        dock = self.dock_widget()
        dock.setVisible(bool(checked))
        if checked:
            dock.raise_()

    def _project_read(self, *_):
        if self.dock is not None:
            self.dock.open_from_project()

    def unload(self):
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except TypeError:
                pass
        self._connections = []
        if self.dock is not None:
            self.dock.close_package()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.city_dock is not None:
            self.city_dock.close()
            self.iface.removeDockWidget(self.city_dock)
            self.city_dock.deleteLater()
            self.city_dock = None
        if self.city_action is not None:
            self.iface.removePluginMenu(MENU, self.city_action)
            self.city_action.deleteLater()
            self.city_action = None
        if self.action is not None:
            self.iface.removePluginMenu(MENU, self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        for name in ("translator", "qt_translator"):
            if getattr(self, name) is not None:
                QCoreApplication.removeTranslator(getattr(self, name))
                setattr(self, name, None)
