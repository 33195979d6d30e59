"""``/api/v1/reconcile``: acts within the caller's scope (history), one act, and the live reconciliation
of a region and quarter in the JSON of ``labormap reconcile``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from ninja import Router, Schema

from labormap.web.core.apirequest import ApiRequest
from labormap.web.reconcile import services as s
from labormap.web.reconcile.views import quarter_or_404

router = Router(tags=["reconcile"])


class ActOut(Schema):
    id: int
    region: str
    quarter: str
    version: int
    matched: int
    new: int
    resolved: int
    still_open: int
    tasks_created: int
    created_at: dt.datetime


def _row(a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "region": a.region,
        "quarter": a.quarter,
        "version": a.version,
        "matched": a.matched,
        "new": a.new_count,
        "resolved": a.resolved_count,
        "still_open": a.open_count,
        "tasks_created": a.tasks_created,
        "created_at": a.created_at,
    }


@router.get("/acts", response=list[ActOut])
def acts(request: ApiRequest, region: str | None = None, quarter: str | None = None) -> list[dict[str, Any]]:
    qs = s.visible_acts(request.auth)
    if region:
        qs = qs.filter(region=region)
    if quarter:
        qs = qs.filter(quarter=quarter)
    return [_row(a) for a in qs[:500]]


@router.get("/acts/{act_id}")
def act(request: ApiRequest, act_id: int) -> dict[str, Any]:
    a = s.get_act(request.auth, act_id)
    return {**_row(a), "act": a.data}


@router.get("/preview")
def preview(request: ApiRequest, quarter: str, region: str = "") -> dict[str, Any]:
    q = quarter_or_404(quarter)
    try:
        return s.live_act(request.auth, region, q).as_json()
    except s.Unavailable:
        raise Http404("No warehouse behind the app") from None
