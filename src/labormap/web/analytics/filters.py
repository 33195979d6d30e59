"""What a user may see of the aggregate forecasts: the regions of its scope; the national line only
for country-wide accounts (every figure is still an aggregate — no employer appears here)."""

from __future__ import annotations

from typing import Any

from labormap.web.accounts.scope import scoped_employers, sees_country


def visible_regions(user: Any) -> set[str] | None:
    """None for a country-wide user, else the regions where the user sees at least one employer."""
    if sees_country(user):
        return None
    return set(scoped_employers(user).exclude(region="").values_list("region", flat=True).distinct())


def limit(data: dict[str, Any], user: Any) -> dict[str, Any]:
    """``against_actual`` output cut to the user's regions (national figures removed outside country scope)."""
    regions = visible_regions(user)
    if regions is None:
        return data
    out = {**data, "national_coverage": None, "forecasts": []}
    covered: list[bool] = []
    for row in data["forecasts"]:
        r = dict(row)
        r.pop("national", None)
        if row.get("closed"):
            r["regions"] = [x for x in row["regions"] if x["kato2"] in regions]
            covered += [x["covered"] for x in r["regions"]]
        else:
            f = dict(row["forecast"])
            f["regions"] = [x for x in f["regions"] if x["kato2"] in regions]
            f.pop("national", None)
            f.pop("sectors", None)
            f.pop("kinds", None)
            r["forecast"] = f
        out["forecasts"].append(r)
    out["region_coverage"] = sum(covered) / len(covered) if covered else None
    return out
