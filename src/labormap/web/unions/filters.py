"""Filters of the collective-agreement list (page and API): state, employer, region, end date window.

``expired`` is not stored: a registered agreement past its end is expired (``cagreement.effective_state``),
so the state filter is a condition on the stored state and the end date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db.models import Q

from labormap.unions.cagreement import EXPIRED, REGISTERED, STATES


def state_q(state: str, today: dt.date) -> Q:
    if state == EXPIRED:
        return Q(state=EXPIRED) | Q(state=REGISTERED, valid_to__lt=today)
    if state == REGISTERED:
        return Q(state=REGISTERED, valid_to__gte=today)
    return Q(state=state)


def apply(qs: Any, params: Any, today: dt.date) -> Any:
    state = params.get("state") or ""
    if state in STATES:
        qs = qs.filter(state_q(state, today))
    if params.get("employer"):
        qs = qs.filter(employer_id=params.get("employer"))
    if params.get("region"):
        qs = qs.filter(employer__region=params.get("region"))
    if params.get("ends_before"):
        # a malformed date filters nothing rather than failing the list
        with contextlib.suppress(ValueError):
            qs = qs.filter(valid_to__lte=dt.date.fromisoformat(str(params.get("ends_before"))))
    return qs
