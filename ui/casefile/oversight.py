"""Supervisor views: retention review (gallring) and log follow-up (loggkontroll).

Nothing is deleted by itself: a case due for culling is deleted only after the
supervisor writes the decision and types the case reference to confirm it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UtvagError
from app.i18n import N_, _
from app.store import Store, audit_csv
from app.store.oversight import ACCESS_EVENTS
from app.store.records import AuditRow, RetentionCandidate
from ui import language
from ui.casefile import export
from ui.casefile.events import event_label, subject_label
from ui.casefile.table import Column, ListModel, table_view
from ui.errors import Banner

RETENTION_COLUMNS: list[Column[RetentionCandidate]] = [
    Column(N_("Ärende"), lambda c: c.ref),
    Column(N_("Avslutat"), lambda c: c.closed or ""),
    Column(N_("Senaste anteckning"), lambda c: c.last_entry or ""),
    Column(N_("Ska prövas från"), lambda c: c.due.isoformat()),
]
LOG_COLUMNS: list[Column[AuditRow]] = [
    Column(N_("Tid"), lambda r: r.ts[:19].replace("T", " ")),
    Column(N_("Användare"), lambda r: r.actor),
    Column(N_("Händelse"), lambda r: event_label(r.event)),
    Column(N_("Avser"), subject_label),
    Column(N_("Detaljer"), lambda r: ", ".join(f"{k}: {v}" for k, v in sorted(r.details.items()))),
]


class CullDialog(QDialog):
    """The decision to delete one case file: written decision plus the reference typed."""

    def __init__(self, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.setWindowTitle(_("Gallra ärende {ref}").format(ref=ref))
        text = QLabel(_("Hela akten raderas ur valvet och kan inte återställas. Beslutet "
                        "och vem som fattade det sparas i loggen."))  # fmt: skip
        text.setWordWrap(True)
        self.decision = QLineEdit()
        self.decision.setPlaceholderText(_("T.ex. beslut av enhetschef 2026-11-20, dnr 123"))
        self.confirm = QLineEdit()
        form = QFormLayout()
        form.addRow(_("Beslut"), self.decision)
        form.addRow(_("Skriv ärendereferensen"), self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Radera akten"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.decision, self.confirm):
            edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        ok = bool(self.decision.text().strip()) and self.confirm.text().strip() == self.ref
        self.ok.setEnabled(ok)


class RetentionView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.banner = Banner(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model: ListModel[RetentionCandidate] = ListModel(RETENTION_COLUMNS)
        self.view = table_view(self.model)
        self.cull_button = QPushButton()
        self.cull_button.clicked.connect(self.cull)
        self.dialog: CullDialog | None = None
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cull_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.intro.setText(_("Avslutade ärenden vars gallringsfrist har gått ut. Inget raderas "
                             "automatiskt; varje gallring är ett eget beslut."))  # fmt: skip
        self.cull_button.setText(_("Gallra …"))
        self.model.retranslate()

    def refresh(self) -> None:
        self.model.set_rows(self.store.retention_due())

    def cull(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        chosen = self.model.row_at(rows[0]) if rows else None
        if chosen is None:
            self.banner.show_info(_("Välj ett ärende i listan först."))
            return
        dialog = CullDialog(chosen.ref, self)
        dialog.accepted.connect(lambda: self._delete(chosen, dialog.decision.text().strip()))
        self.dialog = dialog
        dialog.open()

    def _delete(self, chosen: RetentionCandidate, decision: str) -> None:
        try:
            self.store.delete_for_retention(chosen.case_id, decision)
        except UtvagError as exc:  # a refusal, shown inline
            self.banner.show_error(exc)
            return
        self.banner.show_info(_("Ärende {ref} är gallrat.").format(ref=chosen.ref))
        self.refresh()


class LogView(QWidget):
    """The audit trail filtered by user, case, period and kind of event; CSV export."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.banner = Banner(self)
        self.user = QComboBox()
        self.case = QLineEdit()
        self.start, self.until = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.model: ListModel[AuditRow] = ListModel(LOG_COLUMNS)
        self.view = table_view(self.model)
        filters = QHBoxLayout()
        for widget in (self.user, self.case, self.start, self.until, self.kind,
                       self.run_button):  # fmt: skip
            filters.addWidget(widget)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.case.setPlaceholderText(_("Ärendereferens"))
        self.start.setPlaceholderText(_("Från ÅÅÅÅ-MM-DD"))
        self.until.setPlaceholderText(_("Till ÅÅÅÅ-MM-DD"))
        if self.user.count() == 0:
            self.user.addItem("", None)
        self.user.setItemText(0, _("Alla användare"))
        kind = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItem(_("Alla händelser"), None)
        self.kind.addItem(_("Åtkomst: öppnat, visat, utlämnat"), "access")
        self.kind.setCurrentIndex(max(kind, 0))
        self.run_button.setText(_("Visa"))
        self.export_button.setText(_("Exportera CSV …"))
        self.model.retranslate()

    def _fill_users(self) -> None:
        current = self.user.currentData()
        self.user.blockSignals(True)
        while self.user.count() > 1:
            self.user.removeItem(1)
        for name in self.store.audit_users():
            self.user.addItem(name, name)
        self.user.setCurrentIndex(max(self.user.findData(current), 0) if current else 0)
        self.user.blockSignals(False)

    def refresh(self) -> None:
        self._fill_users()
        events = ACCESS_EVENTS if self.kind.currentData() == "access" else None
        self.model.set_rows(self.store.audit_log(
            user=self.user.currentData(), case_ref=self.case.text().strip() or None,
            start=self.start.text().strip() or None, until=self.until.text().strip() or None,
            events=events,
        ))  # fmt: skip

    def export(self) -> None:
        path = export.save_export(self, self.store, _("Exportera loggen"), "loggkontroll.csv",
                                  audit_csv(self.model.rows), "audit_log")  # fmt: skip
        if path is not None:
            self.banner.show_info(_("Loggen är sparad som {name}.").format(name=path.name))


__all__ = ["CullDialog", "LogView", "RetentionView"]
