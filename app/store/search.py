"""Search over the whole case file: case references and names, and journal text
(SQLite FTS5, :mod:`app.store.fts`), with filters and an honest count.

The last word is always matched as the start of a word too (search while typing),
over every entry of the journal: prefix indexes make that as cheap as a whole word.
Ranking is bounded (design §4b): FTS5's bm25 over every match of a very common word
takes seconds at a million entries, so the store takes the newest matches (at least
``CANDIDATES``) by row id and ranks those in Python (:mod:`app.store.ranking`). The
same walk counts the matches up to ``COUNT_CAP``: the result says how many there are
("Visar 50 av 312 träffar"), or that there are more than that.

Masking: a protected person's name is never matched by the name search and never shown
in a snippet unless revealed in this session; words of protected names inside journal
text are blacked out in the snippet, and a case whose hidden name a query word starts
is left out of the hits and of the count (a count must not say the name is there).
"""

from __future__ import annotations

import re
from typing import Any

from app.changes import Area
from app.domain.dates import date_problem
from app.domain.kinds import masked_name
from app.errors import ValidationError
from app.i18n import N_, _
from app.store import fts
from app.store.base import StoreBase
from app.store.ranking import TOKEN as _TOKEN
from app.store.ranking import Terms, bm25_order, idf, snippet
from app.store.records import CaseRow, SearchFilter, SearchHit, SearchResult

#: What a search reads: journal text, received documents (imported with a packet: the
#: handover area), case references and people's (shown) names.
SEARCH_AREAS = frozenset({Area.JOURNAL, Area.CASE, Area.PERSON, Area.HANDOVER})
#: The kinds of hit, for the kind filter: a case by its reference, a case by the name of
#: its person, a journal entry, a received document (another authority's note or
#: record, kept as received).
KINDS = ("case", "person", "journal", "received")
CANDIDATES = 200
#: Matches are counted up to this many; beyond it the result says "more than".
COUNT_CAP = 1000
#: Longer queries are refused: every word is an FTS5 term and a pasted page of text
#: would take the search tens of seconds (the GUI's search box stops at this length).
MAX_QUERY_CHARS = 200
_HIT_SQL = """
SELECT r.id, e.id, e.occurred, c.id, c.ref, p.id, p.display_name, p.protected_level
FROM journal_revisions r JOIN journal_entries e ON e.id = r.entry_id
JOIN cases c ON c.id = e.case_id JOIN persons p ON p.id = c.person_id
WHERE r.id IN ({marks})
"""
_PROTECTED_SQL = """
SELECT c.id, p.id, p.display_name FROM cases c JOIN persons p ON p.id = c.person_id
WHERE {cases} p.protected_level != 'none'
UNION ALL SELECT cp.case_id, p.id, p.display_name FROM case_persons cp
JOIN persons p ON p.id = cp.person_id WHERE {persons} p.protected_level != 'none'
"""


_RECEIVED_SQL = """
SELECT d.id, d.case_id, d.occurred, d.text, c.ref, p.id, p.display_name, p.protected_level
FROM received_fts f JOIN received_documents d ON d.id = f.rowid
JOIN cases c ON c.id = d.case_id JOIN persons p ON p.id = c.person_id
WHERE received_fts MATCH ?{where} ORDER BY d.id DESC LIMIT ?
"""


