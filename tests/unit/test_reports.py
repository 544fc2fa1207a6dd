"""The register extract and the follow-up statistics as PDFs: read back with pdftotext,
they hold every section's key content for the person (with a correction and its earlier
text), nothing about another person, the secrecy marking and "sida X av Y" on every
page, embedded fonts; statistics keep "<5" and show no names. Saving refuses to
overwrite, writes atomically and is audited; the CLI does the same."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app import cli, cli_vault
from app.clock import FixedClock
from app.domain.kinds import ProtectedLevel, RelationKind
from app.errors import FileProblem, Refused
from app.pdf.pages import secrecy_mark
from app.reports import render_follow_up, render_register_extract
from app.reports.files import export_follow_up, export_register_extract
from app.reports.register_extract import ExtractUnrenderable
from app.store import Store
from tests.conftest import PASSPHRASE
from tests.unit.test_handover_support import populate

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
OTHER = "Zebrina Annanperson"
OTHER_TEXT = "ANNANS-HEMLIGA-ANTECKNING"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pages(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


@pytest.fixture
def store(vault):
    return Store(vault, clock=FixedClock(NOW))


@pytest.fixture
def person(store) -> int:
    """The populated fictional case (with a corrected journal entry) plus a decision,
    and another person whose data must never appear in the first one's extract."""
    ref = populate(store)
    case_id = store.case_id_for_ref(ref)
    store.add_decision(case_id, "Skyddat boende", "SoL 4 kap. 1 §", "2026-02-01",
                       "Enhetschef Ek", "Kan överklagas inom tre veckor.")  # fmt: skip
    given, family = OTHER.split()
    other = store.add_person(given, family, identifier="19900101-9802").id
    other_case = store.create_case(other, ref="EXB-2026-0999").id
    store.add_journal_entry(other_case, f"{OTHER_TEXT} om en helt annan klient.")
    store.link_person(case_id, other, RelationKind.SIBLING)  # related: only the relation may appear
    return int(store.case(case_id).person.id)


@pytest.fixture
def extract_pdf(store, person) -> bytes:
    extract = store.register_extract(person)
    return render_register_extract(
        extract, requested_by="Test Handläggare", municipality="Exempelstads kommun"
    )


def test_the_extract_holds_every_section_for_the_person(extract_pdf):
    text = " ".join(pdf_text(extract_pdf).split())
    expected = [
        # cover: who, when, legal basis
        "Registerutdrag", "Aleksandr Łukasz Nowak-Öberg", "2026-11-23", "artikel 15",
        "senast inom en månad", "sekretess", "Test Handläggare", "Exempelstads kommun",
        # identity with validity periods
        "Identitetsuppgifter", "Personnummer", "19980714-", "Giltigt från", "Giltigt till",
        "ryska (Александр)", "Skyddad folkbokföring",
        # case, decisions
        "Ärende EXB-2025-0042", "Statushistorik", "Beslut", "Skyddat boende",
        "SoL 4 kap. 1 §", "Enhetschef Ek",
        # journal with the correction and the earlier text
        "Journal", "Anteckning nr 000", "Rättad text om mötet.",
        "Skäl: Fel datum i anteckningen", "Ursprunglig text", "Anteckning nr 003",
        # assessments, safety plans, consents
        "Motivationsbedömningar", "Hotbedömningar", "akut hotnivå", "Säkerhetsplaner",
        "Gällande version", "Tidigare version", "Samtycken", "Mottagarstads kommun",
        # actors, tasks, disclosures
        "Polisen, region Öst", "Boka möte med mottagande kommun",
        "Utlämnanden av uppgifterna", "Slut på utdraget.",
    ]  # fmt: skip
    missing = [item for item in expected if item not in text]
    assert not missing, missing


def test_nothing_about_another_person(extract_pdf):
    text = pdf_text(extract_pdf)
    for needle in (*OTHER.split(), OTHER_TEXT, "EXB-2026-0999", "19900101"):
        assert needle not in text
    assert "Syskon" in text  # the relation is the subject's own data; the name is not


def test_every_page_is_marked_and_numbered(extract_pdf):
    found = pages(extract_pdf)
    assert len(found) >= 5
    for number, page in enumerate(found, start=1):
        assert secrecy_mark() in page
        assert f"sida {number} av {len(found)}" in " ".join(page.split())


@pytest.mark.interop
def test_fonts_are_embedded(extract_pdf, tmp_path):
    # poppler's pdffonts, installed by .ci/interop.sh, is the independent judge here
    if shutil.which("pdffonts") is None and not os.environ.get("CI"):
        pytest.skip("needs pdffonts (poppler-utils)")
    path = tmp_path / "x.pdf"
    path.write_bytes(extract_pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]  # fmt: skip
    embedded = [line.split()[0] for line in listing if line.split()[-5] == "yes"]
    others = [line.split()[0] for line in listing if line.split()[-5] != "yes"]
    assert {name.split("+")[-1] for name in embedded} == {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
    }  # fmt: skip
    assert others == []


def test_the_extract_of_a_person_without_a_case(store):
    pid = store.add_person("Ensam", "Exempelsson", protected_level=ProtectedLevel.NONE).id
    pdf = render_register_extract(store.register_extract(pid), requested_by="", municipality="")
    text = pdf_text(pdf)
    assert "Ensam Exempelsson" in text and "Det finns inga ärenden om dig." in text


