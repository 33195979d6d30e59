"""``/api/v1/alerts``: alerts within the caller's scope (and subscriptions, if any), newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Query, Router, Schema

from labormap.web.alerts.filters import visible_alerts
from labormap.web.core.apirequest import ApiRequest

router = Router(tags=["alerts"])


class AlertFilters(Schema):
    kind: Literal["new_high", "jump", "media", "no_renewal"] | None = None
    region: str | None = None
    page: int = 1
    page_size: int = 50


class AlertOut(Schema):
    id: int
    kind: str
    employer_bin: str
    employer_name: str
    region: str
    as_of: dt.date
    score: float | None
    score_change: float | None
    level: str
    details: dict[str, Any]
    status: str = "new"
    outcome: str = ""
    case_id: int | None = None


class AlertPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[AlertOut]


@router.get("", response=AlertPage)
def alerts(request: ApiRequest, filters: Query[AlertFilters]) -> dict[str, object]:
    qs = visible_alerts(request.auth)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.region:
        qs = qs.filter(employer__region=filters.region[:2])
    size = max(1, min(filters.page_size, 500))
    page = max(1, min(filters.page, 1_000_000))
    items = [
        {
            "id": a.pk,
            "kind": a.kind,
            "employer_bin": a.employer_id,
            "employer_name": a.employer.name,
            "region": a.employer.region,
            "as_of": a.as_of,
            "score": a.score,
            "score_change": a.score_change,
            "level": a.level,
            "details": a.details,
            "status": a.status,
            "outcome": a.outcome,
            "case_id": a.case_id,
        }
        for a in qs[(page - 1) * size : page * size]
    ]
    return {"count": qs.count(), "page": page, "page_size": size, "items": items}


class ActIn(Schema):
    action: Literal["acknowledge", "assign", "verify", "close"]
    assignee: str | None = None  # username; must be able to see the alert
    outcome: Literal["confirmed", "false_alarm", "in_hand"] | None = None
    note: str = ""
    open_case: bool = False


class Error(Schema):
    detail: str


@router.post("/{alert_id}/act", response={200: AlertOut, 403: Error, 404: Error, 409: Error})
def act_on_alert(request: ApiRequest, alert_id: int, body: ActIn) -> tuple[int, object]:
    """One step of the alert's life (labormap.alertflow); out of scope is 404, a step not allowed now 409."""
    from labormap import alertflow
    from labormap.web.alerts.lifecycle import act, actionable, assignable_users, can_act

    a = actionable(request.auth).filter(pk=alert_id).first()
    if a is None:
        return 404, {"detail": "not found"}
    if not can_act(request.auth):
        return 403, {"detail": "this role cannot act on alerts"}
    assignee = None
    if body.action == "assign":
        assignee = next((u for u in assignable_users(a) if u.get_username() == body.assignee), None)
        if assignee is None:
            return 409, {"detail": "assignee unknown or cannot see this alert"}
    try:
        act(
            a,
            body.action,
            request.auth,
            request=request,
            assignee=assignee,
            outcome=body.outcome or "",
            note=body.note,
            open_case=body.open_case,
        )
    except alertflow.TransitionError as e:
        return 409, {"detail": str(e)}
    return 200, {
        "id": a.pk,
        "kind": a.kind,
        "employer_bin": a.employer_id,
        "employer_name": a.employer.name,
        "region": a.employer.region,
        "as_of": a.as_of,
        "score": a.score,
        "score_change": a.score_change,
        "level": a.level,
        "details": a.details,
        "status": a.status,
        "outcome": a.outcome,
        "case_id": a.case_id,
    }