class SearchMixin(StoreBase):
    _hidden_cache: tuple[tuple[str, frozenset[int]], dict[int, tuple[str, ...]]] | None = None

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """The first ``limit`` hits of :meth:`find` with no filter."""
        return list(self.find(text, limit=limit).hits)

    def find(self, text: str, flt: SearchFilter | None = None, limit: int = 50) -> SearchResult:
        """Cases by reference or name, then journal entries with highlighted snippets
        (matches wrapped in [ ]), best first; the last word may be half-typed. The
        result counts every match (up to ``COUNT_CAP``), not only those shown."""
        flt = flt or SearchFilter()
        _check(text, flt)
        terms = fts.terms_of(text, prefix=True)
        if not terms.words:
            return SearchResult((), 0)
        wanted = flt.kinds or frozenset(KINDS)
        cases = [h for h in self._search_cases(text.strip(), flt) if h.kind in wanted]
        hits = cases[:limit]
        total, capped = len(cases), False
        with self._read() as conn:
            if "journal" in wanted:
                found, count, capped = self._search_journal(conn, terms, flt, limit - len(hits))
                hits += found
                total += count
            if "received" in wanted:
                found, count = self._search_received(conn, terms, flt, limit - len(hits))
                hits += found
                total += count
        return SearchResult(tuple(hits), total, capped)

    def _search_received(
        self, conn: Any, terms: Terms, flt: SearchFilter, limit: int
    ) -> tuple[list[SearchHit], int]:
        """Received documents (the sender's notes and records; few per case, so FTS5's
        own prefix query is fast enough), newest first, and how many match."""
        parts = ['"' + w.replace('"', '""') + '"' for w in terms.words]
        parts[-1] += "*" if terms.last_is_prefix else ""
        where, args = "", [" AND ".join(parts)]
        for sql, value in (("d.case_id = ?", flt.case_id), ("d.occurred >= ?", flt.start),
                           ("substr(d.occurred, 1, 10) <= ?", flt.until)):  # fmt: skip
            if value is not None:
                where, args = where + f" AND {sql}", [*args, str(value)]
        rows = conn.execute(_RECEIVED_SQL.format(where=where), [*args, COUNT_CAP]).fetchall()
        excluded = self._cases_named_by(conn, terms)
        rows = [r for r in rows if r[1] not in excluded]
        hidden = self._hidden_words(conn, {r[1] for r in rows}) if rows else {}
        hits = []
        for doc_id, cid, occurred, text, ref, pid, name, level in rows[: max(limit, 0)]:
            shown, masked = self._shown_name(pid, name, level)
            cut = black_out(snippet(text, terms), hidden.get(cid, ()))
            hits.append(SearchHit("received", cid, ref, shown, masked, cut, doc_id, occurred))
        return hits, len(rows)

    def _search_cases(self, text: str, flt: SearchFilter) -> list[SearchHit]:
        """Cases by reference (kind "case") or by a name the list may show, never a
        masked one (kind "person"), in the case and active in the period asked for."""
        needle, hits = text.casefold(), []
        for row in self.case_rows():  # cached; newest activity first
            if needle in row.ref.casefold():
                kind = "case"
            elif not row.masked and needle in row.name.casefold():
                kind = "person"
            else:
                continue
            if _case_in(row, flt):
                hits.append(SearchHit(kind, row.id, row.ref, row.name, row.masked, row.ref,
                                      None, None))  # fmt: skip
        return hits

    def _search_journal(
        self, conn: Any, terms: Terms, flt: SearchFilter, limit: int
    ) -> tuple[list[SearchHit], int, bool]:
        """The best ``limit`` journal hits, how many entries match (at most
        ``COUNT_CAP``) and whether there are more than that."""
        match = fts.expression(conn, terms)
        if match is None:
            return [], 0, False
        excluded = self._cases_named_by(conn, terms)
        ids = fts.matching(conn, terms, match, COUNT_CAP + 1, case_id=flt.case_id,
                           period=(flt.start, flt.until), excluded=sorted(excluded))  # fmt: skip
        count, capped = min(len(ids), COUNT_CAP), len(ids) > COUNT_CAP
        ids = ids[: max(CANDIDATES, limit + 20)]
        if limit <= 0 or not ids:
            return [], count, capped
        marks = ",".join("?" * len(ids))
        texts = dict(
            conn.execute(f"SELECT id, text FROM journal_revisions WHERE id IN ({marks})", ids)  # noqa: S608 (placeholders only)
        )
        top = int(conn.execute("SELECT coalesce(max(id), 0) FROM journal_revisions").fetchone()[0])
        weights = [self._weight(conn, terms, i, top) for i in range(len(terms.words))]
        order = bm25_order(texts, terms, weights)[:limit]
        shown_marks = ",".join("?" * len(order))
        rows = {r[0]: r for r in conn.execute(_HIT_SQL.format(marks=shown_marks), order)}
        hidden = self._hidden_words(conn, {r[3] for r in rows.values()})
        hits = []
        for rev_id in order:
            _r, entry_id, occurred, cid, ref, pid, name, level = rows[rev_id]
            shown, masked = self._shown_name(pid, name, level)
            cut = black_out(snippet(texts[rev_id], terms), hidden.get(cid, ()))
            hits.append(SearchHit("journal", cid, ref, shown, masked, cut, entry_id, occurred))
        return hits, count, capped

    def _cases_named_by(self, conn: Any, terms: Terms) -> set[int]:
        """Cases with a hidden (protected, unrevealed) name that a query word starts:
        searching for the name must not point at them, nor count them."""
        hidden = self._all_hidden_words(conn)
        return {
            cid for cid, names in hidden.items()
            if any(n.startswith(w) for w in terms.words for n in names)
        }  # fmt: skip

    def _all_hidden_words(self, conn: Any) -> dict[int, tuple[str, ...]]:
        """Every case's hidden name words, case-folded; read again after any write,
        reveal or hide (the case list's cache key) or a change of who is revealed."""
        rows = self.case_rows()  # refreshes the cache key when anything changed
        key = (self._rows_cache[0] if self._rows_cache else "", frozenset(self._revealed))
        if self._hidden_cache is None or self._hidden_cache[0] != key:
            folded = {cid: tuple(w.casefold() for w in words)
                      for cid, words in self._hidden_words(conn, None).items()}  # fmt: skip
            self._hidden_cache = (key, folded)
        del rows
        return self._hidden_cache[1]

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

    def _hidden_words(self, conn: Any, case_ids: set[int] | None) -> dict[int, tuple[str, ...]]:
        """Per case (of ``case_ids``, or every case): the name words of its protected,
        unrevealed people."""
        if case_ids is None:
            sql, args = _PROTECTED_SQL.format(cases="", persons=""), []
        else:
            marks = ",".join("?" * len(case_ids))
            sql = _PROTECTED_SQL.format(cases=f"c.id IN ({marks}) AND",
                                        persons=f"cp.case_id IN ({marks}) AND")  # fmt: skip
            args = [*case_ids, *case_ids]
        hidden: dict[int, tuple[str, ...]] = {}
        for cid, pid, name in conn.execute(sql, args).fetchall():
            if pid not in self._revealed:
                words = tuple(w for w in _TOKEN.findall(name) if len(w) > 1)
                hidden[cid] = hidden.get(cid, ()) + words
        return hidden


