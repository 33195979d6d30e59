"""``/api/v1/control``: the month's findings, the letters register and the arrears register, scoped."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Query, Router, Schema

from labormap.web.control import filters as f
from labormap.web.core.apirequest import ApiRequest

router = Router(tags=["control"])


class Paging(Schema):
    month: str | None = None
    region: str | None = None
    page: int = 1
    page_size: int = 100


class FindingOut(Schema):
    id: int
    month: str
    employer_bin: str
    region: str
    kind: str
    workers: int
    amount_kzt: float
    days_late: int
    outcome: str


class NoticeOut(Schema):
    id: int
    number: str
    employer_bin: str
    region: str
    month: str
    issued_on: dt.date
    due_on: dt.date
    status: str
    sent_on: dt.date | None
    delivered_on: dt.date | None
    replied_on: dt.date | None
    outcome: str
    findings: list[int]


class ArrearsOut(Schema):
    case_id: str
    employer_bin: str
    region: str
    found_on: dt.date
    order_no: str
    order_due_on: dt.date | None
    workers: int
    months: int
    amount_kzt: float
    repaid_kzt: float
    state: str
    overdue_days: int
    enforcement: str


def _page(p: Paging) -> tuple[int, int]:
    size = max(1, min(p.page_size, 1000))
    page = max(1, min(p.page, 1_000_000))
    return (page - 1) * size, page * size


def _allowed(request: ApiRequest) -> None:
    if f.role(request.auth) not in f.READERS:
        raise Http404("Not available to this role")


@router.get("/findings", response=list[FindingOut])
def findings(request: ApiRequest, p: Query[Paging]) -> list[dict[str, object]]:
    _allowed(request)
    qs = f.findings(request.auth)
    if p.month:
        qs = qs.filter(month=p.month)
    if p.region:
        qs = qs.filter(employer__region=p.region[:2])
    a, b = _page(p)
    return [
        {
            "id": x.pk,
            "month": x.month,
            "employer_bin": x.employer_id,
            "region": x.employer.region,
            "kind": x.kind,
            "workers": x.workers,
            "amount_kzt": x.amount_kzt,
            "days_late": x.days_late,
            "outcome": x.outcome,
        }
        for x in qs[a:b]
    ]


@router.get("/notices", response=list[NoticeOut])
def notices(request: ApiRequest, p: Query[Paging]) -> list[dict[str, object]]:
    _allowed(request)
    qs = f.notices(request.auth).prefetch_related("findings")
    if p.month:
        qs = qs.filter(month=p.month)
    if p.region:
        qs = qs.filter(region=p.region[:2])
    a, b = _page(p)
    return [
        {
            "id": n.pk,
            "number": n.number,
            "employer_bin": n.employer_id,
            "region": n.region,
            "month": n.month,
            "issued_on": n.issued_on,
            "due_on": n.due_on,
            "status": n.status,
            "sent_on": n.sent_on,
            "delivered_on": n.delivered_on,
            "replied_on": n.replied_on,
            "outcome": n.outcome,
            "findings": [x.pk for x in n.findings.all()],
        }
        for n in qs[a:b]
    ]


@router.get("/arrears", response=list[ArrearsOut])
def arrears(request: ApiRequest, p: Query[Paging]) -> list[dict[str, object]]:
    _allowed(request)
    qs = f.arrears(request.auth)
    if p.region:
        qs = qs.filter(employer__region=p.region[:2])
    a, b = _page(p)
    return [
        {
            "case_id": c.case_id,
            "employer_bin": c.employer_id,
            "region": c.employer.region,
            "found_on": c.found_on,
            "order_no": c.order_no,
            "order_due_on": c.order_due_on,
            "workers": c.workers,
            "months": c.months,
            "amount_kzt": c.amount_kzt,
            "repaid_kzt": c.repaid_kzt,
            "state": c.state,
            "overdue_days": c.overdue_days,
            "enforcement": c.enforcement,
        }
        for c in qs[a:b]
    ]
