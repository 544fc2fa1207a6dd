"""Full-text search over journal text (SQLite FTS5) plus case references and names.

Ranking is bounded (design §4b): FTS5's bm25 over every match of a very common word
takes seconds at a million entries, so we first find the newest ``CANDIDATES`` matches
of the whole words by rowid (cheap: FTS5 walks the doclist backwards and stops), then
rank only those in Python (:mod:`app.store.ranking`). A word typed half-way (prefix)
is looked up among the newest ``PREFIX_WINDOW`` entries only: FTS5 merges the doclists
of every word with that prefix, which over the whole journal takes seconds.

Masking: a protected person's name is never matched by the name search and never shown
in a snippet unless revealed in this session; words of protected names inside journal
text are blacked out in the snippet.
"""

from __future__ import annotations

import re
from typing import Any

from app.changes import Area
from app.domain.kinds import masked_name
from app.errors import ValidationError
from app.i18n import N_
from app.store.base import StoreBase
from app.store.ranking import TOKEN as _TOKEN
from app.store.ranking import Terms, bm25_order, idf, snippet
from app.store.records import SearchHit

#: What a search reads: journal text, case references and people's (shown) names.
SEARCH_AREAS = frozenset({Area.JOURNAL, Area.CASE, Area.PERSON})
CANDIDATES = 200
#: Longer queries are refused: every word is an FTS5 term and a pasted page of text
#: would take the search tens of seconds (the GUI's search box stops at this length).
MAX_QUERY_CHARS = 200
PREFIX_WINDOW = 50_000
_HIT_SQL = """
SELECT r.id, e.id, e.occurred, c.id, c.ref, p.id, p.display_name, p.protected_level
FROM journal_revisions r JOIN journal_entries e ON e.id = r.entry_id
JOIN cases c ON c.id = e.case_id JOIN persons p ON p.id = c.person_id
WHERE r.id IN ({marks})
"""


def fts_query(text: str, prefix: bool = False) -> str | None:
    """The user's words as an FTS5 query: every word must occur. With ``prefix`` the
    last word may also be the start of a longer word (search while typing); ``None``
    when there is nothing to search for, or no prefix query worth running. Operators
    are never exposed."""
    words = _TOKEN.findall(text.casefold())
    if not words or (prefix and len(words[-1]) < 3):
        return None
    quoted = [f'"{w}"' for w in words]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


