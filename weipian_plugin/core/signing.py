"""Signatures on exchange packages: who made a package is decided by a key, not by a name typed in a manifest.

Each desk (a township's laptop, a county's desk, an office package, a city hub) signs what it sends with its
own Ed25519 key; the receiver checks the signature against the key it recorded for that sender when it first
heard from it and a person confirmed the key's fingerprint by phone or on the official letter. Ed25519 comes
from `ecdsa` (pure Python, vendored like exifread: QGIS' Python has no `cryptography` on every install).

A sender is a *party*: ``township:<county code>:<township name>``, ``county:<county code>``,
``city:<city code>``. The receiver decides which party a package must come from by its own records (the
township it handed the assignment to, the county whose patches these are), never by what the package says.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Iterable, Optional

ALGORITHM = "ed25519"
SEED_BYTES = 32
PUBLIC_BYTES = 32
SIGNATURE_BYTES = 64
# what a signature covers starts with this, so a signature on a package can never be taken for one on
# anything else this plugin (or any other program using the same key) signs
PACKAGE_CONTEXT = b"weipian-package-manifest-v2\x00"
FINGERPRINT_GROUPS = 6
FINGERPRINT_DIGITS = 5


def _curve():
    from ecdsa import Ed25519  # vendored (weipian_plugin/_vendor)

    return Ed25519


def new_seed() -> bytes:
    """A new private key (its 32-byte seed), from the operating system's random source."""
    return os.urandom(SEED_BYTES)


def public_key(seed: bytes) -> bytes:
    from ecdsa import SigningKey

    return SigningKey.from_string(bytes(seed), curve=_curve()).get_verifying_key().to_string()


def sign(seed: bytes, message: bytes) -> bytes:
    from ecdsa import SigningKey

    return SigningKey.from_string(bytes(seed), curve=_curve()).sign(bytes(message))


def verify(public: bytes, message: bytes, signature: bytes) -> bool:
    """True when signature is public's signature of message; False for any other bytes (never raises)."""
    from ecdsa import BadSignatureError, VerifyingKey
    from ecdsa.errors import MalformedPointError

    if len(public) != PUBLIC_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        return bool(VerifyingKey.from_string(bytes(public), curve=_curve()).verify(bytes(signature), bytes(message)))
    except (BadSignatureError, MalformedPointError, ValueError, AssertionError):
        return False


def fingerprint(public: bytes) -> str:
    """Thirty digits in six groups of five ("40312 88215 …"): short enough to read out on the phone, long enough
    (about 100 bits) that nobody can make another key with the same fingerprint."""
    digest = hashlib.sha256(b"weipian-key-fingerprint\x00" + bytes(public)).digest()
    number = int.from_bytes(digest[:16], "big") % (10 ** (FINGERPRINT_GROUPS * FINGERPRINT_DIGITS))
    text = str(number).zfill(FINGERPRINT_GROUPS * FINGERPRINT_DIGITS)
    return " ".join(text[i:i + FINGERPRINT_DIGITS] for i in range(0, len(text), FINGERPRINT_DIGITS))


def normal_fingerprint(text: str) -> str:
    """A fingerprint as typed (spaces, dashes or none) in its printed form; '' when it is not thirty digits."""
    digits = "".join(ch for ch in str(text or "") if ch.isdigit())
    if len(digits) != FINGERPRINT_GROUPS * FINGERPRINT_DIGITS or any(
            ch not in "0123456789 -\t" for ch in str(text).strip()):
        return ""
    return " ".join(digits[i:i + FINGERPRINT_DIGITS] for i in range(0, len(digits), FINGERPRINT_DIGITS))


def confirmed_set(texts: Iterable[str]) -> set:
    """The fingerprints a person confirmed, each in its printed form (unreadable ones left out)."""
    out = set()
    for text in texts or ():
        for part in str(text or "").replace(";", ",").split(","):
            fp = normal_fingerprint(part)
            if fp:
                out.add(fp)
    return out


# -- parties ---------------------------------------------------------------------------------------------------------

def township_party(county_code: str, township: str) -> str:
    return f"township:{county_code or ''}:{township or ''}"


def county_party(county_code: str) -> str:
    return f"county:{county_code or ''}"


def city_party(city_code: str) -> str:
    return f"city:{city_code or ''}"


def city_of_county(county_code: str) -> str:
    """The city (地级) code a county (县级) code belongs to: its first four digits."""
    return (county_code or "")[:4]


def party_role(party: str) -> str:
    return (party or "").split(":", 1)[0]


@dataclass(frozen=True)
class Signer:
    """Who signs, with which key: the party the desk speaks for and its private seed."""
    party: str
    seed: bytes

    @property
    def public(self) -> bytes:
        return public_key(self.seed)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)


@dataclass(frozen=True)
class TrustedKey:
    """A key a receiver decided to trust for a party: when, by whom, how (first contact confirmed, registered,
    replaced) and why."""
    party: str
    public: bytes
    trusted_at: str
    trusted_by: str
    how: str
    reason: str = ""
    replaces: Optional[str] = None  # the fingerprint of the key it replaced

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)
