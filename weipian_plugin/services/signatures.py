"""Whether a received package comes from whom the receiver expects: its signature (checked with the manifest,
core.manifest) must be by the key the receiver trusts for that sender.

The receiver names the sender (a party, core.signing) from its own records — the township it handed the
assignment to, the county whose code the patches carry, the city above the county — never from what the
package says of itself. Then:

- a key trusted for that party: the package must be signed with it; another key is refused, naming both
  fingerprints (a key is replaced only by the receiver, `trust_sender(replace=True)`, with a reason, audited);
- no key yet (the first package from that sender): refused unless a person confirmed the package's key
  fingerprint with the sender by phone or on the official letter and gives it (`confirmed`); then the key is
  trusted from now on, and that is audited.

The store passed is where the receiver keeps what it trusts (a work package: its desk's keys; an office package
or a city hub: its own rows), store.keys.
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterable, Optional

from ..core import signing
from ..core.manifest import Manifest, ManifestError
from ..core.messages import QT_TRANSLATE_NOOP, Msg
from ..core.signing import TrustedKey


def party_label(party: str) -> Msg:
    """A party as people read it: 乡镇 关庙镇（610902）, 县级 610902, 市级 6109."""
    role, _, rest = (party or "").partition(":")
    if role == "township":
        county, _, town = rest.partition(":")
        return Msg(QT_TRANSLATE_NOOP("weipian", "township {township} ({county})"), township=town, county=county)
    if role == "county":
        return Msg(QT_TRANSLATE_NOOP("weipian", "county {county}"), county=rest)
    if role == "city":
        return Msg(QT_TRANSLATE_NOOP("weipian", "city {city}"), city=rest)
    return Msg(QT_TRANSLATE_NOOP("weipian", "unknown sender {party!r}"), party=party)


class SenderUnknown(ManifestError):
    """The first package from this sender: its key must be confirmed by a person before anything is taken."""

    def __init__(self, source: str, party: str, fingerprint: str):
        self.party, self.fingerprint = party, fingerprint
        super().__init__(source, [Msg(QT_TRANSLATE_NOOP(
            "weipian", "is the first package from {sender}, signed with the key {fingerprint}; confirm this "
                       "fingerprint with the sender by phone or on the official letter, then give it as the "
                       "confirmed key fingerprint to take the package"),
            sender=party_label(party), fingerprint=fingerprint)])


class SenderKeyChanged(ManifestError):
    """Signed with another key than the one trusted for this sender."""

    def __init__(self, source: str, party: str, trusted: str, found: str):
        self.party, self.trusted, self.found = party, trusted, found
        super().__init__(source, [Msg(QT_TRANSLATE_NOOP(
            "weipian", "is signed with the key {found}, but the key trusted for {sender} is {trusted}: not taken. "
                       "If the sender really has a new key (a lost or replaced computer), confirm the new fingerprint "
                       "with them by phone and replace the key (weipian:trust_key, REPLACE) with the reason"),
            found=found, sender=party_label(party), trusted=trusted)])


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def check_sender(store, manifest: Manifest, party: str, source: str, confirmed: Iterable[str] = (),
                 actor: str = "") -> Optional[TrustedKey]:
    """Refuses (SenderUnknown, SenderKeyChanged) unless manifest is signed with the key store trusts for party,
    or it is the first package from party and a person confirmed its key. Returns the key to trust from now on
    in that case (the caller records it with `store.trust_key` together with what it takes from the package, so
    a package refused later leaves nothing behind), else None."""
    found = manifest.signer_fingerprint
    known = store.trusted_key(party)
    if known is not None:
        if known.public != manifest.signer_public:
            raise SenderKeyChanged(source, party, known.fingerprint, found)
        return None
    if found not in signing.confirmed_set(confirmed):
        raise SenderUnknown(source, party, found)
    return TrustedKey(party, manifest.signer_public, _now(), actor, "first_contact",
                      "fingerprint confirmed with the sender")


class TrustRefused(ValueError):
    """A key cannot be trusted as asked; the message says why."""


def trust_sender(store, party: str, public: bytes, confirmed: str, actor: str, replace: bool = False,
                 reason: str = "") -> Optional[TrustedKey]:
    """Trust public for party (registered before its first package, or replacing a lost key): the fingerprint a
    person confirmed with the sender must be this key's. Returns the key trusted, None when it already was."""
    fp = signing.fingerprint(public)
    if signing.normal_fingerprint(confirmed) != fp:
        raise TrustRefused(Msg(QT_TRANSLATE_NOOP(
            "weipian", "the confirmed fingerprint {confirmed!r} is not this key's ({fingerprint}); nothing was "
                       "changed"), confirmed=confirmed, fingerprint=fp))
    known = store.trusted_key(party)
    if known is not None and known.public == bytes(public):
        return None
    if known is not None and not replace:
        raise TrustRefused(Msg(QT_TRANSLATE_NOOP(
            "weipian", "{sender} already has the trusted key {trusted}; to put {fingerprint} in its place, replace "
                       "it (REPLACE) and say why"), sender=party_label(party), trusted=known.fingerprint,
            fingerprint=fp))
    if known is not None and not (reason or "").strip():
        raise TrustRefused(Msg(QT_TRANSLATE_NOOP("weipian", "a key is replaced only with the reason (REASON)")))
    key = TrustedKey(party, bytes(public), _now(), actor, "replaced" if known is not None else "registered",
                     (reason or "").strip(), known.fingerprint if known is not None else None)
    store.trust_key(key, actor)
    return key
