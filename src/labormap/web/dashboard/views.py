"""The dashboard: counts by level and region, moves into and out of high risk since the previous snapshot, the model."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from labormap.levels import HIGH
from labormap.web.accounts.roles import MIN_EMPLOYERS_FOR_SHARES, role_of
from labormap.web.accounts.scope import scoped_employers
from labormap.web.alerts.filters import visible_alerts
from labormap.web.alerts.lifecycle import actionable, dashboard_stats
from labormap.web.employers.filters import EmployerFilter
from labormap.web.employers.models import LEVELS, Snapshot
from labormap.web.maps.summary import region_summary


@login_required
def index(request: HttpRequest) -> HttpResponse:
    lang = (get_language() or "ru")[:2]
    role = role_of(request.user)
    emp = scoped_employers(request.user)
    snap = Snapshot.objects.first()
    # Counted like the daily note: employers of the scores snapshot (a score and a level); employers
    # published without a score are counted apart, not in the total.
    by_level = (
        emp.exclude(level="")
        .exclude(level__isnull=True)
        .aggregate(total=Count("bin"), **{lv: Count("bin", filter=Q(level=lv)) for lv in LEVELS})
    )
    unscored = emp.filter(Q(level="") | Q(level__isnull=True)).count()
    # Scores are snapshots (monthly in practice): moves are counted since the previous snapshot, not
    # "this week".
    prev = (
        Snapshot.objects.filter(as_of__lt=snap.as_of)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .first()
        if snap
        else None
    )
    since = prev or ((snap.as_of if snap else dt.date.today()) - dt.timedelta(days=31))
    week_ago = since
    new_high = emp.filter(level=HIGH, level_since__gt=since).exclude(level_before=HIGH)
    moved_out = emp.filter(level_before=HIGH, level_since__gt=since).exclude(level=HIGH)
    regions = [r for r in region_summary(request.user, EmployerFilter()) if r["total"]]
    for r in regions:
        r["name"] = r.get(f"name_{lang}", r["name_ru"])
    regions.sort(key=lambda r: (-r["high"], r["name"]))
    ctx = {
        "snap": snap,
        "by_level": by_level,
        "levels": LEVELS,
        "new_high": new_high.order_by("-score")[:10],
        "new_high_count": new_high.count(),
        "moved_out": moved_out.order_by("score")[:10],
        "moved_out_count": moved_out.count(),
        "moved_out_ever": emp.filter(ever_high=True).exclude(level=HIGH).count(),
        "regions": regions,
        "week_ago": week_ago,
        "since": since,
        "since_snapshot": prev is not None,
        "unscored": unscored,
        "alerts": visible_alerts(request.user)[:8],
        # every alert closed with an outcome (issue 17): open by age, closure rate, median time to verify
        "alert_stats": dashboard_stats(actionable(request.user)),
        "backtest_sides": [("model", _("model")), ("scorecard", _("expert scorecard"))],
        # what fits the role: model validation for state users; shares only over enough employers
        "sees_model": bool(role and role.sees_model),
        "show_shares": (by_level["total"] or 0) >= MIN_EMPLOYERS_FOR_SHARES,
    }
    return render(request, "dashboard/index.html", ctx)
