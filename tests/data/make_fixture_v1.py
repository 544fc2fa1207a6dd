"""How tests/data/vault-v1/ was made (run once, at schema version 1; kept for the record).

A frozen vault of the first released schema: passphrase below, test KDF, no device
binding, one fictional person and case and one draft. The upgrade test opens it with
the current code and checks that every migration since applies and keeps the data.
"""

import shutil
import sys
from pathlib import Path

from app.crypto.kdf import TEST_PARAMS
from app.vault.vault import Profile, Vault

PASSPHRASE = "fixtur vault version ett"
TARGET = Path(__file__).with_name("vault-v1")

if __name__ == "__main__":
    if TARGET.exists():
        sys.exit(f"{TARGET} exists; fixtures are frozen")
    vault, recovery_key = Vault.create(
        TARGET,
        PASSPHRASE,
        Profile("Fixtur Handläggare", "socialsekreterare", "Exempelstad"),
        params=TEST_PARAMS,
        bind_device=False,
    )
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO persons (id, display_name, protected_level, created)"
            " VALUES (1, 'Testa Fiktivsson', 'none', '2026-01-02T10:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO person_identifiers (person_id, kind, value)"
            " VALUES (1, 'personnummer', '199001019802')"
        )
        conn.execute(
            "INSERT INTO cases (ref, person_id, status, opened, created)"
            " VALUES ('AVH-2026-0001', 1, 'active', '2026-01-02', '2026-01-02T10:00:00+00:00')"
        )
    vault.save_draft("journal:AVH-2026-0001", "journal", "Utkast som ska överleva uppgraderingen.")
    vault.lock()
    (TARGET / "unlock-state.json").unlink(missing_ok=True)
    (TARGET / "RECOVERY-KEY.txt").write_text(recovery_key + "\n")
    shutil.rmtree(TARGET / "__pycache__", ignore_errors=True)
    print("fixture written", TARGET)
