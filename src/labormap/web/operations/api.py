"""``GET /api/v1/operations/runs``: the daily cycle's runs (administrators only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from labormap.web.operations import services
from labormap.web.operations.filters import may_see_runs

router = Router(tags=["operations"])


@router.get("/runs", summary="Daily runs with their stages (administrators)")
def runs(request: HttpRequest) -> list[dict[str, Any]]:
    if not may_see_runs(request.user):
        raise HttpError(404, "Not found")
    return services.runs()
