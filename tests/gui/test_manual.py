"""The user manual (issue 21): Chinese, in docs/manual, its pictures taken from the plugin itself by
`make screenshots` (test_render runs the renderer under Xvfb as the target does), opened inside QGIS by the dock's
？ button and by F1."""
import os
import re

from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QTextDocument
from qgis.PyQt.QtTest import QTest

from weipian_plugin.paths import manual_path

from .conftest import TEST_SHOTS
from .render_dock import MANUAL_SHOTS
from .test_dock import open_dock_as


def _pictures():
    with open(manual_path(), encoding="utf-8") as fh:
        return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", fh.read())


def test_the_manual_shows_every_picture_the_renderer_makes():
    pictures = _pictures()
    assert sorted(os.path.basename(p) for p in pictures) == sorted(MANUAL_SHOTS + TEST_SHOTS)
    for p in pictures:
        assert os.path.isfile(os.path.join(os.path.dirname(manual_path()), p)), p
    with open(manual_path(), encoding="utf-8") as fh:
        text = fh.read()
    for section in ("乡镇", "外业", "内业审核", "上报包", "办公服务器", "市级"):
        assert section in text


def test_the_question_button_and_f1_open_the_manual_with_its_pictures(qgis_iface, qgis_new_project, package_path):
    d = open_dock_as(qgis_iface, package_path, "五里镇 陈强", "verifier")
    button = d.toolbar.help_button
    assert button.isVisible() and button.toolTip()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    from weipian_plugin.gui.manual import _OPEN

    dialog = _OPEN[0]
    assert dialog.isVisible()
    browser = dialog.browser
    assert "乡镇" in browser.toPlainText() and "使用手册" in browser.toPlainText()
    for picture in _pictures():
        image = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(picture))
        assert image is not None and not image.isNull(), picture
    dialog.close()
    assert not dialog.isVisible()
    d.table.setFocus()
    QTest.keyClick(d.table, Qt.Key.Key_F1)
    assert _OPEN[0].isVisible()
    _OPEN[0].close()
    d.close_package()
