"""The shared page context is computed once per request, not once per template (the card renders panels)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from labormap.web.core.context import site
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_card_reads_the_data_date_once(world: dict[str, Any]) -> None:
    make_user("cardreader", "analyst", "country")
    c = Client()
    assert c.login(username="cardreader", password="pw-cardreader")
    with CaptureQueriesContext(connection) as q:
        r = c.get(f"/employers/{world['bins'][0]}/")
    assert r.status_code == 200
    latest = [x for x in q.captured_queries if 'FROM "employers_snapshot" ORDER BY' in x["sql"]]
    assert len(latest) == 1, [x["sql"] for x in latest]


def test_a_user_switch_within_the_request_is_not_served_the_memo(world: dict[str, Any]) -> None:
    a = make_user("first", "analyst", "country")
    b = make_user("second", "inspector", "region", regions="47")
    req = RequestFactory().get("/")
    req.user = a
    assert site(req)["lm_profile"].user == a
    assert site(req)["lm_profile"].user == a  # from the memo
    req.user = b  # e.g. a login in this request
    assert site(req)["lm_profile"].user == b
