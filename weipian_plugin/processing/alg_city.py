"""The city hub, headless: make it, take the counties' upload packages in, review, the year's figures, the
returns to a county; and on the county's side, taking the city's return package in."""
import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.manifest import ManifestError
from ..language import user_text
from ..store.work_package import PackageError
from .alg_office import OfficeAlgorithm
from .base import WeipianAlgorithm


class CityAlgorithm(OfficeAlgorithm):
    def group(self):
        return self.tr("City hub (PostgreSQL/PostGIS)")

    def groupId(self):
        return "city"

    def on_hub(self, parameters, context, work):
        from ..store.city_hub import CityHub

        return self.on_server(parameters, context, lambda conn, schema: work(CityHub(conn, schema)))


class CreateCityHub(CityAlgorithm):
    def name(self):
        return "create_city_hub"

    def displayName(self):
        return self.tr("Create the city hub")

    def shortHelpString(self):
        return self.tr("Makes the city's hub in a new schema of the server: the counties' upload packages as "
                       "received, the city's review and returns, one audit chain; and its roles <schema>_city_reviewer "
                       "and <schema>_city_admin. An existing schema is never used.")

    def initAlgorithm(self, config=None):
        self.add_connection()
        self.addParameter(QgsProcessingParameterString("CITY_CODE", self.tr("City code (4 digits, e.g. 6109)")))
        self.addParameter(QgsProcessingParameterString("PROFILE", self.tr("Rules profile"),
                                                       defaultValue="shaanxi_ankang_2023"))
        self.add_actor()

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.profile import ProfileError, load_profile
        from ..store.city_hub import CityHub

        profile = self.parameterAsString(parameters, "PROFILE", context)
        try:
            load_profile(profile)
        except ProfileError as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        self.on_server(parameters, context, lambda conn, schema: CityHub.create(
            conn, schema, self.parameterAsString(parameters, "CITY_CODE", context).strip(), profile,
            self.actor(parameters, context)))
        return {}


