"""How an older work package becomes the current one: one step per schema version, each inside the migration's
transaction (WorkPackage._migrate runs them in order, then computes the states once on the last schema)."""
from __future__ import annotations

import sqlite3
from typing import Callable, Dict, List

from . import audit_chain
from .schema import ASSIGNMENT_FIELDS, CONFLICT_FIELDS, RECORD_FIELDS, VERIFICATION_FIELDS, create_attribute_table


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """v2 adds patches.state and patches.blocking (the states are computed by the last step, v3 → v4)."""
    conn.execute("ALTER TABLE patches ADD COLUMN state TEXT")
    conn.execute("ALTER TABLE patches ADD COLUMN blocking INTEGER")


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """v3 adds the assignments and conflicts tables and gives the package an identity (package_id, kind)."""
    import uuid

    create_attribute_table(conn, "assignments", ASSIGNMENT_FIELDS)
    create_attribute_table(conn, "conflicts", CONFLICT_FIELDS)
    for key, value in (("package_id", str(uuid.uuid4())), ("kind", "county")):
        conn.execute("INSERT OR IGNORE INTO package_meta(key, value) VALUES (?, ?)", (key, value))


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """v4 binds reviews to the content they reviewed, chains the audit log and guards the tables.

    The last review of each patch is bound to the patch's content of today where the rule of v3 (a verification
    saved after the review voids it) says it still holds; older reviews stay unbound (history only). The existing
    audit entries are chained in their order."""
    from ..core.model import reviewed_content_sha
    from .states import verification_from_row

    conn.execute("ALTER TABLE reviews ADD COLUMN content_sha TEXT")
    conn.execute("ALTER TABLE audit_log ADD COLUMN prev_sha TEXT")
    conn.execute("ALTER TABLE audit_log ADD COLUMN sha TEXT")
    v4_fields = [f for f, _ in VERIFICATION_FIELDS if f != "nonagri"]  # the columns a v3 package has
    verifications = {r[0]: verification_from_row(dict(zip(v4_fields, r))) for r in
                     conn.execute(f"SELECT {', '.join(v4_fields)} FROM verifications")}
    shas: Dict[str, List[str]] = {}
    for code, sha in conn.execute("SELECT patch_code, sha256 FROM evidence"):
        shas.setdefault(code, []).append(sha)
    last = conn.execute("SELECT r.fid, r.patch_code, r.reviewed_at FROM reviews r JOIN "
                        "(SELECT patch_code, max(fid) AS fid FROM reviews GROUP BY patch_code) m ON m.fid = r.fid")
    for fid, code, reviewed_at in last.fetchall():
        v = verifications.get(code)
        if v is None or not v.verdict or (v.verified_at and reviewed_at and v.verified_at > reviewed_at):
            continue
        conn.execute("UPDATE reviews SET content_sha=? WHERE fid=?", (reviewed_content_sha(v, shas.get(code, [])), fid))
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")  # created again with the constraints
    audit_chain.chain_existing(conn)
    # the states are computed once all steps ran (WorkPackage._migrate), on the last schema


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    """v5 adds patch_records, verifications.nonagri and evidence.doc_type, and lets profiles name verdicts of their
    own (the verdict trigger checks the form of the code; the profile checks the code). A package whose profile
    was national_2023 ran with the Shaanxi/安康 thresholds that profile carried then: it now names the profile
    that carries them (shaanxi_ankang_2023), so its figures do not change."""
    create_attribute_table(conn, "patch_records", RECORD_FIELDS)
    conn.execute("ALTER TABLE verifications ADD COLUMN nonagri INTEGER")
    conn.execute("ALTER TABLE evidence ADD COLUMN doc_type TEXT")
    conn.execute("DROP TRIGGER IF EXISTS verifications_check_verdict")
    conn.execute("UPDATE package_meta SET value='shaanxi_ankang_2023' WHERE key='profile' AND value='national_2023'")


# version -> function migrating a package of that version to version + 1 (inside one transaction)
MIGRATIONS: Dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4,
                                                              4: _v4_to_v5}


