"""``/api/v1/dashboard``: the dashboard's headline figures, within the caller's scope."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.apiclient import api_client
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def test_dashboard_figures_are_the_scope(world: dict[str, Any]) -> None:
    make_user("ak47", "akimat", "region", regions="47")
    data = api_client("ak47").get("/api/v1/dashboard").json()
    in47 = [b for b in world["bins"] if world["info"][b]["region"] == "47"]
    assert data["total"] == len(in47)
    assert sum(data["by_level"].values()) <= data["total"]
    assert data["as_of"] == world["dates"][-1].isoformat()
    assert data["new_high"] >= 0 and data["moved_out"] >= 0
