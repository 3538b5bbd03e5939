"""Issue 23 from the dock: the 交换包 menu's field project and what the phone gave back, in their Processing
dialogs, as a township starts them."""
import os

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QPushButton
from test_field_project import ACTOR, WF, field_session

from .conftest import wait_for
from .test_dock import open_dock_as


def test_the_township_goes_to_the_field_and_back_from_the_dock(qgis_iface, qgis_new_project, township, sample,
                                                               tmp_path, processing_dialogs):
    """The 交换包 menu: the field project in its Processing dialog, then what the phone gave back; the photo left
    out of the form is attached with one click to the patch it was taken at."""
    d = open_dock_as(qgis_iface, township, ACTOR, "verifier")
    assert d.package_actions["field"].isEnabled() and d.package_actions["field_back"].isEnabled()
    dialog = d.package_action("field")
    out = dialog.mainWidget().createProcessingParameters()["OUTPUT"]
    assert os.path.dirname(out) == os.path.dirname(township)  # beside the package, as the other exports
    QTest.mouseClick(dialog.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: any(os.path.isfile(p) for p in _zips(out)))
    folder = _zips(out)[0][:-4]
    bar = qgis_iface.messageBar()  # the written zip said, with a button opening its folder
    assert any(os.path.basename(folder) in i.text() and i.findChild(QPushButton, "open_folder") for i in bar.items())
    code = next(p.code for p in d.wp.patches(with_geometry=False) if p.cultivated_mu > 0)
    field_session(folder, code, sample, WF)
    dialog.close()
    back = d.package_action("field_back")
    back.setParameters({"PACKAGE": township, "FOLDER": folder, "ACTOR": ACTOR})
    QTest.mouseClick(back.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: d.tasks.attach_report is not None and d.tasks.attach_report.isVisible())
    report = d.tasks.attach_report
    statuses = sorted(r.status for r in report.rows)
    assert statuses == ["attached", "unmatched"]
    assert d.wp.verification(code).verdict == "WF"
    orphan = next(i for i, r in enumerate(report.shown) if r.status == "unmatched")
    assert report.shown[orphan].patch_code == code  # found standing at the patch
    d.select_patch(next(c for c in d.wp.patch_codes() if c != code))  # another patch chosen in the dock
    report.table.selectRow(orphan)
    assert report.attach_button.isEnabled()
    before = len(d.wp.evidence(code))
    QTest.mouseClick(report.attach_button, Qt.MouseButton.LeftButton)
    assert len(d.wp.evidence(code)) == before + 1  # to the patch it stands at, not the one chosen
    report.close()
    back.close()
    d.close_package()


def _zips(out):
    return sorted(os.path.join(out, n) for n in os.listdir(out) if n.endswith(".zip")) if os.path.isdir(out) else []
