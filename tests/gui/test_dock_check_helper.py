"""The dock's check (a QGIS task in a worker thread) takes the two-process path of a large package as the service,
Processing and qgis_process do (tests/test_check_worker.py): the same findings, the same gate."""
from test_check_worker import helper_answers

from weipian_plugin.services import check_worker

from .conftest import set_user, wait_for


def test_the_dock_s_check_takes_the_same_path(qgis_iface, qgis_new_project, county, monkeypatch):
    from weipian_plugin.gui.dock import WeipianDock

    set_user("县 乙", "reviewer")
    monkeypatch.setattr(check_worker, "PARALLEL_FROM", 10**9)
    d = WeipianDock(qgis_iface)
    d.show()
    assert d.open_package(county)
    wait_for(lambda: d.task is None)
    d.check_package()
    wait_for(lambda: d.task is None)
    alone, gate = list(d.findings.package_model.items), d.gate_label.text()
    assert alone
    seen = helper_answers(monkeypatch)
    monkeypatch.setattr(check_worker, "PARALLEL_FROM", 1)
    d.check_package()
    wait_for(lambda: d.task is None)
    assert len(seen) == 1 and seen[0][0], seen  # the helper reported parts of its own
    assert list(d.findings.package_model.items) == alone
    assert d.gate_label.text() == gate
    d.close_package()
    d.close()
