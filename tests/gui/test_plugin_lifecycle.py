"""Load and unload the plugin ten times: no leaked docks, providers, layers, translators or connections."""
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget

from weipian_plugin import classFactory

from .conftest import set_user, wait_for


def _docks(iface):
    return [d for d in iface.mainWindow().findChildren(QDockWidget)
            if d.objectName() in ("WeipianDock", "WeipianCityDock")]


def test_reload_ten_times_leaves_nothing_behind(qgis_iface, qgis_new_project, package_path):
    set_user("五里镇 陈强")
    registry = QgsApplication.processingRegistry()
    if registry.providerById("weipian") is not None:  # registered by other tests: the plugin must own its own
        registry.removeProvider(registry.providerById("weipian"))
    project = QgsProject.instance()
    receivers_before = project.receivers(project.readProject)
    for _ in range(10):
        plugin = classFactory(qgis_iface)
        plugin.initGui()
        assert QgsApplication.processingRegistry().providerById("weipian") is not None
        plugin.toggle_dock(True)
        assert not plugin.show_city_dock().isHidden()  # the city reviewer's dock goes with the plugin too
        assert plugin.dock.open_package(package_path)
        wait_for(lambda p=plugin: p.dock.task is None)
        assert len(project.mapLayers()) == 2
        assert project.receivers(project.readProject) == receivers_before + 1
        plugin.unload()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        assert QgsApplication.processingRegistry().providerById("weipian") is None
        assert project.mapLayers() == {}
        assert _docks(qgis_iface) == []
        assert project.receivers(project.readProject) == receivers_before
        assert plugin.translator is None and plugin.action is None

