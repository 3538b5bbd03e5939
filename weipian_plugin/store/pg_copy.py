"""Files into a PostgreSQL table with COPY … FROM STDIN (FORMAT binary): one file in memory at a time, no
statement per file, each checked against the sha256 it was recorded with before it is sent."""
from __future__ import annotations

import hashlib
import os
from typing import Optional

from ..core.messages import QT_TRANSLATE_NOOP, Msg


class FileCopyError(Exception):
    pass


class FileCopy:
    """A file-like COPY ... FROM STDIN (FORMAT binary) source: header, one tuple a distinct file, trailer."""

    def __init__(self, records, base: str, step, read=None):
        """records: (path, sha256, size); each file is read from base/path, or by read(path) where given (the
        bytes of a zip's member: whatever it raises stops the COPY and is kept as `error`)."""
        import struct

        self.struct = struct
        self.records, self.base, self.step, self.read_file = records, base, step, read
        self.seen = set()
        self.error: Optional[Exception] = None
        self._i = 0
        self._buffer = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)
        self._done = False

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._buffer += self._next_tuple()
        if size < 0:
            size = len(self._buffer)
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    readline = read

    def _next_tuple(self) -> bytes:
        pack = self.struct.pack
        while self._i < len(self.records):
            path, sha, size = self.records[self._i]
            self._i += 1
            self.step(40.0 + 60.0 * self._i / max(len(self.records), 1))
            if sha in self.seen:
                continue
            full = os.path.join(self.base, path)
            if self.read_file is not None:
                try:
                    data = self.read_file(path)
                except Exception as exc:  # the reader's own refusal (a zip member that does not match), as it is
                    self.error = exc
                    raise
            else:
                try:
                    with open(full, "rb") as fh:
                        data = fh.read()
                except OSError as exc:
                    self.error = FileCopyError(Msg(QT_TRANSLATE_NOOP(
                        "weipian", "{path}: evidence file cannot be read ({exc})"), path=full, exc=exc))
                    raise self.error from exc
            if hashlib.sha256(data).hexdigest() != sha or (size is not None and len(data) != size):
                self.error = FileCopyError(Msg(QT_TRANSLATE_NOOP(
                    "weipian", "{path}: the file changed after it was attached (sha256 differs); nothing was "
                               "published"), path=full))
                raise self.error
            self.seen.add(sha)
            key = sha.encode("ascii")
            return (pack("!h", 3) + pack("!i", len(key)) + key + pack("!iq", 8, len(data)) +
                    pack("!i", len(data)) + data)
        self._done = True
        return pack("!h", -1)
