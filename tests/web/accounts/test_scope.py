"""Per role: out-of-scope employers are invisible in pages, exports, the map, alerts and the API.

The expected sets are computed here from the test world itself, not with the app's scope module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _roles(w: dict[str, Any]) -> dict[str, tuple[dict[str, Any], Callable[[str], bool]]]:
    bins, info = w["bins"], w["info"]
    union_bins = bins[40:43]
    contractors = set(bins[1:5])  # the holding head bins[0] buys services from these
    return {
        "ministry": ({"role": "ministry_admin", "scope_kind": "country"}, lambda b: True),
        "akimat-47": (
            {"role": "akimat", "scope_kind": "region", "regions": "47"},
            lambda b: info[b]["region"] == "47",
        ),
        "inspector-23-75": (
            {"role": "inspector", "scope_kind": "region", "regions": "23,75"},
            lambda b: info[b]["region"] in ("23", "75"),
        ),
        "union": (
            # two grants (a grant's dimensions intersect; the account sees their union): the listed
            # member employers, and the whole construction sector
            {
                "role": "union",
                "scope_kind": "employers",
                "employer_bins": ",".join(union_bins),
                "grants": [{"sectors": "F"}],
            },
            lambda b: info[b]["sector"] == "F" or b in union_bins,
        ),
        "holding": (
            {"role": "holding", "scope_kind": "holding", "holding": "Самрук-Демо"},
            lambda b: info[b]["holding"] == "Самрук-Демо" or b in contractors,
        ),
        "employer": (
            {"role": "employer", "scope_kind": "own", "employer_bins": bins[9]},
            lambda b: b == bins[9],
        ),
        "expired": (
            {"role": "analyst", "scope_kind": "country", "expires_at": timezone.now() - dt.timedelta(days=1)},
            lambda b: False,
        ),
    }


ROLE_NAMES = ["ministry", "akimat-47", "inspector-23-75", "union", "holding", "employer"]


def make_account(username: str, **spec: Any) -> Any:
    """``make_user`` plus the account's further grants (``grants``: a list of Grant field dicts)."""
    from labormap.web.accounts.models import Grant

    grants = spec.pop("grants", [])
    user = make_user(username, **spec)
    for g in grants:
        Grant.objects.create(profile=user.profile, **g)
    return user


def _login(username: str) -> Client:
    c = Client()
    assert c.login(username=username, password="pw-" + username)
    return c


def _token(username: str) -> str:
    r = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": "pw-" + username},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    return str(r.json()["token"])


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_pages_exports_and_api_show_exactly_the_scope(world: dict[str, Any], role: str) -> None:
    spec, visible = _roles(world)[role]
    make_account(role, **dict(spec))
    expected = {b for b in world["bins"] if visible(b)}
    hidden = [b for b in world["bins"] if not visible(b)]
    assert expected, "each role must see something in the test world"
    c = _login(role)

    # list page: the count and every row
    r = c.get("/employers/", {"page": 1})
    assert r.status_code == 200
    html = r.content.decode()
    for b in hidden:
        assert b not in html
    assert r.context["page"].paginator.count == len(expected)

    # cards: in scope 200, out of scope 404 (exactly like a BIN that does not exist)
    assert c.get(f"/employers/{sorted(expected)[0]}/").status_code == 200
    for b in hidden[:5]:
        assert c.get(f"/employers/{b}/").status_code == 404

    # CSV export: exactly the scope
    r = c.get("/employers/export.csv")
    rows = list(csv.reader(io.StringIO(r.getvalue().decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == expected

    # XLSX export: exactly the scope
    import openpyxl

    r = c.get("/employers/export.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert {str(row[0]) for row in ws.iter_rows(min_row=2, values_only=True)} == expected

    # map: region totals add up to the scope
    r = c.get("/map/regions.json")
    assert sum(x["total"] for x in r.json()["regions"]) == len(expected)

    # alerts: only in scope
    r = c.get("/alerts/")
    for a in r.context["page"]:
        assert a.employer_id in expected

    # API
    api = Client(headers={"Authorization": f"Bearer {_token(role)}"})
    got: set[str] = set()
    page = 1
    while True:
        r = api.get("/api/v1/employers", {"page": page, "page_size": 7})
        assert r.status_code == 200
        data = r.json()
        got |= {i["bin"] for i in data["items"]}
        if page * 7 >= data["count"]:
            break
        page += 1
    assert got == expected
    assert api.get(f"/api/v1/employers/{sorted(expected)[0]}").status_code == 200
    for b in hidden[:5]:
        assert api.get(f"/api/v1/employers/{b}").status_code == 404
    assert sum(x["total"] for x in api.get("/api/v1/regions").json()) == len(expected)
    for a in api.get("/api/v1/alerts").json()["items"]:
        assert a["employer_bin"] in expected


def test_expired_account_cannot_log_in_or_get_a_token(world: dict[str, Any]) -> None:
    spec, _ = _roles(world)["expired"]
    make_user("expired", **spec)
    assert not Client().login(username="expired", password="pw-expired")
    r = Client().post(
        "/api/v1/auth/token",
        {"username": "expired", "password": "pw-expired"},
        content_type="application/json",
    )
    assert r.status_code == 401


def test_account_expiring_during_a_session_is_logged_out(world: dict[str, Any]) -> None:
    user = make_user("soon", role="analyst", scope_kind="country")
    c = _login("soon")
    assert c.get("/employers/").status_code == 200
    user.profile.expires_at = timezone.now() - dt.timedelta(seconds=1)
    user.profile.save()
    r = c.get("/employers/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_token_of_expired_account_stops_working(world: dict[str, Any]) -> None:
    user = make_user("tok", role="analyst", scope_kind="country")
    api = Client(headers={"Authorization": f"Bearer {_token('tok')}"})
    assert api.get("/api/v1/employers").status_code == 200
    user.profile.expires_at = timezone.now() - dt.timedelta(seconds=1)
    user.profile.save()
    assert api.get("/api/v1/employers").status_code == 401


def test_user_without_role_sees_nothing(world: dict[str, Any]) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("norole", "n@example.kz", "pw-norole")
    c = _login("norole")
    assert c.get("/employers/").context["page"].paginator.count == 0
    assert c.get(f"/employers/{world['bins'][0]}/").status_code == 404


def test_api_requires_a_token(world: dict[str, Any]) -> None:
    assert Client().get("/api/v1/employers").status_code == 401
    assert Client(headers={"Authorization": "Bearer nope"}).get("/api/v1/employers").status_code == 401


def test_pages_require_login(world: dict[str, Any]) -> None:
    for url in [
        "/",
        "/map/",
        "/employers/",
        f"/employers/{world['bins'][0]}/",
        "/employers/export.csv",
        "/alerts/",
    ]:
        r = Client().get(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), url
