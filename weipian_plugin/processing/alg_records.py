"""Algorithms for what the county records beside the verdicts: verdicts from a sheet, a higher level's findings,
the county's field checks, its responsible persons, and single records (an acceptance, a collective review, a
mark). Each writes in one transaction with its audit entries; a refused input changes nothing."""
import json

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core import records
from ..core.profile import ProfileError
from ..language import user_text
from ..services.higher_findings_import import import_higher_findings
from ..services.package_check import package_profile
from ..services.sheet_import import SheetError, SheetImportError
from ..services.verdict_import import import_verdicts
from ..store.work_package import PackageError
from .base import WeipianAlgorithm


class RecordsAlgorithm(WeipianAlgorithm):
    def group(self):
        return QCoreApplication.translate("RecordsAlgorithm", "County records")

    def groupId(self):
        return "county_records"

    def in_one_transaction(self, parameters, context, write):
        """Open the package and run write(wp) in one transaction: a refusal changes nothing and says why."""
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                with wp.transaction():
                    return write(wp)
            except (ValueError, RuntimeError, PackageError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc

    def add_records(self, parameters, context, record, codes=None) -> int:
        """Append the record to the patches named in CODES (or to `codes(wp)` when CODES is empty)."""
        actor = self.actor(parameters, context)

        def write(wp):
            named = self.codes(parameters, context, wp) or (codes(wp) if codes else [])
            if not named and codes is None:
                raise QgsProcessingException(self.tr("CODES names no patch"))
            for code in named:
                wp.add_record(code, record, actor)
            return len(named)
        return self.in_one_transaction(parameters, context, write)

    def codes(self, parameters, context, wp):
        """The patch codes named in CODES (comma or space separated), all checked against the package."""
        text = self.parameterAsString(parameters, "CODES", context) or ""
        codes = [c for c in text.replace(",", " ").replace("，", " ").split() if c]
        unknown = sorted(set(codes) - wp.patch_codes())
        if unknown:
            raise QgsProcessingException(self.tr("not patches of this work package: {}").format(", ".join(unknown[:20])))
        return codes


class _SheetImport(RecordsAlgorithm):
    def initAlgorithm(self, config=None):
        self.add_package()
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Sheet (.csv UTF-8 or .xlsx)"),
                                                     fileFilter=self.tr("Excel or CSV (*.xlsx *.csv)")))
        self.addParameter(QgsProcessingParameterBoolean(
            "APPLY_VALID", self.tr("Apply the valid rows even when some rows are refused"), defaultValue=False))
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("APPLIED", self.tr("Rows applied")))
        self.addOutput(QgsProcessingOutputNumber("REFUSED", self.tr("Rows refused")))
        self.addOutput(QgsProcessingOutputString("REPORT", self.tr("Report")))

    def run_import(self, parameters, context, feedback, importer):
        path = self.parameterAsFile(parameters, "INPUT", context)
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                result = importer(wp, path, package_profile(wp), self.actor(parameters, context),
                                  self.parameterAsBool(parameters, "APPLY_VALID", context))
            except (SheetError, SheetImportError, ProfileError, PackageError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        lines = [user_text(m) for m in result.refused_messages()]
        for line in lines:
            feedback.reportError(line, fatalError=False)
        return result, lines


class ImportVerdicts(_SheetImport):
    def name(self):
        return "import_verdicts"

    def displayName(self):
        return self.tr("Import verdicts from a sheet (JCBH, PDJG, …)")

    def shortHelpString(self):
        return self.tr(
            "Brings verdicts in from a UTF-8 CSV or an XLSX keyed by JCBH, with the column codes of the upload "
            "results: PDJG (合法/违法/其他), PDLX, WFLX, WFXZ, PDYJSM, PZWH, SFXZLZGDJF (是/否), SFFNH, ZGZT and HSR "
            "(the verifier). Every row is checked against the package and the rule profile first; with any row "
            "refused nothing is imported (unless asked to apply the valid rows). Each verdict is audited with the "
            "file and row it came from; verdicts equal to what the package holds are left alone.")

    def processAlgorithm(self, parameters, context, feedback):
        result, lines = self.run_import(parameters, context, feedback, import_verdicts)
        summary = self.tr("{} rows read, {} verdicts applied, {} unchanged, {} refused").format(
            result.rows, len(result.applied), len(result.unchanged), len(result.refused))
        feedback.pushInfo(summary)
        return {"APPLIED": len(result.applied), "REFUSED": len(result.refused), "REPORT": "\n".join([summary] + lines)}


class ImportHigherFindings(_SheetImport):
    def name(self):
        return "import_higher_findings"

    def displayName(self):
        return self.tr("Import a higher level's findings (error rate, final verdicts)")

    def shortHelpString(self):
        return self.tr(
            "Records what the city, the province or the Ministry found per patch, from its list (UTF-8 CSV or "
            "XLSX keyed by JCBH): RDCJ 认定层级 (市级/省级/部级), RDFS 认定方式 (内业审核/实地核查), SFMXBHL 明显填报不合理 "
            "(是/否), RDRQ 认定日期, and where the higher level made its own determination ZZPDJG 最终判定结果, WFXZ and "
            "SFXZLZGDJF. The error rate counts only these findings; the accountability ratio and the 专班 list use "
            "the higher level's final verdict where there is one (002 §三(四)1, §三(七)1).")

    def processAlgorithm(self, parameters, context, feedback):
        result, lines = self.run_import(parameters, context, feedback, import_higher_findings)
        summary = self.tr("{} rows read, {} findings recorded, {} refused").format(
            result.rows, len(result.applied), len(result.refused))
        feedback.pushInfo(summary)
        return {"APPLIED": len(result.applied), "REFUSED": len(result.refused),
                "REPORT": "\n".join([summary] + lines)}


class RecordFieldChecks(RecordsAlgorithm):
    def name(self):
        return "record_field_checks"

    def displayName(self):
        return self.tr("Record the county's field checks")

    def shortHelpString(self):
        return self.tr(
            "Records that the county's own field check (外业核查) of these patches was done, by whom and on which "
            "day (002 §三(二)3: results are filled in after internal review and field check). Without CODES, every "
            "verified patch that has no field check recorded yet.")

    def initAlgorithm(self, config=None):
        self.add_package()
        self.addParameter(QgsProcessingParameterString("CODES", self.tr("Patch codes (empty: every verified patch "
                                                                        "not yet checked)"), optional=True))
        self.addParameter(QgsProcessingParameterString("CHECKED_BY", self.tr("Checked by")))
        self.addParameter(QgsProcessingParameterString("CHECKED_ON", self.tr("Checked on (YYYY-MM-DD)")))
        self.addParameter(QgsProcessingParameterString("NOTE", self.tr("Note"), optional=True))
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("RECORDED", self.tr("Field checks recorded")))

    def processAlgorithm(self, parameters, context, feedback):
        try:
            check = records.parse_record(records.FIELD_CHECK, {
                "checked_by": self.parameterAsString(parameters, "CHECKED_BY", context),
                "checked_on": self.parameterAsString(parameters, "CHECKED_ON", context),
                "note": self.parameterAsString(parameters, "NOTE", context)})
        except records.RecordError as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        def not_yet_checked(wp):
            held = wp.records()
            return [code for code, v in wp.snapshot().verifications.items()
                    if v.verdict and records.FIELD_CHECK not in held.get(code, {})]

        n = self.add_records(parameters, context, check, not_yet_checked)
        feedback.pushInfo(self.tr("{} field checks recorded").format(n))
        return {"RECORDED": n}


