"""Issue 11 item 3: closing a case cancels its open tasks (and reopening brings them back), the task
button reads as an action, the history shows labels not codes, and hearing planning defaults to the
user's own region and never calls a sitting still to come "heard"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from labormap.web.cases.models import Case, Task
from labormap.web.hearings.models import Hearing
from tests.web.cases.test_cases import _in, _open

pytestmark = pytest.mark.django_db


def test_closing_cancels_open_tasks_and_reopening_restores_them(
    world: dict[str, Any], akimat47: Client
) -> None:
    case = _open(akimat47, _in(world, "47")[0])
    n = case.tasks.filter(status=Task.OPEN).count()
    assert n > 0
    akimat47.post(f"/cases/{case.pk}/close/", {"outcome": "prevented", "closed_on": "2025-12-20"})
    assert case.tasks.filter(status=Task.OPEN).count() == 0
    assert case.tasks.filter(status=Task.CANCELLED).count() == n
    listed = akimat47.get("/cases/", {"status": "closed"}).context["page"]
    assert all(c.open_tasks == 0 and c.overdue == 0 for c in listed)
    html = akimat47.get(f"/cases/{case.pk}/").content.decode()
    assert "tasks_cancelled" not in html and "prevented" not in html.split('id="case-history"')[1]
    akimat47.post(f"/cases/{case.pk}/reopen/")
    assert case.tasks.filter(status=Task.OPEN).count() == n


def test_task_button_is_an_action_and_history_has_no_codes(world: dict[str, Any], akimat47: Client) -> None:
    case = _open(akimat47, _in(world, "47")[0])
    akimat47.post(
        f"/cases/{case.pk}/edit/",
        {
            "kind": "strike",
            "causes": ["wage_arrears", "layoffs"],
            "participant_group": "contractor_staff",
            "participants": 150,
            "opened_on": "2025-12-12",
        },
    )
    html = akimat47.get(f"/cases/{case.pk}/").content.decode()
    assert 'class="task-done"' in html
    history = html.split('id="case-history"')[1].split("</ul>")[0]
    for code in (
        "opened",
        "changed",
        "replanned",
        "wage_arrears",
        "contractor_staff",
        "causes",
        "2025-12-12",
    ):
        assert code not in history, code


def test_hearing_planning_defaults(world: dict[str, Any], akimat47: Client) -> None:
    r = akimat47.get("/cases/hearings/")
    form = r.context["form"]
    assert form is not None and form.initial["region"] == "47"
    # submitting the form with its defaults plans a sitting in the user's region
    data = {
        "region": form.initial["region"],
        "planned_on": form.initial["planned_on"].isoformat(),
        "employers": form.initial["employers"],
    }
    assert data["employers"], "the test world has high-risk employers in region 47"
    if data["employers"]:
        r = akimat47.post("/cases/hearings/", data)
        assert r.status_code == 302, r.context["form"].errors
        h = Hearing.objects.latest("pk")
        assert h.region == "47" and h.status == Hearing.PLANNED
        page = akimat47.get(f"/cases/hearings/{h.pk}/").content.decode()
        assert 'id="hearing-status"' in page
        # a sitting still to come cannot be recorded as held
        future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
        r = akimat47.post(f"/cases/hearings/{h.pk}/", {"action": "record", "held_on": future})
        h.refresh_from_db()
        assert h.status == Hearing.PLANNED


def test_case_status_constants() -> None:
    assert Task.CANCELLED not in (Task.OPEN, Task.DONE) and Case.CLOSED == "closed"


def test_cases_closed_before_the_fix_count_no_open_work(world: dict[str, Any], akimat47: Client) -> None:
    # a case closed by the old code path: its tasks were left open
    case = _open(akimat47, _in(world, "47")[0])
    Case.objects.filter(pk=case.pk).update(
        status=Case.CLOSED, outcome="resolved", closed_on=dt.date(2025, 12, 20)
    )
    assert case.tasks.filter(status=Task.OPEN).exists()
    listed = {c.pk: c for c in akimat47.get("/cases/", {"status": "closed"}).context["page"]}
    assert listed[case.pk].open_tasks == 0 and listed[case.pk].overdue == 0
    tasks = akimat47.get("/cases/tasks/").context["page"]
    assert all(t.case_id != case.pk for t in tasks)
