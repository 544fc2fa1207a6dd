"""The CLI and the export wizard drive the same workflow: for the same choices (case,
sections, whole journal, recipient certificate, legal provision) they seal the same
packet. Compared after decryption: the payload JSON with the packet id, seal time and
the sending vault's random id normalised, and the text drawn on every page."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app import cli, cli_vault
from app.clock import FixedClock, SystemClock
from app.handover.schema import SECTIONS
from app.handover.verify import Verdict, open_packet, preview_document
from app.store import Store
from app.store.handover import HANDOVER_OFFICER
from tests.ui.helpers import click, tick, type_text
from tests.ui.test_handover_export import (
    NOW,
    _relays_live_with_their_ops,
    next_page,
    save_to,
)
from tests.unit.test_handover_support import (
    PASSPHRASE,
    identity,
    make_vault,
    open_plain,
    pdf_text,
    populate,
)
from ui.common.ops import Ops
from ui.handover.export_wizard import ExportWizard
from ui.shell.clipboard import ClipboardGuard

__all__ = ["_relays_live_with_their_ops"]  # the fixture, re-exported for pytest
PROVISION = "osl_necessary"
BOARD, UNIT = "Socialnämnden i Mottagarstad kommun", "Avhopparverksamheten"
HARM = "Mottagande nämnd behöver hotbilden före flytten (samma val i båda fallen)."
HARM_ON = "2025-06-02"
LEFT_OUT = "actors"


def sender(folder: Path) -> Store:
    """A sending vault with the populated case (the same data in every such vault)."""
    store = Store(make_vault(folder, "Karin Lindqvist", "Exempelby kommun"), FixedClock(NOW))
    store.set_identity(identity("Exempelby"))
    store.set_roles([HANDOVER_OFFICER])
    populate(store)
    return store


def gui_export(qtbot, store: Store, ref: str, out: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ops = Ops()
    wizard = ExportWizard(None, store, ref, ops=ops, clipboard=ClipboardGuard())
    qtbot.addWidget(wizard)
    wizard.show()
    tick(qtbot, wizard.content.sections[LEFT_OUT])
    tick(qtbot, wizard.content.whole_journal)
    next_page(qtbot, wizard)
    page = wizard.recipients
    type_text(qtbot, page.board, BOARD)
    type_text(qtbot, page.unit, UNIT)
    page.certificates.item(0).setCheckState(Qt.CheckState.Checked)
    box = page.basis_box
    box.consent.setCurrentIndex(box.consent.count() - 1)  # without consent, under a provision
    box.provision.setCurrentIndex(box.provision.findData(PROVISION))
    box.harm_on.setText(HARM_ON)
    type_text(qtbot, box.reasoning, HARM)
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.prepared is not None, timeout=30000)
    next_page(qtbot, wizard)
    save_to(monkeypatch, out)
    click(qtbot, wizard.seal_page, "Välj…")
    click(qtbot, wizard.seal_page, "Försegla och spara")
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=30000)
    assert ops.wait()
    wizard.close()


def cli_export(folder: Path, ref: str, pem: Path, out: Path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    sections = [s for s in SECTIONS if s != LEFT_OUT]
    argv = ["handover", "export", "--vault", str(folder), "--case", ref, "--to", str(pem),
            "--sections", *sections, "--recipient-board", BOARD, "--recipient-unit", UNIT,
            "--provision", PROVISION, "--harm-test", HARM, "--harm-test-on", HARM_ON,
            "--harm-test-by", "Karin Lindqvist", "--out", str(out)]  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    # the command's clock stands where the GUI's does (what is "current" depends on it)
    monkeypatch.setattr(SystemClock, "now", lambda self: NOW)
    cli_vault.reset_stdin()
    assert cli.run(argv) == 0
    return out.read_text(encoding="latin-1")[:5]


def opened(packet: Path) -> tuple[dict[str, Any], str]:
    """The payload with its random ids and seal time normalised, and the page text."""
    receiver = identity("Mottagarstad")
    data = packet.read_bytes()
    result = open_packet(
        data,
        identities=[receiver],
        trusted=[identity("Exempelby").certificate.fingerprint],
        now=NOW,
    )
    assert result.verdict is Verdict.VALID_TRUSTED and result.payload is not None
    payload = result.payload
    document = preview_document(data, identities=[receiver])
    assert document is not None
    packet = payload["packet"]
    text = pdf_text(open_plain(document)).replace(packet["id"], "<id>")
    # the sending vault's id is printed in the technical data (part of the case uid)
    text = text.replace(packet["case_uid"].split(":")[0], "<vault>")
    sealed = packet["sealed_at"]
    text = re.sub(re.escape(sealed[:16].replace("T", " ")) + r"\s*UTC", "<sealed> UTC", text)
    text = re.sub(r"elektroniskt\s*" + re.escape(sealed[:10]), "elektroniskt <day>", text)
    text = text.replace(f"{sealed[:10]}, ", "<day>, ")  # the secrecy marking's date
    packet |= {
        "id": "<id>",
        "sealed_at": "<sealed>",
        "case_uid": packet["case_uid"].split(":")[-1],  # the vault's id is random
    }
    return payload, text


def test_cli_and_gui_seal_the_same_packet(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    by_gui, by_cli = sender(tmp_path / "gui"), sender(tmp_path / "cli")
    ref = "EXB-2025-0042"  # populate's case
    pem = tmp_path / "mottagare.pem"
    pem.write_bytes(identity("Mottagarstad").certificate.to_pem())
    by_gui.add_certificate(identity("Mottagarstad").certificate, trusted=True)
    by_cli.vault.lock()  # the command opens the vault itself

    gui_export(qtbot, by_gui, ref, tmp_path / "gui.pdf", monkeypatch)
    assert cli_export(tmp_path / "cli", ref, pem, tmp_path / "cli.pdf", monkeypatch) == "%PDF-"
    by_gui.vault.lock()

    gui_payload, gui_text = opened(tmp_path / "gui.pdf")
    cli_payload, cli_text = opened(tmp_path / "cli.pdf")
    # an adult's case: the child's section is never sent
    assert gui_payload["sections"] == [s for s in SECTIONS if s not in (LEFT_OUT, "child")]
    basis = gui_payload["legal_basis"]
    assert basis["kind"] == "legal_provision" and basis["consent"] is None
    assert basis["provision"]["key"] == PROVISION
    assert basis["harm_test"] == {"by": "Karin Lindqvist", "on": HARM_ON, "reasoning": HARM}
    assert gui_payload["receiver"] == {"board": BOARD, "unit": UNIT}
    assert gui_payload == cli_payload
    assert "".join(HARM.split()) in "".join(gui_text.split())  # the harm test is in the text
    assert "<id>" in gui_text and "<sealed> UTC" in gui_text
    assert gui_text == cli_text
