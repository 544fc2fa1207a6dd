"""The parts of the transfer dialog: a new request with its grounds and everyone's
wishes, the other nämnd's decision, the steps after it, and the other routes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.domain.dates import Expect
from app.domain.transfer import TransferAnswer, TransferGround, TransferRoute
from app.i18n import _
from ui.common.date_field import DateField, past_date


def date_edit(today: dt.date) -> DateField:
    """A day something happened or was decided (today or earlier)."""
    return past_date(today.isoformat())


def any_date(today: dt.date) -> DateField:
    """A day that may lie ahead (the day the other municipality takes over)."""
    return DateField(today.isoformat(), today=lambda: today, expect=Expect.ANY, required=True)


def text_box(height: int, hint: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setMaximumHeight(height)
    box.setPlaceholderText(hint)
    return box


def row(*widgets: QWidget) -> QHBoxLayout:
    line = QHBoxLayout()
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return line


class NewRequestBox(QGroupBox):
    """The written request: strongest connection (required) and its reasons, the other
    circumstances (the threat is one of them), the expected duration, the wishes."""

    def __init__(self, today: dt.date) -> None:
        super().__init__(_("Ny begäran om överflyttning"))
        self.town = QLineEdit()
        self.sent = date_edit(today)
        self.connection = text_box(64, _("Varför har klienten starkast anknytning dit? (krävs)"))
        self.threat = QCheckBox(TransferGround.THREAT.label)
        self.other = QCheckBox(TransferGround.OTHER.label)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Beskriv den andra omständigheten"))
        self.note.setAccessibleName(_("Beskriv den andra omständigheten"))
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(_("Hur länge behovet väntas bestå"))
        self.wishes = text_box(56)
        self.guardian_wishes = text_box(48, _("Om klienten är ett barn"))
        self.child_wishes = text_box(48, _("Om barnet har fyllt 15 år"))
        self.god_man_wishes = text_box(48, _("Om god man, förvaltare eller särskilt förordnad "
                                             "vårdnadshavare finns"))  # fmt: skip
        self.submit = QPushButton(_("Registrera begäran"))
        form = QFormLayout(self)
        form.addRow(_("Till kommun"), self.town)
        form.addRow(_("Skriftlig begäran skickad"), self.sent)
        form.addRow(_("Starkast anknytning"), self.connection)
        form.addRow(_("Omständigheter i övrigt"), row(self.threat, self.other))
        form.addRow("", self.note)
        form.addRow(_("Hjälpbehovets varaktighet"), self.duration)
        form.addRow(_("Klientens önskemål"), self.wishes)
        form.addRow(_("Vårdnadshavarnas önskemål"), self.guardian_wishes)
        form.addRow(_("Barnets önskemål (15 år och äldre)"), self.child_wishes)
        form.addRow(_("God mans inställning"), self.god_man_wishes)
        form.addRow("", self.submit)

    def grounds(self) -> tuple[TransferGround, ...]:
        chosen = [TransferGround.STRONGEST_CONNECTION]
        chosen += [TransferGround.THREAT] if self.threat.isChecked() else []
        chosen += [TransferGround.OTHER] if self.other.isChecked() else []
        return tuple(chosen)


class DecisionBox(QGroupBox):
    """The other nämnd's decision (a packet receipt is not one)."""

    def __init__(self, today: dt.date) -> None:
        super().__init__(_("Den andra nämndens beslut"))
        self.accepted = QRadioButton(TransferAnswer.ACCEPTED.label)
        self.declined = QRadioButton(TransferAnswer.DECLINED.label)
        self.accepted.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.accepted)
        group.addButton(self.declined)
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(_("Nämnd, utskott eller delegat"))
        self.on = date_edit(today)
        self.takeover = any_date(today)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Skäl som angavs (krävs vid nej)"))
        self.submit = QPushButton(_("Registrera beslut"))
        self.withdraw_reason = QLineEdit()
        self.withdraw_reason.setPlaceholderText(_("Varför begäran återkallas"))
        self.withdraw_reason.setAccessibleName(_("Varför begäran återkallas"))
        self.withdraw = QPushButton(_("Återkalla begäran"))
        form = QFormLayout(self)
        form.addRow(_("Beslut"), row(self.accepted, self.declined))
        form.addRow(_("Beslutat av"), self.decided_by)
        form.addRow(_("Beslutsdatum"), self.on)
        form.addRow(_("Tar över från"), self.takeover)
        form.addRow(_("Skäl"), self.note)
        form.addRow("", self.submit)
        form.addRow(_("Återkalla"), row(self.withdraw_reason, self.withdraw))


class StepsBox(QGroupBox):
    """After the decision: legal force, IVO (application, pack, decision), an appeal,
    and the day responsibility passes."""

    def __init__(self, today: dt.date) -> None:
        super().__init__(_("Laga kraft, IVO och övertagande"))
        self.force_on = date_edit(today)
        self.force_on.setAccessibleName(_("Beslutet vann laga kraft"))
        self.force = QPushButton(_("Registrera laga kraft"))
        self.ivo = QPushButton(_("Registrera ansökan till IVO idag"))
        self.ivo_pack = QPushButton(_("Spara underlag för ansökan till IVO (PDF)…"))
        self.appeal_note = QLineEdit()
        self.appeal_note.setPlaceholderText(_("Vem överklagade IVO:s beslut, och vad yrkas"))
        self.appeal_note.setAccessibleName(_("Överklagande"))
        self.appeal = QPushButton(_("Registrera överklagande"))
        self.takeover = QPushButton(_("Ansvaret har gått över idag"))
        form = QFormLayout(self)
        form.addRow(_("Beslutet vann laga kraft"), row(self.force_on, self.force))
        form.addRow(_("IVO"), row(self.ivo, self.ivo_pack))
        form.addRow(_("Överklagande"), row(self.appeal_note, self.appeal))
        form.addRow(_("Övertagande"), row(self.takeover))


class RouteBox(QGroupBox):
    """The other routes: the client moves and applies there, or the home municipality
    keeps responsibility while the client lives elsewhere."""

    def __init__(self) -> None:
        super().__init__(_("Annan väg än begäran"))
        self.route = QComboBox()
        for route in (TransferRoute.CLIENT_MOVES, TransferRoute.HOME_KEEPS):
            self.route.addItem(route.label, route.value)
        self.town = QLineEdit()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Vad som är överenskommet"))
        self.submit = QPushButton(_("Registrera"))
        form = QFormLayout(self)
        form.addRow(_("Väg"), self.route)
        form.addRow(_("Kommun"), self.town)
        form.addRow(_("Överenskommelse"), self.note)
        form.addRow("", self.submit)

    def chosen(self) -> TransferRoute:
        return TransferRoute(self.route.currentData())


__all__ = ["DecisionBox", "NewRequestBox", "RouteBox", "StepsBox", "any_date", "date_edit"]
