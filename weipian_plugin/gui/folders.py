"""The folder each file dialog starts in: the one the user last chose files from for that purpose (packages,
return packages, photos, documents), remembered in QGIS' settings; the user's home the first time."""
from __future__ import annotations

import os

from qgis.core import QgsSettings

KEY = "weipian/last_folder/{}"


def last_folder(purpose: str) -> str:
    folder = str(QgsSettings().value(KEY.format(purpose), "") or "")
    return folder if folder and os.path.isdir(folder) else os.path.expanduser("~")


def remember_folder(purpose: str, path: str) -> None:
    """The folder of `path` (a file), or `path` itself (a folder), for the next dialog of this purpose."""
    if path:
        folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        QgsSettings().setValue(KEY.format(purpose), folder)
