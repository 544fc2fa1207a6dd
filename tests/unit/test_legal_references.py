"""Legal references live in one resource file (issue 10 item 5): no chapter citation
anywhere else in code, resources or catalogs; each entry names its source and the date it
was checked; an unchecked section of the new Socialtjänstlag is never invented."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from app.domain import legal
from app.pdf.pages import secrecy_mark
from app.store.transfer import transfer_rule

ROOT = Path(__file__).resolve().parents[2]
THE_FILE = ROOT / "resources" / "legal" / "references.json"
TEXT_SUFFIXES = {".py", ".json", ".md", ".txt", ".toml", ".qss", ".html", ".csv", ".ini"}
#: The Swedish chapter abbreviation as a citation writes it ("26 kap." / "2 a kap.").
CHAPTER = re.compile(r"kap\.")
#: An English catalog may only carry placeholders, never a chapter number of its own.
ENGLISH_CHAPTER = re.compile(r"\b(chapter|ch\.)\s*\d", re.IGNORECASE)


def _scanned() -> list[Path]:
    files = []
    for top in ("app", "ui", "resources"):
        for path in (ROOT / top).rglob("*"):
            if path.suffix in TEXT_SUFFIXES and path.is_file() and path != THE_FILE:
                files.append(path)
    return files


def test_no_chapter_citation_outside_the_references_file():
    hits = []
    for path in _scanned():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CHAPTER.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert len(_scanned()) > 100  # the scan really walks the tree
    assert hits == []


def test_catalogs_cite_through_placeholders_only():
    hits = []
    for path in sorted((ROOT / "resources" / "i18n").rglob("*.json")):
        for source, text in json.loads(path.read_text(encoding="utf-8")).items():
            if CHAPTER.search(source) or CHAPTER.search(text) or ENGLISH_CHAPTER.search(text):
                hits.append(f"{path.name}: {source[:60]}")
    assert hits == []


def test_every_entry_names_its_source_and_the_date_checked():
    refs = legal.references()
    assert len(refs) >= 15
    for ref in refs:
        assert ref.source.startswith(("https://", "http://")), ref.key
        assert date.fromisoformat(ref.checked) == date(2026, 12, 2), ref.key
        assert ref.description.sv and ref.description.en, ref.key
        assert ref.cite("sv") and ref.cite("en"), ref.key
    assert legal.checked_on() == "2026-12-02"


def test_an_unchecked_section_of_the_new_act_is_never_invented():
    raw = json.loads(THE_FILE.read_text(encoding="utf-8"))["references"]
    new_act = [k for k, v in raw.items() if v["act"] == "sol" and k != "sol"]
    assert {"sol_transfer_request", "sol_transfer_ivo", "sol_documentation"} <= set(new_act)
    for key in new_act:
        ref = legal.reference(key)
        if not ref.verified:
            assert not ref.chapter and not ref.section, key
            assert "ej kontrollerad" in ref.cite("sv") and "not checked" in ref.cite("en")
            assert ref.former, key  # the repealed act's section, for the reader to find it


def test_citations_read_as_a_caseworker_writes_them():
    assert legal.cite("osl_social_secrecy", "sv") == "26 kap. 1 § OSL"
    assert legal.cite("osl_social_secrecy", "en") == "OSL chapter 26 section 1"
    assert legal.cite("osl_social_secrecy", "sv", long=True).endswith(
        "offentlighets- och sekretesslagen (2009:400)"
    )
    assert legal.cite("osl_consent", "sv") == "12 kap. 2 § OSL"
    transfer = legal.cite("sol_transfer_request", "sv")
    assert transfer.startswith("socialtjänstlagen (2025:400)") and "2001:453" in transfer
    assert secrecy_mark() == "Sekretess enligt 26 kap. 1 § OSL"
    assert "2025:400" in transfer_rule()


def test_provisions_offered_without_consent_exclude_the_general_clause():
    offered = {ref.key for ref in legal.disclosure_provisions()}
    assert {"osl_necessary", "osl_duty_by_law"} <= offered
    assert "osl_general_clause" not in offered  # not for social-services secrecy
    assert "osl_consent" not in offered


def test_an_unknown_key_is_an_error_not_a_blank_citation():
    with pytest.raises(KeyError):
        legal.cite("sol_no_such_rule")
