"""Runtime language switch for the Qt side.

All visible text comes from ``app.i18n._`` (one catalog for core and UI). Qt's own
``qtbase_<lang>.qm`` is loaded as well so standard dialog buttons follow the language.
Widgets call :func:`bind` with their ``retranslate`` method; a switch calls every bound
method again, so windows that are open change language at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from app import i18n


class Language(QObject):
    changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._translator: QTranslator | None = None

    def apply(self, lang: str) -> None:
        i18n.set_language(lang)
        QLocale.setDefault(calendar_locale())  # date edits and calendars created from now on
        app = QCoreApplication.instance()
        if app is not None:
            if self._translator is not None:
                app.removeTranslator(self._translator)
                self._translator = None
            translator = QTranslator(self)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{lang}", folder):
                app.installTranslator(translator)
                self._translator = translator
        self.changed.emit(lang)


_language = Language()


def language() -> Language:
    return _language


def calendar_locale() -> QLocale:
    """The locale of calendars and date fields: Swedish (sv_SE), or English in English
    (ISO weeks starting on Monday either way)."""
    return QLocale("en_SE" if i18n.language() == "en" else "sv_SE")


def bind(retranslate: Callable[[], object]) -> None:
    """Call ``retranslate`` now and after every language switch.

    ``retranslate`` must be a method of a QObject, so the connection ends with it.
    """
    retranslate()
    _language.changed.connect(retranslate)
