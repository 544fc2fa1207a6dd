"""Full-text search over journal text (SQLite FTS5) plus case references and names.

Ranking is bounded (design §4b): FTS5's bm25 over every match of a very common word
takes seconds at a million entries, so we first find the newest ``CANDIDATES`` matches
by rowid (cheap: FTS5 walks the doclist backwards and stops), then rank only those.

Masking: a protected person's name is never matched by the name search and never shown
in a snippet unless revealed in this session; words of protected names inside journal
text are blacked out in the snippet.
"""

from __future__ import annotations

import re
from typing import Any

from app.domain.kinds import masked_name
from app.store.base import StoreBase
from app.store.records import SearchHit

CANDIDATES = 300
_TOKEN = re.compile(r"\w+", re.UNICODE)
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
        query = fts_query(text)
        if query is None:
            return []
        with self._read() as conn:
            hits = self._search_cases(conn, text.strip(), limit)
            hits += self._search_journal(conn, query, text, limit - len(hits))
            # Whole words first (cheap even for very common words); the last word as a
            # prefix only when whole words found too little, e.g. while typing.
            prefix = fts_query(text, prefix=True)
            if len(hits) < limit and prefix is not None:
                seen = {h.entry_id for h in hits}
                more = self._search_journal(conn, prefix, text, limit - len(hits))
                hits += [h for h in more if h.entry_id not in seen]
        return hits

    def _search_cases(self, conn: Any, text: str, limit: int) -> list[SearchHit]:
        pattern = f"%{text.replace('%', '').replace('_', '')}%"
        revealed = ",".join(str(int(p)) for p in self._revealed) or "0"
        rows = conn.execute(
            "SELECT c.id, c.ref, p.id, p.display_name, p.protected_level FROM cases c"  # noqa: S608 (fixed identifiers; values bound)
            " JOIN persons p ON p.id = c.person_id WHERE c.ref LIKE :q OR"
            f" ((p.protected_level = 'none' OR p.id IN ({revealed}))"
            " AND p.display_name LIKE :q) ORDER BY c.last_entry DESC LIMIT :n",
            {"q": pattern, "n": limit},
        ).fetchall()
        hits = []
        for cid, ref, pid, name, level in rows:
            shown, masked = self._shown_name(pid, name, level)
            hits.append(SearchHit("case", cid, ref, shown, masked, ref, None, None))
        return hits

    def _search_journal(self, conn: Any, query: str, text: str, limit: int) -> list[SearchHit]:
        if limit <= 0:
            return []
        cutoff = conn.execute(
            "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ? ORDER BY rowid DESC"
            " LIMIT 1 OFFSET ?",
            (query, CANDIDATES - 1),
        ).fetchone()
        ranked = conn.execute(
            "SELECT rowid, snippet(journal_fts, 0, '[', ']', '…', 16) FROM journal_fts"
            " WHERE journal_fts MATCH ? AND rowid >= ? ORDER BY bm25(journal_fts) LIMIT ?",
            (query, cutoff[0] if cutoff else 0, limit),
        ).fetchall()
        if not ranked:
            return []
        snippets = dict(ranked)
        marks = ",".join("?" * len(snippets))
        rows = conn.execute(_HIT_SQL.format(marks=marks), list(snippets)).fetchall()
        by_rev = {r[0]: r for r in rows}
        hidden = self._hidden_words(conn, {r[3] for r in rows})
        words = [w.casefold() for w in _TOKEN.findall(text)]
        hits = []
        for rev_id, snippet in ranked:
            _r, entry_id, occurred, cid, ref, pid, name, level = by_rev[rev_id]
            secret = [h.casefold() for h in hidden.get(cid, ())]
            if any(h.startswith(w) for w in words for h in secret):
                continue  # searching for a protected name must not point at the case
            shown, masked = self._shown_name(pid, name, level)
            blacked = _black_out(snippet, hidden.get(cid, ()))
            hits.append(SearchHit("journal", cid, ref, shown, masked, blacked, entry_id, occurred))
        return hits

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


def _black_out(snippet: str, words: tuple[str, ...]) -> str:
    if not words:
        return snippet
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    return pattern.sub(masked_name(), snippet)


__all__ = ["CANDIDATES", "SearchMixin", "fts_query"]