class SearchMixin(StoreBase):
    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Cases and people by reference or name, then journal entries with
        highlighted snippets (matches wrapped in [ ])."""
        if len(text) > MAX_QUERY_CHARS:
            raise ValidationError(
                field=N_("sökning"),
                problem=N_("sökfrågan är för lång. Sök på några ord (högst 200 tecken)."),
            )
        query = fts_query(text)
        if query is None:
            return []
        hits = self._search_cases(text.strip(), limit)
        with self._read() as conn:
            words = tuple(_TOKEN.findall(text.casefold()))
            hits += self._search_journal(conn, Terms(words), limit - len(hits))
            # Whole words first (cheap even for very common words); the last word as a
            # prefix only when no whole word matched, i.e. while it is being typed.
            journal = any(h.kind == "journal" for h in hits)
            if not journal and len(hits) < limit and fts_query(text, prefix=True) is not None:
                seen = {h.entry_id for h in hits}
                more = self._search_journal(conn, Terms(words, True), limit - len(hits))
                hits += [h for h in more if h.entry_id not in seen]
        return hits

    def _search_cases(self, text: str, limit: int) -> list[SearchHit]:
        """Cases by reference or by a name the list may show (never a masked one)."""
        needle = text.casefold()
        hits = []
        for row in self.case_rows():  # cached; newest activity first
            if needle in row.ref.casefold() or (not row.masked and needle in row.name.casefold()):
                hits.append(SearchHit("case", row.id, row.ref, row.name, row.masked, row.ref,
                                      None, None))  # fmt: skip
                if len(hits) == limit:
                    break
        return hits

    def _search_journal(self, conn: Any, terms: Terms, limit: int) -> list[SearchHit]:
        top = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_revisions").fetchone()[0])
        ids = self._candidates(conn, terms, top)
        if limit <= 0 or not ids:
            return []
        texts = dict(
            conn.execute(
                f"SELECT id, text FROM journal_revisions WHERE id IN ({','.join('?' * len(ids))})",  # noqa: S608
                ids,
            ).fetchall()
        )
        weights = [self._weight(conn, terms, i, top) for i in range(len(terms.words))]
        # Over-fetch a little: hits that would point at a protected name are dropped.
        order = bm25_order(texts, terms, weights)[: limit + 20]
        marks = ",".join("?" * len(order))
        rows = {r[0]: r for r in conn.execute(_HIT_SQL.format(marks=marks), order).fetchall()}
        hidden = self._hidden_words(conn, {r[3] for r in rows.values()})
        hits: list[SearchHit] = []
        for rev_id in order:
            _r, entry_id, occurred, cid, ref, pid, name, level = rows[rev_id]
            text = texts[rev_id]
            secret = [h.casefold() for h in hidden.get(cid, ())]
            if any(h.startswith(w) for w in terms.words for h in secret):
                continue  # searching for a protected name must not point at the case
            shown, masked = self._shown_name(pid, name, level)
            cut = black_out(snippet(text, terms), hidden.get(cid, ()))
            hits.append(SearchHit("journal", cid, ref, shown, masked, cut, entry_id, occurred))
            if len(hits) == limit:
                break
        return hits

    @staticmethod
    def _candidates(conn: Any, terms: Terms, top: int) -> list[int]:
        """The newest matching revision ids (at most ``CANDIDATES``)."""
        query = fts_query(" ".join(terms.words), prefix=terms.last_is_prefix)
        if terms.last_is_prefix:
            rows = conn.execute(
                "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ? AND rowid > ?",
                (query, top - PREFIX_WINDOW),
            ).fetchall()
            return sorted((int(r[0]) for r in rows), reverse=True)[:CANDIDATES]
        cutoff = conn.execute(
            "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ? ORDER BY rowid DESC"
            " LIMIT 1 OFFSET ?",
            (query, CANDIDATES - 1),
        ).fetchone()
        rows = conn.execute(
            "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ? AND rowid >= ?",
            (query, cutoff[0] if cutoff else 0),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def _weight(self, conn: Any, terms: Terms, index: int, top: int) -> float:
        """IDF of one query word; constant (1.0) when it cannot change the order."""
        if len(terms.words) == 1 or (terms.last_is_prefix and index == len(terms.words) - 1):
            return 1.0
        word = terms.words[index]
        if word not in self._doc_freq:
            self._doc_freq[word] = _estimate_doc_freq(conn, word, top)
        return idf(self._doc_freq[word], max(top, 1))

    def hidden_words(self, case_id: int) -> tuple[str, ...]:
        """Name words of the case's protected people who are not revealed (for
        blacking out case text the way search snippets are)."""
        with self._read() as conn:
            return self._hidden_words(conn, {case_id}).get(case_id, ())

    def _hidden_words(self, conn: Any, case_ids: set[int]) -> dict[int, tuple[str, ...]]:
        """Per case: the name words of its protected, unrevealed people."""
        marks = ",".join("?" * len(case_ids))
        rows = conn.execute(
            "SELECT c.id, p.id, p.display_name FROM cases c JOIN persons p ON p.id = c.person_id"  # noqa: S608 (fixed identifiers; values bound)
            f" WHERE c.id IN ({marks}) AND p.protected_level != 'none'"
            " UNION ALL SELECT cp.case_id, p.id, p.display_name FROM case_persons cp"
            " JOIN persons p ON p.id = cp.person_id"
            f" WHERE cp.case_id IN ({marks}) AND p.protected_level != 'none'",
            [*case_ids, *case_ids],
        ).fetchall()
        hidden: dict[int, tuple[str, ...]] = {}
        for cid, pid, name in rows:
            if pid not in self._revealed:
                words = tuple(w for w in _TOKEN.findall(name) if len(w) > 1)
                hidden[cid] = hidden.get(cid, ()) + words
        return hidden


def _estimate_doc_freq(conn: Any, word: str, top: int) -> float:
    """How many entries contain ``word``: exact when rare, else estimated from how far
    back its ``CANDIDATES``-th newest match lies (cheap; rowids rise with time)."""
    query = f'"{word}"'
    cutoff = conn.execute(
        "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ? ORDER BY rowid DESC"
        " LIMIT 1 OFFSET ?",
        (query, CANDIDATES - 1),
    ).fetchone()
    if cutoff is None:
        return float(
            conn.execute(
                "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH ?", (query,)
            ).fetchone()[0]
        )
    return CANDIDATES * top / max(1, top - int(cutoff[0]) + 1)


def black_out(snippet: str, words: tuple[str, ...]) -> str:
    """``snippet`` with each of ``words`` (whole words, any case) masked."""
    if not words:
        return snippet
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    return pattern.sub(masked_name(), snippet)


__all__ = ["CANDIDATES", "SEARCH_AREAS", "SearchMixin", "black_out", "fts_query"]
