"""The journal's full-text index as search reads it: the user's words as an FTS5
expression, and the newest matching revisions under the search's filters.

Newest first: the walk takes windows of row ids from the newest back (row ids rise with
time), reads each forwards (a seek through FTS5's doclist index), widens them while they
hold few matches and stops as soon as it has enough, so each step costs the matches of
one window, with or without a filter (at 100,000 and 400,000 entries this costs about
the same CPU time as FTS5's own backward walk, ``ORDER BY rowid DESC``, median 4-5 ms to
the 1,001 newest matches of a typed prefix). A half-typed last word of 2-4 letters is
one doclist of the prefix index (schema 9, ``prefix='2 3 4'``); a longer one is expanded
to the whole words of the index that start with it (``journal_terms``, an fts5vocab
view), because FTS5 answers a prefix longer than its prefix indexes by merging every
matching doclist in full before it returns the first row.
"""

from __future__ import annotations

import re
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
#: A case with at most this many entries is searched in its own texts when the word is
#: common (about 3 ms per 100 entries).
CASE_SCAN = 3_000
#: The first window of row ids the walk reads, and the widest it grows to.
FIRST_WINDOW, MAX_WINDOW = 4_096, 65_536
_WINDOW = """
SELECT f.rowid FROM journal_fts f{joins}
WHERE journal_fts MATCH ? AND f.rowid BETWEEN ? AND ?{where}
ORDER BY f.rowid
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
    upper = prefix[:-1] + chr(min(ord(prefix[-1]) + 1, 0x10FFFF))
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
    where, args = _filters(case_id, period, excluded)
    sql = _WINDOW.format(joins=_JOINS if where else "", where=where)
    top = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_revisions").fetchone()[0])
    found: list[int] = []
    width = FIRST_WINDOW
    while top > 0 and len(found) < limit:
        low = max(1, top - width + 1)
        rows = conn.execute(sql, [match, low, top, *args]).fetchall()
        found += [int(r[0]) for r in reversed(rows)]
        top, width = low - 1, min(MAX_WINDOW, width * 4)
    return found[:limit]


def matching(
    conn: Any, terms: Terms, match: str, limit: int, *, case_id: int | None = None,
    period: tuple[str | None, str | None] = (None, None), excluded: Sequence[int] = (),
) -> list[int]:  # fmt: skip
    """Like :func:`newest`, choosing the cheap way under a filter: a word with few
    matches in the whole journal is found unfiltered and the matches filtered; a common
    one in a case of at most ``CASE_SCAN`` entries is looked for in that case's texts
    (every join on a walk over a common word's matches would cost seconds at a million
    entries); otherwise the filtered walk."""
    if case_id is None and period == (None, None):
        return newest(conn, match, limit, excluded=excluded)
    everything = newest(conn, match, limit + 1)
    if len(everything) <= limit:
        return _kept(conn, everything, case_id, period, excluded)
    if case_id is not None and case_id in excluded:
        return []
    if case_id is not None:
        size = conn.execute("SELECT count(*) FROM journal_entries WHERE case_id = ?", (case_id,))
        if int(size.fetchone()[0]) <= CASE_SCAN:
            return _in_case(conn, terms, case_id, period)[:limit]
    return newest(conn, match, limit, case_id=case_id, period=period, excluded=excluded)


def _kept(
    conn: Any, ids: list[int], case_id: int | None, period: tuple[str | None, str | None],
    excluded: Sequence[int],
) -> list[int]:  # fmt: skip
    """Those of ``ids`` (revision ids) that pass the filters, newest first."""
    if not ids:
        return []
    where, args = _filters(case_id, period, excluded)
    rows = conn.execute(
        f"SELECT r.id FROM journal_revisions r JOIN journal_entries e ON e.id = r.entry_id"  # noqa: S608 (placeholders and fixed conditions)
        f" WHERE r.id IN ({','.join('?' * len(ids))}){where} ORDER BY r.id DESC",
        [*ids, *args],
    )
    return [int(r[0]) for r in rows]


def _in_case(
    conn: Any, terms: Terms, case_id: int, period: tuple[str | None, str | None]
) -> list[int]:
    """The case's indexed revisions (each entry's current one) whose text has every
    word (the last as a prefix when typed so), newest first: the index's own rule,
    applied to the case's texts."""
    where, args = _filters(None, period, ())
    rows = conn.execute(
        "SELECT r.id, r.text FROM journal_entries e JOIN journal_revisions r"  # noqa: S608 (fixed conditions)
        " ON r.entry_id = e.id WHERE e.case_id = ? AND r.rev ="
        f" (SELECT max(x.rev) FROM journal_revisions x WHERE x.entry_id = e.id){where}"
        " ORDER BY r.id DESC",
        [case_id, *args],
    )
    # One search per word over the folded text: the words TOKEN finds, whole but for
    # a last word typed half-way.
    tail = [r"(?!\w)"] * (len(terms.words) - 1) + ["" if terms.last_is_prefix else r"(?!\w)"]
    patterns = [
        re.compile(rf"(?<!\w){re.escape(w)}{end}") for w, end in zip(terms.words, tail, strict=True)
    ]
    return [
        int(rev_id) for rev_id, text in rows
        if all(p.search(folded) for folded in (text.casefold(),) for p in patterns)
    ]  # fmt: skip


def _filters(
    case_id: int | None, period: tuple[str | None, str | None], excluded: Sequence[int]
) -> tuple[str, list[object]]:
    """The filters as SQL conditions on the entry (``e``) and their values."""
    where: list[str] = []
    args: list[object] = []
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
    return "".join(f" AND {w}" for w in where), args


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


__all__ = ["MIN_PREFIX", "PREFIX_LENGTHS", "expand", "expression", "matching", "newest", "terms_of"]
