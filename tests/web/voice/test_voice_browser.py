"""Browser test on a phone (390×844): a worker opens a poster's link, answers; the employer's index appears
only once ten have answered; an anonymous appeal is routed, answered and seen with its receipt code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require
from tests.features.tiny import bin_of
from tests.voice import handmade as hm
from tests.web.conftest import make_user
from tests.web.test_browser import ARGS, CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}
E1 = bin_of(1)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(os.path.exists(CHROMIUM), "Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(transactional_db: Any, live_server: Any, tmp_path: Path, settings: Any) -> dict[str, Any]:
    from django.core.cache import cache

    from labormap.web.employers.publish import publish

    cache.clear()
    wh = hm.build(tmp_path / "wh")
    settings.LABORMAP_WAREHOUSE = wh.root
    publish(wh)
    make_user("ministry", role="ministry_admin", scope_kind="country")
    return {"url": live_server.url}


def _staff(browser: Any, url: str) -> Any:
    ctx = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", "ministry")
    page.fill("input[name=password]", "pw-ministry")
    page.click("#login-submit")
    page.wait_for_url(f"{url}/")
    return page


def _employer_index(page: Any, url: str) -> str:
    page.goto(f"{url}/voice/employer/{E1}/")
    return str(page.locator(".voice-trend tbody tr").last.inner_text())


def test_poster_survey_and_appeal_on_a_phone(browser: Any, site: dict[str, Any]) -> None:
    url = site["url"]
    staff = _staff(browser, url)
    # staff makes the poster links for employer 1 (9 respondents so far): "not enough answers"
    staff.goto(f"{url}/voice/employer/{E1}/")
    staff.fill("input[name=wave]", hm.WAVE)
    staff.fill("input[name=size]", "0")
    staff.click("#create-batch")
    assert "недостаточно ответов" in _employer_index(staff, url)
    poster = staff.locator("a.poster-link").first.get_attribute("href")
    assert poster and poster.startswith("/voice/p/")
    with staff.expect_download() as dl:
        staff.locator("a[href$='poster.pdf']").first.click()
    assert dl.value.suggested_filename.endswith(".pdf")

    # a worker scans the poster on a phone with JavaScript off, answers all eight questions
    worker_ctx = browser.new_context(
        viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True, java_script_enabled=False
    )
    worker = worker_ctx.new_page()
    worker.goto(f"{url}{poster}")
    worker.click("#start-survey")
    assert "/voice/s/" in worker.url
    assert worker.locator("fieldset").count() == 8
    width = worker.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # no sideways scrolling on the phone
    for i in range(8):
        worker.locator("fieldset").nth(i).locator("input[type=radio]").nth(1).check()
    worker.click("#submit-survey")
    assert "анонимно" in worker.inner_text("#voice-message")
    # the same link cannot answer twice
    worker.go_back()
    worker.reload()
    assert "уже ответили" in worker.content()

    # the tenth respondent: the index appears
    assert "25,0" in _employer_index(staff, url)

    # an anonymous appeal from the same poster
    worker.goto(f"{url}{poster}")
    worker.click("#open-appeal")
    worker.fill("textarea[name=text]", "Не платят зарплату на нашем заводе три месяца, мастер молчит")
    worker.click("#submit-appeal")
    code = worker.inner_text("#receipt-code")
    assert "инспекц" in worker.inner_text("#appeal-body").lower()

    # the inspection answers from the inbox; the worker sees the answer with the code
    staff.goto(f"{url}/voice/appeals/")
    staff.locator("#appeals tbody tr a").first.click()
    staff.fill("textarea[name=answer]", "Проверка назначена на 2 декабря.")
    staff.click("#send-answer")
    worker.goto(f"{url}/voice/a/?code={code}")
    assert "Проверка назначена" in worker.inner_text("#appeal-answer")
    worker_ctx.close()
