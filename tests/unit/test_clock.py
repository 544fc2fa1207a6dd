"""One clock: nothing in app/ or ui/ reads the wall clock except app/clock.py (an AST
scan, like the no-Qt test), and the test clock behaves as the tests rely on."""

from __future__ import annotations

import ast
import datetime as dt

from app.clock import SYSTEM, FixedClock, stamp
from tests.conftest import REPO

#: receiver.attribute pairs that read the wall clock (calls or references)
WALL_CLOCK = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
    ("time", "asctime"),
    ("time", "strftime"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QDateTime", "currentMSecsSinceEpoch"),
    ("QDateTime", "currentSecsSinceEpoch"),
    ("QTime", "currentTime"),
}
#: names that read the wall clock when imported bare (``from time import time``)
WALL_CLOCK_IMPORTS = {("time", name) for receiver, name in WALL_CLOCK if receiver == "time"}

#: The explicit exceptions, each with its reason. Monotonic timers (time.monotonic,
#: time.perf_counter) are not listed: they measure durations and never give a date.
_SLEEP_DETECTION = (
    "sleep detection: a jump of the wall clock against the monotonic clock between two "
    "ticks means the machine slept; a difference of two readings, never a date"
)
ALLOWED = {
    ("ui/shell/autolock.py", "time.time"): _SLEEP_DETECTION,
    ("ui/shell/lifecycle.py", "time.time"): _SLEEP_DETECTION + " (passed on to the idle lock)",
}

#: Where a session starts and may default to the system clock; everything else takes
#: the session's clock from the vault, the store or its caller.
SYSTEM_CLOCK_USERS = {
    "app/vault/vault.py",  # Vault.create/unlock/recover default
    "app/vault/backup.py",  # restore_backup opens a vault
    "app/cli_case.py",  # the headless commands run on the computer's clock
    "app/cli_reports.py",
    "ui/shell/lifecycle.py",  # the GUI session
    "ui/vault/unlock.py",
    "ui/vault/recover.py",
    "ui/vault/wizard.py",
    "ui/vault/restore_dialog.py",
}


def _receiver(node: ast.expr) -> str:
    """``datetime`` for ``datetime``, ``dt.datetime`` and ``datetime.datetime``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def wall_clock_reads(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and (_receiver(node.value), node.attr) in WALL_CLOCK:
            found.append(f"{_receiver(node.value)}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found += [
                f"time.{a.name}" for a in node.names if ("time", a.name) in WALL_CLOCK_IMPORTS
            ]
    return found


def uses_system_clock(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "app.clock":
            imported = any(alias.name == "SYSTEM" for alias in node.names)
        elif isinstance(node, ast.Attribute):
            imported = (_receiver(node.value), node.attr) == ("clock", "SYSTEM")
        else:
            imported = False
        if imported:
            return True
    return False


def _sources() -> list[tuple[str, str]]:
    paths = sorted([*(REPO / "app").rglob("*.py"), *(REPO / "ui").rglob("*.py")])
    return [(p.relative_to(REPO).as_posix(), p.read_text(encoding="utf-8")) for p in paths]


def test_nothing_but_the_clock_reads_the_wall_clock() -> None:
    offenders = {}
    for name, source in _sources():
        if name == "app/clock.py":
            continue
        bad = [read for read in wall_clock_reads(source) if (name, read) not in ALLOWED]
        if bad:
            offenders[name] = bad
    assert offenders == {}


def test_every_allowed_exception_is_still_needed() -> None:
    sources = dict(_sources())
    for name, read in ALLOWED:
        assert read in wall_clock_reads(sources[name]), f"{name}: drop {read} from ALLOWED"


def test_only_session_starts_default_to_the_system_clock() -> None:
    users = {name for name, source in _sources() if uses_system_clock(source)}
    assert users - {"app/clock.py"} <= SYSTEM_CLOCK_USERS


def test_the_scan_would_catch_every_kind_of_read() -> None:
    reads = (
        "import datetime as dt\nx = dt.datetime.now(dt.UTC)\n"
        "from datetime import date\ny = date.today()\n"
        "import time\nz = time.time()\nf(clock=time.time)\n"
        "from time import time_ns\n"
        "from PySide6.QtCore import QDate, QDateTime\nQDate.currentDate()\n"
        "QDateTime.currentDateTime()\n"
        "import datetime\ndatetime.datetime.utcnow()\n"
    )
    assert sorted(wall_clock_reads(reads)) == [
        "QDate.currentDate",
        "QDateTime.currentDateTime",
        "date.today",
        "datetime.now",
        "datetime.utcnow",
        "time.time",
        "time.time",
        "time.time_ns",
    ]
    quiet = "store.today()\nclock.now()\ntime.monotonic()\ntime.perf_counter()\n"
    assert wall_clock_reads(quiet) == []


def test_fixed_clock_stands_still_until_moved() -> None:
    clock = FixedClock("2026-11-23")
    assert clock.now() == dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    assert clock.now() == clock.now()
    clock.advance(dt.timedelta(days=40))
    assert clock.now().date() == dt.date(2027, 1, 2)
    clock.advance(90)  # seconds
    assert clock.now().minute == 1 and clock.now().second == 30
    clock.set("2025-02-28T23:30:00+01:00")
    assert clock.now() == dt.datetime(2025, 2, 28, 22, 30, tzinfo=dt.UTC)
    assert stamp(clock) == "2025-02-28T22:30:00+00:00"


def test_stepping_clock_gives_ordered_moments() -> None:
    clock = FixedClock(dt.date(2026, 3, 10), step=dt.timedelta(seconds=1))
    first, second = clock.now(), clock.now()
    assert second - first == dt.timedelta(seconds=1)
    assert clock.today() == dt.date(2026, 3, 10)


def test_system_clock_is_aware_utc_and_today_is_the_local_date() -> None:
    now = SYSTEM.now()
    assert now.tzinfo is not None and now.utcoffset() == dt.timedelta(0)
    assert SYSTEM.today() in {now.astimezone().date(), SYSTEM.now().astimezone().date()}
