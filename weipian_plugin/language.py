"""The user's language: which translation QGIS' own language choice asks for, and messages rendered in it.

QGIS writes its language as `locale/userLocale`: 'zh-Hans' from its Options list, 'zh_CN', 'zh-CN', 'zh' or
another locale; every Chinese one gives the plugin's zh_CN translation, anything else English. The setting is
only read, never written back.
"""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

from .core.messages import Msg, render
from .paths import i18n_dir

TRANSLATIONS = {"zh": "zh_CN"}  # language → the .qm that serves it


def translation_for(locale: str) -> Optional[str]:
    """The plugin's translation for a QGIS locale value ('zh-Hans' → 'zh_CN'), or None for English."""
    language = (locale or "").replace("-", "_").split("_")[0].lower()
    return TRANSLATIONS.get(language)


def user_locale() -> str:
    """QGIS' language choice; a child process run by the dock is told its parent's in WEIPIAN_LOCALE (it may not
    read the same QGIS profile)."""
    return os.environ.get("WEIPIAN_LOCALE") or str(QgsSettings().value("locale/userLocale", "") or "")


def qm_path() -> Optional[str]:
    name = translation_for(user_locale())
    path = os.path.join(i18n_dir(), f"weipian_{name}.qm") if name else None
    return path if path and os.path.exists(path) else None


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def user_text(value) -> str:
    """An exception, a message or anything else as the user reads it, in the language QGIS speaks. Bytes of a
    file name that are no UTF-8 (carried as surrogates) show as �, so the text survives its way into Qt."""
    if hasattr(value, "render") and callable(value.render) and not isinstance(value, Msg):
        text = value.render(_translate)  # ManifestError, GateRefused: the source and every problem
    else:
        text = render(value, _translate)  # a message, also inside an exception of the plugin
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def install_translator():
    """Load the plugin's translation for QGIS' language (zh-Hans, zh_CN, zh-CN, zh … all give zh_CN); returns
    the translator (or None) to remove later. QGIS' setting is only read."""
    path = qm_path()
    if path:
        from qgis.PyQt.QtCore import QTranslator

        translator = QTranslator()
        if translator.load(path):
            QCoreApplication.installTranslator(translator)
            return translator
    return None


def install_qt_translator():
    """Qt's own words (buttons, file dialogs) in the user's language where QGIS has not loaded them: QGIS asks Qt
    for 'qt_zh-Hans' when set to 简体中文 from its list, which Qt does not have. Returns the translator (or None)
    to remove later."""
    name = translation_for(user_locale())
    if not name:
        return None
    from qgis.PyQt.QtCore import QLibraryInfo, QTranslator

    probe = ("QPlatformTheme", "Cancel")  # Qt's own context (not one of the plugin's strings to translate)
    if QCoreApplication.translate(*probe) != probe[1]:
        return None  # QGIS (or Qt) speaks it already
    translator = QTranslator()
    # Qt 5: location(LibraryLocation.…); Qt 6: path(LibraryPath.…)
    where = next(getattr(QLibraryInfo, n) for n in ("location", "path") if hasattr(QLibraryInfo, n))
    kinds = next(getattr(QLibraryInfo, n) for n in ("LibraryLocation", "LibraryPath") if hasattr(QLibraryInfo, n))
    folder = where(kinds.TranslationsPath)
    if translator.load(f"qtbase_{name}", folder):
        QCoreApplication.installTranslator(translator)
        return translator
    return None