def test_text_the_fonts_cannot_show_is_refused_by_field_never_by_content(store):
    pid = store.add_person("Mei", "Exempel").id
    case_id = store.create_case(pid).id
    store.add_journal_entry(case_id, "Namnet skrivs 美 på kinesiska.")
    with pytest.raises(ExtractUnrenderable) as caught:
        render_register_extract(store.register_extract(pid), requested_by="", municipality="")
    assert "journal" in caught.value.message and "U+7F8E" in caught.value.message
    assert "kinesiska" not in caught.value.message


def test_statistics_keep_suppression_and_hold_no_names(store, person):
    report = store.follow_up("2020-01-01", "2026-12-31")
    pdf = render_follow_up(report, municipality="Exempelstad")
    text = pdf_text(pdf)
    assert "Uppföljningsstatistik" in text and "2020-01-01 – 2026-12-31" in text
    assert "<5" in text
    for table in report.tables:
        assert table.title in text
    for name in ("Aleksandr", "Nowak", *OTHER.split(), "EXB-2025-0042", "Sekretess"):
        assert name not in text
    assert all("sida" in page for page in pages(pdf))


def test_saving_refuses_to_overwrite_and_is_audited(store, person, tmp_path):
    target = tmp_path / "out" / "utdrag.pdf"
    target.parent.mkdir()
    saved = export_register_extract(store, person, target)
    assert saved == target and target.read_bytes().startswith(b"%PDF")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(Refused, match="finns redan"):
        export_register_extract(store, person, target)
    events = [(r.event, r.details.get("kind")) for r in store.audit_log(person_id=person)]
    assert events[:2] == [("exported", "register_extract"), ("register_extract", None)]
    assert [p.name for p in target.parent.iterdir()] == ["utdrag.pdf"]  # no temp file left


def test_statistics_save_as_pdf_or_csv(store, person, tmp_path):
    report = store.follow_up("2020-01-01", "2026-12-31")
    csv_path = export_follow_up(store, report, tmp_path / "s.csv", fmt="csv")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf") and b"<5" in csv_path.read_bytes()
    pdf_path = export_follow_up(store, report, tmp_path / "s.pdf")
    assert pdf_path.read_bytes().startswith(b"%PDF")
    kinds = [r.details.get("format") for r in store.audit_log(events=["exported"])]
    assert kinds == ["pdf", "csv"]


# ---------------------------------------------------------------------- CLI
def _run(monkeypatch, capsys, *argv: str) -> tuple[int, str]:
    if "app.cli_reports" not in cli.COMMAND_MODULES:  # until the lead registers it
        monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "app.cli_reports"))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    cli_vault.reset_stdin()
    code = cli.run(list(argv))
    return code, capsys.readouterr().err


def test_cli_person_extract_writes_once_and_refuses_to_overwrite(
    monkeypatch, capsys, vault, vault_dir, tmp_path
):
    store = Store(vault)
    ref = populate(store)
    pid = store.case(store.case_id_for_ref(ref)).person.id
    vault.lock()
    out = tmp_path / "utdrag.pdf"
    code, err = _run(monkeypatch, capsys, "person", "extract", str(pid),
                     "--vault", str(vault_dir), "--out", str(out))  # fmt: skip
    assert code == 0, err
    assert "Aleksandr" in pdf_text(out.read_bytes())
    first = out.read_bytes()
    code, err = _run(monkeypatch, capsys, "person", "extract", str(pid),
                     "--vault", str(vault_dir), "--out", str(out))  # fmt: skip
    assert code == 5 and "finns redan" in err
    assert out.read_bytes() == first


def test_cli_stats_pdf(monkeypatch, capsys, vault, vault_dir, tmp_path):
    populate(Store(vault))
    vault.lock()
    out = tmp_path / "stats.pdf"
    period = ["--from", "2020-01-01", "--until", "2030-12-31"]
    code, err = _run(monkeypatch, capsys, "stats-pdf", "--vault", str(vault_dir), *period,
                     "--out", str(out))  # fmt: skip
    assert code == 0, err
    assert "<5" in pdf_text(out.read_bytes())
    code, err = _run(monkeypatch, capsys, "stats-pdf", "--vault", str(vault_dir),
                     "--from", "2020-13-01", "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 2


def test_no_file_is_left_when_the_folder_is_missing(store, person, tmp_path):
    target = tmp_path / "saknas" / "utdrag.pdf"
    with pytest.raises(FileProblem) as raised:
        export_register_extract(store, person, target)
    assert str(target) in raised.value.message  # names the path the person chose
    assert not (tmp_path / "saknas").exists()


def test_rendering_writes_nothing(store, person, tmp_path, monkeypatch):
    out = tmp_path / "cwd"
    out.mkdir()
    monkeypatch.chdir(out)
    started = time.time()
    pdf = render_register_extract(store.register_extract(person), requested_by="", municipality="")
    assert b"%PDF" in pdf[:8]
    assert list(out.iterdir()) == []
    for path in Path(tempfile.gettempdir()).glob("*"):
        if path.is_file() and path.stat().st_mtime >= started - 1:
            assert b"Nowak" not in path.read_bytes()
