"""Blacking out protected names inside case text (journal entries, free-text fields)
until the user reveals the identity, the way the store's search does in snippets.

The store has no public verb for this yet, so this module is the one place that uses
the search's own helpers; replace :func:`hidden_words` with the store verb when it
lands (reported to the case-file core engineer).
"""

from __future__ import annotations

from app.store import Store
from app.store.search import _black_out


def hidden_words(store: Store, case_id: int) -> tuple[str, ...]:
    """Name words of the case's protected people who are not revealed."""
    with store._read() as conn:
        return store._hidden_words(conn, {case_id}).get(case_id, ())


def black_out(text: str, words: tuple[str, ...]) -> str:
    return _black_out(text, words) if words else text


__all__ = ["black_out", "hidden_words"]
