"""Full-text search: highlighted snippets, corrections searchable by their new text
only, and protected names never shown in results before a reveal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.clock import FixedClock
from app.domain.kinds import ProtectedLevel, RelationKind
from app.store import Store, fts

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


def _case(store, given, family, level=ProtectedLevel.NONE):
    pid = store.add_person(given, family, protected_level=level).id
    return pid, store.create_case(pid).id


def test_query_words_are_quoted_and_the_last_may_be_a_prefix(store):
    with store.vault.read() as conn:
        words = fts.terms_of('hot "OR" mot', prefix=True)
        assert fts.expression(conn, words) == '"hot" AND "or" AND "mot"*'
        assert fts.expression(conn, fts.terms_of('hot "OR" mot', prefix=False)) == (
            '"hot" AND "or" AND "mot"'
        )
        assert not fts.terms_of("k", prefix=True).last_is_prefix  # one letter: a whole word
        assert fts.expression(conn, fts.terms_of("  ... ", prefix=True)) is None


def test_journal_hit_has_a_highlighted_snippet_and_the_case(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    entry = store.add_journal_entry(cid, "Klienten vill flytta till en annan kommun i vår.").id
    (hit,) = store.search("flytta")
    assert (hit.kind, hit.case_id, hit.entry_id) == ("journal", cid, entry)
    assert "[flytta]" in hit.snippet and hit.name == "Alva Exempelsson"


def test_typing_part_of_a_word_finds_it(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    store.add_journal_entry(cid, "Samordningsmöte med frivården.")
    assert [h.kind for h in store.search("frivår")] == ["journal"]


def test_corrected_entry_is_found_by_its_new_text_only(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    entry = store.add_journal_entry(cid, "Mötet hölls i Norrköping.").id
    store.correct_journal_entry(entry, "Mötet hölls i Linköping.", "Fel ort")
    assert store.search("Norrköping") == []
    assert [h.entry_id for h in store.search("Linköping")] == [entry]


def test_cases_are_found_by_reference_and_name(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    assert [h.case_id for h in store.search("AV-2026-0001")] == [cid]
    assert [h.kind for h in store.search("Exempelsson")] == ["person"]


def test_protected_person_is_not_found_by_name_and_never_named_in_results(store):
    pid, cid = _case(store, "Ylva", "Hemligdotter", ProtectedLevel.FINGERADE_PERSONUPPGIFTER)
    store.add_journal_entry(cid, "Ylva Hemligdotter berättade om hoten från nätverket.")
    hits = store.search("hoten")
    assert len(hits) == 1 and hits[0].masked
    assert "Ylva" not in repr(hits) and "Hemligdotter" not in repr(hits)
    assert store.search("Hemligdotter") == []  # the name does not point at the case
    assert store.search("ylva hoten") == []
    store.reveal(pid)
    assert "Ylva" in store.search("hoten")[0].snippet
    assert store.search("Hemligdotter")[0].kind == "person"


def test_protected_family_member_named_in_a_journal_is_blacked_out(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    child = store.add_person(
        "Tindra", "Hemlig", protected_level=ProtectedLevel.SEKRETESSMARKERING
    ).id
    store.link_person(cid, child, RelationKind.CHILD)
    store.add_journal_entry(cid, "Tindra ska börja i ny skola efter flytten.")
    (hit,) = store.search("skola")
    assert "Tindra" not in hit.snippet and "Alva" in hit.name


def test_common_words_still_return_the_newest_matches(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    for day in range(1, 29):
        store.add_journal_entry(
            cid, f"Samtal och uppföljning dag {day}.", occurred=f"2026-10-{day:02d}"
        )
    hits = store.search("och", limit=10)
    assert len(hits) == 10 and all("[och]" in h.snippet for h in hits)


def test_entries_where_the_word_matters_more_rank_first(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    once = store.add_journal_entry(cid, "Kort om flytten och mycket annat: " + "text " * 40).id
    often = store.add_journal_entry(cid, "Flytten, flytten och åter flytten.").id
    assert [h.entry_id for h in store.search("flytten")] == [often, once]


def test_a_rare_word_weighs_more_than_a_common_one(store):
    _pid, cid = _case(store, "Alva", "Exempelsson")
    for _ in range(5):
        store.add_journal_entry(cid, "Samtal samtal samtal om veckan.")
    rare = store.add_journal_entry(cid, "Samtal om skuldsanering och skuldsanering igen.").id
    common = store.add_journal_entry(cid, "Samtal samtal samtal om skuldsanering.").id
    assert [h.entry_id for h in store.search("samtal skuldsanering")] == [rare, common]


def test_snippet_is_cut_around_the_first_match():
    from app.store.ranking import Terms, snippet

    text = "Inledning. " * 30 + "Klienten vill flytta till Exempelby. " + "Avslutning. " * 30
    cut = snippet(text, Terms(("flytta",)))
    assert cut.startswith("…") and cut.endswith("…") and "[flytta]" in cut
    assert len(cut) < 230
    assert snippet("Ring frivården i morgon.", Terms(("friv",), True)) == (
        "Ring [frivården] i morgon."
    )
