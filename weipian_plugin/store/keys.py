"""Where signing keys and trusted keys are kept.

- **A desk** (a township's or a county's computer working on GeoPackages) keeps its private key and the keys it
  trusts in a folder of the QGIS profile that only its user can read (`<profile>/weipian/keys`, mode 0700, files
  0600). QGIS' authentication database was the other candidate: it needs its master password typed in, which
  `qgis_process` and the export's child process cannot do, so a key kept there would leave every headless export
  unsigned; a file readable by the user alone is what SSH and minisign keep their keys in. `WEIPIAN_DESK_DIR`
  names another folder (a second person on the same computer account, the tests).
- **An office package and a city hub** keep their private key in a table of their schema (`signing_key`) that
  only the county's (city's) own roles may read, never a township's; the desk that publishes the package or
  creates the hub gives it its own key, so the county (city) signs with one key whatever store it works on.
  The keys they trust are rows of `trusted_keys`, insert-only, each decision in the audit log too.

The trusted keys are history: the newest row of a party is the key that party must sign with; older rows say
what it replaced, when, by whom and why.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import stat
from typing import Dict, Iterator, List, Optional

from ..core import signing
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.signing import Signer, TrustedKey

DESK_ENV = "WEIPIAN_DESK_DIR"
KEY_FILE = "signing_key.json"
TRUST_FILE = "trusted_keys.json"
LOCK_FILE = ".lock"


class KeyStoreError(Exception):
    """A key cannot be read or written; the message names the place and the reason."""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def default_desk_dir() -> str:
    """The desk's key folder: $WEIPIAN_DESK_DIR, else the QGIS profile's weipian/keys."""
    named = os.environ.get(DESK_ENV)
    if named:
        return os.path.abspath(named)
    try:
        from qgis.core import QgsApplication

        base = QgsApplication.qgisSettingsDirPath()
    except Exception:  # no QGIS (a plain interpreter): the user's data folder
        base = ""
    if not base:
        base = os.path.join(os.path.expanduser("~"), ".local", "share", "weipian")
    return os.path.join(base, "weipian", "keys")


@contextlib.contextmanager
def using_desk(folder: str) -> Iterator["Desk"]:
    """Act as the desk whose keys are in folder (the demo plays the county and its townships in one run)."""
    before = os.environ.get(DESK_ENV)
    os.environ[DESK_ENV] = os.path.abspath(folder)
    try:
        yield Desk(folder)
    finally:
        if before is None:
            os.environ.pop(DESK_ENV, None)
        else:
            os.environ[DESK_ENV] = before


def _key_row(key: TrustedKey) -> Dict:
    return {"party": key.party, "public_key": key.public.hex(), "fingerprint": key.fingerprint,
            "trusted_at": key.trusted_at, "trusted_by": key.trusted_by, "how": key.how, "reason": key.reason,
            "replaces": key.replaces}


def key_from_row(row: Dict) -> TrustedKey:
    public = bytes.fromhex(str(row["public_key"]))
    if len(public) != signing.PUBLIC_BYTES:
        raise ValueError("not a key")
    return TrustedKey(str(row["party"]), public, str(row.get("trusted_at") or ""), str(row.get("trusted_by") or ""),
                      str(row.get("how") or ""), str(row.get("reason") or ""), row.get("replaces") or None)


class Desk:
    """This computer's (this user's) signing key and the keys it trusts."""

    def __init__(self, folder: Optional[str] = None):
        self.folder = os.path.abspath(folder or default_desk_dir())

    @classmethod
    def current(cls) -> "Desk":
        return cls()

    def _ready(self) -> None:
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
            if os.name == "posix" and stat.S_IMODE(os.stat(self.folder).st_mode) & 0o077:
                os.chmod(self.folder, 0o700)
        except OSError as exc:
            raise KeyStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{folder}: the key folder cannot be made ({exc})"),
                                    folder=self.folder, exc=exc)) from exc

    @contextlib.contextmanager
    def _locked(self):
        """One process at a time changes the folder (the dock and a qgis_process run on the same desk)."""
        self._ready()
        fd = os.open(os.path.join(self.folder, LOCK_FILE), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
            except ImportError:  # Windows: msvcrt locks a byte range
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            yield
        finally:
            os.close(fd)

    def _write(self, name: str, data: Dict) -> None:
        """Replace a file of the folder whole (a new file, made readable by the user alone, then renamed)."""
        path = os.path.join(self.folder, name)
        tmp = path + ".new"
        if os.path.exists(tmp):
            os.remove(tmp)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    def _read(self, name: str) -> Optional[Dict]:
        path = os.path.join(self.folder, name)
        try:
            with open(path, "rb") as fh:
                raw = fh.read(1 << 20)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise KeyStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: cannot be read ({exc})"), path=path,
                                    exc=exc)) from exc
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            return data
        except ValueError as exc:
            raise KeyStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: damaged ({exc}); it is left as it is"),
                                    path=path, exc=exc)) from exc

    # -- the desk's own key ---------------------------------------------------------------------------------------
    def seed(self) -> bytes:
        """The private key, made on first use."""
        data = self._read(KEY_FILE)
        if data is None:
            with self._locked():
                data = self._read(KEY_FILE)
                if data is None:
                    data = {"algorithm": signing.ALGORITHM, "seed": signing.new_seed().hex(), "created_at": _now()}
                    self._write(KEY_FILE, data)
        path = os.path.join(self.folder, KEY_FILE)
        if os.name == "posix" and stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            os.chmod(path, 0o600)  # a copy that others could read is made private again
        try:
            seed = bytes.fromhex(str(data.get("seed")))
        except ValueError:
            seed = b""
        if data.get("algorithm") != signing.ALGORITHM or len(seed) != signing.SEED_BYTES:
            raise KeyStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: not a signing key of this plugin; it is "
                                                                 "left as it is"), path=path))
        return seed

    def signer(self, party: str) -> Signer:
        return Signer(party, self.seed())

    def fingerprint(self) -> str:
        return signing.fingerprint(signing.public_key(self.seed()))

    # -- the keys it trusts ---------------------------------------------------------------------------------------
    def trusted_keys(self, party: Optional[str] = None) -> List[TrustedKey]:
        data = self._read(TRUST_FILE) or {}
        out = []
        for row in data.get("keys") or []:
            try:
                key = key_from_row(row)
            except (KeyError, TypeError, ValueError):
                continue
            if party is None or key.party == party:
                out.append(key)
        return out

    def trusted_key(self, party: str) -> Optional[TrustedKey]:
        keys = self.trusted_keys(party)
        return keys[-1] if keys else None

    def trust_key(self, key: TrustedKey, actor: str = "") -> None:
        with self._locked():
            data = self._read(TRUST_FILE) or {"format": 1, "keys": []}
            data.setdefault("keys", []).append(_key_row(key))
            self._write(TRUST_FILE, data)


# -- on PostgreSQL (an office package, a city hub) ----------------------------------------------------------------

TRUST_COLUMNS = ("party", "public_key", "trusted_at", "trusted_by", "how", "reason", "replaces")


def pg_keys_sql(s: str) -> List[str]:
    """The two key tables of a schema (rights are granted by the schema's own rights_sql)."""
    return [f"CREATE TABLE {s}.signing_key (one boolean PRIMARY KEY DEFAULT true CHECK (one), "
            f"algorithm text NOT NULL CHECK (algorithm = 'ed25519'), seed text NOT NULL "
            f"CHECK (seed ~ '^[0-9a-f]{{64}}$'), created_at text NOT NULL)",
            f"CREATE TABLE {s}.trusted_keys (fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            f"party text NOT NULL, public_key text NOT NULL CHECK (public_key ~ '^[0-9a-f]{{64}}$'), "
            f"trusted_at text NOT NULL, trusted_by text NOT NULL, how text NOT NULL, reason text, replaces text)"]


def pg_set_seed(cur, s: str, seed: bytes) -> None:
    cur.execute(f"INSERT INTO {s}.signing_key (algorithm, seed, created_at) VALUES (%s, %s, %s)",
                (signing.ALGORITHM, bytes(seed).hex(), _now()))


def pg_seed(cur, s: str, label: str) -> bytes:
    try:
        cur.execute(f"SELECT seed FROM {s}.signing_key")
        row = cur.fetchone()
    except Exception as exc:  # psycopg2 errors: no such table (an older package), no right to read it
        raise KeyStoreError(Msg(QT_TRANSLATE_NOOP(
            "weipian", "{name}: its signing key cannot be read ({reason}); packages are signed by the county's "
                       "(city's) own logins, on a package published by this version"),
            name=label, reason=(str(exc).strip().splitlines() or ["?"])[0])) from exc
    if row is None:
        raise KeyStoreError(Msg(QT_TRANSLATE_NOOP("weipian", "{name}: has no signing key"), name=label))
    return bytes.fromhex(row[0])


def pg_trusted_keys(cur, s: str, party: Optional[str] = None) -> List[TrustedKey]:
    where = " WHERE party = %s" if party is not None else ""
    cur.execute(f"SELECT {', '.join(TRUST_COLUMNS)} FROM {s}.trusted_keys{where} ORDER BY fid",
                (party,) if party is not None else ())
    return [key_from_row(dict(zip(TRUST_COLUMNS, r))) for r in cur.fetchall()]


def pg_trust_key(cur, s: str, key: TrustedKey) -> None:
    row = _key_row(key)
    cur.execute(f"INSERT INTO {s}.trusted_keys ({', '.join(TRUST_COLUMNS)}) VALUES "
                f"({', '.join(['%s'] * len(TRUST_COLUMNS))})", [row[c] for c in TRUST_COLUMNS])
