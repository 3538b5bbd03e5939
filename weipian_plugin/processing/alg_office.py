"""The county office's shared store: publish a work package into PostgreSQL/PostGIS, take one back."""
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..language import user_text
from ..store.office_copy import OfficeStoreError, export_work_package, publish_work_package
from ..store.pg_connect import ConnectionError_, connect, first_line, is_server_error
from ..store.pg_schema import SCHEMA_NAME
from ..store.work_package import PackageError
from .base import WeipianAlgorithm


class OfficeAlgorithm(WeipianAlgorithm):
    def group(self):
        return self.tr("County office (PostgreSQL/PostGIS)")

    def groupId(self):
        return "office"

    def add_connection(self):
        self.addParameter(QgsProcessingParameterString(
            "CONNECTION", self.tr("PostgreSQL connection (its name in QGIS, or a connection string)")))
        self.addParameter(QgsProcessingParameterString(
            "SCHEMA", self.tr("Schema of the work package (lower-case letters, digits, _)")))

    def connection(self, parameters, context):
        schema = self.parameterAsString(parameters, "SCHEMA", context)
        if not SCHEMA_NAME.match(schema or ""):
            raise QgsProcessingException(self.tr("{}: not a schema name (lower-case letter, then letters, digits "
                                                 "or _)").format(schema))
        try:
            return connect(self.parameterAsString(parameters, "CONNECTION", context)), schema
        except ConnectionError_ as exc:
            raise QgsProcessingException(user_text(exc)) from exc

    def on_server(self, parameters, context, work):
        """work(conn, schema) on a connection of its own, closed afterwards; every refusal as a message."""
        conn, schema = self.connection(parameters, context)
        try:
            return work(conn, schema)
        except (OfficeStoreError, PackageError, OSError) as exc:
            raise QgsProcessingException(user_text(exc)) from exc
        except Exception as exc:
            if not is_server_error(exc):
                raise
            # the server refused or went away: nothing was kept (one transaction)
            raise QgsProcessingException(QCoreApplication.translate("OfficeAlgorithm", "the database refused: {}")
                                         .format(first_line(exc))) from exc
        finally:
            conn.close()


