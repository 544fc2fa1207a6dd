"""The child tab of a child's case (shown only when the client is under 18): the
guardians and what each may be told, the child's best interests, the child's own views,
and the consent and wishes of a child over 15 and of the guardians. Each record is a
form from ``resources/forms`` (editor, validation, PDF and packet share it)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import ProtectedLevel
from app.domain.minors import BEST_INTERESTS, CHILD_VIEWS, WISHES_CONSENT, MayBeTold
from app.forms.definition import form_definition
from app.i18n import N_, _
from app.store.records import CaseFile, ChildFile, FormRecord, Guardian
from ui.casefile.child_cards import option_label
from ui.casefile.context import CaseContext
from ui.casefile.records import RecordHistory, author_note
from ui.casefile.table import ALERT, Column, ListModel, table_view
from ui.common import language
from ui.common.errors import Banner


def _contact(g: Guardian) -> str:
    return ", ".join(v for v in g.person.contact.values() if v)


GUARDIAN_COLUMNS: list[Column[Guardian]] = [
    Column(N_("Vårdnadshavare"), lambda g: g.person.name),
    Column(N_("Kontakt"), _contact),
    Column(
        N_("Får veta"),
        lambda g: g.may_be_told.label,
        tone=lambda g: ALERT if g.may_be_told is not MayBeTold.ALL else None,
    ),
    Column(N_("Begränsning"), lambda g: g.told_note),
]
COLUMNS: dict[str, list[Column[FormRecord]]] = {
    BEST_INTERESTS: [
        Column(N_("Datum"), lambda r: r.effective),
        Column(N_("Barnets åsikter invägda"), lambda r: option_label(r, "views_weighed")),
        Column(N_("Bedömd av"), lambda r: str(r.data.get("assessor", ""))),
        Column(N_("Slutsats"), lambda r: str(r.data.get("conclusion", "")).split("\n")[0]),
    ],
    CHILD_VIEWS: [
        Column(N_("Datum"), lambda r: r.effective),
        Column(N_("Hur barnet kom till tals"), lambda r: option_label(r, "how")),
        Column(N_("Barnets egna ord"), lambda r: str(r.data.get("own_words", "")).split("\n")[0]),
    ],
    WISHES_CONSENT: [
        Column(N_("Datum"), lambda r: r.effective),
        Column(N_("Vem"), lambda r: option_label(r, "given_by")),
        Column(N_("Gäller"), lambda r: option_label(r, "concerns")),
        Column(N_("Samtycke"), lambda r: option_label(r, "consent")),
        Column(N_("Önskemål"), lambda r: str(r.data.get("wishes", "")).split("\n")[0]),
    ],
}
NEW_TITLES = {
    BEST_INTERESTS: N_("Ny bedömning av barnets bästa"),
    CHILD_VIEWS: N_("Barnets egna åsikter"),
    WISHES_CONSENT: N_("Samtycke och önskemål"),
}


class GuardianDialog(QDialog):
    """A new guardian: name, contact, protected identity, what they may be told."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Ny vårdnadshavare"))
        self.banner = Banner(self)
        self.given, self.family = QLineEdit(), QLineEdit()
        self.phone, self.email, self.address = QLineEdit(), QLineEdit(), QLineEdit()
        self.protected = QComboBox()
        for level in ProtectedLevel:
            self.protected.addItem(level.label, level.value)
        self.told = QComboBox()
        for option in MayBeTold:
            self.told.addItem(option.label, option.value)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("T.ex. inte barnets vistelseort (sekretess)"))
        form = QFormLayout()
        for label, widget in ((_("Förnamn"), self.given), (_("Efternamn"), self.family),
                              (_("Telefon"), self.phone), (_("E-post"), self.email),
                              (_("Adress"), self.address), (_("Skyddade personuppgifter"),
                              self.protected), (_("Får veta"), self.told),
                              (_("Vad får hen inte veta, och varför"), self.note)):  # fmt: skip
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Spara"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(self.save_requested)
        buttons.rejected.connect(self.reject)
        self.save: object = None  # set by the tab: called with this dialog
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def contact(self) -> dict[str, str]:
        fields = {"phone": self.phone, "email": self.email, "address": self.address}
        return {k: w.text().strip() for k, w in fields.items() if w.text().strip()}

    def save_requested(self) -> None:
        if callable(self.save):
            self.save(self)


