from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from labormap.web.cases import services
from labormap.web.cases.models import Hearing, Measure, Task
from tests.web.cases.conftest import login

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


def test_hearings_api_lists_the_scope(world: dict[str, Any], akimat47: Client) -> None:
    from tests.web.apiclient import api_client

    high47 = _high(world, "47")[:1]
    akimat47.post("/cases/hearings/", {"region": "47", "planned_on": "2025-12-12", "employers": high47})
    Hearing.objects.create(region="23", planned_on=dt.date(2025, 12, 1))
    rows = api_client("akimat47").get("/api/v1/hearings").json()
    assert [(r["region"], r["employers"]) for r in rows] == [("47", 1)]
