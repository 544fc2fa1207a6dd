"""Blacking out protected names inside case text (journal entries, free-text fields)
until the user reveals the identity, the way the store's search does in snippets."""

from __future__ import annotations

from app.store import Store, search


def hidden_words(store: Store, case_id: int) -> tuple[str, ...]:
    """Name words of the case's protected people who are not revealed."""
    return store.hidden_words(case_id)


def black_out(text: str, words: tuple[str, ...]) -> str:
    return search.black_out(text, words) if words else text


__all__ = ["black_out", "hidden_words"]
