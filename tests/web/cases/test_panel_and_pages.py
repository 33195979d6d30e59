from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

from labormap.response.dataset import load_cases, load_measures
from labormap.web.accounts.models import AuditEvent
from labormap.web.cases import services
from labormap.web.cases.models import Case, Hearing, Measure, PlaybookVersion, Task
from labormap.web.employers.models import Employer
from tests.reports.docs_text import docx_text, xlsx_text
from tests.web_cases.conftest import login

pytestmark = pytest.mark.django_db


def _high(world: dict[str, Any], region: str) -> list[str]:
    last = world["dates"][-1]
    return [
        b for b in world["bins"] if world["info"][b]["region"] == region and world["scores"][last][b] >= 70
    ]


def test_hearing_proposals_plan_record_and_follow_up(world: dict[str, Any], akimat47: Client) -> None:
    high47 = _high(world, "47")
    assert high47, "the test world needs high-risk employers in region 47"
    page = akimat47.get("/cases/hearings/")
    assert page.status_code == 200
    proposals = page.context["proposals"]
    assert set(proposals) == {"47"}
    assert {p.candidate.employer_bin for p in proposals["47"]} <= set(high47)
    assert len(proposals["47"]) == min(5, len(high47))
    scores = [p.candidate.score for p in proposals["47"]]
    assert scores == sorted(scores, reverse=True)
    chosen = [p.candidate.employer_bin for p in proposals["47"]][:2]
    r = akimat47.post("/cases/hearings/", {"region": "47", "planned_on": "2025-12-12", "employers": chosen})
    assert r.status_code == 302
    h = Hearing.objects.get()
    assert list(h.employers.values_list("employer_id", flat=True)) == chosen
    r = akimat47.post(
        f"/cases/hearings/{h.pk}/",
        {
            "action": "record",
            "held_on": "2025-12-12",
            "protocol_no": "7",
            "protocol": "Заслушаны руководители.",
        },
    )
    assert r.status_code == 302
    h.refresh_from_db()
    assert h.status == "held"
    assert set(
        Measure.objects.filter(hearing=h, kind="hearing").values_list("employer_id", flat=True)
    ) == set(chosen)
    akimat47.post(
        f"/cases/hearings/{h.pk}/", {"action": "record", "held_on": "2025-12-12", "protocol_no": "7"}
    )
    assert Measure.objects.filter(hearing=h).count() == len(chosen)  # recording twice adds no measure
    r = akimat47.post(
        f"/cases/hearings/{h.pk}/",
        {
            "action": "decision",
            "employer": chosen[0],
            "text": "Погасить задолженность",
            "body": "employer",
            "due_days": 10,
        },
    )
    assert r.status_code == 302
    t = Task.objects.get(hearing=h)
    assert (t.employer_id, t.body, t.due_on) == (chosen[0], "employer", dt.date(2025, 12, 29))
    # heard employers are not proposed again within 180 days
    again = services.hearing_proposals(_user("akimat47"), dt.date(2026, 1, 10))
    assert not set(chosen) & {p.candidate.employer_bin for ps in again.values() for p in ps}