class ImportUploadPackages(CityAlgorithm):
    def name(self):
        return "city_import_upload_packages"

    def displayName(self):
        return self.tr("Import counties' upload packages into the city hub")

    def shortHelpString(self):
        return self.tr("Verifies each county upload package as the county's tools do (every file against the "
                       "manifest's sha256, the rules' inputs field by field, the signature against the key the city "
                       "trusts for that county, the county's audit history against what it sent before) and takes "
                       "it whole, or refuses it with the reason and goes on with the next. The same package twice "
                       "is taken once. The first package of a county: give its key fingerprint, confirmed with the "
                       "county by phone, as CONFIRMED_KEY.")

    def initAlgorithm(self, config=None):
        self.add_connection()
        self.addParameter(QgsProcessingParameterMultipleLayers("INPUT", self.tr("Upload packages (.zip)"),
                                                               QgsProcessing.SourceType.TypeFile))
        self.add_confirmed_key()
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", self.tr("Packages imported")))
        self.addOutput(QgsProcessingOutputNumber("ALREADY", self.tr("Imported before")))
        self.addOutput(QgsProcessingOutputString("REFUSED", self.tr("Refused, with the reason (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..services.city_import import import_upload_packages

        paths = [p for p in self.parameterAsFileList(parameters, "INPUT", context) if p]
        run = self.on_hub(parameters, context, lambda hub: import_upload_packages(
            hub, paths, self.actor(parameters, context), feedback.setProgress, feedback.isCanceled,
            self.confirmed(parameters, context)))
        refused = {r.package: user_text(r.refused) for r in run.reports if r.refused}
        for r in run.imported:
            feedback.pushInfo(self.tr("{}: county {}, {} patches, {} files").format(r.package, r.county_code,
                                                                                   r.patches, r.files))
        for name, why in refused.items():
            feedback.reportError(f"{name}: {why}")
        return {"IMPORTED": len(run.imported), "ALREADY": sum(1 for r in run.reports if r.already_imported),
                "REFUSED": json.dumps(refused, ensure_ascii=False)}


class CityReview(CityAlgorithm):
    DECISIONS = ("pass", "return", "determine")
    VERDICTS = ("", "HF", "WF", "QT")
    HOUSING = ("", "是", "否")

    def name(self):
        return "city_review"

    def displayName(self):
        return self.tr("City review of a county's result")

    def shortHelpString(self):
        return self.tr("The city's internal review of one patch as the county last reported it: pass; return to "
                       "the county with an opinion and a deadline; or, where the county refuses to correct it, the "
                       "city's own determination (final verdict; for 违法 its nature and 新增农村乱占耕地建房), which "
                       "then counts in the figures (002 §三(四)1).")

    def initAlgorithm(self, config=None):
        self.add_connection()
        self.addParameter(QgsProcessingParameterString("PATCH", self.tr("Patch code (JCBH)")))
        self.addParameter(QgsProcessingParameterEnum("DECISION", self.tr("Decision"), options=list(self.DECISIONS),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterString("OPINION", self.tr("Opinion"), optional=True))
        self.addParameter(QgsProcessingParameterString("DEADLINE", self.tr("Deadline of a return (YYYY-MM-DD)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterEnum("FINAL_VERDICT", self.tr("The city's final verdict"),
                                                     options=list(self.VERDICTS), defaultValue=0, optional=True))
        self.addParameter(QgsProcessingParameterString("FINAL_CATEGORY", self.tr("违法性质 of the city's verdict"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterEnum("FINAL_HOUSING", self.tr("新增农村乱占耕地建房 (the city's)"),
                                                     options=list(self.HOUSING), defaultValue=0, optional=True))
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("REVIEW", self.tr("Review id")))

    def processAlgorithm(self, parameters, context, feedback):
        decision = self.DECISIONS[self.parameterAsEnum(parameters, "DECISION", context)]
        determination = None
        if decision == "determine":
            housing = self.HOUSING[self.parameterAsEnum(parameters, "FINAL_HOUSING", context)]
            determination = {"final_verdict": self.VERDICTS[self.parameterAsEnum(parameters, "FINAL_VERDICT",
                                                                                  context)] or None,
                             "final_category": self.parameterAsString(parameters, "FINAL_CATEGORY", context) or None,
                             "final_housing": housing or None}
        fid = self.on_hub(parameters, context, lambda hub: hub.review(
            self.parameterAsString(parameters, "PATCH", context).strip(), self.actor(parameters, context), decision,
            self.parameterAsString(parameters, "OPINION", context) or None,
            self.parameterAsString(parameters, "DEADLINE", context).strip() or None, determination))
        return {"REVIEW": fid}


class CityStatistics(CityAlgorithm):
    def name(self):
        return "city_statistics"

    def displayName(self):
        return self.tr("City statistics of the year")

    def shortHelpString(self):
        return self.tr("Each county's accountability ratio (100 亩 and 15 %) and the city's as a whole (500 亩), with "
                       "the city's own determinations counted; the patches the city and the province will "
                       "field-check; the city's review progress per county. XLSX.")

    def initAlgorithm(self, config=None):
        self.add_connection()
        self.addParameter(QgsProcessingParameterNumber("YEAR", self.tr("Year (empty: every batch reported)"),
                                                       QgsProcessingParameterNumber.Type.Integer, optional=True,
                                                       minValue=2000, maxValue=2100))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Statistics"),
                                                                self.tr("Excel (*.xlsx)")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("Summary (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..services.city_statistics import write_city_statistics

        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        year = self.parameterAsInt(parameters, "YEAR", context) if parameters.get("YEAR") not in (None, "") else None
        summary = self.on_hub(parameters, context, lambda hub: write_city_statistics(hub, out, year))
        if summary["city_over_threshold"]:
            feedback.reportError(self.tr("the city reaches the accountability standard: {} 亩, ratio {}").format(
                summary["city_numerator_mu"], summary["city_ratio"]))
        for county in summary["counties_over"]:
            feedback.reportError(self.tr("county {} reaches the accountability standard").format(county))
        return {"OUTPUT": out, "SUMMARY": json.dumps(summary, ensure_ascii=False, sort_keys=True)}


class CityReturnPackage(CityAlgorithm):
    def name(self):
        return "city_return_package"

    def displayName(self):
        return self.tr("Export the city's return package for a county")

    def shortHelpString(self):
        return self.tr("The patches the city returned to the county (opinion, deadline) or determined itself since "
                       "its last return package, as a package with every file's sha256 for the county to import.")

    def initAlgorithm(self, config=None):
        self.add_connection()
        self.addParameter(QgsProcessingParameterString("COUNTY", self.tr("County code (6 digits)")))
        self.add_actor()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Return package"),
                                                                self.tr("Zip (*.zip)")))
        self.addOutput(QgsProcessingOutputNumber("PATCHES", self.tr("Patches")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..services.city_returns import export_city_return

        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        n = self.on_hub(parameters, context, lambda hub: export_city_return(
            hub, self.parameterAsString(parameters, "COUNTY", context).strip(), out, self.actor(parameters, context)))
        return {"OUTPUT": out, "PATCHES": n}


class ImportCityReturn(WeipianAlgorithm):
    def name(self):
        return "import_city_return"

    def displayName(self):
        return self.tr("Import the city's return package")

    def shortHelpString(self):
        return self.tr("Takes the city's returns (opinion, deadline) and determinations into the county's work "
                       "package, after every file matched the manifest: all or nothing; the same package twice is "
                       "taken once. The patch page shows them and the check says each return until it is "
                       "corrected.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("County work package"))
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("The city's return package"), extension="zip"))
        self.add_confirmed_key()
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("RETURNED", self.tr("Patches returned")))
        self.addOutput(QgsProcessingOutputNumber("DETERMINED", self.tr("Patches determined by the city")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..services.city_returns import import_city_return

        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                report = import_city_return(wp, self.parameterAsFile(parameters, "INPUT", context),
                                            self.actor(parameters, context), self.confirmed(parameters, context))
            except (PackageError, ManifestError, OSError, ValueError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        if report.already_imported:
            feedback.pushInfo(self.tr("{} was imported before; nothing changed").format(report.package))
        return {"RETURNED": len(report.returned), "DETERMINED": len(report.determined)}
