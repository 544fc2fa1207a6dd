"""A fictional handover payload for tests, benchmarks, fuzzing and previews.

All people, places and events are invented. Names use Latin Extended and Cyrillic so
the renderer's font coverage is exercised."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from app.handover.schema import SCHEMA_ID, SECTION_KEYS, SECTIONS

_KINDS = ("conversation", "home_visit", "meeting_police", "phone", "meeting_other", "other")
_AUTHORS = ("Karin Lindqvist", "Jonas Åberg", "Zeynep Yılmaz")
_SENTENCES = (
    "Samtal med klienten om hur veckan har varit och om kontakten med familjen.",
    "Klienten berättar att en tidigare bekant har hört av sig via sociala medier.",
    "Vi gick igenom säkerhetsplanen och kodorden; klienten kunde återge dem.",
    "Möte med polisens avhopparsamordnare om den aktuella hotbilden.",
    "Klienten uttrycker oro för ekonomin men vill fortsätta med utbildningen.",
    "Telefonkontakt med frivården inför nästa uppföljningsmöte.",
    "Klienten har bytt telefonnummer och stängt de gamla kontona.",
    "Boendet fungerar; grannar känner inte till klientens bakgrund.",
)


def _day(start: dt.date, offset: int) -> str:
    return (start + dt.timedelta(days=offset)).isoformat()


def _stamp(day: str, hour: int = 10) -> str:
    return f"{day}T{hour:02d}:15:00+00:00"


def _record(
    form: str, rid: str, day: str, author: str, data: dict[str, Any], version: int = 1
) -> dict[str, Any]:
    return {
        "id": rid,
        "form": form,
        "form_version": version,
        "recorded_at": _stamp(day),
        "author": author,
        "data": data,
    }


def _threats(start: dt.date) -> list[dict[str, Any]]:
    levels = (
        ("moderate", "high"),
        ("high", "high"),
        ("very_high", "high"),
        ("moderate", "moderate"),
    )
    out = []
    for i, (acute, long_term) in enumerate(levels):
        day = _day(start, 40 + i * 75)
        out.append(
            _record(
                "threat_assessment",
                f"T{i + 1}",
                day,
                _AUTHORS[0],
                {
                    "assessed_on": day,
                    "assessor": "Polisen, region Öst",
                    "instrument": "police",
                    "threat_kinds": ["violence", "threats"],
                    "actors": [
                        {
                            "alias": "”Vargen”",
                            "group": "Nätverket Syd",
                            "relation": "tidigare ledare",
                            "intent": "high",
                            "capability": "moderate",
                        }
                    ],
                    "vulnerabilities": "Känd adress hos tidigare umgänge fram till flytten.",
                    "scenarios": [
                        {"scenario": "Uppsökande vid bostaden", "likelihood": "moderate"}
                    ],
                    "acute_level": acute,
                    "long_term_level": long_term,
                    "recommended_measures": "Skyddad folkbokföring, byte av telefon, flytt.",
                    "source": "police",
                    "reliability": "probably_true",
                    "changes": "Ny uppgift om hot mot familjen." if i == 2 else "",
                    "next_review": _day(start, 40 + i * 75 + 60),
                },
            )
        )
    return out


def _motivation(start: dt.date) -> list[dict[str, Any]]:
    stages = ("contemplation", "preparation", "action", "relapse", "action", "maintenance")
    out = []
    for i, stage in enumerate(stages):
        day = _day(start, 10 + i * 55)
        out.append(
            _record(
                "motivation_assessment",
                f"M{i + 1}",
                day,
                _AUTHORS[i % 2],
                {
                    "assessed_on": day,
                    "assessor": _AUTHORS[i % 2],
                    "model": "transtheoretical",
                    "stage": stage,
                    "readiness": min(10, 3 + i),
                    "confidence": min(10, 2 + i),
                    "push_factors": ["violence_fatigue", "threats_own_group"],
                    "pull_factors": ["children_family", "work_education"],
                    "barriers": ["debts", "fear"],
                    "own_words": "Jag vill att mina barn ska slippa det här livet.",
                    "milieu_contact": "occasional" if stage == "relapse" else "none",
                    "reliability": "probably_true",
                    "next_review": _day(start, 10 + i * 55 + 45),
                },
            )
        )
    return out


def _safety_plans(start: dt.date) -> list[dict[str, Any]]:
    plans = []
    for version in (1, 2, 3):
        day = _day(start, 50 + (version - 1) * 90)
        measures = [
            {
                "measure": "Ansökan om skyddad folkbokföring",
                "category": "protected_registration",
                "responsible": "Socialtjänsten",
                "status": "done" if version > 1 else "in_progress",
                "due": _day(start, 70),
            },
            {
                "measure": "Nytt telefonnummer och ny telefon",
                "category": "new_phone",
                "responsible": "Klienten med stöd av handläggaren",
                "status": "done",
                "due": _day(start, 55),
            },
            {
                "measure": "Flytt till annan kommun",
                "category": "relocation",
                "responsible": "Avhopparverksamheten",
                "status": "planned" if version < 3 else "in_progress",
                "due": _day(start, 330),
            },
        ]
        plan = _record(
            "safety_plan",
            f"S{version}",
            day,
            _AUTHORS[0],
            {
                "plan_date": day,
                "measures": measures,
                "emergency_contacts": [
                    {
                        "name": "Polisens avhopparsamordnare",
                        "phone": "010-000 00 00",
                        "when": "vid akut hot",
                    }
                ],
                "code_words": [
                    {"word": "Blåbär", "meaning": "Ring mig direkt, jag kan inte prata"}
                ],
                "safe_places": "Polisstationen i centrum; mottagningen på vårdcentralen.",
                "rules": [
                    {"area": "social_media", "rule": "Inga bilder som visar bostadsområdet."}
                ],
                "do_not_disclose": [
                    {"who": "Дмитрий Петров", "relation": "tidigare kumpan", "note": ""}
                ],
                "relocation_planned": version == 3,
                "client_acknowledged": True,
                "relocation_municipality": "Mottagarstad" if version == 3 else "",
                "acknowledged_on": day,
                "acknowledged_how": "written",
                "review_date": _day(start, 50 + version * 90),
            },
        )
        plan["version"] = version
        plans.append(plan)
    return plans


def _consents(start: dt.date) -> list[dict[str, Any]]:
    return [
        _record(
            "consent",
            "C1",
            _day(start, 5),
            _AUTHORS[0],
            {
                "information": "Hotbild, säkerhetsplan, motivation och journal för överflyttning.",
                "recipient": "Mottagarstads kommun, avhopparverksamheten",
                "recipient_kind": "other_municipality",
                "purpose": "Överflyttning av ärendet",
                "data_categories": list(SECTIONS),
                "given_on": _day(start, 5),
                "given_how": "written",
                "valid_until": _day(start, 1400),
            },
            version=2,
        )
    ]


def _journal(start: dt.date, count: int, rng: random.Random) -> list[dict[str, Any]]:
    entries = []
    for i in range(count):
        day = _day(start, i * 400 // max(count, 1))
        author = _AUTHORS[i % len(_AUTHORS)]
        text = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(2, 5)))
        revisions = [
            {
                "revision": 1,
                "text": text,
                "author": author,
                "created_at": _stamp(day, 14),
                "reason": None,
            }
        ]
        if i % 9 == 4:
            revisions.append(
                {
                    "revision": 2,
                    "text": text.replace("veckan", "månaden", 1) + " (rättat)",
                    "author": _AUTHORS[0],
                    "created_at": _stamp(day, 16),
                    "reason": "Fel tidsangivelse i första versionen.",
                }
            )
        entries.append(
            {
                "id": f"J{i + 1}",
                "form": "journal_entry",
                "form_version": 1,
                "kind": _KINDS[i % len(_KINDS)],
                "occurred_on": day,
                "communicated": i % 3 == 0,
                "signed_by": author,
                "signed_at": _stamp(day, 17),
                "written_at": _stamp(day, 14),
            }
        )
        entries[-1]["revisions"] = revisions
        entries[-1].update(_lifecycle(i, day, len(revisions)))
    return entries


def _lifecycle(i: int, day: str, revisions: int) -> dict[str, Any]:
    """Every entry is signed (revision 1); one in nine is corrected, one gets a tillägg
    and one was written on the wrong client and struck (makulerad)."""
    out: dict[str, Any] = {
        "status": "corrected" if revisions > 1 else "signed",
        "signed_revision": 1,
    }
    if i == 5:
        out["additions"] = [
            {
                "text": "Klienten ringde efteråt och lade till att mötet med banken är bokat.",
                "author": _AUTHORS[1],
                "created_at": _stamp(day, 18),
                "reason": None,
            }
        ]
    if i == 7:
        out["status"] = "struck"
        out["struck"] = {
            "struck_at": _stamp(day, 19),
            "struck_by": _AUTHORS[0],
            "reason": "Skriven i fel klients akt.",
        }
    return out


#: Every section but the child's (the sample client is an adult).
ADULT_SECTIONS = tuple(s for s in SECTIONS if s != "child")


def _child(start: dt.date) -> dict[str, Any]:
    """A child's section (for a packet whose sections include it)."""
    guardian: dict[str, Any] = {
        "display_name": "Maria Nowak", "given_names": "Maria", "family_name": "Nowak",
        "birth_date": None, "protected_level": "none", "identifiers": [], "languages": [],
        "interpreter": "", "contact": {"telefon": "070-000 00 98"},
    }  # fmt: skip
    views = _record("child_views", "B1", _day(start, 4), _AUTHORS[0], {
        "heard_on": _day(start, 4), "how": "alone", "informed": True,
        "own_words": "Jag vill bo nära mormor.", "weight": "Moget uttryckt; väger tungt.",
    })  # fmt: skip
    return {"guardians": [{"person": guardian, "may_be_told": "limited",
                           "told_note": "Inte vistelseorten"}], "records": [views]}  # fmt: skip


