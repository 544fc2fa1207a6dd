"""What every tab of a case window shares: the store, the case, drafts, the clipboard,
the error banner and one way to run a store verb."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.errors import UtvagError
from app.i18n import _
from app.store import Store
from app.store.records import Changes
from ui.casefile.masking import black_out, hidden_words
from ui.common.errors import Banner
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
    #: called with the store's Changes after every successful verb (the window reloads)
    on_changed: Callable[[Changes], object] = field(default=lambda changes: None)
    masked: bool = True
    #: name words of protected, unrevealed people, blacked out in case text
    hidden: tuple[str, ...] = ()

    def mask(self, text: str) -> str:
        """``text`` with protected names blacked out (until revealed)."""
        return black_out(text, self.hidden)

    def refresh_masking(self, masked: bool) -> None:
        self.masked = masked
        self.hidden = hidden_words(self.store, self.case_id)

    def today(self) -> dt.date:
        return self.store.today()

    def run(self, verb: Callable[[], Any]) -> Any:
        """Run a store verb; show a refusal in the banner (returns None) or pass its
        Changes on so the window refreshes."""
        try:
            result = verb()
        except UtvagError as exc:
            self.banner.show_error(exc)
            return None
        self.banner.clear()
        if isinstance(result, Changes):
            self.on_changed(result)
        return result

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
