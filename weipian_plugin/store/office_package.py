"""A work package on the county office's PostgreSQL server, written by many people at once.

The write path of the daily work, with what a shared store needs and a single-user file does not:

- **No lost update.** A verification carries a version. A save names the version it was made on; when someone
  saved the patch in between, the save is refused (StaleSave) with who changed it and when, and nothing is
  written. The check and the write are one statement under the row's lock, so two saves on the same version
  cannot both pass.
- **One audit chain.** Every accepted change appends its audit entry in the same transaction, chained to the
  one before (store.audit_chain.entry_sha); the database writes it (audit_append) and serialises appends, so the
  chain has no fork whatever the number of writers.
- **Live.** The schema's triggers send a notification (channel `<schema>_changes`, payload the patch code) when
  a patch's verification, reviews, evidence or records change; it arrives when the change is committed.

Rights are the database's (store.pg_schema): a township member's connection simply does not see or write
another township's patches.
"""
from __future__ import annotations

from .office_audit import OfficeAudit
from .office_connection import (  # noqa: F401 - the names callers import from here
    SERVER_ONLY_META,
    OfficeConnection,
    ServerLost,
    StaleSave,
    channel,
    heard,
    listen,
    poll_heard,
    with_lock_timeout,
)
from .office_evidence import OfficeEvidence
from .office_reads import OfficeReads
from .office_writes import OfficeWrites


class OfficePackage(OfficeReads, OfficeWrites, OfficeEvidence, OfficeAudit, OfficeConnection):
    """A PostGIS work package through one psycopg2 connection (one per person and process). With `reconnect`
    (a function giving a new connection) a broken connection is made again after the step that met it. Its
    parts, by concern: the connection (office_connection), reads, writes, evidence bytes, audit and keys."""
