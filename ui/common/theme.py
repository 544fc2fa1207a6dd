"""A calm, professional look: one palette, one stylesheet, the app icon."""

from __future__ import annotations

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from app.resources import resource_path

ACCENT = "#1f4e5f"
STYLESHEET = f"""
QWidget {{ font-size: 10pt; }}
QMainWindow, QDialog, QWizard, QWidget#unlockWindow {{ background: #f7f6f3; }}
QLabel#title {{ font-size: 15pt; font-weight: 600; color: {ACCENT}; }}
QLabel#subtitle {{ color: #555; }}
QLabel#hint {{ color: #666; font-size: 9pt; }}
QLabel#warning {{ color: #8a5300; }}
QLabel#recoveryKey {{
    font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 13pt;
    background: white; border: 1px solid #c9c6bd; border-radius: 6px; padding: 10px;
}}
QFrame#card {{ background: white; border: 1px solid #dedbd3; border-radius: 8px; }}
QFrame#banner {{ border-radius: 6px; }}
QFrame#banner[kind="error"] {{ background: #fbe9e7; border: 1px solid #e0a59c; }}
QFrame#banner[kind="warning"] {{ background: #fff4e0; border: 1px solid #e8c27a; }}
QFrame#banner[kind="info"] {{ background: #e8f1f5; border: 1px solid #9fc2d1; }}
QLineEdit, QPlainTextEdit {{
    background: white; border: 1px solid #c9c6bd; border-radius: 4px; padding: 4px 6px;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QPushButton {{
    background: white; border: 1px solid #b9b5aa; border-radius: 4px; padding: 5px 14px;
}}
QPushButton:hover {{ background: #efede7; }}
QPushButton:default, QPushButton#primary {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT};
}}
QPushButton:default:hover, QPushButton#primary:hover {{ background: #2a6579; }}
QPushButton:disabled, QPushButton:default:disabled, QPushButton#primary:disabled {{
    color: #8c8a84; background: #eeece6; border: 1px solid #d6d3ca;
}}
QProgressBar {{ border: 1px solid #c9c6bd; border-radius: 4px; background: white;
    text-align: center; max-height: 10px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
QTableView {{ background: white; border: 1px solid #dedbd3; gridline-color: #ece9e2;
    selection-background-color: #d5e5eb; selection-color: black; }}
QTableView:focus, QListView:focus, QTreeView:focus {{ border: 2px solid {ACCENT}; }}
QTableView::item:focus, QListView::item:focus, QTreeView::item:focus {{
    border: 2px solid {ACCENT}; background: #d5e5eb; color: black;
}}
QHeaderView::section {{ background: #efede7; border: none;
    border-bottom: 1px solid #dedbd3; padding: 5px 6px; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid #dedbd3; background: white; }}
QStatusBar {{ background: #efede7; color: #444; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QSpinBox, QComboBox {{ min-height: 22px; }}
QStatusBar QLabel {{ padding: 0 6px; }}
QScrollArea#dialogBody, QWidget#scrollBody {{ background: transparent; }}
"""


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def app_icon() -> QIcon:
    return icon("utvag")


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
    app.setWindowIcon(app_icon())
