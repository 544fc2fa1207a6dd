"""Typed, bounded arguments and Swedish usage errors for every headless command.

Every argument goes through one of the types below, so bad input is refused while the
command line is parsed (exit 2, a Swedish message naming the argument), before a vault
is unlocked or a file is touched. Each type has a ``kind``; the bad-input test
(tests/unit/test_cli_bad_input.py) reads it to try the right bad inputs on every
argument of every command, so a new command is covered as soon as it is registered.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import secrets
import sys
from pathlib import Path
from typing import Any, NoReturn

from app.domain.dates import date_problem
from app.errors import UsageError, file_problem
from app.i18n import N_, _

MAX_SHOWN = 60  # characters of a bad value repeated back in a message
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def shown(value: str) -> str:
    """``value`` fit to be repeated in a message: one line, at most MAX_SHOWN characters,
    never a character the terminal cannot print."""
    text = value.encode("utf-8", "backslashreplace").decode("utf-8")
    text = _CONTROL.sub("?", text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _bad(message: str) -> NoReturn:
    raise argparse.ArgumentTypeError(message)


def _printable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _bad(_("värdet är inte giltig text (UTF-8). Skriv om det med vanliga tecken."))
    return value


class ArgType:
    """Base: ``kind`` tells the bad-input test which inputs to try."""

    kind = "text"
    __name__ = "value"  # argparse names the type in its own messages

    def __call__(self, value: str) -> Any:
        raise NotImplementedError


class Text(ArgType):
    """One line of text, not empty, at most ``max_chars`` characters."""

    kind = "text"

    def __init__(self, max_chars: int = 300, *, allow_empty: bool = False) -> None:
        self.max_chars = max_chars
        self.allow_empty = allow_empty

    def __call__(self, value: str) -> str:
        _printable(value)
        if len(value) > self.max_chars:
            _bad(_("texten är för lång (högst {count} tecken).").format(count=self.max_chars))
        if _CONTROL.search(value):
            _bad(_("texten innehåller radbrytningar eller styrtecken. Skriv den på en rad."))
        if not value.strip() and not self.allow_empty:
            _bad(_("texten är tom. Skriv något."))
        return value


class Integer(ArgType):
    """A whole number from ``low`` to ``high``."""

    kind = "int"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __call__(self, value: str) -> int:
        try:
            number = int(_printable(value).strip()) if len(value) <= 30 else None
        except ValueError:
            number = None
        if number is None or not self.low <= number <= self.high:
            _bad(
                _("{value} duger inte. Skriv ett heltal från {low} till {high}.").format(
                    value=shown(value), low=self.low, high=self.high
                )
            )
        return number


class Choice(ArgType):
    """One of a fixed set of words (``choices``), written as shown in ``--help``."""

    kind = "choice"

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def __call__(self, value: str) -> str:
        text = _printable(value).strip()
        if text not in self.choices:
            _bad(_("{value} finns inte. Välj bland {names}.").format(
                value=shown(value), names=", ".join(self.choices)))  # fmt: skip
        return text


def _parse_day(value: str) -> dt.date | None:
    return None if date_problem(value) else dt.date.fromisoformat(value)


class IsoDate(ArgType):
    """A calendar date written ÅÅÅÅ-MM-DD; returned as that ISO string."""

    kind = "date"

    def __call__(self, value: str) -> str:
        text = _printable(value).strip()
        problem = date_problem(text)
        if problem is not None:
            _bad(_("Fel datum {value}: {problem}").format(value=shown(value), problem=problem))
        return text


class Moment(ArgType):
    """A date (meaning the end of that day, UTC) or a date and time (ISO 8601, UTC when
    no offset is given); returned as an ISO string with offset. Whether it lies in the
    future is checked against the vault's clock when the command runs."""

    kind = "datetime"

    def __call__(self, value: str) -> str:
        text = _printable(value).strip()
        day = _parse_day(text)
        moment = dt.datetime.combine(day, dt.time(23, 59, 59), dt.UTC) if day else None
        if moment is None and "T" in text[:11] and _parse_day(text[:10]) is not None:
            try:
                moment = dt.datetime.fromisoformat(text)
            except ValueError:
                moment = None
        if moment is None:
            _bad(
                _("{value} är ingen tidpunkt. Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm.")
                .format(value=shown(value))
            )  # fmt: skip
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.isoformat(timespec="seconds")


def _checked_path(value: str) -> Path:
    text = _printable(value)
    if not text.strip():
        _bad(_("sökvägen är tom. Ange en fil eller mapp."))
    if "\x00" in text:
        _bad(_("sökvägen innehåller otillåtna tecken."))
    path = Path(text).expanduser()
    try:
        path.exists()  # a name too long, a folder on the way not readable: a usage error
    except OSError as exc:
        _bad(file_problem(exc, shown(text)).message)
    return path


class InputFile(ArgType):
    """An existing, readable regular file of at most ``max_bytes``."""

    kind = "input"

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes

    def __call__(self, value: str) -> Path:
        path = _checked_path(value)
        if not path.exists():
            _bad(_("filen {path} finns inte. Kontrollera namnet och mappen.").format(
                path=shown(str(path))))  # fmt: skip
        if not path.is_file():
            _bad(_("{path} är ingen vanlig fil (en mapp?). Ange en fil.").format(
                path=shown(str(path))))  # fmt: skip
        if path.stat().st_size > self.max_bytes:
            _bad(_("filen {path} är större än {size} MiB och kan inte vara rätt fil.").format(
                path=shown(str(path)), size=max(1, self.max_bytes >> 20)))  # fmt: skip
        try:
            with path.open("rb") as fh:
                fh.read(1)
        except OSError:
            _bad(_("filen {path} kan inte läsas. Kontrollera behörigheten.").format(
                path=shown(str(path))))  # fmt: skip
        return path


