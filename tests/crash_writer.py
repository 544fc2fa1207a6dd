"""Child process for the kill -9 test: unlock the vault named on the command line and
write journal-sized entries as fast as possible, printing each key only after its
transaction has committed. The parent kills it at a random moment."""

from __future__ import annotations

import sys

from app.vault.vault import Vault


def entry_text(key: str) -> str:
    # ~1.5 kB: the length of an ordinary journal entry.
    return f"{key}: " + ("Samtal med klienten om boende, skola och kontakter. " * 30)


def main() -> None:
    vault = Vault.unlock(sys.argv[1], sys.argv[2])
    start = int(sys.argv[3])
    print("ready", flush=True)
    for i in range(start, start + 100_000):
        key = f"entry:{i}"
        with vault.transaction() as conn:
            conn.execute(
                "INSERT INTO drafts (key, kind, payload, updated) VALUES (?, 'journal', ?, '')",
                (key, entry_text(key)),
            )
        print(key, flush=True)


if __name__ == "__main__":
    main()
