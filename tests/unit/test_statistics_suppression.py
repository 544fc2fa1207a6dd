"""Statistics with totals and breakdowns by sex and age band: no suppressed cell can be
worked out from the total and the other cells (complementary suppression), checked by
brute force over everything a reader knows, for every table the store produces."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.domain.case import TargetGroup
from app.stats import HIDDEN, LESS_THAN_FIVE, StatsTable, suppress
from app.store import Store
from tests.unit.test_handover_support import personnummer

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def _domains(cells: list[str], total: str) -> tuple[list[range], range]:
    """What a reader knows: "<5" is 1-4; "×" hides a cell of at least 5 beside "<5"
    cells, or anything when every cell of the table is hidden; numbers are exact."""
    totals = range(1, 5) if total == LESS_THAN_FIVE else range(int(total), int(total) + 1)
    everything_hidden = LESS_THAN_FIVE not in cells
    domains = []
    for cell in cells:
        if cell == LESS_THAN_FIVE:
            domains.append(range(1, 5))
        elif cell == HIDDEN:
            domains.append(range(0 if everything_hidden else 5, totals[-1] + 1))
        else:
            domains.append(range(int(cell), int(cell) + 1))
    return domains, totals


def pinned_cells(cells: list[str], total: str) -> list[int]:
    """Indexes of hidden cells (and -1 for a "<5" total) that only one assignment
    consistent with the sum allows: enumerate every possible table."""
    domains, totals = _domains(cells, total)
    seen: list[set[int]] = [set() for _ in cells]
    seen_totals: set[int] = set()
    for values in itertools.product(*domains):
        if sum(values) in totals:
            for index, value in enumerate(values):
                seen[index].add(value)
            seen_totals.add(sum(values))
    assert seen_totals, "the shown table must be consistent"
    hidden = [i for i, c in enumerate(cells) if c in (LESS_THAN_FIVE, HIDDEN)]
    pinned = [i for i in hidden if len(seen[i]) == 1]
    return pinned + ([-1] if total == LESS_THAN_FIVE and len(seen_totals) == 1 else [])


def assert_table_safe(table: StatsTable) -> None:
    if not table.total:
        return
    *cells, (label, total) = table.rows
    assert label == "Totalt"
    shown = [c for _label, c in cells]
    assert not pinned_cells(shown, total), (table.key, table.rows)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=5))
def test_no_suppressed_cell_is_derivable(counts) -> None:
    cells, total = suppress(counts)
    assert not pinned_cells(cells, total), (counts, cells, total)
    # what is shown is true: exact numbers, "<5" only for 1-4, the real total
    for count, cell in zip(counts, cells, strict=True):
        assert cell in (HIDDEN, LESS_THAN_FIVE) or int(cell) == count
        assert cell != LESS_THAN_FIVE or 0 < count < 5
        assert 0 < count < 5 or cell != LESS_THAN_FIVE
    assert total == (LESS_THAN_FIVE if 0 < sum(counts) < 5 else str(sum(counts)))


@pytest.mark.parametrize(
    ("counts", "cells", "total"),
    [
        ([6, 1, 0], ["×", "<5", "0"], "7"),  # 7 - 6 would give the 1
        ([1, 1, 10], ["<5", "<5", "×"], "12"),  # two "<5" summing to 2 are both 1
        ([1, 5, 0], ["×", "×", "×"], "6"),  # a hidden 5 beside a 1 still pins the 1
        ([2, 2, 20], ["<5", "<5", "20"], "24"),  # 4 left over: 1+3, 2+2 or 3+1
        ([7, 8], ["7", "8"], "15"),
        ([3, 0], ["<5", "0"], "<5"),
    ],
)
def test_worked_examples(counts, cells, total) -> None:
    assert suppress(counts) == (cells, total)


def test_the_check_finds_what_subtraction_reveals() -> None:
    """The checker itself: primary suppression alone leaks in each of these."""
    assert pinned_cells(["6", "<5", "0"], "7") == [1]
    assert pinned_cells(["<5", "<5", "10"], "12") == [0, 1]
    assert pinned_cells(["<5", "×", "0"], "6") == [0, 1]
    assert pinned_cells(["<5", "<5", "<5", "<5"], "<5") == [0, 1, 2, 3, -1]


def _person(store: Store, n: int, sex_digit: int | None, born: str = "850315") -> int:
    """A fictional person; personnummer serial 98x (test range), x odd for men."""
    if sex_digit is None:
        return store.add_person(f"Okänd{n}", "Exempelsson").id
    number = personnummer(f"{born}98{sex_digit}")
    return store.add_person(f"Person{n}", "Exempelsson", identifier=number).id


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


def test_follow_up_by_sex_and_age_with_totals(store) -> None:
    people = (
        [(1, "850315")] * 6  # men, 40 when opened
        + [(2, "060101")] * 5  # women, 20
        + [(4, "120601")] * 2  # girls, 13
        + [(None, "")] * 1  # no identifier: sex and age unknown
    )
    for n, (digit, born) in enumerate(people):
        pid = _person(store, n, digit, born) if digit else _person(store, n, None)
        store.create_case(pid, opened="2026-03-01", target_group=TargetGroup.CRIMINAL_NETWORK)
    stats = store.follow_up("2026-01-01", "2026-12-31")
    tables = {t.key: dict(t.rows) for t in stats.tables}
    assert tables["sex"] == {
        "Kvinnor": "7",
        "Män": "×",  # else 14 - 7 - 6 gives the one person of unknown sex
        "Kön okänt (inget person- eller samordningsnummer)": "<5",
        "Totalt": "14",
    }
    assert tables["age"]["Totalt"] == "14"
    assert tables["age"]["35 år och äldre"] == "6" and tables["age"]["18–24 år"] == "5"
    assert tables["age"]["Under 18 år"] == "<5" and tables["age"]["Ålder okänd"] == "<5"
    assert tables["target_group"]["Kriminellt gäng eller nätverk"] == "14"
    for table in stats.tables:
        assert_table_safe(table)
    # the report says what "×" means wherever it is shown
    from app.reports import render_follow_up
    from tests.unit.test_handover_support import open_plain, pdf_text

    text = " ".join(pdf_text(open_plain(render_follow_up(stats))).split())
    assert "× = dolt så att ett litet antal inte kan räknas fram" in text
    assert "Nya ärenden per kön" in text and "Totalt" in text


def test_every_table_of_a_demo_vault_is_safe_for_any_period(store) -> None:
    """Twenty fictional cases with every kind of record: each table the follow-up
    produces, for a year and for each quarter, leaks no suppressed value."""
    from app.demo import fill_demo

    fill_demo(store, cases=20, seed=3)
    periods = [("2020-01-01", "2026-12-31")] + [
        (f"2026-{m:02d}-01", f"2026-{m + 2:02d}-{30 if m + 2 in (6, 9) else 31}")
        for m in (1, 4, 7, 10)
    ]
    hidden = 0
    for start, until in periods:
        for table in store.follow_up(start, until).tables:
            assert_table_safe(table)
            hidden += sum(count in (HIDDEN, LESS_THAN_FIVE) for _label, count in table.rows)
    assert hidden  # the demo has small counts, so suppression was exercised
