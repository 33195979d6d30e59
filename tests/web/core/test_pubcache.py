"""Counts and map figures cached per publish never cross scopes, and a publish or a new grant refreshes them."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from labormap.web.accounts.models import Profile
from labormap.web.core import pubcache
from tests.web.apiclient import api_client
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _login(username: str) -> Client:
    c = Client()
    assert c.login(username=username, password="pw-" + username)
    return c


def _regions(world: dict[str, Any]) -> Counter[str]:
    return Counter(world["info"][b]["region"] for b in world["bins"])


def _counted(c: Client) -> int:
    """The count the list page shows (its table fragment, as htmx asks for it)."""
    r = c.get("/employers/", HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    return int(r.context["page"].paginator.count)


def test_one_scope_never_reads_another_scopes_cached_count(world: dict[str, Any]) -> None:
    (a, na), (b, n_b) = _regions(world).most_common(2)
    nb = na + n_b  # rb sees both regions: a count that differs from ra's
    make_user("ra", "analyst", "region", regions=a)
    make_user("rb", "analyst", "region", regions=f"{a},{b}")
    make_user("all", "analyst", "country")
    ca, cb, call = _login("ra"), _login("rb"), _login("all")
    assert _counted(ca) == na  # fills the cache for region a
    assert _counted(cb) == nb  # a different scope: its own entry, not a's
    assert _counted(call) == len(world["bins"])
    assert _counted(ca) == na  # and a's entry is still a's
    # the API shares the cache the same way
    assert api_client("rb").get("/api/v1/employers").json()["count"] == nb
    assert api_client("ra").get("/api/v1/employers").json()["count"] == na
    # the map, cached per scope as well
    for user, want in (("ra", {a: na}), ("rb", {a: na, b: n_b})):
        regions = _login(user).get("/map/regions.json").json()["regions"]
        assert {r["kato"]: r["total"] for r in regions if r["total"]} == want


def test_a_changed_grant_is_counted_afresh(world: dict[str, Any]) -> None:
    (a, na), (b, nb) = _regions(world).most_common(2)
    user = make_user("moves", "analyst", "region", regions=a)
    c = _login("moves")
    assert _counted(c) == na
    # same user, same publish, a wider scope: counted afresh, not the cached count of region a
    Profile.objects.filter(user=user).update(regions=f"{a},{b}")
    assert _counted(_login("moves")) == na + nb


def test_the_count_is_asked_once_per_publish(world: dict[str, Any]) -> None:
    make_user("once", "analyst", "country")
    c = _login("once")

    def employer_counts() -> int:
        with CaptureQueriesContext(connection) as q:
            assert c.get("/employers/", {"page": 2}).status_code == 200
        return sum("COUNT(" in x["sql"] and "employers_employer" in x["sql"] for x in q.captured_queries)

    assert employer_counts() == 1
    assert employer_counts() == 0  # the cached count
    from labormap.web.employers.publish import publish

    before = pubcache.publish_key()
    publish(world["warehouse"])
    assert pubcache.publish_key() != before
    assert employer_counts() == 1  # a new publish: counted again


def test_remember_keys_by_publish_and_parts(world: dict[str, Any]) -> None:
    calls: list[str] = []

    def compute(v: str) -> Any:
        calls.append(v)
        return v

    assert pubcache.remember("t", ("x",), lambda: compute("x1")) == "x1"
    assert pubcache.remember("t", ("x",), lambda: compute("x2")) == "x1"
    assert pubcache.remember("t", ("y",), lambda: compute("y1")) == "y1"
    assert calls == ["x1", "y1"]


def test_pages_work_when_the_shared_cache_is_down(world: dict[str, Any], settings: Any) -> None:
    # nothing listens on port 1: every cache call fails at once (connection refused)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from django.core.cache import cache

    with pytest.raises(Exception):  # noqa: B017, PT011  (the backend really is down)
        cache.get("probe")
    make_user("nocache", "analyst", "country")
    c = _login("nocache")
    assert _counted(c) == len(world["bins"])
    regions = c.get("/map/regions.json").json()["regions"]
    assert sum(r["total"] for r in regions) == len(world["bins"])
    assert api_client("nocache").get("/api/v1/employers").json()["count"] == len(world["bins"])
