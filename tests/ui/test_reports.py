"""Saving the register extract and the follow-up statistics from the UI: the person picks
a file (the dialog is replaced here), the report is written there and nowhere else, the
window's banner says where; a cancelled dialog writes and audits nothing; work given to
``ui.common.ops`` runs off the UI thread; a refusal shows in the banner."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.store import Store
from tests.ui.test_casefile_fixtures import keep_fixture  # noqa: F401
from ui.common import reports
from ui.common.errors import Banner
from ui.common.ops import Ops


@pytest.fixture
def store(vault) -> Store:
    return Store(vault)


@pytest.fixture
def person(store: Store) -> int:
    pid = store.add_person("Alva", "Exempelsson", identifier="19900101-9802").new_id
    case = store.create_case(pid).new_id
    entry = store.add_journal_entry(case, "Första samtalet om flytten.").new_id
    store.correct_journal_entry(entry, "Första samtalet om flytten i mars.", "Fel månad")
    return pid


@pytest.fixture
def window(qtbot, keep):  # type: ignore[no-untyped-def]
    host = keep(QWidget())
    host.banner = Banner(host)
    QVBoxLayout(host).addWidget(host.banner)
    host.show()
    return host


@pytest.fixture
def chosen(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """Answer the save dialog with a file in tmp_path; remembers what it was asked."""
    asked: list[tuple[str, str, str]] = []

    def answer(name: str):  # type: ignore[no-untyped-def]
        def ask(parent, title, suggested, file_filter):  # type: ignore[no-untyped-def]
            asked.append((title, suggested, file_filter))
            return str(tmp_path / name) if name else ""

        monkeypatch.setattr(reports, "ask_path", ask)
        return tmp_path / name

    answer.asked = asked  # type: ignore[attr-defined]
    return answer


def test_register_extract_is_saved_where_the_person_chose(window, store, person, chosen):
    target = chosen("utdrag.pdf")
    saved = reports.save_register_extract(window, store, person, banner=window.banner)
    assert saved == target and target.read_bytes().startswith(b"%PDF")
    assert "utdrag.pdf" in window.banner.text and "pröva sekretessen" in window.banner.text
    title, suggested, file_filter = chosen.asked[0]
    assert title == "Spara registerutdrag" and "*.pdf" in file_filter
    assert "Alva" not in suggested  # a file name must not carry the name
    events = [r.event for r in store.audit_log(person_id=person)]
    assert events[:2] == ["exported", "register_extract"]


def test_a_cancelled_dialog_writes_and_audits_nothing(window, store, person, chosen, tmp_path):
    chosen("")
    assert reports.save_register_extract(window, store, person, banner=window.banner) is None
    assert [p.name for p in tmp_path.iterdir()] == ["vault"]
    assert "register_extract" not in [r.event for r in store.audit_log()]
    assert window.banner.text == ""


def test_the_extract_renders_off_the_ui_thread_with_ops(qtbot, window, store, person, chosen):
    target = chosen("utdrag.pdf")
    ops = Ops()
    assert reports.save_register_extract(window, store, person, ops=ops,
                                         banner=window.banner) is None  # fmt: skip
    qtbot.waitUntil(lambda: "utdrag.pdf" in window.banner.text, timeout=20000)
    assert target.read_bytes().startswith(b"%PDF")


def test_a_refusal_shows_in_the_banner(window, store, person, chosen):
    chosen("saknas/utdrag.pdf")  # the folder does not exist
    assert reports.save_register_extract(window, store, person, banner=window.banner) is None
    assert "saknas" in window.banner.text and "finns inte" in window.banner.text


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_follow_up_is_saved_as_pdf_or_csv(window, store, person, chosen, fmt):
    target = chosen(f"statistik.{fmt}")
    saved = reports.save_follow_up(window, store, "2020-01-01", "2030-12-31", fmt,
                                   banner=window.banner)  # fmt: skip
    assert saved == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF" if fmt == "pdf" else b"\xef\xbb\xbf")
    assert f"*.{fmt}" in chosen.asked[0][2]
    assert "statistik" in window.banner.text
    if fmt == "csv":
        assert b"<5" in data and b"Alva" not in data
