"""Bad input on every headless command: never a traceback, only documented exit codes,
and the vault unchanged.

The commands are read from the real argparse parser, so a new command is covered as
soon as it is registered. Each argument is tried with the bad inputs that fit its type
(:mod:`app.cli_args`): missing, nonexistent, a folder, unreadable, unwritable, empty,
huge and not UTF-8 for paths; empty, blank, huge, not UTF-8 and line breaks for text;
malformed and out-of-range dates and numbers. Standard input is tried too (empty,
huge, and raw non-UTF-8 bytes in a real process). Runs in-process through
:func:`app.cli.run`; only the raw-bytes cases start a process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app import cli
from app.cli_args import ArgType, InputFile, Integer, IsoDate, Moment, OutputFile, Text, VaultFolder
from tests.conftest import CLI
from tests.unit import cli_world as w
from tests.unit.cli_world import World, run

DOCUMENTED = {0, 2, 3, 4, 5, 6}  # `utvag --help`; 1 (a fault in Utväg) must never happen
NON_UTF8 = os.fsdecode(b"\xff\xfe-bad")  # how Python hands a non-UTF-8 argument over
HUGE_TEXT = "ä" * 100_000
#: Extra arguments a command needs to get past its own checks to the argument tried.
EXTRA = {("handover", "export"): {"--passphrase": None}, ("demo",): {"--cases": "1"}}


# ------------------------------------------------------------- the commands
def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
    tuple[tuple[str, ...], argparse.ArgumentParser]
]:  # fmt: skip
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from leaves(sub, (*path, name))
    if parser.get_default("handler") is not None:
        yield path, parser


COMMANDS = dict(leaves(cli.build_parser()))


def arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]


def name(action: argparse.Action) -> str:
    """How argparse names the argument in its messages."""
    if action.option_strings:
        return action.option_strings[0]
    return str(action.metavar or action.dest)


def kind(action: argparse.Action) -> str:
    if action.nargs == 0:
        return "flag"
    if isinstance(action.type, ArgType):
        return action.type.kind
    return "choice" if action.choices else "untyped"


# ------------------------------------------------------------ valid and bad
def valid(world: World, action: argparse.Action) -> str:
    t = action.type
    if isinstance(t, VaultFolder):
        return str(world.fresh("vault") if t.new else world.vault)
    if isinstance(t, OutputFile):
        return str(world.fresh("out.pdf"))
    if isinstance(t, InputFile):
        files = {"cert": world.cert, "to": world.cert, "source": world.backup}
        return str(files.get(action.dest, world.packet))
    if isinstance(t, Integer):
        return str(max(t.low, min(t.high, 1)))
    if isinstance(t, IsoDate):
        return "2026-06-01"
    if isinstance(t, Moment):
        return "2099-12-31"
    if action.dest in ("ref", "case"):
        return world.case_ref
    if action.choices:
        return str(next(iter(action.choices)))
    return "Exempel"


Bad = Callable[[World, Any], "str | None"]  # (world, type) -> value; None: left out
SHARED: dict[str, Bad] = {
    "missing": lambda world, t: None,
    "empty": lambda world, t: "",
    "huge": lambda world, t: "x" * 5000,
    "non-UTF-8": lambda world, t: NON_UTF8,
}
PATHS: dict[str, Bad] = {
    **SHARED,
    "nonexistent": lambda world, t: str(world.root / "no-such-folder" / "x.pdf"),
    "directory": lambda world, t: str(_folder(world.fresh("folder"))),
    "non-UTF-8 name": lambda world, t: str(world.root / NON_UTF8),
}
BAD: dict[str, dict[str, Bad]] = {
    "input": {
        **PATHS,
        "unreadable": lambda world, t: str(w.unreadable_file(world.fresh("unreadable.pdf"))),
        "empty file": lambda world, t: str(_written(world.fresh("empty.pdf"), b"")),
        "huge file": lambda world, t: str(w.huge_file(world.fresh("huge"), t.max_bytes + 1)),
        "non-UTF-8 content": lambda world, t: str(
            _written(world.fresh("bytes.pem"), bytes(range(128, 256)) * 64)
        ),
    },
    "output": {
        **PATHS,
        "unwritable": lambda world, t: str(w.unwritable_folder(world) / "out.pdf"),
        "existing file": lambda world, t: str(world.packet),
    },
    "vault": {
        **PATHS,
        "a file": lambda world, t: str(world.packet),
        "unreadable": lambda world, t: str(w.unreadable_vault(world, world.fresh("vault"))),
        "unwritable": lambda world, t: str(w.unwritable_vault(world, world.fresh("vault"))),
    },
    "text": {
        **SHARED,
        "huge": lambda world, t: HUGE_TEXT,
        "blank": lambda world, t: "   ",
        "line break": lambda world, t: "rad ett\nrad två",
    },
    "int": {
        **SHARED,
        "not a number": lambda world, t: "tre",
        "negative": lambda world, t: "-5",
        "below the range": lambda world, t: str(t.low - 1),
        "above the range": lambda world, t: str(t.high + 1),
        "huge": lambda world, t: "9" * 5000,
    },
    "date": {
        **SHARED,
        "malformed": lambda world, t: "2026-13-45",
        "words": lambda world, t: "igår",
        "out of range": lambda world, t: "0001-01-01",
    },
    "datetime": {
        **SHARED,
        "malformed": lambda world, t: "2026-02-30T25:00",
        "in the past": lambda world, t: "2000-01-01",
    },
    "choice": {**SHARED, "unknown": lambda world, t: "nonsense"},
}
#: Kinds that are always the caller's mistake: exit 2, and the message names the argument.
NOT_USAGE = {
    ("input", "empty file"), ("input", "non-UTF-8 content"), ("output", "existing file"),
    ("vault", "nonexistent"), ("vault", "directory"), ("vault", "unreadable"),
    ("vault", "unwritable"),
}  # fmt: skip


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@dataclass
class Case:
    argument: str
    kind: str
    argv: list[str]
    usage: bool


def _tokens(world: World, action: argparse.Action, value: str | None) -> list[str]:
    if not action.option_strings:
        return [] if value is None else [value]
    flag = action.option_strings[0]
    if action.nargs == 0:
        return [flag]
    return [flag] if value is None else [flag, value]


def _argv(world: World, command: tuple[str, ...], parser: argparse.ArgumentParser,
          tried: argparse.Action | None, value: str | None) -> list[str]:  # fmt: skip
    """The command with every required argument valid and ``tried`` set to ``value``."""
    chosen = {a for a in arguments(parser) if a.required or not a.option_strings}
    for group in parser._mutually_exclusive_groups:
        if group.required and tried not in group._group_actions:
            flags = [a for a in group._group_actions if a.nargs == 0]
            chosen.add((flags or group._group_actions)[0])
    extra = EXTRA.get(command, {})
    chosen |= {a for a in arguments(parser) if a.option_strings and a.option_strings[0] in extra}
    if tried is not None:
        chosen.add(tried)
    argv = list(command)
    for action in arguments(parser):
        if action not in chosen:
            continue
        if action is tried:
            argv += _tokens(world, action, value)
        elif action.option_strings and action.option_strings[0] in extra:
            extra_value = extra[action.option_strings[0]]
            argv += _tokens(world, action, extra_value)
        else:
            argv += _tokens(world, action, valid(world, action))
    return argv


def cases(world: World, command: tuple[str, ...]) -> Iterator[Case]:
    parser = COMMANDS[command]
    for action in arguments(parser):
        arg_kind = kind(action)
        for bad_kind, make in BAD.get(arg_kind, {}).items():
            if bad_kind == "missing" and not (action.required or not action.option_strings):
                bad_kind = "no value"  # optional: the flag without its value
            allowed_empty = isinstance(action.type, Text) and action.type.allow_empty
            usage = (arg_kind, bad_kind) not in NOT_USAGE and not (
                allowed_empty and bad_kind in ("empty", "blank")
            )
            value = make(world, action.type)
            yield Case(name(action), bad_kind, _argv(world, command, parser, action, value), usage)


# ------------------------------------------------------------------- tests
@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("cli-world")
    yield w.make_world(root)
    w.restore_modes(root)


def test_every_argument_of_every_command_has_a_checked_type() -> None:
    """A new argument must say what it is, or the bad inputs below cannot find it."""
    untyped = [
        f"{' '.join(cmd)} {name(a)}"
        for cmd, parser in COMMANDS.items()
        for a in arguments(parser)
        if kind(a) == "untyped"
    ]
    assert not untyped, untyped
    assert len(COMMANDS) >= 20, sorted(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS), ids=" ".join)
def test_bad_arguments_give_a_message_and_a_documented_code(world: World, command) -> None:
    before = world.digest()
    problems, tried = [], 0
    for case in cases(world, command):
        tried += 1
        result = run(*case.argv)
        where = f"{case.argument} {case.kind}: exit {result.code}: {result.out[-300:]!r}"
        if "Traceback" in result.out or result.code not in DOCUMENTED:
            problems.append(where)
        elif case.usage and (result.code != 2 or case.argument not in result.out):
            problems.append("not a usage error naming the argument: " + where)
    for label, stdin in (("empty stdin", ""), ("huge stdin", "x" * 100_000 + "\n")):
        tried += 1
        result = run(*_argv(world, command, COMMANDS[command], None, None), stdin=stdin)
        if "Traceback" in result.out or result.code not in DOCUMENTED:
            problems.append(f"{label}: exit {result.code}: {result.out[-300:]!r}")
    assert not problems, "\n".join(problems)
    assert world.digest() == before, "a bad input changed the vault"
    print(f"\n{' '.join(command)}: {tried} bad inputs, 0 tracebacks, 0 unexpected exit codes")


RAW_STDIN = b"\xff\xfe\xfa l\xf6senfras\n"  # Latin-1, not UTF-8


def test_non_utf8_bytes_on_standard_input_of_every_command(world: World) -> None:
    """Standard input as a real process has it (text over a byte buffer), raw bytes."""
    problems = []
    for command, parser in sorted(COMMANDS.items()):
        result = run(*_argv(world, command, parser, None, None), raw=RAW_STDIN)
        reads = any(isinstance(a.type, VaultFolder) for a in arguments(parser))  # a secret
        refused = result.code == 2 and "UTF-8" in result.out
        if "Traceback" in result.out or result.code not in DOCUMENTED or (reads and not refused):
            problems.append(f"{' '.join(command)}: exit {result.code}: {result.out[-200:]!r}")
    assert not problems, "\n".join(problems)


def test_non_utf8_bytes_on_standard_input_of_a_real_process(world: World) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}  # fmt: skip
    done = subprocess.run(
        [*CLI, "case", "list", "--vault", str(world.vault)],
        input=RAW_STDIN, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 2 and "UTF-8" in out and "Traceback" not in out, out


def test_the_table_covers_at_least_the_kinds_the_issue_tried(world: World) -> None:
    total = sum(len(list(cases(world, c))) + 3 for c in COMMANDS)  # +3: stdin kinds
    kinds = {(kind(a), k) for c in COMMANDS for a in arguments(COMMANDS[c])
             for k in BAD.get(kind(a), {})}  # fmt: skip
    print(f"\n{len(COMMANDS)} commands, {len(kinds)} kinds of argument input, {total} runs")
    assert total >= 149
