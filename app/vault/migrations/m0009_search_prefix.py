"""Schema 9: search finds every journal entry while a word is being typed (issue 12).

The full-text index is built again with FTS5 prefix indexes for the first 2, 3 and 4
letters of every word, so a half-typed word is one doclist that FTS5 walks newest
first and stops, over the whole journal (before, a prefix was looked up only among the
newest 50,000 entries). A longer prefix is expanded to the index's own words through
``journal_terms`` (an fts5vocab view of the index: it stores nothing itself). Only the
current revision of each entry is indexed, as the store keeps it.
"""

from __future__ import annotations

from typing import Any

from app.vault.migrate import run_script

VERSION = 9

SCHEMA = """
DROP TABLE journal_fts;
CREATE VIRTUAL TABLE journal_fts USING fts5(
    text, content='journal_revisions', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0', prefix='2 3 4'
);
INSERT INTO journal_fts (rowid, text)
SELECT r.id, r.text FROM journal_revisions r
WHERE r.rev = (SELECT max(x.rev) FROM journal_revisions x WHERE x.entry_id = r.entry_id)
ORDER BY r.id;
CREATE VIRTUAL TABLE journal_terms USING fts5vocab(journal_fts, row);
"""


def upgrade(conn: Any) -> None:
    run_script(conn, SCHEMA)
