"""The alerts page filters by region, kind, status and date; its default form works; the dashboard shows
open alerts by age, the closure rate and the median time to verification."""

from __future__ import annotations

from typing import Any

import pytest

from labormap.web.alerts.forms import AlertFilterForm
from labormap.web.alerts.lifecycle import act
from labormap.web.alerts.models import Alert
from tests.web.alerts._helpers import login

pytestmark = pytest.mark.django_db


def _ids(body: str) -> set[int]:
    import re

    return {int(m) for m in re.findall(r'href="/alerts/(\d+)/"', body)}


def test_filters_by_region_kind_and_date(world: dict[str, Any]) -> None:
    c, _user = login("an", "analyst", "country")
    all_ids = _ids(c.get("/alerts/?").content.decode())
    assert all_ids
    region = Alert.objects.values_list("employer__region", flat=True).first()
    got = _ids(c.get(f"/alerts/?region={region}").content.decode())
    assert got and got == set(Alert.objects.filter(employer__region=region).values_list("pk", flat=True)[:50])
    kind = Alert.objects.values_list("kind", flat=True).first()
    got = _ids(c.get(f"/alerts/?kind={kind}").content.decode())
    assert got and all(Alert.objects.get(pk=p).kind == kind for p in got)
    d = Alert.objects.order_by("as_of").values_list("as_of", flat=True).last()
    assert d is not None
    got = _ids(c.get(f"/alerts/?date_from={d.isoformat()}&date_to={d.isoformat()}").content.decode())
    assert got and all(Alert.objects.get(pk=p).as_of == d for p in got)
    assert _ids(c.get("/alerts/?status=closed").content.decode()) == set()


def test_filter_form_defaults_are_valid() -> None:
    form = AlertFilterForm({})
    assert form.is_valid(), form.errors


def test_dashboard_shows_age_closure_and_median(world: dict[str, Any]) -> None:
    c, user = login("an", "analyst", "country")
    a = Alert.objects.first()
    assert a is not None
    steps: tuple[tuple[str, dict[str, Any]], ...] = (
        ("acknowledge", {}),
        ("verify", {"outcome": "in_hand"}),
        ("close", {}),
    )
    for step, kw in steps:
        act(a, step, user, **kw)
    total = Alert.objects.count()
    body = c.get("/").content.decode()
    assert 'id="alert-stats"' in body
    assert f"1 / {total}" in body
    assert "0–2 дня" in body and "d0_2" not in body
