"""Alerts ``no_renewal``: a large service contract ends soon and no successor contract is registered.

Raised when publishing, from the published contractor links and the latest snapshot date, with the
same rules as the engine (``labormap.layoffs.expected``: ≥ LARGE_CONTRACT_WORKERS workers, ending
within ALERT_DAYS days, no successor — a contract between the same customer and contractor starting from
31 days before to 92 days after its end and ending later, matched one to one by ``match_successors``). The alert belongs to the contractor, whose workers
are released; the customer is in the details.
"""

from __future__ import annotations

import datetime as dt

from labormap.layoffs.expected import (
    ALERT_DAYS,
    LARGE_CONTRACT_WORKERS,
    SUCCESSOR_AFTER_DAYS,
    SUCCESSOR_BEFORE_DAYS,
    match_successors,
)
from labormap.web.alerts.models import Alert
from labormap.web.employers.models import ContractorLink, Employer


def no_successor_alerts(as_of: dt.date) -> list[Alert]:
    ending = list(
        ContractorLink.objects.filter(
            workers__gte=LARGE_CONTRACT_WORKERS,
            ends_on__gt=as_of,
            ends_on__lte=as_of + dt.timedelta(days=ALERT_DAYS),
        )
    )
    # the same one-to-one matching as the engine, over every link of the pairs concerned
    pairs = {(r.customer_bin, r.contractor_bin) for r in ending}
    links = [
        lk
        for lk in ContractorLink.objects.filter(
            customer_bin__in={p[0] for p in pairs}, contractor_bin__in={p[1] for p in pairs}
        )
        if (lk.customer_bin, lk.contractor_bin) in pairs and lk.started_on and lk.ends_on
    ]
    by_pair: dict[tuple[str, str], list[ContractorLink]] = {}
    for lk in links:
        by_pair.setdefault((lk.customer_bin, lk.contractor_bin), []).append(lk)
    cands = [
        (str(a.pk), str(b.pk), abs((a.workers or 0) - (b.workers or 0)), abs((b.started_on - a.ends_on).days))
        for group in by_pair.values()
        for a in group
        for b in group
        if a.ends_on is not None
        and b.ends_on is not None
        and b.started_on is not None
        and b.pk != a.pk
        and b.ends_on > a.ends_on
        and a.ends_on - dt.timedelta(days=SUCCESSOR_BEFORE_DAYS)
        <= b.started_on
        <= a.ends_on + dt.timedelta(days=SUCCESSOR_AFTER_DAYS)
    ]
    matched = match_successors(cands)
    ending = [r for r in ending if str(r.pk) not in matched]
    rows = ending
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
