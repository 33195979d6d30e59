"""Filters of the wage-raise plans register (GET parameters ``region``, ``q`` — BIN or name, ``year``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict

from labormap.web.layoffs.models import WagePlan


@dataclass(frozen=True)
class PlanFilters:
    region: str = ""
    q: str = ""
    year: int = 0

    @classmethod
    def from_query(cls, data: QueryDict, default_year: int | None = None) -> PlanFilters:
        region = data.get("region", "").strip()[:2]
        q = data.get("q", "").strip()[:100]
        try:
            year = int(data.get("year", "") or (default_year or dt.date.today().year))
        except ValueError:
            year = default_year or dt.date.today().year
        return cls(
            region if region.isdigit() else "", q, year if 2000 <= year <= 2100 else dt.date.today().year
        )

    def apply(self, qs: QuerySet[WagePlan]) -> QuerySet[WagePlan]:
        if self.region:
            qs = qs.filter(employer__region=self.region)
        if self.q:
            qs = qs.filter(Q(employer__bin__startswith=self.q) | Q(employer__search__contains=self.q.lower()))
        return qs

    def as_params(self) -> dict[str, Any]:
        return {"region": self.region, "q": self.q, "year": self.year}