class OutputFile(ArgType):
    """A file to create, in an existing folder Utväg may write in. An existing file is
    left to the command (most refuse to overwrite, exit 5)."""

    kind = "output"

    def __call__(self, value: str) -> Path:
        path = _checked_path(value)
        if path.is_dir():
            _bad(_("{path} är en mapp. Ange ett filnamn i mappen.").format(
                path=shown(str(path))))  # fmt: skip
        folder = path.parent
        if not folder.is_dir():
            _bad(_("mappen {path} finns inte. Skapa den först eller välj en annan.").format(
                path=shown(str(folder))))  # fmt: skip
        probe = folder / f".utvag-probe-{secrets.token_hex(4)}"
        try:
            probe.touch(exist_ok=False)
            probe.unlink()
        except OSError:
            _bad(_("Utväg får inte skriva i mappen {path}. Välj en annan mapp.").format(
                path=shown(str(folder))))  # fmt: skip
        return path


class VaultFolder(ArgType):
    """A vault folder. With ``new`` it may not exist yet (nor its parents); otherwise
    whether it holds a vault is the vault's own check (exit 4 when it does not)."""

    kind = "vault"

    def __init__(self, *, new: bool = False) -> None:
        self.new = new

    def __call__(self, value: str) -> Path:
        path = _checked_path(value)
        if path.exists() and not path.is_dir():
            _bad(_("{path} är en fil, inte en mapp. Ange valvets mapp.").format(
                path=shown(str(path))))  # fmt: skip
        if self.new and not path.exists():
            # Missing parent folders are made (the default vault location does not
            # exist on a fresh machine); a file where a folder must be is refused.
            ancestor = next(p for p in path.parents if p.exists())
            if not ancestor.is_dir():
                _bad(_("{path} är en fil, inte en mapp. Ange valvets mapp.").format(
                    path=shown(str(ancestor))))  # fmt: skip
        return path


def period(start: str | None, until: str | None, today: dt.date) -> tuple[str, str]:
    """``--from``/``--until`` (already checked dates) with their defaults: the start of
    this year and today. A period that ends before it starts is a usage error."""
    first = start or f"{today.year}-01-01"
    last = until or today.isoformat()
    if first > last:
        raise UsageError(_("--from måste vara samma dag som eller före --until."))
    return first, last


# ------------------------------------------------------------------ parser
_ARGPARSE = (  # argparse's English messages (Python 3.11+) and their Swedish text
    (r"the following arguments are required: (?P<names>.*)", N_("{names} saknas.")),
    (r"one of the arguments (?P<names>.*) is required", N_("ange ett av {names}.")),
    (r"unrecognized arguments: (?P<names>.*)", N_("okänt argument: {names}")),
    (r"argument (?P<name>\S+): not allowed with argument (?P<other>.*)",
     N_("{name} kan inte anges tillsammans med {other}.")),
    (r"argument (?P<name>\S+): expected (?:one|at least one|\d+) argument.*",
     N_("{name} behöver ett värde.")),
    (r"argument (?P<name>\S+): invalid choice: (?P<value>.*) \(choose from (?P<names>.*)\)",
     N_("{name}: {value} finns inte; välj bland {names}.")),
    (r"argument (?P<name>\S+): invalid \S+ value: (?P<value>.*)",
     N_("{name}: {value} duger inte.")),
    (r"argument (?P<name>\S+): ignored explicit argument (?P<value>.*)",
     N_("{name} tar inget värde.")),
    (r"ambiguous option: (?P<name>\S+) could match (?P<names>.*)",
     N_("{name} kan betyda flera argument: {names}.")),
    (r"argument (?P<name>\S+): (?P<problem>.*)", N_("{name}: {problem}")),
)  # fmt: skip


def swedish_usage_message(message: str) -> str:
    """argparse's English error message in the current language (Swedish source)."""
    for pattern, template in _ARGPARSE:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            parts = {k: shown(v) if k == "value" else v for k, v in match.groupdict().items()}
            return _(template).format(**parts)
    return message


class Parser(argparse.ArgumentParser):
    """argparse with Swedish usage errors (exit 2) that name the argument."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = _("{prog}: fel: {message}").format(
            prog=self.prog, message=swedish_usage_message(message)
        )
        print(text, file=sys.stderr)
        print(_("Skriv {prog} --help för hjälp.").format(prog=self.prog), file=sys.stderr)
        raise SystemExit(2)


def language_in(argv: list[str]) -> str | None:
    """The ``--lang`` value in ``argv`` (read before parsing so that usage errors are
    shown in that language too)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def reconfigure_output() -> None:
    """Never let printing fail: a console that cannot show a character gets an escape."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


__all__ = [
    "ArgType",
    "Choice",
    "InputFile",
    "Integer",
    "IsoDate",
    "Moment",
    "OutputFile",
    "Parser",
    "Text",
    "VaultFolder",
    "language_in",
    "period",
    "reconfigure_output",
    "shown",
    "swedish_usage_message",
]
