"""Browser walk: every page reachable from the navigation, as each demo role, in Russian, Kazakh and English.

A page fails when its visible text shows a raw code (``below_tariff``, ``view_card``, ``other_labour``, a
level or size code such as ``small`` in a Russian or Kazakh page…) or, in the Kazakh and English
interface, a Russian-only string (a label whose Russian form differs from the page's language). One
Chromium, one login per role (the language is switched by Django's language cookie), so the walk stays
within a couple of minutes. Setup as in ``tests/web/test_browser.py`` (Playwright, Debian's Chromium).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from labormap import i18n
from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
PASSWORD = "demo-pass-1"
SRC = Path(__file__).resolve().parents[2] / "src" / "labormap"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# --- what must not be seen -----------------------------------------------------------------------------
def _label_domains() -> dict[str, list[str]]:
    from labormap import levels
    from labormap.media.kinds import KINDS
    from labormap.reference import (
        CAUSES,
        CONFLICT_KINDS,
        OKED_SECTIONS,
        OUTCOMES,
        PARTICIPANT_GROUPS,
        REGIONS,
    )
    from labormap.response.bodies import BODIES
    from labormap.response.measures import MEASURE_KINDS
    from labormap.risk.reasons import REASONS
    from labormap.web.accounts import audit_text
    from labormap.web.employers.models import SIZES

    return {
        "level": list(levels.CODES),
        "size_class": list(SIZES),
        "reason": [r.code for r in REASONS],
        "media_kind": list(KINDS),
        "measure_kind": list(MEASURE_KINDS),
        "body": list(BODIES),
        "body_short": list(BODIES),
        "conflict_kind": list(CONFLICT_KINDS),
        "conflict_cause": list(CAUSES),
        "participant_group": list(PARTICIPANT_GROUPS),
        "outcome": list(OUTCOMES),
        "region": list(REGIONS),
        "oked_section": list(OKED_SECTIONS),
        "audit_action": list(audit_text.ACTIONS),
    }


# single words a user must never read as a label, whatever the language (the issue's examples)
ALWAYS_RAW = {"below_tariff", "view_card", "other_labour", "not_labour", "contractor_staff", "own_staff"}
# statuses and similar codes shown by the web app (besides the label domains)
WEB_CODES = {
    "active",
    "open",
    "closed",
    "done",
    "planned",
    "held",
    "pending",
    "approved",
    "rejected",
    "model",
}


def _codes() -> tuple[set[str], set[str]]:
    """(codes with an underscore: raw in any language; one-word codes: raw in ru/kk pages)."""
    snake, words = set(ALWAYS_RAW), set(WEB_CODES)
    for domain, codes in _label_domains().items():
        if domain in ("region", "oked_section"):
            continue  # digits and letters: not recognisable as raw words
        for c in codes:
            (snake if "_" in c else words).add(c)
    return snake, words


def _russian_only() -> set[str]:
    """Russian labels that differ from their Kazakh and English ones: seen on a kk/en page = wrong language."""
    out = set()
    for domain, codes in _label_domains().items():
        for c in codes:
            ru, kk, en = (i18n.label(domain, c, lang) for lang in i18n.LANGS)
            if len(ru) >= 8 and ru not in (kk, en) and ru not in kk:
                out.add(ru)
    # the interface's own Russian strings (navigation, headings, buttons) from the web catalogue
    from babel.messages.pofile import read_po

    for po in (SRC / "web").rglob("ru/LC_MESSAGES/django.po"):
        kk_po = po.parent.parent.parent / "kk" / "LC_MESSAGES" / "django.po"
        if not kk_po.exists():
            continue
        with po.open("rb") as f, kk_po.open("rb") as g:
            ru_cat, kk_cat = read_po(f), read_po(g)
        for m in ru_cat:
            if not m.id or not isinstance(m.string, str) or len(m.string) < 8 or "%" in m.string:
                continue
            k = kk_cat.get(m.id, m.context)
            translated = k is not None and isinstance(k.string, str) and bool(k.string)
            if translated and k is not None and m.string not in str(k.string):
                out.add(m.string)
    return out


def _around(text: str, token: str) -> str:
    m = re.search(rf"(?<![\w.@/-]){re.escape(token)}(?![\w/-])", text)
    return "" if m is None else f" in …{text[max(0, m.start() - 40) : m.end() + 40]!r}"


def _english_ui() -> set[str]:
    """English interface strings (msgids the Russian catalogues translate): seen on a ru/kk page = untranslated."""
    from babel.messages.pofile import read_po

    out: set[str] = set()
    for po in (SRC / "web").rglob("ru/LC_MESSAGES/django.po"):
        with po.open("rb") as f:
            for m in read_po(f):
                mid, text = m.id, m.string
                if not isinstance(mid, str) or not isinstance(text, str) or not text or text == mid:
                    continue
                if len(mid) >= 12 and " " in mid and "%" not in mid and "{" not in mid:
                    out.add(mid)
    return out


def problems(text: str, lang: str, snake: set[str], words: set[str], russian: set[str]) -> list[str]:
    text = re.sub(r"https?://\S+", " ", text)
    found = []
    for tok in set(re.findall(r"(?<![\w.@/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])", text)):
        if tok in snake:
            found.append(f"raw code {tok!r}{_around(text, tok)}")
    if "below tariff" in text:
        found.append("humanised code 'below tariff'")
    # one-word codes are English words too: looked for in ru/kk pages only (the code paths that print
    # them are the same in every language, so a raw code shows there as well)
    if lang in ("ru", "kk"):
        for tok in set(re.findall(r"(?<![\w.@/-])[a-z]{3,}(?![\w/-])", text)):
            if tok in words:
                found.append(f"raw code {tok!r}{_around(text, tok)}")
    if lang in ("ru", "kk"):
        found += [f"untranslated {e!r}{_around(text, e)}" for e in ENGLISH_UI if e in text]
    if lang != "ru":
        for s in russian:
            at = text.find(s)
            if at >= 0:
                found.append(f"Russian-only {s!r} in …{text[max(0, at - 30) : at + len(s) + 30]!r}")
    return found


# --- the site ------------------------------------------------------------------------------------------
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
def site(transactional_db: Any, world_dir: dict[str, Any], live_server: Any) -> dict[str, Any]:
    from django.core.cache import cache

    from labormap.web.accounts.demo import create_demo_accounts
    from labormap.web.employers.models import Employer
    from labormap.web.employers.publish import publish

    cache.clear()
    publish(world_dir["warehouse"])
    accounts = create_demo_accounts(PASSWORD)
    # something in the case pages: one case with its tasks and a measure, in region 47
    from django.contrib.auth import get_user_model

    from labormap.web.cases import services

    e = Employer.objects.filter(region="47").order_by("-score").first()
    if e is not None:
        user = get_user_model().objects.get(username="akimat-47")
        case = services.open_case(
            employer=e,
            kind="strike",
            causes=["wage_arrears", "layoffs"],
            user=user,
            participant_group="contractor_staff",
            participants=120,
            started_on=dt.date(2025, 12, 1),
        )
        services.add_measure(
            employer=e,
            case=case,
            kind="inspection",
            body="labour_inspection",
            taken_on=dt.date(2025, 12, 2),
            user=user,
        )
    return {"url": live_server.url, "accounts": accounts, **world_dir}


def _login(browser: Any, url: str, username: str) -> tuple[Any, Any]:
    ctx = browser.new_context(locale="ru-RU")
    page = ctx.new_page()
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{url}/")
    return ctx, page


ENGLISH_UI: set[str] = set()  # filled by the walk (needs the catalogues read once)
NAV = "nav a[href], header a[href], .tabs a[href]"  # the main navigation and the apps' tab bars


def _links(page: Any, url: str, selector: str = NAV) -> list[str]:
    """Same-site pages of the navigation and of the page itself that only read (no logout, no downloads)."""
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.href)")
    out = []
    for h in hrefs:
        parts = urlsplit(h)
        if not h.startswith(url) or any(
            x in parts.path for x in ("logout", "export", ".csv", ".xlsx", ".docx", "/api/")
        ):
            continue
        # one visit per page: the same page filtered (?kind=…, ?page=2) shows the same labels
        if parts.path not in out:
            out.append(parts.path)
    return out


def _first(page: Any, selector: str) -> str | None:
    el = page.query_selector(selector)
    return el.get_attribute("href") if el else None


def _discover(page: Any, url: str) -> list[str]:
    """The navigation's pages, the tab bars they show (cases → tasks, measures, hearings, playbook,
    reports; account pages) one level deep, and the first detail page of each list."""
    pages = _links(page, url)
    for path in list(pages):
        r = page.goto(url + path)
        if r is not None and r.status == 200:
            pages += [x for x in _links(page, url, ".tabs a[href], main nav a[href]") if x not in pages]
    listings = [("/employers/", "table a[href*='/employers/']"), ("/cases/", "table a[href*='/cases/']")]
    listings += [(p, "table a[href*='/hearings/']") for p in pages if p.rstrip("/").endswith("hearings")]
    for listing, sel in listings:
        r = page.goto(url + listing)
        if r is not None and r.status == 200:
            href = _first(page, sel)
            if href and href not in pages:
                pages.append(href)
    return [*pages, *(x for x in ("/accounts/me/",) if x not in pages)]


def test_every_page_as_every_role_in_three_languages(browser: Any, site: dict[str, Any]) -> None:
    url = site["url"]
    snake, words = _codes()
    russian = _russian_only()
    ENGLISH_UI.update(_english_ui())
    failures: list[str] = []
    walked: dict[str, list[str]] = {}
    visited = 0
    from labormap.web.accounts.models import Organisation
    from labormap.web.employers.models import Employer, MediaSignal

    data_names = sorted(
        {
            *Employer.objects.values_list("name", flat=True),
            *Organisation.objects.values_list("name", flat=True),
            *MediaSignal.objects.values_list("title", flat=True),
        },
        key=len,
        reverse=True,
    )
    for account in site["accounts"]:
        username = account["username"]
        ctx, page = _login(browser, url, username)
        try:
            pages = _discover(page, url)
            walked.setdefault(username, pages)
            for lang in i18n.LANGS:
                ctx.add_cookies([{"name": "django_language", "value": lang, "url": url}])
                for path in pages:
                    resp = page.goto(url + path if path.startswith("/") else path)
                    visited += 1
                    status = resp.status if resp is not None else 0
                    if status >= 500 and status != 503:  # 503: a source this test world lacks
                        failures.append(f"{username} {lang} {path}: HTTP {status}")
                        continue
                    if status != 200:
                        continue  # 403/404 for a role is the scope's business, tested elsewhere
                    assert page.evaluate("document.documentElement.lang") == lang, (username, lang, path)
                    text = page.inner_text("body").replace(username, " ")
                    for name in (
                        data_names
                    ):  # registry data (employer, organisation names, media titles) is not the UI
                        text = text.replace(name, " ")
                    failures += [
                        f"{username} {lang} {path}: {p}" for p in problems(text, lang, snake, words, russian)
                    ]
        finally:
            ctx.close()
    assert visited > 50
    if os.environ.get("LABORMAP_BROWSER_REPORT"):  # the whole list, for fixing many pages at once
        walk = [f"{u}: {' '.join(ps)}" for u, ps in walked.items()]
        Path(os.environ["LABORMAP_BROWSER_REPORT"]).write_text(
            "\n".join([*walk, *sorted(set(failures))]), encoding="utf-8"
        )
    # the pages the issue names were reached (as the ministry's administrator, who sees them all)
    seen = " ".join(walked.get("ministry", []))
    for must in ("/employers/", "/map/", "/alerts/", "/cases/", "/cases/tasks/", "/accounts/me/"):
        assert must in seen, must
    assert failures == [], "\n".join(sorted(set(failures))[:80])


def test_the_checker_catches_what_the_issue_saw() -> None:
    snake, words = _codes()
    russian = {"Мангистауская область"}
    assert problems("Причина: below_tariff", "ru", snake, words, russian)
    assert problems("Действие view_card", "ru", snake, words, russian)
    assert problems("Размер: small", "kk", snake, words, russian)
    assert problems("Region: Мангистауская область", "en", snake, words, russian)
    assert not problems("Өңір: Маңғыстау облысы", "kk", snake, words, russian)
    assert not problems("Employers scored: 1,234", "en", snake, words, russian)
