"""``/api/v1/dashboard``: the dashboard's headline figures within the caller's scope — employers by level,
and this week's moves into and out of high risk (counts only)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router, Schema

from labormap.levels import HIGH
from labormap.web.accounts.scope import scoped_employers
from labormap.web.employers.models import LEVELS, Snapshot

router = Router(tags=["dashboard"])


class DashboardOut(Schema):
    as_of: dt.date | None
    total: int
    by_level: dict[str, int]
    new_high: int
    moved_out: int


@router.get("/dashboard", response=DashboardOut)
def dashboard(request: HttpRequest) -> dict[str, object]:
    emp = scoped_employers(getattr(request, "auth", None))  # the token's user (django-ninja sets it)
    snap = Snapshot.objects.first()
    counts = emp.aggregate(total=Count("bin"), **{lv: Count("bin", filter=Q(level=lv)) for lv in LEVELS})
    week_ago = (snap.as_of if snap else dt.date.today()) - dt.timedelta(days=7)
    return {
        "as_of": snap.as_of if snap else None,
        "total": counts.pop("total"),
        "by_level": counts,
        "new_high": emp.filter(level=HIGH, level_since__gt=week_ago).exclude(level_before=HIGH).count(),
        "moved_out": emp.filter(level_before=HIGH, level_since__gt=week_ago).exclude(level=HIGH).count(),
    }
