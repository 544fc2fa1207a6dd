"""Loggkontroll speaks words, not keys: every event the trail can hold has a label, and
every detail key stored with one, in Swedish and English; the log view shows them
("formulär: Säkerhetsplan, post: 613", "status: Aktivt")."""

from __future__ import annotations

import ast
from pathlib import Path

from app.domain.case import CaseStatus
from app.i18n import catalog
from app.store import Store
from app.vault import audit
from tests.ui.helpers import add_sample_cases
from ui.casefile.events import DETAIL_LABELS, EVENT_LABELS, VALUE_LABELS
from ui.casefile.oversight import LogView

APP = Path(__file__).resolve().parents[2] / "app"
#: Calls that write an audit row, and where the event name is among the arguments.
_EVENT_ARG = {"audit": 0, "_audit": 1, "_journal_audit": 1}
_RECEIPT = ("in", "out")  # handover_receipt_{direction}


def _audit_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name, owner = node.func.attr, node.func.value
            index = _EVENT_ARG.get(name)
            if name == "append" and isinstance(owner, ast.Name) and owner.id == "audit":
                index = 2
            if index is not None and len(node.args) > index:
                calls.append((f"{path.name}:{node.lineno}", node))
    return calls


def _event_names(arg: ast.expr) -> list[str]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if isinstance(arg, ast.IfExp):
        return _event_names(arg.body) + _event_names(arg.orelse)
    if isinstance(arg, ast.JoinedStr):
        head = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
        return [head + d for d in _RECEIPT]
    return []  # a variable: the caller passes one of the names found elsewhere


def _detail_keys(call: ast.Call) -> list[str]:
    """Keyword names, and the keys of a ``**{"from": ...}`` dict literal."""
    keys = [k.arg for k in call.keywords if k.arg]
    for k in call.keywords:
        if k.arg is None and isinstance(k.value, ast.Dict):
            keys += [d.value for d in k.value.keys if isinstance(d, ast.Constant)]
    return keys


def test_every_event_written_anywhere_is_in_the_catalog() -> None:
    unknown = []
    for where, call in _audit_calls():
        index = 2 if call.func.attr == "append" else _EVENT_ARG[call.func.attr]  # type: ignore[attr-defined]
        for name in _event_names(call.args[index]):
            if name not in audit.EVENTS:
                unknown.append(f"{where}: {name}")
    assert not unknown, f"add to app.vault.audit.EVENTS: {unknown}"


def test_every_event_and_detail_has_a_label_in_both_languages() -> None:
    keys = {key for _where, call in _audit_calls() for key in _detail_keys(call)}
    english = catalog("en")
    assert not set(audit.EVENTS) - set(EVENT_LABELS)
    assert not keys - set(DETAIL_LABELS), "label these detail keys in ui/casefile/events.py"
    labels = [*EVENT_LABELS.values(), *DETAIL_LABELS.values(), *VALUE_LABELS.values()]
    assert not [label for label in labels if label not in english]


def test_the_log_view_shows_labels_not_keys(qtbot, vault) -> None:  # type: ignore[no-untyped-def]
    store = Store(vault)
    add_sample_cases(store)
    case = store.case_id_for_ref("AV-2026-001")
    plan = store.add_form_record(
        case, "safety_plan", {"plan_date": "2026-11-20", "review_date": "2027-02-20"}
    )
    store.set_status(store.case_id_for_ref("AV-2026-002"), CaseStatus.ACTIVE, on="2026-11-23")
    view = LogView(store)
    qtbot.addWidget(view)
    view.refresh()
    shown = {
        view.model.index(r, c).data()
        for r in range(view.model.rowCount())
        for c in range(view.model.columnCount())
    }
    assert f"formulär: Säkerhetsplan, post: {plan.new_id}" in shown
    assert CaseStatus.ACTIVE.label != "active"
    assert f"status: {CaseStatus.ACTIVE.label}" in shown
    assert "Bedömning registrerad" in shown and "Status ändrad" in shown
    assert not [t for t in shown if isinstance(t, str) and "safety_plan" in t]
