"""A throwaway PostgreSQL + PostGIS cluster of the tests' own under build/pg: made with initdb, run by pg_ctl as the
`postgres` system user (the server refuses root), on a Unix socket in its own folder and its own port (no TCP),
trust authentication on that socket only. The machine's own PostgreSQL service is never touched.

    python tests/pg_cluster.py start|stop       (the test session starts and stops it itself; make demo too)

Two test runs at once on one checkout: the first holds build/pg (a lock for the session); the second gets a
cluster of its own under build/pg-<pid>, removed when it stops. Nothing is shared but the disk.
"""
from __future__ import annotations

import fcntl
import glob
import os
import pwd
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = os.path.join(ROOT, "build", "pg")
DATA, RUN, LOG = os.path.join(BASE, "data"), os.path.join(BASE, "run"), os.path.join(BASE, "server.log")
PORT = 55432  # names the socket file in RUN only: there is no TCP, so two clusters never meet
_LOCK = []  # the open lock file of the cluster this session holds
_OWN = []  # a cluster of this session's own, removed at stop()


def _use(base: str) -> None:
    global BASE, DATA, RUN, LOG
    BASE = base
    DATA, RUN, LOG = os.path.join(base, "data"), os.path.join(base, "run"), os.path.join(base, "server.log")


def claim_for_session() -> str:
    """The cluster this test session uses: build/pg when no other session holds it, else one of its own."""
    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    fh = open(os.path.join(ROOT, "build", "pg.lock"), "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _LOCK.append(fh)
    except OSError:  # another run of this checkout is testing: a cluster of this run's own
        fh.close()
        _use(os.path.join(ROOT, "build", f"pg-{os.getpid()}"))
        _OWN.append(BASE)
    return BASE
DATABASE = "weipian_test"


def bin_dir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError("no PostgreSQL server installed (make deps installs Debian's postgresql)")
    return os.path.dirname(found[-1])


def _as_server_user(cmd, check=True):
    """The command as the postgres system user when we are root, as ourselves otherwise."""
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def params(dbname: str = DATABASE, user: str = "postgres") -> dict:
    return {"host": RUN, "port": PORT, "dbname": dbname, "user": user}


def running() -> bool:
    return _as_server_user([os.path.join(bin_dir(), "pg_ctl"), "-D", DATA, "status"], check=False).returncode == 0


def start(durable: bool = False) -> dict:
    """Starts the cluster (made first when there is none) and gives a fresh test database with PostGIS.
    durable=False runs it with fsync off (the tests' speed); the benchmarks ask for a durable one."""
    os.makedirs(RUN, exist_ok=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for d in (BASE, RUN):
            os.chown(d, owner.pw_uid, owner.pw_gid)
    pg = bin_dir()
    if not os.path.exists(os.path.join(DATA, "PG_VERSION")):
        shutil.rmtree(DATA, ignore_errors=True)
        _as_server_user([os.path.join(pg, "initdb"), "-D", DATA, "-U", "postgres", "--auth=trust",
                         "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
        # members of weipian_password_login log in with a password (as an office's staff do); the rest is trust
        with open(os.path.join(DATA, "pg_hba.conf"), "w") as fh:
            fh.write("local all +weipian_password_login scram-sha-256\nlocal all all trust\n")
    if not running():
        try:
            resume(durable)
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"the test cluster under {BASE} did not start: {_why(exc)}") from None
    import psycopg2

    for _ in range(50):
        try:
            conn = psycopg2.connect(**params("postgres"))
            break
        except psycopg2.OperationalError:
            time.sleep(0.1)
    else:
        raise RuntimeError(f"the test cluster under {BASE} accepts no connection: {_why(None)}")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {DATABASE}")
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = 'weipian_password_login'")
        if not cur.fetchone():
            cur.execute("CREATE ROLE weipian_password_login NOLOGIN")
        cur.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'wp\\_%%' OR rolname LIKE 'hub\\_%%' OR rolname LIKE 'test\\_%%'")
        for (role,) in cur.fetchall():  # roles are the cluster's: a run starts without the last run's
            cur.execute(f'DROP ROLE IF EXISTS "{role}"')
    conn.close()
    conn = psycopg2.connect(**params())
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("CREATE EXTENSION postgis")
    conn.close()
    return params()


def _why(exc) -> str:
    """What pg_ctl and the server said, for a start that failed (a busy machine, a full disk, a stale pid)."""
    said = ((exc.stderr or "") + (exc.stdout or "")).strip() if exc is not None else ""
    try:
        with open(LOG, encoding="utf-8", errors="replace") as fh:
            tail = "".join(fh.readlines()[-8:]).strip()
    except OSError:
        tail = ""
    return " | ".join(x for x in (said, f"{LOG}: {tail}" if tail else "") if x) or "no message"


def resume(durable: bool = False) -> None:
    """Starts the server on the cluster as it is (no fresh database): after pause(), or a test's restart."""
    if os.path.exists(LOG) and os.path.getsize(LOG) > 8 * 1024 * 1024:  # pg_ctl appends: the last runs' tail stays
        with open(LOG, "rb") as fh:
            fh.seek(-1024 * 1024, os.SEEK_END)
            tail = fh.read()
        with open(LOG, "wb") as fh:
            fh.write(tail)
    _as_server_user([os.path.join(bin_dir(), "pg_ctl"), "-D", DATA, "-l", LOG, "-w", "-t", "60", "-o",
                     f"-p {PORT} -k {RUN} -c listen_addresses='' -c fsync={'on' if durable else 'off'} "
                     f"-c max_connections=60 {'' if durable else _SMALL}", "start"])


# the tests' cluster keeps little write-ahead log (a full run wrote 350 MB of it with the defaults, on a CI disk that
# once had less than 300 MB free) and logs errors without their statements (a refused 35 MB put_bytes wrote all its
# bytes into the log); the benchmarks' durable cluster keeps PostgreSQL's defaults
_SMALL = ("-c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=48MB -c min_wal_size=32MB "
          "-c log_min_error_statement=panic")


def schemas(p: dict) -> set:
    """The schemas of the test database now (to drop what a test made, drop_schemas_but)."""
    import psycopg2

    conn = psycopg2.connect(**p)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT nspname FROM pg_namespace")
            return {r[0] for r in cur.fetchall()}
    finally:
        conn.close()


def drop_schemas_but(p: dict, keep: set) -> None:
    """Drops the schemas a test made (an office package holds its evidence: 20 MB a test), so a run's database stays
    small. A schema still locked by a connection the test left open stays (lock_timeout), to go with the database
    at the end of the run."""
    import psycopg2

    conn = psycopg2.connect(**p)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SET lock_timeout = '2s'")
            cur.execute("SELECT nspname FROM pg_namespace")
            for (name,) in cur.fetchall():
                if name in keep:
                    continue
                try:
                    cur.execute('DROP SCHEMA "{}" CASCADE'.format(name.replace('"', '""')))
                except psycopg2.Error:
                    pass
    finally:
        conn.close()


def drop_database() -> None:
    """The test database goes at the end of a run (its space back to the disk); the cluster stays for the next."""
    import psycopg2

    if not running():
        return
    conn = psycopg2.connect(**params("postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            cur.execute("CHECKPOINT")
    finally:
        conn.close()


def pause() -> None:
    """Stops the server (fast: open connections are cut, as at a real restart); resume() brings it back."""
    _as_server_user([os.path.join(bin_dir(), "pg_ctl"), "-D", DATA, "-m", "fast", "-w", "stop"])


def stop() -> None:
    if os.path.exists(os.path.join(DATA, "PG_VERSION")) and running():
        _as_server_user([os.path.join(bin_dir(), "pg_ctl"), "-D", DATA, "-m", "fast", "-w", "stop"])
    for own in _OWN:
        shutil.rmtree(own, ignore_errors=True)
    _OWN.clear()
    for fh in _LOCK:
        fh.close()
    _LOCK.clear()


def dsn(p: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in p.items())


if __name__ == "__main__":  # start prints the libpq connection string of the test database
    {"start": lambda: print(dsn(start())), "stop": stop}[sys.argv[1]]()
