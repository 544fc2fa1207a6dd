"""Walk the demo's transfer case between two fresh vaults and save what both
caseworkers see as one PNG: the sender's journal, the receiver's journal and the
receiver's "Mottagna handlingar" tab (request → decision → packet → receipt → takeover).

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/transfer_screenshot.py [OUT]

All data is the fictional demo case; the vaults live in a folder that is removed
afterwards (they are encrypted like any vault; nothing is written in plain text).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from app.clock import SYSTEM
from app.crypto import kdf
from app.crypto.kdf import TEST_PARAMS
from app.demo_transfer import walk_transfer
from app.store import Store
from app.vault.vault import Profile, Vault
from ui.casefile import CaseWindow
from ui.casefile.window import Tab
from ui.common import theme
from ui.shell.drafts import DraftKeeper

WIDTH, HEIGHT, BAND = 1200, 760, 34


def _store(folder: Path, name: str, municipality: str) -> Store:
    profile = Profile(name, "Handläggare", municipality, "Avhopparverksamheten")
    vault, _recovery = Vault.create(folder, "korrekt häst batteri häftapparat", profile,
                                    params=TEST_PARAMS, bind_device=False)  # fmt: skip
    return Store(vault, clock=SYSTEM)


def _grab(store: Store, case_id: int, tab: Tab) -> QImage:
    drafts = DraftKeeper(store.vault, interval_seconds=3600)
    window = CaseWindow(store, case_id, drafts=drafts)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.show_tab(tab)
    QApplication.processEvents()
    image = window.grab().toImage()
    window.close()
    return image


def _compose(parts: list[tuple[str, QImage]]) -> QImage:
    total = sum(BAND + image.height() for _title, image in parts)
    sheet = QImage(WIDTH, total, QImage.Format.Format_RGB32)
    sheet.fill(QColor("#ffffff"))
    painter = QPainter(sheet)
    font = QFont()
    font.setBold(True)
    font.setPointSize(12)
    painter.setFont(font)
    y = 0
    for title, image in parts:
        painter.fillRect(0, y, WIDTH, BAND, QColor("#1f4e63"))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(12, y + BAND - 10, title)
        painter.drawImage(0, y + BAND, image)
        y += BAND + image.height()
    painter.end()
    return sheet


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    theme.apply(app)  # type: ignore[arg-type]
    kdf.use_params(TEST_PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        sender = _store(Path(tmp) / "a", "Demo Handläggare", "Exempelkommun")
        receiver = _store(Path(tmp) / "b", "Demo Mottagare", "Provby kommun")
        case_id, received = walk_transfer(sender, receiver)
        parts = [
            ("Exempelkommun (avsändare): begäran → beslut → laga kraft → paket → kvitto → "
             "övertagande", _grab(sender, case_id, Tab.JOURNAL)),
            ("Provby kommun (mottagare): egen journal – inkommen handling, kvitto, övertagande",
             _grab(receiver, received, Tab.JOURNAL)),
            ("Provby kommun: avsändarens journal och dokumentation som mottagna handlingar",
             _grab(receiver, received, Tab.RECEIVED)),
        ]  # fmt: skip
        _compose(parts).save(str(out))
        sender.vault.lock()
        receiver.vault.lock()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshot-transfer.png"))