class SetResponsiblePersons(RecordsAlgorithm):
    def name(self):
        return "set_responsible_persons"

    def displayName(self):
        return self.tr("Name the internal-review and field-check leads")

    def shortHelpString(self):
        return self.tr("Names the formal staff members responsible for internal review (内业审核负责人) and for field "
                       "checks (外业核查负责人) of this work package (002 §三(四)1). The upload gate requires both.")

    def initAlgorithm(self, config=None):
        self.add_package()
        self.addParameter(QgsProcessingParameterString("INTERNAL_REVIEW_LEAD", self.tr("Internal-review lead")))
        self.addParameter(QgsProcessingParameterString("FIELD_CHECK_LEAD", self.tr("Field-check lead")))
        self.add_actor()

    def processAlgorithm(self, parameters, context, feedback):
        values = {key: self.parameterAsString(parameters, key.upper(), context).strip()
                  for key in ("internal_review_lead", "field_check_lead")}
        if not all(values.values()):
            raise QgsProcessingException(self.tr("both leads must be named"))
        actor = self.actor(parameters, context)
        self.in_one_transaction(parameters, context,
                                lambda wp: [wp.set_meta(key, value, actor) for key, value in values.items()])
        return {}


class SetBatchImagery(RecordsAlgorithm):
    def name(self):
        return "set_batch_imagery"

    def displayName(self):
        return self.tr("Set the batch's before/after imagery (dossier overlay maps)")

    def shortHelpString(self):
        return self.tr("Records the before and after imagery issued with the batch (georeferenced rasters, e.g. "
                       "GeoTIFF). The dock shows them under the patches (one key flips between them) and beside each patch, and the "
                       "dossiers' overlay maps (套合图件) show each patch over both. Overviews are built beside a file "
                       "that has none (the file itself is not changed).")

    def initAlgorithm(self, config=None):
        self.add_package()
        self.addParameter(QgsProcessingParameterFile("BEFORE", self.tr("Before imagery (前时相)"), optional=True))
        self.addParameter(QgsProcessingParameterFile("AFTER", self.tr("After imagery (后时相)"), optional=True))
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("COVERED", self.tr("Patches inside the imagery")))
        self.addOutput(QgsProcessingOutputNumber("PATCHES", self.tr("Patches in the package")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..services.imagery import ensure_overviews, set_batch_imagery

        before = self.parameterAsFile(parameters, "BEFORE", context)
        after = self.parameterAsFile(parameters, "AFTER", context)
        actor = self.actor(parameters, context)
        given = [p for p in (before, after) if p]
        for i, path in enumerate(given):  # overviews first, outside the package's transaction (a county's image
            try:  # takes minutes): the package is not held meanwhile
                if ensure_overviews(path, lambda done, i=i: feedback.setProgress(100 * (i + done) / len(given))):
                    feedback.pushInfo(self.tr("Overviews built for {}").format(path))
            except ValueError as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        res = self.in_one_transaction(parameters, context, lambda wp: set_batch_imagery(wp, before, after, actor))
        if given and res["covered"] < res["patches"]:
            feedback.reportError(self.tr("The imagery covers {} of the batch's {} patches").format(
                res["covered"], res["patches"]), False)
        return {"COVERED": res["covered"], "PATCHES": res["patches"]}


class RecordPatch(RecordsAlgorithm):
    KINDS = (records.ACCEPTANCE, records.COLLECTIVE_REVIEW, records.MARK, records.HIGHER_FINDING, records.FIELD_CHECK)

    def name(self):
        return "record_patch"

    def displayName(self):
        return self.tr("Record an acceptance, collective review or mark for patches")

    def shortHelpString(self):
        return self.tr(
            "Appends a record to each patch named in CODES. KIND: acceptance (of a deduction: kind restored / "
            "legalised / major_project, accepted_by, accepted_on, evidence_ids, approval_no, project_name, "
            "project_type transport/energy/water, approval_level national/provincial/city/county), "
            "collective_review (decided_on, participants, conclusion, other_reason: why a key-class patch is the "
            "exception judged 其他), mark (disputed, key, project_type transport/energy/water, non_grain: 非粮化), "
            "higher_finding, "
            "field_check. DATA is a JSON object with those fields. The latest record of a kind holds; older ones stay "
            "as history.")

    def initAlgorithm(self, config=None):
        self.add_package()
        self.addParameter(QgsProcessingParameterString("CODES", self.tr("Patch codes")))
        self.addParameter(QgsProcessingParameterEnum("KIND", self.tr("Record"), options=list(self.KINDS)))
        self.addParameter(QgsProcessingParameterString("DATA", self.tr("Fields (JSON)"), multiLine=True))
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("RECORDED", self.tr("Records added")))

    def processAlgorithm(self, parameters, context, feedback):
        kind = self.KINDS[self.parameterAsEnum(parameters, "KIND", context)]
        try:
            data = json.loads(self.parameterAsString(parameters, "DATA", context) or "{}")
            record = records.parse_record(kind, data)
        except ValueError as exc:
            raise QgsProcessingException(self.tr("DATA: {}").format(user_text(exc))) from exc
        return {"RECORDED": self.add_records(parameters, context, record)}
