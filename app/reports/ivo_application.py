"""The IVO application pack for a transfer request (*ansökan om överflyttning av
ärende*) as a PDF, with what IVO's pages ask an application to contain (cited from the
legal references file, ``ivo_application``): why the client's strongest connection is
in the other municipality, the wishes of the client (and guardians, a child over 15, a
god man), the ongoing care or measures with their legal basis, the expected duration of
the need and other circumstances; then the history of the request and the list of
attachments IVO wants (approved minutes or delegation order, the request, the other
municipality's answer, the decision material). The application itself is made on IVO's
form and decided by the competent nämnd or delegate: this pack is the material for it.

Refused (:class:`~app.errors.Refused`, in Swedish) when the request may not go to IVO:
no strongest-connection ground, or neither a no nor a month without a decision."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain import legal
from app.domain.transfer import TransferAnswer, TransferGround, TransferRequest
from app.errors import Refused
from app.i18n import N_, _
from app.pdf.document import build_document
from app.pdf.layout import facts, grid, para
from app.pdf.pages import decorate_report
from app.store.records import CaseFile

ATTACHMENTS = (
    N_("Justerat beslutsprotokoll från behörig nämnd eller utskott (vid delegat: "
       "delegationsordningen som visar att delegaten får ansöka)"),
    N_("Kopia av begäran om överflyttning som skickades till den andra kommunen"),
    N_("Kopia av den andra kommunens svar (eller uppgift om att svar saknas)"),
    N_("Kopia av beslutsunderlaget som nämnden eller utskottet tog del av"),
)  # fmt: skip
MISSING = N_("Uppgift saknas: komplettera före ansökan.")


def _text(value: str) -> str:
    return value or _(MISSING)


def _grounds(request: TransferRequest) -> list[Flowable]:
    return [
        para(_("1. Skäl för starkast anknytning till {town}").format(town=request.to_municipality),
             "h2"),
        para(_text(request.connection)),
        para(_("2. Den enskildes önskemål"), "h2"),
        facts([(_("Klienten"), _text(request.client_wishes)),
               (_("Vårdnadshavare"), request.guardian_wishes or "–"),
               (_("Barn över 15 år"), request.child_wishes or "–"),
               (_("God man, förvaltare eller särskilt förordnad vårdnadshavare"),
                request.god_man_wishes or "–")]),
        para(_("3. Pågående vård eller åtgärd och lagrum"), "h2"),
    ]  # fmt: skip


def _measures(file: CaseFile) -> list[Flowable]:
    rows = [[d.decided_on, d.measure, d.legal_basis] for d in file.decisions]
    if not rows:
        return [para(_(MISSING))]
    return [grid([_("Beslutad"), _("Insats"), _("Lagrum")], rows, [0.18, 0.47, 0.35])]


def _history(request: TransferRequest) -> list[Flowable]:
    rows = [(_("Begäran skickad"), request.requested_on),
            (_("Ansökan till IVO möjlig från"), request.ivo_from)]  # fmt: skip
    if request.answer is TransferAnswer.NONE:
        rows.append((_("Svar från {town}").format(town=request.to_municipality),
                     _("Inget beslut har kommit")))  # fmt: skip
    else:
        answer = f"{request.answer.label} {request.answered_on} ({request.decided_by or '–'})"
        rows.append(
            (
                _("Svar från {town}").format(town=request.to_municipality),
                answer + (f". {request.answer_note}" if request.answer_note else ""),
            )
        )
    return [facts(rows)]


def _story(file: CaseFile, request: TransferRequest, board: str) -> list[Flowable]:
    guidance = legal.reference("ivo_application")
    others = [g.label for g in request.grounds if g is not TransferGround.STRONGEST_CONNECTION]
    note = f". {request.grounds_note}" if request.grounds_note else ""
    circumstances = ", ".join(others) + note
    out: list[Flowable] = [
        para(_("Underlag för ansökan till IVO om överflyttning av ärende"), "title"),
        facts(
            [
                (_("Sökande nämnd"), board or "–"),
                (_("Ärende"), file.case.ref),
                (_("Den andra kommunen"), request.to_municipality),
                (_("Regel"), legal.cite("sol_transfer_ivo")),
            ]
        ),
        Spacer(1, 3 * mm),
        *_grounds(request),
        *_measures(file),
        para(_("4. Hjälpbehovets varaktighet"), "h2"),
        para(_text(request.duration)),
        para(_("5. Omständigheter i övrigt"), "h2"),
        para(circumstances or "–"),
        para(_("6. Begäran och svar"), "h2"),
        *_history(request),
        para(_("Bilagor"), "h2"),
        *[para("☐ " + _(item)) for item in ATTACHMENTS],
        Spacer(1, 4 * mm),
        para(guidance.describe(), "small"),
        para(
            _("Källa: {source} (kontrollerad {day})").format(
                source=guidance.source, day=guidance.checked
            ),
            "small",
        ),
    ]
    return out


def render_ivo_application(
    file: CaseFile, request: TransferRequest, today: date, *, board: str = ""
) -> bytes:
    """The pack as PDF bytes (never written here); refused when IVO may not be asked."""
    refusal = request.ivo_refusal(today) if request.ivo_applied_on is None else None
    if refusal is not None:
        raise Refused(reason=refusal)
    title = _("Ansökan till IVO om överflyttning · {ref}").format(ref=file.case.ref)
    return build_document(
        _story(file, request, board),
        lambda canvas: decorate_report(canvas, " · ".join(x for x in (board, title) if x)),
        title=title,
        author=board,
    )


__all__ = ["ATTACHMENTS", "render_ivo_application"]
