"""Browser flow on a phone (390×844): a union drafts a collective agreement, the employer and the union
accept it, the inspector registers it (into the registry through ingest) and it shows on the employer card;
the union proposes the employer and a sectoral commission hears it, its decision becoming a task."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require
from tests.web.conftest import make_user
from tests.web.test_browser import ARGS, CHROMIUM
from tests.web.unions.conftest import E1, E2

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}


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
    from labormap.web.accounts.models import Organisation
    from labormap.web.agreements.models import Agreement
    from labormap.web.employers.models import Employer

    settings.LABORMAP_WAREHOUSE = tmp_path / "wh"
    (tmp_path / "wh").mkdir()
    Employer.objects.create(bin=E1, name="ТОО Металл", region="47", sector="C", oked="24101", headcount=300,
                            level="high", score=0.8, union_present=True)  # fmt: skip
    Employer.objects.create(bin=E2, name="ТОО Литьё", region="47", sector="C", oked="24510", headcount=120)
    Agreement.objects.create(
        agreement_id="SA-C-2025", level="sectoral", oked_section="C", valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2030, 12, 31), min_tariff_kzt=150_000, inter_grade_coefficient=1.2,
        hazard_bonus_pct=15, indexation_clause=True, published_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    org = Organisation.objects.create(name="Профсоюз металлургов", kind="union")
    make_user("union", "union", "employers", employer_bins=f"{E1} {E2}", organisation=org)
    make_user("boss", "employer", "own", employer_bins=E1)
    make_user("insp", "inspector", "region", regions="47")
    return {"url": live_server.url}


def _login(browser: Any, url: str, who: str) -> Any:
    ctx = browser.new_context(viewport=PHONE, locale="ru-RU", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", who)
    page.fill("input[name=password]", f"pw-{who}")
    page.click("#login-submit")
    page.wait_for_url(f"{url}/")
    return page


def _fits(page: Any) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_agreement_and_commission_flow_on_a_phone(browser: Any, site: dict[str, Any]) -> None:
    url = site["url"]
    union = _login(browser, url, "union")
    union.goto(f"{url}/unions/agreements/")
    union.select_option("#draft-form select[name=employer]", E1)
    union.click("#draft-form button[type=submit]")
    union.wait_for_selector("#ca-state")
    assert union.get_attribute("#ca-state", "data-state") == "draft"
    assert "Оплата труда" in union.content()
    assert _fits(union), "the agreement page is wider than the phone screen"
    agreement_url = union.url
    union.click("#accept-form button[type=submit]")
    assert union.get_attribute("#ca-state", "data-state") == "negotiation"

    boss = _login(browser, url, "boss")
    boss.goto(agreement_url)
    boss.click("#accept-form button[type=submit]")
    assert boss.get_attribute("#ca-state", "data-state") == "signed"

    insp = _login(browser, url, "insp")
    insp.goto(agreement_url)
    insp.click("#register-form button[type=submit]")
    assert insp.get_attribute("#ca-state", "data-state") == "registered"

    boss.goto(f"{url}/employers/{E1}/")
    assert boss.locator("#cagreements-panel tr.cagreement[data-state=registered]").count() == 1

    union.goto(f"{url}/unions/")
    assert _fits(union), "the union home is wider than the phone screen"
    union.select_option("#proposal-form select[name=employer]", E1)
    union.select_option("#proposal-form select[name=level]", "sectoral")
    union.click("#proposal-form button[type=submit]")
    analyst_scope = _login(browser, url, "insp")
    analyst_scope.goto(f"{url}/unions/commissions/?level=sectoral")
    analyst_scope.click("#plan-form button[type=submit]")
    analyst_scope.wait_for_selector("#decision-form")
    assert _fits(analyst_scope), "the sitting page is wider than the phone screen"
    analyst_scope.fill("#decision-form textarea[name=text]", "Провести проверку оплаты труда")
    analyst_scope.click("#decision-form button[type=submit]")
    assert analyst_scope.locator("tr.decision").count() == 1
    assert "Провести проверку оплаты труда" in analyst_scope.content()
