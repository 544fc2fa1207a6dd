"""What every tab of a case window shares: the store, the case, drafts, the clipboard,
the error banner and one way to run a store verb (the session's ops runner: off the UI
thread; the runner reports what the verb changed and the window refreshes that)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.i18n import N_, _
from app.store import Store
from ui.casefile.masking import black_out
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.shell.clipboard import ClipboardGuard
from ui.shell.drafts import DraftKeeper


@dataclass
class CaseContext:
    store: Store
    case_id: int
    ref: str
    drafts: DraftKeeper
    clipboard: ClipboardGuard
    banner: Banner
    ops: Ops
    masked: bool = True
    #: name words of protected, unrevealed people, blacked out in case text
    hidden: tuple[str, ...] = ()

    def mask(self, text: str) -> str:
        """``text`` with protected names blacked out (until revealed)."""
        return black_out(text, self.hidden)

    def set_masking(self, masked: bool, hidden: tuple[str, ...]) -> None:
        self.masked, self.hidden = masked, hidden

    def today(self) -> dt.date:
        return self.store.today()

    def run(self, verb: Callable[[], Any], on_done: Callable[[Any], object] | None = None,
            on_error: Callable[[Exception], object] | None = None) -> None:  # fmt: skip
        """Run a store verb off the UI thread. A refusal shows in the banner (or goes to
        ``on_error``); on success the banner clears and ``on_done`` gets the verb's
        Changes (the runner has told every window what changed by then)."""

        def done(result: Any) -> None:
            self.banner.clear()
            if on_done is not None:
                on_done(result)

        self.ops.run(verb, label=N_("Sparas …"), on_done=done,
                     on_error=on_error or self.banner.show_error)  # fmt: skip

    def draft_key(self, *parts: object) -> str:
        return ":".join(["case", self.ref, *map(str, parts)])

    def copy(self, text: str) -> bool:
        """Copy through the clearing clipboard. While the client's identity is masked,
        case text is not copied at all: it may name them."""
        if self.masked:
            self.banner.show_info(
                _("Texten kopieras inte medan identiteten är dold. Välj ”Visa” först.")
            )
            return False
        self.clipboard.copy(text)
        seconds = self.clipboard.seconds  # as in force: never longer than the policy
        self.banner.show_info(
            lambda: _("Kopierat. Urklippet töms efter {seconds} sekunder.").format(seconds=seconds)
        )
        return True


__all__ = ["CaseContext"]
