"""One screen per decision at laptop size (the dock as it sits beside the map on a 1366×768 screen, 440×700):
the verdict, its photos and the reviewer's pass/return in view together, no tab to change, and the clicks of
the township's common path counted."""
from qgis.PyQt.QtCore import QMimeData, QPointF, Qt, QUrl
from qgis.PyQt.QtGui import QDragEnterEvent, QDropEvent, QRegion
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from .conftest import on_next_modal, set_user, type_text
from .test_dock import unverified_with_cultivated

LAPTOP = (440, 700)


def in_view(widget) -> bool:
    """Shown on screen now, not scrolled away or covered: Qt's own visible region of the widget."""
    QApplication.processEvents()
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class Clicks:
    """Every mouse click and drop of the scenario goes through here, on a widget the user can see."""

    def __init__(self):
        self.count = 0

    def click(self, widget, pos=None):
        assert in_view(widget), f"{widget.objectName() or widget} is not in view"
        if pos is None:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        self.count += 1

    def drop(self, widget, paths):
        """One drag from the file manager, let go over the widget: enter, then drop, as Qt delivers them."""
        assert in_view(widget)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
        at = widget.visibleRegion().boundingRect().center()
        enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, enter)
        assert enter.isAccepted()
        QApplication.sendEvent(widget, QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime,
                                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        self.count += 1


def scroll_to(dock, widget):
    """The wheel, not a click: the patch page scrolls the widget into view."""
    dock.patch_scroll.ensureWidgetVisible(widget, 0, 8)


def test_verify_one_illegal_patch_with_three_photos_in_eight_clicks(chinese_ui, dock, sample):
    """Before (tabs 核实/举证 and combo boxes): row 1, 违法 1, 具体类型 2, 违法类别 2, 乱占耕地建房 1, basis 1,
    整改情况 2, tab 举证 1, 添加照片 1, three photos picked in the file dialog and 打开 3 = 16 clicks.
    Now the choices are buttons and the photos sit on the same page: 8."""
    dock.resize(*LAPTOP)
    code = unverified_with_cultivated(dock)
    row = next(r for r in range(dock.model.rowCount()) if dock.model.code_at(r) == code)
    dock.table.scrollTo(dock.model.index(row, 0))
    photos = [p.path for p in sample.photos if p.case == "normal" and p.patch_code != code][:3]
    assert len(photos) == 3
    form, user = dock.form, Clicks()
    photos_before = len([e for e in dock.wp.evidence(code) if e.kind == "photo"])

    user.click(dock.table.viewport(), dock.table.visualRect(dock.model.index(row, 0)).center())
    assert dock.current == code
    user.click(form.verdict_buttons["WF"])
    user.click(form.subtype.button("违法占地"))
    scroll_to(dock, form.category)  # the wheel, not a click
    user.click(form.category.button("新增建设用地违法"))
    scroll_to(dock, form.housing_box)
    user.click(form.housing_yes)
    scroll_to(dock, form.basis)
    user.click(form.basis)
    type_text(form.basis, "未经批准占用耕地建房，现场已建成两层住宅。")
    scroll_to(dock, form.rectification)
    user.click(form.rectification.button("整改中"))
    # the photos, dragged from the file manager onto the patch's page wherever it is scrolled to
    user.drop(dock.patch_scroll.widget(), photos)
    form.flush()

    v = dock.wp.verification(code)
    assert (v.verdict, v.subtype, v.category, v.illegal_cultivated_housing, v.rectification) == \
        ("WF", "违法占地", "新增建设用地违法", True, "整改中")
    assert v.basis == "未经批准占用耕地建房，现场已建成两层住宅。"
    assert len([e for e in dock.wp.evidence(code) if e.kind == "photo"]) == photos_before + 3
    assert dock.tabs.currentWidget() is dock.patch_page  # never left the page
    assert user.count == 8  # half of the 16 before


def test_a_chosen_button_clears_when_clicked_again_and_the_store_follows(dock):
    code = unverified_with_cultivated(dock)
    dock.select_patch(code)
    form = dock.form
    QTest.mouseClick(form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    button = form.rectification.button("整改中")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dock.wp.verification(code).rectification == "整改中" and button.isChecked()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dock.wp.verification(code).rectification is None and not button.isChecked()
    form.undo()
    assert form.rectification.currentData() == "整改中"


def test_reviewer_sees_verdict_photos_and_decision_together_at_laptop_size(chinese_ui, dock):
    set_user("县卫片办 李明", "reviewer")
    dock._reload_contexts()
    dock.mode.setCurrentIndex(dock.mode.findData("reviewer"))
    dock.resize(*LAPTOP)
    code = next(c for c in sorted(dock.wp.patch_codes()) if dock.wp.evidence(c))
    dock.wp.set_verification(code, "五里镇 陈强", verdict="HF", subtype="依法批准用地", basis="已批准。")
    dock.select_patch(code)
    dock.reload_from_store()
    assert "依法批准用地" in dock.form.summary.text()
    assert in_view(dock.form.summary)
    assert in_view(dock.evidence.list) and dock.evidence.list.count() == len(dock.wp.evidence(code))
    strip = dock.evidence.list
    first = QRegion(strip.visualItemRect(strip.item(0)))
    assert strip.viewport().visibleRegion().intersected(first) == first  # the first thumbnail whole on screen
    assert in_view(dock.review.opinion) and in_view(dock.review.pass_button) and in_view(dock.review.return_button)
    assert not dock.form.verdict_box.isVisible()  # the reviewer reads, the form is for the township


def test_the_dock_fits_beside_the_map_on_a_laptop(chinese_ui, dock):
    """Narrower than 600 px (the button rows wrap), and the township's first choices are in view at once."""
    assert dock.minimumSizeHint().width() <= LAPTOP[0]
    dock.resize(*LAPTOP)
    QApplication.processEvents()
    assert dock.width() == LAPTOP[0]
    dock.select_patch(unverified_with_cultivated(dock))
    form = dock.form
    assert in_view(form.verdict_buttons["WF"])
    QTest.mouseClick(form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    assert in_view(form.subtype.button("违法占地"))
    for button in (dock.open_button, dock.check_button, dock.attach_button, dock.packages_button):
        assert in_view(button)


def test_alt_a_attaches_photos_through_the_file_dialog(dock, sample):
    """The keyboard path of the township: Alt+A opens the file dialog, the photos chosen there are attached."""
    from qgis.PyQt.QtWidgets import QFileDialog, QLineEdit

    code = unverified_with_cultivated(dock)
    dock.select_patch(code)
    photo = next(p.path for p in sample.photos if p.case == "normal" and p.patch_code != code)
    before = len(dock.wp.evidence(code))
    chosen = []

    def choose(dialog):
        chosen.append(dialog.windowTitle())
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # the path typed into the dialog, then Enter
        name.setText(photo)
        QTest.keyClick(name, Qt.Key.Key_Return)

    on_next_modal(QFileDialog, choose, every_ms=50)
    dock.table.setFocus()
    QTest.keyClick(dock.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert chosen  # the dialog came up from the key
    assert len(dock.wp.evidence(code)) == before + 1


def test_the_list_shows_eight_rows_with_their_state_and_the_buttons_stay_put(chinese_ui, dock):
    """At a laptop's dock size: eight rows of the list, the state and verdict columns in view (not scrolled off to
    the right); typing an opinion moves neither 通过 nor 退回 (a hint line that came and went moved them 23 px)."""
    set_user("县卫片办 李明", "reviewer")
    dock._reload_contexts()
    dock.mode.setCurrentIndex(dock.mode.findData("reviewer"))
    dock.resize(*LAPTOP)
    QApplication.processEvents()
    table = dock.table
    assert table.viewport().height() >= 8 * table.rowHeight(0)
    for column in (0, 4, 5):  # code, verdict, state
        rect = table.visualRect(dock.model.index(0, column))
        assert rect.left() >= 0 and rect.right() <= table.viewport().width(), (column, rect)
    code = next(c for c in sorted(dock.wp.patch_codes()) if dock.wp.evidence(c))
    dock.wp.set_verification(code, "五里镇 陈强", verdict="HF", subtype="依法批准用地", basis="已批准。")
    dock.select_patch(code)
    dock.reload_from_store()
    for _ in range(5):  # the screen as the user sees it: every pending layout done
        QApplication.processEvents()
    review = dock.review
    where = [b.mapTo(dock, b.rect().topLeft()) for b in (review.pass_button, review.return_button)]
    type_text(review.opinion, "经审核")
    QApplication.processEvents()
    assert [b.mapTo(dock, b.rect().topLeft()) for b in (review.pass_button, review.return_button)] == where
    review.opinion.clear()
    QApplication.processEvents()
    assert [b.mapTo(dock, b.rect().topLeft()) for b in (review.pass_button, review.return_button)] == where


def test_findings_read_whole_at_a_laptops_width(chinese_ui, dock):
    """The package's findings at the dock's width on a laptop: each one's text wraps inside its row, none cut to
    "…", more than two of them in view."""
    from qgis.PyQt.QtCore import QRect

    dock.resize(*LAPTOP)
    dock.tabs.setCurrentWidget(dock.findings)
    QApplication.processEvents()
    view, model = dock.findings.package_view, dock.findings.package_model
    assert model.rowCount() > 3
    longest = max(range(model.rowCount()), key=lambda r: len(model.data(model.index(r, 0))))
    view.scrollTo(model.index(longest, 0))
    QApplication.processEvents()
    rect = view.visualRect(model.index(longest, 0))
    text = model.data(model.index(longest, 0))
    needed = view.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 20, 10_000),
                                             int(Qt.TextFlag.TextWordWrap), text)
    assert rect.right() <= view.viewport().width() and rect.height() >= needed.height()
    view.scrollToTop()
    QApplication.processEvents()
    whole = [r for r in range(model.rowCount()) if view.viewport().rect().contains(view.visualRect(model.index(r, 0)))]
    assert len(whole) >= 2, whole