def _check(text: str, flt: SearchFilter) -> None:
    """Refuse a query too long to search, a malformed date, a period that ends before
    it starts, or a kind that does not exist."""
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError(
            field=N_("sökning"),
            problem=N_("sökfrågan är för lång. Sök på några ord (högst 200 tecken)."),
        )
    for field, day in ((N_("från"), flt.start), (N_("till"), flt.until)):
        problem = date_problem(day) if day else None
        if problem:
            raise ValidationError(field=field, problem=problem)
    if flt.start and flt.until and flt.start > flt.until:
        raise ValidationError(field=N_("till"),
                              problem=N_("perioden slutar före den börjar."))  # fmt: skip
    unknown = set(flt.kinds) - set(KINDS)
    if unknown:
        raise ValidationError(field=N_("typ"), problem=N_("okänd typ av träff."))


def _case_in(row: CaseRow, flt: SearchFilter) -> bool:
    """The case is the one asked for and was open during the period."""
    if flt.case_id is not None and row.id != flt.case_id:
        return False
    last = max(row.opened[:10], (row.last_entry or "")[:10])
    return not (flt.until and row.opened[:10] > flt.until) and not (flt.start and last < flt.start)


def summary(result: SearchResult) -> str:
    """How many hits there are, and how many are shown when not all of them."""
    if not result.more:
        if result.total == 1:
            return _("1 träff")
        return _("{count} träffar").format(count=result.total)
    template = (_("Visar {shown} av fler än {total} träffar") if result.capped
                else _("Visar {shown} av {total} träffar"))  # fmt: skip
    return template.format(shown=len(result.hits), total=result.total)


def _estimate_doc_freq(conn: Any, word: str, top: int) -> float:
    """How many entries contain ``word``: exact when rare, else estimated from how far
    back its ``CANDIDATES``-th newest match lies (cheap; rowids rise with time)."""
    newest = fts.newest(conn, f'"{word}"', CANDIDATES)
    if len(newest) < CANDIDATES:
        return float(len(newest))
    return CANDIDATES * top / max(1, top - newest[-1] + 1)


def black_out(snippet: str, words: tuple[str, ...]) -> str:
    """``snippet`` with each of ``words`` (whole words, any case) masked."""
    if not words:
        return snippet
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    return pattern.sub(masked_name(), snippet)


__all__ = ["CANDIDATES", "COUNT_CAP", "KINDS", "MAX_QUERY_CHARS", "SEARCH_AREAS", "SearchMixin",
           "black_out", "summary"]  # fmt: skip