def _user(name: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def test_hearings_are_for_authorised_roles(world: dict[str, Any]) -> None:
    union = login("un", "union", "region", regions="47")
    r = union.get("/cases/hearings/")
    assert r.status_code == 200 and r.context["form"] is None
    assert union.post("/cases/hearings/", {"region": "47", "planned_on": "2025-12-12"}).status_code in (
        200,
        403,
    )
    assert Hearing.objects.count() == 0


def test_playbook_edit_makes_a_new_version_with_the_diff(world: dict[str, Any], ministry: Client) -> None:
    r = ministry.get("/cases/playbook/")
    assert r.status_code == 200
    pv = PlaybookVersion.objects.get()
    data = yaml.safe_load(pv.text)
    rule = next(x for x in data["rules"] if x["id"] == "cause.wage_arrears")
    rule["steps"][0]["due"] = "2wd"
    r = ministry.post(
        "/cases/playbook/",
        {"text": yaml.safe_dump(data, allow_unicode=True), "comment": "Срок проверки 2 рабочих дня"},
    )
    assert r.status_code == 302
    v2 = PlaybookVersion.objects.get(version=2)
    assert "-    due: 1wd" in v2.diff and "+    due: 2wd" in v2.diff and v2.author is not None
    assert AuditEvent.objects.filter(action=AuditEvent.ADMIN, target="playbook:default:v2").exists()
    assert ministry.get("/cases/playbook/v2/").status_code == 200
    # a new case is planned with version 2
    bin_ = world["bins"][0]
    ministry.post(
        f"/cases/new/?employer={bin_}",
        {"employer": bin_, "kind": "rally", "causes": ["wage_arrears"], "opened_on": "2025-12-12"},
    )
    t = Task.objects.get(code="arrears_inspection")
    assert t.case is not None and t.case.playbook_version == 2 and t.due_on == dt.date(2025, 12, 17)
    # invalid edits are refused and shown
    r = ministry.post("/cases/playbook/", {"text": "rules: [", "comment": "x"})
    assert r.status_code == 200 and "YAML" in r.content.decode()
    assert PlaybookVersion.objects.count() == 2


def test_only_admins_edit_the_playbook(world: dict[str, Any], akimat47: Client) -> None:
    assert akimat47.get("/cases/playbook/").context["form"] is None
    assert akimat47.post("/cases/playbook/", {"text": "x", "comment": "x"}).status_code == 403


def test_report_download_is_scoped_and_audited(world: dict[str, Any], settings: Any) -> None:
    settings.LABORMAP_WAREHOUSE = world["warehouse"].root
    c = login("ak75", "akimat", "region", regions="75")
    inside = [b for b in world["bins"] if world["info"][b]["region"] == "75"]
    outside = [b for b in world["bins"] if world["info"][b]["region"] != "75"]
    Measure.objects.create(employer_id=inside[0], kind="meeting", taken_on=world["dates"][-1])
    Measure.objects.create(employer_id=outside[0], kind="order", taken_on=world["dates"][-1])
    for fmt, text_of in (("docx", docx_text), ("xlsx", xlsx_text)):
        r = c.post(
            "/cases/reports/",
            {"kind": "daily", "as_of": world["dates"][-1].isoformat(), "days": 1, "lang": "ru", "fmt": fmt},
        )
        assert r.status_code == 200, r.content[:500]
        assert r["Content-Disposition"].endswith(f'.{fmt}"')
        text = text_of(r.content)
        assert "город Алматы" in text
        for b in outside:
            assert b not in text
        names = {e.bin: e.name for e in Employer.objects.all()}
        assert not any(names[b] in text for b in outside)
        inside_high = [b for b in inside if world["scores"][world["dates"][-1]][b] >= 70]
        assert inside_high and all(names[b] in text for b in inside_high)
    assert (
        AuditEvent.objects.filter(action=AuditEvent.EXPORT, target="report:daily", username="ak75").count()
        == 2
    )
    r = c.post(
        "/cases/reports/",
        {"kind": "measures", "start": "2025-01-01", "end": "2025-12-31", "lang": "kk", "fmt": "xlsx"},
    )
    assert r.status_code == 200
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(r.content)).worksheets[0]
    values = {
        row[0]: row[1]
        for row in ws.iter_rows(values_only=True)
        if row and row[0] and len(row) > 1 and isinstance(row[1], int | float)
    }
    assert values["Қабылданған шаралар"] == 1  # the outside employer's measure is not counted
    r = c.post(
        "/cases/reports/", {"kind": "semiannual", "year": 2025, "half": "2", "lang": "ru", "fmt": "docx"}
    )
    assert r.status_code == 200 and "полугодие" in docx_text(r.content)


def test_report_form_errors(world: dict[str, Any], ministry: Client, settings: Any) -> None:
    settings.LABORMAP_WAREHOUSE = world["warehouse"].root
    r = ministry.post("/cases/reports/", {"kind": "daily", "lang": "ru", "fmt": "docx"})
    assert r.status_code == 200 and r.context["form"].errors
    r = ministry.post(
        "/cases/reports/", {"kind": "daily", "as_of": "2001-01-01", "lang": "ru", "fmt": "docx"}
    )
    assert r.status_code == 200 and "no scores snapshot" in r.content.decode()


def test_card_panel_and_publish_command(world: dict[str, Any], ministry: Client, tmp_path: Any) -> None:
    bin_ = world["bins"][2]
    ministry.post(
        f"/cases/new/?employer={bin_}", {"employer": bin_, "kind": "none", "opened_on": "2025-12-12"}
    )
    Measure.objects.create(employer_id=bin_, kind="inspection", taken_on=dt.date(2025, 12, 1))
    case_pk = Case.objects.get(employer_id=bin_).pk
    card = ministry.get(f"/employers/{bin_}/").content.decode()
    assert f"/cases/new/?employer={bin_}" in card and f"/cases/{case_pk}/" in card
    from labormap.warehouse import Warehouse

    wh = Warehouse(tmp_path / "wh")
    (tmp_path / "wh").mkdir()
    call_command("cases_publish", "--warehouse", str(wh.root))
    assert [m.employer_bin for m in load_measures(wh)] == [bin_]
    [case] = load_cases(wh)
    assert case.employer_bin == bin_ and case.outcome == "ongoing" and case.kind is None


def test_every_case_page_renders(world: dict[str, Any], ministry: Client) -> None:
    for url in (
        "/cases/",
        "/cases/tasks/",
        "/cases/measures/",
        "/cases/hearings/",
        "/cases/playbook/",
        "/cases/playbook/v1/",
        "/cases/reports/",
        "/cases/?status=closed&overdue=1&region=47",
    ):
        assert ministry.get(url).status_code == 200, url
    r = ministry.post("/cases/tasks/escalate/")
    assert r.status_code == 302


def test_pages_speak_russian_and_kazakh(world: dict[str, Any], ministry: Client) -> None:
    ministry.post("/i18n/setlang/", {"language": "ru", "next": "/cases/"})
    html = ministry.get("/cases/playbook/").content.decode()
    assert "Алгоритм действий" in html and "Версии" in html
    ministry.post("/i18n/setlang/", {"language": "kk", "next": "/cases/"})
    html = ministry.get("/cases/playbook/").content.decode()
    assert "Іс-қимыл алгоритмі" in html and "Нұсқалар" in html
