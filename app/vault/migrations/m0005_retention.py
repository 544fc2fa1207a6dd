"""Schema 5: the *gallringsprotokoll* (issue 13).

Every culling leaves one row here: when, who decided, the decision's reference, the
rule and period applied, how many persons, cases, journal entries and form records
went, and the references of the culled cases, nothing else about the people. Backups
made before the culling still hold the culled data; they are listed by date until
someone confirms they are destroyed (the only change a protocol accepts).
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 5

SCHEMA = """
CREATE TABLE retention_protocols (
    id INTEGER PRIMARY KEY,
    culled_at TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decision TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    rule TEXT NOT NULL,
    period_years INTEGER NOT NULL,
    research TEXT NOT NULL,
    persons INTEGER NOT NULL,
    cases INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    records INTEGER NOT NULL,
    case_refs TEXT NOT NULL,
    backups TEXT NOT NULL DEFAULT '[]',
    backups_destroyed_on TEXT,
    backups_destroyed_by TEXT
);
CREATE TRIGGER retention_protocols_no_delete BEFORE DELETE ON retention_protocols
BEGIN SELECT RAISE(ABORT, 'retention protocols are kept'); END;
CREATE TRIGGER retention_protocols_only_confirm BEFORE UPDATE ON retention_protocols
WHEN OLD.backups_destroyed_on IS NOT NULL OR NEW.backups_destroyed_on IS NULL
  OR NEW.culled_at IS NOT OLD.culled_at OR NEW.decided_by IS NOT OLD.decided_by
  OR NEW.decision IS NOT OLD.decision OR NEW.recorded_by IS NOT OLD.recorded_by
  OR NEW.rule IS NOT OLD.rule OR NEW.period_years IS NOT OLD.period_years
  OR NEW.research IS NOT OLD.research OR NEW.persons IS NOT OLD.persons
  OR NEW.cases IS NOT OLD.cases OR NEW.entries IS NOT OLD.entries
  OR NEW.records IS NOT OLD.records OR NEW.case_refs IS NOT OLD.case_refs
  OR NEW.backups IS NOT OLD.backups
BEGIN SELECT RAISE(ABORT, 'a retention protocol only takes the backups confirmation'); END;
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