class ChildTab(QWidget):
    def __init__(self, ctx: CaseContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary = QLabel()
        self.summary.setObjectName("subtitle")
        self.summary.setWordWrap(True)
        self.pages = QTabWidget()
        self.guardians: ListModel[Guardian] = ListModel(GUARDIAN_COLUMNS)
        self.guardian_view = table_view(self.guardians)
        self.add_guardian_button = QPushButton()
        self.add_guardian_button.setObjectName("primary")
        self.add_guardian_button.clicked.connect(self.add_guardian)
        guardian_page = QWidget()
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.add_guardian_button)
        box = QVBoxLayout(guardian_page)
        box.addLayout(top)
        box.addWidget(self.guardian_view, 1)
        self.pages.addTab(guardian_page, "")
        self.histories: dict[str, RecordHistory] = {}
        self.new_buttons: dict[str, QPushButton] = {}
        for form_id, columns in COLUMNS.items():
            history = RecordHistory(ctx, form_id, columns)
            self.new_buttons[form_id] = history.add_button(
                partial(self.new_record, form_id), primary=True)  # fmt: skip
            self.histories[form_id] = history
            self.pages.addTab(history, "")
        self.dialog: GuardianDialog | None = None
        self.child: ChildFile | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        titles = (_("Vårdnadshavare"), _("Barnets bästa"), _("Barnets egna åsikter"),
                  _("Samtycke och önskemål"))  # fmt: skip
        for index, title in enumerate(titles):
            self.pages.setTabText(index, title)
        self.add_guardian_button.setText(_("Lägg till vårdnadshavare …"))
        for form_id, history in self.histories.items():
            history.heading.setText(form_definition(form_id).title.get())
            self.new_buttons[form_id].setText(_("Ny …"))
            history.model.retranslate()
        self.guardians.retranslate()
        self._show_summary()

    def show_file(self, file: CaseFile) -> None:
        self.child = file.child
        self.guardians.set_rows(file.child.guardians if file.child else ())
        for form_id, history in self.histories.items():
            rows = file.child.records.get(form_id, ()) if file.child else ()
            history.show_records(rows, author_note)
        self._show_summary()

    def _show_summary(self) -> None:
        if self.child is None:
            self.summary.setText(_("Klienten är inte ett barn."))
            return
        self.summary.setText(child_summary(self.child))

    def new_record(self, form_id: str) -> None:
        start = {"assessed_on": "", "heard_on": "", "given_on": ""}
        field = form_definition(form_id).effective_field
        data = {field: self.ctx.today().isoformat()} if field in start else {}
        if form_id == BEST_INTERESTS:
            data["assessor"] = self.ctx.store.user
        self.histories[form_id].open_editor(
            _(NEW_TITLES[form_id]),
            lambda values, _reason: self.ctx.store.add_child_record(
                self.ctx.case_id, form_id, values
            ),
            data=data,
        )

    def add_guardian(self) -> None:
        dialog = GuardianDialog(self)
        dialog.save = self._save_guardian
        self.dialog = dialog
        dialog.open()

    def _save_guardian(self, dialog: GuardianDialog) -> bool:
        """Save off the UI thread; the dialog closes when it is saved, and a refusal
        (a missing reason, no name) shows in the dialog with everything still typed."""
        child = self.ctx.store.case(self.ctx.case_id).person.id
        given, family, contact = dialog.given.text(), dialog.family.text(), dialog.contact()
        level = ProtectedLevel(dialog.protected.currentData())
        told, note = MayBeTold(dialog.told.currentData()), dialog.note.text()
        self.ctx.run(
            lambda: self.ctx.store.add_guardian(
                child, given, family, contact=contact, protected_level=level,
                may_be_told=told, told_note=note,
            ),
            on_done=lambda _changes: dialog.accept(),
            on_error=dialog.banner.show_error,
        )  # fmt: skip
        return False  # closed by on_done


def child_summary(child: ChildFile) -> str:
    """One line: the child's age, whether their own consent counts, the guardians."""
    own = _("eget samtycke räknas")
    consent = own if child.may_consent else _("samtycke från vårdnadshavarna")
    text = _("Barn, {age} år ({consent}). Vårdnadshavare: {count}.")
    return text.format(age=child.age, consent=consent, count=len(child.guardians))


__all__ = ["ChildTab", "GuardianDialog", "child_summary"]
