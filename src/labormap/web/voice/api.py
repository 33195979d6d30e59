"""``/api/v1/voice/…``: the well-being index (employers, regions for the map layer, one employer's trend)
and the appeals inbox, within the caller's scope. Below MIN_RESPONDENTS the index is ``null`` and
``enough`` is false ("not enough answers")."""

from __future__ import annotations

from typing import Any

from ninja import Router
from ninja.errors import HttpError

from labormap.voice.index import MIN_RESPONDENTS, GroupIndex
from labormap.voice.questionnaire import WaveError, parse_wave
from labormap.web.accounts import audit
from labormap.web.accounts.scope import get_employer, scoped_employers
from labormap.web.core.apirequest import ApiRequest
from labormap.web.voice import services
from labormap.web.voice.views import appeals_for

router = Router(tags=["voice"])


def _g(g: GroupIndex) -> dict[str, Any]:
    return {
        "key": g.key,
        "wave": g.wave,
        "respondents": g.respondents,
        "enough": g.enough,
        "index": g.index,
        "change": g.change,
    }


def _wave(wave: str | None) -> str:
    known = services.known_waves()
    w = wave or (known[0] if known else "")
    try:
        parse_wave(w)
    except WaveError as e:
        raise HttpError(422, str(e)) from None
    return w


def _rows(request: ApiRequest, by: str, wave: str | None) -> dict[str, Any]:
    w = _wave(wave)
    bins = list(scoped_employers(request.auth).values_list("bin", flat=True))
    try:
        rows = services.index_rows(by, w, bins)
    except services.Unavailable as e:
        raise HttpError(503, str(e)) from None
    audit.record(request, "view_voice", target=f"voice:{by}:{w}", user=request.auth, via="api")
    return {"wave": w, "min_respondents": MIN_RESPONDENTS, "rows": [_g(g) for g in rows]}


@router.get("/index/employers")
def employers(request: ApiRequest, wave: str | None = None) -> dict[str, Any]:
    """Employers in scope with answers in the wave (``index`` null below the minimum)."""
    return _rows(request, "employer", wave)


@router.get("/index/regions")
def regions(request: ApiRequest, wave: str | None = None) -> dict[str, Any]:
    """Per region (KATO2): the map layer of the index."""
    return _rows(request, "region", wave)


@router.get("/index/sectors")
def sectors(request: ApiRequest, wave: str | None = None) -> dict[str, Any]:
    return _rows(request, "sector", wave)


@router.get("/index/employers/{bin}")
def employer_trend(request: ApiRequest, bin: str) -> dict[str, Any]:
    e = get_employer(request.auth, bin)
    try:
        hist = services.employer_trend(e.bin)
    except services.Unavailable as err:
        raise HttpError(503, str(err)) from None
    audit.record(request, "view_voice", target=e.bin, user=request.auth, via="api")
    return {"employer_bin": e.bin, "min_respondents": MIN_RESPONDENTS, "waves": [_g(g) for g in hist]}


@router.get("/appeals")
def appeals(request: ApiRequest, status: str | None = None) -> list[dict[str, Any]]:
    qs = appeals_for(request.auth)
    if status:
        qs = qs.filter(status=status)
    audit.record(request, "view_appeals", target="voice:appeals", user=request.auth, via="api")
    return [
        {
            "receipt_prefix": a.receipt[:4],
            "received_on": a.received_on.isoformat(),
            "channel": a.channel,
            "employer_bin": a.employer_bin or None,
            "kind": a.kind,
            "body": a.body,
            "due_on": a.due_on.isoformat(),
            "urgent": a.urgent,
            "status": a.status,
            "answered_on": a.answered_on.isoformat() if a.answered_on else None,
        }
        for a in qs[:1000]
    ]
