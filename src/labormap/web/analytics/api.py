"""``GET /api/v1/analytics/forecasts``: stored forecasts beside actual counts, within the caller's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from labormap.web.analytics import services

router = Router(tags=["analytics"])


@router.get("/forecasts", summary="Forecasts of conflicts against what happened (regions in scope)")
def forecasts(request: HttpRequest) -> dict[str, Any]:
    try:
        return {"available": True, **services.forecasts_for(request.user)}
    except services.Unavailable as e:
        # no warehouse behind the app: nothing to show, said plainly (not a server error)
        return {"available": False, "message": str(e), "forecasts": [], "closed": 0}
