"""Design §4b: PySide6 6.12.0 on CPython 3.11 drops a reference to None in
QStandardItemModel.setItem/appendRow (and QTableWidget.setItem); after a few thousand
calls the process aborts with "none_dealloc". Run 100,000 such calls in a child
process, so a broken PySide6 fails this test instead of killing the whole run."""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication([])
model = QStandardItemModel()
for i in range(50_000):
    model.appendRow(QStandardItem(str(i)))
for i in range(40_000):
    model.setItem(i, 1, QStandardItem("x"))
table = QTableWidget(100, 100)
for i in range(10_000):
    table.setItem(i % 100, (i // 100) % 100, QTableWidgetItem("y"))
assert model.rowCount() == 50_000
print("ok", sys.getrefcount(None))
"""


def test_100k_item_model_calls_do_not_abort_the_process() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok")
