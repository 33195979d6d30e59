"""The map counts exactly the account's scope: a grant of region 47 with sector B is one region, one sector."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.apiclient import api_client
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def test_map_totals_follow_one_intersecting_grant(world: dict[str, Any]) -> None:
    make_user("mb", "analyst", "region", regions="47", sectors="B")
    info = world["info"]
    expected = [b for b in world["bins"] if info[b]["region"] == "47" and info[b]["sector"] == "B"]
    c = Client()
    assert c.login(username="mb", password="pw-mb")
    regions = c.get("/map/regions.json").json()["regions"]
    assert {r["kato"]: r["total"] for r in regions if r["total"]} == {"47": len(expected)}
    api = api_client("mb").get("/api/v1/regions").json()
    assert sum(r["total"] for r in api) == len(expected)
