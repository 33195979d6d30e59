"""Alerts ``no_renewal``: a large service contract ends soon and no successor contract is registered.

Raised when publishing, from the published contractor links and the latest snapshot date, with the
same rules as the engine (``labormap.layoffs.expected``: ≥ LARGE_CONTRACT_WORKERS workers, ending
within ALERT_DAYS days, no contract between the same customer and contractor starting from 31 days
before to 92 days after its end and ending later). The alert belongs to the contractor, whose workers
are released; the customer is in the details.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef

from labormap.layoffs.expected import (
    ALERT_DAYS,
    LARGE_CONTRACT_WORKERS,
    SUCCESSOR_AFTER_DAYS,
    SUCCESSOR_BEFORE_DAYS,
)
from labormap.web.alerts.models import Alert
from labormap.web.employers.models import ContractorLink, Employer


def no_successor_alerts(as_of: dt.date) -> list[Alert]:
    successor = ContractorLink.objects.filter(
        customer_bin=OuterRef("customer_bin"),
        contractor_bin=OuterRef("contractor_bin"),
        ends_on__gt=OuterRef("ends_on"),
        started_on__gte=OuterRef("ends_on") - dt.timedelta(days=SUCCESSOR_BEFORE_DAYS),
        started_on__lte=OuterRef("ends_on") + dt.timedelta(days=SUCCESSOR_AFTER_DAYS),
    )
    ending = (
        ContractorLink.objects.filter(
            workers__gte=LARGE_CONTRACT_WORKERS,
            ends_on__gt=as_of,
            ends_on__lte=as_of + dt.timedelta(days=ALERT_DAYS),
        )
        .annotate(has_successor=Exists(successor))
        .filter(has_successor=False)
    )
    rows = list(ending)
    emps = {e.bin: e for e in Employer.objects.filter(bin__in={r.contractor_bin for r in rows})}
    out = []
    for r in rows:
        e = emps.get(r.contractor_bin)
        if e is None:
            continue
        out.append(
            Alert(
                kind="no_renewal",
                employer_id=e.bin,
                as_of=as_of,
                score=e.score,
                level=e.level or "",
                details={
                    "customer_bin": r.customer_bin,
                    "ends_on": r.ends_on.isoformat() if r.ends_on else None,
                    "workers": r.workers,
                },
                key=f"no_renewal:{r.customer_bin}:{r.contractor_bin}:{r.ends_on}"[:200],
            )
        )
    return out
