"""Which hearings a user sees: the one place the hearing pages and the API ask."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from labormap.web.accounts.scope import employer_q, restrict, visible_regions
from labormap.web.hearings.models import Hearing, HearingEmployer


def visible_hearings(user: Any) -> QuerySet[Hearing]:
    """Sittings of the user's regions and sittings that heard an employer in scope (the country: all)."""
    qs = Hearing.objects.all()
    if employer_q(user) is None:
        return qs
    inside = restrict(HearingEmployer.objects.all(), user, "employer__").values("hearing_id")
    return qs.filter(Q(region__in=visible_regions(user) or []) | Q(pk__in=inside))
