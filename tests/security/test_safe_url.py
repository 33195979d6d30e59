"""Item 14: only http and https addresses are rendered as links."""

from __future__ import annotations

import pytest

from labormap.web.core.templatetags.lm import safe_url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/x",
        "/relative",
        "http:/no-host",
        "",
        None,
    ],
)
def test_other_schemes_are_not_links(url: str | None) -> None:
    assert safe_url(url) == ""


@pytest.mark.parametrize("url", ["https://tengrinews.kz/a?b=1", "http://example.kz/x", "HTTPS://A.KZ/"])
def test_http_and_https_stay(url: str) -> None:
    assert safe_url(url) == url


def test_card_and_api_do_not_link_javascript(world: dict, django_user_model: object) -> None:
    from django.test import Client

    from labormap.web.employers.models import Employer, MediaSignal
    from tests.web.conftest import make_user

    e = Employer.objects.order_by("bin").first()
    assert e is not None
    MediaSignal.objects.create(
        item_id="evil-1", employer=e, url="javascript:alert(document.cookie)", title="Статья", kind=""
    )
    MediaSignal.objects.create(item_id="ok-1", employer=e, url="https://example.kz/a", title="", kind="")
    c = Client()
    c.force_login(make_user("sec-min", role="ministry_admin", scope_kind="country"))
    html = c.get(f"/employers/{e.bin}/").content.decode()
    assert "javascript:" not in html
    assert 'href="https://example.kz/a"' in html
    token = c.post(
        "/api/v1/auth/token",
        {"username": "sec-min", "password": "pw-sec-min"},
        content_type="application/json",
    )
    data = c.get(f"/api/v1/employers/{e.bin}", HTTP_AUTHORIZATION=f"Bearer {token.json()['token']}").json()
    assert all(not m["url"].startswith("javascript") for m in data["media"])
