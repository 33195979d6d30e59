"""Which cases a user sees, and the case list's filter bar — one place for the pages and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict

from labormap.web.accounts.scope import restrict
from labormap.web.cases.models import Case


def visible_cases(user: Any) -> QuerySet[Case]:
    """Cases of employers in the user's scope."""
    return restrict(Case.objects.select_related("employer"), user, "employer__")


def get_case(user: Any, pk: int) -> Case:
    """The case if the user may see it; otherwise 404, exactly as for a case that does not exist."""
    try:
        return visible_cases(user).get(pk=pk)
    except Case.DoesNotExist:
        raise Http404("No such case") from None


def filter_cases(qs: QuerySet[Case], params: QueryDict) -> tuple[QuerySet[Case], dict[str, str]]:
    """The list's filters (status — open by default —, kind, region, overdue); returns the values used.

    ``qs`` must be annotated with ``overdue`` (open tasks past their due date) for the overdue filter.
    """
    status = params.get("status", "open")
    if status in (Case.OPEN, Case.CLOSED):
        qs = qs.filter(status=status)
    kind = params.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    region = params.get("region", "")
    if region:
        qs = qs.filter(employer__region=region[:2])
    overdue = params.get("overdue", "")
    if overdue:
        qs = qs.filter(Q(overdue__gt=0))  # an annotation of the caller's queryset
    return qs, {"status": status, "kind": kind, "region": region, "overdue": overdue}
