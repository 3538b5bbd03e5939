"""The dock on a work package kept on the office's PostgreSQL/PostGIS server (a real server, tests/pg_cluster.py):
two desks at once, each logged in as its own database role; a change made at one desk shows at the other as it
is committed; a save made on a version another desk replaced is refused, their version shown, and one's own
change can be put back knowingly."""
import os
import time

import psycopg2
import pytest
from qgis.core import Qgis
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from weipian_plugin.store.office_copy import publish_work_package

from .conftest import manual_shot, set_user, type_text, wait_for


@pytest.fixture
def office(pg, pg_server, package_path):
    """The sample month (photos attached, nothing verified) published; a township member of 五里镇, a
    reviewer and an administrator, each a login role."""
    import pg_cluster

    schema = f"wp_d{int(time.time() * 1000) % 10_000_000}"
    publish_work_package(package_path, pg, schema)
    from weipian_plugin.store.office_members import add_member

    with pg.cursor() as cur:
        for name, kind, display in (("town", "township", "五里镇 陈强"), ("li", "reviewer", "县卫片办 李明"),
                                    ("wang", "admin", "县卫片办 王芳")):
            add_member(cur, schema, f"{schema}_{name}", display, kind, ["五里镇"] if kind == "township" else [])
        cur.execute(f"SELECT code FROM {schema}.patches WHERE township = '五里镇' AND cultivated_mu > 0 "
                    f"AND class_name = '新增非农建设类' ORDER BY code LIMIT 1")
        code = cur.fetchone()[0]
        cur.execute(f"SELECT count(*) FROM {schema}.patches")
        total = cur.fetchone()[0]
    pg.commit()
    dsn = pg_cluster.dsn(pg_server)
    return {"schema": schema, "code": code, "total": total,
            "as": lambda name: f"{dsn.replace('user=postgres', '')} user={schema}_{name}"}


def open_office_as(iface, office, who, user, role):
    from weipian_plugin.gui.dock import WeipianDock

    set_user(user, role)
    d = WeipianDock(iface)
    d.resize(600, 900)
    d.show()
    assert d.open_office(office["as"](who), office["schema"])
    wait_for(lambda: d.task is None)
    return d


