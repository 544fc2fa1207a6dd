"""The actors tab: police contact, Kriminalvården, SiS, other units and organisations
linked to the case, with their named contacts and role in this case."""

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

from app.changes import Changes
from app.domain.kinds import ActorKind
from app.i18n import N_, _
from app.store.records import Actor, CaseFile
from ui.casefile.context import CaseContext
from ui.casefile.table import Column, ListModel, table_view
from ui.common import language


def _kind(actor: Actor) -> str:
    try:
        return ActorKind(actor.kind).label
    except ValueError:
        return actor.kind


COLUMNS: list[Column[Actor]] = [
    Column(N_("Typ"), _kind),
    Column(N_("Organisation"), lambda a: a.organisation),
    Column(N_("Kontaktperson"), lambda a: a.contact_name),
    Column(N_("Telefon"), lambda a: a.phone),
    Column(N_("E-post"), lambda a: a.email),
    Column(N_("Roll i ärendet"), lambda a: a.role),
]


class LinkActorDialog(QDialog):
    """Pick a known actor or describe a new one, and its role in this case."""

    def __init__(self, known: list[Actor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Koppla aktör till ärendet"))
        self.known = QComboBox()
        self.known.addItem(_("Ny aktör (fyll i nedan)"), None)
        for actor in known:
            label = f"{actor.organisation} · {actor.contact_name}" if actor.contact_name else (
                actor.organisation)  # fmt: skip
            self.known.addItem(label, actor.id)
        self.kind = QComboBox()
        for kind in ActorKind:
            self.kind.addItem(kind.label, kind.value)
        self.organisation, self.contact = QLineEdit(), QLineEdit()
        self.phone, self.email, self.role = QLineEdit(), QLineEdit(), QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #a3261a;")
        self.error.hide()
        form = QFormLayout()
        for label, widget in (
            (_("Känd aktör"), self.known), (_("Typ"), self.kind),
            (_("Organisation"), self.organisation), (_("Kontaktperson"), self.contact),
            (_("Telefon"), self.phone), (_("E-post"), self.email),
            (_("Roll i ärendet"), self.role),
        ):  # fmt: skip
            form.addRow(label, widget)
        self.known.currentIndexChanged.connect(self._known_changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Koppla"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _known_changed(self) -> None:
        new = self.known.currentData() is None
        for widget in (self.kind, self.organisation, self.contact, self.phone, self.email):
            widget.setEnabled(new)


class ActorsTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model: ListModel[Actor] = ListModel(COLUMNS)
        self.table = table_view(self.model, stretch=5)
        self.link_button = QPushButton()
        self.link_button.setObjectName("primary")
        self.link_button.clicked.connect(self.link)
        self.unlink_button = QPushButton()
        self.unlink_button.clicked.connect(self.unlink)
        self.dialog: LinkActorDialog | None = None
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlink_button)
        buttons.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        self.link_button.setText(_("Koppla aktör …"))
        self.unlink_button.setText(_("Ta bort kopplingen"))
        self.model.retranslate()

    def show_file(self, file: CaseFile) -> None:
        self.model.set_rows(file.actors)

    def link(self) -> None:
        dialog = LinkActorDialog(self.ctx.store.actors(), self)
        dialog.accepted.connect(lambda: self._link(dialog))
        self.dialog = dialog
        dialog.open()

    def _link(self, d: LinkActorDialog) -> None:
        store, case_id, role = self.ctx.store, self.ctx.case_id, d.role.text().strip()
        known, kind = d.known.currentData(), ActorKind(d.kind.currentData())
        organisation = d.organisation.text()
        contact = {"contact_name": d.contact.text().strip(), "phone": d.phone.text().strip(),
                   "email": d.email.text().strip()}  # fmt: skip

        def verb() -> Changes:
            if known is not None:
                return store.link_actor(case_id, int(known), role)
            added = store.add_actor(kind, organisation, **contact)
            return added | store.link_actor(case_id, added.new_id, role)

        self.ctx.run(verb)

    def unlink(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        actor = self.model.row_at(rows[0]) if rows else None
        if actor is not None:
            store, case_id = self.ctx.store, self.ctx.case_id
            self.ctx.run(lambda: store.unlink_actor(case_id, actor.id))


__all__ = ["ActorsTab"]
