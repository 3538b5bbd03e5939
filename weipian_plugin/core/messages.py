"""Messages the headless code gives users (refusals, errors, problems), in the language QGIS speaks.

The core and the store import no Qt, so they cannot translate. They say what they mean as a `Msg`: an English
template marked with QT_TRANSLATE_NOOP (which `make transup` extracts into i18n/*.ts) and its values. Where a
message reaches a person — a Processing error, the dock — `render(translate)` turns it into the user's language
with QCoreApplication.translate (weipian_plugin.language.user_text). `str()` of a message, as of an exception holding
one, is the English text: logs and tests read that.
"""
from __future__ import annotations

from typing import Callable, Optional

CONTEXT = "weipian"
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pylupdate looks for
    """Marks text for translation; the text itself is returned unchanged."""
    return text


class Msg:
    """An English template (marked with QT_TRANSLATE_NOOP) and the values of its {placeholders}; values may be
    messages themselves."""

    __slots__ = ("template", "args")

    def __init__(self, template: str, **args):
        self.template = template
        self.args = args

    def render(self, translate: Optional[Translate] = None) -> str:
        template = translate(CONTEXT, self.template) if translate else self.template
        values = {k: _message_of(v) for k, v in self.args.items()}
        values = {k: v.render(translate) if isinstance(v, Msg) else v for k, v in values.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that names another placeholder
            return self.template.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.template!r}, {self.args!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Msg) and (self.template, self.args) == (other.template, other.args)

    def __hash__(self) -> int:
        return hash(self.template)


class Joined(Msg):
    """Messages shown one after another ("a; b")."""

    __slots__ = ("parts",)

    def __init__(self, parts):
        super().__init__("")
        self.parts = list(parts)

    def render(self, translate: Optional[Translate] = None) -> str:
        separator = translate(CONTEXT, "; ") if translate else "; "
        return separator.join(render(p, translate) for p in self.parts)

    def __repr__(self) -> str:
        return f"Joined({self.parts!r})"

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __eq__(self, other) -> bool:
        return isinstance(other, Joined) and self.parts == other.parts

    def __hash__(self) -> int:
        return hash(tuple(map(str, self.parts)))


SEPARATOR = QT_TRANSLATE_NOOP("weipian", "; ")


# translated as the language of the translation in use ("zh"): how a Bilingual knows which text to show
LANGUAGE = QT_TRANSLATE_NOOP("weipian", "en")


class Bilingual(Msg):
    """A text the rules already state in both languages (a finding's message_zh and message_en)."""

    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def render(self, translate: Optional[Translate] = None) -> str:
        chinese = translate is not None and translate(CONTEXT, LANGUAGE) == "zh"
        return self.zh if chinese else self.en

    def __repr__(self) -> str:
        return f"Bilingual({self.zh!r}, {self.en!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Bilingual) and (self.zh, self.en) == (other.zh, other.en)

    def __hash__(self) -> int:
        return hash(self.en)


def _message_of(value):
    """An exception of this plugin carries its message as its argument: that message, to be translated."""
    if isinstance(value, BaseException) and value.args and isinstance(value.args[0], Msg):
        return value.args[0]
    return value


def render(value, translate: Optional[Translate] = None) -> str:
    """A message (or anything else) as text, translated where it is a message (also inside an exception)."""
    value = _message_of(value)
    return value.render(translate) if isinstance(value, Msg) else str(value)


def plain_data(value):
    """Data with every message turned into its English text (for JSON records: the package's import log)."""
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    return str(value) if isinstance(value, Msg) else value


class Problem(str):
    """A problem the integrity checks name: its English text (what logs, records and tests read) that also carries
    the Chinese the findings show (`zh`). `renewable`: a protection of an office package that its administrator can
    put back in place (store.office_renewal)."""

    zh: str
    renewable: bool

    def __new__(cls, en: str, zh: str, renewable: bool = False):
        obj = super().__new__(cls, en)
        obj.zh, obj.renewable = zh, renewable
        return obj