def test_two_desks_on_the_office_package_see_each_other_and_lose_nothing(chinese_ui, qgis_iface, qgis_new_project,
                                                                        office):
    code = office["code"]
    town = open_office_as(qgis_iface, office, "town", "五里镇 陈强", "verifier")
    county = open_office_as(qgis_iface, office, "li", "县卫片办 李明", "reviewer")
    # rights held by the database: the township's desk lists its own township only, the county's all
    assert {town.model.data(town.model.index(r, 1)) for r in range(town.model.rowCount())} == {"五里镇"}
    assert county.model.rowCount() == office["total"]
    assert town.patch_layer.isValid() and town.patch_layer.providerType() == "postgres"
    assert town.patch_layer.featureCount() == town.model.rowCount()
    # the township verifies on its page; the county's desk hears it and shows it without reloading the list
    town.select_patch(code)
    county.select_patch(code)
    form = town.form
    assert town.evidence.list.count() > 0  # thumbnails from the database's evidence files
    QTest.mouseClick(form.verdict_buttons["WF"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.subtype.button("违法占地"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.category.button("新增建设用地违法"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.housing_yes, Qt.MouseButton.LeftButton)
    form.basis.setFocus()
    type_text(form.basis, "未批先建。")
    form.flush()
    t = time.monotonic()
    wait_for(lambda: "违法占地" in county.form.summary.text(), timeout=2.0)
    assert time.monotonic() - t < 2.0
    row = next(r for r in range(county.model.rowCount()) if county.model.code_at(r) == code)
    assert county.model.data(county.model.index(row, 4)) == "违法"
    manual_shot(county, "office_county_desk.png")  # the county's desk, the township's verdict just arrived
    # the county passes it; the township's desk hears the state
    QTest.mouseClick(county.review.pass_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: town.model.data(town.model.index(
        next(r for r in range(town.model.rowCount()) if town.model.code_at(r) == code), 5)) ==
        county.model.data(county.model.index(row, 5)), timeout=2.0)
    for d in (town, county):
        d.close_package()


def test_a_save_on_a_replaced_version_is_refused_shown_and_can_be_put_back(qgis_iface, qgis_new_project, office):
    code = office["code"]
    town = open_office_as(qgis_iface, office, "town", "五里镇 陈强", "verifier")
    admin = open_office_as(qgis_iface, office, "wang", "县卫片办 王芳", "verifier")
    town.resize(440, 700)  # on a laptop: the form's foot is below the photos until scrolled to
    for d in (town, admin):
        d.select_patch(code)
    QTest.mouseClick(admin.form.verdict_buttons["HF"], Qt.MouseButton.LeftButton)  # the county's desk saves first
    # the township's desk clicks before the notice of that save reached it (no event loop turn in between: a
    # click that bypasses the event queue), so it saves on the version it shows
    town.form.verdict_buttons["WF"].click()
    QApplication.processEvents()
    form = town.form
    assert "县卫片办 王芳" in form.status.text() and form.reapply_button.isVisible()
    wait_for(lambda: not form.reapply_button.visibleRegion().isEmpty(), timeout=2)  # scrolled into view
    assert form.verdict_buttons["HF"].isChecked()  # their version is what the form shows now
    conn = psycopg2.connect(office["as"]("wang"))
    with conn.cursor() as cur:
        cur.execute(f"SELECT verdict, verifier FROM {office['schema']}.verifications WHERE patch_code = %s", (code,))
        assert cur.fetchone() == ("HF", "县卫片办 王芳")  # nothing overwritten
    conn.rollback()
    QTest.mouseClick(form.reapply_button, Qt.MouseButton.LeftButton)  # knowingly, one's own over theirs
    with conn.cursor() as cur:
        cur.execute(f"SELECT verdict, verifier FROM {office['schema']}.verifications WHERE patch_code = %s", (code,))
        assert cur.fetchone() == ("WF", "五里镇 陈强")
        cur.execute(f"SELECT count(*) FROM {office['schema']}.audit_log WHERE patch_code = %s AND "
                    f"action = 'set_verification'", (code,))
        assert cur.fetchone()[0] == 2  # both saves in the log, the refused one not
    conn.close()
    assert not form.reapply_button.isVisible()
    for d in (town, admin):
        d.close_package()


def test_the_office_package_is_chosen_from_qgis_saved_connections(qgis_iface, qgis_new_project, office, pg_server):
    """The menu's dialog lists QGIS' saved PostgreSQL connections and, for the chosen one, the work packages
    its login may read; OK opens the package in the dock."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from weipian_plugin.gui.dock import WeipianDock

    uri = QgsDataSourceUri()
    uri.setConnection(pg_server["host"], str(pg_server["port"]), pg_server["dbname"], f"{office['schema']}_li", "")
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(uri.uri(False), {"saveUsername": True}), "县卫片办服务器")
    set_user("县卫片办 李明", "reviewer")
    d = WeipianDock(qgis_iface)
    d.show()
    d.recent_menu.aboutToShow.emit()
    action = next(a for a in d.recent_menu.actions() if a.objectName() == "open_office")
    action.trigger()
    dialog = d.office_dialog
    dialog.connection.setCurrentIndex(dialog.connection.findText("县卫片办服务器"))
    index = dialog.schema.findData(office["schema"])
    assert index >= 0, (dialog.message.text(), [dialog.schema.itemData(i) for i in range(dialog.schema.count())])
    dialog.schema.setCurrentIndex(index)
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_for(lambda: d.wp is not None and d.task is None)
    assert d.wp.schema == office["schema"] and d.model.rowCount() == office["total"]
    d.close_package()
    # the recent list has it, by the connection's name, and opens it again
    d.recent_menu.aboutToShow.emit()
    again = [a for a in d.recent_menu.actions() if office["schema"] in a.text() and "县卫片办服务器" in a.text()]
    assert again and again[0].isEnabled()
    again[0].trigger()
    wait_for(lambda: d.wp is not None and d.task is None)
    assert d.wp.schema == office["schema"]
    d.close_package()
    # a connection string holding a password is refused (it would reach the project's layers), and never remembered
    with_password = office["as"]("li") + " password=never-stored"
    qgis_iface.messageBar().clear_messages()
    said = []
    d.session.message.connect(lambda text, level: said.append(text))  # the whole text (the bar shows one line)
    assert not d.open_office(with_password, office["schema"])
    shown = " ".join(qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical))
    assert shown and "never-stored" not in shown
    assert "must not hold a password" in said[-1] and "never-stored" not in said[-1]
    from weipian_plugin.settings import Settings

    assert all("never-stored" not in p for p in Settings.load().recent())


def test_photos_dropped_at_the_township_desk_show_at_the_county_desk(qgis_iface, qgis_new_project, office, tmp_path):
    """On the office package the township attaches as on its laptop: a drop on the page. The bytes go into the
    database, the photo is named <JCBH>_<n> there, and the county's desk shows the new thumbnail by itself."""
    from qgis.PyQt.QtCore import QMimeData, QPointF, QUrl
    from qgis.PyQt.QtGui import QDragEnterEvent, QDropEvent

    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg

    code = office["code"]
    town = open_office_as(qgis_iface, office, "town", "五里镇 陈强", "verifier")
    county = open_office_as(qgis_iface, office, "li", "县卫片办 李明", "reviewer")
    for d in (town, county):
        d.select_patch(code)
    shown = county.evidence.list.count()
    assert town.attach_button.isEnabled() and town.evidence.add_photos.isEnabled()
    photos = [write_jpeg(str(tmp_path / f"IMG_{i}.jpg"), build_exif(109.0, 32.7, 40.0 + i), seed=40 + i, noise=True)
              for i in range(2)]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in photos])
    page = town.evidence
    at = page.rect().center()
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(page, QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                            Qt.KeyboardModifier.NoModifier))
    wait_for(lambda: town.evidence.list.count() == shown + 2, timeout=5)
    wait_for(lambda: county.evidence.list.count() == shown + 2, timeout=2.0)  # live, without reloading
    conn = psycopg2.connect(office["as"]("wang"))
    with conn.cursor() as cur:
        cur.execute(f"SELECT e.path, e.added_by, octet_length(f.data) FROM {office['schema']}.evidence e JOIN "
                    f"{office['schema']}.evidence_files f USING (sha256) WHERE e.patch_code = %s ORDER BY e.fid "
                    f"DESC LIMIT 2", (code,))
        rows = cur.fetchall()
    conn.close()
    assert all(r[1] == "五里镇 陈强" and r[2] > 1000 and r[0].rsplit("/", 1)[-1].startswith(code + "_")
               for r in rows)
    for d in (town, county):
        d.close_package()


