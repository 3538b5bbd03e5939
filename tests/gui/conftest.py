import os
import time

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from weipian_plugin.settings import Settings

# pictures the GUI tests take of the screens they drive (the office's and the city's: they need the suite's
# database server), for people to look at; `make screenshots` puts them into the manual as well
SHOTS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "build",
                         "screens")
TEST_SHOTS = ("office_county_desk.png", "city_review.png")


_CALLBACK_ERRORS = []


def _record_callback_error(kind, value, tb):
    import traceback

    _CALLBACK_ERRORS.append("".join(traceback.format_exception(kind, value, tb)))


@pytest.fixture(autouse=True)
def gui_test_leaves_nothing_running():
    """Each GUI test on its own:
    - an exception raised in Python that Qt called (a slot, a task's finished(), a timer) makes PyQt call qFatal,
      and the run ends with "Aborted", its traceback lost with pytest's captured output (a fresh clone's run ended
      so, with a check task running and the main thread in the event loop): here it is recorded and fails the
      test that raised it, with the traceback;
    - QGIS' tasks a test started (a Processing dialog's algorithm, a check) end, and widgets deleted later are
      deleted, before the next test: a task's signals then never reach the next test's objects."""
    import sys

    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QEvent

    before = sys.excepthook
    sys.excepthook = _record_callback_error
    _CALLBACK_ERRORS.clear()
    try:
        yield
        end = time.monotonic() + 60
        while QgsApplication.taskManager().countActiveTasks() and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        for _ in range(5):
            QCoreApplication.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        sys.excepthook = before
    seen, _CALLBACK_ERRORS[:] = list(_CALLBACK_ERRORS), []
    assert not seen, "an exception in a Qt callback (PyQt would have ended QGIS):\n" + "\n".join(seen)


def manual_shot(widget, name):
    """widget as it looks now, saved to build/screens (and to $WEIPIAN_MANUAL_IMAGES under `make screenshots`);
    asserts it is a real rendering (text, thumbnails, bars: not an empty grey window)."""
    for _ in range(20):
        QCoreApplication.processEvents()
        time.sleep(0.01)
    image = widget.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 40, name
    for folder in (SHOTS_DIR, os.environ.get("WEIPIAN_MANUAL_IMAGES")):
        if folder:
            os.makedirs(folder, exist_ok=True)
            target = os.path.join(folder, name)
            assert image.save(f"{target}.{os.getpid()}.png"), name  # whole or not at all: two runs may save it at once
            os.replace(f"{target}.{os.getpid()}.png", target)
    return image


def wait_for(condition, timeout=60.0):
    end = time.monotonic() + timeout
    while not condition():
        QCoreApplication.processEvents()
        time.sleep(0.01)
        if time.monotonic() > end:
            raise AssertionError("timed out waiting")


def on_next_modal(kind, act, every_ms=20):
    """Call act(dialog) once the next modal dialog of this kind is open. A modal dialog blocks the code that opened
    it, so the test answers it from the event loop, looking again every few milliseconds until it is there."""
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication

    def look():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(every_ms, look)

    QTimer.singleShot(every_ms, look)


def type_text(widget, text):
    """Type as a Chinese user does: ASCII by keys, Chinese committed by the input method."""
    from qgis.PyQt.QtGui import QInputMethodEvent
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        if ord(ch) < 128:
            QTest.keyClicks(widget, ch)
        else:
            ev = QInputMethodEvent()
            ev.setCommitString(ch)
            QApplication.sendEvent(widget, ev)


def set_user(name, role="verifier"):
    s = Settings.load()
    s.user_name, s.role = name, role
    s.save()


@pytest.fixture
def dock(qgis_iface, qgis_new_project, package_path):
    from weipian_plugin.gui.dock import WeipianDock

    set_user("五里镇 陈强")
    d = WeipianDock(qgis_iface)
    d.resize(600, 900)
    d.show()
    assert d.open_package(package_path)
    wait_for(lambda: d.task is None)
    yield d
    d.close_package()
    d.deleteLater()


@pytest.fixture
def processing_dialogs(qgis_iface):
    """Processing's parameter panels ask iface for the browser model, and its result handling (QGIS 3.44) for the
    layer tree view; pytest-qgis' iface has neither, so give it QGIS' real ones."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsBrowserGuiModel, QgsLayerTreeView

    model = QgsBrowserGuiModel()
    model.initialize()
    qgis_iface.browserModel = lambda: model
    tree_model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot())
    view = QgsLayerTreeView()
    view.setModel(tree_model)
    qgis_iface.layerTreeView = lambda: view
    yield model
    view.setModel(None)


@pytest.fixture
def chinese_ui(chinese_qgis):
    """The plugin in Chinese, as its users meet it: widths and wrapping are Chinese ones. Ask for it before
    `dock`: texts are set when the widgets are made."""
    yield
