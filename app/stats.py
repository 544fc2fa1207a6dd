"""Follow-up statistics for the municipality's and the national programme's reporting.

Only counts, never personal data; any count from 1 to 4 is shown as "<5" so a small
number cannot point at a person. Export as CSV (and as JSON for ``utvag stats``).

Tables that partition a whole (new cases by target group, sex, age band, …) end with
a total. A total and the shown cells would let a reader subtract their way to a
"<5" cell, so suppression is **complementary**: while any hidden cell (or a "<5"
total) can be pinned to one value from the sum — knowing that "<5" is 1–4 and that a
cell hidden to protect another ("×") is at least 5 — the smallest shown non-zero cell
is hidden too; if none is left, every cell of the table is hidden.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass

from app.domain.stages import stage_models
from app.i18n import N_, _

SMALL = 5
LESS_THAN_FIVE = "<5"
HIDDEN = "×"  # hidden so that a small count cannot be worked out from the total
HIDDEN_NOTE = N_(
    "× = dolt så att ett litet antal inte kan räknas fram ur summan och de andra talen."
)


def shown_count(count: int) -> str:
    """Counts under 5 (but above 0) are suppressed."""
    return LESS_THAN_FIVE if 0 < count < SMALL else str(count)


@dataclass(frozen=True)
class StatsTable:
    key: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (label, shown count); the total last if ``total``
    total: bool = False


def _domain(shown: str, total_max: int) -> tuple[int, int]:
    """What a reader knows of a cell from how it is shown (a number: exactly that)."""
    if shown == LESS_THAN_FIVE:
        return 1, SMALL - 1
    if shown == HIDDEN:
        return SMALL, total_max
    return int(shown), int(shown)


def _pinned(cells: list[str], total: str) -> bool:
    """Whether any hidden cell, or a "<5" total, has only one value consistent with
    the shown numbers and the sum (one linear equation over integer intervals, so the
    interval bounds below are exact)."""
    t_lo, t_hi = _domain(total, 0)
    domains = [_domain(c, t_hi) for c in cells]
    lo_sum, hi_sum = sum(d[0] for d in domains), sum(d[1] for d in domains)
    for shown, (lo, hi) in zip(cells, domains, strict=True):
        if shown not in (LESS_THAN_FIVE, HIDDEN):
            continue
        low = max(lo, t_lo - (hi_sum - hi))
        high = min(hi, t_hi - (lo_sum - lo))
        if low >= high:
            return True
    return total == LESS_THAN_FIVE and max(t_lo, lo_sum) >= min(t_hi, hi_sum)


def suppress(counts: list[int]) -> tuple[list[str], str]:
    """The shown cells and total of a table whose cells sum to its total, with
    complementary suppression (module docstring)."""
    shown = [shown_count(c) for c in counts]
    total = shown_count(sum(counts))
    while _pinned(shown, total):
        open_cells = [i for i, c in enumerate(counts) if c > 0 and shown[i] == str(c)]
        if not open_cells:
            return [HIDDEN] * len(counts), total
        smallest = min(open_cells, key=lambda i: (counts[i], i))
        shown[smallest] = HIDDEN
    return shown, total


@dataclass(frozen=True)
class FollowUp:
    start: str
    until: str
    tables: tuple[StatsTable, ...]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow([_("Avsnitt"), _("Kategori"), _("Antal")])
        for table in self.tables:
            for label, count in table.rows:
                writer.writerow([table.title, label, count])
        return out.getvalue()

    def to_json(self) -> str:
        body = {
            "from": self.start,
            "until": self.until,
            "tables": {t.key: {"title": t.title, "rows": dict(t.rows)} for t in self.tables},
        }
        return json.dumps(body, ensure_ascii=False, indent=2)


def make_table(
    key: str, title: str, counts: Counter[str], labels: dict[str, str], *, total: bool = False
) -> StatsTable:
    """One row per label (then any unlabelled value found); with ``total``, the cells
    partition a whole: a "Totalt" row follows and suppression is complementary."""
    keys = [*labels, *sorted(k for k in counts if k not in labels)]
    values = [counts.get(k, 0) for k in keys]
    names = [labels.get(k, k) for k in keys]
    if not total:
        return StatsTable(key, title, tuple(zip(names, map(shown_count, values), strict=True)))
    cells, shown_total = suppress(values)
    rows = (*zip(names, cells, strict=True), (_("Totalt"), shown_total))
    return StatsTable(key, title, tuple(rows), total=True)


SEX_LABELS = {
    "female": N_("Kvinnor"),
    "male": N_("Män"),
    "unknown": N_("Kön okänt (inget person- eller samordningsnummer)"),
}
#: Age bands (whole years when the case was opened), then unknown.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-17", 0, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-", 35, None),
)
AGE_LABELS = {
    "0-17": N_("Under 18 år"),
    "18-24": N_("18–24 år"),
    "25-34": N_("25–34 år"),
    "35-": N_("35 år och äldre"),
    "unknown": N_("Ålder okänd"),
}


def age_band(age: int | None) -> str:
    for key, low, high in AGE_BANDS:
        if age is not None and age >= low and (high is None or age <= high):
            return key
    return "unknown"


def stage_label(stage: str) -> str:
    for model in stage_models().values():
        found = model.find(stage)
        if found is not None:
            return found.label.get()
    return stage


__all__ = [
    "AGE_BANDS",
    "AGE_LABELS",
    "HIDDEN",
    "HIDDEN_NOTE",
    "LESS_THAN_FIVE",
    "SEX_LABELS",
    "FollowUp",
    "StatsTable",
    "age_band",
    "make_table",
    "shown_count",
    "stage_label",
    "suppress",
]
