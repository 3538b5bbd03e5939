"""The first day at a desk (issue 22 §1): no name set yet. The first save asks for the name in a small dialog and
saves after it; a declined dialog saves nothing and says why at the top and on the form; a name typed in the
options reaches the open dock at once, and the recent list never writes the other settings back."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QInputDialog

from weipian_plugin.settings import Settings

from .conftest import on_next_modal, wait_for
from .test_dock import open_dock_as, unverified_with_cultivated


def _answer(name):
    """Answer the name dialog when it opens (it is modal), with a name or by cancelling (None); records it."""
    seen = []

    def act(dialog):
        seen.append(dialog.objectName())
        if name is None:
            dialog.reject()
        else:
            dialog.setTextValue(name)
            dialog.accept()

    on_next_modal(QInputDialog, act)
    return seen


def test_the_first_save_asks_for_the_name_and_saves_after_it(qgis_iface, qgis_new_project, package_path):
    d = open_dock_as(qgis_iface, package_path, "", "verifier")
    code = unverified_with_cultivated(d)
    d.select_patch(code)
    assert d.page.name_banner.isVisibleTo(d) and d.form.isEnabled()  # said at the top, nothing hidden
    seen = _answer("五里镇 陈强")
    QTest.mouseClick(d.form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    assert seen == ["user_name_dialog"]
    v = d.wp.verification(code)
    assert (v.verdict, v.verifier) == ("WF", "五里镇 陈强")
    assert Settings.load().user_name == "五里镇 陈强"  # remembered
    assert not d.page.name_banner.isVisibleTo(d) and d.evidence.user == d.review.reviewer == "五里镇 陈强"
    d.close_package()


def test_a_declined_name_saves_nothing_and_says_why(qgis_iface, qgis_new_project, package_path):
    d = open_dock_as(qgis_iface, package_path, "", "verifier")
    code = unverified_with_cultivated(d)
    d.select_patch(code)
    seen = _answer(None)
    QTest.mouseClick(d.form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    assert seen == ["user_name_dialog"]
    assert d.wp.verification(code) is None or d.wp.verification(code).verdict is None
    assert not d.form.verdict_buttons["WF"].isChecked()  # the click undone: what is stored shows
    assert not d.form.isEnabled() and ("name" in d.form.status.text().lower() or "姓名" in d.form.status.text())
    assert d.page.name_banner.isVisibleTo(d)
    # the banner's button asks again; a name given there opens the form
    seen = _answer("五里镇 陈强")
    QTest.mouseClick(d.page.name_banner.findChild(type(d.form.undo_button), "set_name"), Qt.MouseButton.LeftButton)
    assert seen == ["user_name_dialog"] and d.form.isEnabled() and not d.page.name_banner.isVisibleTo(d)
    d.close_package()


def test_the_options_reach_the_open_dock_and_the_recent_list_keeps_them(qgis_iface, qgis_new_project,
                                                                        package_path):
    from weipian_plugin.gui.options_page import OptionsPage

    d = open_dock_as(qgis_iface, package_path, "", "verifier")
    page = OptionsPage()
    page.user_name.setText("五里镇 王芳")
    page.apply()
    assert d.form.user == d.evidence.user == d.records.user == "五里镇 王芳"  # live, no restart
    d.close_package()
    assert d.open_package(package_path)  # from the recent list: the name is not written back empty
    wait_for(lambda: d.task is None)
    assert Settings.load().user_name == "五里镇 王芳" and Settings.load().recent()[0] == d.wp.path
    d.close_package()


def test_a_package_in_the_temporary_folder_is_said_once_and_one_elsewhere_is_not(qgis_iface, qgis_new_project,
                                                                               package_path, tmp_path, monkeypatch):
    """A package opened from the system's temporary folder (a download or a zip opened in place) may be wiped:
    the dock says so when it opens; a package kept elsewhere opens without the warning. The system's temporary
    folder is made one of the test's own (TMPDIR, as Qt reads it), so the test holds wherever the checkout is."""
    import shutil

    from weipian_plugin.gui.dock import WeipianDock

    system_temp = tmp_path / "系统临时"
    system_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_temp))
    d = WeipianDock(qgis_iface)
    said = []
    d.session.message.connect(lambda text, level: said.append(text))
    for where, warned in ((system_temp, True), (tmp_path / "文档", False)):
        where.mkdir(exist_ok=True)
        copy = shutil.copy(package_path, where / "county.gpkg")
        shutil.copytree(package_path[:-5] + "_evidence", str(where / "county_evidence"))
        said.clear()
        assert d.open_package(str(copy))
        wait_for(lambda: d.task is None)
        temporary = [t for t in said if str(system_temp) in t and ("temporary" in t or "临时" in t)]
        assert len(temporary) == (1 if warned else 0), said
        d.close_package()
