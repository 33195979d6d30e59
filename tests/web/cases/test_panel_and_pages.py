from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from labormap.response.dataset import load_cases, load_measures
from labormap.web.cases.models import Case, Measure

pytestmark = pytest.mark.django_db


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
