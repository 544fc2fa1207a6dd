"""``utvag identity|directory|profile roles|handover …``: sealed handovers, headless.

Secrets come from standard input (vault passphrase first, then a PKCS#12 password or a
packet passphrase), never from arguments. ``handover verify`` exits 0 only for a valid
packet from a trusted sender; any other verdict exits 4."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app.cli_args import InputFile, IsoDate, Moment, OutputFile, Text
from app.cli_basis import (
    add_basis_arguments,
    basis_from_args,
    check_basis_usage,
    receiver_from_args,
)
from app.cli_vault import open_vault_from_args, read_secret, vault_arg
from app.crypto.identity import create_identity, import_pkcs12, load_certificate
from app.errors import Refused, UsageError
from app.fsutil import atomic_write
from app.handover.payload import Disclosure, Period
from app.handover.receiving import NextStep, ReceiveFlow, import_receipt
from app.handover.schema import SECTIONS
from app.handover.verify import MAX_PACKET_BYTES
from app.handover.workflow import (
    ExportChoice,
    ExportFlow,
)
from app.i18n import _
from app.store import Store
from app.vault.vault import Vault

MAX_CERT_BYTES = 1024 * 1024
CERT_FILE = InputFile(MAX_CERT_BYTES)
PACKET_FILE = InputFile(MAX_PACKET_BYTES)
PERSONAL_WARNING = (
    "Varning: certifikatet ser ut att vara personligt. Namnet i underskriften kan läsas "
    "av alla som har filen, även utan att dekryptera den. Använd helst ett "
    "organisations- eller funktionscertifikat."
)


def _with_vault(args: argparse.Namespace, work: Any) -> int:
    vault = open_vault_from_args(args)
    try:
        return int(work(vault))
    finally:
        vault.lock()


def _print_cert(prefix: str, cert: Any) -> None:
    print(f"{prefix}subject: {cert.subject}")
    print(f"{prefix}issuer: {cert.issuer}")
    print(f"{prefix}valid: {cert.not_before:%Y-%m-%d} – {cert.not_after:%Y-%m-%d}")
    print(f"{prefix}fingerprint: {cert.fingerprint_readable}")
    if cert.is_personal:
        print(_(PERSONAL_WARNING), file=sys.stderr)


# ------------------------------------------------------------------ identity
def _identity_create(args: argparse.Namespace) -> int:
    def work(vault: Vault) -> int:
        profile = vault.profile()
        org = args.organisation or profile.municipality or "Kommunen"
        ident = create_identity(args.name, org, args.unit or profile.unit, now=vault.clock.now())
        Store(vault).set_identity(ident)
        _print_cert("", ident.certificate)
        return 0

    return _with_vault(args, work)


def _identity_import(args: argparse.Namespace) -> int:
    data = args.p12.read_bytes()

    def work(vault: Vault) -> int:
        ident = import_pkcs12(data, read_secret(_("Lösenord för PKCS#12-filen: ")))
        ident.certificate.require_valid(vault.clock.now())
        Store(vault).set_identity(ident)
        _print_cert("", ident.certificate)
        return 0

    return _with_vault(args, work)


def _identity_export(args: argparse.Namespace) -> int:
    def work(vault: Vault) -> int:
        cert = Store(vault).identity().certificate
        atomic_write(args.out, cert.to_pem())
        print(f"certificate: {args.out}")
        print(f"fingerprint: {cert.fingerprint_readable}")
        return 0

    return _with_vault(args, work)


def _identity_show(args: argparse.Namespace) -> int:
    def work(vault: Vault) -> int:
        _print_cert("", Store(vault).identity().certificate)
        return 0

    return _with_vault(args, work)


# ----------------------------------------------------------------- directory
def _directory_add(args: argparse.Namespace) -> int:
    data = args.cert.read_bytes()
    cert = load_certificate(data, source=str(args.cert))

    def work(vault: Vault) -> int:
        store = Store(vault)
        store.add_certificate(cert, trusted=args.trust)
        if b"X509 CRL" in data:  # revocation information carried with the certificate
            print(f"revocation-info: {store.add_revocations(data, 'certificate')}")
        _print_cert("", cert)
        entry = next(e for e in store.directory() if e.certificate.fingerprint == cert.fingerprint)
        print(f"trusted: {'yes' if entry.trusted else 'no'}")  # what the directory now holds
        if entry.trusted and not args.trust:
            print(_("Certifikatet var redan betrott. Dra tillbaka med utvag directory untrust."),
                  file=sys.stderr)  # fmt: skip
        return 0

    return _with_vault(args, work)


def _directory_list(args: argparse.Namespace) -> int:
    def work(vault: Vault) -> int:
        for entry in Store(vault).directory():
            mark = "trusted" if entry.trusted else "untrusted"
            print(f"{entry.certificate.fingerprint}  {mark}  {entry.certificate.subject}")
        return 0

    return _with_vault(args, work)


def _directory_revocation(args: argparse.Namespace) -> int:
    data = args.file.read_bytes()

    def work(vault: Vault) -> int:
        print(f"imported: {Store(vault).add_revocations(data, 'it')}")
        return 0

    return _with_vault(args, work)


def _directory_withdraw(args: argparse.Namespace) -> int:
    def work(vault: Vault) -> int:
        store = Store(vault)
        if args.directory_command == "remove":
            store.remove_certificate(args.fingerprint)
            print(f"removed: {args.fingerprint}")
        else:
            store.untrust_certificate(args.fingerprint)
            print(f"trusted: no  {args.fingerprint}")
        return 0

    return _with_vault(args, work)


# --------------------------------------------------------------------- roles
# ------------------------------------------------------------------ handover
def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise Refused(reason=_("{path} finns redan; välj ett annat filnamn").format(path=path))


def _export(args: argparse.Namespace) -> int:
    _refuse_existing(args.out)
    recipients = [load_certificate(p.read_bytes(), source=str(p)) for p in args.to or []]
    if bool(recipients) == args.passphrase:
        raise UsageError(_("Ange antingen --to CERT.pem … eller --passphrase."))
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        raise UsageError(_("Okänt avsnitt: {name}").format(name=unknown[0]))
    if args.start and args.until and args.start > args.until:
        raise UsageError(_("--from måste vara samma dag som eller före --until."))
    check_basis_usage(args)

    def work(vault: Vault) -> int:
        store = Store(vault)
        _refuse_past_expiry(store, args.expires)
        receiver = receiver_from_args(args)
        choice = ExportChoice(
            case_ref=args.case,
            sections=tuple(args.sections),
            basis=basis_from_args(store, args, receiver),
            receiver=receiver,
            recipients=tuple(recipients),
            period=Period(args.start, args.until),
            expires_at=args.expires,
            disclosure=Disclosure(
                safety_history=args.include_safety_history,
                all_identities=args.all_identities is not None,
                identity_reason=args.all_identities or "",
            ),
        )
        result = ExportFlow(store, choice).run(args.out)
        print(f"packet: {result.packet_id}")
        print(f"sequence: {result.sequence}")
        print(f"out: {args.out}")
        if result.passphrase:
            print(f"passphrase: {result.passphrase}")
        return 0

    return _with_vault(args, work)


def _refuse_past_expiry(store: Store, expires: str | None) -> None:
    """An export that expires before it is sealed would be refused by every receiver
    (and still be logged as a disclosure): refuse it here, as a usage error."""
    if expires and dt.datetime.fromisoformat(expires) <= dt.datetime.fromisoformat(store.now()):
        raise UsageError(_("--expires ligger redan i det förflutna. Ange en senare tidpunkt."))


def _packet_passphrase(args: argparse.Namespace) -> str | None:
    return read_secret(_("Paketets lösenfras: ")) if args.passphrase else None


def _verify(args: argparse.Namespace) -> int:
    data = args.file.read_bytes()

    def work(vault: Vault) -> int:
        opening = ReceiveFlow(Store(vault), data).open(_packet_passphrase(args))
        print(f"verdict: {opening.verdict.value}")
        print(f"{opening.verdict.label}: {opening.message}")
        if opening.signer is not None:
            print(f"signer: {opening.signer.subject}")
            print(f"fingerprint: {opening.signer.fingerprint_readable}")
        if opening.payload is not None:
            print(f"packet: {opening.payload['packet']['id']}")
        return 0 if opening.next is NextStep.IMPORT else 4

    return _with_vault(args, work)


def _import(args: argparse.Namespace) -> int:
    data = args.file.read_bytes()

    def work(vault: Vault) -> int:
        flow = ReceiveFlow(Store(vault), data)
        flow.open(_packet_passphrase(args))
        imported = flow.import_case(accept_signer=args.accept_signer)
        print(f"case: {imported.case_ref}")
        return 0

    return _with_vault(args, work)


def _receipt(args: argparse.Namespace) -> int:
    _refuse_existing(args.out)
    data = args.packet.read_bytes()
    decision, reason = ("accepted", "") if args.accept else ("declined", args.decline or "")

    def work(vault: Vault) -> int:
        flow = ReceiveFlow(Store(vault), data)
        flow.open(_packet_passphrase(args))
        flow.write_receipt(decision, reason, args.out)
        print(f"receipt: {args.out}")
        return 0

    return _with_vault(args, work)


def _import_receipt(args: argparse.Namespace) -> int:
    data = args.file.read_bytes()

    def work(vault: Vault) -> int:
        receipt = import_receipt(Store(vault), data)
        print(f"packet: {receipt['packet']['id']}")
        print(f"decision: {receipt['decision']}")
        return 0

    return _with_vault(args, work)


# ------------------------------------------------------------------ register
def register(sub: Any) -> None:
    _register_identity(sub)
    _register_directory(sub)
    _register_handover(sub)


def _register_identity(sub: Any) -> None:
    parser = sub.add_parser("identity", help="the vault's signing identity")
    isub = parser.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    p = isub.add_parser("create", help="issue a self-signed organisation identity (pilots)")
    vault_arg(p)
    p.add_argument(
        "--name", type=Text(200), required=True, help="function name, e.g. Avhopparverksamheten"
    )
    p.add_argument("--organisation", type=Text(200, allow_empty=True), default="")
    p.add_argument("--unit", type=Text(200, allow_empty=True), default="")
    p.set_defaults(handler=_identity_create)
    p = isub.add_parser("import", help="import a PKCS#12 file (password on stdin)")
    vault_arg(p)
    p.add_argument("--p12", type=CERT_FILE, required=True, metavar="FILE")
    p.set_defaults(handler=_identity_import)
    p = isub.add_parser("export-cert", help="write the identity's certificate (PEM)")
    vault_arg(p)
    p.add_argument("--out", type=OutputFile(), required=True, metavar="FILE.pem")
    p.set_defaults(handler=_identity_export)
    p = isub.add_parser("show", help="subject, issuer, validity and fingerprint")
    vault_arg(p)
    p.set_defaults(handler=_identity_show)


def _register_directory(sub: Any) -> None:
    parser = sub.add_parser("directory", help="certificates of other parties")
    dsub = parser.add_subparsers(dest="directory_command", metavar="ACTION", required=True)
    p = dsub.add_parser("add", help="add a certificate (PEM/DER/.cer)")
    vault_arg(p)
    p.add_argument("--cert", type=CERT_FILE, required=True, metavar="FILE")
    p.add_argument("--trust", action="store_true", help="after comparing the fingerprint")
    p.set_defaults(handler=_directory_add)
    p = dsub.add_parser("list", help="list certificates")
    vault_arg(p)
    p.set_defaults(handler=_directory_list)
    p = dsub.add_parser(
        "revocation", help="import a CRL or OCSP response (used offline, never fetched)"
    )
    vault_arg(p)
    p.add_argument("--file", type=CERT_FILE, required=True, metavar="FILE")
    p.set_defaults(handler=_directory_revocation)
    for name, text in (
        ("untrust", "withdraw trust; its packets get the unknown-signer decision again"),
        ("remove", "remove a certificate from the directory"),
    ):
        p = dsub.add_parser(name, help=text)
        vault_arg(p)
        p.add_argument("fingerprint", type=Text(120), metavar="FINGERPRINT")
        p.set_defaults(handler=_directory_withdraw)


def _register_handover(sub: Any) -> None:
    parser = sub.add_parser("handover", help="sealed handover packets")
    hsub = parser.add_subparsers(dest="handover_command", metavar="ACTION", required=True)
    p = hsub.add_parser("export", help="seal a case for recipients or a one-time passphrase")
    vault_arg(p)
    p.add_argument("--case", type=Text(40), required=True, metavar="REF")
    p.add_argument("--to", type=CERT_FILE, action="append", metavar="CERT.pem")
    p.add_argument("--passphrase", action="store_true", help="print a one-time passphrase")
    p.add_argument("--sections", nargs="+", default=list(SECTIONS), choices=list(SECTIONS))
    p.add_argument("--from", dest="start", type=IsoDate(), metavar="DATE")
    p.add_argument("--until", type=IsoDate(), metavar="DATE")
    add_basis_arguments(p)
    p.add_argument("--expires", type=Moment(), metavar="DATETIME")
    p.add_argument(
        "--include-safety-history",
        action="store_true",
        help="also earlier safety plan versions (with old code words; recorded)",
    )
    p.add_argument(
        "--all-identities",
        type=Text(300),
        metavar="REASON",
        help="for skyddad folkbokföring / fingerade personuppgifter: send every identity, "
        "not only the one to use; REASON is recorded",
    )
    p.add_argument("--out", type=OutputFile(), required=True, metavar="FILE.pdf")
    p.set_defaults(handler=_export)
    for name, handler, text in (
        ("verify", _verify, "verify a packet; exit 0 only if trusted"),
        ("import", _import, "verify and import as a new case"),
        ("import-receipt", _import_receipt, "import a signed receipt"),
    ):
        p = hsub.add_parser(name, help=text)
        p.add_argument("file", type=PACKET_FILE, metavar="FILE.pdf")
        vault_arg(p)
        if name != "import-receipt":
            p.add_argument("--passphrase", action="store_true", help="packet passphrase on stdin")
        if name == "import":
            p.add_argument(
                "--accept-signer",
                type=Text(200),
                metavar="FINGERPRINT",
                help="accept an unknown signer after comparing by phone",
            )
        p.set_defaults(handler=handler)
    p = hsub.add_parser("receipt", help="answer a packet with a sealed receipt")
    vault_arg(p)
    p.add_argument("--packet", type=PACKET_FILE, required=True, metavar="FILE.pdf")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--accept", action="store_true")
    group.add_argument("--decline", type=Text(300), metavar="REASON")
    p.add_argument("--passphrase", action="store_true", help="packet passphrase on stdin")
    p.add_argument("--out", type=OutputFile(), required=True, metavar="RECEIPT.pdf")
    p.set_defaults(handler=_receipt)
