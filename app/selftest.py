"""``utvag --self-test``: proves on this machine, with this build, that the crypto gives
the published answers and that the whole chain works: vault → case → sealed handover →
verify → import into a second vault → check both.

Everything happens in a temporary folder that is removed at the end, also on failure;
the vaults in it are encrypted like any other (real KDF parameters), the packet stays in
memory, and all data is fictional. Needs no network and no keyring (passphrase-only
vaults). Prints one line per step, ``ok  <step>`` or ``FAIL <step>: <reason>``, and
returns 0 only if every step passed. A step whose part of Utväg is missing from this
build fails with "not available": it never passes by default.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from app.errors import UtvagError
from app.i18n import N_, _

# AES-256-GCM: test case 16 of the GCM specification (McGrew & Viega), as used in NIST's
# GCM validation: 256-bit key, 96-bit IV, associated data.
GCM_KEY = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"
GCM_IV = "cafebabefacedbaddecaf888"
GCM_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2"
GCM_PLAIN = (
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
)
GCM_CIPHER_AND_TAG = (
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
    "76fc6ece0f4e1768cddf8853bb2d551b"
)
# Argon2id: RFC 9106 section 5.3 (t=3, m=32 KiB, p=4, with secret and associated data).
ARGON2ID_TAG = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
# SHA-256 of "abc": FIPS 180-2, appendix B.1.
SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
# ECDSA P-256 with SHA-256, deterministic nonce: RFC 6979 appendix A.2.5, message "sample".
P256_KEY = 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
P256_R = 0xEFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716
P256_S = 0xF7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8


class StepFailed(Exception):
    """A check inside a step did not hold (the message is the reason shown)."""


class NotAvailable(StepFailed):
    """The part of Utväg this step needs is not in this build."""


def need(condition: bool, reason: str) -> None:
    if not condition:
        raise StepFailed(reason)


def optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            message = _("inte tillgängligt ({module} saknas)").format(module=module)
            raise NotAvailable(message) from None
        raise


# ------------------------------------------------------- known-answer tests
def kat_aes_gcm() -> None:
    """The app's own AES-GCM helper (key slots, backups) against a known answer."""
    from app.crypto.aead import Cipher

    cipher = Cipher(bytes.fromhex(GCM_KEY))
    iv, aad = bytes.fromhex(GCM_IV), bytes.fromhex(GCM_AAD)
    sealed = cipher.seal(iv, bytes.fromhex(GCM_PLAIN), aad)
    need(sealed.hex() == GCM_CIPHER_AND_TAG, _("fel chiffertext eller tagg"))
    plain = cipher.open(iv, sealed, aad)
    need(plain is not None and plain.hex() == GCM_PLAIN, _("fel klartext"))
    tampered = bytes([sealed[0] ^ 1]) + sealed[1:]
    need(cipher.open(iv, tampered, aad) is None, _("ändrad chiffertext godtogs"))


def kat_argon2id() -> None:
    from argon2.low_level import ARGON2_VERSION, Type, core, ffi

    out = ffi.new("uint8_t[]", 32)
    buffers = {
        "pwd": ffi.new("uint8_t[]", b"\x01" * 32),
        "salt": ffi.new("uint8_t[]", b"\x02" * 16),
        "secret": ffi.new("uint8_t[]", b"\x03" * 8),
        "ad": ffi.new("uint8_t[]", b"\x04" * 12),
    }
    ctx = ffi.new(
        "argon2_context *",
        {
            "out": out, "outlen": 32, "version": ARGON2_VERSION,
            "pwd": buffers["pwd"], "pwdlen": 32, "salt": buffers["salt"], "saltlen": 16,
            "secret": buffers["secret"], "secretlen": 8, "ad": buffers["ad"], "adlen": 12,
            "t_cost": 3, "m_cost": 32, "lanes": 4, "threads": 4,
            "allocate_cbk": ffi.NULL, "free_cbk": ffi.NULL, "flags": 0,
        },
    )  # fmt: skip
    need(core(ctx, Type.ID.value) == 0, _("Argon2 gav ett felkod"))
    need(bytes(ffi.buffer(out, 32)).hex() == ARGON2ID_TAG, _("fel resultat"))


def kat_sha256() -> None:
    from cryptography.hazmat.primitives import hashes

    need(hashlib.sha256(b"abc").hexdigest() == SHA256_ABC, _("fel resultat (hashlib)"))
    digest = hashes.Hash(hashes.SHA256())
    digest.update(b"abc")
    need(digest.finalize().hex() == SHA256_ABC, _("fel resultat (cryptography)"))


