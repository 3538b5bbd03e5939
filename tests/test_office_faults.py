"""Faults on the office store, for real: a desk killed with kill -9 in the middle of a save, the server restarted
under an open package, the connection cut in the middle of a publish."""
import json
import os
import signal
import subprocess
import sys
import time

import psycopg2
import pytest

from weipian_plugin.store.office_copy import publish_work_package
from weipian_plugin.store.office_package import OfficePackage, ServerLost

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture
def office(pg, county):
    schema = f"wp_f{os.getpid()}_{int(time.time() * 1000) % 100000}"
    publish_work_package(county, pg, schema)
    with pg.cursor() as cur:
        cur.execute(f"SELECT code FROM {schema}.patches ORDER BY code LIMIT 3")
        codes = [r[0] for r in cur.fetchall()]
    pg.commit()
    return schema, codes


def test_kill_9_in_the_middle_of_a_save_loses_only_that_save(pg_server, office):
    schema, codes = office
    store = OfficePackage(psycopg2.connect(**pg_server), schema)
    v, version = store.verification_and_version(codes[0])
    audit_before = len(store.audit_entries())
    desk = subprocess.Popen([sys.executable, os.path.join(HERE, "office_half_save.py"), json.dumps(pg_server), schema,
                             codes[0], str(version)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert desk.stdout.readline().strip() == "ready"  # its UPDATE ran and holds the row
    os.kill(desk.pid, signal.SIGKILL)
    desk.wait(timeout=10)
    t = time.monotonic()
    new = store.set_verification(codes[0], "乡镇 王芳", version, basis="完整保存")  # the lock went with the desk
    assert time.monotonic() - t < 5 and new == version + 1
    v2, _ = store.verification_and_version(codes[0])
    assert v2.basis == "完整保存" and v2.basis != (v.basis if v else None)
    entries = store.audit_entries()
    assert len(entries) == audit_before + 1 and "半截保存" not in entries[-1]["detail"]  # nothing of the dead save


def test_a_server_restart_under_an_open_package_says_so_reconnects_and_loses_nothing(pg_server, office):
    import pg_cluster

    schema, codes = office
    store = OfficePackage(psycopg2.connect(**pg_server), schema, reconnect=lambda: psycopg2.connect(**pg_server))
    _v, version = store.verification_and_version(codes[1])
    version = store.set_verification(codes[1], "乡镇 王芳", version, basis="重启前")
    pg_cluster.pause()  # a restart while the package is open: the connection is cut
    pg_cluster.resume()
    with pytest.raises(ServerLost) as err:  # the first step after it meets the cut connection, and says so …
        store.set_verification(codes[1], "乡镇 王芳", version, basis="重启时")
    assert "is back" in err.value.args[0].template
    assert store.set_verification(codes[1], "乡镇 王芳", version, basis="重启后") == version + 1  # … the next works
    version += 1
    pg_cluster.pause()  # the server down for a while
    try:
        with pytest.raises(ServerLost) as err:
            store.set_verification(codes[1], "乡镇 王芳", version, basis="服务器停机时")
        assert "cannot be reached" in err.value.args[0].template
    finally:
        pg_cluster.resume()
    assert store.state(codes[1])  # back: the package reconnects by itself
    v, _ = store.verification_and_version(codes[1])
    assert v.basis == "重启后"
    bases = [json.loads(e["detail"])["after"].get("basis") for e in store.audit_entries(codes[1])
             if e["action"] == "set_verification"]
    assert bases[-2:] == ["重启前", "重启后"] and not {"重启时", "服务器停机时"} & set(bases)


def test_a_connection_cut_during_a_publish_leaves_nothing(pg, pg_server, county):
    victim = psycopg2.connect(**pg_server)
    with victim.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    victim.rollback()
    cut = []

    def progress(p):
        if p > 45 and not cut:  # tables copied, evidence files going in
            with pg.cursor() as cur:
                cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
            pg.commit()
            cut.append(p)

    with pytest.raises(psycopg2.Error):
        publish_work_package(county, victim, "wp_cut", progress=progress)
    assert cut
    with pg.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'wp_cut'")
        assert cur.fetchone() is None  # the whole publish rolled back
        cur.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'wp\\_cut\\_%%'")
        assert cur.fetchone()[0] == 0
    pg.rollback()


def test_the_list_painted_while_the_server_is_down_shows_codes_and_asks_again_later(pg_server, office, qgis_app):
    """The patch list reads its rows as they are shown: with the server down a row shows its code and empty
    columns (painting never fails), the list does not try to reconnect at every paint, and once the server is
    back the rows read again."""
    import pg_cluster
    from qgis.PyQt.QtCore import Qt

    from weipian_plugin.core.profile import load_profile
    from weipian_plugin.gui.patch_model import CODE, STATE, PatchListModel

    schema, codes = office
    tries = []

    def reconnect():
        tries.append(time.monotonic())
        return psycopg2.connect(**pg_server)

    store = OfficePackage(psycopg2.connect(**pg_server), schema, reconnect=reconnect)
    model = PatchListModel()
    model.BLOCK = 4
    model.load(store, load_profile("shaanxi_ankang_2023"))
    assert model.data(model.index(0, STATE)) and model.code_at(0) == codes[0]
    pg_cluster.pause()
    try:
        first = model.index(9, CODE)
        assert model.data(first) == model.code_at(9)  # the code, held: shown
        assert model.data(model.index(9, STATE), Qt.ItemDataRole.DisplayRole) is None  # no row: empty, no state
        asked = len(tries)
        for r in range(8, 20):  # a repaint of the rows around it
            model.data(model.index(r, STATE))
        assert len(tries) == asked <= 1  # not a reconnection a paint
    finally:
        pg_cluster.resume()
    model.RETRY_AFTER = 0.0
    model._unread_until = 0.0
    for _ in range(2):  # the first read meets the cut connection, the next reconnects
        model.data(model.index(9, STATE))
    assert model.row_at(9) == store.patch_list_rows([model.code_at(9)])[0]
