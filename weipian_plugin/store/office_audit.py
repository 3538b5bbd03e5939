"""The office package's audit chain and keys: entries appended by the database, the chain checked, the
signing key and the keys this office trusts."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

from .audit_chain import AUDIT_COLUMNS
from .office_connection import (
    _server_call,
)


class OfficeAudit:
    """The audit chain (appended by the database) and the keys."""

    @_server_call
    def integrity_problems(self) -> List[str]:
        """The audit chain as the database checks it (any login; a township sees only hashes), and every trigger,
        policy, function and right the plugin put in place, as the catalogue shows them."""
        from .audit_chain import problems_in_checked
        from .office_rights import protection_problems, rights_problems

        problems = problems_in_checked(self._rows(f"SELECT * FROM {self.schema}.audit_chain()"))
        with self.conn.cursor() as cur:
            problems += protection_problems(cur, self.schema) + rights_problems(cur, self.schema)
        if not self._depth and not self._moment:
            self.conn.rollback()
        return problems

    @_server_call
    def audit_entries(self, code: Optional[str] = None) -> List[Dict[str, Any]]:
        where, args = ("WHERE patch_code = %s", (code,)) if code else ("", ())
        names = [c.strip() for c in AUDIT_COLUMNS.split(",")] + ["login"]
        return [dict(zip(names, r)) for r in self._rows(f"SELECT {AUDIT_COLUMNS}, login FROM {self.schema}.audit_log "
                                                        f"{where} ORDER BY fid", args)]

    def audit(self, actor: str, action: str, patch_code: Optional[str], detail: Any = None,
              at: Optional[str] = None) -> str:
        """An audit entry inside the caller's transaction (transaction())."""
        self._inside("audit")
        with self.conn.cursor() as cur:
            return self._audit(cur, actor, action, patch_code, detail, at)

    def signing_party(self) -> str:
        from ..core.signing import county_party

        return county_party(self.meta("county_code") or "")

    @_server_call
    def signer(self):
        from ..core.signing import Signer
        from .keys import pg_seed

        with self.conn.cursor() as cur:
            seed = pg_seed(cur, self.schema, self.label)
        if not self._depth and not self._moment:
            self.conn.rollback()
        return Signer(self.signing_party(), seed)

    @_server_call
    def trusted_keys(self) -> list:
        from .keys import pg_trusted_keys

        with self.conn.cursor() as cur:
            keys = pg_trusted_keys(cur, self.schema)
        if not self._depth and not self._moment:
            self.conn.rollback()
        return keys

    def trusted_key(self, party: str):
        keys = [k for k in self.trusted_keys() if k.party == party]
        return keys[-1] if keys else None

    def trust_key(self, key, actor: str) -> None:
        from .keys import pg_trust_key
        from .work_package import trust_detail

        with self.transaction(), self.conn.cursor() as cur:
            pg_trust_key(cur, self.schema, key)
            self._audit(cur, actor, "trust_key", None, trust_detail(key))

    @_server_call
    def audit_head(self) -> Tuple[int, str]:
        from .audit_chain import head_of

        return head_of(self._rows(f"SELECT count(*) FROM {self.schema}.audit_log")[0],
                       (self._rows(f"SELECT sha FROM {self.schema}.audit_log ORDER BY fid DESC LIMIT 1") or [None])[0])

    @_server_call
    def audit_shas(self) -> List[str]:
        return [r[0] for r in self._rows(f"SELECT sha FROM {self.schema}.audit_log ORDER BY fid")]

    def _audit(self, cur, actor: str, action: str, code: Optional[str], detail: Any, at: Optional[str] = None) -> str:
        """Appends to the one chain, inside the caller's transaction, through the database's audit_append: the
        time, the member's name and the login are the database's. An entry carried over from elsewhere (a
        township's log) keeps its own actor and time in its detail."""
        if at is not None:
            detail = {"entry": detail, "actor": actor, "at": at}
        cur.execute(f"SELECT {self.schema}.audit_append(%s, %s, %s)",
                    (action, code, json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)))
        return cur.fetchone()[0]
