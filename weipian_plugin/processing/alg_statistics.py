"""Algorithms for the county's year: the yearly statistics over all its batches and the 专班 hand-over list."""
import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.profile import ProfileError
from ..language import user_text
from ..services.statistics_export import write_handover_lists, write_task_force_list, write_yearly_statistics
from ..store.work_package import PackageError
from .base import WeipianAlgorithm


class StatisticsAlgorithm(WeipianAlgorithm):
    def group(self):
        return QCoreApplication.translate("StatisticsAlgorithm", "Statistics")

    def groupId(self):
        return "statistics"

    def add_packages(self):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "PACKAGES", self.tr("Work packages (all batches of the year)"), QgsProcessing.SourceType.TypeFile))

    def packages(self, parameters, context):
        paths = [p for p in self.parameterAsFileList(parameters, "PACKAGES", context) if p]
        if not paths:
            raise QgsProcessingException(self.tr("PACKAGES names no work package"))
        return paths


class YearlyStatistics(StatisticsAlgorithm):
    LEVELS = ("county", "city", "province")

    def name(self):
        return "yearly_statistics"

    def displayName(self):
        return self.tr("Yearly statistics (accountability ratio over the year's batches, error rate, 专班 list)")

    def shortHelpString(self):
        return self.tr(
            "The notices count accountability within one year, all batches together. Give every work package of "
            "the county's year: the XLSX holds the accountability ratio (002 annex 3) with per-batch and per-patch "
            "lines, 补充图斑 included, deductions applied only where their acceptance is recorded, higher levels' "
            "final verdicts where there are any, and the 达到或接近 warning; the error rate from higher levels' "
            "findings; the field-check list; the 专班 hand-over list. With YEAR, patches issued in another year "
            "are left out. A patch found in several packages counts once, from the last one given.")

    def initAlgorithm(self, config=None):
        self.add_packages()
        self.addParameter(QgsProcessingParameterNumber("YEAR", self.tr("Year (0: every patch of the packages)"),
                                                       QgsProcessingParameterNumber.Type.Integer, 0, False, 0, 2100))
        self.addParameter(QgsProcessingParameterEnum("LEVEL", self.tr("Threshold level"), options=list(self.LEVELS),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Yearly statistics"),
                                                                self.tr("Excel (*.xlsx)")))
        for name in ("ACCOUNTABILITY_RATIO", "ACCOUNTABILITY_WARNING", "SUMMARY"):
            self.addOutput(QgsProcessingOutputString(name, name))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out.lower().endswith(".xlsx"):
            raise QgsProcessingException(self.tr("OUTPUT must end in .xlsx: {}").format(out))
        year = self.parameterAsInt(parameters, "YEAR", context) or None
        level = self.LEVELS[self.parameterAsEnum(parameters, "LEVEL", context)]
        try:
            summary = write_yearly_statistics(self.packages(parameters, context), out, year, level=level)
        except (PackageError, ProfileError, OSError, ValueError) as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        warning = "over" if summary["accountability_warning"] else ("near" if summary["accountability_near"] else "no")
        if warning != "no":
            feedback.reportError(self.tr("accountability: {} 亩 of illegally occupied 耕地, ratio {} ({})").format(
                summary["accountability_numerator_mu"], summary["accountability_ratio"],
                self.tr("threshold reached") if warning == "over" else self.tr("close to the threshold")))
        feedback.pushInfo(json.dumps(summary, ensure_ascii=False, sort_keys=True))
        return {"OUTPUT": out, "ACCOUNTABILITY_RATIO": "" if summary["accountability_ratio"] is None
                else str(summary["accountability_ratio"]), "ACCOUNTABILITY_WARNING": warning,
                "SUMMARY": json.dumps(summary, ensure_ascii=False, sort_keys=True)}


class TaskForceList(StatisticsAlgorithm):
    def name(self):
        return "task_force_list"

    def displayName(self):
        return self.tr("专班 hand-over list (新增农村乱占耕地建房)")

    def shortHelpString(self):
        return self.tr("Lists the patches found to be 新增农村乱占耕地建房 (a higher level's final determination where "
                       "there is one) for hand-over to the special task force (专班), as XLSX.")

    def initAlgorithm(self, config=None):
        self.add_packages()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("专班 list"), self.tr("Excel (*.xlsx)")))
        self.addOutput(QgsProcessingOutputString("PATCHES", self.tr("Patches listed")))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out.lower().endswith(".xlsx"):
            raise QgsProcessingException(self.tr("OUTPUT must end in .xlsx: {}").format(out))
        try:
            n = write_task_force_list(self.packages(parameters, context), out)
        except (PackageError, ProfileError, OSError, ValueError) as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        feedback.pushInfo(self.tr("{} patches listed").format(n))
        return {"OUTPUT": out, "PATCHES": str(n)}


class HandoverLists(StatisticsAlgorithm):
    def name(self):
        return "handover_lists"

    def displayName(self):
        return self.tr("Hand-over lists (transport, energy, water projects; 非粮化)")

    def shortHelpString(self):
        return self.tr("Beside the 专班 list, the lists 002 §五(三) asks the county to hand over: illegal land use of "
                       "transport, energy and water projects (marked so, or named by a major-project record) to "
                       "their departments, and 非粮化 cases (marked so) to agriculture and rural affairs; one sheet "
                       "each, as XLSX.")

    def initAlgorithm(self, config=None):
        self.add_packages()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Hand-over lists"),
                                                                self.tr("Excel (*.xlsx)")))
        self.addOutput(QgsProcessingOutputString("COUNTS", self.tr("Patches per list (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out.lower().endswith(".xlsx"):
            raise QgsProcessingException(self.tr("OUTPUT must end in .xlsx: {}").format(out))
        try:
            counts = write_handover_lists(self.packages(parameters, context), out)
        except (PackageError, ProfileError, OSError, ValueError) as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        feedback.pushInfo(json.dumps(counts, sort_keys=True))
        return {"OUTPUT": out, "COUNTS": json.dumps(counts, sort_keys=True)}