def sample_payload(
    journal_entries: int = 30,
    sections: tuple[str, ...] = ADULT_SECTIONS,
    sequence: int = 1,
    seed: int = 7,
    signer_fingerprint: str | None = None,
) -> dict[str, Any]:
    """A valid payload with every chosen section filled with fictional data."""
    rng = random.Random(seed)
    start = dt.date(2025, 3, 3)
    safety = _safety_plans(start)
    threats = _threats(start)
    content: dict[str, Any] = {
        "case": {
            "ref": "EXB-2025-0042",
            "status": "active",
            "target_group": "criminal_network",
            "referral_source": "police",
            "phase": "interventions",
            "opened": start.isoformat(),
            "municipality": "Exempelby kommun",
            "responsible": _AUTHORS[0],
            "police_ref": "5000-K123456-25",
        },
        "person": {
            "display_name": "Aleksandr Nowak-Öberg",
            "given_names": "Aleksandr Łukasz",
            "family_name": "Nowak-Öberg",
            "birth_date": "1998-07-14",
            "protected_level": "skyddad_folkbokforing",
            "identifiers": [
                {
                    "kind": "personnummer",
                    "value": "199807149985",
                    "valid_from": None,
                    "valid_to": None,
                }
            ],
            "languages": ["svenska", "polska", "ryska (Александр)"],
            "interpreter": "",
            "contact": {"telefon": "070-000 00 00"},
        },
        "identity_disclosure": {"all_identities": False, "reason": "", "withheld": 1},
        "summary": _record(
            "case_summary",
            "Z1",
            "2026-11-20",
            _AUTHORS[0],
            {
                "written_on": "2026-11-20",
                "summary": "Klienten lämnade ett kriminellt nätverk våren 2025 och har sedan dess "
                "deltagit i avhopparprogrammet. Hotbilden kräver flytt.",
                "background": "Aktualiserad av polisen efter ett hot mot familjen. Tidigare "
                "dömd för narkotikabrott; fullgjort straffet.",
                "assessment": "Motivationen är stabil sedan sommaren; återfallet i augusti "
                "hanterades och kontakten med miljön är bruten.",
                "recommendations": "Fortsatt stöd med boende och sysselsättning; kontakt med "
                "polisens avhopparsamordnare inom två veckor.",
            },
        ),
        "decisions": [
            {
                "id": "D1",
                "measure": "Skyddat boende",
                "legal_basis": "Socialtjänstlagen",
                "decided_on": "2026-02-01",
                "decision_maker": "Enhetschef Eva Holm",
                "valid_from": "2026-02-01",
                "valid_until": "2027-01-31",
                "grounds": "Akut hot; klienten kan inte bo kvar i sin bostad.",
                "appeal_info": "Kan överklagas till förvaltningsrätten inom tre veckor.",
            },
            {
                "id": "D2",
                "measure": "Ekonomiskt bistånd",
                "legal_basis": "Socialtjänstlagen",
                "decided_on": "2026-10-15",
                "decision_maker": "Handläggare Jonas Åberg",
                "valid_from": None,
                "valid_until": None,
                "grounds": "",
                "appeal_info": "",
            },
        ],
        "threat": threats[-1],
        "threat_history": threats[:-1],
        "safety_plan": {"current": safety[-1], "history": safety[:-1], "history_included": True},
        "motivation": _motivation(start),
        "consents": _consents(start),
        "child": _child(start),
        "actors": [
            {
                "id": "A1",
                "kind": "police",
                "name": "Polisen, region Öst",
                "contact_person": "Avhopparsamordnare P. Ek",
                "phone": "010-000 00 00",
                "email": "",
                "role": "Hotbedömning",
            },
            {
                "id": "A2",
                "kind": "kriminalvarden",
                "name": "Frivården Exempelby",
                "contact_person": "M. Sjöberg",
                "phone": "",
                "email": "",
                "role": "Övervakare",
            },
        ],
        "tasks": [
            {
                "id": "U1",
                "title": "Boka möte med mottagande kommun",
                "owner": _AUTHORS[0],
                "due": "2026-01-15",
                "done": False,
            },
            {
                "id": "U2",
                "title": "Följ upp ansökan om bostad",
                "owner": _AUTHORS[1],
                "due": None,
                "done": False,
            },
        ],
        "journal": _journal(start, journal_entries, rng),
    }
    kept = {"case"} | {k for s in sections for k in SECTION_KEYS[s]}
    payload: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "packet": {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "sequence": sequence,
            "sealed_at": "2026-11-23T10:00:00+00:00",
            "expires_at": None,
            "case_ref": "EXB-2025-0042",
            "case_uid": "c0ffee-0042",
            "transfer_request": {
                "to_municipality": "Mottagarstads kommun",
                "requested_on": "2026-10-01",
                "client_wishes": "Vill flytta närmare sin syster.",
                "grounds": ["threat", "strongest_connection"],
                "answer_due": "2026-11-01",
            },
        },
        "sender": {
            "municipality": "Exempelby kommun",
            "unit": "Socialtjänsten, avhopparverksamheten",
            "officer": "Karin Lindqvist",
            "officer_title": "Överlämningsansvarig",
            "board": "Socialnämnden",
            "phone": "010-000 00 90",
            "email": "avhopp@exempelby.example",
        },
        "recipients": [
            {
                "kind": "certificate",
                "name": "Avhopparverksamheten",
                "organisation": "Mottagarstads kommun",
            }
        ],
        "receiver": {
            "board": "Socialnämnden, Mottagarstads kommun",
            "unit": "Avhopparverksamheten",
        },
        "legal_basis": {
            "kind": "consent",
            "text": "Klientens skriftliga samtycke till överflyttning (OSL 12 kap. 2 §).",
            "consent": _consents(start)[0],
        },
        "sections": [s for s in SECTIONS if s in sections],
        "period": None,
        "content": {k: v for k, v in content.items() if k in kept},
    }
    if signer_fingerprint:
        payload["sender"]["identity_fingerprint"] = signer_fingerprint
    return payload
