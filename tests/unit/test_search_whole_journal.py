"""Search finds everything (issue 12 §8): a half-typed word over the whole journal, an
honest count of what is not shown, filters by case, period and kind, and nothing of a
culled file or a protected name."""

from __future__ import annotations

import json

import pytest

from app.domain.kinds import ProtectedLevel
from app.errors import ValidationError
from app.store import Store, fts
from app.store import search as search_module
from app.store.journal_history import ReceivedEntry, ReceivedRevision, insert_history
from app.store.records import SearchFilter
from app.store.search import summary
from tests.unit.test_casefile_cli import _run
from tests.unit.test_retention import DECIDED, closed_case, person

#: The old search looked up a half-typed word only among the newest 50,000 entries.
OLD_WINDOW = 50_000


@pytest.fixture
def store(vault, clock):
    return Store(vault, clock=clock)


def _case(store, given="Alva", family="Exempelsson", level=ProtectedLevel.NONE):
    return store.create_case(store.add_person(given, family, protected_level=level).id).id


def _newer_entries(store, case_id, count, gap):
    """``count`` entries after everything else (written the way a received case's
    history is), the first of them ``gap`` revision ids after the newest so far: the
    ids 50,000 entries in between would have taken (ids rise with time; inserting them
    all would take the test a minute)."""
    text = "Kort samtal om veckan och fortsatt planering."
    revision = ReceivedRevision(text, "Bo", "2026-11-20")
    entry = ReceivedEntry("conversation", "2026-11-20", (revision,))
    with store.vault.transaction() as conn:
        top = conn.execute("SELECT max(id) FROM journal_revisions").fetchone()[0]
        entry_id = conn.execute("SELECT max(id) FROM journal_entries").fetchone()[0] + gap
        conn.execute("INSERT INTO journal_entries (id, case_id, kind, occurred, created, author)"
                     " VALUES (?, ?, 'conversation', '2026-11-20', '2026-11-20', 'Bo')",
                     (entry_id, case_id))  # fmt: skip
        conn.execute("INSERT INTO journal_revisions (id, entry_id, rev, text, author, created)"
                     " VALUES (?, ?, 1, ?, 'Bo', '2026-11-20')",
                     (top + gap, entry_id, text))  # fmt: skip
        conn.execute("INSERT INTO journal_fts (rowid, text) VALUES (?, ?)", (top + gap, text))
        insert_history(conn, case_id, [entry] * (count - 1))


def test_an_entry_older_than_the_newest_50000_is_found_by_a_prefix(store):
    cid = _case(store)
    old = store.add_journal_entry(cid, "Första mötet med frivårdsinspektören i Exempelby.",
                                  occurred="2024-02-01").id  # fmt: skip
    _newer_entries(store, cid, 2_000, gap=OLD_WINDOW)
    with store.vault.read() as conn:
        top, mine = conn.execute("SELECT max(id), min(id) FROM journal_revisions").fetchone()
    assert top - mine > OLD_WINDOW  # outside the window the old search looked in
    for typed in ("fr", "friv", "frivårdsi", "frivårdsinspektö", "mötet frivårdsinsp"):
        hits = store.search(typed)
        assert old in [h.entry_id for h in hits], typed
    (hit,) = [h for h in store.search("frivårdsins") if h.entry_id == old]
    assert "[frivårdsinspektören]" in hit.snippet


def test_more_hits_than_shown_are_counted_and_said(store):
    cid = _case(store)
    for day in range(1, 31):
        store.add_journal_entry(cid, f"Uppföljning dag {day} om boendet.",
                                occurred=f"2026-09-{day:02d}")  # fmt: skip
    for day in range(1, 31):
        store.add_journal_entry(cid, f"Uppföljningen fortsätter dag {day}.",
                                occurred=f"2026-10-{day:02d}")  # fmt: skip
    shown = store.find("uppfölj", limit=50)
    assert (len(shown.hits), shown.total, shown.more, shown.capped) == (50, 60, True, False)
    assert summary(shown) == "Visar 50 av 60 träffar"
    everything = store.find("uppfölj", limit=100)
    assert (len(everything.hits), everything.total, everything.more) == (60, 60, False)
    assert summary(everything) == "60 träffar"
    assert len({h.entry_id for h in everything.hits}) == 60