class PublishWorkPackage(OfficeAlgorithm):
    def name(self):
        return "publish_work_package"

    def displayName(self):
        return self.tr("Publish a work package to the office database")

    def shortHelpString(self):
        return self.tr("Copies a GeoPackage work package into a new PostgreSQL/PostGIS schema: every table row for "
                       "row, the evidence files into the database (each checked against its sha256), and the "
                       "schema's roles (township, reviewer, admin) with row-level security. All or nothing; an "
                       "existing schema is never published over.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("PACKAGE", self.tr("Work package"), extension="gpkg"))
        self.add_connection()
        self.addOutput(QgsProcessingOutputNumber("PATCHES", self.tr("Patches")))
        self.addOutput(QgsProcessingOutputNumber("EVIDENCE_FILES", self.tr("Evidence files")))

    def processAlgorithm(self, parameters, context, feedback):
        package = self.parameterAsFile(parameters, "PACKAGE", context)
        counts = self.on_server(parameters, context, lambda conn, schema: publish_work_package(
            package, conn, schema, progress=feedback.setProgress))
        feedback.pushInfo(self.tr("{} patches, {} evidence files → schema {}").format(
            counts["patches"], counts["evidence_files"], self.parameterAsString(parameters, "SCHEMA", context)))
        return {"PATCHES": counts["patches"], "EVIDENCE_FILES": counts["evidence_files"]}


class ExportWorkPackage(OfficeAlgorithm):
    def name(self):
        return "export_work_package"

    def displayName(self):
        return self.tr("Take a work package back from the office database")

    def shortHelpString(self):
        return self.tr("Writes a GeoPackage work package from a PostgreSQL/PostGIS schema: every table row for row "
                       "and the evidence files beside it, each checked against its sha256. A file that exists is "
                       "never overwritten.")

    def initAlgorithm(self, config=None):
        self.add_connection()
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", self.tr("Work package"),
                                                                self.tr("GeoPackage (*.gpkg)")))
        self.addOutput(QgsProcessingOutputNumber("PATCHES", self.tr("Patches")))

    def processAlgorithm(self, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        counts = self.on_server(parameters, context, lambda conn, schema: export_work_package(conn, schema, out))
        return {"OUTPUT": out, "PATCHES": counts["patches"]}


class SetMember(OfficeAlgorithm):
    KINDS = ("township", "reviewer", "admin")

    def name(self):
        return "office_member"

    def displayName(self):
        return self.tr("Add or change a member of an office package")

    def shortHelpString(self):
        return self.tr("As the county's administrator: a login (made when it does not exist, which needs the right to "
                       "create roles) joins the package's township, reviewer or administrator role and is listed "
                       "with the name people read (and, for a township login, its townships, separated by ;). The "
                       "database writes that name wherever the login acts; a name typed anywhere else is a label "
                       "only. Every change is in the audit log.")

    def initAlgorithm(self, config=None):
        from qgis.core import QgsProcessingParameterEnum

        self.add_connection()
        self.addParameter(QgsProcessingParameterString("LOGIN", self.tr("Login (database role)")))
        self.addParameter(QgsProcessingParameterString("NAME", self.tr("Name people read (e.g. 五里镇 陈强)")))
        self.addParameter(QgsProcessingParameterEnum("ROLE", self.tr("Role"), options=list(self.KINDS),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterString("TOWNSHIPS", self.tr("Townships (a township login)"),
                                                       optional=True))

    def processAlgorithm(self, parameters, context, feedback):
        from ..store.office_members import add_member

        login = self.parameterAsString(parameters, "LOGIN", context).strip()
        name = self.parameterAsString(parameters, "NAME", context).strip()
        kind = self.KINDS[self.parameterAsEnum(parameters, "ROLE", context)]
        towns = [t for t in self.parameterAsString(parameters, "TOWNSHIPS", context).replace("；", ";").split(";")]

        def work(conn, schema):
            try:
                with conn, conn.cursor() as cur:
                    add_member(cur, schema, login, name, kind, towns)
            except ValueError as exc:
                raise QgsProcessingException(str(exc)) from exc
        self.on_server(parameters, context, work)
        return {}


class RenewProtections(OfficeAlgorithm):
    def name(self):
        return "office_renew_protections"

    def displayName(self):
        return self.tr("Renew the protections of an office package")

    def shortHelpString(self):
        return self.tr("As the owner of the package's schema (the county's administrator who published it): puts back "
                       "every trigger, row-level policy, function and right this version of the plugin sets, where "
                       "the package check names them missing or changed (a package published by an earlier version, "
                       "or changed outside the plugin). The rows are not touched. Every difference found is written "
                       "to the audit log with your login and the reason you give. A schema whose tables lack columns "
                       "this version needs is refused: take it back into a GeoPackage and publish that again.")

    def initAlgorithm(self, config=None):
        self.add_connection()
        self.addParameter(QgsProcessingParameterString("REASON", self.tr("Reason (written to the audit log)")))
        self.addOutput(QgsProcessingOutputNumber("FOUND", self.tr("Differences found and mended")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..core.messages import Bilingual
        from ..store.office_renewal import renew_protections

        reason = self.parameterAsString(parameters, "REASON", context)
        found = self.on_server(parameters, context, lambda conn, schema: renew_protections(conn, schema, reason))
        for problem in found:
            feedback.pushInfo(self.tr("mended: {}").format(user_text(Bilingual(getattr(problem, "zh", problem),
                                                                                str(problem)))))
        feedback.pushInfo(self.tr("{} differences mended; written to the audit log").format(len(found)) if found
                          else self.tr("Every protection is as this version sets it; nothing was written"))
        return {"FOUND": len(found)}

