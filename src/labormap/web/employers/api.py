"""``/api/v1/employers``: filtered, paged lists and details with reasons and history, within the caller's scope."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from labormap import levels
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.accounts.scope import restrict, scoped_employers
from labormap.web.core.apirequest import ApiRequest
from labormap.web.core.paging import capped_count
from labormap.web.employers.filters import EmployerFilter
from labormap.web.employers.models import SIZES, MediaSignal, ScoreHistory

router = Router(tags=["employers"])

if TYPE_CHECKING:
    Level = str
    Size = str
else:  # enums in the OpenAPI schema, built from the one definition (labormap.levels, employers.models)
    Level = Literal[levels.CODES]
    Size = Literal[SIZES]
Sort = Literal["-score", "score", "-change", "name", "-name", "-headcount", "region"]


class EmployerFilters(Schema):
    region: str | None = None
    sector: str | None = None
    size: Size | None = None
    level: Level | None = None
    reason: str | None = None
    holding: str | None = None
    q: str | None = None
    sort: Sort = "-score"
    page: int = 1
    page_size: int = 50


class EmployerOut(Schema):
    bin: str
    name: str
    name_kk: str
    region: str
    sector: str
    oked: str
    size: str
    headcount: int | None
    holding: str
    level: str | None
    score: float | None
    score_change: float | None
    top_reason: str
    scored_on: dt.date | None


class EmployerPage(Schema):
    count: int
    count_exact: bool = True  # false: more than ``count`` (10 000) rows match; refine the filter
    page: int
    page_size: int
    items: list[EmployerOut]


class Reason(Schema):
    code: str | None = None
    contribution: float | None = None
    value: float | None = None
    text_ru: str | None = None
    text_kk: str | None = None
    text_en: str | None = None


class HistoryPoint(Schema):
    as_of: dt.date
    score: float
    level: str


class MediaOut(Schema):
    published_at: dt.datetime | None
    source: str
    url: str
    title: str
    kind: str
    severity: int


class EmployerDetail(EmployerOut):
    legal_form: str
    kato: str
    lat: float | None
    lon: float | None
    parent_bin: str
    probability: float | None
    level_prev: str | None
    method: str
    model_version: str
    reasons: list[Reason]
    # true: the employer is at "low" and its reasons were not computed at scoring; ask with ?reasons=true
    reasons_on_request: bool = False
    history: list[HistoryPoint]
    media: list[MediaOut]


class Error(Schema):
    detail: str


@router.get("", response=EmployerPage)
def list_employers(request: ApiRequest, filters: Query[EmployerFilters]) -> dict[str, object]:
    f = EmployerFilter.from_params(filters.dict())
    page_size = max(1, min(filters.page_size, 500))
    page = max(1, min(filters.page, 1_000_000))
    qs = f.ordered(f.apply(scoped_employers(request.auth)))
    start = (page - 1) * page_size
    items = list(qs.values(*EmployerOut.model_fields)[start : start + page_size])
    count, exact = capped_count(qs, published=True)
    return {"count": count, "count_exact": exact, "page": page, "page_size": page_size, "items": items}


@router.get("/{bin}", response={200: EmployerDetail, 404: Error})
def employer_detail(request: ApiRequest, bin: str, reasons: bool = False) -> dict[str, object]:
    e = scoped_employers(request.auth).filter(bin=bin[:12]).first()
    if e is None:
        raise HttpError(404, "No such employer")
    audit.record(request, AuditEvent.VIEW_CARD, target=e.bin, user=request.auth, via="api")
    skip = ("history", "media", "reasons", "reasons_on_request")
    out = {k: getattr(e, k) for k in EmployerDetail.model_fields if k not in skip}
    from labormap.web.employers.views import reasons_on_request

    out["reasons"], out["reasons_on_request"] = reasons_on_request(e, reasons)
    out["history"] = list(
        ScoreHistory.objects.filter(employer_id=e.bin).order_by("as_of").values("as_of", "score", "level")
    )
    out["media"] = list(
        restrict(MediaSignal.objects.filter(employer_id=e.bin), request.auth, "employer__")[:20].values(
            *MediaOut.model_fields
        )
    )
    from labormap.web.core.templatetags.lm import safe_url

    for m in out["media"]:
        m["url"] = safe_url(m["url"])  # API clients render links too: only http(s) leaves the server
    return out
