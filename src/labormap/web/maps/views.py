"""The map: a choropleth when a boundaries GeoJSON is configured, else a tile-grid cartogram drawn here;
drill-down into a region with employers as points or clusters."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from labormap import levels
from labormap.reference import REGIONS
from labormap.web.accounts.scope import scoped_employers, sees_country, visible_regions
from labormap.web.employers.filters import EmployerFilter
from labormap.web.employers.views import filter_choices
from labormap.web.maps.outline import region_outline
from labormap.web.maps.summary import SHARE_BREAKS, region_points, region_summary

TILE = 96  # px of one cartogram tile
DEFAULT_LEVEL = levels.HIGH  # what the level filter's empty choice means on the map ("high (default)")
ALL_LEVELS = "all"


@lru_cache(maxsize=2)
def _boundaries(path: str, mtime: float) -> bytes:
    """The boundaries file with coordinates rounded to ~100 m (a third of the size, same picture)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))

    def rnd(x: object) -> object:
        if isinstance(x, list):
            return [rnd(v) for v in x]
        return round(x, 3) if isinstance(x, float) else x

    for feat in data.get("features", []):
        geom = feat.get("geometry") or {}
        if "coordinates" in geom:
            geom["coordinates"] = rnd(geom["coordinates"])
        props = feat.get("properties") or {}
        feat["properties"] = {
            k: props.get(k) for k in ("kato", "name_ru", "name_kk", "name_en") if k in props
        }
    return json.dumps(data, separators=(",", ":")).encode()


@require_GET
@login_required
def boundaries(request: HttpRequest) -> HttpResponse:
    p = settings.LABORMAP_GEOJSON
    if p is None:
        raise Http404("No boundaries file configured")
    resp = HttpResponse(_boundaries(str(p), Path(p).stat().st_mtime), content_type="application/geo+json")
    resp["Cache-Control"] = "private, max-age=3600"
    return resp


def in_scope_region(user: Any, region: str) -> bool:
    """A region the user may drill into: any region for a country account, otherwise a region where the
    scope holds at least one employer (anything else is a 404, like any out-of-scope object)."""
    if region not in REGIONS:
        return False
    return sees_country(user) or scoped_employers(user).filter(region=region).exists()


def points_level(request: HttpRequest, f: EmployerFilter) -> str | None:
    """The level the drill-down draws: the filter's, ``high`` by default (as the filter says), or every
    level with ``?level=all``."""
    if request.GET.get("level") == ALL_LEVELS:
        return None
    return f.level or DEFAULT_LEVEL


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    f = EmployerFilter.from_params(request.GET)
    lang = (get_language() or "ru")[:2]
    regions = region_summary(request.user, f)
    if request.GET.get("layer") == "agreements":  # the agreements app's layer: workers without an agreement
        from labormap.web.agreements.views import overlay_regions

        regions = overlay_regions(request.user, regions)
    elif request.GET.get("layer") == "voice":  # the voice app's layer: the well-being index (10+ answers)
        from labormap.web.voice.views import overlay_regions as voice_regions

        regions = voice_regions(request.user, regions)
    region = f.region
    own = visible_regions(request.user)
    if not region and own and len(own) == 1 and "all" not in request.GET:
        region = own[0]  # a regional account lands on its region
    if region and not in_scope_region(request.user, region):
        raise Http404("No such region")
    # the table lists the regions the account sees (a regional account does not get 19 rows of zeros)
    table = regions if sees_country(request.user) else [r for r in regions if r["total"]]
    level = points_level(request, f)
    list_params = {**f.as_params(), "region": region or ""}
    if level:
        list_params["level"] = level
    for r in regions:
        r["name"] = r[f"name_{lang}"] if f"name_{lang}" in r else r["name_ru"]
        r["x"], r["y"] = r["grid_col"] * TILE, r["grid_row"] * TILE
    ctx = {
        "f": f,
        "params": f.as_params(),
        "choices": filter_choices(lang),
        "regions": regions,
        "table_regions": table,
        "points_level": level,
        "list_url": "/employers/?" + urlencode({k: v for k, v in list_params.items() if v}),
        "geojson": settings.LABORMAP_GEOJSON is not None,
        "region": region,
        "region_obj": REGIONS.get(region),
        "breaks": SHARE_BREAKS,
        "tile": TILE,
        "grid_w": 6 * TILE,
        "grid_h": 4 * TILE,
        "risky": f.level or levels.HIGH,
        "map_config": {
            "geojson": settings.LABORMAP_GEOJSON is not None,
            "region": region,
            "lang": lang,
            "levels": levels.as_data(lang),  # colours and labels for map.js (labormap.levels)
            "params": {**f.as_params(region=""), **({"level": ALL_LEVELS} if level is None else {})},
            # words for the popups (the reader's language)
            "words": {
                "score": _("Risk score"),
                "level": _("Level"),
                "no_score": _("no score"),
                "card": _("Open the card"),
            },
            # ?layer=agreements: shade regions by workers without any agreement (agreements app)
            "layer_url": "/agreements/coverage/regions.json"
            if request.GET.get("layer") == "agreements"
            else "/voice/map/regions.json"
            if request.GET.get("layer") == "voice"
            else None,
        },
    }
    return render(request, "maps/map.html", ctx)


@login_required
def regions_json(request: HttpRequest) -> JsonResponse:
    f = EmployerFilter.from_params(request.GET)
    return JsonResponse({"regions": region_summary(request.user, f), "breaks": SHARE_BREAKS})


@require_GET
@login_required
def outline(request: HttpRequest, region: str) -> HttpResponse:
    """One region's outline (GeoJSON), so that the region view never loads the national file."""
    p = settings.LABORMAP_GEOJSON
    if p is None or not in_scope_region(request.user, region):
        raise Http404("No such region")
    data = region_outline(Path(p), region)
    if data is None:
        raise Http404("No such region")
    resp = HttpResponse(data, content_type="application/geo+json")
    resp["Cache-Control"] = "private, max-age=3600"
    return resp


@login_required
def points_json(request: HttpRequest, region: str) -> JsonResponse:
    if not in_scope_region(request.user, region):
        raise Http404("No such region")
    f = EmployerFilter.from_params(request.GET)
    f = replace(f, level=points_level(request, f) or "")
    try:
        zoom = int(request.GET.get("zoom", "7"))
    except ValueError:
        zoom = 7
    return JsonResponse(region_points(request.user, f, region, zoom))
