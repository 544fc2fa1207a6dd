"""Every dialog fits a laptop screen: at 1366×768 (100 %) and at 1920×1080 with 150 %
scaling (1280×720 logical pixels), each opens inside the available area with its
OK/Cancel (or Close) buttons inside the screen; a body too tall for the screen scrolls.
The dialogs come from tests/ui/dialog_catalog.py, which fails on an unlisted one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWizard

from tests.ui.dialog_catalog import FACTORIES, Kit, build_all, dialog_classes, kit
from tests.ui.test_handover_export import parties
from ui.common import fit
from ui.common.fit import TARGET_AREAS, TITLE_BAR, fit_to_screen

__all__ = ["kit", "parties"]  # fixtures, re-exported for pytest


def test_every_dialog_is_in_the_catalog() -> None:
    missing = sorted(set(dialog_classes()) - set(FACTORIES))
    assert not missing, f"add these dialogs to tests/ui/dialog_catalog.py: {missing}"
    gone = sorted(set(FACTORIES) - set(dialog_classes()))
    assert not gone, f"no longer dialogs under ui/: {gone}"


def _button_rows(dialog: QDialog) -> list[QRect]:
    """Where the dialog's buttons are, in screen coordinates."""
    if isinstance(dialog, QWizard):
        buttons = [dialog.button(b) for b in (QWizard.WizardButton.CancelButton,)]
    else:
        buttons = [b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()]
    shown = [b for b in buttons if b.isVisibleTo(dialog)]
    return [QRect(b.mapToGlobal(QPoint(0, 0)), b.size()) for b in shown]


@pytest.mark.parametrize("area", TARGET_AREAS, ids=["1366x768", "1280x720"])
def test_every_dialog_fits_with_its_buttons_on_screen(qtbot, kit: Kit, area: QRect) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for name, dialog in build_all(kit):
        dialog.show()
        fit_to_screen(dialog, area)
        QApplication.processEvents()
        extra_w, extra_h = fit.frame_extra(dialog)
        size = dialog.size().grownBy(QMargins(0, 0, extra_w, extra_h))
        fits = size.width() <= area.width() and size.height() <= area.height()
        inside = QRect(dialog.mapToGlobal(QPoint(0, 0)), dialog.size()).intersected(area)
        rows = _button_rows(dialog)
        if not rows:
            problems.append(f"{name}: no buttons found")
        elif not fits or not all(inside.contains(r) for r in rows):
            problems.append(
                f"{name}: {dialog.width()}×{dialog.height()} (minimum "
                f"{dialog.minimumSizeHint().width()}×{dialog.minimumSizeHint().height()}), "
                f"buttons at {[r.getRect() for r in rows]}"
            )
        dialog.close()
    assert not problems, "\n".join(problems)


def test_a_dialog_taller_than_the_screen_is_capped_by_the_app_wide_filter(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    fit.install(app)
    try:
        dialog = QDialog()
        qtbot.addWidget(dialog)
        dialog.resize(600, 5000)
        dialog.show()
        screen = fit.available_area(dialog)
        assert dialog.height() <= screen.height() - TITLE_BAR
        assert screen.contains(dialog.geometry())
    finally:
        fit.uninstall(app)
