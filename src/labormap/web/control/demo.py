"""The demo step of the control cycle (called by ``labormap demo`` after the demo accounts exist).

The control month is the simulated world's (five months before its end, ``simulate.discipline``): its
findings are loaded as the inspector saw them on the letter date, and the two months before for context;
``inspector-47`` issues letters for its region and the ministry for the others, to the employers the
demo's letter policy picks (``discipline.letter_sent``), dated and due as the simulator planned; the
register records them as sent; the employer account replies when it got a letter; then the
self-correction is measured from the registry data after the due date, and letters still not complied
with become inspection tasks. Pages are fetched through Django's test client as a browser would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run_demo(warehouse: Path, reports: Path) -> list[str]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from labormap.control.monthly import shift_month
    from labormap.simulate.discipline import letter_sent, notice_dates
    from labormap.warehouse import Warehouse
    from labormap.web.accounts.models import Profile
    from labormap.web.cases.models import Task
    from labormap.web.control import services
    from labormap.web.control.models import Finding, Notice

    con = Warehouse(warehouse).connect(memory_limit="2GB")
    row = con.execute("SELECT max(period), max(paid_on) FROM payments").fetchone()
    con.close()
    if not row or row[0] is None:
        return ["control: no payments in the warehouse"]
    # the extract ends with the world's last month; its control month is four months before it
    extract = row[1]
    month = shift_month(f"{extract:%Y-%m}", -4)
    sent_on, due_on = notice_dates(month)
    out: list[str] = []
    for m in (shift_month(month, -2), shift_month(month, -1), month):
        res = services.load_month(warehouse, m, as_of=notice_dates(m)[0])
        out.append(f"control {m}: {res['findings']} findings loaded, {res['alerts']} alerts")
    arrears = services.load_arrears(warehouse, as_of=extract)
    out.append(f"arrears register: {arrears['cases']} cases, {arrears['alerts']} alerts")

    users = get_user_model().objects
    ministry = users.filter(username="ministry").first()
    inspector = users.filter(username="inspector-47").first()
    todo = [
        f
        for f in Finding.objects.filter(month=month).select_related("employer")
        if letter_sent(f.employer_id)
    ]
    mine = [f for f in todo if f.employer.region == "47"]
    others = [f for f in todo if f.employer.region != "47"]
    made = []
    if inspector is not None:
        made += services.generate_notices(mine, inspector, due_on=due_on, issued_on=sent_on)
    if ministry is not None:
        made += services.generate_notices(others, ministry, due_on=due_on, issued_on=sent_on)
    Notice.objects.filter(pk__in=[n.pk for n in made]).update(status="sent", sent_on=sent_on)
    out.append(
        f"letters for {month}: {len(made)} (due {due_on.isoformat()}), {len(mine)} findings in region 47"
    )

    reports.mkdir(parents=True, exist_ok=True)
    if inspector is not None:
        c = Client()
        c.force_login(inspector)
        page = c.get(f"/control/?month={month}")
        z = c.get(f"/control/notices/zip/?region=47&month={month}")
        if z.status_code == 200:
            (reports / f"control-letters-47-{month}.zip").write_bytes(z.content)
        out.append(f"inspector-47: findings page {page.status_code}, letters ZIP {z.status_code}")
    own = Profile.objects.filter(role="employer").select_related("user").first()
    if own is not None:
        n = Notice.objects.filter(employer_id__in=own.bin_list()).first()
        c = Client()
        c.force_login(own.user)
        if n is not None:
            c.post(f"/control/notices/{n.pk}/reply/", {"reply": "Нарушения устранены, взносы доплачены."})
            out.append(f"{own.user.username}: replied to letter {n.number}")
        else:
            out.append(
                f"{own.user.username}: no letter this month (findings page {c.get('/control/').status_code})"
            )

    run = services.measure_selfcorrection(warehouse, as_of=extract)
    if run is not None:
        o: dict[str, Any] = run.overall

        def pct(x: float | None) -> str:
            return "—" if x is None else f"{x:.0%}"

        out.append(
            f"self-correction by the due date: {pct(o['rate'])} of {o['judged']} judged notified findings; "
            f"comparable employers without a letter: {pct(o['comparison_rate'])} of {o['comparison_judged']}"
        )
    tasks = Task.objects.filter(code=services.TASK_CODE).count()
    out.append(f"inspection tasks for letters not complied with: {tasks}")
    return out
