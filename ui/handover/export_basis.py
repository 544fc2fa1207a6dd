"""The export wizard's legal-basis box: a consent that matches the packet's receiving
nämnd and sections, or a provision from the legal references file with the harm test
(who, when, reasoning). What the box shows is the workflow's own verdict
(:func:`app.handover.basis.match_consent`), so the GUI and the CLI refuse alike."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from app.domain import legal
from app.domain.dates import Expect, typed_date_problem
from app.handover.basis import MIN_REASONING, ConsentMatch, HarmTest, Receiver, match_consent
from app.handover.workflow import Basis, basis_options, consent_text
from app.i18n import _
from app.store import Store
from app.store.records import Consent
from ui.common.date_field import DateField

TOOLTIP = Qt.ItemDataRole.ToolTipRole


class BasisBox(QGroupBox):
    """Consent or provision + harm test; ``changed`` when the verdict may differ."""

    changed = Signal()

    def __init__(self, store: Store) -> None:
        super().__init__(_("Rättslig grund för utlämnandet"))
        self.store = store
        self.consent = QComboBox()
        self.consent.setAccessibleName(_("Grund"))
        self.consent.currentIndexChanged.connect(self.refresh)
        self.consent.activated.connect(self._chosen_by_hand)
        self.by_hand = False  # until the officer picks, the first matching consent is shown
        self.provision = QComboBox()
        self.provision.setAccessibleName(_("Bestämmelse"))
        for ref in legal.disclosure_provisions():
            self.provision.addItem(ref.cite(), ref.key)
            self.provision.setItemData(self.provision.count() - 1, ref.describe(), TOOLTIP)
        self.provision.currentIndexChanged.connect(self.refresh)
        self.harm_by = QLineEdit(store.vault.profile().name)
        self.harm_by.setAccessibleName(_("Menprövning gjord av"))
        self.harm_on = DateField(store.today().isoformat(), today=store.today,
                                 expect=Expect.PAST, required=True)  # fmt: skip
        self.harm_on.setAccessibleName(_("Menprövning gjord den"))
        self.harm_on.changed.connect(self.refresh)
        self.reasoning = QPlainTextEdit()
        self.reasoning.setAccessibleName(_("Menprövning"))
        self.reasoning.setPlaceholderText(_(
            "Varför uppgifterna kan lämnas ut utan samtycke: vilket men klienten eller "
            "närstående kan lida, och varför utlämnandet ändå behövs."
        ))  # fmt: skip
        self.reasoning.setMaximumHeight(90)
        for edit in (self.harm_by, self.reasoning):
            edit.textChanged.connect(self.refresh)
        self.verdict = QLabel(wordWrap=True)
        self.verdict.setObjectName("hint")
        form = self.form = QFormLayout(self)
        form.addRow(_("Grund"), self.consent)
        form.addRow(_("Bestämmelse"), self.provision)
        form.addRow(_("Menprövning gjord av"), self.harm_by)
        form.addRow(_("Menprövning gjord den"), self.harm_on)
        form.addRow(_("Menprövning"), self.reasoning)
        form.addRow("", self.verdict)
        self.consents: list[Consent] = []
        self.receiver = Receiver()
        self.sections: tuple[str, ...] = ()

    # ------------------------------------------------------------------ input
    def fill(self, case_ref: str, receiver: Receiver, sections: tuple[str, ...]) -> None:
        """The consents in force; the first that matches is chosen, else the provision
        (a consent to someone else is never chosen for the officer)."""
        self.consents = basis_options(self.store, case_ref)
        self.receiver, self.sections = receiver, sections
        self.consent.blockSignals(True)
        self.consent.clear()
        for consent in self.consents:
            self.consent.addItem(_("Samtycke till {recipient} (giltigt till {until})").format(
                recipient=consent.recipient or "–", until=consent.valid_until or _("tills vidare")
            ))  # fmt: skip
        self.consent.addItem(_("Utlämnande utan samtycke enligt en bestämmelse (menprövning)"))
        self.consent.blockSignals(False)
        self.by_hand = False
        self._offer()

    def _offer(self) -> None:
        """Unless the officer picked: the first matching consent, else the provision."""
        if not self.by_hand:
            matching = [i for i, c in enumerate(self.consents) if self._match(c).ok]
            self.consent.blockSignals(True)
            self.consent.setCurrentIndex(matching[0] if matching else len(self.consents))
            self.consent.blockSignals(False)
        self.refresh()

    def _chosen_by_hand(self, *_args: object) -> None:
        self.by_hand = True

    def set_receiver(self, receiver: Receiver) -> None:
        self.receiver = receiver
        self._offer()

    def select(self, consent_id: int | None, provision: str = "") -> None:
        ids = [c.record.id for c in self.consents]
        self.by_hand = consent_id in ids or bool(provision)
        if consent_id in ids:
            self.consent.setCurrentIndex(ids.index(consent_id))
        elif provision:
            self.consent.setCurrentIndex(len(self.consents))
            self.provision.setCurrentIndex(max(self.provision.findData(provision), 0))

    # ---------------------------------------------------------------- verdict
    def _match(self, consent: Consent) -> ConsentMatch:
        return match_consent(consent, self.receiver.as_json(), self.sections)

    def chosen_consent(self) -> Consent | None:
        index = self.consent.currentIndex()
        return self.consents[index] if 0 <= index < len(self.consents) else None

    def harm_test(self) -> HarmTest:
        return HarmTest(self.harm_by.text(), self.harm_on.text().strip(),
                        self.reasoning.toPlainText())  # fmt: skip

    def basis(self) -> Basis:
        consent = self.chosen_consent()
        if consent is not None:
            return Basis.of_consent(consent)
        return Basis.of_provision(str(self.provision.currentData() or ""), self.harm_test())

    def problem(self) -> str:
        """What is missing for the chosen basis (empty when it holds)."""
        consent = self.chosen_consent()
        if consent is not None:
            return self._match(consent).problem
        harm = self.harm_test()
        wrong_day = typed_date_problem(harm.on) if harm.on else _("ange datum")
        if wrong_day:
            return _("menprövningens datum: {problem}").format(problem=wrong_day)
        if not harm.by.strip() or len(harm.reasoning.strip()) < MIN_REASONING:
            return _(
                "dokumentera menprövningen: vem som gjorde den, när, och motiveringen "
                "(minst {n} tecken)"
            ).format(n=MIN_REASONING)
        return ""

    def refresh(self, *_args: object) -> None:
        consent = self.chosen_consent()
        for widget in (self.provision, self.harm_by, self.harm_on, self.reasoning):
            self.form.setRowVisible(widget, consent is None)
        problem = self.problem()
        if consent is not None and not problem:
            text = _("Samtycket gäller mottagaren och omfattar alla valda avsnitt. {consent}")
            self.verdict.setText(text.format(consent=consent_text(consent)))
        elif consent is not None:
            self.verdict.setText(_("Kan inte användas: {problem}.").format(problem=problem))
        else:
            ref = legal.reference(str(self.provision.currentData() or ""))
            text = ref.describe() + ("\n" + _("Saknas: {problem}.").format(problem=problem)
                                     if problem else "")  # fmt: skip
            self.verdict.setText(text)
        self.changed.emit()


__all__ = ["BasisBox"]
