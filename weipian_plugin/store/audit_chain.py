"""The audit log as a hash chain, and the guards that keep the plugin's tables written only by the plugin.

Each entry carries `prev_sha` (the sha of the entry before it; GENESIS for the first) and `sha`, the sha256 of
its own content together with `prev_sha`. Changing, removing, inserting or reordering any entry breaks the chain
from there on, and `chain_problems` names the first entry where it breaks. The chain is unkeyed: whoever rewrites
the whole log from the point of change onwards with this very code produces a valid chain. What catches that is
the other side's memory: the county keeps the sha of the last township entry it imported, so a township log that
rewrote anything already received no longer extends it (see services.return_packages).
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from typing import List, Optional

from ..core.messages import Problem
from .schema import CONSTRAINTS_SQL

GENESIS = "0" * 64


def entry_sha(prev_sha: str, at: str, actor: str, action: str, patch_code: Optional[str], detail: Optional[str]) -> str:
    content = json.dumps([prev_sha, at, actor, action, patch_code, detail], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def head(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT sha FROM audit_log ORDER BY fid DESC LIMIT 1").fetchone()
    return row[0] if row and row[0] else GENESIS


def head_of(count_row, sha_row) -> tuple:
    """(entries, sha of the last entry) from a count row and the last entry's sha row (either store)."""
    count = int(count_row[0] or 0) if count_row else 0
    return count, (sha_row[0] if sha_row and sha_row[0] else GENESIS)


def append(conn: sqlite3.Connection, at: str, actor: str, action: str, patch_code: Optional[str],
           detail: Optional[str]) -> str:
    """Add one entry at the end of the chain (inside the caller's transaction); returns its sha."""
    prev = head(conn)
    sha = entry_sha(prev, at, actor, action, patch_code, detail)
    conn.execute("INSERT INTO audit_log(at, actor, action, patch_code, detail, prev_sha, sha) VALUES (?,?,?,?,?,?,?)",
                 (at, actor, action, patch_code, detail, prev, sha))
    return sha


def append_pg(cur, schema: str, at: str, actor: str, action: str, patch_code: Optional[str],
              detail: Optional[str]) -> str:
    """append() on a PostgreSQL schema's audit_log, through a psycopg2 cursor inside the caller's transaction. A
    transaction-scoped advisory lock keeps appends from several connections in one line (no fork)."""
    cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{schema}.audit_log",))
    cur.execute(f"SELECT sha FROM {schema}.audit_log ORDER BY fid DESC LIMIT 1")
    row = cur.fetchone()
    prev = row[0] if row and row[0] else GENESIS
    sha = entry_sha(prev, at, actor, action, patch_code, detail)
    cur.execute(f"INSERT INTO {schema}.audit_log (at, actor, action, patch_code, detail, prev_sha, sha) "
                f"VALUES (%s, %s, %s, %s, %s, %s, %s)", (at, actor, action, patch_code, detail, prev, sha))
    return sha


def chain_existing(conn: sqlite3.Connection) -> None:
    """Chain entries written before the log was a chain (the v3 → v4 migration), in their order."""
    prev = GENESIS
    rows = conn.execute("SELECT fid, at, actor, action, patch_code, detail FROM audit_log ORDER BY fid").fetchall()
    for fid, at, actor, action, code, detail in rows:
        sha = entry_sha(prev, at, actor, action, code, detail)
        conn.execute("UPDATE audit_log SET prev_sha=?, sha=? WHERE fid=?", (prev, sha, fid))
        prev = sha


AUDIT_COLUMNS = "fid, at, actor, action, patch_code, detail, prev_sha, sha"


