"""The demo step of the reconciliation (called by ``labormap demo`` after the demo accounts exist).

``labormap reconcile`` writes the country's act of the latest quarter (JSON, DOCX ru); then
``inspector-47`` opens the reconciliation page of its region, produces the acts of the previous and the
latest quarter (the second shows what of the first was resolved) and downloads the latest act in Russian
and Kazakh (DOCX and XLSX) into the reports folder; the ministry opens the whole country. Pages are
fetched through Django's test client as a browser would.
"""

from __future__ import annotations

from pathlib import Path


def run_demo(warehouse: Path, reports: Path) -> list[str]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from labormap.reconcile.engine import load_records
    from labormap.warehouse import Warehouse
    from labormap.web.cases.models import Task
    from labormap.web.reconcile import services
    from labormap.web.reconcile.models import Act

    q = services.latest_quarter(load_records(Warehouse(warehouse)))
    out: list[str] = []
    users = get_user_model().objects
    inspector = users.filter(username="inspector-47").first()
    ministry = users.filter(username="ministry").first()
    reports.mkdir(parents=True, exist_ok=True)
    if inspector is not None:
        c = Client()
        c.force_login(inspector)
        page = c.get("/reconcile/", {"region": "47", "quarter": str(q)})
        out.append(f"inspector-47: reconciliation page {q} → {page.status_code}")
        for quarter in (q.prev(), q):
            c.post("/reconcile/produce/", {"region": "47", "quarter": str(quarter)})
        act = Act.objects.filter(region="47", quarter=str(q)).order_by("-version").first()
        if act is not None:
            for lang in ("ru", "kk"):
                for fmt in ("docx", "xlsx"):
                    r = c.get(f"/reconcile/acts/{act.pk}/{lang}.{fmt}")
                    (reports / services.file_name(act, lang, fmt)).write_bytes(r.content)
            tasks = Task.objects.filter(code__startswith=services.CODE_PREFIX, employer__region="47").count()
            out.append(
                f"inspector-47: act {q} — matched {act.matched}, new {act.new_count}, earlier resolved "
                f"{act.resolved_count}, still open {act.open_count}; {tasks} reconciliation tasks in the cases; "
                f"downloaded ru/kk DOCX and XLSX to {reports}"
            )
    if ministry is not None:
        m = Client()
        m.force_login(ministry)
        r = m.get("/reconcile/", {"region": "", "quarter": str(q)})
        out.append(f"ministry: whole country {q} → {r.status_code}")
    return out
