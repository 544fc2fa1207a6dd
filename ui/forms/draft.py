"""Lets the shell's draft keeper (``ui.shell.drafts.DraftKeeper``) keep a form editor.

The keeper tracks text editors (``toPlainText``/``setPlainText``/``textChanged``); this
adapter gives a :class:`FormEditor` that surface, with the record as JSON, so a half
filled-in assessment is saved inside the vault like any other draft.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Signal

from ui.forms.editor import FormEditor


class FormDraft(QObject):
    textChanged = Signal()

    def __init__(self, editor: FormEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        editor.changed.connect(self.textChanged)

    def toPlainText(self) -> str:
        if self.editor.is_blank():
            return ""
        record = {"form": self.editor.form.id, "version": self.editor.form.version,
                  "data": self.editor.values()}  # fmt: skip
        return json.dumps(record, ensure_ascii=False)

    def setPlainText(self, text: str) -> None:
        try:
            record = json.loads(text)
        except ValueError:
            return
        if isinstance(record, dict) and record.get("form") == self.editor.form.id:
            data = record.get("data")
            if isinstance(data, dict):
                self.editor.set_values(data)


__all__ = ["FormDraft"]
