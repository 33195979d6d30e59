"""Counts and shares of risky employers by region (map, dashboard, API) and point clusters for drill-down.

Results depend only on the published data, the scope and the filters, so they are cached until the
next publish (the cache key carries the last publish run id).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Avg, Count, F, FloatField, Max, Q
from django.db.models.functions import Cast, Floor

from labormap.levels import ELEVATED, HIGH
from labormap.reference import REGIONS
from labormap.web.accounts.scope import profile_of, scoped_employers
from labormap.web.core import pubcache
from labormap.web.core.pubcache import publish_key
from labormap.web.employers.filters import EmployerFilter

# Shading classes by share of risky employers among all employers shown (upper bounds).
SHARE_BREAKS = (0.0, 0.01, 0.02, 0.05, 0.10, 1.0)
POINTS_LIMIT = 1500


def share_class(share: float | None, flagged: int) -> int:
    if not flagged or share is None:
        return 0
    for i, b in enumerate(SHARE_BREAKS[1:], start=1):
        if share <= b:
            return i
    return len(SHARE_BREAKS) - 1


def _scope_key(user: Any) -> str:
    p = profile_of(user)
    if p is None:
        return "none"
    # the whole scope (the profile's grant and its further Grant rows), not just the profile's fields
    return p.scope().key()


def _key(kind: str, *parts: str) -> str:
    return f"{kind}:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def region_summary(user: Any, f: EmployerFilter) -> list[dict[str, Any]]:
    """One row per region (all 20, zeros included) with totals, counts by level and the risky share.

    The ``level`` filter picks which level counts as risky (``high`` by default); the region filter is
    ignored so that the map always shows the whole country.
    """
    key = _key("regions", publish_key(), _scope_key(user), repr(sorted(f.as_params().items())))
    hit = pubcache.get(key)
    if hit is not None:
        return list(hit)
    risky = f.level or HIGH
    qs = f.apply(scoped_employers(user), with_level=False, with_region=False)
    agg = {
        r["region"]: r
        # counting a column of the (region, level, sector, size) index, not the key, lets the database
        # answer from that covering index without touching the wide employer rows
        for r in qs.values("region")
        .annotate(
            total=Count("region"),
            high=Count("region", filter=Q(level=HIGH)),
            elevated=Count("region", filter=Q(level=ELEVATED)),
            flagged=Count("region", filter=Q(level=risky)),
        )
        .order_by()
    }
    out = []
    for kato, reg in REGIONS.items():
        a = agg.get(kato, {})
        total, flagged = a.get("total", 0), a.get("flagged", 0)
        share = flagged / total if total else None
        out.append(
            {
                "kato": kato,
                "name_ru": reg.name_ru,
                "name_kk": reg.name_kk,
                "name_en": reg.name_en,
                "grid_col": reg.grid_col,
                "grid_row": reg.grid_row,
                "lat": reg.lat,
                "lon": reg.lon,
                "total": total,
                "high": a.get("high", 0),
                "elevated": a.get("elevated", 0),
                "flagged": flagged,
                "share": share,
                "share_class": share_class(share, flagged),
            }
        )
    pubcache.put(key, out)
    return out


def region_points(user: Any, f: EmployerFilter, region: str, zoom: int) -> dict[str, Any]:
    """Employers of a region as points, or as grid clusters when there are too many to draw one by one."""
    key = _key(
        "points", publish_key(), _scope_key(user), region, str(zoom), repr(sorted(f.as_params().items()))
    )
    hit = pubcache.get(key)
    if hit is not None:
        return dict(hit)
    out = _region_points(user, f, region, zoom)
    pubcache.put(key, out)
    return out


def _region_points(user: Any, f: EmployerFilter, region: str, zoom: int) -> dict[str, Any]:
    qs = f.apply(scoped_employers(user)).filter(region=region, lat__isnull=False, lon__isnull=False)
    n = qs.count()
    if n <= POINTS_LIMIT:
        pts = list(
            qs.order_by(F("score").desc(nulls_last=True), "bin").values(
                "bin", "name", "lat", "lon", "level", "score"
            )[:POINTS_LIMIT]
        )
        # drawn in this order: lowest (and unscored) first, so the high-risk points end up on top
        pts.reverse()
        return {"mode": "points", "count": n, "points": pts}
    cell = max(0.01, 2.0 / (2 ** max(0, min(zoom, 14) - 5)))  # degrees per cluster cell
    clusters = (
        qs.annotate(cy=Floor(Cast("lat", FloatField()) / cell), cx=Floor(Cast("lon", FloatField()) / cell))
        .values("cy", "cx")
        .annotate(
            count=Count("bin"),
            lat=Avg("lat"),
            lon=Avg("lon"),
            high=Count("bin", filter=Q(level=HIGH)),
            top=Max("score"),
        )
        .order_by()
    )
    return {
        "mode": "clusters",
        "count": n,
        "cell": cell,
        "clusters": [
            {"lat": c["lat"], "lon": c["lon"], "count": c["count"], "high": c["high"], "top": c["top"]}
            for c in clusters
        ],
    }
