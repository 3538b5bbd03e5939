"""Many people at once on the office store, against a real PostgreSQL server: saves on a stale version are
refused and said, nothing accepted is silently overwritten, the audit chain holds, and a change is announced to
the other desks as it is committed."""
import json
import os
import select
import subprocess
import sys
import time

import psycopg2
import pytest

from weipian_plugin.store.audit_chain import GENESIS, entry_sha
from weipian_plugin.store.office_copy import publish_work_package
from weipian_plugin.store.office_package import OfficePackage, ServerLost, StaleSave, listen
from weipian_plugin.store.work_package import PackageError

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture
def office(pg, county):
    schema = f"wp_c{os.getpid()}_{int(time.time() * 1000) % 100000}"
    publish_work_package(county, pg, schema)
    return schema


def test_a_save_on_a_stale_version_is_refused_with_who_and_when(pg, pg_server, office):
    from test_office_store import login

    code = codes(pg, office)[0]
    with pg.cursor() as cur:
        cur.execute(f"SELECT township FROM {office}.patches WHERE code = %s", (code,))
        town = cur.fetchone()[0]
    a = OfficePackage(login(pg, pg_server, office, "test_wangfang", "township", town, "乡镇 王芳"), office)
    b = OfficePackage(login(pg, pg_server, office, "test_lisi", "township", town, "乡镇 李四"), office)
    _v, version = a.verification_and_version(code)
    assert b.verification_and_version(code)[1] == version  # both opened the same version
    assert a.set_verification(code, "乡镇 王芳", version, basis="王芳的依据") == version + 1
    with pytest.raises(StaleSave) as err:
        b.set_verification(code, "乡镇 李四", version, basis="李四的依据")
    assert err.value.who == "乡镇 王芳" and err.value.when and err.value.version == version + 1
    assert "乡镇 王芳" in str(err.value.args[0].render(lambda c, t: t))
    assert a.verification(code).basis == "王芳的依据"  # the first save stands, untouched
    assert b.set_verification(code, "乡镇 李四", version + 1, basis="李四的依据") == version + 2  # on the new one
    actions = [e for e in a.audit_entries(code) if e["action"] == "set_verification"]
    assert [json.loads(e["detail"])["after"]["basis"] for e in actions[-2:]] == ["王芳的依据", "李四的依据"]


def codes(pg, schema):
    with pg.cursor() as cur:
        cur.execute(f"SELECT code FROM {schema}.patches ORDER BY code")
        out = [r[0] for r in cur.fetchall()]
    pg.rollback()
    return out


