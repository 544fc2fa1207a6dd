"""The history of one kind of form record (motivation or threat assessments, consents,
safety-plan versions): a table, the chosen record read-only, and buttons that open the
form editor. Corrections and revisions are new revisions; earlier ones stay readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.changes import Area, Changes
from app.domain.plan_review import ADDED as REVIEW_ADDED
from app.domain.plan_review import PlanReview
from app.forms.definition import form_definition
from app.i18n import _
from app.store.records import FormRecord
from ui.casefile.context import CaseContext
from ui.casefile.table import Column, ListModel, table_view
from ui.common import language
from ui.forms import FormDraft
from ui.forms.dialog import FormDialog
from ui.forms.view import record_html

DRAFT_KIND = "form-record"
Saver = Callable[[dict[str, Any], str], object]


class RecordHistory(QWidget):
    """``rows_of`` picks the rows to list from all revisions (default: every one)."""

    def __init__(self, ctx: CaseContext, form_id: str, columns: Sequence[Column[FormRecord]],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.form_id = ctx, form_id
        self.heading = QLabel()
        self.heading.setObjectName("subtitle")
        self.model: ListModel[FormRecord] = ListModel(columns)
        self.table = table_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail = QTextBrowser()
        self.chosen: FormRecord | None = None
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([200, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addLayout(self.buttons)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.dialog: FormDialog | None = None
        self._shown = False
        language.bind(self.retranslate)

    def retranslate(self) -> None:
        """The detail pane follows the language (its labels come from the definition)."""
        if self.chosen is not None:
            self.show_detail()
        elif self._shown:
            self.detail.setHtml("<p>" + _("Inget registrerat ännu.") + "</p>")

    def add_button(self, on_click: Callable[[], object], *, primary: bool = False) -> QPushButton:
        button = QPushButton()
        if primary:
            button.setObjectName("primary")
        button.clicked.connect(on_click)
        self.buttons.addWidget(button)
        return button

    def show_records(self, rows: Sequence[FormRecord], note: Callable[[FormRecord], str]) -> None:
        chosen = self.chosen.id if self.chosen else None
        self._shown = True
        self.model.set_rows(rows)
        self._note = note
        ids = [r.id for r in rows]
        if ids:
            self.table.selectRow(ids.index(chosen) if chosen in ids else len(ids) - 1)
        else:
            self.chosen = None
            self.detail.setHtml("<p>" + _("Inget registrerat ännu.") + "</p>")

    def _selected(self, *_args: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.chosen = self.model.row_at(rows[0]) if rows else None
        self.show_detail()

    def show_detail(self) -> None:
        record = self.chosen
        if record is None:
            self.detail.clear()
            return
        form = form_definition(record.form, record.form_version)
        head = f"<p style='color:#666'>{self._note(record)}</p>"
        self.detail.setHtml(head + record_html(form, _masked(record.data, self.ctx.mask)))

    def open_editor(self, title: str, save: Saver, *, data: dict[str, Any] | None = None,
                    reason_label: str = "", draft: str = "new",
                    previous: FormRecord | None = None) -> FormDialog:  # fmt: skip
        """The form in a dialog; what is typed is kept as a draft in the vault. Before
        saving it shows what changes against ``previous`` (by default the newest record
        of this form in the case) and what else the save will do."""
        key = self.ctx.draft_key("form", self.form_id, draft)
        store, form_id = self.ctx.store, self.form_id
        if previous is None:
            previous = store.latest_record(self.ctx.case_id, form_id)

        reviews: list[PlanReview] = []  # what the summary said the save would add

        def notes(values: dict[str, Any]) -> list[str]:
            reviews[:] = [r for r in [store.plan_review(form_id, previous, values)] if r]
            return [r.notice for r in reviews]

        dialog = FormDialog(form_definition(form_id), save, self.ctx.ops, self, title=title,
                            data=data, reason_label=reason_label, today=self.ctx.today,
                            previous=previous.data if previous else None,
                            notes=notes)  # fmt: skip
        adapter = FormDraft(dialog.editor)
        saved = self.ctx.store.vault.load_draft(key)
        if saved:  # what was typed last time wins over the suggested start values
            adapter.setPlainText(saved)
            dialog.banner.show_info(_("Utkastet är återställt från valvet."))
        self.ctx.drafts.register(key, DRAFT_KIND, adapter)  # type: ignore[arg-type]
        dialog.accepted.connect(lambda: self.ctx.drafts.discard(key))  # saved: the draft is used
        dialog.offer_discard(lambda: self.ctx.drafts.discard(key))
        dialog.accepted.connect(lambda: self._saved(dialog.result_value, reviews))
        dialog.finished.connect(lambda _result: self.ctx.drafts.unregister(key))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, changes: object, reviews: list[PlanReview]) -> None:
        """Say what the save did besides the record (a safety-plan review task)."""
        if reviews and isinstance(changes, Changes) and changes.touches(Area.TASK):
            self.ctx.banner.show_info(_(REVIEW_ADDED).format(due=reviews[0].due.isoformat()))

    def correct_chosen(self, title: str) -> None:
        """Correct the chosen record (``title`` has a ``{day}`` placeholder): a new
        revision with a reason; the earlier one stays readable."""
        record, store = self.chosen, self.ctx.store
        if record is None:
            return
        self.open_editor(
            title.format(day=record.effective),
            lambda data, reason: store.correct_form_record(record.series, data, reason),
            data=record.data, reason_label=_("Skäl till rättelsen"), draft=f"fix{record.series}",
            previous=record,
        )  # fmt: skip


def _masked(value: Any, mask: Callable[[str], str]) -> Any:
    """Every text inside a record with protected names blacked out."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [_masked(v, mask) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v, mask) for k, v in value.items()}
    return value


def author_note(record: FormRecord) -> str:
    text = _("Registrerad {when} av {author}").format(
        when=record.created[:16].replace("T", " "), author=record.author
    )
    if record.revision > 1 and record.reason:
        text += " · " + _("Ändrad: {reason}").format(reason=record.reason)
    return text


__all__ = ["RecordHistory", "author_note"]
