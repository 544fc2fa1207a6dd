"""Supervisor view: log follow-up (loggkontroll) over the audit trail, exportable as CSV.
The retention review is in :mod:`ui.casefile.retention`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.store import Store, audit_csv
from app.store.oversight import ACCESS_EVENTS
from app.store.records import AuditRow
from ui.casefile import export
from ui.casefile.events import details_text, event_label, subject_label
from ui.casefile.table import Column, ListModel, table_view
from ui.common import language
from ui.common.date_field import DateField, dates_confirmed
from ui.common.errors import Banner
from ui.common.savepath import dated

LOG_COLUMNS: list[Column[AuditRow]] = [
    Column(N_("Tid"), lambda r: r.ts[:19].replace("T", " ")),
    Column(N_("Användare"), lambda r: r.actor),
    Column(N_("Händelse"), lambda r: event_label(r.event)),
    Column(N_("Avser"), subject_label),
    Column(N_("Detaljer"), lambda r: details_text(r.details)),
]


class LogView(QWidget):
    """The audit trail filtered by user, case, period and kind of event; CSV export."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.banner = Banner(self)
        self.user = QComboBox()
        self.case = QLineEdit()
        self.start = DateField(today=store.today)
        self.until = DateField(today=store.today)
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
        self.start.setAccessibleName(_("Från"))
        self.until.setAccessibleName(_("Till och med"))
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
        if not dates_confirmed((self.start, self.until)):
            return
        self._fill_users()
        events = ACCESS_EVENTS if self.kind.currentData() == "access" else None
        self.model.set_rows(self.store.audit_log(
            user=self.user.currentData(), case_ref=self.case.text().strip() or None,
            start=self.start.value(), until=self.until.value(),
            events=events,
        ))  # fmt: skip

    def export(self) -> None:
        path = export.save_export(self, self.store, _("Exportera loggen"),
                                  dated("loggkontroll", self.store.today(), ".csv"),
                                  audit_csv(self.model.rows), "audit_log", self.banner)  # fmt: skip
        if path is not None:
            self.banner.show_info(_("Loggen är sparad som {name}.").format(name=path.name))


__all__ = ["LogView"]
