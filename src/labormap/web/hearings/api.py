"""``/api/v1/hearings``: tripartite sittings within the caller's scope (no protocol text: it may name people)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.http import HttpRequest
from ninja import Router, Schema

from labormap.web.hearings.filters import visible_hearings

router = Router(tags=["hearings"])


class HearingOut(Schema):
    id: int
    region: str
    planned_on: dt.date
    held_on: dt.date | None
    status: str
    protocol_no: str
    employers: int


@router.get("", response=list[HearingOut])
def hearings(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "auth", None)  # the token's user (django-ninja sets it)
    qs = visible_hearings(user).annotate(n=Count("employers")).order_by("-planned_on", "-pk")[:500]
    return [
        {
            "id": h.pk,
            "region": h.region,
            "planned_on": h.planned_on,
            "held_on": h.held_on,
            "status": h.status,
            "protocol_no": h.protocol_no,
            "employers": h.n,  # the annotation above
        }
        for h in qs
    ]
