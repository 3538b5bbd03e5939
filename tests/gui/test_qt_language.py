"""Qt's own words in Chinese (issue 22 §1): QGIS set to 简体中文 from its list (zh-Hans) loads no Qt translation
(it asks for qt_zh-Hans, which does not exist), so Qt's buttons and file dialogs stayed English; the plugin loads
Qt's zh_CN translation with its own, and takes it away again when it unloads. The findings' tooltips are Chinese."""
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QDialogButtonBox

from weipian_plugin import classFactory


def _cancel_text():
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Open)
    return [box.button(b).text().replace("&", "") for b in (QDialogButtonBox.StandardButton.Cancel,
                                                             QDialogButtonBox.StandardButton.Open)]


def test_qt_buttons_speak_chinese_with_the_plugin_and_english_after_it(qgis_iface):
    settings = QgsSettings()
    before = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", "zh-Hans")
    try:
        assert _cancel_text() == ["Cancel", "Open"]  # what QGIS leaves: Qt in English
        plugin = classFactory(qgis_iface)
        plugin.initGui()
        assert _cancel_text() == ["取消", "打开"]
        assert QCoreApplication.translate("DockToolbar", "Next to do") == "下一个待办"  # the plugin's own too
        plugin.unload()
        assert _cancel_text() == ["Cancel", "Open"]  # nothing of the plugin's stays behind
    finally:
        if before is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", before)


def test_english_qgis_gets_no_qt_translation(qgis_iface):
    settings = QgsSettings()
    before = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", "en_US")
    try:
        plugin = classFactory(qgis_iface)
        plugin.initGui()
        assert _cancel_text() == ["Cancel", "Open"]
        plugin.unload()
    finally:
        if before is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", before)


def test_findings_tooltips_are_chinese(chinese_ui, dock):
    """The rule, the message and where it comes from, in the notices' words: no English message under 简体中文."""
    from qgis.PyQt.QtCore import Qt

    model = dock.findings.package_model
    assert model.rowCount() > 0
    tips = [model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    for f, tip in zip(model.items, tips):
        assert f.message_zh in tip and f.message_en not in tip
