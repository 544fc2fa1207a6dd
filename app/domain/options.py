"""Enumerations whose members carry a Swedish label (translated by ``app.i18n``).

Every option a caseworker picks is a :class:`Labelled` member: the value is the stable
key stored in the vault, :attr:`Labelled.label` the text in the current language.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import _, catalog

_LABELS: dict[StrEnum, str] = {}


class Labelled(StrEnum):
    """A stored key with a Swedish source label."""

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def label_sv(self) -> str:
        return _LABELS[self]

    @property
    def label_en(self) -> str:
        return catalog("en").get(_LABELS[self], _LABELS[self])


def register_labels(labels: dict[StrEnum, str]) -> None:
    """Attach Swedish labels (wrap each in ``N_`` at the call site)."""
    _LABELS.update(labels)


def unlabelled(enum_type: type[StrEnum]) -> list[StrEnum]:
    """Members that lack a label; a test keeps this empty."""
    return [member for member in enum_type if member not in _LABELS]


__all__ = ["Labelled", "register_labels", "unlabelled"]
