"""Small helpers shared by the benchmarks: timing, statistics, the result table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def samples(fn: Callable[[], object], n: int) -> list[float]:
    return [timed(fn) for _ in range(n)]


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def p95_ms(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


@dataclass
class Row:
    what: str
    measured: str
    target: str
    ok: bool

    def cells(self) -> tuple[str, str, str, str]:
        return (self.what, self.measured, self.target, "ok" if self.ok else "MISSED")


def print_table(title: str, rows: list[Row]) -> None:
    header = ("what", "measured", "target", "")
    table = [header, *[r.cells() for r in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    print(f"\n## {title}\n")
    for i, row in enumerate(table):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