def test_the_upload_export_from_the_office_runs_in_a_child_without_the_password_on_disk(
        qgis_iface, qgis_new_project, pg, pg_server, county, tmp_path, monkeypatch):
    """The county desk opens the office package through a QGIS connection whose password lives in QGIS'
    authentication database, and exports the upload package in a process of its own: that process gets the
    connection through its stdin only (not its command line, not a file, not a setting) and writes the same
    package a GeoPackage would give; the export's audit entry is on the office package."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsProviderRegistry, QgsSettings

    from weipian_plugin.gui.dock import WeipianDock
    from weipian_plugin.services.package_zip import verify_package

    monkeypatch.setenv("HOME", str(tmp_path))  # where the user keeps documents, for this test
    schema = "wp_d_upload"
    publish_work_package(county, pg, schema)
    password = "Upload-pw-2026"
    from weipian_plugin.store.office_members import add_member

    with pg.cursor() as cur:
        cur.execute(f"CREATE ROLE test_up_admin LOGIN PASSWORD '{password}' IN ROLE weipian_password_login")
        add_member(cur, schema, "test_up_admin", "县卫片办 王芳", "admin")
    pg.commit()
    auth = QgsApplication.authManager()
    assert auth.setMasterPassword("master-of-tests", True)
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("upload_admin")
    cfg.setConfig("username", "test_up_admin")
    cfg.setConfig("password", password)
    assert auth.storeAuthenticationConfig(cfg)[0]
    uri = QgsDataSourceUri()
    uri.setConnection(pg_server["host"], str(pg_server["port"]), pg_server["dbname"], "", "",
                      QgsDataSourceUri.SslMode.SslDisable, cfg.id())
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(uri.uri(False), {}), "县局服务器_上报")
    set_user("县卫片办 张华", "reviewer")
    d = WeipianDock(qgis_iface)
    d.resize(600, 900)
    d.show()
    assert d.open_office("县局服务器_上报", schema)
    wait_for(lambda: d.task is None, timeout=60)
    assert d.export_button.isEnabled() and d.packages_button.isEnabled(), d.gate_label.text()
    d.export_upload_package()
    arguments = " ".join(d.job.process.arguments())
    assert password not in arguments and "office:" not in arguments
    wait_for(lambda: not d.job.running(), timeout=300)
    QApplication.processEvents()
    ok, result, text = d.last_job
    assert ok, text
    manifest = verify_package(result["OUTPUT"])
    assert manifest.counts["dossiers"] == manifest.counts["patches"] > 50
    assert result["OUTPUT"].startswith(str(tmp_path / "Documents" / "weipian" / schema))  # the user's documents
    assert any(a["action"] == "export_upload_package" and a["actor"] == "县卫片办 张华"
               for a in d.wp.audit_entries())
    settings = open(QgsSettings().fileName(), encoding="utf-8").read()
    assert password not in settings
    for folder, _dirs, files in os.walk(d.wp.cache_dir):
        for name in files:
            with open(os.path.join(folder, name), "rb") as fh:
                assert password.encode() not in fh.read()
    d.close_package()
