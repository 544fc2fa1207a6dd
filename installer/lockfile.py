"""Read requirements/lock.txt (written by `python3 dev.py lock`) and check it against
pyproject.toml: every dependency pinned exactly, with hashes, inside pyproject's bounds,
for Python 3.11+ on Linux and Windows. Used by the SBOM step of the build and by
tests/unit/test_dependency_lock.py."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
TOOLS = ROOT / "requirements" / "tools.in"

# The platforms the lock must serve (README: Python 3.11 or newer; Linux and Windows).
TARGETS = [
    {"sys_platform": platform, "platform_system": system, "os_name": os_name,
     "platform_machine": machine, "python_version": minor, "python_full_version": f"{minor}.0",
     "implementation_name": "cpython", "platform_python_implementation": "CPython"}
    for platform, system, os_name, machine in (
        ("linux", "Linux", "posix", "x86_64"), ("win32", "Windows", "nt", "AMD64"))
    for minor in ("3.11", "3.12", "3.13")
]  # fmt: skip


@dataclass(frozen=True)
class Pin:
    name: str  # canonical (lower case, dashes)
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self, environment: dict[str, str]) -> bool:
        return self.marker is None or self.marker.evaluate(environment)


_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)\s*(?:;(?P<marker>.+))?$"
)


def read_lock(text: str) -> dict[str, Pin]:
    """The pins of a pip requirements file with hashes (one pin per package)."""
    pins: dict[str, Pin] = {}
    for raw in re.sub(r"\\\s*\n", " ", text).splitlines():  # joins continuation lines
        line = raw.strip().split(" #", 1)[0]
        if not line or line.startswith("#"):
            continue
        head, *options = re.split(r"\s+(?=--)", line)
        match = _PIN.match(head)
        if not match:
            raise ValueError(f"not an exact pin: {head!r}")
        hashes = tuple(opt.split("=", 1)[1] for opt in options if opt.startswith("--hash="))
        marker = Marker(match["marker"]) if match["marker"] else None
        name = canonicalize_name(match["name"])
        pins[name] = Pin(name, match["version"], marker, hashes)
    return pins


def declared_requirements(root: Path = ROOT) -> list[Requirement]:
    """Everything the lock must pin: the project's dependencies, all its extras, the
    build backend and the tools of requirements/tools.in."""
    with (root / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)
    lines = list(project["project"]["dependencies"])
    for extra in project["project"].get("optional-dependencies", {}).values():
        lines += extra
    lines += project["build-system"]["requires"]
    tools = (root / "requirements" / "tools.in").read_text(encoding="utf-8")
    lines += [ln.split("#", 1)[0].strip() for ln in tools.splitlines()]
    return [Requirement(line) for line in lines if line]


def problems(pins: dict[str, Pin], requirements: list[Requirement]) -> list[str]:
    """Why the lock does not serve pyproject.toml on every target (empty when it does)."""
    found: list[str] = []
    for pin in pins.values():
        if not pin.hashes or not all(h.startswith("sha256:") for h in pin.hashes):
            found.append(f"{pin.name}=={pin.version} has no sha256 hash")
    for req in requirements:
        name = canonicalize_name(req.name)
        pin = pins.get(name)
        if pin is None:
            found.append(f"{req} is not in the lock")
        elif not req.specifier.contains(pin.version, prereleases=True):
            found.append(f"{name}=={pin.version} is outside pyproject's {req}")
        else:
            missing = [t["sys_platform"] + " " + t["python_version"] for t in TARGETS
                       if not pin.applies(t)]  # fmt: skip
            if missing:
                found.append(f"{name} is not locked for {', '.join(missing)}")
    return found


@functools.cache
def _requirement(line: str) -> Requirement:
    return Requirement(line)


def unlocked_dependencies(
    pins: dict[str, Pin],
    requirements: list[Requirement],
    requires: Callable[[str], list[str] | None],
) -> list[str]:
    """Walk the dependency tree on every target (``requires`` gives a package's
    Requires-Dist, None when its metadata is not at hand): what it reaches must be
    locked for that target."""
    found: set[str] = set()
    for env in TARGETS:
        todo = [(canonicalize_name(r.name), frozenset(r.extras)) for r in requirements
                if r.marker is None or r.marker.evaluate(env)]  # fmt: skip
        seen: set[tuple[str, frozenset[str]]] = set()
        while todo:
            name, extras = todo.pop()
            if (name, extras) in seen:
                continue
            seen.add((name, extras))
            pin = pins.get(name)
            if pin is None or not pin.applies(env):
                found.add(f"{name} is needed on {env['sys_platform']} {env['python_version']}")
                continue
            for line in requires(name) or []:
                req = _requirement(line)
                wanted = extras | {""}
                if req.marker is None or any(
                    req.marker.evaluate({**env, "extra": e}) for e in wanted
                ):
                    todo.append((canonicalize_name(req.name), frozenset(req.extras)))
    return sorted(found)
