"""Algorithms that move work between county and townships: assignment packages out, return packages back."""
import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.manifest import ManifestError
from ..language import user_text
from ..services.assignment_packages import export_assignment_packages, townships_from_layer
from ..services.package_zip import Cancelled, EvidenceChanged
from ..services.return_packages import export_return_package, import_return_package
from ..store.assignments import conflicts, resolve_conflict
from ..store.work_package import PackageError
from .base import WeipianAlgorithm


class ExchangeAlgorithm(WeipianAlgorithm):
    def group(self):
        return QCoreApplication.translate("ExchangeAlgorithm", "Packages")

    def groupId(self):
        return "packages"


class ExportAssignmentPackages(ExchangeAlgorithm):
    def name(self):
        return "export_assignment_packages"

    def displayName(self):
        return self.tr("Export assignment packages (one per township)")

    def shortHelpString(self):
        return self.tr(
            "Splits the county's work package by township into assignment packages: one zip per township with its "
            "patches, earlier verdicts, evidence and return reasons, and a manifest with every file's sha256. "
            "Townships come from the patches' township field, or from TOWNSHIPS, a boundary layer (the polygon "
            "holding each patch). A township opens its zip directly in the plugin. The county remembers what it "
            "handed to whom, so returned work can be checked against it.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("County work package"))
        self.addParameter(QgsProcessingParameterVectorLayer("TOWNSHIPS", self.tr("Township boundaries"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField("TOWNSHIP_FIELD", self.tr("Township name field"),
                                                      parentLayerParameterName="TOWNSHIPS", optional=True))
        self.add_actor()
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputNumber("PACKAGES", self.tr("Packages written")))
        self.addOutput(QgsProcessingOutputNumber("UNASSIGNED", self.tr("Patches without a township")))
        self.addOutput(QgsProcessingOutputString("FILES", self.tr("Package files (JSON list)")))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsString(parameters, "OUTPUT", context)
        layer = self.parameterAsVectorLayer(parameters, "TOWNSHIPS", context)
        name_field = self.parameterAsString(parameters, "TOWNSHIP_FIELD", context) or None
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                towns = townships_from_layer(wp, layer, name_field) if layer is not None else None
                report = export_assignment_packages(wp, out, self.actor(parameters, context), towns,
                                                    feedback.setProgress, feedback.isCanceled)
            except (PackageError, ManifestError, OSError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        for town, path, n in report.packages:
            feedback.pushInfo(f"{town}: {n} → {path}")
        if report.unassigned:
            feedback.reportError(self.tr("{} patches have no township and were not handed out: {}")
                                 .format(len(report.unassigned), ", ".join(report.unassigned[:50])))
        return {"OUTPUT": out, "PACKAGES": len(report.packages), "UNASSIGNED": len(report.unassigned),
                "FILES": json.dumps([p for _, p, _ in report.packages], ensure_ascii=False)}


class ExportReturnPackage(ExchangeAlgorithm):
    def name(self):
        return "export_return_package"

    def displayName(self):
        return self.tr("Export return package (township → county)")

    def shortHelpString(self):
        return self.tr(
            "Packs a township's assignment work package (verdicts, evidence records, audit log) and its evidence "
            "files into a zip with a manifest listing every file's size and sha256 and the package's identity "
            "(county, township, when, by whom, schema version, profile). Refused when an evidence file is missing "
            "or its bytes changed since it was attached.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("Township work package"))
        self.add_actor()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Return package"), self.tr("Zip (*.zip)")))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                path = export_return_package(wp, out, self.actor(parameters, context), feedback.setProgress,
                                             feedback.isCanceled)
            except Cancelled:
                raise QgsProcessingException(self.tr("cancelled; no package was written")) from None
            except (PackageError, EvidenceChanged, OSError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        return {"OUTPUT": path}


class ImportReturnPackage(ExchangeAlgorithm):
    def name(self):
        return "import_return_package"

    def displayName(self):
        return self.tr("Import return package into the county work package")

    def shortHelpString(self):
        return self.tr(
            "Verifies every file of a township's return package against its manifest, and its signature against "
            "the key the county trusts for the township it handed the assignment to (the first package of a "
            "township: give the key fingerprint confirmed with it by phone as CONFIRMED_KEY); any mismatch, "
            "missing or extra file refuses the whole package and changes nothing. Only patches assigned to that "
            "township are accepted. Where the county changed a patch meanwhile, the township's version is kept "
            "beside the county's as a conflict (never written over it). Importing the same package twice changes "
            "nothing. OUTPUT is a JSON report.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("County work package"))
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Return package"), extension="zip"))
        self.add_confirmed_key()
        self.add_actor()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Import report"), self.tr("JSON (*.json)"),
                                                                optional=True))
        for name, desc in (("APPLIED", "Verifications applied"), ("CONFLICTS", "Conflicts kept"),
                           ("REJECTED", "Patches rejected"), ("EVIDENCE_ADDED", "Evidence files added")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(desc)))
        self.addOutput(QgsProcessingOutputString("ALREADY_IMPORTED", self.tr("Already imported")))
        self.addOutput(QgsProcessingOutputString("PATCHES", self.tr("Patches taken, in conflict and refused (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        zip_path = self.parameterAsFile(parameters, "INPUT", context)
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                report = import_return_package(wp, zip_path, self.actor(parameters, context), feedback.setProgress,
                                               feedback.isCanceled, self.confirmed(parameters, context))
            except Cancelled:
                raise QgsProcessingException(self.tr("cancelled; nothing was changed")) from None
            except (ManifestError, PackageError, OSError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        if report.already_imported:
            feedback.pushInfo(self.tr("{} was imported before; nothing changed").format(report.package))
        for code in report.conflicts:
            feedback.reportError(self.tr("{}: changed by the county meanwhile; the township's version is kept as a "
                                         "conflict to decide").format(code))
        for code, why in report.rejected.items():
            feedback.reportError(f"{code}: {user_text(why)}")
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                json.dump(report.as_dict(), fh, ensure_ascii=False, indent=1)
        return {"OUTPUT": out, "APPLIED": len(report.applied), "CONFLICTS": len(report.conflicts),
                "REJECTED": len(report.rejected), "EVIDENCE_ADDED": report.evidence_added,
                "ALREADY_IMPORTED": "yes" if report.already_imported else "no",
                "PATCHES": json.dumps({"applied": report.applied, "conflicts": report.conflicts,
                                       "rejected": {c: user_text(w) for c, w in report.rejected.items()},
                                       "package": report.package}, ensure_ascii=False)}


class ResolveConflict(ExchangeAlgorithm):
    KEEP = ("county", "township")

    def name(self):
        return "resolve_conflict"

    def displayName(self):
        return self.tr("Resolve a conflict between the county's and a township's version")

    def shortHelpString(self):
        return self.tr(
            "When a township's return package brings a new verification for a patch the county changed meanwhile, "
            "both versions are kept and the patch is blocked. KEEP=county leaves the county's verification; "
            "KEEP=township writes the township's as it came (verifier and time kept). Both versions stay in the "
            "conflicts table and the audit log names who decided.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("County work package"))
        self.addParameter(QgsProcessingParameterString("PATCH", self.tr("Patch code (JCBH)")))
        self.addParameter(QgsProcessingParameterEnum("KEEP", self.tr("Keep"), options=list(self.KEEP), defaultValue=0))
        self.addParameter(QgsProcessingParameterString("REASON", self.tr("Why this version"), optional=True))
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("RESOLVED", self.tr("Conflicts resolved")))

    def processAlgorithm(self, parameters, context, feedback):
        code = self.parameterAsString(parameters, "PATCH", context).strip()
        keep = self.KEEP[self.parameterAsEnum(parameters, "KEEP", context)]
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            open_ones = [c for c in conflicts(wp) if c.patch_code == code]
            if not open_ones:
                raise QgsProcessingException(self.tr("{}: no unresolved conflict for patch {}").format(wp.path, code))
            try:
                for c in open_ones:
                    resolve_conflict(wp, c.id, keep, self.actor(parameters, context),
                                     self.parameterAsString(parameters, "REASON", context) or "")
            except PackageError as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        return {"RESOLVED": len(open_ones)}
