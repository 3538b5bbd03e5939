"""Keys, headless: which key this desk (or a work package, a hub) signs with, and the keys a receiver trusts —
registered before a sender's first package, or replaced when a sender lost its key (services.signatures);
and a township opening the county's assignment package."""
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.manifest import ManifestError
from ..language import user_text
from ..store.keys import Desk, KeyStoreError
from ..store.work_package import PackageError
from .alg_city import CityAlgorithm
from .base import WeipianAlgorithm


class KeyAlgorithm(WeipianAlgorithm):
    def group(self):
        return QCoreApplication.translate("KeyAlgorithm", "Keys and signatures")

    def groupId(self):
        return "keys"


def _sender_of_package(path: str, receiver=None):
    """(party, public key) of the signer of a received package, checked: the signature holds; for a return
    package taken by a county work package, the party is the township the county handed that assignment to."""
    from ..core.signing import township_party
    from ..services.package_zip import PackageReader
    from ..store.assignments import assignment_township

    with PackageReader(path) as reader:
        m = reader.manifest
    party = m.signer_party
    if receiver is not None and m.kind == "return":
        township = assignment_township(receiver, str(m.identity.get("assignment_id") or ""))
        expected = township_party(receiver.meta("county_code") or "", township)
        if not township or party != expected:
            raise ManifestError(reader.name, [QCoreApplication.translate(
                "KeyAlgorithm", "is signed as {}, but this work package handed that assignment to {}").format(
                party, township or "—")])
    return party, m.signer_public


def _trust(store, path, parameters, context, alg):
    from ..core.signing import fingerprint
    from ..services.signatures import TrustRefused, trust_sender

    try:
        party, public = _sender_of_package(path, store if not isinstance(store, Desk) else None)
        key = trust_sender(store, party, public, alg.parameterAsString(parameters, "CONFIRMED_KEY", context),
                           alg.actor(parameters, context), alg.parameterAsBool(parameters, "REPLACE", context),
                           alg.parameterAsString(parameters, "REASON", context))
    except (ManifestError, TrustRefused, KeyStoreError, PackageError) as exc:
        raise QgsProcessingException(user_text(exc)) from exc
    return {"PARTY": party, "FINGERPRINT": fingerprint(public), "CHANGED": "yes" if key else "no"}


def _trust_parameters(alg):
    alg.addParameter(QgsProcessingParameterFile("INPUT", QCoreApplication.translate("KeyAlgorithm", "A package from the sender (.zip)"),
                                                extension="zip"))
    alg.addParameter(QgsProcessingParameterString("CONFIRMED_KEY", QCoreApplication.translate(
        "KeyAlgorithm", "The sender's key fingerprint, as confirmed with the sender by phone or on the official "
                        "letter")))
    alg.addParameter(QgsProcessingParameterBoolean("REPLACE", QCoreApplication.translate("KeyAlgorithm", "Replace the key trusted for this "
                                                                                 "sender"), defaultValue=False))
    alg.addParameter(QgsProcessingParameterString("REASON", QCoreApplication.translate("KeyAlgorithm", "Why the key is replaced"),
                                                  optional=True))
    alg.add_actor()
    alg.addOutput(QgsProcessingOutputString("PARTY", QCoreApplication.translate("KeyAlgorithm", "Sender")))
    alg.addOutput(QgsProcessingOutputString("FINGERPRINT", QCoreApplication.translate("KeyAlgorithm", "Key fingerprint")))
    alg.addOutput(QgsProcessingOutputString("CHANGED", QCoreApplication.translate("KeyAlgorithm", "Trust changed")))


