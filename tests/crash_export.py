"""Child process for the export kill -9 test: unlock the vault, run the export workflow
to the written step (sealed bytes durable beside the target), print ``written``, then
record (``pause``: first wait for a line on standard input, so the parent can kill it
exactly between writing and recording). The parent kills it."""

from __future__ import annotations

import sys
from pathlib import Path

from app.crypto.identity import load_certificate
from app.handover.workflow import Basis, ExportChoice, ExportFlow, HarmTest, Receiver
from app.store import Store
from app.vault.vault import Vault

PROVISION = "osl_necessary"
HARM_TEST = HarmTest("Karin Lindqvist", "2025-06-02", "Menprövning för testfallet med kill -9: "
                     "uppgifterna behövs hos mottagaren.")  # fmt: skip
RECEIVER = Receiver("Socialnämnden i Mottagarstad kommun", "Avhopparverksamheten")


def main() -> None:
    folder, passphrase, ref, cert_path, out, mode = sys.argv[1:7]
    store = Store(Vault.unlock(folder, passphrase))
    recipient = load_certificate(Path(cert_path).read_bytes())
    basis = Basis.of_provision(PROVISION, HARM_TEST)
    choice = ExportChoice(ref, ("threat", "journal"), basis, (recipient,), receiver=RECEIVER)
    flow = ExportFlow(store, choice)
    flow.check()
    flow.prepare()
    flow.seal()
    flow.write(Path(out))
    print("written", flush=True)
    if mode == "pause":
        sys.stdin.readline()
    flow.record()
    print("recorded", flush=True)


if __name__ == "__main__":
    main()
