from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
)

from ..compat import DOUBLE, INT64, STRING
from ..language import user_text
from ..services.package_check import package_profile
from ..services.photo_attach import MATCH_MODES, attach_folder
from ..services.photo_scan import Cancelled
from .base import EvidenceAlgorithm

FIELDS = [("path", STRING), ("patch_code", STRING), ("status", STRING),
          ("method", STRING), ("reason", STRING), ("evidence_id", INT64),
          ("problem", STRING), ("distance_m", DOUBLE)]


class AttachPhotos(EvidenceAlgorithm):
    PACKAGE, INPUT, MATCH, ACTOR, OUTPUT = "PACKAGE", "INPUT", "MATCH", "ACTOR", "OUTPUT"

    def name(self):
        return "attach_photos"

    def displayName(self):
        return self.tr("Attach field photos to patches")

    def shortHelpString(self):
        return self.tr(
            "Attaches every photo in a folder to a patch of the work package and copies it into the package's "
            "evidence folder (originals are never moved or changed). MATCH 'auto': a photo in a folder named "
            "after a patch code, or whose file name starts with one, goes to that patch; otherwise to the patch "
            "it stands in or the nearest within the profile's distance. 'name' or 'location' use one way only. "
            "OUTPUT lists what went where, and what did not and why. Running it again attaches nothing twice.")

    def initAlgorithm(self, config=None):
        self.add_package(self.tr("Work package"))
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Photo folder"),
                                                     behavior=QgsProcessingParameterFile.Behavior.Folder))
        self.addParameter(QgsProcessingParameterEnum(self.MATCH, self.tr("Match by"), list(MATCH_MODES),
                                                     defaultValue="auto", usesStaticStrings=True))
        self.add_actor()
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Attachment report")))
        for name, desc in (("ATTACHED", "Photos attached"), ("ALREADY_ATTACHED", "Photos already attached"),
                           ("UNMATCHED", "Photos not attached")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(desc)))

    def processAlgorithm(self, parameters, context, feedback):
        wp = self.open_package(self.parameterAsFile(parameters, self.PACKAGE, context))
        folder = self.parameterAsFile(parameters, self.INPUT, context)
        match = self.parameterAsEnumString(parameters, self.MATCH, context) or "auto"
        actor = self.actor(parameters, context)
        sink, dest, fields = self.sink_with_fields(parameters, context, self.OUTPUT, FIELDS)
        with wp:
            try:
                rows = attach_folder(wp, folder, package_profile(wp), actor, match, feedback.setProgress,
                                     feedback.isCanceled)
            except FileNotFoundError as exc:
                raise QgsProcessingException(user_text(exc)) from exc
            except Cancelled:
                raise QgsProcessingException(self.tr("Cancelled; photos attached so far are kept")) from None
        counts = {"attached": 0, "already_attached": 0, "unmatched": 0}
        for r in rows:
            counts[r.status] += 1
            f = QgsFeature(fields)
            f.setAttributes([r.path, r.patch_code, r.status, r.method, user_text(r.reason) if r.reason else None,
                             r.evidence_id, user_text(r.problem) if r.problem else None, r.distance_m])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            if r.status == "unmatched":
                feedback.reportError(f"{r.path}: {user_text(r.reason)}", fatalError=False)
        feedback.pushInfo(self.tr("{attached} attached, {already_attached} already attached, {unmatched} not attached")
                          .format(**counts))
        return {self.OUTPUT: dest, "ATTACHED": counts["attached"], "ALREADY_ATTACHED": counts["already_attached"],
                "UNMATCHED": counts["unmatched"]}
