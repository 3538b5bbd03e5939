"""Algorithms for what leaves the county: the upload package, its verification, the monthly statistics."""
import json

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.manifest import ManifestError
from ..core.profile import ProfileError
from ..language import user_text
from ..services.dossier_workers import WorkerFailed
from ..services.package_zip import Cancelled, EvidenceChanged, verify_package
from ..services.statistics_export import write_statistics
from ..services.upload_package import GateRefused, export_upload_package
from ..store.work_package import PackageError
from .alg_exchange import ExchangeAlgorithm


class ExportUploadPackage(ExchangeAlgorithm):
    def name(self):
        return "export_upload_package"

    def displayName(self):
        return self.tr("Export upload package (county → platform)")

    def shortHelpString(self):
        return self.tr(
            "Refused, with the list of what blocks, unless every patch passed internal review and no blocking "
            "finding is left. Writes a zip with the results as GeoPackage and GBK Shapefile (issued field codes "
            "plus PDJG, PZWH, WFLX, PDYJSM, SFXZLZGDJF, SHYJ…), the evidence in one folder per patch code, one "
            "dossier PDF per patch (一图斑一卷宗, QGIS print layouts), the monthly statistics and manifest.json "
            "with every file's sha256. Military-land patches never go in; MILITARY=true writes them alone, as the "
            "separate confidential package. The zip appears only when complete.")

    def flags(self):
        # print layouts are made and exported in the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("County work package"))
        self.addParameter(QgsProcessingParameterBoolean("MILITARY", self.tr("Only military-land patches (separate "
                                                                            "confidential package)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean("DOSSIERS", self.tr("Dossier PDF per patch"), defaultValue=True))
        self.addParameter(QgsProcessingParameterString(
            "IMAGERY", self.tr("Imagery under the dossier maps when the batch has none recorded (raster file or XYZ "
                               "source 'type=xyz&url=…')"), optional=True))
        workers = QgsProcessingParameterNumber(
            "WORKERS", self.tr("Processes rendering the dossiers (0: one a core, where the package is big enough)"),
            QgsProcessingParameterNumber.Type.Integer, defaultValue=0, optional=True, minValue=0, maxValue=16)
        workers.setFlags(workers.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(workers)
        self.add_actor()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Upload package"), self.tr("Zip (*.zip)")))
        for name, desc in (("PATCHES", "Patches"), ("PHOTOS", "Photos"), ("DOSSIERS_WRITTEN", "Dossiers"),
                           ("EXCLUDED_MILITARY", "Military-land patches left out")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(desc)))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        military = self.parameterAsBoolean(parameters, "MILITARY", context)
        dossiers = self.parameterAsBoolean(parameters, "DOSSIERS", context)
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                report = export_upload_package(wp, out, self.actor(parameters, context), military=military,
                                               progress=feedback.setProgress, cancelled=feedback.isCanceled,
                                               dossiers=dossiers,
                                               workers=self.parameterAsInt(parameters, "WORKERS", context) or None,
                                               imagery=self.parameterAsString(parameters, "IMAGERY", context) or None)
            except GateRefused as exc:
                for line in exc.blocking:
                    feedback.reportError(user_text(line))
                raise QgsProcessingException(user_text(exc).splitlines()[0]) from None
            except Cancelled:
                raise QgsProcessingException(self.tr("cancelled; no package was written")) from None
            except (EvidenceChanged, PackageError, ProfileError, OSError, WorkerFailed) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        for note in report.notes:
            feedback.pushWarning(note)
        feedback.pushInfo(self.tr("{} patches, {} photos, {} dossiers ({} pages), {} MB → {}").format(
            report.patches, report.photos, report.dossiers, report.dossier_pages, round(report.bytes / 1e6, 1), out))
        return {"OUTPUT": out, "PATCHES": report.patches, "PHOTOS": report.photos,
                "DOSSIERS_WRITTEN": report.dossiers, "EXCLUDED_MILITARY": len(report.excluded_military)}


class VerifyPackage(ExchangeAlgorithm):
    def name(self):
        return "verify_package"

    def displayName(self):
        return self.tr("Verify package (manifest and hashes)")

    def shortHelpString(self):
        return self.tr(
            "Checks any package of the plugin (assignment, return, upload): safe file names, no zip bomb, the "
            "manifest intact, every listed file present with its size and sha256, nothing unlisted. Fails naming "
            "every mismatch.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Package"), extension="zip"))
        self.addOutput(QgsProcessingOutputString("KIND", self.tr("Package kind")))
        self.addOutput(QgsProcessingOutputNumber("FILES", self.tr("Files verified")))
        self.addOutput(QgsProcessingOutputString("IDENTITY", self.tr("Identity (JSON)")))
        self.addOutput(QgsProcessingOutputString("COUNTS", self.tr("Counts (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        try:
            manifest = verify_package(path, feedback.setProgress, feedback.isCanceled)
        except ManifestError as exc:
            for problem in exc.problems:
                feedback.reportError(user_text(problem))
            raise QgsProcessingException(user_text(exc)) from None
        except Cancelled:
            raise QgsProcessingException(self.tr("cancelled")) from None
        feedback.pushInfo(self.tr("{}: {} files match the manifest").format(path, len(manifest.files)))
        return {"KIND": manifest.kind, "FILES": len(manifest.files),
                "IDENTITY": json.dumps(manifest.identity, ensure_ascii=False, sort_keys=True),
                "COUNTS": json.dumps(manifest.counts, ensure_ascii=False, sort_keys=True)}


class MonthlyStatistics(ExchangeAlgorithm):
    def name(self):
        return "monthly_statistics"

    def displayName(self):
        return self.tr("Monthly statistics (月报, accountability ratio, field checks, error rate)")

    def shortHelpString(self):
        return self.tr(
            "Writes the monthly table (patches and areas in 亩 by township, class and verdict; verified and "
            "reviewed counts, 月清 overdue). As .xlsx it adds this package's accountability ratio (002 annex 3; the "
            "year's figure is weipian:yearly_statistics), the patches that province, city or county leadership will "
            "field-check, the error rate from higher levels' findings and the 专班 list. As .csv (UTF-8) it writes "
            "the monthly table.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("Work package"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Statistics"),
                                                                self.tr("Excel (*.xlsx);;CSV UTF-8 (*.csv)")))
        self.addOutput(QgsProcessingOutputString("ACCOUNTABILITY_RATIO", self.tr("Accountability ratio")))
        self.addOutput(QgsProcessingOutputString("ACCOUNTABILITY_WARNING", self.tr(
            "This batch alone at the accountability standard (yes/no; the warning itself is yearly)")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("Summary (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out.lower().endswith((".xlsx", ".csv")):
            raise QgsProcessingException(self.tr("OUTPUT must end in .xlsx or .csv: {}").format(out))
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                summary = write_statistics(wp, out)
            except (ProfileError, OSError, ValueError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        # one batch never warns: accountability counts the year's batches together (002 附件3)
        feedback.pushInfo(self.tr("this batch: {} 亩 of illegally occupied 耕地, share {}").format(
            summary["accountability_numerator_mu"], summary["accountability_ratio"]))
        feedback.pushInfo(self.tr("This package's figures only: accountability is counted over the year's batches "
                                  "together (weipian:yearly_statistics)."))
        return {"OUTPUT": out, "ACCOUNTABILITY_RATIO": "" if summary["accountability_ratio"] is None
                else str(summary["accountability_ratio"]),
                "ACCOUNTABILITY_WARNING": "yes" if summary["accountability_warning"] else "no",
                "SUMMARY": json.dumps(summary, ensure_ascii=False, sort_keys=True)}
