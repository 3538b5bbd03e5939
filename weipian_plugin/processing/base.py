"""Shared bits of the plugin's algorithms."""
import functools
import getpass
import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsField,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..compat import field_type
from ..core import collector
from ..language import user_text
from ..store.pg_connect import is_server_error
from ..store.work_package import PackageError


def _shown(spec: str) -> str:
    from ..store.pg_connect import safe_label

    return safe_label(spec)


def current_user() -> str:
    """Who acts: the plugin's configured name, else the OS account."""
    from qgis.core import QgsSettings

    name = QgsSettings().value("weipian/user_name", "", type=str)
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:
        return os.environ.get("USER", "")


def _collector_paused(process):
    @functools.wraps(process)
    def run(self, parameters, context, feedback):
        try:
            with collector.paused():
                return process(self, parameters, context, feedback)
        finally:
            if collector.in_main_thread():
                collector.release(("algorithm", id(self)))

    return run


class WeipianAlgorithm(QgsProcessingAlgorithm):
    # Processing's dialog runs processAlgorithm in a worker thread, where Python's cyclic collector must never run
    # (core/collector): it is paused from prepareAlgorithm (main thread, before the worker starts) until
    # postProcessAlgorithm (main thread, after a success), the end of processAlgorithm when it ran in the main
    # thread, or QGIS' task manager having no task left (gui/main_thread: a failed task is not post-processed).
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "processAlgorithm" in cls.__dict__:
            cls.processAlgorithm = _collector_paused(cls.__dict__["processAlgorithm"])

    def prepareAlgorithm(self, parameters, context, feedback):
        if collector.in_main_thread():
            collector.hold(("algorithm", id(self)))
        return True

    def postProcessAlgorithm(self, context, feedback):
        collector.release(("algorithm", id(self)))
        return {}

    def tr(self, text):
        """Qt's context is the class the text is written in (pylupdate's rule): a text of a shared base class
        is found under that base's name, not the subclass'."""
        for cls in type(self).__mro__:
            found = QCoreApplication.translate(cls.__name__, text)
            if found != text or cls.__name__ == "object":
                return found
        return text

    def createInstance(self):
        return type(self)()

    def group(self):
        return QCoreApplication.translate("WeipianAlgorithm", "Work package")

    def groupId(self):
        return "work_package"

    def add_actor(self):
        """The optional ACTOR parameter: who acts, recorded in the audit log."""
        self.addParameter(QgsProcessingParameterString(
            "ACTOR", QCoreApplication.translate("WeipianAlgorithm", "Acting user"), optional=True))

    def actor(self, parameters, context) -> str:
        return self.parameterAsString(parameters, "ACTOR", context) or current_user()

    def add_confirmed_key(self):
        """CONFIRMED_KEY: the sender's key fingerprint as a person confirmed it with the sender (by phone or on the
        official letter), needed for the first package from a sender only (services.signatures)."""
        self.addParameter(QgsProcessingParameterString(
            "CONFIRMED_KEY", QCoreApplication.translate(
                "WeipianAlgorithm", "Sender's key fingerprint, confirmed by phone (first package from a sender "
                                    "only; several separated by ;)"), optional=True))

    def confirmed(self, parameters, context) -> list:
        text = self.parameterAsString(parameters, "CONFIRMED_KEY", context) or ""
        return [text] if text.strip() else []

    def add_package(self, description: str = "", name: str = "PACKAGE", optional: bool = False):
        """The PACKAGE parameter: a GeoPackage work package's path, or a work package on the office server
        (office:<schema>@<connection>, or postgresql://host/db?schema=<schema>): see store.open_store."""
        # the "All files" choice lets Processing take an office package's name as well as a path
        self.addParameter(QgsProcessingParameterFile(
            name, (description or QCoreApplication.translate("WeipianAlgorithm", "Work package")) +
            QCoreApplication.translate("WeipianAlgorithm", " (.gpkg, or office:<schema>@<connection>)"),
            fileFilter=QCoreApplication.translate("WeipianAlgorithm", "GeoPackage (*.gpkg);;All files (*)"),
            optional=optional))

    def open_package(self, spec: str):
        """A WorkPackage or an OfficePackage; every refusal (no such file, no such schema, a refused login) as a
        message."""
        from ..store.open_store import open_store

        try:
            return open_store(spec)
        except PackageError as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        except Exception as exc:  # the database refused or cannot be reached (store.pg_connect)
            if is_server_error(exc):
                raise QgsProcessingException(QCoreApplication.translate("WeipianAlgorithm", "{}: {}").format(
                    _shown(spec), (str(exc).strip().splitlines() or [type(exc).__name__])[0])) from exc
            raise

    def sink_with_fields(self, parameters, context, name, field_defs, geometry=QgsWkbTypes.Type.NoGeometry, crs=None):
        """(sink, dest id, fields) for an output made of (name, QMetaType type) pairs."""
        fields = QgsFields()
        for fname, kind in field_defs:
            fields.append(QgsField(fname, field_type(kind)))
        sink, dest = self.parameterAsSink(parameters, name, context, fields, geometry,
                                          crs or QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, dest, fields


class EvidenceAlgorithm(WeipianAlgorithm):
    def group(self):
        return QCoreApplication.translate("EvidenceAlgorithm", "Evidence")

    def groupId(self):
        return "evidence"