def test_a_count_that_stops_says_there_are_more(store, monkeypatch):
    cid = _case(store)
    for day in range(1, 13):
        store.add_journal_entry(cid, f"Hembesök dag {day}.", occurred=f"2026-10-{day:02d}")
    monkeypatch.setattr(search_module, "COUNT_CAP", 10)  # the count stops at 10 here
    result = store.find("hembes", limit=5)
    assert (len(result.hits), result.total, result.capped, result.more) == (5, 10, True, True)
    assert summary(result) == "Visar 5 av fler än 10 träffar"


def test_filter_by_case(store):
    first, second = _case(store, "Alva"), _case(store, "Bo", "Provberg")
    mine = store.add_journal_entry(first, "Samtal om skulderna.").id
    store.add_journal_entry(second, "Samtal om skulderna.")
    result = store.find("skuld", SearchFilter(case_id=first))
    assert [(h.kind, h.entry_id) for h in result.hits] == [("journal", mine)]
    assert result.total == 1
    assert [h.case_id for h in store.find("Provberg", SearchFilter(case_id=first)).hits] == []
    assert {h.case_id for h in store.find("skuld").hits} == {first, second}


def test_filters_give_the_same_hits_whichever_way_the_store_looks(store, monkeypatch):
    """Rare words are filtered after the whole-journal walk; a common word is looked
    for in the case's own texts, or by the filtered walk: the same answer each way."""
    first, second = _case(store, "Alva"), _case(store, "Bo", "Provberg")
    for day in range(1, 11):
        for cid in (first, second):
            text = f"Samtal om skolan och skulderna dag {day}." if day % 2 else "Samtal."
            store.add_journal_entry(cid, text, occurred=f"2026-03-{day:02d}")
    store.add_journal_entry(first, "Samtalet om skolan och skulderna.", occurred="2026-03-05")
    filters = [{"case_id": first}, {"case_id": first, "period": ("2026-03-03", "2026-03-08")},
               {"period": ("2026-03-03", "2026-03-08")}]  # fmt: skip

    def answers(limit):
        found = []
        with store.vault.read() as conn:
            for typed in ("samt", "samtal sk", "skolan skuld", "dag"):
                terms = fts.terms_of(typed, prefix=True)
                match = fts.expression(conn, terms)
                found += [fts.matching(conn, terms, match, limit, **f) for f in filters]
        return found

    rare = answers(100)  # few matches: found in the whole journal, then filtered
    assert [len(ids) for ids in rare] == [11, 7, 13, 5, 3, 6, 6, 4, 7, 5, 3, 6]
    assert answers(2) == [ids[:2] for ids in rare]  # common: the case's own texts
    monkeypatch.setattr(fts, "CASE_SCAN", 0)
    assert answers(2) == [ids[:2] for ids in rare]  # common: the filtered walk
    assert all(ids == sorted(ids, reverse=True) for ids in rare)  # newest first


def test_filter_by_period(store):
    cid = _case(store)
    spring = store.add_journal_entry(cid, "Planering inför flytten.", occurred="2025-04-10").id
    autumn = store.add_journal_entry(cid, "Planering efter flytten.", occurred="2025-10-10").id
    edge = store.add_journal_entry(cid, "Planering sista dagen.", occurred="2025-06-30").id

    def found(start, until):
        flt = SearchFilter(start=start, until=until, kinds=frozenset({"journal"}))
        return {h.entry_id for h in store.find("planer", flt).hits}

    assert found("2025-04-01", "2025-06-30") == {spring, edge}  # both ends included
    assert found("2025-07-01", None) == {autumn}
    assert found(None, "2025-05-01") == {spring}
    with pytest.raises(ValidationError, match="slutar före"):
        store.find("planer", SearchFilter(start="2025-10-01", until="2025-01-01"))
    with pytest.raises(ValidationError):
        store.find("planer", SearchFilter(start="2025-13-45"))


