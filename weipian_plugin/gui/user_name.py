"""Who works at this desk: the name a GeoPackage records with every verification, review and record (on the
office server the database login decides; the name is a label there). Asked for the first time it is needed, in
a small dialog, and remembered; a change in the options reaches the open docks at once."""
from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QInputDialog, QLineEdit

from ..settings import Settings


class SettingsNotifier(QObject):
    changed = pyqtSignal()  # the settings were changed (the options page, the name dialog)


_NOTIFIER = []


def notifier() -> SettingsNotifier:
    if not _NOTIFIER:
        _NOTIFIER.append(SettingsNotifier())
    return _NOTIFIER[0]


def ask_user_name(parent=None) -> str:
    """The user's name: the one set, or asked for now (remembered, the open docks told); '' when declined."""
    s = Settings.load()
    if s.user_name.strip():
        return s.user_name.strip()
    dialog = QInputDialog(parent)
    dialog.setObjectName("user_name_dialog")
    dialog.setWindowTitle(QCoreApplication.translate("UserName", "Your name"))
    dialog.setLabelText(QCoreApplication.translate(
        "UserName", "Every verification and review is recorded with the name of who made it (for example 五里镇 陈强). "
                    "Your name:"))
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.textValue().strip():
        return ""
    s.user_name = dialog.textValue().strip()
    s.save("user_name")
    notifier().changed.emit()
    return s.user_name


def need_name(panel, attr: str = "user") -> bool:
    """The panel's user name, asked for now when it has none (the dialog's answer is remembered and every open
    dock told); False when the user declined: nothing is saved."""
    if (getattr(panel, attr) or "").strip():
        return True
    setattr(panel, attr, ask_user_name(panel))
    return bool(getattr(panel, attr))
