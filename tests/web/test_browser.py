"""Browser tests: Playwright driving Debian's Chromium against a live server (log in, map, filter, card, export)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from tests.conftest import require
from tests.web.conftest import make_user

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(os.path.exists(CHROMIUM), "Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests make
    # between browser steps are ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(transactional_db: Any, world_dir: dict[str, Any], live_server: Any) -> dict[str, Any]:
    from django.core.cache import cache

    from labormap.web.employers.publish import publish

    cache.clear()
    publish(world_dir["warehouse"])
    make_user("ministry", role="ministry_admin", scope_kind="country")
    make_user("akimat-47", role="akimat", scope_kind="region", regions="47")
    return {"url": live_server.url, **world_dir}


def _login(browser: Any, url: str, username: str) -> tuple[Any, list[str]]:
    ctx = browser.new_context(accept_downloads=True, locale="ru-RU")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-" + username)
    page.click("#login-submit")
    page.wait_for_url(f"{url}/")
    return page, errors


def test_login_map_filter_card_export(browser: Any, site: dict[str, Any]) -> None:
    url, bins, info = site["url"], site["bins"], site["info"]
    page, errors = _login(browser, url, "ministry")
    assert "Сводка" in page.content()  # Russian by default

    # the map shows the 20 regions (tile-grid cartogram: no boundaries configured)
    page.goto(f"{url}/map/")
    assert page.locator("#cartogram .lm-region").count() == 20
    # drill down into Mangystau: points drawn by Leaflet
    page.click('#cartogram .lm-region[data-region="47"]')
    page.wait_for_selector("path.lm-point")
    from labormap.web.employers.models import Employer

    # the level filter's default ("high") is what is drawn (issue 11)
    high47 = Employer.objects.filter(region="47", level="high", lat__isnull=False).count()
    assert page.locator("path.lm-point").count() == high47

    # the list, filtered by region through HTMX (no full reload)
    page.goto(f"{url}/employers/")
    page.select_option("select[name=region]", "23")
    page.wait_for_function("() => location.search.includes('region=23')")
    page.wait_for_load_state("networkidle")
    names = page.locator("table.employers tbody tr td:first-child a")
    expected = sum(1 for b in bins if info[b]["region"] == "23")
    assert names.count() == expected
    # open a card
    names.first.click()
    page.wait_for_selector("h1")
    assert page.locator("#history-chart").is_visible()
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length > 0")

    # export what the filter shows
    page.goto(f"{url}/employers/?region=23")
    with page.expect_download() as dl:
        page.click("text=CSV")
    text = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert {r[0] for r in rows[1:]} == {b for b in bins if info[b]["region"] == "23"}

    # switch to Kazakh
    page.click("button[name=language][value=kk]")
    page.wait_for_load_state("networkidle")
    assert "Жұмыс берушілер" in page.content()
    assert errors == [], errors  # no script errors, no CSP violations
    page.context.close()


def test_regional_account_sees_only_its_region(browser: Any, site: dict[str, Any]) -> None:
    url, bins, info = site["url"], site["bins"], site["info"]
    page, _errors = _login(browser, url, "akimat-47")
    page.goto(f"{url}/employers/")
    shown = page.locator("table.employers td.mono").all_inner_texts()
    assert set(shown) == {b for b in bins if info[b]["region"] == "47"}
    outside = next(b for b in bins if info[b]["region"] != "47")
    resp = page.goto(f"{url}/employers/{outside}/")
    assert resp is not None and resp.status == 404
    page.context.close()


def test_choropleth_with_boundaries_file(browser: Any, site: dict[str, Any], tmp_path: Path) -> None:
    from tests.web.boundaries import boundaries_file

    with override_settings(LABORMAP_GEOJSON=boundaries_file(tmp_path)):
        page, errors = _login(browser, site["url"], "ministry")
        page.goto(f"{site['url']}/map/")
        page.wait_for_selector("path.lm-region")
        assert page.locator("path.lm-region").count() == 20
        assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
        assert errors == [], errors
        page.context.close()
