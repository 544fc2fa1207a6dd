"""Enumerations whose members carry a Swedish label (translated by ``app.i18n``).

Every option a caseworker picks is a :class:`Labelled` member: the value is the stable
key stored in the vault, :attr:`Labelled.label` the text in the current language.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import _, catalog

# Keyed by (enum type, value): StrEnum members hash like their string value, so
# members of different enums with the same key would otherwise collide.
_LABELS: dict[tuple[type, str], str] = {}


class Labelled(StrEnum):
    """A stored key with a Swedish source label."""

    @property
    def label(self) -> str:
        return _(_LABELS[type(self), self.value])

    @property
    def label_sv(self) -> str:
        return _LABELS[type(self), self.value]

    @property
    def label_en(self) -> str:
        source = _LABELS[type(self), self.value]
        return catalog("en").get(source, source)


def register_labels(labels: dict[StrEnum, str]) -> None:
    """Attach Swedish labels (wrap each in ``N_`` at the call site). Call once per enum:
    a dict literal mixing enums would merge members that share a value."""
    _LABELS.update({(type(m), m.value): text for m, text in labels.items()})


def unlabelled(enum_type: type[StrEnum]) -> list[StrEnum]:
    """Members that lack a label; a test keeps this empty."""
    return [m for m in enum_type if (enum_type, m.value) not in _LABELS]


__all__ = ["Labelled", "LocalText", "register_labels", "unlabelled"]


class LocalText:
    """A text given in both languages by a definition file (forms, stage models)."""

    __slots__ = ("en", "sv")

    def __init__(self, sv: str, en: str) -> None:
        self.sv = sv
        self.en = en

    def get(self, lang: str | None = None) -> str:
        from app.i18n import language

        return self.en if (lang or language()) == "en" else self.sv

    def __repr__(self) -> str:
        return f"LocalText({self.sv!r}, {self.en!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalText) and (self.sv, self.en) == (other.sv, other.en)

    def __hash__(self) -> int:
        return hash((self.sv, self.en))
