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
        }
        for a in qs[(page - 1) * size : page * size]
    ]
    return {"count": qs.count(), "page": page, "page_size": size, "items": items}
