"""Render a fictional demo packet and save three of its pages as PNGs under docs/:
the cover, the page with the current decisions and a journal page with a correction.

    PYTHONPATH=. .venv/bin/python scripts/handover_pages.py [OUT_DIR]

Needs poppler-utils (pdftoppm, pdftotext) on the PATH. The packet is rendered, not
sealed (a sealed one looks the same once opened); all data is from tests/handover_sample.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from app.handover import render
from tests.handover_sample import sample_payload

PAGES = {
    "handover-cover.png": "Överlämning av ärende",
    "handover-decisions.png": "Aktuella beslut och insatser",
    "handover-journal-correction.png": "Ursprunglig text",
}


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


def _first_page_with(texts: list[str], needle: str, after: int = 0) -> int:
    for number, text in enumerate(texts, start=1):
        if number > after and needle in text:
            return number
    raise SystemExit(f"no page shows {needle!r}")


def main(out: Path) -> None:
    payload = sample_payload(30)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "demo.pdf"
        pdf.write_bytes(render.render(payload))
        texts = _page_texts(pdf)
        contents = 1  # the cover lists the sections too: look after it
        for name, needle in PAGES.items():
            after = 0 if name == "handover-cover.png" else contents
            page = _first_page_with(texts, needle, after)
            stem = Path(tmp) / name.removesuffix(".png")
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page),
                            "-l", str(page), str(pdf), str(stem)], check=True)  # fmt: skip
            (out / name).write_bytes(stem.with_suffix(".png").read_bytes())
            print(f"{name}: page {page} of {len(texts) - 1}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