class SigningKey(KeyAlgorithm):
    def name(self):
        return "signing_key"

    def displayName(self):
        return self.tr("Show the signing key's fingerprint")

    def shortHelpString(self):
        return self.tr("The fingerprint of the key this desk signs its packages with (with PACKAGE: the key of that "
                       "work package — an office package signs with its own). Read it out to the receiver on the "
                       "phone, or print it on the official letter, so that they can confirm your first package.")

    def initAlgorithm(self, config=None):
        self.add_package(optional=True)
        self.addOutput(QgsProcessingOutputString("PARTY", self.tr("Signs as")))
        self.addOutput(QgsProcessingOutputString("FINGERPRINT", self.tr("Key fingerprint")))
        self.addOutput(QgsProcessingOutputString("PUBLIC_KEY", self.tr("Public key")))

    def processAlgorithm(self, parameters, context, feedback):
        spec = self.parameterAsFile(parameters, "PACKAGE", context)
        try:
            if spec:
                with self.open_package(spec) as wp:
                    signer = wp.signer()
            else:
                signer = Desk.current().signer("")
        except (KeyStoreError, PackageError) as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        feedback.pushInfo(signer.fingerprint)
        return {"PARTY": signer.party, "FINGERPRINT": signer.fingerprint, "PUBLIC_KEY": signer.public.hex()}


class TrustKey(KeyAlgorithm):
    def name(self):
        return "trust_key"

    def displayName(self):
        return self.tr("Trust a sender's key (register or replace)")

    def shortHelpString(self):
        return self.tr("Records the key a package was signed with as the key of its sender, for this desk (or for "
                       "PACKAGE, the receiving work package: an office package keeps its own): before the sender's "
                       "first package, or to replace a lost key (REPLACE, with REASON). The fingerprint confirmed "
                       "with the sender by phone or on the official letter must be the package's. Every change is "
                       "in the audit log; only the receiver can change what it trusts.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("Receiving work package (empty: this desk)"), optional=True)
        _trust_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        spec = self.parameterAsFile(parameters, "PACKAGE", context)
        if not spec:
            return _trust(Desk.current(), path, parameters, context, self)
        with self.open_package(spec) as wp:
            return _trust(wp, path, parameters, context, self)


class CityTrustKey(CityAlgorithm):
    def name(self):
        return "city_trust_key"

    def displayName(self):
        return self.tr("Trust a county's key in the city hub (register or replace)")

    def shortHelpString(self):
        return self.tr("Records the key a county's package was signed with as that county's key in the hub: before "
                       "its first upload package, or to replace a lost key (REPLACE, with REASON). The fingerprint "
                       "confirmed with the county by phone or on the official letter must be the package's. Every "
                       "change is in the hub's audit log.")

    def initAlgorithm(self, config=None):
        self.add_connection()
        _trust_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        return self.on_hub(parameters, context, lambda hub: _trust(hub, path, parameters, context, self))


class OpenAssignmentPackage(KeyAlgorithm):
    def name(self):
        return "open_assignment_package"

    def displayName(self):
        return self.tr("Open the county's assignment package (township)")

    def shortHelpString(self):
        return self.tr("Unpacks an assignment package into a folder beside it (or OUTPUT) after every file matched "
                       "its manifest and the county's signature matched the key this desk trusts for the county (the "
                       "first package: give the fingerprint confirmed with the county by phone as CONFIRMED_KEY). "
                       "Opening it again continues the work already unpacked. The result PACKAGE is the township's "
                       "work package to verify in.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Assignment package (.zip)"), extension="zip"))
        self.add_confirmed_key()
        self.addParameter(QgsProcessingParameterString("FOLDER", self.tr("Folder to unpack into (empty: beside the "
                                                                         "zip)"), optional=True))
        self.add_actor()
        self.addOutput(QgsProcessingOutputString("PACKAGE", self.tr("Township work package")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..services.assignment_packages import open_assignment_package

        folder = self.parameterAsString(parameters, "FOLDER", context) or None
        try:
            gpkg = open_assignment_package(self.parameterAsFile(parameters, "INPUT", context), folder,
                                           self.confirmed(parameters, context), self.actor(parameters, context))
        except (ManifestError, PackageError, KeyStoreError, OSError) as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        return {"PACKAGE": gpkg}
