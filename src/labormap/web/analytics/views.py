"""Forecast against actual (CAST-style): every stored forecast beside what happened, by region."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from labormap.web.analytics import services
from labormap.web.analytics.filters import visible_regions
from labormap.web.employers.models import Snapshot


@login_required
def forecasts(request: HttpRequest) -> HttpResponse:
    try:
        data = services.forecasts_for(request.user)
        error = ""
    except services.Unavailable as e:
        data, error = {"forecasts": [], "closed": 0}, str(e)
    rows = list(reversed(data["forecasts"]))
    latest_open = next((r for r in rows if not r["closed"]), None)
    closed = [r for r in rows if r["closed"]]
    snap = Snapshot.objects.first()
    bt = (snap.backtest or {}) if snap else {}
    ctx = {
        "error": error,
        "country": visible_regions(request.user) is None,
        "latest": latest_open["forecast"] if latest_open else None,
        "closed": closed,
        "national_coverage": data.get("national_coverage"),
        "region_coverage": data.get("region_coverage"),
        "bt_forecast": bt.get("forecast"),
        "onset": bt.get("onset"),
        "persistence": bt.get("persistence"),
        "oracle": bt.get("oracle"),
    }
    return render(request, "analytics/forecasts.html", ctx)
