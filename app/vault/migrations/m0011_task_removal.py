"""Schema 11: a task is edited, reassigned, completed or removed with a reason (issue 12).

A removed task leaves the lists but its row stays, with who removed it, when and why
(the audit trail names the task); once removed it is not changed again. Only the
retention decision deletes task rows (with the rest of the case).
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 11

SCHEMA = """
ALTER TABLE tasks ADD COLUMN removed_at TEXT;
ALTER TABLE tasks ADD COLUMN removed_by TEXT;
ALTER TABLE tasks ADD COLUMN removed_reason TEXT NOT NULL DEFAULT '';
CREATE TRIGGER tasks_removed_stay_removed BEFORE UPDATE ON tasks
WHEN OLD.removed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a removed task is not changed'); END;
CREATE TRIGGER tasks_removed_with_reason BEFORE UPDATE OF removed_at ON tasks
WHEN NEW.removed_at IS NOT NULL AND (NEW.removed_by IS NULL OR trim(NEW.removed_reason) = '')
BEGIN SELECT RAISE(ABORT, 'a task is removed by someone, with a reason'); END;
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
