"""Generated fictional vaults for the benchmarks, cached under bench/results/ (still
encrypted: they are ordinary vaults with a known passphrase)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from app.crypto.kdf import DEFAULT_PARAMS
from app.vault.vault import Profile, Vault

RESULTS = Path(__file__).resolve().parent / "results"
PASSPHRASE = "bänkprov med påhittade ärenden"

GIVEN = "Alva Bruno Cilla Dino Eira Frej Gry Hjalte Idun Jorun Kettil Lova Malte Nanna Orm".split()
FAMILY = "Ekvall Fjällgren Gransjö Hagmark Isberg Jonsäter Kvarnlid Lövhammar Mossberg".split()


def person_number(rng: random.Random) -> str:
    """A personnummer from the test range (serial 980–999): never a real person's."""
    year, month, day = rng.randint(1960, 2007), rng.randint(1, 12), rng.randint(1, 28)
    serial = rng.randint(980, 999)
    digits = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return f"{year}{month:02d}{day:02d}{serial:03d}{(10 - total % 10) % 10}"


def build_cases_vault(folder: Path, cases: int, seed: int = 1) -> None:
    from app.store import Store
    vault, _ = Vault.create(
        folder,
        PASSPHRASE,
        Profile("Bänk Handläggare", "Socialsekreterare", "Exempelstad"),
        params=DEFAULT_PARAMS,
        bind_device=False,
    )
    store = Store(vault)
    rng = random.Random(seed)
    for _ in range(cases):
        person = store.add_person(
            rng.choice(GIVEN), rng.choice(FAMILY), identifier=person_number(rng)
        ).id
        store.create_case(person)
    vault.lock()


def cases_vault(cases: int, seed: int = 1) -> Path:
    """A cached vault with ``cases`` fictional cases (built on first use)."""
    folder = RESULTS / f"cases-{cases}-{seed}"
    if not (folder / "vault.db").exists():
        shutil.rmtree(folder, ignore_errors=True)
        RESULTS.mkdir(exist_ok=True)
        tmp = RESULTS / f".building-{cases}-{seed}"
        shutil.rmtree(tmp, ignore_errors=True)
        build_cases_vault(tmp, cases, seed)
        tmp.rename(folder)
    return folder
