"""``/api/v1/cases``: cases within the caller's scope with their tasks (no free text about people)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Query, Router, Schema

from labormap.web.cases.filters import visible_cases
from labormap.web.cases.models import Case
from labormap.web.core.apirequest import ApiRequest

router = Router(tags=["cases"])


class CaseFilters(Schema):
    status: Literal["open", "closed"] | None = None
    region: str | None = None
    page: int = 1
    page_size: int = 50


class TaskOut(Schema):
    code: str
    body: str
    assigned_body: str
    due_on: dt.date
    current_due_on: dt.date
    level: int
    status: str
    action_ru: str
    document_ru: str


class CaseOut(Schema):
    id: int
    employer_bin: str
    employer_name: str
    region: str
    kind: str
    causes: list[str]
    participant_group: str
    participants: int | None
    opened_on: dt.date
    closed_on: dt.date | None
    status: str
    outcome: str
    playbook_version: int | None
    rules: list[str]


class CaseDetail(CaseOut):
    tasks: list[TaskOut]


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[CaseOut]


def _out(c: Case) -> dict[str, object]:
    return {
        "id": c.pk,
        "employer_bin": c.employer_id,
        "employer_name": c.employer.name,
        "region": c.employer.region,
        "kind": c.kind,
        "causes": c.cause_list(),
        "participant_group": c.participant_group,
        "participants": c.participants,
        "opened_on": c.opened_on,
        "closed_on": c.closed_on,
        "status": c.status,
        "outcome": c.outcome,
        "playbook_version": c.playbook_version,
        "rules": list(c.rules or []),
    }


@router.get("", response=CasePage)
def cases(request: ApiRequest, filters: Query[CaseFilters]) -> dict[str, object]:
    qs = visible_cases(request.auth)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.region:
        qs = qs.filter(employer__region=filters.region[:2])
    size = max(1, min(filters.page_size, 500))
    page = max(1, min(filters.page, 1_000_000))
    return {
        "count": qs.count(),
        "page": page,
        "page_size": size,
        "items": [_out(c) for c in qs[(page - 1) * size : page * size]],
    }


@router.get("/{case_id}", response=CaseDetail)
def case(request: ApiRequest, case_id: int) -> dict[str, object]:
    c = visible_cases(request.auth).filter(pk=case_id).first()
    if c is None:
        raise Http404("No such case")
    return {
        **_out(c),
        "tasks": list(
            c.tasks.values(
                "code",
                "body",
                "assigned_body",
                "due_on",
                "current_due_on",
                "level",
                "status",
                "action_ru",
                "document_ru",
            )
        ),
    }
