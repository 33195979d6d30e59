"""``/api/v1/layoffs/…``: expected releases, the group tree, low pay and wage-raise plans, within the
caller's scope (out-of-scope employers answer 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema
from ninja.errors import HttpError

from labormap.web.accounts import audit
from labormap.web.accounts.scope import get_employer
from labormap.web.core.apirequest import ApiRequest
from labormap.web.layoffs import services

router = Router(tags=["layoffs"])


class MonthOut(Schema):
    month: str
    workers: int
    contracts: int


class CustomerOut(Schema):
    customer_bin: str
    name: str
    region: str
    contractors: int
    workers_ending_3m: int
    workers_ending_6m: int
    workers_ending_12m: int


class ContractOut(Schema):
    contract_id: str
    customer_bin: str
    contractor_bin: str
    end_on: dt.date
    workers: int
    successor_id: str | None
    region: str
    sector: str
    reductions_6m: int
    level: str | None


class RegionSectorMonthOut(Schema):
    month: str
    region: str
    sector: str
    workers: int
    contracts: int


class ExpectedOut(Schema):
    as_of: dt.date
    months: list[MonthOut]
    by_region_sector: list[RegionSectorMonthOut]
    customers: list[CustomerOut]
    contracts: list[ContractOut]


def _guard(fn: Any) -> Any:
    try:
        return fn()
    except services.Unavailable as e:
        # no warehouse behind the app: nothing to show (not a server error)
        raise HttpError(404, str(e)) from None


@router.get("/expected", response=ExpectedOut)
def expected(request: ApiRequest) -> dict[str, Any]:
    e = _guard(lambda: services.expected_for(request.auth))
    audit.record(request, "view_layoffs", target="layoffs:expected", user=request.auth, via="api")
    return {
        "as_of": e.as_of,
        "months": e.months,
        "by_region_sector": e.by_region_sector,
        "customers": e.customers,
        "contracts": e.contracts,
    }


class ContractorNodeOut(Schema):
    bin: str
    name: str
    region: str
    level: str | None
    workers: int
    ending_workers: int
    ending: list[ContractOut]


class CompanyNodeOut(Schema):
    bin: str
    name: str
    level: str | None
    headcount: int | None
    contractors: list[ContractorNodeOut]


class TreeOut(Schema):
    title: str
    as_of: dt.date
    companies: list[CompanyNodeOut]


@router.get("/group/{bin}", response=TreeOut)
def group(request: ApiRequest, bin: str) -> dict[str, Any]:
    root = get_employer(request.auth, bin)
    tree = _guard(lambda: services.group_tree(request.auth, root, None))
    audit.record(request, "view_layoffs", target=f"layoffs:group:{bin}", user=request.auth, via="api")
    return {
        "title": tree.title,
        "as_of": tree.as_of,
        "companies": [
            {
                "bin": co.employer.bin,
                "name": co.employer.name,
                "level": co.employer.level,
                "headcount": co.employer.headcount,
                "contractors": [
                    {
                        "bin": k.employer.bin,
                        "name": k.employer.name,
                        "region": k.employer.region,
                        "level": k.employer.level,
                        "workers": k.workers,
                        "ending_workers": k.ending_workers,
                        "ending": k.ending,
                    }
                    for k in co.contractors
                ],
            }
            for co in tree.companies
        ],
    }


class LowPayOut(Schema):
    employer_bin: str
    region: str
    sector: str
    workers: int
    below_mzp: int
    below_region_median: int
    below_sector_median: int


class LowPayPage(Schema):
    as_of: dt.date
    period: str
    mzp: int
    employers: list[LowPayOut]


@router.get("/lowpay", response=LowPayPage)
def lowpay(request: ApiRequest) -> dict[str, Any]:
    lp = _guard(lambda: services.lowpay_for(request.auth))
    audit.record(request, "view_layoffs", target="layoffs:lowpay", user=request.auth, via="api")
    return {"as_of": lp.as_of, "period": lp.period, "mzp": lp.mzp, "employers": lp.employers}


class PlanOut(Schema):
    id: int
    employer_bin: str
    target_raise_pct: float
    base_period: str
    due_on: dt.date
    workers_covered: int
    actual_raise_pct: float | None
    check_period: str | None
    status: str | None


@router.get("/plans", response=list[PlanOut])
def plans(request: ApiRequest) -> list[dict[str, Any]]:
    items = list(services.plans_for(request.auth))
    try:
        actual = services.track(items)
    except services.Unavailable:
        actual = {}
    out = []
    for p in items:
        a = actual.get(p.pk)
        out.append(
            {
                "id": p.pk,
                "employer_bin": p.employer_id,
                "target_raise_pct": p.target_raise_pct,
                "base_period": p.base_period,
                "due_on": p.due_on,
                "workers_covered": p.workers_covered,
                "actual_raise_pct": a.actual_raise_pct if a else None,
                "check_period": a.check_period if a else None,
                "status": a.status if a else None,
            }
        )
    return out


class DurationOut(Schema):
    by: str
    key: str
    bucket: str
    contracts: int
    workers: int


class ChainOut(Schema):
    customer_bin: str
    contractor_bin: str
    contracts: int
    first_start: dt.date
    last_end: dt.date
    workers: int


class LongShareOut(Schema):
    year: int
    workers: int
    workers_long: int
    share: float | None


class TermsOut(Schema):
    as_of: dt.date
    durations: list[DurationOut]
    chains: list[ChainOut]
    long_share: list[LongShareOut]


@router.get("/terms", response=TermsOut)
def terms(request: ApiRequest) -> dict[str, Any]:
    t = _guard(lambda: services.terms_for(request.auth))
    audit.record(request, "view_layoffs", target="layoffs:terms", user=request.auth, via="api")
    return {
        "as_of": t.as_of,
        "durations": t.durations,
        "chains": t.chains,
        "long_share": [
            {"year": s.year, "workers": s.workers, "workers_long": s.workers_long, "share": s.share}
            for s in t.long_share
        ],
    }
