"""Which package the dock shows, and how it follows it. Opening: a work package file, an assignment zip (its
hashes verified, unpacked beside it, the county's key confirmed by phone on the first one), or a package on the
county office's server; the recent list. Following: another connection's commit to a file (SQLite's
data_version, polled every 1.5 s) or another desk's on the server (its notifications) arrive as signals."""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication, QObject, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from ..core.manifest import ManifestError
from ..core.profile import ProfileError, load_profile
from ..core.signing import confirmed_set
from ..language import user_text
from ..services.assignment_packages import open_assignment_package
from ..services.signatures import SenderUnknown
from ..settings import Settings
from ..store.keys import KeyStoreError
from ..store.work_package import PackageError, WorkPackage
from .key_dialog import confirm_sender_key


class PackageSession(QObject):
    opened = pyqtSignal(object, object, object)  # the package, its profile, the map's layer sources (or None)
    reload = pyqtSignal()  # the package changed elsewhere: show it as it is now
    patch_changed = pyqtSignal(str)  # another desk committed a change to this patch
    message = pyqtSignal(str, object)  # text, Qgis.MessageLevel

    def __init__(self, widget, parent=None):
        """widget: where dialogs open (the dock)."""
        super().__init__(parent)
        self.widget = widget
        self.office_watch = None  # an office package: other desks' changes as they are committed
        self.office_connection = None  # its connection (a QGIS connection name or a libpq string)
        self.office_dialog = None
        self.wp = None
        self._data_version: Optional[int] = None
        self._timer = QTimer(self)  # changes committed by other connections show within 1.5 s
        self._timer.setInterval(1500)
        self._timer.timeout.connect(self._poll)

    def tr(self, text):
        return QCoreApplication.translate("PackageSession", text)

    @property
    def settings(self) -> Settings:
        return Settings.load()  # as they are now

    # -- opening ---------------------------------------------------------------------------------------------------
    def fill_recent(self, menu) -> None:
        menu.clear()
        office = menu.addAction(self.tr("Open from the office server (PostgreSQL/PostGIS)…"))
        office.setObjectName("open_office")
        office.triggered.connect(lambda _c=False: self.choose_office())
        menu.addSeparator()
        from ..store.open_store import parse_office

        for path in self.settings.recent():
            try:
                office = parse_office(path)
            except PackageError:
                continue
            if office is not None:  # a package on the office server: its schema and the connection's name
                act = menu.addAction(self.tr("{} on {} (office server)").format(office[1], office[0]))
                act.triggered.connect(lambda _c=False, o=office: self.open_office(*o))
                continue
            act = menu.addAction(path)
            act.setEnabled(os.path.exists(path))
            act.triggered.connect(lambda _c=False, p=path: self.open_file(p))
        if not self.settings.recent():
            menu.addAction(self.tr("(no recent packages)")).setEnabled(False)

    def choose_file(self) -> None:
        from .folders import last_folder, remember_folder

        path, _ = QFileDialog.getOpenFileName(self.widget, self.tr("Open work package"), last_folder("packages"),
                                              self.tr("Work package or assignment package (*.gpkg *.zip)"))
        if path:
            remember_folder("packages", path)
            self.open_file(path)

    def open_file(self, path: str) -> bool:
        """A work package (.gpkg), or an assignment package (.zip): its hashes are verified, it is unpacked into a
        folder beside it (or the work already unpacked there is continued) and that package opened."""
        if path.lower().endswith(".zip"):
            path = self._unpack(path)
            if path is None:
                return False
        try:
            wp = WorkPackage.open(path)
            profile = self.settings.apply_to(load_profile(wp.meta("profile") or None))
        except (PackageError, ProfileError) as exc:
            self.message.emit(user_text(exc), Qgis.MessageLevel.Critical)
            return False
        self.settings.remember(wp.path)
        self.office_connection = None
        self.opened.emit(wp, profile, None)
        self._warn_if_temporary(wp.path)
        return True

    def _warn_if_temporary(self, path: str) -> None:
        """A package in the system's temporary folder can be wiped by a restart or a clean-up, and QGIS calls its
        layers temporary when it quits: said once, with where to keep it instead."""
        from qgis.PyQt.QtCore import QStandardPaths

        for temp in QStandardPaths.standardLocations(QStandardPaths.StandardLocation.TempLocation):
            if temp and os.path.abspath(path).startswith(os.path.join(os.path.abspath(temp), "")):
                self.message.emit(self.tr("This work package is in the system's temporary folder ({}): a restart or "
                                          "a clean-up may delete it. Move it (with its evidence folder) to your "
                                          "documents and open it there.").format(temp), Qgis.MessageLevel.Warning)
                return

    def open_from_project(self, open_now: Optional[str] = None) -> bool:
        """Open the work package behind a layer of the current project, if there is one (not the one open now)."""
        from qgis.core import QgsProject

        for layer in QgsProject.instance().mapLayers().values():
            path = layer.customProperty("weipian/package") or layer.source().split("|")[0]
            if not path.lower().endswith(".gpkg") or (open_now and os.path.abspath(path) == open_now):
                continue
            try:
                WorkPackage.open(path).close()
            except PackageError:
                continue
            return self.open_file(path)
        return False

    def _unpack(self, path: str) -> Optional[str]:
        confirmed = []
        while True:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                return open_assignment_package(path, confirmed=confirmed, actor=self.settings.user_name)
            except SenderUnknown as exc:  # the county's first package: its key confirmed by phone, once
                QApplication.restoreOverrideCursor()
                typed = confirm_sender_key(self.widget, exc)
                if not typed:
                    self.message.emit(user_text(exc), Qgis.MessageLevel.Warning)
                    return None
                confirmed = [typed]
                if exc.fingerprint not in confirmed_set(confirmed):
                    self.message.emit(self.tr("The fingerprint you typed is not the package's key: the package is "
                                              "not from the county, or was changed. It was not opened."),
                                      Qgis.MessageLevel.Critical)
                    return None
            except (ManifestError, PackageError, KeyStoreError, OSError) as exc:
                self.message.emit(user_text(exc), Qgis.MessageLevel.Critical)
                return None
            finally:
                if QApplication.overrideCursor() is not None:
                    QApplication.restoreOverrideCursor()

    def open_office(self, connection: str, schema: str) -> bool:
        """A work package kept on the county office's PostgreSQL/PostGIS server: `connection` is the name of a
        PostgreSQL connection saved in QGIS (its credentials from QGIS' authentication database) or a libpq
        connection string. Other desks' changes show as they are committed."""
        from ..store.open_store import open_office
        from ..store.pg_connect import ConnectionError_, first_line, safe_label
        from .layers import office_sources

        try:
            wp = open_office(connection, schema)
            profile = self.settings.apply_to(load_profile(wp.meta("profile") or None))
        except (ConnectionError_, PackageError, ProfileError, ValueError) as exc:
            self.message.emit(user_text(exc), Qgis.MessageLevel.Critical)
            return False
        except Exception as exc:  # the database: a missing schema, a refused login
            self.message.emit(self.tr("{}/{}: {}").format(safe_label(connection), schema, first_line(exc)),
                              Qgis.MessageLevel.Critical)
            return False
        self.office_connection = connection
        self._remember_office(connection, schema)
        self.opened.emit(wp, profile, office_sources(connection, schema))
        return True

    def _remember_office(self, connection: str, schema: str) -> None:
        """Into the recent list: a saved QGIS connection's name (its credentials stay in QGIS' authentication
        database), or a connection string that holds no password; never a password."""
        from ..store.open_store import office_spec
        from ..store.pg_connect import safe_label

        spec = office_spec(connection, schema)
        if safe_label(connection) == connection and "|" not in spec:
            self.settings.remember(spec)

    def choose_office(self):
        """The saved PostgreSQL connections and the work packages each holds; OK opens the chosen one."""
        from .office_open import OfficeOpenDialog

        self.office_dialog = OfficeOpenDialog(self.widget)
        self.office_dialog.accepted.connect(self._office_chosen)
        self.office_dialog.open()
        return self.office_dialog

    def _office_chosen(self) -> None:
        choice = self.office_dialog.choice()
        if choice:
            self.open_office(*choice)

    # -- following -----------------------------------------------------------------------------------------------
    def follow(self, wp) -> None:
        """Hear the changes made to this package elsewhere from now on."""
        self.stop()
        self.wp = wp
        if self.office_connection is not None and not isinstance(wp, WorkPackage):
            from ..store.pg_connect import connect
            from .office_watch import OfficeWatch

            connection = self.office_connection
            self.office_watch = OfficeWatch(lambda: connect(connection), wp.schema, self)
            self.office_watch.changed.connect(self.patch_changed)
            self.office_watch.lost.connect(self._office_lost)
        self.seen()
        self._timer.start()

    def seen(self) -> None:
        """What the package holds now is shown (the dock's own writes are not news)."""
        self._data_version = self.wp.data_version() if isinstance(self.wp, WorkPackage) else None

    def stop(self, closed: bool = False) -> None:
        """No package followed any more; closed: nor the office connection it came by."""
        self._timer.stop()
        if closed:
            self.office_connection = None
        if self.office_watch is not None:
            self.office_watch.stop()
            self.office_watch.deleteLater()
            self.office_watch = None
        self.wp = None

    def _poll(self) -> None:
        if not isinstance(self.wp, WorkPackage):
            return
        version = self.wp.data_version()
        if version is not None and version != self._data_version:
            self._data_version = version
            self.reload.emit()

    def _office_lost(self) -> None:
        self.message.emit(self.tr("The office server connection broke; listening again for other desks' changes"),
                          Qgis.MessageLevel.Warning)
        try:
            self.office_watch.start()
            self.reload.emit()
        except Exception:  # still down: the next step says so
            pass

    def package_spec(self, for_child: bool = False) -> str:
        """How an algorithm names the open package: a GeoPackage's path, or office:<schema>@<connection>. For a
        child process, which has no unlocked QGIS authentication database, the connection goes resolved (its
        password travels only through the child's stdin, never into a file, a setting or its command line)."""
        if isinstance(self.wp, WorkPackage):
            return self.wp.path
        from ..store.open_store import office_spec
        from ..store.pg_connect import resolved_dsn

        connection = resolved_dsn(self.office_connection) if for_child else self.office_connection
        return office_spec(connection, self.wp.schema)
