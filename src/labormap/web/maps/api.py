"""``/api/v1/regions``: per-region counts of employers by level within the caller's scope."""

from __future__ import annotations

from ninja import Query, Router, Schema

from labormap.web.core.apirequest import ApiRequest
from labormap.web.employers.api import Level, Size
from labormap.web.employers.filters import EmployerFilter
from labormap.web.maps.summary import region_summary

router = Router(tags=["regions"])


class RegionFilters(Schema):
    sector: str | None = None
    size: Size | None = None
    level: Level | None = None
    reason: str | None = None
    holding: str | None = None


class RegionOut(Schema):
    kato: str
    name_ru: str
    name_kk: str
    name_en: str
    total: int
    high: int
    elevated: int
    flagged: int
    share: float | None


@router.get("", response=list[RegionOut])
def regions(request: ApiRequest, filters: Query[RegionFilters]) -> list[dict[str, object]]:
    return region_summary(request.auth, EmployerFilter.from_params(filters.dict()))
