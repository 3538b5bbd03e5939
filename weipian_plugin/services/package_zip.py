"""Write and read exchange packages: a zip of files plus `manifest.json` with every file's size and sha256.

Writing streams each file into the zip in chunks while hashing it (memory stays bounded whatever the size),
under a temporary name that is renamed only when the manifest is written: an interrupted export never leaves
a file that looks finished. Reading refuses unsafe names, zip bombs, truncated zips and any manifest mismatch
before anything is used, naming every offending file.
"""
from __future__ import annotations

import errno
import hashlib
import os
import queue
import shutil
import threading
import zipfile
import zlib
from contextlib import contextmanager
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from ..core.collector import paused
from ..core.manifest import (
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    FileEntry,
    Manifest,
    ManifestError,
    check_listing,
    compare_listing,
    parse_manifest,
)
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from . import work_dirs

CHUNK = 1 << 20
AUDIT_CHAIN = "audit/chain.json"  # an upload's audit chain: every entry's sha, in order (services.city_import)
# already compressed: stored as they are (deflating them costs time and gains nothing)
STORED_EXTENSIONS = {".jpg", ".jpeg", ".heic", ".heif", ".png", ".pdf", ".zip", ".gz", ".tif", ".tiff", ".xlsx",
                     ".mp4", ".mov"}


def package_identity(wp, kind: str, actor: str, **more) -> Dict:
    """Who made a package of a work package, when, with what: the manifest's identity (None values left out)."""
    import datetime

    from ..paths import plugin_version
    from ..store.schema import SCHEMA_VERSION

    ident = {"county_code": wp.meta("county_code") or "", "created_at": datetime.datetime.now().astimezone().isoformat(),
             "created_by": actor, "schema_version": SCHEMA_VERSION, "profile": wp.meta("profile") or "",
             "generator": f"weipian_plugin {plugin_version()}", "kind": kind}
    ident.update({k: v for k, v in more.items() if v is not None})
    return ident


@contextmanager
def written_or_said(out_zip: str) -> Iterator[None]:
    """A package written to out_zip: a disk that fills up or refuses the write (a full USB stick, a read-only
    share) ends it with the reason in the user's words instead of a traceback. The writer has removed what it had
    written by then (PackageWriter.abort)."""
    from ..store.exchange_rows import DatabaseError
    from ..store.work_package import PackageError

    try:
        yield
    except FileExistsError:
        raise
    # PackageError: a work package that could not be made on that disk (an assignment's), its cause the disk's
    # error; RuntimeError: GDAL's, writing the results layer
    except (PackageError, OSError, DatabaseError, RuntimeError) as exc:
        why = exc.__cause__ if isinstance(exc, PackageError) else exc
        if why is not None and _disk_full(why, out_zip):
            raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: the disk is full; nothing was exported"),
                                   path=out_zip)) from exc
        if isinstance(exc, (PackageError, RuntimeError)):
            raise
        raise PackageError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: cannot be written ({exc}); nothing was exported"),
                               path=out_zip, exc=exc)) from exc


def _disk_full(exc: BaseException, out_zip: str) -> bool:
    if getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc):
        return True
    try:  # GDAL says only that it failed: the disk tells
        return shutil.disk_usage(os.path.dirname(os.path.abspath(out_zip))).free < 1024 * 1024
    except OSError:
        return False


class Cancelled(Exception):
    pass


class EvidenceChanged(Exception):
    """A file's bytes differ from the sha256 recorded when it was attached."""


PARTIAL = ".partial"


def _try_lock(fd: int) -> bool:
    """An exclusive lock on an open file, without waiting; False when another process holds it."""
    try:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    except ImportError:  # Windows: a byte-range lock
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False


