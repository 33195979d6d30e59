"""Filters of the appeals inbox (GET parameters ``status``, ``body``, ``region``, ``overdue``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

from labormap.response.bodies import BODIES
from labormap.web.voice.models import APPEAL_STATUSES, Appeal


@dataclass(frozen=True)
class AppealFilters:
    status: str = ""
    body: str = ""
    region: str = ""
    overdue: bool = False

    @classmethod
    def from_query(cls, data: QueryDict) -> AppealFilters:
        status = data.get("status", "")
        body = data.get("body", "")
        region = data.get("region", "").strip()[:2]
        return cls(
            status if status in APPEAL_STATUSES else "",
            body if body in BODIES else "",
            region if region.isdigit() else "",
            data.get("overdue") == "1",
        )

    def apply(self, qs: QuerySet[Appeal], today: dt.date) -> QuerySet[Appeal]:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.body:
            qs = qs.filter(body=self.body)
        if self.region:
            qs = qs.filter(region=self.region)
        if self.overdue:
            qs = qs.exclude(status="answered").filter(due_on__lt=today)
        return qs
