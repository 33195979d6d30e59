from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from labormap.web.accounts.models import AuditEvent
from labormap.web.cases.models import Measure
from labormap.web.employers.models import Employer
from tests.reports.docs_text import docx_text, xlsx_text
from tests.web.cases.conftest import login

pytestmark = pytest.mark.django_db


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


def test_reports_api_names_the_downloads(world: dict[str, Any], ministry: Client) -> None:
    from tests.web.apiclient import api_client

    data = api_client("minadmin").get("/api/v1/reports").json()
    assert [k["code"] for k in data["kinds"]] == ["daily", "measures", "semiannual"]
    assert "ru" in data["languages"] and data["formats"] == ["docx", "xlsx"]
