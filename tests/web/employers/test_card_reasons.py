"""Issue 17 item 4: a snapshot scored with reasons only above "low" leaves a low employer's ``reasons``
empty; its card offers to compute them and then shows what the engine's ``explain_employer`` gives."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from labormap.risk import scoring
from labormap.web.employers.models import Employer
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

REASON = {
    "code": "arrears",
    "contribution": 1.5,
    "value": 2.0,
    "text_ru": "Задолженность по зарплате (по запросу)",
    "text_kk": "Жалақы берешегі (сұраныс бойынша)",
    "text_en": "Wage arrears (on request)",
}


@pytest.fixture
def ministry(world: dict[str, Any]) -> Client:
    c = Client()
    c.force_login(make_user("reasons-min", role="ministry_admin", scope_kind="country"))
    return c


def test_low_employer_without_reasons_offers_them_on_request(
    world: dict[str, Any], ministry: Client, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.LABORMAP_WAREHOUSE = str(world["warehouse"])
    e = Employer.objects.filter(level="low").exclude(score__isnull=True).order_by("bin").first()
    assert e is not None
    Employer.objects.filter(pk=e.pk).update(reasons=[])
    calls: list[tuple[Any, ...]] = []

    def fake(wh: Any, bin: str, as_of: Any = None) -> list[dict[str, Any]]:
        calls.append((wh, bin, as_of))
        return [REASON]

    monkeypatch.setattr(scoring, "explain_employer", fake)
    html = ministry.get(f"/employers/{e.bin}/").content.decode()  # the user's language: ru
    assert 'href="?reasons=1"' in html and "Показать причины" in html
    assert not calls  # nothing computed until asked
    html = ministry.get(f"/employers/{e.bin}/?reasons=1").content.decode()
    assert calls and calls[0][1] == e.bin and calls[0][2] == e.scored_on
    assert "Задолженность по зарплате (по запросу)" in html and "Показать причины" not in html


def test_published_reasons_are_shown_without_computing(
    world: dict[str, Any], ministry: Client, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.LABORMAP_WAREHOUSE = str(world["warehouse"])
    e = Employer.objects.exclude(level="low").exclude(level="").order_by("bin").first()
    assert e is not None
    Employer.objects.filter(pk=e.pk).update(reasons=[REASON])
    monkeypatch.setattr(scoring, "explain_employer", lambda *a, **k: pytest.fail("computed"))
    html = ministry.get(f"/employers/{e.bin}/?reasons=1").content.decode()
    assert "Задолженность по зарплате (по запросу)" in html and 'href="?reasons=1"' not in html


def test_api_detail_gives_low_reasons_on_request(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.LABORMAP_WAREHOUSE = str(world["warehouse"])
    make_user("reasons-api", role="analyst", scope_kind="country")
    token = (
        Client()
        .post(
            "/api/v1/auth/token",
            {"username": "reasons-api", "password": "pw-reasons-api"},
            content_type="application/json",
        )
        .json()["token"]
    )
    api = Client(headers={"Authorization": f"Bearer {token}"})
    e = Employer.objects.filter(level="low").exclude(score__isnull=True).order_by("bin").first()
    assert e is not None
    Employer.objects.filter(pk=e.pk).update(reasons=[])
    monkeypatch.setattr(scoring, "explain_employer", lambda wh, b, as_of=None: [REASON])
    d = api.get(f"/api/v1/employers/{e.bin}").json()
    assert d["reasons"] == [] and d["reasons_on_request"] is True
    d = api.get(f"/api/v1/employers/{e.bin}?reasons=true").json()
    assert d["reasons"] == [REASON] and d["reasons_on_request"] is False