def sweep_partials(folder: str) -> int:
    """Remove the `.partial` packages in folder that no live export is writing (an export holds a lock on its
    `.partial` while it writes; a killed one's lock went with it). Returns how many."""
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.endswith(PARTIAL)]
    except OSError:
        return 0
    for name in names:
        path = os.path.join(folder, name)
        try:
            if not os.path.isfile(path) or os.path.islink(path):
                continue
            fd = os.open(path, os.O_RDWR)
        except OSError:
            continue
        try:
            if _try_lock(fd):
                os.remove(path)
                removed += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


class PackageWriter:
    """with PackageWriter(path, kind, identity, signer=...) as w: w.add_file(...); w.finish(counts)

    The package is written as `<path>.partial`, locked while it is written (a second export to the same path is
    refused while the first runs; a `.partial` left by a killed export is removed by the next export into the
    folder), verified against its own manifest when complete, and only then published under its name."""

    def __init__(self, path: str, kind: str, identity: Dict, cancelled: Optional[Callable[[], bool]] = None, *,
                 signer):
        self.path = os.path.abspath(path)
        self.partial = self.path + PARTIAL
        if os.path.exists(self.path):
            raise FileExistsError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: already exists; a package is never overwritten"), path=self.path))
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self.signer = signer
        self.manifest = Manifest(kind, dict(identity))
        self.cancelled = cancelled or (lambda: False)
        fd = os.open(self.partial, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise FileExistsError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: another export is writing this package "
                                                                   "right now; wait for it to finish"),
                                      path=self.path))
        sweep_partials(os.path.dirname(self.path))  # the others' leftovers (this one is locked: kept)
        os.ftruncate(fd, 0)  # what a killed export left under this name
        self._fh = os.fdopen(fd, "w+b")
        self.zip = zipfile.ZipFile(self._fh, "w", allowZip64=True)
        self.bytes_written = 0
        self._done = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if not self._done:
            self.abort()
        return False

    def _info(self, arcname: str, size: int, mtime: Optional[float] = None) -> zipfile.ZipInfo:
        import time

        info = zipfile.ZipInfo(arcname, time.localtime(mtime)[:6] if mtime else time.localtime()[:6])
        ext = os.path.splitext(arcname)[1].lower()
        info.compress_type = zipfile.ZIP_STORED if ext in STORED_EXTENSIONS else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = size
        return info

    def add_file(self, source: str, arcname: str, expected_sha256: Optional[str] = None) -> FileEntry:
        """Stream one file in; with expected_sha256 the bytes must still be the ones recorded as evidence."""
        if self.cancelled():
            raise Cancelled()
        digest = hashlib.sha256()
        size = 0
        with self._open_entry(arcname, os.stat(source)) as dst:
            for chunk in _read_hashed(source, digest):
                dst.write(chunk)
                size += len(chunk)
        return self._record(source, arcname, size, digest.hexdigest(), expected_sha256)

    def _open_entry(self, arcname: str, st: os.stat_result):
        info = self._info(arcname, st.st_size, st.st_mtime)
        return self.zip.open(info, "w", force_zip64=st.st_size > (1 << 31))

    def _record(self, source: str, arcname: str, size: int, sha: str, expected: Optional[str]) -> FileEntry:
        """List a written file in the manifest; its bytes must be the ones recorded as evidence, if any were."""
        if expected and sha != expected:
            raise EvidenceChanged(Msg(QT_TRANSLATE_NOOP("weipian", "{source}: its bytes changed since it was attached (sha256 {value}… ≠ recorded {value2}…)"), source=source, value=sha[:12], value2=expected[:12]))
        entry = FileEntry(arcname, size, sha)
        self.manifest.files.append(entry)
        self.bytes_written += size
        return entry

    def add_files(self, items: Sequence[Tuple[str, str, Optional[str]]],
                  progress: Optional[Callable[[int], None]] = None) -> List[FileEntry]:
        """Many (source, arcname, expected sha256) files: one helper thread reads and hashes ahead, across file
        boundaries, while this thread checksums and writes; at most QUEUE_CHUNKS chunks wait in memory. Python's
        collector is paused while the helper lives (core/collector)."""
        with paused():
            return self._add_files(items, progress)

    def _add_files(self, items, progress) -> List[FileEntry]:
        q: "queue.Queue" = queue.Queue(maxsize=QUEUE_CHUNKS)
        stop = threading.Event()

        def put(item) -> bool:
            while not stop.is_set():
                try:
                    q.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def reader():
            try:
                for source, arcname, expected in items:
                    digest = hashlib.sha256()
                    if not put(("start", source, arcname, expected, os.stat(source))):
                        return
                    for chunk in _read_hashed(source, digest):
                        if not put(("data", chunk)):
                            return
                    if not put(("end", digest.hexdigest())):
                        return
                put(None)
            except BaseException as exc:  # handed to the writing thread
                put(exc)

        thread = threading.Thread(target=reader, name="weipian-zip-reader", daemon=True)
        thread.start()
        entries: List[FileEntry] = []
        dst = None
        size = 0
        try:
            while True:
                item = q.get()
                if item is None:
                    break
                if isinstance(item, BaseException):
                    raise item
                if item[0] == "data":
                    dst.write(item[1])
                    size += len(item[1])
                elif item[0] == "start":
                    if self.cancelled():
                        raise Cancelled()
                    _, source, arcname, expected, st = item
                    dst = self._open_entry(arcname, st)
                    size = 0
                else:
                    dst.close()
                    dst = None
                    entries.append(self._record(source, arcname, size, item[1], expected))
                    if progress:
                        progress(len(entries))
        finally:
            stop.set()
            thread.join()
            if dst is not None:
                try:
                    dst.close()
                except Exception:
                    pass
        return entries

    def add_bytes(self, data: bytes, arcname: str) -> FileEntry:
        info = self._info(arcname, len(data))
        self.zip.writestr(info, data)
        entry = FileEntry(arcname, len(data), hashlib.sha256(data).hexdigest())
        self.manifest.files.append(entry)
        return entry

    def finish(self, counts: Optional[Dict] = None,
               before_publish: Optional[Callable[[str], None]] = None) -> str:
        """Write the manifest, make the zip durable and publish it under its name. before_publish(manifest sha256)
        runs when the package is complete and durable but not yet published: the place to record the export, so
        that a published package is always a recorded one (a crash after the record leaves a record of a package
        that never appeared, which the next run simply makes again; the reverse would leave a package nobody
        recorded). When it raises, nothing is published."""
        self.manifest.counts = dict(counts or {})
        info = self._info(MANIFEST_NAME, 0)
        info.compress_type = zipfile.ZIP_DEFLATED
        raw = self.manifest.to_json(self.signer)
        self.zip.writestr(info, raw)
        self.zip.close()
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._verify_written()
        if os.path.exists(self.path):
            raise FileExistsError(Msg(QT_TRANSLATE_NOOP("weipian", "{path}: appeared while the package was written; left as {partial}"), path=self.path, partial=self.partial))
        if before_publish is not None:
            before_publish(hashlib.sha256(raw).hexdigest())
        os.replace(self.partial, self.path)
        _fsync_dir(os.path.dirname(self.path))
        self._done = True
        self._fh.close()  # the lock goes with it, after the rename
        return self.path

    def _verify_written(self) -> None:
        """The zip on disk, read back: every file as its manifest lists it (a disk that dropped bytes, another
        program writing to the same file) — never publish a package that does not verify."""
        try:
            with PackageReader(self.partial) as reader:
                problems = reader.verify(cancelled=self.cancelled)
        except ManifestError as exc:
            problems = exc.problems
        if problems:
            raise ManifestError(os.path.basename(self.path), [Msg(QT_TRANSLATE_NOOP(
                "weipian", "the package written does not match its manifest ({problem}); nothing was published"),
                problem=problems[0])])

    def abort(self) -> None:
        try:
            self.zip.close()
        except Exception:
            pass
        try:
            self._fh.close()
        except OSError:  # a full disk refuses the last bytes too: the file goes all the same
            pass
        if os.path.exists(self.partial):
            os.remove(self.partial)
        self._done = True


