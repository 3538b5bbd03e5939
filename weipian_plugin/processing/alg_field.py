"""The township's patches as a QField / Mergin Maps project, and the folder the phone gives back."""
import json

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..language import user_text
from ..services.field_project import FieldProjectError, export_field_project, import_field_project
from ..services.package_check import package_profile
from ..store.work_package import PackageError
from .alg_exchange import ExchangeAlgorithm


class ExportFieldProject(ExchangeAlgorithm):
    def name(self):
        return "export_field_project"

    def displayName(self):
        return self.tr("Export field project for QField (township)")

    def shortHelpString(self):
        return self.tr(
            "Makes a folder and a zip that QField (or Mergin Maps) opens offline on a phone: the township's patches "
            "with their geometry locked, the issued facts, earlier verdicts and the county's return reasons "
            "read-only, the verdict form with the profile's rules as constraints (an incomplete verdict cannot be "
            "saved), a photo layer whose camera photos go to DCIM/ named <JCBH>_<n>, and the batch's before/after "
            "imagery clipped to the township. Copy the folder to the phone by USB cable or the county's file "
            "share; no cloud is needed. Nothing that exists is written over.")

    def flags(self):
        # the project is built with QgsProject and its layers, which belong to the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("Township work package"))
        self.addParameter(QgsProcessingParameterString("TOWNSHIP", self.tr("Township (the county's package: empty "
                                                                           "for one project per township)"),
                                                       optional=True))
        self.add_actor()
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", self.tr("Folder to write it in")))
        self.addOutput(QgsProcessingOutputString("FOLDER", self.tr("Field project folder")))
        self.addOutput(QgsProcessingOutputString("ZIP", self.tr("Field project zip")))
        self.addOutput(QgsProcessingOutputNumber("PATCHES", self.tr("Patches")))
        self.addOutput(QgsProcessingOutputNumber("BYTES", self.tr("Size in bytes")))
        self.addOutput(QgsProcessingOutputString("FILES", self.tr("Field project zips (JSON list)")))

    def processAlgorithm(self, parameters, context, feedback):
        import os

        out = self.parameterAsString(parameters, "OUTPUT", context)
        os.makedirs(out, exist_ok=True)
        results = []
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            township = self.parameterAsString(parameters, "TOWNSHIP", context) or wp.meta("township")
            # the county's package without a township: one field project for each of its townships
            towns = [township] if township else sorted({p.township for p in wp.patches(with_geometry=False)
                                                        if p.township})
            try:
                profile = package_profile(wp)
                for k, town in enumerate(towns):
                    if feedback.isCanceled():
                        break
                    results.append(export_field_project(
                        wp, out, self.actor(parameters, context), profile, town,
                        lambda p, k=k: feedback.setProgress((k + p / 100.0) * 100.0 / len(towns))))
            except (FieldProjectError, PackageError, OSError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        if not results:
            raise QgsProcessingException(self.tr("no township's patches to take to the field"))
        for result in results:
            feedback.pushInfo(self.tr("{} patches, {} MB in all: {}").format(
                result.patches, round(result.bytes_total / 1024 ** 2, 1), result.folder))
            for label, _path, size in result.imagery:
                feedback.pushInfo(self.tr("{}: {} MB").format(label, round(size / 1024 ** 2, 1)))
        last = results[-1]
        return {"OUTPUT": out, "FOLDER": last.folder, "ZIP": last.zip_path,
                "PATCHES": sum(r.patches for r in results), "BYTES": sum(r.bytes_total for r in results),
                "FILES": json.dumps([r.zip_path for r in results], ensure_ascii=False)}


class ImportFieldProject(ExchangeAlgorithm):
    def name(self):
        return "import_field_project"

    def displayName(self):
        return self.tr("Import field project from QField")

    def shortHelpString(self):
        return self.tr(
            "Takes back the folder or zip of a field project the phone gave back. Everything in it is checked "
            "first and nothing is written when anything is wrong (a path out of the folder, code in the project "
            "file, an edited patch geometry, too many or too large files), naming the file and the reason. Then "
            "the verdicts become the township's verifications and every photo is read and attached as at a desk "
            "(its own EXIF position, azimuth and time win over the form's). A verdict changed at the desk since the "
            "export is kept and named; photos in DCIM/ that no row names are listed with the patch they stand in, "
            "to attach by hand.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("Township work package"))
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Field project zip"), extension="zip",
                                                     optional=True))
        self.addParameter(QgsProcessingParameterFile("FOLDER", self.tr("or the field project's folder"),
                                                     behavior=QgsProcessingParameterFile.Behavior.Folder,
                                                     optional=True))
        self.add_actor()
        self.addOutput(QgsProcessingOutputNumber("APPLIED", self.tr("Verdicts applied")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICTS", self.tr("Conflicts kept")))
        self.addOutput(QgsProcessingOutputNumber("PHOTOS", self.tr("Photos attached")))
        self.addOutput(QgsProcessingOutputNumber("ORPHANS", self.tr("Photos not in the form")))
        self.addOutput(QgsProcessingOutputString("REPORT", self.tr("Report (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsFile(parameters, "INPUT", context) or self.parameterAsFile(parameters, "FOLDER",
                                                                                            context)
        if not source:
            raise QgsProcessingException(self.tr("give the field project's zip or its folder"))
        with self.open_package(self.parameterAsFile(parameters, "PACKAGE", context)) as wp:
            try:
                profile = package_profile(wp)
                report = import_field_project(wp, source, self.actor(parameters, context), profile,
                                              progress=feedback.setProgress)
            except (FieldProjectError, PackageError, OSError) as exc:
                raise QgsProcessingException(user_text(exc)) from exc
        for code, why in report.conflicts:
            feedback.reportError(f"{code}: {user_text(why)}")
        for photo, why in report.azimuth_notes:
            feedback.pushWarning(f"{photo}: {user_text(why)}")
        for row in report.photos:
            if row.status != "attached":
                feedback.pushWarning(f"{row.path}: {user_text(row.reason)}")
        for row in report.orphans:
            feedback.pushWarning(self.tr("{}: in DCIM/ but in no row of the form; stands at patch {}").format(
                row.path, row.patch_code or "-"))
        attached = sum(1 for r in report.photos if r.status == "attached")
        return {"APPLIED": len(report.applied), "CONFLICTS": len(report.conflicts), "PHOTOS": attached,
                "ORPHANS": len(report.orphans),
                "REPORT": json.dumps({"applied": report.applied, "conflicts": [c for c, _ in report.conflicts],
                                      "photos": [{"photo": r.path, "patch": r.patch_code, "status": r.status,
                                                  "reason": user_text(r.reason) if r.reason else ""}
                                                 for r in report.photos],
                                      "orphans": [{"photo": r.path, "patch": r.patch_code} for r in report.orphans],
                                      "azimuth_notes": [{"photo": p, "note": user_text(n)}
                                                        for p, n in report.azimuth_notes]},
                                     ensure_ascii=False)}