def kat_ecdsa() -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    key = ec.derive_private_key(P256_KEY, ec.SECP256R1())
    algorithm = ec.ECDSA(hashes.SHA256(), deterministic_signing=True)
    signature = key.sign(b"sample", algorithm)
    need(decode_dss_signature(signature) == (P256_R, P256_S), _("fel signatur"))
    key.public_key().verify(signature, b"sample", algorithm)
    try:
        key.public_key().verify(signature, b"Sample", algorithm)
    except InvalidSignature:
        return
    raise StepFailed(_("signaturen godtogs för ändrad data"))


def check_policy() -> str:
    """The organisation policy in force is valid (a malformed one is the reason shown)."""
    from app import policy

    loaded = policy.load_policy()
    if loaded.path is None or not loaded.path.exists():
        return _("ingen policyfil")
    return _("{path}, {count} inställningar").format(path=loaded.path, count=len(loaded.values))


# ------------------------------------------------------------ the chain
PROFILE_A = ("Självtest Avsändare", "Handläggare", "Exempelby", "Självtest")
PROFILE_B = ("Självtest Mottagare", "Handläggare", "Mottagarstad", "Självtest")


@dataclass
class Chain:
    """What the chain steps hand on to each other (all in ``root``)."""

    root: Path
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    vaults: dict[str, Any] = field(default_factory=dict)
    identities: dict[str, Any] = field(default_factory=dict)
    case_ref: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
    packet: bytes = b""
    opened: Any = None

    def vault(self, name: str) -> Any:
        if name not in self.vaults:
            raise StepFailed(_("ett tidigare steg misslyckades"))
        return self.vaults[name]

    def close(self) -> None:
        for vault in self.vaults.values():
            with contextlib.suppress(Exception):  # a broken vault must not stop the clean-up
                vault.lock()


def _create(chain: Chain, name: str, profile: tuple[str, str, str, str]) -> Any:
    from app.vault.vault import Profile, Vault

    vault, _recovery = Vault.create(
        chain.root / name, chain.passphrase, Profile(*profile), bind_device=False
    )
    chain.vaults[name] = vault
    return vault


def step_create_vault(chain: Chain) -> None:
    from app.vault.vault import Vault

    _create(chain, "a", PROFILE_A).lock()
    chain.vaults["a"] = Vault.unlock(chain.root / "a", chain.passphrase)
    need(chain.vaults["a"].is_open, _("valvet gick inte att låsa upp"))


def step_add_case(chain: Chain) -> None:
    store_module = optional("app.store")
    store = store_module.Store(chain.vault("a"))
    person = store.add_person("Testa", "Självtestsson").id
    case_id = store.create_case(person).id
    store.add_journal_entry(case_id, "Självtest: påhittad anteckning.")
    chain.case_ref = store.case(case_id).ref
    need(bool(chain.case_ref), _("ärendet fick inget diarienummer"))


def step_seal(chain: Chain) -> None:
    identity = optional("app.crypto.identity")
    payload_module = optional("app.handover.payload")
    seal = optional("app.handover.seal")
    schema = optional("app.handover.schema")
    store = optional("app.store").Store(chain.vault("a"))
    need(bool(chain.case_ref), _("ett tidigare steg misslyckades"))
    now = store.clock.now()
    chain.identities["a"] = identity.create_identity(
        "Självtest avsändare", "Exempelby kommun", now=now
    )
    chain.identities["b"] = identity.create_identity(
        "Självtest mottagare", "Mottagarstad kommun", now=now
    )
    chain.payload = payload_module.build_payload(
        store,
        chain.case_ref,
        list(schema.SECTIONS),
        sender={"municipality": "Exempelby", "unit": "Självtest", "officer": "Självtest"},
        recipients=[{"kind": "certificate", "name": "Självtest", "organisation": "Mottagarstad"}],
        legal_basis={"kind": "consent", "text": "Självtest med påhittade uppgifter."},
        sequence=1,
    )
    chain.packet = seal.seal_packet(
        chain.payload, chain.identities["a"], recipients=[chain.identities["b"].certificate]
    )
    need(chain.packet.startswith(b"%PDF-"), _("paketet är ingen PDF"))


