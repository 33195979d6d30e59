"""Filters, search and sort of employers, shared by the list, the exports, the map and the API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet

from labormap.reference import OKED_SECTIONS, REGIONS
from labormap.web.employers import search
from labormap.web.employers.models import LEVELS, SIZES, Employer, EmployerReason

SORTS: dict[str, tuple[Any, ...]] = {
    "-score": (F("score").desc(nulls_last=True), "bin"),
    "score": (F("score").asc(nulls_last=True), "bin"),
    "-change": (F("score_change").desc(nulls_last=True), "bin"),
    "name": ("name", "bin"),
    "-name": ("-name", "bin"),
    "-headcount": (F("headcount").desc(nulls_last=True), "bin"),
    "region": ("region", F("score").desc(nulls_last=True), "bin"),
}


def _one_of(value: Any, allowed: Any) -> str:
    v = str(value or "").strip()
    return v if v in allowed else ""


@dataclass
class EmployerFilter:
    region: str = ""
    sector: str = ""
    size: str = ""
    level: str = ""
    reason: str = ""
    holding: str = ""
    q: str = ""
    sort: str = "-score"

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> EmployerFilter:
        """Unknown or malformed values are ignored rather than rejected: a stale bookmark still opens."""
        return cls(
            region=_one_of(params.get("region"), REGIONS),
            sector=_one_of(str(params.get("sector") or "").upper(), OKED_SECTIONS),
            size=_one_of(params.get("size"), SIZES),
            level=_one_of(params.get("level"), LEVELS),
            reason=str(params.get("reason") or "").strip()[:80],
            holding=str(params.get("holding") or "").strip()[:200],
            q=str(params.get("q") or "").strip()[:100],
            sort=_one_of(params.get("sort"), SORTS) or "-score",
        )

    def as_params(self, **override: str) -> dict[str, str]:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d.update(override)
        return {k: v for k, v in d.items() if v and not (k == "sort" and v == "-score")}

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "sort")

    def apply(
        self, qs: QuerySet[Employer], *, with_level: bool = True, with_region: bool = True
    ) -> QuerySet[Employer]:
        if self.region and with_region:
            qs = qs.filter(region=self.region)
        if self.sector:
            qs = qs.filter(sector=self.sector)
        if self.size:
            qs = qs.filter(size=self.size)
        if self.level and with_level:
            qs = qs.filter(level=self.level)
        if self.reason:
            # a correlated EXISTS lets the database walk employers in the requested order and stop at the
            # page, instead of sorting every employer that has the reason
            qs = qs.filter(
                Exists(EmployerReason.objects.filter(employer_id=OuterRef("bin"), code=self.reason))
            )
        if self.holding:
            qs = qs.filter(holding=self.holding)
        if self.q:
            needle = self.q.lower()
            if needle.isdigit() and len(needle) == 12:
                qs = qs.filter(bin=needle)
            elif needle.isdigit():
                qs = qs.filter(bin__startswith=needle)
            else:
                qs = qs.filter(search.contains(needle))
        return qs

    def ordered(self, qs: QuerySet[Employer]) -> QuerySet[Employer]:
        return qs.order_by(*SORTS[self.sort])
