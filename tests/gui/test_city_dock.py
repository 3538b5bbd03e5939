"""The city reviewer's screen on a real hub (tests/pg_cluster.py), in Chinese: the counties' patches listed and
filtered, the county's verdict and photos shown, and pass / return / the city's determination made with the
mouse and the keyboard; each decision is in the hub and its figures."""
import psycopg2
import pytest
from desks import confirmed
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtTest import QTest

from weipian_plugin.services.city_import import import_upload_package
from weipian_plugin.services.city_statistics import city_figures
from weipian_plugin.store.city_hub import CityHub

from .conftest import manual_shot, set_user, type_text, wait_for


@pytest.fixture
def hub(pg, pg_server, month, request):
    schema = f"wp_city_gui_{abs(hash(request.node.name)) % 10**6}"
    h = CityHub.create(psycopg2.connect(**pg_server), schema, "6109", "shaanxi_ankang_2023", "管理员")
    from weipian_plugin.store.office_members import add_hub_member

    with h.conn, h.conn.cursor() as cur:  # the city's reviewer: the login whose member name the database writes
        add_hub_member(cur, schema, pg_server["user"], "市卫片办 周敏", "reviewer")
    import_upload_package(h, month["upload"], "管理员", confirmed=[month["county_key"]])
    yield h
    h.close()


def open_city(qgis_iface, hub, pg_server):
    from weipian_plugin.gui.city_dock import CityDock

    set_user("市卫片办 周敏", "reviewer")
    d = CityDock(qgis_iface)
    d.resize(520, 900)
    d.show()
    assert d.open_hub(" ".join(f"{k}={v}" for k, v in pg_server.items()), hub.schema)
    return d


def test_the_city_reviews_on_its_screen(chinese_ui, qgis_iface, qgis_new_project, hub, pg_server):
    d = open_city(qgis_iface, hub, pg_server)
    total = len(hub.review_states())
    assert d.model.rowCount() == total and "6109" in d.hub_label.text()
    assert d.layer is not None and d.layer.isValid() and d.layer.featureCount() == total  # the map
    legend = {c.value(): c.label() for c in d.layer.renderer().categories()}
    assert legend["return"] == "已退回县级" and legend["unreviewed"] == "未审核"  # coloured by the city's state
    assert d.pass_button.text() == "通过" and d.return_button.text() == "退回县级"  # in Chinese
    # the county's verdict and photos of a patch with photos
    code = next(c for c, (_county, _s, _r) in sorted(hub.review_states().items())
                if any(e.get("kind") == "photo" for e in hub.current_patch(c)["data"].get("evidence") or []))
    assert d.select(code)
    assert code in d.summary.text() and "县级判定" in d.summary.text()
    assert d.photos.count() > 0 and not d.photos.item(0).icon().isNull()  # thumbnails from the hub's bytes
    manual_shot(d, "city_review.png")
    # a return needs an opinion: said, nothing written
    QTest.mouseClick(d.return_button, Qt.MouseButton.LeftButton)
    assert "意见" in d.message.text() and hub.city_reviews(code) == []
    type_text(d.opinion, "照片未显示建筑物全貌，请补拍")
    d.deadline.setDate(QDate(2026, 12, 10))
    QTest.mouseClick(d.return_button, Qt.MouseButton.LeftButton)
    [review] = hub.city_reviews(code)
    assert (review["decision"], review["deadline"], review["reviewer"]) == ("return", "2026-12-10", "市卫片办 周敏")
    states = {f["code"]: f["city_state"] for f in d.layer.getFeatures()}
    assert states[code] == "return"  # the map's layer reads the same state
    row = next(r for r in range(d.model.rowCount()) if d.model.code_at(r) == code)
    assert d.model.data(d.model.index(row, 3)) == "已退回县级"
    # the filter by state finds it, and only it
    d.state_filter.setCurrentIndex(d.state_filter.findData("return"))
    assert d.model.rowCount() == 1 and d.model.code_at(0) == code
    d.state_filter.setCurrentIndex(0)
    # the city determines a 合法 patch illegal: it counts in the figures
    before = city_figures(hub)["counties"][0]["acc"]
    legal = next(x for x in before.lines if not x.in_numerator and x.in_denominator and x.code != code)
    assert d.select(legal.code)
    assert d.final_verdict.currentData() is None  # a county's 合法 is not pre-filled as anything
    type_text(d.opinion, "县级拒不整改")
    QTest.mouseClick(d.determine_button, Qt.MouseButton.LeftButton)  # no verdict chosen: said, nothing written
    assert ("市级认定" in d.message.text() or "verdict" in d.message.text()) and hub.city_reviews(legal.code) == []
    d.final_verdict.setCurrentIndex(d.final_verdict.findData("WF"))
    QTest.mouseClick(d.determine_button, Qt.MouseButton.LeftButton)  # not returned yet: returned first
    assert "退回" in d.message.text() and hub.city_reviews(legal.code) == []
    QTest.mouseClick(d.return_button, Qt.MouseButton.LeftButton)
    d.final_verdict.setCurrentIndex(d.final_verdict.findData("WF"))
    assert d.final_category.isEnabled()
    type_text(d.opinion, "县级拒不整改")
    QTest.mouseClick(d.determine_button, Qt.MouseButton.LeftButton)
    after = city_figures(hub)["counties"][0]["acc"]
    assert round(after.numerator_mu - before.numerator_mu, 4) == round(legal.cultivated_mu, 4)
    assert "市级认定" in d.message.text() or "determined" in d.message.text()
    d.close()


def test_the_countys_dock_shows_what_the_city_returned(chinese_ui, qgis_iface, qgis_new_project, hub, county,
                                                       tmp_path):
    """The city's return package, taken in from the county dock's package menu, shows on the patch's records
    and in the check's findings, in Chinese, with the opinion and the deadline."""
    from weipian_plugin.services.city_returns import export_city_return

    from .test_dock import open_dock_as

    code = sorted(hub.review_states())[2]
    hub.review(code, "市卫片办 周敏", "return", "照片未显示建筑物全貌，请补拍", "2026-12-10")
    back = str(tmp_path / "back.zip")
    export_city_return(hub, "610902", back, "市卫片办 周敏")
    d = open_dock_as(qgis_iface, county, "县卫片办 李明", "reviewer")
    action = d.package_actions["import_city"]
    assert action.isEnabled() and action.text() == "导入市级退回包…"  # the menu entry (its dialog runs this:)
    import processing

    processing.run("weipian:import_city_return", {"PACKAGE": county, "INPUT": back, "ACTOR": "县卫片办 李明",
                                                  "CONFIRMED_KEY": confirmed()[0]})
    d._algorithm_finished("weipian:import_city_return", True, {})
    d.check_package()
    wait_for(lambda: d.task is None)
    d.select_patch(code)
    texts = [d.records.list.item(i).text() for i in range(d.records.list.count())]
    assert any(t.startswith("市级退回：照片未显示建筑物全貌") and "2026-12-10" in t for t in texts), texts
    said = [f for f in d.findings.patch_model.items if f.rule == "city.returned"]
    assert said and "2026-12-10" in said[0].message_zh
    d.close_package()
