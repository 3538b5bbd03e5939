"""Findings: what the rules say about a patch or a package."""
from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass
from functools import partial
from typing import List, NamedTuple, Optional

BLOCKING, WARNING, INFO = "blocking", "warning", "info"
SEVERITY_ORDER = {BLOCKING: 0, WARNING: 1, INFO: 2}


class Finding(NamedTuple):
    """One finding; a tuple (a county's year makes 580,000 of them: made about twice as fast as a frozen dataclass,
    in about 60 MB less)."""
    patch_code: Optional[str]
    rule: str
    severity: str
    message_zh: str
    message_en: str
    source: str  # the notice or practice it comes from
    evidence_id: Optional[int] = None

    def sort_key(self):
        return (SEVERITY_ORDER[self.severity], self.patch_code or "", self.rule)


# a Finding from its seven values, made the way Finding._make makes it: the named tuple's own __new__ is a Python
# function, and a county's year makes 580,000 findings (the rules, and the check's helper's answer)
new_finding = partial(tuple.__new__, Finding)


@dataclass
class Coverage:
    total: int = 0
    verified: int = 0
    reviewed: int = 0  # latest review is a pass by a named reviewer who is not the verifier
    returned: int = 0
    processes: int = 1  # how many processes checked the package (services.check_worker)

    @property
    def review_complete(self) -> bool:
        return self.total > 0 and self.reviewed == self.total


def inserted(ordered: List[Finding], extra: List[Finding]) -> List[Finding]:
    """ordered (sorted) with a few more findings put in their places, without sorting 580,000 again."""
    if len(extra) > 1000 or sys.version_info < (3, 10):  # bisect takes a key from Python 3.10
        return sorted(ordered + extra, key=Finding.sort_key)
    out = list(ordered)
    for f in extra:
        bisect.insort_right(out, f, key=Finding.sort_key)
    return out
