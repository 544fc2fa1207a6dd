"""Small building blocks shared by the windows: a titled column and a labelled form."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)


def titled_column(parent: QWidget, spacing: int = 12) -> tuple[QVBoxLayout, QLabel, QLabel]:
    """A column on ``parent`` that starts with a title and a wrapped body text."""
    heading = QLabel()
    heading.setObjectName("title")
    body = QLabel(wordWrap=True)
    layout = QVBoxLayout(parent)
    layout.setSpacing(spacing)
    layout.addWidget(heading)
    layout.addWidget(body)
    return layout, heading, body


class Form(QFormLayout):
    """A form whose labels are set (and reset after a language switch) in one call."""

    def __init__(self, *fields: QWidget) -> None:
        super().__init__()
        self.fields = fields
        for field in fields:
            label = QLabel()
            label.setBuddy(field)  # a screen reader names the field by its label
            self.addRow(label, field)

    def set_labels(self, *labels: str) -> None:
        for field, text in zip(self.fields, labels, strict=True):
            label = self.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)
                label.setVisible(bool(text))

    def set_row_visible(self, field: QWidget, visible: bool) -> None:
        """Show or hide ``field`` and its label (a label without text stays hidden)."""
        field.setVisible(visible)
        label = self.labelForField(field)
        if isinstance(label, QLabel):
            label.setVisible(visible and bool(label.text()))


def dialog_footer(
    dialog: QDialog, layout: QVBoxLayout, banner: QWidget, form: QFormLayout, *, steps: int
) -> tuple[QProgressBar, QDialogButtonBox]:
    """The banner above ``form``, then a hidden progress bar (``steps`` 0: busy
    indicator) and OK/Cancel wired to ``dialog.submit`` and ``dialog.reject``."""
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    progress = QProgressBar()
    progress.setRange(0, steps)
    progress.hide()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.submit)  # type: ignore[attr-defined]
    buttons.rejected.connect(dialog.reject)
    layout.insertWidget(1, banner)
    layout.addLayout(form)
    layout.addWidget(progress)
    layout.addWidget(buttons)
    return progress, buttons
