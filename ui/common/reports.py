"""Saving the register extract and the follow-up statistics from the UI: ask where
(once), render and write atomically through :mod:`app.reports.files` (off the UI
thread when an :class:`ui.common.ops.Ops` is given), report the result in the window's banner.
Tests replace :data:`ask_path`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.errors import UtvagError
from app.i18n import N_, _
from app.reports.files import (
    REVIEW_NOTE,
    export_follow_up,
    export_register_extract,
    export_retention_protocol,
)
from app.store import Store
from ui.common.errors import Banner
from ui.common.ops import Ops
from ui.common.savepath import ask_save_path


def _ask(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    return ask_save_path(parent, title, suggested, file_filter)


#: (parent, title, suggested file name, filter) -> chosen path, "" when cancelled
ask_path: Callable[[QWidget, str, str, str], str] = _ask

_FILTERS = {"pdf": N_("PDF-fil (*.pdf)"), "csv": N_("CSV-fil (*.csv)")}


def _finish(
    work: Callable[[], Path], label: str, saved: Callable[[Path], str],
    ops: Ops | None, banner: Banner | None,
) -> Path | None:  # fmt: skip
    """Run ``work`` (on the pool when ``ops`` is given) and tell the banner how it went.
    Without a banner, an error is raised (sync) or goes to the one presenter (ops)."""

    def done(path: Path) -> None:
        if banner is not None:
            banner.show_info(lambda: saved(path))

    if ops is not None:
        on_error = banner.show_error if banner is not None else None
        ops.run(work, label=label, on_done=done, on_error=on_error)
        return None
    try:
        path = work()
    except UtvagError as exc:
        if banner is None:
            raise
        banner.show_error(exc)
        return None
    done(path)
    return path


def save_register_extract(
    parent: QWidget, store: Store, person_id: int, *, ops: Ops | None = None,
    banner: Banner | None = None,
) -> Path | None:  # fmt: skip
    """Ask where to save the person's register extract (PDF) and save it. Returns the
    path when saved synchronously; None when cancelled or when ``ops`` runs it."""
    suggested = f"registerutdrag-{person_id}-{store.today().isoformat()}.pdf"
    chosen = ask_path(parent, _("Spara registerutdrag"), suggested, _(_FILTERS["pdf"]))
    if not chosen:
        return None
    target = Path(chosen)
    return _finish(
        lambda: export_register_extract(store, person_id, target, overwrite=True),
        N_("Registerutdraget skapas …"),
        lambda path: (
            _("Registerutdraget är sparat som {name}.").format(name=path.name)
            + " "
            + _(REVIEW_NOTE)
        ),
        ops,
        banner,
    )


def save_follow_up(
    parent: QWidget, store: Store, start: str, until: str, fmt: str = "pdf", *,
    ops: Ops | None = None, banner: Banner | None = None,
) -> Path | None:  # fmt: skip
    """Ask where to save the follow-up statistics for ``start``..``until`` as ``pdf`` or
    ``csv``, compute them and save them."""
    if fmt not in _FILTERS:
        raise ValueError(f"unknown format {fmt!r}")
    suggested = f"uppfoljning-{start}-{until}.{fmt}"
    chosen = ask_path(parent, _("Exportera statistiken"), suggested, _(_FILTERS[fmt]))
    if not chosen:
        return None
    target = Path(chosen)
    return _finish(
        lambda: export_follow_up(
            store, store.follow_up(start, until), target, fmt=fmt, overwrite=True
        ),
        N_("Statistiken sparas …"),
        lambda path: _("Statistiken är sparad som {name}.").format(name=path.name),
        ops,
        banner,
    )


def save_retention_protocol(
    parent: QWidget, store: Store, protocol_id: int, *, ops: Ops | None = None,
    banner: Banner | None = None,
) -> Path | None:  # fmt: skip
    """Ask where to save a gallringsprotokoll (PDF) and save it."""
    suggested = f"gallringsprotokoll-{protocol_id}-{store.today().isoformat()}.pdf"
    chosen = ask_path(parent, _("Spara gallringsprotokoll"), suggested, _(_FILTERS["pdf"]))
    if not chosen:
        return None
    target = Path(chosen)
    return _finish(
        lambda: export_retention_protocol(store, target, protocol_id, overwrite=True),
        N_("Protokollet skapas …"),
        lambda path: _("Gallringsprotokollet är sparat som {name}.").format(name=path.name),
        ops,
        banner,
    )


__all__ = ["ask_path", "save_follow_up", "save_register_extract", "save_retention_protocol"]
