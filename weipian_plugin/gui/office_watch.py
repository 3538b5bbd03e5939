"""Hearing the office store live: a LISTEN connection watched by Qt's event loop (a socket notifier, no thread,
no polling), turning each committed change into a signal with the patch code. The dock's view of a PostGIS
package follows other desks with it."""
from __future__ import annotations

from qgis.PyQt.QtCore import QObject, QSocketNotifier, pyqtSignal

from ..store.office_package import listen, poll_heard


class OfficeWatch(QObject):
    changed = pyqtSignal(str)  # a patch code, once its change is committed
    lost = pyqtSignal()  # the listening connection broke (a server restart): the owner reconnects

    def __init__(self, connect, schema: str, parent=None):
        """connect: a function giving a new psycopg2 connection (the same credentials as the package's)."""
        super().__init__(parent)
        self._connect, self.schema = connect, schema
        self.conn = None
        self.notifier = None
        self.start()

    def start(self) -> None:
        self.stop()
        self.conn = self._connect()
        listen(self.conn, self.schema)
        self.notifier = QSocketNotifier(self.conn.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._ready)

    def stop(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.conn is not None and not self.conn.closed:
            self.conn.close()
        self.conn = None

    def _ready(self, *_):
        if self.conn is None:  # stopped while a notice was on its way
            return
        codes = poll_heard(self.conn)
        if codes is None:  # the connection broke
            self.stop()
            self.lost.emit()
            return
        for code in codes:
            self.changed.emit(code)
