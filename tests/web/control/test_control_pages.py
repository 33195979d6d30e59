"""The control cycle in the app for a ministry user, an inspector of one region and an employer."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from django.test import Client

from labormap.web.control.models import ArrearsCase, Finding, Notice, NoticeTemplate
from tests.control.handmade import EXPECTED_2025_03
from tests.features.tiny import bin_of
from tests.web.control.conftest import AS_OF, login


def _ids(**kw: Any) -> list[int]:
    return list(Finding.objects.filter(**kw).values_list("pk", flat=True))


def test_findings_loaded_and_scoped(ministry: Client, inspector: Client, loaded: dict[str, Any]) -> None:
    assert Finding.objects.count() == len(EXPECTED_2025_03)
    f = Finding.objects.get(employer_id=bin_of(1), kind="vosms_missing")
    assert (f.workers, f.amount_kzt) == (1, 17_000.0)
    r = ministry.get("/control/?month=2025-03")
    assert r.status_code == 200 and "ТОО Тест 2" in r.content.decode()
    page = inspector.get("/control/").content.decode()
    assert "ТОО Тест 1" in page and "ТОО Тест 2" not in page  # Almaty is out of the inspector's scope
    assert ">vosms_missing<" not in page  # labels only (codes appear only as form values)


def test_inspector_generates_letters_in_scope_only(inspector: Client) -> None:
    ids = _ids(employer_id=bin_of(1))
    r = inspector.post("/control/generate/", {"finding": ids, "due_on": "2025-06-10", "lang": "ru"})
    assert r.status_code == 302
    n = Notice.objects.get()
    assert n.number.startswith("47-") and n.findings.count() == len(ids) and bytes(n.docx)[:2] == b"PK"
    # an out-of-scope finding cannot be chosen: 404, nothing created
    other = _ids(employer_id=bin_of(2))
    assert (
        inspector.post(
            "/control/generate/", {"finding": other, "due_on": "2025-06-10", "lang": "ru"}
        ).status_code
        == 404
    )
    assert Notice.objects.count() == 1
    # defaults submitted as they are work too (due date in 30 days, Russian)
    import datetime as _dt

    ids1 = _ids(employer_id=bin_of(1))
    Notice.objects.all().delete()
    inspector.post("/control/generate/", {"finding": ids1, "due_on": "", "lang": ""})
    n = Notice.objects.get()
    assert n.due_on == _dt.date.today() + _dt.timedelta(days=30) and n.lang == "ru"


def test_register_zip_reply_and_404(ministry: Client, inspector: Client, employer1: Client) -> None:
    ministry.post("/control/generate/", {"finding": _ids(), "due_on": "2025-06-10", "lang": "kk"})
    own = Notice.objects.get(employer_id=bin_of(1))
    almaty = Notice.objects.get(employer_id=bin_of(2))
    assert almaty.number.startswith("75-")
    # out of scope: 404 for the inspector of region 47 and for employer 1
    for c in (inspector, employer1):
        assert c.get(f"/control/notices/{almaty.pk}/").status_code == 404
        assert c.get(f"/control/notices/{almaty.pk}/docx/").status_code == 404
    assert inspector.get(f"/control/notices/{own.pk}/").status_code == 200
    # register entry by the inspector
    r = inspector.post(
        f"/control/notices/{own.pk}/update/",
        {"status": "sent", "sent_on": "2025-05-10", "due_on": "2025-06-10"},
    )
    assert r.status_code == 302
    own.refresh_from_db()
    assert own.status == "sent" and own.sent_on == dt.date(2025, 5, 10)
    # the employer sees its letter and replies; it cannot change the register
    page = employer1.get(f"/control/notices/{own.pk}/").content.decode()
    assert own.number in page
    employer1.post(f"/control/notices/{own.pk}/reply/", {"reply": "Взносы доплачены 01.06.2025"})
    own.refresh_from_db()
    assert own.status == "replied" and own.reply.startswith("Взносы")
    assert (
        employer1.post(
            f"/control/notices/{own.pk}/update/", {"status": "closed", "due_on": "2025-06-10"}
        ).status_code
        == 403
    )
    # ZIP per region: only the inspector's region
    z = zipfile.ZipFile(io.BytesIO(inspector.get("/control/notices/zip/?region=47").content))
    assert len(z.namelist()) == Notice.objects.filter(region="47").count()
    z = zipfile.ZipFile(io.BytesIO(inspector.get("/control/notices/zip/").content))
    assert all(n.startswith("notice-47-") for n in z.namelist())


def test_selfcorrection_and_inspection_tasks(ministry: Client, loaded: dict[str, Any]) -> None:
    from labormap.web.cases.models import Task
    from labormap.web.control import services

    ministry.post("/control/generate/", {"finding": _ids(), "due_on": "2025-06-10", "lang": "ru"})
    Notice.objects.update(status="sent", sent_on=dt.date(2025, 5, 10))
    run = services.measure_selfcorrection(loaded["wh"], as_of=dt.date(2025, 7, 1))
    assert run is not None and run.overall["notified"] == len(EXPECTED_2025_03)
    # nothing was corrected in the hand-made data: every letter has an open finding → one task each
    assert set(Notice.objects.values_list("outcome", flat=True)) == {"open"}
    assert Task.objects.filter(code=services.TASK_CODE).count() == Notice.objects.count()
    services.measure_selfcorrection(loaded["wh"], as_of=dt.date(2025, 7, 1))
    assert Task.objects.filter(code=services.TASK_CODE).count() == Notice.objects.count()  # not twice
    page = ministry.get("/control/selfcorrection/").content.decode()
    assert "64–76" in page


def test_arrears_register(ministry: Client, inspector: Client) -> None:
    assert ArrearsCase.objects.get(case_id="47-A1").state == "overdue"
    page = inspector.get("/control/arrears/").content.decode()
    assert "47-A1" in page and "75-B1" not in page
    r = inspector.get("/control/arrears/?format=csv")
    text = r.content.decode("utf-8-sig")
    assert "47-A1" in text and "75-B1" not in text
    assert ministry.get("/control/arrears/?format=xlsx").content[:2] == b"PK"
    assert ministry.get("/control/arrears/?state=overdue&since=2025-01-01&region=75").status_code == 200


def test_template_versions(ministry: Client, inspector: Client) -> None:
    from labormap.web.control import services

    t = services.current_template()
    r = ministry.post(
        "/control/template/", {"text": t.text.replace("Уведомление", "Письмо"), "comment": "v2"}
    )
    assert r.status_code == 302
    assert NoticeTemplate.objects.order_by("-version").first().version == 2  # type: ignore[union-attr]
    bad = ministry.post("/control/template/", {"text": "ru: {}", "comment": ""})
    assert bad.status_code == 200 and NoticeTemplate.objects.count() == 2
    assert inspector.get("/control/template/").status_code == 404


def test_other_roles_and_api(loaded: dict[str, Any]) -> None:
    union = login("un", "union", "sector", sectors="B")
    assert union.get("/control/").status_code == 403
    login("apiinsp", "inspector", "region", regions="47")
    tok = (
        Client()
        .post(
            "/api/v1/auth/token",
            {"username": "apiinsp", "password": "pw-apiinsp"},
            content_type="application/json",
        )
        .json()["token"]
    )
    api = Client(headers={"Authorization": f"Bearer {tok}"})
    rows = api.get("/api/v1/control/findings?month=2025-03").json()
    assert rows and {r["region"] for r in rows} == {"47"}
    assert {r["case_id"] for r in api.get("/api/v1/control/arrears").json()} == {"47-A1"}
    assert AS_OF.year == 2025


def test_alerts_through_the_alerts_app(loaded: dict[str, Any], inspector: Client) -> None:
    from labormap.web.alerts.filters import visible_alerts
    from labormap.web.alerts.models import Alert

    assert loaded["findings"]["alerts"] == 1  # employer 2 stopped paying
    assert Alert.objects.get(kind="pay_stop").employer_id == bin_of(2)
    assert set(Alert.objects.filter(kind__in=["arrears", "order_late"]).values_list("kind", flat=True)) == {
        "arrears",
        "order_late",
    }
    # the inspector of region 47 sees the Mangystau arrears alerts, not Almaty's stopped payments
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="insp47")
    kinds = {(a.kind, a.employer_id) for a in visible_alerts(user)}
    assert ("pay_stop", bin_of(2)) not in kinds and ("order_late", bin_of(1)) in kinds
    assert inspector.get("/alerts/").status_code == 200


def test_refresh_command(loaded: dict[str, Any]) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("control_refresh", "--warehouse", str(loaded["wh"]), "--as-of", "2025-06-01", stdout=out)
    assert "2025-04:" in out.getvalue()  # the last month whose deadline passed before 1 June
    call_command(
        "control_refresh",
        "--warehouse",
        str(loaded["wh"]),
        "--month",
        "2025-03",
        "--as-of",
        "2025-06-01",
        stdout=out,
    )
    assert Finding.objects.filter(month="2025-03").count() == len(EXPECTED_2025_03)
