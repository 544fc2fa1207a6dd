"""Deterministic, clearly fictional demo data: invented names, identifiers from
Skatteverket's test range (serial numbers 980-999, never a real person's), and case
histories that use every part of the case file: stage changes with relapses, threat
changes, safety-plan versions, consents (some withdrawn), decisions, tasks and journal
corrections.

``fill_demo(store_or_vault, cases=N, seed=S)`` gives the same vault for the same seed
and day.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.domain import legal
from app.domain.case import CaseStatus, CloseOutcome, ReferralSource, TargetGroup
from app.domain.identifiers import IdentifierKind, luhn_check_digit
from app.domain.kinds import ActorKind, JournalKind, ProtectedLevel
from app.domain.minors import BEST_INTERESTS, CHILD_VIEWS, WISHES_CONSENT, MayBeTold
from app.store import Store
from app.store.transfer import TransferGround

GIVEN = (
    "Alva", "Bo", "Cim", "Dana", "Elis", "Fenja", "Gorm", "Hedda", "Ilir", "Jolin", "Kasim",
    "Liv", "Milo", "Nova", "Omid", "Petra", "Rami", "Saga", "Tove", "Ulf", "Vera", "Yusuf",
)  # fmt: skip
FAMILY = (
    "Exempelsson", "Provberg", "Testlund", "Påhittson", "Fiktivdal", "Låtsasgren",
    "Demoström", "Övningsby", "Skissholm", "Utkastare", "Modellqvist", "Prototypsson",
)  # fmt: skip
ALIASES = ("Räven", "Kungen", "Skuggan", "Tornet", "Vargen", "Lillebror", "Doktorn", "Kroken")
PLACES = ("centrum", "stationen", "gymmet", "skolan", "torget", "tvättstugan", "parkeringen")
ACTORS = (
    (ActorKind.POLICE, "Polisen, region Exempel", "Avhopparsamordnare"),
    (ActorKind.KRIMINALVARDEN, "Kriminalvården, Exempelstad", "Frivårdsinspektör"),
    (ActorKind.SIS, "SiS ungdomshem Övningsgården", "Behandlingssekreterare"),
    (ActorKind.CIVIL_SOCIETY, "Exitföreningen Ny Väg (påhittad)", "Stödperson"),
    (ActorKind.OTHER_MUNICIPALITY, "Provby kommun, socialtjänsten", "Mottagande handläggare"),
)
SENTENCES = (
    "Samtal med {name} om hur veckan har varit och vad som har hänt sedan förra mötet.",
    "{name} berättar att det har varit lugnt men att hen känner oro när hen rör sig vid {place}.",
    "Vi går igenom säkerhetsplanen och kontrollerar att nödnumren och kodordet fungerar.",
    "{name} har fått ett sms från ett okänt nummer och har inte svarat, enligt överenskommelse.",
    "Kontakt med polisens avhopparsamordnare om den aktuella hotbilden mot {name} och familjen.",
    "Frivården meddelar att {name} har skött sina besök och lämnat negativa prover.",
    "Vi pratar om skulder till personer i den gamla miljön och vad skuldsanering innebär.",
    "{name} uttrycker ambivalens: saknar gemenskapen men vill inte tillbaka till våldet.",
    "Planering inför flytt till annan kommun; boendefrågan och skolgång för barnen diskuteras.",
    "{name} har påbörjat en utbildning och beskriver det som ett viktigt steg mot ett nytt liv.",
    "Uppgifter om att personen med alias {alias} frågat efter {name} vid {place}.",
    "Hembesök. Bostaden är städad, {name} verkar piggare och berättar om nya rutiner.",
    "Telefonsamtal: {name} ringer och vill flytta fram mötet på grund av arbete.",
    "Genomgång av samtycket till informationsutbyte med polisen och Kriminalvården.",
    "{name} säger med egna ord att hen är trött på att alltid se sig över axeln.",
    "Diskussion om sociala medier; gamla konton är stängda och platstjänster avstängda.",
    "Möte med Kriminalvården och polisen om villkoren och den fortsatta planeringen.",
    "{name} berättar om ett återfall: träffade gamla vänner från nätverket i helgen.",
    "Vi följer upp motivationen med hjälp av skalfrågor och går igenom push- och pullfaktorer.",
    "Kontakt med skolan om skyddade personuppgifter för barnen och rutiner vid hämtning.",
    "Ekonomiskt bistånd för hyra och mat har beviljats enligt beslut och kommunicerats.",
    "{name} har varit i kontakt med {alias} via en bekant, vilket ökar oron för repressalier.",
    "Överenskommet att nästa uppföljning sker om två veckor och att {name} hör av sig vid behov.",
)  # fmt: skip
STAGES = ("precontemplation", "contemplation", "preparation", "action", "maintenance")


def fictional_personnummer(rng: random.Random, born: date, coordination: bool = False) -> str:
    """A valid number with a serial in the test range 980-999 (never a real person)."""
    day = born.day + (60 if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{rng.randint(980, 999)}"
    return f"{born.year // 100}{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def journal_text(rng: random.Random, name: str, sentences: int | None = None) -> str:
    count = sentences or rng.randint(2, 7)
    parts = [
        rng.choice(SENTENCES).format(name=name, place=rng.choice(PLACES), alias=rng.choice(ALIASES))
        for _ in range(count)
    ]
    return " ".join(parts)


def fill_demo(target: Any, cases: int = 40, seed: int = 1) -> list[int]:
    """Fill a vault (or a :class:`Store`) with ``cases`` fictional cases; return their ids."""
    store = target if isinstance(target, Store) else Store(target)
    rng = random.Random(seed)  # noqa: S311 (reproducible fiction, not security)
    # A throwaway demo needs no fsync per write; FULL durability is restored after.
    with store.vault.without_fsync():
        actors = [store.add_actor(k, org, contact_name=who).new_id for k, org, who in ACTORS]
        return [_one_case(store, rng, actors, index) for index in range(cases)]


def _one_case(store: Store, rng: random.Random, actors: list[int], index: int) -> int:
    today = store.today()
    old = index % 20 == 19  # a closed file past retention, for the review list
    minor = index == 1  # a 16-year-old client: guardians and the child's records
    opened = today - timedelta(days=rng.randint(2300, 2800) if old else rng.randint(20, 1100))
    if minor:
        opened = today - timedelta(days=rng.randint(60, 200))
    person, name = _person(store, rng, today, minor=minor)
    case_id = store.create_case(
        person, target_group=rng.choice(list(TargetGroup)),
        referral_source=rng.choice(list(ReferralSource)), opened=opened.isoformat(),
        police_ref=f"5000-K{rng.randint(10000, 99999)}-{opened:%y}",
    ).new_id  # fmt: skip
    store.link_actor(case_id, rng.choice(actors), role="Kontaktperson")
    span = 400 if old else (today - opened).days
    days = sorted(rng.sample(range(1, span), min(12, span - 1)))
    history = [opened + timedelta(days=d) for d in days]
    _assessments(store, rng, case_id, history)
    _journal(store, rng, case_id, name, [opened, *history])
    _consents_and_decisions(store, rng, case_id, opened)
    if minor:
        _child(store, person, case_id, name, history)
    _status(store, rng, case_id, [opened + timedelta(days=1), *history], today, old, minor)
    return case_id


def _person(store: Store, rng: random.Random, today: date, *, minor: bool = False
            ) -> tuple[int, str]:  # fmt: skip
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    born = today - timedelta(days=rng.randint(15 * 365, 45 * 365))
    if minor:
        born = today - timedelta(days=16 * 365 + 120)
    roll = 0.0 if minor else rng.random()
    kind: IdentifierKind | None = None
    ident = fictional_personnummer(rng, born, coordination=roll > 0.8)
    if roll > 0.9:
        ident, kind = f"RES-{rng.randint(1000, 9999)}", IdentifierKind.RESERVNUMMER
    level = ProtectedLevel.NONE
    if rng.random() < 0.15 and not minor:
        level = rng.choice(list(ProtectedLevel)[1:])
    pid = store.add_person(
        given, family, protected_level=level, identifier=ident, identifier_kind=kind,
        birth_date=born.isoformat(), languages=["sv"] if rng.random() < 0.7 else ["sv", "ar"],
    ).new_id  # fmt: skip
    return pid, given


def _assessments(store: Store, rng: random.Random, case_id: int, days: list[date]) -> None:
    stage = rng.randint(0, 2)
    level = rng.randint(1, 3)
    plan_version = 0
    for i, day in enumerate(days):
        review = (day + timedelta(days=rng.choice((30, 60, 90)))).isoformat()
        if i % 2 == 0:
            relapse = rng.random() < 0.12
            stage = max(0, stage - 2) if relapse else min(4, stage + rng.choice((0, 1, 1)))
            store.record_motivation(case_id, {
                "assessed_on": day.isoformat(), "assessor": store.user,
                "model": "transtheoretical", "stage": "relapse" if relapse else STAGES[stage],
                "readiness": min(10, 2 + 2 * stage), "pull_factors": ["children_family"],
                "own_words": "Jag vill kunna gå till affären utan att vara rädd.",
                "next_review": review,
            })  # fmt: skip
        if i % 3 == 0:
            level = max(0, min(3, level + rng.choice((-1, 0, 1))))
            store.record_threat(case_id, _threat(store, rng, day, level, review))
        if i % 4 == 1 or plan_version == 0:
            plan_version += 1
            store.revise_safety_plan(case_id, _plan(rng, day, review, plan_version))


def _threat(store: Store, rng: random.Random, day: date, level: int, review: str) -> dict[str, Any]:
    levels = ("low", "moderate", "high", "very_high")
    return {
        "assessed_on": day.isoformat(), "assessor": store.user,
        "instrument": rng.choice(("own", "police", "check15")),
        "threat_kinds": ["violence", "threats"],
        "actors": [{"alias": rng.choice(ALIASES), "group": "Nätverket (påhittat)",
                    "intent": "high", "capability": "moderate"}],
        "acute_level": levels[level], "long_term_level": levels[max(0, level - 1)],
        "source": "police", "reliability": "probably_true", "next_review": review,
    }  # fmt: skip


def _plan(rng: random.Random, day: date, review: str, version: int) -> dict[str, Any]:
    return {
        "plan_date": day.isoformat(), "review_date": review,
        "measures": [{"measure": "Nytt telefonnummer", "category": "new_phone",
                      "responsible": "Handläggare",
                      "status": "done" if version > 1 else "planned"}],
        "code_words": [{"word": rng.choice(("Blåbär", "Hallon", "Lingon")), "meaning": "Ring 112"}],
        "safe_places": f"Version {version}: överenskomna trygga platser.",
        "digital_hygiene": ["new_number", "location_off"],
    }  # fmt: skip


def _journal(store: Store, rng: random.Random, case_id: int, name: str, days: list[date]) -> None:
    kinds = [JournalKind.CONVERSATION, JournalKind.PHONE, JournalKind.HOME_VISIT,
             JournalKind.MEETING_POLICE, JournalKind.MEETING_KRIMINALVARDEN]  # fmt: skip
    for day in days:
        entry = store.add_journal_entry(
            case_id, journal_text(rng, name), rng.choice(kinds), occurred=day.isoformat()
        ).new_id
        if rng.random() < 0.08:  # signed, then corrected (rättelse) with a reason
            store.sign_journal_entry(entry)
            store.correct_journal_entry(entry, journal_text(rng, name), "Felaktigt datum för mötet")
        elif rng.random() < 0.5:
            store.sign_journal_entry(entry)
            _after_signing(store, entry)


def _after_signing(store: Store, entry: int) -> None:
    """Now and then a tillägg, more rarely a makulering (by the entry's number, so the
    random sequence of the rest of the demo stays the same)."""
    if entry % 17 == 0:
        store.add_journal_addition(entry, "Klienten ringde dagen efter och bekräftade "
                                   "uppgifterna.", "Uppgift som kom fram senare")  # fmt: skip
    elif entry % 41 == 0:
        store.strike_journal_entry(entry, "Anteckningen skrevs på fel klient")


def _consents_and_decisions(store: Store, rng: random.Random, case_id: int, opened: date) -> None:
    given = opened + timedelta(days=3)
    series = store.add_consent(case_id, {
        "information": "Hotbild, säkerhetsplan och pågående insatser",
        "recipient": "Polisen, region Exempel", "recipient_kind": "police",
        "purpose": "Samordning av skydd och stöd", "given_on": given.isoformat(),
        "data_categories": ["threat", "safety_plan", "actors"],
        "given_how": "written", "valid_until": (given + timedelta(days=365)).isoformat(),
    }).new_id  # fmt: skip
    if rng.random() < 0.15:
        store.withdraw_consent(series, (given + timedelta(days=40)).isoformat(), "oral")
    store.add_decision(case_id, "Ekonomiskt bistånd", legal.cite("sol_assistance", "sv"),
                       (opened + timedelta(days=10)).isoformat(), "Enhetschef (påhittad)",
                       "Kan överklagas till förvaltningsrätten inom tre veckor.")  # fmt: skip
    if rng.random() < 0.5:
        due = store.today() + timedelta(days=rng.randint(-10, 20))
        store.add_task("Boka uppföljningsmöte med frivården", case_id=case_id, due=due.isoformat())


def _child(store: Store, child: int, case_id: int, name: str, days: list[date]) -> None:
    """A minor's case with all of it: guardians (one who may not be told where the child
    lives), the child's best interests, own views, consent and wishes, and a transfer
    request stating the guardians' wishes."""
    store.add_guardian(
        child, "Maria", "Exempelsson", contact={"phone": "070-000 00 98"},
        may_be_told=MayBeTold.LIMITED, told_note="Inte barnets vistelseort (hotbild)",
    )  # fmt: skip
    store.add_guardian(
        child, "Karl", "Provberg", protected_level=ProtectedLevel.SKYDDAD_FOLKBOKFORING,
        may_be_told=MayBeTold.NOTHING, told_note="Sekretess: hot från hans umgänge",
    )  # fmt: skip
    first, last = days[0].isoformat(), days[-1].isoformat()
    store.add_child_record(case_id, CHILD_VIEWS, {
        "heard_on": first, "how": "alone", "informed": True,
        "own_words": "Jag vill bort från gänget men inte byta skola mitt i terminen.",
        "weight": f"{name} är 16 år och uttrycker sig moget; åsikten väger tungt.",
    })  # fmt: skip
    store.add_child_record(case_id, BEST_INTERESTS, {
        "assessed_on": last, "assessor": store.user, "areas": ["safety", "school", "family"],
        "analysis": "Skyddat boende minskar risken för våld; skolbyte vid terminsslut.",
        "views_weighed": "yes", "conclusion": "Flytt till skyddat boende med skolstart i januari.",
        "next_review": (days[-1] + timedelta(days=60)).isoformat(),
    })  # fmt: skip
    for by, consent, who in (("child", "yes", ""), ("guardian", "partly", "Maria Exempelsson")):
        data = {"given_on": last, "given_by": by, "concerns": "transfer", "consent": consent,
                "wishes": "Flytt till Provby, nära mormor." if by == "child"
                else "Vill att flytten sker först efter jul."}  # fmt: skip
        named = {"guardian_name": who} if who else {}
        store.add_child_record(case_id, WISHES_CONSENT, data | named)
    store.request_transfer(
        case_id, "Provby kommun", requested_on=last,
        client_wishes="Vill bo nära sin mormor i Provby.",
        guardian_wishes="Maria Exempelsson: flytt efter jul. Karl Provberg är inte tillfrågad "
        "(sekretess).",
        connection="Mormor bor i Provby; Nora bodde där till tolv års ålder.",
        duration="Stöd och skydd väntas behövas minst ett år.",
        child_wishes="Nora vill bo hos mormor och börja i skolan i Provby.",
        grounds=(TransferGround.STRONGEST_CONNECTION, TransferGround.THREAT),
    )  # fmt: skip


def _status(
    store: Store, rng: random.Random, case_id: int, days: list[date], today: date, old: bool,
    active: bool = False,
) -> None:  # fmt: skip
    steps = [CaseStatus.ASSESSMENT, CaseStatus.ACTIVE]
    roll = 1.0 if active else rng.random()
    if roll < 0.15 or old:
        steps += [CaseStatus.CLOSED]
    elif roll < 0.2:
        steps += [CaseStatus.TRANSFERRED]
    elif roll < 0.3:
        steps += [CaseStatus.PAUSED]
    marks = [*days[: len(steps) - 1], days[-1]]
    for status, day in zip(steps, marks, strict=False):
        outcome = rng.choice(list(CloseOutcome)) if status is CaseStatus.CLOSED else None
        store.set_status(case_id, status, on=min(day, today).isoformat(), outcome=outcome)


__all__ = ["fictional_personnummer", "fill_demo", "journal_text"]
