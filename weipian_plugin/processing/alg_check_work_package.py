from collections import Counter

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
)

from ..compat import INT64, STRING
from ..core.findings import BLOCKING, INFO, WARNING
from ..services.package_check import check_package, store_blocking_counts
from .base import WeipianAlgorithm

FIELDS = [("patch_code", STRING), ("rule", STRING), ("severity", STRING),
          ("message_zh", STRING), ("message_en", STRING), ("source", STRING),
          ("evidence_id", INT64)]


class CheckWorkPackage(WeipianAlgorithm):
    PACKAGE, OUTPUT = "PACKAGE", "OUTPUT"

    def name(self):
        return "check_work_package"

    def displayName(self):
        return self.tr("Check work package (rules, evidence, internal-review coverage)")

    def shortHelpString(self):
        return self.tr(
            "Evaluates every patch against the package's rule profile: verdict completeness, the rules of the "
            "notices (no 其他 for 新增非农建设类/年度内持续变化类, the 乱占耕地建房 determination, evidence for "
            "合法/其他), photo checks (position, azimuth, distance, direction, time, reuse), written-opinion "
            "thresholds, 100 % internal review by a named reviewer who is not the verifier, and field-check "
            "thresholds as information. OUTPUT is the findings table; the results carry coverage counts.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("Work package"))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Findings")))
        for name, desc in (("TOTAL", "Patches"), ("VERIFIED", "Patches verified"),
                           ("REVIEWED", "Patches passed by internal review"), ("RETURNED", "Patches returned"),
                           ("BLOCKING", "Blocking findings"), ("WARNINGS", "Warnings"), ("INFOS", "Information")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(desc)))
        self.addOutput(QgsProcessingOutputBoolean("REVIEW_COMPLETE", self.tr("Internal review complete")))
        self.addOutput(QgsProcessingOutputString("BY_RULE", self.tr("Findings by rule")))

    def processAlgorithm(self, parameters, context, feedback):
        wp = self.open_package(self.parameterAsFile(parameters, self.PACKAGE, context))
        with wp:
            findings, cov = check_package(wp)
            store_blocking_counts(wp, findings)
        sink, dest, fields = self.sink_with_fields(parameters, context, self.OUTPUT, FIELDS)
        total = max(1, len(findings))
        for i, fd in enumerate(findings):
            if feedback.isCanceled():
                break
            f = QgsFeature(fields)
            f.setAttributes([fd.patch_code, fd.rule, fd.severity, fd.message_zh, fd.message_en, fd.source,
                             fd.evidence_id])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            if i % 1000 == 0:
                feedback.setProgress(100.0 * i / total)
        sev = Counter(f.severity for f in findings)
        by_rule = Counter(f.rule for f in findings)
        feedback.pushInfo(self.tr("verified {}/{}, reviewed {}/{}; {} blocking, {} warnings, {} information")
                          .format(cov.verified, cov.total, cov.reviewed, cov.total, sev[BLOCKING], sev[WARNING], sev[INFO]))
        if cov.processes > 1:
            feedback.pushInfo(self.tr("checked by {} processes at once").format(cov.processes))
        return {self.OUTPUT: dest, "TOTAL": cov.total, "VERIFIED": cov.verified, "REVIEWED": cov.reviewed,
                "RETURNED": cov.returned, "BLOCKING": sev[BLOCKING], "WARNINGS": sev[WARNING], "INFOS": sev[INFO],
                "REVIEW_COMPLETE": cov.review_complete,
                "BY_RULE": "; ".join(f"{rule}={n}" for rule, n in sorted(by_rule.items()))}