def test_filter_by_kind(store):
    cid = _case(store, "Alva", "Kajsdotter")
    ref = store.case(cid).ref
    entry = store.add_journal_entry(cid, f"Kajsdotter ringde om kajen, se {ref}.").id
    both = store.find("kajsdotter")
    assert sorted(h.kind for h in both.hits) == ["journal", "person"] and both.total == 2
    people = store.find("kajsdotter", SearchFilter(kinds=frozenset({"person"})))
    assert [(h.kind, h.case_id) for h in people.hits] == [("person", cid)] and people.total == 1
    journal = store.find("kajsdotter", SearchFilter(kinds=frozenset({"journal"})))
    assert [(h.kind, h.entry_id) for h in journal.hits] == [("journal", entry)]
    cases = store.find(ref, SearchFilter(kinds=frozenset({"case"})))
    assert [(h.kind, h.case_id) for h in cases.hits] == [("case", cid)] and cases.total == 1
    assert sorted(h.kind for h in store.find(ref).hits) == ["case", "journal"]
    with pytest.raises(ValidationError):
        store.find("kaj", SearchFilter(kinds=frozenset({"brev"})))


def test_a_culled_entry_is_not_found_by_any_prefix(store):
    pid = person(store, "Qwendolyn")
    closed_case(store, pid, "2015-01-10", "2016-05-01", text="Möte om xqvorblint vid kajen.")
    kept = store.create_case(person(store, "Bo")).id
    store.add_journal_entry(kept, "Levande anteckning om xqvardagen.")
    assert len(store.search("xqv")) == 2 and len(store.search("xqvor")) == 1  # found before
    store.cull([pid], **DECIDED)
    for typed in ("xq", "xqv", "xqvo", "xqvor", "xqvorblint", "qwendo"):
        assert all("xqvor" not in h.snippet for h in store.search(typed)), typed
    assert [h.case_id for h in store.search("xqv")] == [kept]
    assert store.find("xqvor").total == 0
    with store.vault.read() as conn:
        terms = conn.execute("SELECT term FROM journal_terms WHERE term LIKE 'xqvo%'").fetchall()
    assert terms == []  # the index's own word list no longer holds it


def test_a_protected_name_is_not_counted(store):
    cid = _case(store, "Ylva", "Hemligdotter", ProtectedLevel.FINGERADE_PERSONUPPGIFTER)
    store.add_journal_entry(cid, "Hemligdotter berättade om hoten.")
    for typed in ("Hemligd", "hemligdotter", "hoten hemlig"):
        result = store.find(typed)
        assert (result.hits, result.total, result.more) == ((), 0, False), typed
    assert store.find("hoten").total == 1


def test_cli_search_filters_and_says_how_many(vault, vault_dir, monkeypatch, capsys, clock):
    store = Store(vault, clock=clock)
    cid = _case(store)
    other = _case(store, "Bo", "Provberg")
    for day in range(1, 4):
        store.add_journal_entry(cid, f"Kontakt med skolan dag {day}.", occurred=f"2026-0{day}-10")
    store.add_journal_entry(other, "Kontakt med skolan.", occurred="2026-02-10")
    ref = store.case(cid).ref
    code, out, err = _run(monkeypatch, capsys, "search", "skol", "--vault", str(vault_dir),
                          "--limit", "2", "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and (len(data["hits"]), data["total"], data["more"]) == (2, 4, True)
    assert "Visar 2 av 4 träffar" in err
    code, out, err = _run(monkeypatch, capsys, "search", "skol", "--vault", str(vault_dir),
                          "--case", ref, "--from", "2026-02-01", "--until", "2026-03-31",
                          "--kind", "journal")  # fmt: skip
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2 and all(line.startswith(ref) for line in lines)
    assert "2 träffar" in err
    code, _out, err = _run(monkeypatch, capsys, "search", "skol", "--vault", str(vault_dir),
                           "--kind", "brev")  # fmt: skip
    assert code == 2 and "--kind" in err
