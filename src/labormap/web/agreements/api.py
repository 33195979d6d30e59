"""``/api/v1/agreements/compliance|coverage|completeness``: findings (scoped), coverage and checklists.

``GET /api/v1/agreements`` itself is left free for the list of collective agreements (issue 14).
"""

from __future__ import annotations

from ninja import Query, Router, Schema

from labormap.agreements.completeness import ELEMENTS
from labormap.web.accounts.scope import visible_regions
from labormap.web.agreements import views
from labormap.web.agreements.models import RegionCoverage, SectorCoverage
from labormap.web.core.apirequest import ApiRequest

router = Router(tags=["agreements"])
MAX_PAGE = 500


class FindingFilters(Schema):
    half: str | None = None
    region: str | None = None
    kind: str | None = None
    page: int = 1
    page_size: int = 100


class FindingOut(Schema):
    id: int
    half: str
    employer_bin: str
    region: str
    kind: str
    workers: int
    shortfall_kzt_month: float


class FindingsPage(Schema):
    half: str
    count: int
    page: int
    items: list[FindingOut]


@router.get("/compliance", response=FindingsPage)
def compliance(request: ApiRequest, q: Query[FindingFilters]) -> dict[str, object]:
    qs = views.scoped_findings(request.auth)
    halves = sorted(set(qs.values_list("half", flat=True).distinct()), reverse=True)
    half = q.half if q.half in halves else (halves[0] if halves else "")
    qs = qs.filter(half=half)
    if q.region:
        qs = qs.filter(employer__region=q.region)
    if q.kind:
        qs = qs.filter(kind=q.kind)
    size = min(max(q.page_size, 1), MAX_PAGE)
    page = max(q.page, 1)
    rows = qs.order_by("employer_id", "kind")[(page - 1) * size : page * size]
    return {
        "half": half,
        "count": qs.count(),
        "page": page,
        "items": [
            {
                "id": f.pk,
                "half": f.half,
                "employer_bin": f.employer_id,
                "region": f.employer.region,
                "kind": f.kind,
                "workers": f.workers,
                "shortfall_kzt_month": f.shortfall_kzt_month,
            }
            for f in rows
        ],
    }


class HalfQuery(Schema):
    half: str | None = None


def _half(q: HalfQuery) -> str:
    halves = list(RegionCoverage.objects.order_by("-half").values_list("half", flat=True).distinct())
    return q.half if q.half in halves else (halves[0] if halves else "")


@router.get("/coverage")
def coverage(request: ApiRequest, q: Query[HalfQuery]) -> dict[str, object]:
    half = _half(q)
    regs = RegionCoverage.objects.filter(half=half)
    vis = visible_regions(request.auth)
    if vis is not None:
        regs = regs.filter(region__in=vis)
    return {
        "half": half,
        "regions": list(
            regs.values(
                "region",
                "agreements",
                "employers",
                "workers",
                "employers_no_agreement",
                "workers_no_agreement",
            )
        ),
        "sectors": list(
            SectorCoverage.objects.filter(half=half).values(
                "level",
                "code",
                "section",
                "agreements",
                "employers",
                "workers",
                "employers_uncovered",
                "workers_uncovered",
            )
        ),
    }


@router.get("/completeness")
def completeness(request: ApiRequest, q: Query[HalfQuery]) -> dict[str, object]:
    half = _half(q)
    return {
        "half": half,
        "elements": list(ELEMENTS),
        "agreements": [c.as_json() for c in views.checklists(half)],
    }
