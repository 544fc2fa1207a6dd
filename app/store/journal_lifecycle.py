"""The journal lifecycle as Swedish social services know it.

A draft (*osignerad*) is edited or discarded (*Kasta utkast*) by its author, then signed
by its author. A signed entry is never changed: it takes a correction (*rättelse*: a new
wording with a reason; the signed wording stays readable) or an addition (*tillägg*).
An entry written on the wrong client is struck (*makulering*) with a reason: it stays
in the journal, readable and marked as struck, and takes nothing more. Every step is in
the audit trail (the entry's id, never its text or reason), and the schema's triggers
refuse the same things the verbs refuse (migration 8).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.changes import Area, Changes
from app.errors import Refused, ValidationError
from app.i18n import N_, _
from app.store.base import NotFound
from app.store.cases import case_subject
from app.store.journal import (
    JournalMixin,
    add_revision,
    check_text,
    insert_addition,
    sign_entry,
    strike_entry,
)

MAX_REASON = 2_000


@dataclass(frozen=True)
class _State:
    case_id: int
    author: str
    signed: bool
    struck: bool
    text: str


def _reason(reason: str, message: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(message, field="reason", problem="")
    if len(reason) > MAX_REASON:
        raise ValidationError(N_("Skälet är för långt. Skriv det kortare."), field="reason")
    return reason


class JournalLifecycleMixin(JournalMixin):
    # ------------------------------------------------------------ drafts
    def edit_journal_draft(self, entry_id: int, text: str) -> Changes:
        """Rewrite a draft (its author only); the earlier wording stays in its history."""
        text = check_text(text)
        with self._write() as conn:
            state = self._draft(conn, entry_id, discard=False)
            if text == state.text:
                raise ValidationError(N_("Texten är oförändrad."), field="text", problem="")
            add_revision(conn, entry_id, text, self.user, self.now(), "")
            self._journal_audit(conn, "journal_draft_edited", state, entry_id)
        return self._changes(Area.JOURNAL, case_id=state.case_id, id=entry_id)

    def discard_journal_draft(self, entry_id: int) -> Changes:
        """Kasta utkast: delete a draft (its author only). A signed entry is never
        deleted; the schema allows this one delete only for the entry named in ``meta``."""
        with self._write() as conn:
            state = self._draft(conn, entry_id, discard=True)
            current = conn.execute(
                "SELECT id, text FROM journal_revisions WHERE entry_id = ?"
                " ORDER BY rev DESC LIMIT 1",
                (entry_id,),
            ).fetchone()
            conn.execute(
                "INSERT INTO journal_fts (journal_fts, rowid, text) VALUES ('delete', ?, ?)",
                current,
            )
            conn.execute("INSERT INTO meta (key, value) VALUES ('discard_entry', ?)",
                         (str(entry_id),))  # fmt: skip
            conn.execute("DELETE FROM journal_revisions WHERE entry_id = ?", (entry_id,))
            conn.execute("DELETE FROM journal_entries WHERE id = ?", (entry_id,))
            conn.execute("DELETE FROM meta WHERE key = 'discard_entry'")
            self._journal_audit(conn, "journal_draft_discarded", state, entry_id)
        # The case's last_entry stays: an entry was made then (conservative for gallring).
        return self._changes(Area.JOURNAL, case_id=state.case_id, id=entry_id)

    def _draft(self, conn: Any, entry_id: int, *, discard: bool) -> _State:
        state = self._entry_state(conn, entry_id)
        if state.signed:
            raise Refused(reason=_(
                "anteckningen är signerad och ändras aldrig. Skriv ett tillägg eller en "
                "rättelse med skäl, eller makulera den om den skrevs på fel klient."
            ))  # fmt: skip
        if state.author != self.user:
            raise Refused(reason=_("bara den som skrev utkastet kan kasta det") if discard
                          else _("bara den som skrev utkastet kan ändra det"))  # fmt: skip
        return state

    # ----------------------------------------------------------- signing
    def sign_journal_entry(self, entry_id: int) -> Changes:
        """Sign a draft (its author only): from now on it is never changed."""
        with self._write() as conn:
            state = self._entry_state(conn, entry_id)
            if state.signed:
                raise Refused(reason=_("anteckningen är redan signerad"))
            if state.author != self.user:
                raise Refused(reason=_("bara den som skrev anteckningen kan signera den"))
            sign_entry(conn, entry_id, self.now(), self.user)
            self._journal_audit(conn, "journal_signed", state, entry_id)
        return self._changes(Area.JOURNAL, case_id=state.case_id, id=entry_id)

    # ------------------------------------------------ after the signature
    def correct_journal_entry(self, entry_id: int, text: str, reason: str) -> Changes:
        """Rättelse: a new wording with a reason; the earlier wording, who corrected it,
        when and why stay readable. A struck entry takes no correction."""
        text = check_text(text)
        reason = _reason(reason, N_("Skriv varför anteckningen rättas; skälet sparas med "
                                    "rättelsen."))  # fmt: skip
        with self._write() as conn:
            state = self._not_struck(conn, entry_id)
            if text == state.text:
                raise ValidationError(N_("Texten är oförändrad."), field="text", problem="")
            add_revision(conn, entry_id, text, self.user, self.now(), reason)
            self._journal_audit(conn, "journal_corrected", state, entry_id)
        return self._changes(Area.JOURNAL, case_id=state.case_id, id=entry_id)

    def add_journal_addition(self, entry_id: int, text: str, reason: str = "") -> Changes:
        """Tillägg to a signed entry (a draft is simply edited)."""
        text = check_text(text)
        reason = reason.strip()[:MAX_REASON]
        with self._write() as conn:
            state = self._not_struck(conn, entry_id)
            if not state.signed:
                raise Refused(reason=_(
                    "anteckningen är ett utkast; ändra texten direkt. Tillägg görs till "
                    "signerade anteckningar."
                ))  # fmt: skip
            insert_addition(conn, entry_id, text, reason, self.user, self.now())
            self._journal_audit(conn, "journal_addition", state, entry_id)
        return self._changes(Area.JOURNAL, case_id=state.case_id, id=entry_id)

    def strike_journal_entry(self, entry_id: int, reason: str) -> Changes:
        """Makulering of a signed entry written on the wrong client: it stays readable,
        marked as struck with who, when and why, and takes nothing more."""
        reason = _reason(reason, N_("Skriv varför anteckningen makuleras, t.ex. att den "
                                    "skrevs på fel klient."))  # fmt: skip
        with self._write() as conn:
            state = self._not_struck(conn, entry_id)
            if not state.signed:
                raise Refused(reason=_(
                    "anteckningen är ett utkast. Kasta utkastet i stället för att makulera det."
                ))  # fmt: skip
            strike_entry(conn, entry_id, self.now(), self.user, reason)
            self._journal_audit(conn, "journal_struck", state, entry_id)
        return self._changes(Area.JOURNAL, case_id=state.case_id, id=entry_id)

    def _not_struck(self, conn: Any, entry_id: int) -> _State:
        state = self._entry_state(conn, entry_id)
        if state.struck:
            raise Refused(reason=_("anteckningen är makulerad och ändras inte mer"))
        return state

    # ----------------------------------------------------------- helpers
    @staticmethod
    def _entry_state(conn: Any, entry_id: int) -> _State:
        row = conn.execute(
            "SELECT e.case_id, e.author, e.signed_at, e.struck_at, r.text"
            " FROM journal_entries e JOIN journal_revisions r ON r.entry_id = e.id"
            " WHERE e.id = ? ORDER BY r.rev DESC LIMIT 1",
            (entry_id,),
        ).fetchone()
        if row is None:
            raise NotFound(what=f"Journalanteckning {entry_id}")
        return _State(int(row[0]), row[1], row[2] is not None, row[3] is not None, row[4])

    def _journal_audit(self, conn: Any, event: str, state: _State, entry_id: int) -> None:
        ref = self._case_ref(conn, state.case_id)
        self._audit(conn, event, case_subject(ref), entry=entry_id)


__all__ = ["JournalLifecycleMixin"]
