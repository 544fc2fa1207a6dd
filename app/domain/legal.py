"""Legal references: the one place a chapter or section of a Swedish act is written.

Every label, PDF and CLI message that cites a rule asks this module
(``cite("osl_social_secrecy")`` gives the chapter and section of OSL) instead of
hard-coding the paragraph; ``resources/legal/references.json`` holds each entry's act,
chapter, section, a one-line description in both languages, the source it was checked
against and the date checked. A rule whose section in the new Socialtjänstlag
(SFS 2025:400) could not be checked is ``unverified``: it is cited by its topic and its
former section, never by an invented one. A test fails on the chapter abbreviation
anywhere else in code, resources or catalogs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.domain.options import LocalText
from app.resources import resource_path

VERIFIED = "verified"
#: ``basis`` values: the entry is a consent rule, or a provision allowing disclosure.
CONSENT = "consent"
PROVISION = "provision"


@cache
def _raw() -> dict[str, Any]:
    with resource_path("legal", "references.json").open(encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


def _text(pair: dict[str, str], lang: str | None) -> str:
    return LocalText(pair["sv"], pair["en"]).get(lang)


def _fmt(name: str, lang: str | None) -> str:
    return _text(_raw()["formats"][name], lang)


@dataclass(frozen=True)
class Act:
    key: str
    sfs: str
    short: LocalText
    name: LocalText


@dataclass(frozen=True)
class Reference:
    """One cited rule, as the references file states it."""

    key: str
    act: Act
    description: LocalText
    source: str
    checked: str
    verified: bool
    chapter: str = ""
    section: str = ""
    article: str = ""
    topic: LocalText | None = None
    former: dict[str, str] | None = None
    basis: str = ""
    note: str = ""

    def cite(self, lang: str | None = None, *, long: bool = False) -> str:
        """The citation as a caseworker writes it (chapter, section, the act's short name)."""
        parts = {"chapter": self.chapter, "section": self.section, "article": self.article,
                 "short": self.act.short.get(lang), "name": self.act.name.get(lang)}  # fmt: skip
        if self.article:
            return _fmt("article", lang).format(**parts)
        if self.chapter and self.section:
            many = "–" in self.section or "," in self.section
            form = "section_long" if long else ("sections" if many else "section")
            return _fmt(form, lang).format(**parts)
        if self.chapter:
            return _fmt("chapter", lang).format(**parts)
        if self.topic is None:
            return self.act.name.get(lang)
        text = _fmt("topic", lang).format(name=parts["name"], topic=self.topic.get(lang))
        extra = [_cite_former(self.former, lang)] if self.former else []
        if not self.verified:
            extra.append(_fmt("unchecked", lang))
        return f"{text} ({'; '.join(extra)})" if extra else text

    def describe(self, lang: str | None = None) -> str:
        """The citation and its one-line description."""
        return f"{self.cite(lang)}: {self.description.get(lang)}"


def _cite_former(former: dict[str, str], lang: str | None) -> str:
    act = _act(former["act"])
    return _fmt("former", lang).format(chapter=former["chapter"], section=former["section"],
                                       short=act.short.get(lang))  # fmt: skip


def _act(key: str) -> Act:
    raw = _raw()["acts"][key]
    return Act(key, raw["sfs"], LocalText(**raw["short"]), LocalText(**raw["name"]))


@cache
def reference(key: str) -> Reference:
    """The entry ``key``; a ``KeyError`` names a key the file does not have."""
    raw = _raw()["references"][key]
    topic = raw.get("topic")
    return Reference(
        key=key, act=_act(raw["act"]), description=LocalText(raw["sv"], raw["en"]),
        source=raw["source"], checked=raw.get("checked", _raw()["checked"]),
        verified=raw["status"] == VERIFIED, chapter=raw.get("chapter", ""),
        section=raw.get("section", ""), article=raw.get("article", ""),
        topic=LocalText(**topic) if topic else None, former=raw.get("former"),
        basis=raw.get("basis", ""), note=raw.get("note", ""),
    )  # fmt: skip


def cite(key: str, lang: str | None = None, *, long: bool = False) -> str:
    """Shorthand: the citation of entry ``key`` in the current (or given) language."""
    return reference(key).cite(lang, long=long)


def references() -> list[Reference]:
    return [reference(key) for key in _raw()["references"]]


def disclosure_provisions() -> list[Reference]:
    """Provisions Utväg offers as a basis for disclosure without consent (after a harm test)."""
    return [ref for ref in references() if ref.basis == PROVISION]


def checked_on() -> str:
    """The date the file as a whole was checked against its sources."""
    return str(_raw()["checked"])


def checked_note(lang: str | None = None) -> str:
    return _text(_raw()["checked_note"], lang)


__all__ = [
    "CONSENT",
    "PROVISION",
    "Act",
    "Reference",
    "checked_note",
    "checked_on",
    "cite",
    "disclosure_provisions",
    "reference",
    "references",
]
