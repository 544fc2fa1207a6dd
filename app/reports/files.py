"""Saving a report where the user chose: refuse to overwrite, write atomically (private
temp file, fsync, rename), and audit the export by kind and file name, never content.
Shared by the CLI and the UI so both behave the same."""

from __future__ import annotations

import os
from pathlib import Path

from app.errors import Refused, file_problem
from app.fsutil import atomic_write
from app.i18n import N_
from app.pdf.pages import board_name
from app.reports.register_extract import render_register_extract
from app.reports.retention_protocol import render_retention_protocol
from app.reports.statistics import render_follow_up
from app.stats import FollowUp
from app.store import Store
from app.store.people import person_subject

EXISTS = N_("filen finns redan. Välj ett annat namn.")
#: Shown to the caseworker (never printed in the extract, which is for the person).
REVIEW_NOTE = N_(
    "Läs igenom utdraget och pröva sekretessen för uppgifter om andra personer (till "
    "exempel hotaktörer, närstående och uppgiftslämnare) innan det lämnas ut."
)
NO_PROTOCOL = N_("ingen gallring är gjord i det här valvet, så det finns inget protokoll.")


def refuse_existing(path: Path, overwrite: bool = False) -> None:
    """Raise Refused when ``path`` exists (checked before any work, so a refusal is cheap)."""
    if not overwrite and path.exists():
        raise Refused(reason=EXISTS)


def _write(path: Path, data: bytes, overwrite: bool) -> None:
    try:
        atomic_write(path, data, overwrite=overwrite)
    except FileExistsError:
        raise Refused(reason=EXISTS) from None
    except OSError as exc:  # names the path and what to do
        raise file_problem(exc, path) from None


def export_register_extract(
    store: Store, person_id: int, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Render the person's register extract and save it to ``path``. The extract itself
    is audited by the store; the saved file is audited as an export."""
    target = Path(path)
    refuse_existing(target, overwrite)
    extract = store.register_extract(person_id)
    profile = store.vault.profile()
    requested_by = ", ".join(x for x in (profile.name, profile.title) if x)
    municipality = " · ".join(x for x in (profile.municipality, profile.unit) if x)
    controller = board_name(profile.board, profile.municipality)  # the nämnd is the controller
    pdf = render_register_extract(extract, requested_by=requested_by, municipality=municipality,
                                  controller=controller)  # fmt: skip
    _write(target, pdf, overwrite)
    store.vault.audit(
        "exported", person_subject(person_id), kind="register_extract", file=target.name
    )
    return target


def export_follow_up(
    store: Store, report: FollowUp, path: str | os.PathLike[str], *, fmt: str = "pdf",
    overwrite: bool = False,
) -> Path:  # fmt: skip
    """Save follow-up statistics as ``pdf`` or ``csv`` (UTF-8 with BOM so spreadsheet
    programs read å, ä, ö) and audit the export."""
    target = Path(path)
    refuse_existing(target, overwrite)
    if fmt == "pdf":
        data = render_follow_up(report, municipality=store.vault.profile().municipality)
    elif fmt == "csv":
        data = report.to_csv().encode("utf-8-sig")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    _write(target, data, overwrite)
    store.vault.audit("exported", None, kind="stats", format=fmt, file=target.name)
    return target


__all__ = [
    "REVIEW_NOTE",
    "export_follow_up",
    "export_ivo_application",
    "export_register_extract",
    "refuse_existing",
]


def export_ivo_application(
    store: Store, transfer_id: int, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Save the material for an application to IVO about a transfer request as a PDF
    (refused, in Swedish, when the request may not go to IVO); audited as an export."""
    from app.reports.ivo_application import render_ivo_application
    from app.store.cases import case_subject

    target = Path(path)
    refuse_existing(target, overwrite)
    request = store.transfer_request(transfer_id)
    file = store.open_case(request.case_id, audit=False)
    profile = store.vault.profile()
    board = " · ".join(x for x in (profile.municipality, profile.unit) if x)
    _write(target, render_ivo_application(file, request, store.today(), board=board), overwrite)
    store.vault.audit("exported", case_subject(request.case_ref), kind="ivo_application",
                      transfer=transfer_id, file=target.name)  # fmt: skip
    return target


def export_retention_protocol(
    store: Store, path: str | os.PathLike[str], protocol_id: int | None = None, *,
    overwrite: bool = False,
) -> Path:  # fmt: skip
    """Save a gallringsprotokoll (the latest when ``protocol_id`` is None) as a PDF."""
    target = Path(path)
    refuse_existing(target, overwrite)
    protocols = store.retention_protocols()
    chosen = [p for p in protocols if protocol_id in (None, p.id)][:1]
    if not chosen:
        raise Refused(reason=NO_PROTOCOL)
    profile = store.vault.profile()
    municipality = " · ".join(x for x in (profile.municipality, profile.unit) if x)
    _write(target, render_retention_protocol(chosen[0], municipality=municipality), overwrite)
    store.vault.audit("exported", None, kind="retention_protocol", protocol=chosen[0].id,
                      file=target.name)  # fmt: skip
    return target
