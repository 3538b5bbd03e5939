"""What the dock says (issue 22 §3), in QGIS' real message bar: an error stays until it is closed and a long one
is whole behind 更多; news goes by itself; a file written says where, with a button that opens its folder."""
from qgis.core import Qgis
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QObject, Qt, QUrl, pyqtSlot
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QAbstractButton, QPushButton

from weipian_plugin.gui.messages import say, say_written


class Desk:
    """Where the dock finds QGIS' message bar: a real one."""

    def __init__(self):
        self.bar = QgsMessageBar()

    def messageBar(self):  # noqa: N802 - QGIS' name
        return self.bar


def test_an_error_stays_whole_and_news_goes(qgis_app):
    desk = Desk()
    long_error = "D:/下载/610902_2026_3_return.zip：没有 manifest.json，不是卫片执法的交换包。" * 3
    item = say(desk, long_error, Qgis.MessageLevel.Critical)
    assert item.duration() == 0  # until the user closes it
    assert len(item.text()) < len(long_error) and item.findChildren(QAbstractButton)  # 更多 holds the rest
    news = say(desk, "检查完成", Qgis.MessageLevel.Info)
    assert news.duration() > 0 and news.text() == "检查完成"
    warning = say(desk, "另一个导出仍在进行", Qgis.MessageLevel.Warning)
    assert warning.duration() == 0


class Opened(QObject):
    def __init__(self):
        super().__init__()
        self.urls = []

    @pyqtSlot(QUrl)
    def open(self, url):
        self.urls.append(url.toLocalFile())


def test_a_written_file_says_where_and_opens_its_folder(qgis_app, tmp_path):
    desk = Desk()
    path = tmp_path / "导出" / "610902_2026_3_upload.zip"
    item = say_written(desk, str(path))
    assert str(path) in item.text()
    button = item.findChild(QPushButton, "open_folder")
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")  # what the system's file manager would be asked
    try:
        button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert opened.urls == [str(tmp_path / "导出")]


def test_what_was_said_about_one_patch_stays_with_it(qgis_iface, qgis_new_project, package_path, tmp_path):
    """The result of attaching to one patch is not shown on the next one nor in another package; the removal's
    line gives way to the undo's."""
    import shutil

    from .conftest import set_user
    from .test_dock import open_dock_as

    set_user("五里镇 陈强", "verifier")
    d = open_dock_as(qgis_iface, package_path, "五里镇 陈强", "verifier")
    first, second = d.model.code_at(0), d.model.code_at(1)
    d.select_patch(first)
    photo = next(e for e in d.wp.evidence(first) if e.kind == "photo")
    from weipian_plugin.gui.evidence_panel import shown_file

    copy = shutil.copy(shown_file(d.wp, photo), tmp_path / "again.jpg")
    d.evidence.add_files([str(copy)])
    assert d.evidence.message.isVisibleTo(d) and d.evidence.message.text()
    d.select_patch(second)
    assert not d.evidence.message.isVisibleTo(d)  # said of the first patch: not on the second
    d.evidence.list.setCurrentRow(0)
    d.evidence.list.item(0).setSelected(True)
    assert d.evidence.remove_selected(confirm=False) == 1
    removed = d.evidence.message.text()
    assert d.evidence.undo_last_removal() == 1
    assert d.evidence.message.text() != removed  # the undo says what it did
    d.close_package()


def test_a_photos_number_is_the_same_on_the_map_and_its_thumbnail_and_survives_an_undone_removal(
        chinese_ui, qgis_iface, qgis_new_project, package_path):
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    from weipian_plugin.gui.layers import PHOTO_NUMBER

    from .conftest import set_user
    from .test_dock import open_dock_as

    set_user("五里镇 陈强", "verifier")
    d = open_dock_as(qgis_iface, package_path, "五里镇 陈强", "verifier")
    code = next(c for c in sorted(d.wp.patch_codes()) if len([e for e in d.wp.evidence(c) if e.kind == "photo"]) >= 3)
    d.select_patch(code)

    def on_map():
        layer = d.map.photo_layer
        layer.dataProvider().reloadData()
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        expression = QgsExpression(PHOTO_NUMBER)
        out = {}
        for f in layer.getFeatures(f"\"patch_code\" = '{code}'"):
            context.setFeature(f)
            out[f["sha256"]] = int(expression.evaluate(context))
        assert not expression.hasEvalError(), expression.evalErrorString()
        return out

    def on_thumbnails():
        shown = {}
        for i in range(d.evidence.list.count()):
            item = d.evidence.list.item(i)
            e = next(x for x in d.wp.evidence(code) if x.id == item.data(Qt.ItemDataRole.UserRole))
            if e.kind == "photo":
                shown[e.sha256] = int(item.text().split(" · ")[0])
        return shown

    before = on_map()
    assert before == on_thumbnails() and sorted(before.values()) == list(range(1, len(before) + 1))
    strip = d.evidence.list
    for i in range(strip.count()):  # the number beside the azimuth, whole under the thumbnail (not "1 · 方…")
        first_line = strip.item(i).text().split("\n")[0]
        assert strip.fontMetrics().horizontalAdvance(first_line) <= strip.gridSize().width() - 8, first_line
    second = next(i for i in range(d.evidence.list.count()) if d.evidence.list.item(i).text().startswith("2 · "))
    d.evidence.list.item(second).setSelected(True)
    assert d.evidence.remove_selected(confirm=False) == 1
    after_remove = on_map()
    assert after_remove == on_thumbnails() and 2 not in after_remove.values()  # the others keep theirs
    assert d.evidence.undo_last_removal() == 1
    assert on_map() == on_thumbnails() == before  # the photo is number 2 again
    d.close_package()
