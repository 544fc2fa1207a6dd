"""Schema 12: what a Swedish handover needs (issue 11).

- The profile gets the sending nämnd and the unit's phone and e-mail (the packet's
  cover names whom the receiver calls).
- A decision gets its period (valid from / until) and its grounds.
- An identifier's "valid from" is unknown unless someone entered it. Until now a new
  identifier was dated the day it was typed in (a personnummer "valid from" last week
  for someone born 1985). Such a date equals the day the row was created, so it is
  cleared; no date is invented in its place. A date typed in that happens to be the
  same day is cleared too: on the rare identifier where that matters, enter it again.
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 12

SCHEMA = """
ALTER TABLE profile ADD COLUMN board TEXT NOT NULL DEFAULT '';
ALTER TABLE profile ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE profile ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN valid_from TEXT;
ALTER TABLE decisions ADD COLUMN valid_until TEXT;
ALTER TABLE decisions ADD COLUMN grounds TEXT NOT NULL DEFAULT '';
"""

#: The "valid from" that was only the day the identifier was typed in.
CLEAR_TYPED_DATES = """
UPDATE person_identifiers SET valid_from = NULL
 WHERE valid_from IS NOT NULL AND created IS NOT NULL
   AND valid_from = substr(created, 1, 10);
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA + CLEAR_TYPED_DATES)
