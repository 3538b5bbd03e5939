"""The question asked on a sender's first package: the fingerprint of its key, as the sender reads it out on the
phone (or as printed on the official letter), typed in by the receiver (services.signatures)."""
from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QInputDialog, QLineEdit

from ..language import user_text
from ..services.signatures import party_label


def confirm_sender_key(parent, exc) -> Optional[str]:
    """The fingerprint the user typed after confirming it with the sender, or None when they gave up."""
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("KeyDialog", "First package from this sender"),
        QCoreApplication.translate(
            "KeyDialog", "This is the first package from {sender}. Call them (or take the official letter) and type "
                         "the key fingerprint they read out to you (30 digits).\nThis package's key fingerprint "
                         "is:\n{fingerprint}").format(sender=user_text(party_label(exc.party)),
                                                      fingerprint=exc.fingerprint),
        QLineEdit.EchoMode.Normal, "")
    return text.strip() if ok and text.strip() else None
