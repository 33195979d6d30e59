"""Reconciliation pages and API: scoped (inspector: own region; ministry: all; others 404), labels not
codes, downloads in ru/kk, acts history, tasks in the case machinery closed when resolved."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from labormap import i18n
from labormap.reconcile import KINDS
from tests.reconcile import handmade as hm
from tests.web.reconcile.conftest import login, token_client


def test_inspector_sees_the_quarter_of_their_region(published: Path) -> None:
    c = login("insp", "inspector", "region", regions="47")
    r = c.get("/reconcile/", {"region": "47", "quarter": "2025Q2"})
    assert r.status_code == 200
    body = r.content.decode()
    for kind in KINDS:
        assert i18n.label("reconcile_kind", kind, "ru") in body
        assert f">{kind}<" not in body  # never a raw code
    assert "47-2025-П99999" in body and "75-2025-П00011" not in body
    # defaults: the form without parameters shows the latest quarter of the data for the own region
    assert c.get("/reconcile/").status_code == 200
    # another region, or the whole country: 404
    assert c.get("/reconcile/", {"region": "75", "quarter": "2025Q2"}).status_code == 404
    # roles outside the reconciliation: 404
    assert login("ak", "akimat", "region", regions="47").get("/reconcile/").status_code == 404


def test_produce_act_tasks_history_and_downloads(published: Path) -> None:
    from labormap.web.cases.models import Task
    from labormap.web.reconcile.models import Act

    c = login("insp", "inspector", "region", regions="47")
    # Q1 first: orders 9 and 10 become overdue in Q1 and get tasks
    r = c.post("/reconcile/produce/", {"region": "47", "quarter": "2025Q1"})
    assert r.status_code == 302
    q1 = Act.objects.get(region="47", quarter="2025Q1")
    assert q1.new_count == 2 and q1.tasks_created == 2
    # Q2: six new discrepancies become tasks; order 10 was repaid, so its task is closed by the act
    r = c.post("/reconcile/produce/", {"region": "47", "quarter": "2025Q2"})
    q2 = Act.objects.get(region="47", quarter="2025Q2")
    assert r.status_code == 302 and r["Location"] == f"/reconcile/acts/{q2.pk}/"
    assert (q2.new_count, q2.resolved_count, q2.open_count) == (6, 1, 1)
    assert (q2.tasks_created, q2.tasks_closed) == (6, 1)
    tasks = Task.objects.filter(code__startswith="reconcile:")
    assert tasks.count() == 8 and tasks.filter(status=Task.DONE).count() == 1
    by_body = {t.rule_id.split("|")[0]: t.body for t in tasks}
    assert by_body["no_police_decision"] == "police" and by_body["status_mismatch"] == "enforcement"
    assert by_body["no_enforcement"] == "labour_inspection"
    assert all(t.case_id for t in tasks)
    # the tasks appear in the case machinery: the task list and the case page
    page = c.get("/cases/tasks/").content.decode()
    assert "47-2025-П00007" in page
    first = tasks.first()
    assert first is not None and c.get(f"/cases/{first.case_id}/").status_code == 200
    # producing the same act again adds a version, not duplicate tasks
    c.post("/reconcile/produce/", {"region": "47", "quarter": "2025Q2"})
    assert Act.objects.filter(region="47", quarter="2025Q2").count() == 2
    assert Task.objects.filter(code__startswith="reconcile:").count() == 8
    # the act page: history and downloads in ru and kk
    r = c.get(f"/reconcile/acts/{q2.pk}/")
    assert r.status_code == 200
    body = r.content.decode()
    assert i18n.label("reconcile_status", "resolved", "ru") in body and "2025Q1" in body
    for lang, title in (("ru", "Акт сверки"), ("kk", "Салыстыру актісі")):
        d = c.get(f"/reconcile/acts/{q2.pk}/{lang}.docx")
        assert d.status_code == 200 and d["Content-Disposition"].endswith(f'-{lang}.docx"')
        doc = Document(io.BytesIO(d.content))
        assert title in "\n".join(p.text for p in doc.paragraphs)
        x = c.get(f"/reconcile/acts/{q2.pk}/{lang}.xlsx")
        assert load_workbook(io.BytesIO(x.content)).worksheets[0]["A1"].value == title
    assert c.get(f"/reconcile/acts/{q2.pk}/ru.pdf").status_code == 404


def test_ministry_sees_all_regions_inspector_not(published: Path) -> None:
    from labormap.web.reconcile.models import Act

    m = login("min", "ministry_admin", "country")
    assert m.get("/reconcile/", {"region": "75", "quarter": "2025Q2"}).status_code == 200
    body = m.get("/reconcile/", {"region": "", "quarter": "2025Q2"}).content.decode()
    assert "75-2025-П00011" in body and "47-2025-П00001" in body
    m.post("/reconcile/produce/", {"region": "75", "quarter": "2025Q2"})
    act75 = Act.objects.get(region="75")
    assert m.get(f"/reconcile/acts/{act75.pk}/").status_code == 200
    insp = login("insp", "inspector", "region", regions="47")
    assert insp.get(f"/reconcile/acts/{act75.pk}/").status_code == 404
    assert insp.get(f"/reconcile/acts/{act75.pk}/ru.docx").status_code == 404
    # an analyst reads but does not produce acts
    a = login("an", "analyst", "country")
    assert a.get("/reconcile/", {"region": "47", "quarter": "2025Q2"}).status_code == 200
    assert a.post("/reconcile/produce/", {"region": "47", "quarter": "2025Q2"}).status_code == 403


def test_api_scoped(published: Path) -> None:
    insp = token_client("apiinsp", "inspector", "region", regions="47")
    data = insp.get("/api/v1/reconcile/preview", {"quarter": "2025Q2", "region": "47"}).json()
    assert data["quarter"] == "2025Q2" and data["matched"] == hm.MATCHED_Q2_47
    assert {
        (d["kind"], d["order_no"], d["details"]["ref"]) for d in data["discrepancies"]
    } == hm.EXPECTED_Q2_47
    assert insp.get("/api/v1/reconcile/preview", {"quarter": "2025Q2", "region": "75"}).status_code == 404
    assert insp.get("/api/v1/reconcile/preview", {"quarter": "2025Q9", "region": "47"}).status_code == 404
    m = login("min", "ministry_admin", "country")
    m.post("/reconcile/produce/", {"region": "75", "quarter": "2025Q2"})
    assert insp.get("/api/v1/reconcile/acts").json() == []
    ministry = token_client("apimin", "ministry_admin", "country")
    acts = ministry.get("/api/v1/reconcile/acts").json()
    assert [a["region"] for a in acts] == ["75"]
    one = ministry.get(f"/api/v1/reconcile/acts/{acts[0]['id']}").json()
    assert one["act"]["discrepancies"][0]["order_no"] == "75-2025-П00011"
    assert insp.get(f"/api/v1/reconcile/acts/{acts[0]['id']}").status_code == 404


def test_demo_step(published: Path, tmp_path: Path) -> None:
    """The demo's step: inspector-47 produces the latest quarter's act and downloads it in ru and kk."""
    from labormap.web.reconcile.demo import run_demo
    from tests.web.conftest import make_user

    make_user("inspector-47", "inspector", "region", regions="47")
    make_user("ministry", "ministry_admin", "country")
    lines = run_demo(published, tmp_path)
    assert any("downloaded" in x for x in lines) and any("ministry" in x for x in lines)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        f"akt-sverki-47-2025Q2-v1-{lang}.{fmt}" for lang in ("kk", "ru") for fmt in ("docx", "xlsx")
    ]


def test_overdue_reconciliation_tasks_escalate_to_the_ministry(published: Path) -> None:
    import datetime as dt

    from labormap.web.cases import services as cases
    from labormap.web.cases.models import Task

    c = login("insp", "inspector", "region", regions="47")
    c.post("/reconcile/produce/", {"region": "47", "quarter": "2025Q2"})
    done = cases.run_escalations(dt.date.today() + dt.timedelta(days=60))
    moved = {(e.from_body, e.to_body) for e in done if e.task.code.startswith("reconcile:")}
    assert ("police", "mtszn") in moved and ("enforcement", "mtszn") in moved
    assert Task.objects.filter(code__startswith="reconcile:", assigned_body="mtszn").count() >= 2


def test_page_in_kazakh(published: Path) -> None:
    c = login("insp", "inspector", "region", regions="47")
    c.cookies["django_language"] = "kk"
    body = c.get("/reconcile/", {"region": "47", "quarter": "2025Q2"}).content.decode()
    assert i18n.label("reconcile_kind", "no_police_decision", "kk") in body
    assert "Тоқсанда анықталған сәйкессіздіктер" in body