def _fsync_dir(folder: str) -> None:
    """Make a rename in folder durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


QUEUE_CHUNKS = 8


def _read_hashed(path: str, digest) -> Iterator[bytes]:
    with open(path, "rb") as src:
        while True:
            chunk = src.read(CHUNK)
            if not chunk:
                return
            digest.update(chunk)
            yield chunk


class PackageReader:
    """Open a package zip and check its listing against its manifest (no content read yet)."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        name = os.path.basename(path)
        if not os.path.isfile(path):
            raise ManifestError(name, [Msg(QT_TRANSLATE_NOOP("weipian", "no such file"))])
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ManifestError(name, [Msg(QT_TRANSLATE_NOOP("weipian", "not a zip file, or truncated ({exc})"), exc=exc)]) from None
        except OSError as exc:
            raise ManifestError(name, [Msg(QT_TRANSLATE_NOOP("weipian", "cannot be read ({exc})"), exc=exc)]) from None
        try:
            self.members = check_listing(self.zip.infolist(), name)
            info = self.members.get(MANIFEST_NAME)
            if info is None:
                raise ManifestError(name, [Msg(QT_TRANSLATE_NOOP("weipian", "has no {manifest_name}: not a package of this plugin, or damaged"), manifest_name=MANIFEST_NAME)])
            if info.file_size > MAX_MANIFEST_BYTES:
                raise ManifestError(name, [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} is {file_size} bytes, over the limit"), manifest_name=MANIFEST_NAME, file_size=info.file_size)])
            try:
                raw = self.zip.read(info)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise ManifestError(name, [Msg(QT_TRANSLATE_NOOP("weipian", "{manifest_name} cannot be read ({exc})"), manifest_name=MANIFEST_NAME, exc=exc)]) from None
            self.manifest = parse_manifest(raw, name)
            # reported together with the content checks, so one message names every problem
            self.listing_problems = compare_listing(self.manifest, self.members)
        except ManifestError:
            self.zip.close()
            raise
        self.name = name

    def close(self) -> None:
        self.zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _stream(self, entry: FileEntry, sink) -> Optional[str]:
        """Read one member through sink(chunk); returns a problem or None."""
        info = self.members.get(entry.path)
        if info is None or info.file_size != entry.size:
            return ""  # already among the listing problems
        digest = hashlib.sha256()
        size = 0
        try:
            with self.zip.open(info) as src:
                while True:
                    chunk = src.read(CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > entry.size:
                        return Msg(QT_TRANSLATE_NOOP("weipian", "{path}: longer than the manifest's {size} bytes"), path=entry.path, size=entry.size)
                    digest.update(chunk)
                    sink(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            return Msg(QT_TRANSLATE_NOOP("weipian", "{path}: cannot be read ({exc})"), path=entry.path, exc=exc)
        if size != entry.size:
            return Msg(QT_TRANSLATE_NOOP("weipian", "{path}: {size} bytes, the manifest says {size2}"), path=entry.path, size=size, size2=entry.size)
        if digest.hexdigest() != entry.sha256:
            return Msg(QT_TRANSLATE_NOOP("weipian", "{path}: sha256 does not match the manifest"), path=entry.path)
        return None

    def verify(self, progress: Optional[Callable[[float], None]] = None,
               cancelled: Optional[Callable[[], bool]] = None) -> List[str]:
        """Every file's hash and size; returns every problem (empty when all match)."""
        return self._each(lambda entry: self._stream(entry, lambda chunk: None), progress, cancelled)

    def read_verified(self, path: str, limit: int = 64 << 20) -> bytes:
        """One listed file's bytes, once every file of the package matched its manifest (ManifestError names
        every problem otherwise)."""
        problems = self.verify()
        if problems:
            raise ManifestError(self.name, problems)
        return self.checked_bytes(path, limit)

    def checked_bytes(self, path: str, limit: int = 64 << 20) -> bytes:
        """One listed file's bytes straight from the zip (nothing written anywhere), checked against its manifest
        entry: size and sha256. ManifestError names the problem, or the listing's problems where there are any."""
        if self.listing_problems:
            raise ManifestError(self.name, list(self.listing_problems))
        entry = self.manifest.by_path.get(path)
        if entry is None:
            raise ManifestError(self.name, [Msg(QT_TRANSLATE_NOOP("weipian", "holds no {path}"), path=path)])
        if entry.size > limit:
            raise ManifestError(self.name, [Msg(QT_TRANSLATE_NOOP("weipian", "{path}: {size} bytes, over the limit"),
                                                path=path, size=entry.size)])
        parts: List[bytes] = []
        problem = self._stream(entry, parts.append)
        if problem:
            raise ManifestError(self.name, [problem])
        return b"".join(parts)

    def _each(self, fn, progress, cancelled) -> List[str]:
        problems: List[str] = list(self.listing_problems)
        total = sum(f.size for f in self.manifest.files) or 1
        done = 0
        for entry in self.manifest.files:
            if cancelled and cancelled():
                raise Cancelled()
            problem = fn(entry)
            if problem:
                problems.append(problem)
            done += entry.size
            if progress:
                progress(100.0 * done / total)
        return problems

    def extract_verified(self, folder: str, progress: Optional[Callable[[float], None]] = None,
                         cancelled: Optional[Callable[[], bool]] = None) -> None:
        """Extract every listed file into folder, checking each hash on the way; on any problem the folder's
        new content is removed and ManifestError names every problem."""
        declared = sum(f.size for f in self.manifest.files)
        os.makedirs(folder, exist_ok=True)
        free = shutil.disk_usage(folder).free
        if declared > free:
            raise ManifestError(self.name, [Msg(QT_TRANSLATE_NOOP("weipian", "needs {declared} bytes to unpack, only {free} free in {folder}"), declared=declared, free=free, folder=folder)])
        root = os.path.realpath(folder)
        created: List[str] = []

        def one(entry: FileEntry) -> Optional[str]:
            if entry.path not in self.members or self.members[entry.path].file_size != entry.size:
                return ""  # already among the listing problems
            target = os.path.realpath(os.path.join(root, *entry.path.split("/")))
            if not target.startswith(root + os.sep):
                return Msg(QT_TRANSLATE_NOOP("weipian", "{path}: would be written outside the package folder"), path=entry.path)
            if os.path.exists(target):
                return Msg(QT_TRANSLATE_NOOP("weipian", "{path}: already exists in {folder}"), path=entry.path, folder=folder)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                created.append(target)
                return self._stream(entry, out.write)

        try:
            problems = self._each(one, progress, cancelled)
        except BaseException:
            _remove(created)
            raise
        if problems:
            _remove(created)
            raise ManifestError(self.name, problems)


def _remove(paths: List[str]) -> None:
    for p in paths:
        try:
            os.remove(p)
        except OSError:
            pass


def verify_package(path: str, progress=None, cancelled=None) -> Manifest:
    """The manifest of a package whose every file matches it; ManifestError names every problem otherwise."""
    with PackageReader(path) as reader:
        problems = reader.verify(progress, cancelled)
        if problems:
            raise ManifestError(reader.name, problems)
        return reader.manifest


def unpack_to_temp(path: str, parent: Optional[str] = None, progress=None, cancelled=None):
    """(manifest, temporary folder) with the verified content; the caller removes the folder."""
    folder = work_dirs.make("weipian_unpack_", parent)
    try:
        with PackageReader(path) as reader:
            reader.extract_verified(folder, progress, cancelled)
            return reader.manifest, folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
