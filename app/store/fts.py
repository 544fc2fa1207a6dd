"""The journal's full-text index as search reads it: the user's words as an FTS5
expression, and the newest matching revisions under the search's filters.

Every query runs newest first and stops: FTS5 walks a doclist backwards from the
newest row id (row ids rise with time) and ``LIMIT`` ends the walk, so a word in half
of a million entries costs no more than a rare one. A half-typed last word of 2-4
letters is one doclist of the prefix index (schema 9, ``prefix='2 3 4'``); a longer
one is expanded to the whole words of the index that start with it (``journal_terms``,
an fts5vocab view), because FTS5 answers a prefix longer than its prefix indexes by
merging every matching doclist in full before it returns the first row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.store.ranking import TOKEN, Terms

#: Prefix lengths the index keeps (the migration's ``prefix='2 3 4'``).
PREFIX_LENGTHS = (2, 3, 4)
#: A last word shorter than this is searched as a whole word.
MIN_PREFIX = 2
#: A longer prefix that starts more index words than this falls back to FTS5's own
#: prefix query (correct, only slower).
MAX_EXPANSION = 300
_NEWEST = """
SELECT f.rowid FROM journal_fts f{joins}
WHERE journal_fts MATCH ?{where}
ORDER BY f.rowid DESC LIMIT ?
"""
_JOINS = " JOIN journal_revisions r ON r.id = f.rowid JOIN journal_entries e ON e.id = r.entry_id"


def terms_of(text: str, prefix: bool) -> Terms:
    """The query words (case-folded); with ``prefix`` the last word may be the start
    of a longer word, if it is long enough to be worth it."""
    words = tuple(TOKEN.findall(text.casefold()))
    return Terms(words, prefix and bool(words) and len(words[-1]) >= MIN_PREFIX)


def expression(conn: Any, terms: Terms) -> str | None:
    """The FTS5 expression for ``terms``; ``None`` when nothing can match (a prefix
    that starts no word of the index)."""
    if not terms.words:
        return None
    parts = [_quote(w) for w in terms.words]
    last = terms.words[-1]
    if terms.last_is_prefix and len(last) <= max(PREFIX_LENGTHS):
        parts[-1] += "*"
    elif terms.last_is_prefix:
        words = expand(conn, last)
        if not words:
            return None
        parts[-1] = (
            "(" + " OR ".join(_quote(w) for w in words) + ")"
            if len(words) <= MAX_EXPANSION
            else parts[-1] + "*"
        )
    return " AND ".join(parts)


def expand(conn: Any, prefix: str) -> list[str]:
    """The index's words that start with ``prefix`` (at most ``MAX_EXPANSION`` + 1)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    rows = conn.execute(
        "SELECT term FROM journal_terms WHERE term >= ? AND term < ? LIMIT ?",
        (prefix, upper, MAX_EXPANSION + 1),
    ).fetchall()
    return [str(r[0]) for r in rows if str(r[0]).startswith(prefix)]


def newest(
    conn: Any, match: str, limit: int, *, case_id: int | None = None,
    period: tuple[str | None, str | None] = (None, None), excluded: Sequence[int] = (),
) -> list[int]:  # fmt: skip
    """Revision ids of the newest ``limit`` current revisions that match, newest
    first, in ``case_id`` and the period (entry dates, inclusive) if given, never in
    an ``excluded`` case."""
    where: list[str] = []
    args: list[object] = [match]
    if case_id is not None:
        where.append("e.case_id = ?")
        args.append(case_id)
    start, until = period
    if start:
        where.append("substr(e.occurred, 1, 10) >= ?")
        args.append(start)
    if until:
        where.append("substr(e.occurred, 1, 10) <= ?")
        args.append(until)
    if excluded:
        where.append(f"e.case_id NOT IN ({','.join('?' * len(excluded))})")
        args += list(excluded)
    sql = _NEWEST.format(joins=_JOINS if where else "", where="".join(f" AND {w}" for w in where))
    return [int(r[0]) for r in conn.execute(sql, [*args, limit]).fetchall()]


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


__all__ = ["MIN_PREFIX", "PREFIX_LENGTHS", "expand", "expression", "newest", "terms_of"]
