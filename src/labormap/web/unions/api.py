"""``GET /api/v1/agreements`` (collective agreements: filtered, paged, scoped) and ``/api/v1/unions/home``.

``state`` is one of ``draft``, ``negotiation``, ``signed``, ``registered``, ``expired`` (a contract).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema

from labormap.web.core.apirequest import ApiRequest
from labormap.web.unions import filters, services, views
from labormap.web.unions.models import CollectiveAgreement

router = Router(tags=["unions"])
MAX_PAGE = 500


class AgreementFilters(Schema):
    state: str | None = None
    employer: str | None = None
    region: str | None = None
    ends_before: str | None = None
    page: int = 1
    page_size: int = 100


class PartyOut(Schema):
    employer_bin: str
    employer_name: str
    union_name: str


class AgreementOut(Schema):
    id: int
    number: str
    state: str
    version: int
    parties: PartyOut
    valid_from: dt.date
    valid_to: dt.date
    signed_on: dt.date | None
    registered_on: dt.date | None
    employer_accepted: bool
    union_accepted: bool
    min_tariff_kzt: float | None
    flags: list[str]


class AgreementsPage(Schema):
    count: int
    page: int
    items: list[AgreementOut]


def _out(ag: CollectiveAgreement, today: dt.date) -> dict[str, object]:
    return {
        "id": ag.pk,
        "number": ag.number,
        "state": ag.state_on(today),
        "version": ag.version,
        "parties": {
            "employer_bin": ag.employer_id,
            "employer_name": ag.employer.name,
            "union_name": ag.union_name,
        },
        "valid_from": ag.valid_from,
        "valid_to": ag.valid_to,
        "signed_on": ag.signed_on,
        "registered_on": ag.registered_on,
        "employer_accepted": ag.employer_accepted_by_id is not None,
        "union_accepted": ag.union_accepted_by_id is not None,
        "min_tariff_kzt": ag.min_tariff_kzt,
        "flags": [str(f.get("code")) for f in ag.flags],
    }


@router.get("/agreements", response=AgreementsPage)
def agreements(request: ApiRequest, q: Query[AgreementFilters]) -> dict[str, object]:
    today = timezone.localdate()
    qs = filters.apply(services.visible(request.auth), q.dict(), today).order_by("-created_at", "-pk")
    size = min(max(q.page_size, 1), MAX_PAGE)
    page = max(q.page, 1)
    return {
        "count": qs.count(),
        "page": page,
        "items": [_out(ag, today) for ag in qs[(page - 1) * size : page * size]],
    }


class EmployerRisk(Schema):
    bin: str
    name: str
    level: str | None
    score: float | None
    reasons: list[str]


class HomeOut(Schema):
    organisations: int
    members: int
    without_agreement: int
    agreements_by_state: dict[str, int]
    risky: list[EmployerRisk]
    reminders: list[dict[str, object]]
    complaints: int
    proposals: int


@router.get("/unions/home", response=HomeOut)
def home(request: ApiRequest) -> dict[str, object]:
    """The union workstation's figures: its organisations, members, agreements, risk and reminders."""
    w = views.workstation(request.auth, timezone.localdate())
    return {
        "organisations": w["organisations"],
        "members": w["members"],
        "without_agreement": w["without_agreement"],
        "agreements_by_state": w["by_state"],
        "risky": [
            {
                "bin": e.bin,
                "name": e.name,
                "level": e.level,
                "score": e.score,
                "reasons": [str(r.get("code", "")) for r in (e.reasons or []) if isinstance(r, dict)],
            }
            for e in w["risky"]
        ],
        "reminders": [
            {
                "agreement": r.agreement_id,
                "days": r.days,
                "due_on": r.due_on.isoformat(),
                "valid_to": r.agreement.valid_to.isoformat(),
            }
            for r in w["reminders"]
        ],
        "complaints": len(w["complaints"]),
        "proposals": len(w["proposals"]),
    }


class SittingOut(Schema):
    id: int
    level: str
    region: str
    sector: str
    planned_on: dt.date
    held_on: dt.date | None
    status: str
    protocol_no: str
    employers: list[str]
    decisions: list[dict[str, object]]


@router.get("/unions/sittings", response=list[SittingOut])
def sittings(request: ApiRequest, level: str | None = None) -> list[dict[str, object]]:
    """Commission sittings that heard employers in the caller's scope (regional, sectoral, republican)."""
    from labormap.web.unions.commissions import visible_sittings

    qs = visible_sittings(request.auth)
    if level:
        qs = qs.filter(level=level)
    return [
        {
            "id": s.pk,
            "level": s.level,
            "region": s.region,
            "sector": s.sector,
            "planned_on": s.planned_on,
            "held_on": s.held_on,
            "status": s.status,
            "protocol_no": s.protocol_no,
            "employers": [e.employer_id for e in s.employers.all()],
            "decisions": [
                {"employer_bin": d.employer_id, "body": d.body, "task_id": d.task_id}
                for d in s.decisions.all()
            ],
        }
        for s in qs[:200]
    ]
