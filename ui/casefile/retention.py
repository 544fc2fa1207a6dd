"""The supervisor's retention review (*gallring*) by person: every personal file past
the period, with its cases, why it may or may not be culled, and the decision that
culls. Nothing is deleted by itself: the supervisor names the decision maker, writes the
decision and types GALLRA to confirm. Every culling leaves a *gallringsprotokoll* (saved
as a PDF from here), and backups made before it are flagged until confirmed destroyed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import UtvagError
from app.i18n import N_, _
from app.store import Store
from app.store.records import BackupMade, FileCase, RetentionCandidate
from ui.casefile.table import ALERT, MUTED, Column, ListModel, table_view
from ui.common import language, reports
from ui.common.errors import Banner

CONFIRM_WORD = "GALLRA"
STATUS = {
    "due": N_("Får gallras"),
    "held": N_("Spärrad"),
    "research": N_("Bevaras för forskning"),
}


def _status(c: RetentionCandidate) -> str:
    text = _(STATUS[c.status])
    return f"{text}: {c.hold}" if c.status == "held" else text


PERSON_COLUMNS: list[Column[RetentionCandidate]] = [
    Column(N_("Person"), lambda c: c.name),
    Column(N_("Ärenden"), lambda c: ", ".join(c.refs)),
    Column(N_("Senaste anteckning i akten"), lambda c: c.last_entry),
    Column(N_("Får gallras från"), lambda c: c.due.isoformat()),
    Column(N_("Gallras senast"), lambda c: c.complete_by.isoformat()),
    Column(N_("Status"), _status, tone=lambda c: None if c.status == "due" else MUTED),
]
CASE_COLUMNS: list[Column[FileCase]] = [
    Column(N_("Ärende"), lambda c: c.ref),
    Column(N_("Öppnat"), lambda c: c.opened),
    Column(N_("Avslutat"), lambda c: (c.closed or "")[:10]),
    Column(N_("Senaste anteckning"), lambda c: c.last_entry),
    Column(N_("Spärr"), lambda c: c.hold, tone=lambda c: ALERT if c.hold else None),
]


class CullDialog(QDialog):
    """The decision to delete whole personal files: who decided, the decision, GALLRA."""

    def __init__(self, chosen: Sequence[RetentionCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        refs = [ref for c in chosen for ref in c.refs]
        self.setWindowTitle(_("Gallra {count} personakter").format(count=len(chosen)))
        text = QLabel(
            _(
                "Hela akterna raderas ur valvet och kan inte återställas: {refs}. "
                "Ett gallringsprotokoll sparas i valvet."
            ).format(refs=", ".join(refs))
        )
        text.setWordWrap(True)  # fmt: skip
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(_("T.ex. Eva Enhetschef, enhetschef"))
        self.decision = QLineEdit()
        self.decision.setPlaceholderText(_("T.ex. beslut 2026-11-20, dnr SN 2026/123"))
        self.confirm = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Beslutsfattare"), self.decided_by)
        form.addRow(_("Beslut"), self.decision)
        form.addRow(_("Skriv {word} för att bekräfta").format(word=CONFIRM_WORD), self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Radera akterna"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.decided_by, self.decision, self.confirm):
            edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        filled = all(e.text().strip() for e in (self.decided_by, self.decision))
        self.ok.setEnabled(filled and self.confirm.text().strip().upper() == CONFIRM_WORD)


class RetentionView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.banner = Banner(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.rule = QLabel()
        self.rule.setObjectName("hint")
        self.rule.setWordWrap(True)
        self.backups = QLabel()
        self.backups.setStyleSheet("color: #9a3412; font-weight: 600;")
        self.backups.setWordWrap(True)
        self.destroyed_button = QPushButton()
        self.destroyed_button.clicked.connect(self.confirm_destroyed)
        self.model: ListModel[RetentionCandidate] = ListModel(PERSON_COLUMNS)
        self.view = table_view(self.model, stretch=1)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.cases: ListModel[FileCase] = ListModel(CASE_COLUMNS)
        self.case_view = table_view(self.cases)
        self.cull_button = QPushButton()
        self.cull_button.setObjectName("primary")
        self.cull_button.clicked.connect(self.cull)
        self.protocol_button = QPushButton()
        self.protocol_button.clicked.connect(self.save_protocol)
        self.dialog: CullDialog | None = None
        self._backups: list[BackupMade] = []
        self._has_protocol = False
        self._layout()
        language.bind(self.retranslate)

    def _layout(self) -> None:
        warning = QHBoxLayout()
        warning.addWidget(self.backups, 1)
        warning.addWidget(self.destroyed_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.case_view)
        split.setSizes([320, 160])
        bottom = QHBoxLayout()
        bottom.addWidget(self.protocol_button)
        bottom.addStretch(1)
        bottom.addWidget(self.cull_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.intro)
        layout.addWidget(self.rule)
        layout.addLayout(warning)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.intro.setText(_("Personakter där sista anteckningen i hela akten (alla ärenden) är "
                             "äldre än gallringsfristen. Inget raderas automatiskt; varje "
                             "gallring är ett eget beslut och får ett protokoll."))  # fmt: skip
        self.cull_button.setText(_("Gallra …"))
        self.protocol_button.setText(_("Spara senaste protokoll …"))
        self.destroyed_button.setText(_("Kopiorna är förstörda"))
        self.model.retranslate()
        self.cases.retranslate()
        self._show_backups()

    def refresh(self) -> None:
        rows = self.store.retention_review()
        self.model.set_rows(rows)
        self.rule.setText(rows[0].rule if rows else "")
        self.cases.set_rows([])
        self._has_protocol = bool(self.store.retention_protocols())
        self._backups = pending_backups(self.store)
        self._show_backups()

    def _show_backups(self) -> None:
        """Shown from what ``refresh`` read (retranslating never reads the vault)."""
        text = backup_text(self._backups)
        self.protocol_button.setEnabled(self._has_protocol)
        self.backups.setVisible(bool(text))
        self.destroyed_button.setVisible(bool(text))
        self.backups.setText(text)

    def _selected(self, *_args: object) -> None:
        chosen = self.chosen()
        self.cases.set_rows([c for person in chosen for c in person.cases])

    def chosen(self) -> list[RetentionCandidate]:
        rows = self.view.selectionModel().selectedRows()
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def cull(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.banner.show_info(_("Välj en eller flera personer i listan först."))
            return
        if any(c.status != "due" for c in chosen):
            self.banner.show_info(_("Spärrade akter och akter som bevaras för forskning "
                                    "gallras inte."))  # fmt: skip
            return
        dialog = CullDialog(chosen, self)
        dialog.accepted.connect(lambda: self._delete(chosen, dialog))
        self.dialog = dialog
        dialog.open()

    def _delete(self, chosen: list[RetentionCandidate], dialog: CullDialog) -> None:
        try:
            changes = self.store.cull(
                [c.person_id for c in chosen], decided_by=dialog.decided_by.text(),
                decision=dialog.decision.text(),
            )  # fmt: skip
        except UtvagError as exc:  # a refusal, shown inline
            self.banner.show_error(exc)
            return
        self.refresh()
        self.banner.show_info(_("Gallringen är gjord: {persons} personakter. Protokoll nr {id} "
                                "är sparat i valvet; spara det som PDF för diariet.").format(
            persons=len(chosen), id=changes.id))  # fmt: skip

    def save_protocol(self) -> None:
        protocols = self.store.retention_protocols()
        if protocols:
            reports.save_retention_protocol(self, self.store, protocols[0].id,
                                            banner=self.banner)  # fmt: skip

    def confirm_destroyed(self) -> None:
        for protocol in self.store.pending_backup_warnings():
            self.store.confirm_backups_destroyed(protocol.id)
        self._backups = pending_backups(self.store)
        self._show_backups()
        self.banner.show_info(_("Noterat: säkerhetskopiorna från före gallringen är förstörda."))


def pending_backups(store: Store) -> list[BackupMade]:
    """Backups made before a culling and not yet confirmed destroyed."""
    found = {b for p in store.pending_backup_warnings() for b in p.backups}
    return sorted(found, key=lambda b: b.made)


def backup_text(backups: Sequence[BackupMade]) -> str:
    """The warning shown where backups are handled until they are confirmed destroyed
    ("" when there is nothing to warn about)."""
    if not backups:
        return ""
    days = ", ".join(sorted({b.made[:10] for b in backups}))
    return _("Säkerhetskopior gjorda före en gallring ({count} st, {days}) innehåller "
             "fortfarande gallrade uppgifter. Förstör dem och bekräfta det under Gallring.").format(
        count=len(backups), days=days)  # fmt: skip


__all__ = ["CullDialog", "RetentionView", "backup_text", "pending_backups"]