def test_eight_people_three_hundred_saves_each_nothing_lost(pg, pg_server, office):
    """8 processes × 300 saves on 12 shared patches: every accepted save is in the audit log exactly once, each
    patch's accepted saves have the versions 1, 2, 3 … with none twice (so none overwrote another unseen), the
    patch holds the last accepted one, every refusal said who and when, and the chain holds."""
    chosen = codes(pg, office)[:12]
    with pg.cursor() as cur:
        cur.execute(f"SELECT patch_code, version FROM {office}.verifications WHERE patch_code = ANY(%s)", (chosen,))
        start = dict(cur.fetchall())
        cur.execute(f"SELECT count(*) FROM {office}.audit_log")
        audit_before = cur.fetchone()[0]
    pg.rollback()
    procs = [subprocess.Popen([sys.executable, os.path.join(HERE, "office_writer.py"), json.dumps(pg_server), office,
                               json.dumps(chosen), str(k), "300", str(k), "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(8)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    accepted = [a for r in results for a in r["accepted"]]
    refused = [x for r in results for x in r["refused"]]
    assert len(accepted) + len(refused) == 8 * 300
    assert refused, "no save ever met another: the test did not test contention"
    assert all(who and when for _c, _t, who, when, _v in refused)
    store = OfficePackage(pg, office)
    entries = store.audit_entries()
    assert len(entries) == audit_before + len(accepted)  # one entry per accepted save, none for a refusal
    logged = [json.loads(e["detail"])["after"]["basis"] for e in entries[audit_before:]]
    assert sorted(logged) == sorted(t for _c, t, _n in accepted)  # each accepted save exactly once
    for code in chosen:
        mine = sorted((n, t) for c, t, n in accepted if c == code)
        first = start.get(code, 0) + 1
        assert [n for n, _t in mine] == list(range(first, first + len(mine)))  # no version accepted twice
        v, version = store.verification_and_version(code)
        assert version == (mine[-1][0] if mine else start.get(code, 0))
        if mine:
            assert v.basis == mine[-1][1]  # the patch holds the last accepted save
    prev = GENESIS
    for e in entries:  # the chain has no fork
        assert e["prev_sha"] == prev
        assert e["sha"] == entry_sha(prev, e["at"], e["actor"], e["action"], e["patch_code"], e["detail"])
        prev = e["sha"]


def test_another_desk_hears_a_change_when_it_is_committed(pg, pg_server, office):
    listener = psycopg2.connect(**pg_server)
    listen(listener, office)
    code = codes(pg, office)[3]
    writer = OfficePackage(psycopg2.connect(**pg_server), office)
    version = writer.verification_and_version(code)[1]
    t = time.monotonic()
    writer.set_verification(code, "乡镇 王芳", version, basis="新的依据")
    heard = []
    while time.monotonic() - t < 2.0 and not heard:
        if select.select([listener], [], [], 0.1)[0]:
            listener.poll()
            heard += [n.payload for n in listener.notifies]
    assert heard and heard[0] == code  # within 2 s, naming the patch
    listener.close()


def test_a_reviewer_role_passes_on_the_version_it_saw_and_is_told_when_it_changed(pg, pg_server, office):
    from test_office_store import login

    code = codes(pg, office)[5]
    reviewer = OfficePackage(login(pg, pg_server, office, f"{office}_li", "reviewer", display="县卫片办 李明"), office)
    admin = OfficePackage(login(pg, pg_server, office, f"{office}_wang", "admin", display="县卫片办 王芳"), office)
    _v, version = reviewer.verification_and_version(code)
    _v, seen_by_admin = admin.verification_and_version(code)
    admin.set_verification(code, "县卫片办 王芳", seen_by_admin, basis="补充说明")
    with pytest.raises(StaleSave) as err:
        reviewer.add_review(code, "县卫片办 李明", "pass", "同意。", version)
    assert err.value.who == "县卫片办 王芳"
    reviewer.add_review(code, "县卫片办 李明", "pass", "同意。", version + 1)
    assert reviewer.state(code) == "passed" and reviewer.reviews(code)[-1].reviewer == "县卫片办 李明"
    with pytest.raises(PackageError, match="may not") as refused:  # and it still cannot touch the verdict
        reviewer.set_verification(code, "县卫片办 李明", version + 1, basis="改")
    assert isinstance(refused.value.__cause__, psycopg2.errors.InsufficientPrivilege)  # the database said no


def test_the_office_demo_runs_two_people_at_once_and_the_city_above(pg_server, county, month, capsys):
    import shutil

    import pg_cluster

    from weipian_plugin.sample.office_demo import main

    shutil.copyfile(month["upload"], os.path.join(os.path.dirname(county), os.path.basename(month["upload"])))
    shutil.copytree(os.path.dirname(month["county_desk"]), os.path.join(os.path.dirname(county), "desks"))  # the keys
    assert main(os.path.dirname(county), pg_cluster.dsn(pg_server)) == 0
    out = capsys.readouterr().out
    assert "李明 passed 20, 王芳 corrected 20" in out and "the audit chain holds" in out
    assert os.path.exists(os.path.join(os.path.dirname(county), "office_back", os.path.basename(county)))
    assert "the county took 1 return(s) and 1 determination(s)" in out and "the hub's audit chain holds" in out
    assert os.path.exists(os.path.join(os.path.dirname(county), "市级年度统计.xlsx"))
    # 安康 has 10 county-level divisions; one reported; the city's determination is review, not an error
    assert "9 of the city's divisions not reported yet" in out and "previewed: not over the limit" in out


def test_a_desk_hears_another_desks_save_through_the_event_loop_within_two_seconds(pg, pg_server, office, qgis_app):
    """The watcher the dock uses: Qt's event loop wakes on the LISTEN socket; each committed save arrives as a
    signal naming the patch, also after the server was restarted (the watcher says so and listens again)."""
    import pg_cluster
    from qgis.PyQt.QtCore import QCoreApplication

    from weipian_plugin.gui.office_watch import OfficeWatch

    watch = OfficeWatch(lambda: psycopg2.connect(**pg_server), office)
    heard, lost = [], []
    watch.changed.connect(heard.append)
    watch.lost.connect(lambda: (lost.append(1), watch.start()))
    code = codes(pg, office)[7]
    pg.close()  # the restart below cuts it anyway
    other = OfficePackage(psycopg2.connect(**pg_server), office, reconnect=lambda: psycopg2.connect(**pg_server))

    def save_and_wait(text):
        version = other.verification_and_version(code)[1]
        other.set_verification(code, "乡镇 王芳", version, basis=text)
        t = time.monotonic()
        while code not in heard and time.monotonic() - t < 2.0:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        return time.monotonic() - t

    assert save_and_wait("第一次") < 2.0 and heard == [code]
    heard.clear()
    pg_cluster.pause()
    pg_cluster.resume()
    t = time.monotonic()
    while not lost and time.monotonic() - t < 5:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert lost  # the broken listening connection was noticed, and listening began again
    with pytest.raises(ServerLost):  # the writer's first step after the restart meets its cut connection
        other.set_verification(code, "乡镇 王芳", 0, basis="x")
    assert save_and_wait("重启之后") < 2.0 and heard == [code]
    watch.stop()
