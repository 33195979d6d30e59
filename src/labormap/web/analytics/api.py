"""``GET /api/v1/analytics/forecasts``: stored forecasts beside actual counts, within the caller's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from labormap.web.analytics import services

router = Router(tags=["analytics"])


@router.get("/forecasts", summary="Forecasts of conflicts against what happened (regions in scope)")
def forecasts(request: HttpRequest) -> dict[str, Any]:
    try:
        return services.forecasts_for(request.user)
    except services.Unavailable as e:
        raise HttpError(503, str(e)) from None
