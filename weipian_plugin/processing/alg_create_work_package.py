import os
from collections import Counter

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.field_mapping import FieldMapError, parse_override
from ..core.profile import ProfileError, load_profile, profile_for_county
from ..language import user_text
from ..services.patch_import import ImportError_, import_source, read_patches
from ..store.work_package import PackageError, WorkPackage
from .base import WeipianAlgorithm


class CreateWorkPackage(WeipianAlgorithm):
    INPUT, FIELD_MAP, PROFILE, ACTOR, OUTPUT = "INPUT", "FIELD_MAP", "PROFILE", "ACTOR", "OUTPUT"

    def name(self):
        return "create_work_package"

    def displayName(self):
        return self.tr("Create or extend work package from issued patches")

    def shortHelpString(self):
        return self.tr(
            "Imports issued patches (Shapefile UTF-8 or GBK, GeoPackage, GeoJSON; EPSG:4490, 4513–4554 or WGS84) "
            "into a work package GeoPackage. Fields are mapped automatically (JCBH, 监测编号, …); FIELD_MAP "
            "overrides, e.g. 'JCBH=编号;GDMJ=耕地'. Missing areas are computed on the ellipsoid in 亩. If OUTPUT "
            "is an existing work package, only new patches are added and existing work is never touched. "
            "Duplicate or missing codes and invalid geometries are reported by code and row.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterVectorLayer(self.INPUT, self.tr("Issued patches"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterString(self.FIELD_MAP, self.tr("Field map (CODE=field;…)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PROFILE, self.tr("Rule profile (id or .json path; empty: chosen by the county code)"),
            defaultValue="", optional=True))
        self.add_actor()
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Work package"),
                                                                self.tr("GeoPackage (*.gpkg)")))
        for name, desc in (("ADDED", "Patches added"), ("SKIPPED_EXISTING", "Patches already in the package"),
                           ("PROBLEMS", "Rows reported")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(desc)))
        self.addOutput(QgsProcessingOutputString("REPORT", self.tr("Import report")))

    def processAlgorithm(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is None:
            raise QgsProcessingException(self.tr("INPUT is not a readable vector layer"))
        # a file is read by its path, as the service reads it: a Shapefile's records are checked (count, encoding
        # of every record) only when the .dbf itself is read, never through the layer QGIS opened
        source = import_source(layer)
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        actor = self.actor(parameters, context)
        try:
            override = parse_override(self.parameterAsString(parameters, self.FIELD_MAP, context))
            profile_ref = self.parameterAsString(parameters, self.PROFILE, context) or None
            profile = load_profile(profile_ref)
            records, report = read_patches(source, profile, override, feedback)
            county = Counter(r["county_code"] for r in records if r["county_code"]).most_common(1)
            if profile_ref is None and not os.path.exists(out):
                # no profile chosen: the one made for the county's province and city, else the national base
                profile_ref = profile_for_county(county[0][0] if county else None)
                profile = load_profile(profile_ref)
                feedback.pushInfo(self.tr("Rule profile: {}").format(profile.name))
        except (FieldMapError, ProfileError, ImportError_) as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled; nothing was written"))
        try:
            if os.path.exists(out):
                wp = WorkPackage.open(out)
                feedback.pushInfo(self.tr("Adding to existing work package {}").format(out))
            else:
                wp = WorkPackage.create(out, profile.id if not profile_ref or not profile_ref.endswith(".json")
                                        else profile.source_path, county[0][0] if county else None, actor)
            with wp:
                result = wp.add_patches(records, report.source, actor, report.as_dict())
        except PackageError as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        problems = [user_text(line) for line in report.problem_messages()]
        for line in problems:
            feedback.reportError(line, fatalError=False)
        if result["skipped_existing"]:
            feedback.pushInfo(self.tr("{} patches were already in the package and were left as they were: {}")
                              .format(len(result["skipped_existing"]), ", ".join(result["skipped_existing"][:20])))
        if report.computed_area:
            feedback.pushInfo(self.tr("Area computed on the ellipsoid for {} patches").format(len(report.computed_area)))
        summary = self.tr("{} rows read, {} patches added, {} already present, {} problems").format(
            report.rows, len(result["added"]), len(result["skipped_existing"]), len(problems))
        feedback.pushInfo(summary)
        return {self.OUTPUT: out, "ADDED": len(result["added"]), "SKIPPED_EXISTING": len(result["skipped_existing"]),
                "PROBLEMS": len(problems), "REPORT": "\n".join([summary] + problems)}
