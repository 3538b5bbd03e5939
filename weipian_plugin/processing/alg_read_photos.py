from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPoint,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)

from ..compat import DOUBLE, STRING
from ..language import user_text
from ..services.photo_scan import Cancelled, find_images, read_all
from .base import EvidenceAlgorithm

FIELDS = [("path", STRING), ("sha256", STRING), ("longitude", DOUBLE),
          ("latitude", DOUBLE), ("altitude", DOUBLE), ("azimuth", DOUBLE),
          ("azimuth_raw", DOUBLE), ("azimuth_ref", STRING), ("taken_at", STRING),
          ("make", STRING), ("model", STRING), ("problem", STRING)]


class ReadPhotos(EvidenceAlgorithm):
    INPUT, RECURSIVE, OUTPUT = "INPUT", "RECURSIVE", "OUTPUT"

    def name(self):
        return "read_photos"

    def displayName(self):
        return self.tr("Read field photos (position, azimuth, time, sha256)")

    def shortHelpString(self):
        return self.tr(
            "Reads every image-like file (JPEG, HEIC, …) in a folder: position, altitude, azimuth (magnetic "
            "azimuths turned to true north with the World Magnetic Model; raw value and reference kept), time "
            "taken, camera, and the sha256 of the whole file. A file that cannot give a position has no geometry "
            "and says why in 'problem'. No file is skipped silently.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Photo folder"),
                                                     behavior=QgsProcessingParameterFile.Behavior.Folder))
        self.addParameter(QgsProcessingParameterBoolean(self.RECURSIVE, self.tr("Include sub-folders"), True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Photos")))
        self.addOutput(QgsProcessingOutputNumber("PHOTOS", self.tr("Files read")))
        self.addOutput(QgsProcessingOutputNumber("WITH_PROBLEMS", self.tr("Files with a problem")))

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsFile(parameters, self.INPUT, context)
        recursive = self.parameterAsBool(parameters, self.RECURSIVE, context)
        try:
            paths = find_images(folder, recursive)
        except FileNotFoundError as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        sink, dest, fields = self.sink_with_fields(parameters, context, self.OUTPUT, FIELDS, QgsWkbTypes.Type.PointZ,
                                                     QgsCoordinateReferenceSystem("EPSG:4326"))
        problems = 0
        count = 0
        try:
            for r in read_all(paths, feedback.setProgress, feedback.isCanceled):
                f = QgsFeature(fields)
                f.setAttributes([r.path, r.sha256, r.longitude, r.latitude, r.altitude, r.azimuth, r.azimuth_raw,
                                 r.azimuth_ref, r.taken_at, r.make, r.model,
                                 user_text(r.problem_message()) if r.problems else None])
                if r.has_position:
                    f.setGeometry(QgsGeometry(QgsPoint(r.longitude, r.latitude, r.altitude or 0.0)))
                if r.problems:
                    problems += 1
                    feedback.pushInfo(f"{r.path}: {user_text(r.problem_message())}")
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
                count += 1
        except Cancelled:
            feedback.reportError(self.tr("Cancelled after {} of {} files").format(count, len(paths)))
        return {self.OUTPUT: dest, "PHOTOS": count, "WITH_PROBLEMS": problems}
