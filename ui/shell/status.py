"""The main window's status bar: vault folder, lock state, device binding, and the
progress of running work (from ``ui.common.ops``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from app.i18n import _
from ui.common import language
from ui.common.ops import Op
from ui.common.theme import icon


class VaultStatusBar(QStatusBar):
    def __init__(self, folder: Path, binding_mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder, self.binding_mode = folder, binding_mode
        self.lock_icon = QLabel()
        self.lock_icon.setPixmap(icon("lock").pixmap(14, 14))
        self.state = QLabel()
        self.binding = QLabel()
        self.folder_label = QLabel()
        self.work = QLabel()
        self.progress = QProgressBar()
        self.progress.setFixedWidth(140)
        self.progress.hide()
        self._op: Op | None = None
        self.addWidget(self.lock_icon)
        self.addWidget(self.state)
        self.addWidget(self.binding)
        self.addWidget(self.folder_label, 1)
        self.addPermanentWidget(self.work)
        self.addPermanentWidget(self.progress)
        self.setSizeGripEnabled(False)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.state.setText(_("Upplåst"))
        self.state.setToolTip(_("Valvet är öppet. Ctrl+L låser det."))
        if self.binding_mode == "keyring":
            self.binding.setText(_("Bundet till den här datorn"))
        else:
            self.binding.setText(_("Endast lösenfras"))
        self.folder_label.setText(_("Valv: {folder}").format(folder=self.folder))
        self.folder_label.setToolTip(str(self.folder))
        self.show_work(self._op)

    def show_work(self, op: Op | None) -> None:
        self._op = op
        if op is None or not op.running:
            self.work.clear()
            self.progress.hide()
            return
        self.work.setText(_(op.label))
        if op.fraction < 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(op.fraction * 100))
        self.progress.show()