def step_verify(chain: Chain) -> None:
    verify = optional("app.handover.verify")
    need(bool(chain.packet), _("ett tidigare steg misslyckades"))
    now = chain.vault("a").clock.now()
    opened = verify.open_packet(
        chain.packet,
        identities=[chain.identities["b"]],
        trusted=[chain.identities["a"].certificate.fingerprint],
        now=now,
    )
    need(opened.verdict is verify.Verdict.VALID_TRUSTED, str(opened.verdict))
    need(opened.payload == chain.payload, _("innehållet skiljer sig från det förseglade"))
    tampered = chain.packet[:-200] + bytes(b ^ 0xFF for b in chain.packet[-200:])
    rejected = verify.open_packet(
        tampered,
        identities=[chain.identities["b"]],
        trusted=[chain.identities["a"].certificate.fingerprint],
        now=now,
    )
    need(not rejected.verdict.is_valid, _("ett ändrat paket godtogs"))
    chain.opened = opened


def step_import(chain: Chain) -> None:
    payload_module = optional("app.handover.payload_import")
    store_module = optional("app.store")
    need(chain.opened is not None, _("ett tidigare steg misslyckades"))
    store = store_module.Store(_create(chain, "b", PROFILE_B))
    case_id = payload_module.import_payload(
        store,
        chain.opened.payload,
        signer_fingerprint=chain.opened.signer.fingerprint,
        packet_sha256=hashlib.sha256(chain.packet).hexdigest(),
    )
    need("Exempelby" in store.case(case_id).received_from, _("avsändaren saknas i ärendet"))


def step_check(chain: Chain) -> None:
    need(len(chain.vaults) == 2, _("ett tidigare steg misslyckades"))
    for name in sorted(chain.vaults):
        report = chain.vaults[name].check()
        need(report.ok, "; ".join(report.problems))


# ------------------------------------------------------------------ runner
Step = tuple[str, Callable[[], str | None]]

KNOWN_ANSWERS: list[Step] = [
    (N_("AES-256-GCM (NIST-testvektor)"), kat_aes_gcm),
    (N_("Argon2id (RFC 9106-testvektor)"), kat_argon2id),
    (N_('SHA-256 (FIPS 180-2, "abc")'), kat_sha256),
    (N_("ECDSA P-256 signatur (RFC 6979-testvektor)"), kat_ecdsa),
    (N_("organisationens policy"), check_policy),
]
CHAIN: list[tuple[str, Callable[[Chain], None]]] = [
    (N_("skapa valv och lås upp det"), step_create_vault),
    (N_("lägg till ett ärende"), step_add_case),
    (N_("försegla överlämningspaket till en tillfällig identitet"), step_seal),
    (N_("verifiera paketet (och avvisa ett ändrat)"), step_verify),
    (N_("importera paketet i ett andra valv"), step_import),
    (N_("kontrollera båda valven"), step_check),
]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, StepFailed):
        return str(exc)
    if isinstance(exc, UtvagError):
        return exc.message
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _run(label: str, action: Callable[[], str | None], out: TextIO) -> bool:
    started = time.perf_counter()
    try:
        detail = action()
    except Exception as exc:  # a step's failure is reported, never raised
        print(f"FAIL {_(label)}: {_reason(exc)}", file=out, flush=True)
        return False
    shown = f"{_(label)}: {detail}" if detail else _(label)
    print(f"ok  {shown} ({time.perf_counter() - started:.2f} s)", file=out, flush=True)
    return True


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step; return 0 only if all passed."""
    from app import policy

    stream = out or sys.stdout
    results = [_run(label, action, stream) for label, action in KNOWN_ANSWERS]
    root = Path(tempfile.mkdtemp(prefix="utvag-selftest-"))
    chain = Chain(root)
    try:
        # The throwaway vaults test the machinery; the organisation policy is for real ones.
        with policy.scoped(policy.Policy()):
            for label, chain_step in CHAIN:
                results.append(_run(label, functools.partial(chain_step, chain), stream))
    finally:
        chain.close()
        shutil.rmtree(root, ignore_errors=True)
    results.append(_run(N_("ta bort allt"), lambda: need(not root.exists(), str(root)), stream))
    failed = results.count(False)
    if failed:
        print(
            _("självtest: {failed} av {total} steg misslyckades").format(
                failed=failed, total=len(results)
            ),
            file=stream,
        )
        return 1
    print(_("självtest: alla {total} steg godkända").format(total=len(results)), file=stream)
    return 0


__all__ = ["run_self_test"]