def chain_problems(conn: sqlite3.Connection) -> List[str]:
    """Where the chain breaks (empty when it holds): the first entry whose link or content does not match; or
    that the audit log is no longer the plugin's table (replaced by one without the chain's columns)."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(audit_log)")}
    if not have:
        return [Problem("the audit log is missing (the table was removed outside the plugin)",
                        "审计日志缺失（该表在插件之外被删除）")]
    missing = [c.strip() for c in AUDIT_COLUMNS.split(",") if c.strip() not in have]
    if missing:
        return [Problem(f"the audit log lacks the columns {', '.join(missing)} (the table was replaced outside the "
                        f"plugin)", f"审计日志缺少列 {'、'.join(missing)}（该表在插件之外被替换）")]
    return problems_in(conn.execute(f"SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY fid"))


def _not_following(fid) -> Problem:
    return Problem(f"audit entry {fid} does not follow the entry before it (an entry was removed, inserted or "
                   f"rewritten there)", f"审计记录 {fid} 与前一条记录不衔接（此处有记录被删除、插入或改写）")


def _changed(fid) -> Problem:
    return Problem(f"audit entry {fid} was changed after it was written", f"审计记录 {fid} 写入后被修改")


def missing_protection(name: str, renewable: bool = False) -> Problem:
    return Problem(f"protection {name} is missing (removed outside the plugin)", f"保护 {name} 缺失（在插件之外被删除）",
                   renewable)


def changed_protection(name: str, renewable: bool = False) -> Problem:
    return Problem(f"protection {name} was changed outside the plugin", f"保护 {name} 在插件之外被修改", renewable)


def problems_in(entries) -> List[str]:
    """The same for entries (AUDIT_COLUMNS, in fid order) read from any store."""
    prev = GENESIS
    for fid, at, actor, action, code, detail, prev_sha, sha in entries:
        if prev_sha != prev:
            return [_not_following(fid)]
        if sha != entry_sha(prev, at, actor, action, code, detail):
            return [_changed(fid)]
        prev = sha
    return []


def problems_in_checked(rows) -> List[str]:
    """problems_in for rows the database checked itself ((fid, prev_sha, sha, content_ok, repair detail), from an
    office package's audit_chain(): only hashes leave the server). Entries an administrator marked broken with a
    reason (a `chain_repair` entry naming them) are accepted as they stand, and the chain goes on from them; the
    repair itself is an entry of the chain."""
    rows = list(rows)
    repaired = set()
    for *_rest, repair in rows:
        if repair:
            try:
                repaired |= {int(f) for f in json.loads(repair).get("fids") or []}
            except (ValueError, TypeError, AttributeError):
                pass
    prev = GENESIS
    for fid, prev_sha, sha, content_ok, _repair in rows:
        if fid in repaired:
            prev = sha
            continue
        if prev_sha != prev:
            return [_not_following(fid)]
        if not content_ok:
            return [_changed(fid)]
        prev = sha
    return []


def sha_of_entry(conn: sqlite3.Connection, fid: int) -> Optional[str]:
    row = conn.execute("SELECT sha FROM audit_log WHERE fid=?", (fid,)).fetchone()
    return row[0] if row else None


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql.replace("IF NOT EXISTS ", "")).strip().rstrip(";").strip()


def expected_triggers() -> dict:
    """name → normalised SQL of every trigger the plugin puts on its tables."""
    out = {}
    for stmt in CONSTRAINTS_SQL.split(";\n"):
        stmt = stmt.strip()
        m = re.match(r"CREATE TRIGGER IF NOT EXISTS (\w+)", stmt)
        if m:
            out[m.group(1)] = _normal(stmt + ";")
    return out


def guard_problems(conn: sqlite3.Connection) -> List[str]:
    """The plugin's triggers that are missing or not as the plugin made them (dropped by another tool, or the
    table renamed and made anew)."""
    have = {name: _normal(sql or "") for name, sql in
            conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'")}
    problems = []
    for name, sql in expected_triggers().items():
        if name not in have:
            problems.append(missing_protection(name))
        elif have[name] != sql:
            problems.append(changed_protection(name))
    return problems
