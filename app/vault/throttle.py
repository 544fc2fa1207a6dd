"""Growing delay between failed unlock attempts.

Failures cannot be written to the encrypted audit trail while the vault is locked, so
they are kept (time stamps only, no secrets) in ``unlock-state.json`` beside the vault
and moved into the audit chain at the next successful unlock. Nothing is ever wiped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from app.fsutil import atomic_write

STATE_FILE = "unlock-state.json"
MAX_DELAY = 60.0


def delay_after(failures: int) -> float:
    """1, 2, 4, 8 … seconds after consecutive failures, capped at a minute."""
    if failures <= 0:
        return 0.0
    return float(min(2 ** (failures - 1), MAX_DELAY))


@dataclass
class UnlockState:
    failures: int = 0
    last_failure: float = 0.0
    pending_events: list[dict[str, str]] = field(default_factory=list)

    def wait_needed(self, now: float) -> float:
        return max(0.0, self.last_failure + delay_after(self.failures) - now)


def load(folder: Path) -> UnlockState:
    try:
        data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        return UnlockState(
            failures=int(data["failures"]),
            last_failure=float(data["last_failure"]),
            pending_events=list(data.get("pending_events", [])),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return UnlockState()


def save(folder: Path, state: UnlockState) -> None:
    doc = {
        "failures": state.failures,
        "last_failure": state.last_failure,
        "pending_events": state.pending_events[-500:],
    }
    atomic_write(folder / STATE_FILE, json.dumps(doc).encode())


def record_failure(folder: Path, method: str, now: dt.datetime) -> float:
    """Record one failure at ``now`` and return the delay before the next attempt.
    The delay is kept in wall-clock seconds (it must survive a restart, so a monotonic
    clock would not do); ``now`` comes from the session's clock."""
    state = load(folder)
    state.failures += 1
    state.last_failure = now.timestamp()
    state.pending_events.append({"ts": now.isoformat(timespec="microseconds"), "method": method})
    save(folder, state)
    return delay_after(state.failures)


def clear(folder: Path) -> list[dict[str, str]]:
    """Reset after a successful unlock; return the failures to move into the audit."""
    state = load(folder)
    if state.failures or state.pending_events:
        save(folder, UnlockState())
    return state.pending_events
