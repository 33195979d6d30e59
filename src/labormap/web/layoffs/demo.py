"""The demo step for contractor chains and low pay (called by ``labormap demo`` after the accounts exist).

As the demo accounts would: the holding and ``akimat-47`` open the expected-releases page and see the
coming contract endings in their scope; ``akimat-47`` records a wage-raise plan for the employer of its
region with the most low-paid workers (base month a year back, due now, so the page shows it against
the payments made since); each downloads the «Справка». Pages are fetched through Django's test client,
so the demo runs exactly the views a browser would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

PLAN_NOTE = "Демо: план повышения оплаты низкооплачиваемым работникам"


def run_demo(reports: Path) -> list[dict[str, Any]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from labormap.features.asof import reference_period, shift_period
    from labormap.web.accounts.models import Profile
    from labormap.web.layoffs import services
    from labormap.web.layoffs.models import WagePlan

    reports.mkdir(parents=True, exist_ok=True)
    users = get_user_model().objects
    names = ["akimat-47"] + [
        p.user.username for p in Profile.objects.filter(role="holding").select_related("user")
    ]
    out: list[dict[str, Any]] = []
    for name in names:
        user = users.filter(username=name).first()
        if user is None:
            continue
        c = Client()
        c.force_login(user)
        page = c.get("/layoffs/")
        e = services.expected_for(user)
        row: dict[str, Any] = {
            "user": name,
            "page": page.status_code,
            "as_of": e.as_of.isoformat(),
            "customers": len(e.customers),
            "contracts_12m": len(e.contracts),
            "workers_6m": sum(x.workers_ending_6m for x in e.customers),
            "workers_12m": sum(x.workers_ending_12m for x in e.customers),
            "no_successor": len(e.no_successor),
        }
        if name == "akimat-47":
            row.update(_plan(c, user, e.as_of, services, reference_period, shift_period, WagePlan))
        note = c.get("/layoffs/note/?lang=ru")
        path = reports / f"spravka-layoffs-{name}-ru.docx"
        if note.status_code == 200:
            path.write_bytes(note.content)
            row["note"] = str(path)
        out.append(row)
    return out


def _plan(
    c: Any, user: Any, as_of: dt.date, services: Any, reference_period: Any, shift_period: Any, WagePlan: Any
) -> dict[str, Any]:
    low = [r for r in services.lowpay_for(user).employers if r.below_mzp > 0]
    if not low:
        return {"plan": "no low-paid workers in scope"}
    target = low[0]
    ref = reference_period(as_of)
    WagePlan.objects.filter(employer_id=target.employer_bin, note=PLAN_NOTE).delete()
    r = c.post(
        "/layoffs/plans/new/",
        {
            "employer_bin": target.employer_bin,
            "target_raise_pct": "10",
            "base_period": shift_period(ref, -12),
            "due_on": as_of.isoformat(),
            "workers_covered": str(target.below_mzp),
            "note": PLAN_NOTE,
        },
    )
    plan = WagePlan.objects.filter(employer_id=target.employer_bin, note=PLAN_NOTE).first()
    if r.status_code != 302 or plan is None:
        return {"plan": f"not saved ({r.status_code})"}
    a = services.track([plan]).get(plan.pk)
    return {
        "plan_employer": target.employer_bin,
        "plan_status": a.status if a else None,
        "plan_actual_raise_pct": a.actual_raise_pct if a else None,
        "plans_page": c.get("/layoffs/plans/").status_code,
    }
