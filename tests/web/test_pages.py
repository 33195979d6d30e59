"""Pages render with the published data; access requests, audit, throttling, security headers, languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from labormap.web.accounts.models import AccessRequest, AuditEvent
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(world: dict[str, Any]) -> Client:
    make_user("min", role="ministry_admin", scope_kind="country")
    c = Client()
    assert c.login(username="min", password="pw-min")
    return c


def test_dashboard_counts_by_level_and_moves(world: dict[str, Any], ministry: Client) -> None:
    r = ministry.get("/")
    assert r.status_code == 200
    last = world["scores"][world["dates"][-1]]
    from tests.web.world import level_of

    assert r.context["by_level"]["high"] == sum(1 for s in last.values() if level_of(s) == "high")
    assert r.context["by_level"]["total"] == len(world["bins"])
    assert world["bins"][3] in {e.bin for e in r.context["new_high"]}
    assert r.context["snap"].as_of == world["dates"][-1]
    html = r.content.decode()
    assert "test-1" in html
    # the last backtest's headline metrics, model next to the expert scorecard (curves are not kept)
    assert (
        r.context["snap"].backtest["model"]["pr_auc"] == 0.337
        and "curves" not in r.context["snap"].backtest["model"]
    )
    assert "0,337" in html and "0,214" in html


def test_map_cartogram_has_20_regions(world: dict[str, Any], ministry: Client) -> None:
    r = ministry.get("/map/")
    html = r.content.decode()
    assert r.status_code == 200 and 'id="cartogram"' in html
    assert html.count('class="lm-region"') == 20
    assert "OpenStreetMap" not in html  # no OSM shapes drawn, so no OSM credit


def test_map_choropleth_when_boundaries_are_configured(
    world: dict[str, Any], ministry: Client, tmp_path: Path
) -> None:
    from tests.web.boundaries import boundaries_file

    geo = boundaries_file(tmp_path)
    with override_settings(LABORMAP_GEOJSON=geo):
        r = ministry.get("/map/")
        assert 'id="country-map"' in r.content.decode() and "OpenStreetMap" in r.content.decode()
        g = ministry.get("/map/boundaries.geojson")
        assert g.status_code == 200
        import json

        data = json.loads(g.content)
        assert len(data["features"]) == 20 and {"kato", "name_ru"} <= set(data["features"][0]["properties"])
    assert ministry.get("/map/boundaries.geojson").status_code == 404


def test_map_filters_and_drill_down(world: dict[str, Any], ministry: Client) -> None:
    bins, info = world["bins"], world["info"]
    r = ministry.get("/map/regions.json", {"sector": "B"}).json()["regions"]
    assert sum(x["total"] for x in r) == sum(1 for b in bins if info[b]["sector"] == "B")
    pts = ministry.get("/map/region/47/points.json", {"level": "all"}).json()
    assert pts["mode"] == "points"
    assert {p["bin"] for p in pts["points"]} == {b for b in bins if info[b]["region"] == "47"}
    assert ministry.get("/map/region/99/points.json").status_code == 404
    page = ministry.get("/map/", {"region": "47"})
    assert 'id="region-map"' in page.content.decode()


def test_regional_account_lands_on_its_region(world: dict[str, Any]) -> None:
    make_user("ak", role="akimat", scope_kind="region", regions="47")
    c = Client()
    c.login(username="ak", password="pw-ak")
    assert 'data-region="47"' in c.get("/map/").content.decode()


def test_employer_list_filter_sort_search_paging(world: dict[str, Any], ministry: Client) -> None:
    bins, info = world["bins"], world["info"]
    r = ministry.get("/employers/", {"region": "23", "sector": "F"})
    expected = {b for b in bins if info[b]["region"] == "23" and info[b]["sector"] == "F"}
    assert {e.bin for e in r.context["page"]} == expected
    r = ministry.get("/employers/", {"sort": "-score"})
    scores = [e.score for e in r.context["page"]]
    assert scores == sorted(scores, reverse=True)
    r = ministry.get("/employers/", {"q": "предприятие 012"})
    assert [e.bin for e in r.context["page"]] == [bins[12]]
    r = ministry.get("/employers/", {"q": bins[7]})
    assert [e.bin for e in r.context["page"]] == [bins[7]]
    r = ministry.get("/employers/", {"page": 2})
    assert len(r.context["page"]) == len(bins) - 50
    r = ministry.get("/employers/", {"reason": "wage_arrears"})
    assert all(any(x["code"] == "wage_arrears" for x in e.reasons) for e in r.context["page"])
    assert r.context["page"].paginator.count > 0
    # HTMX requests get only the table
    r = ministry.get("/employers/", {"level": "high"}, headers={"HX-Request": "true"})
    assert "<html" not in r.content.decode() and "employers" in r.content.decode()


def test_export_honours_filters(world: dict[str, Any], ministry: Client) -> None:
    import csv
    import io

    r = ministry.get("/employers/export.csv", {"level": "high", "region": "47"})
    rows = list(csv.reader(io.StringIO(r.getvalue().decode("utf-8-sig"))))
    from labormap.web.employers.models import Employer

    assert {x[0] for x in rows[1:]} == set(
        Employer.objects.filter(level="high", region="47").values_list("bin", flat=True)
    )
    assert AuditEvent.objects.filter(action="export", username="min").exists()


def test_card_shows_reasons_figures_history_media_and_chain(world: dict[str, Any], ministry: Client) -> None:
    bins = world["bins"]
    r = ministry.get(f"/employers/{bins[0]}/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Взносы платятся с опозданием" in html  # reason in Russian (default language)
    assert len(r.context["chart"]["scores"]) == len(world["dates"])
    assert {x.bin for x, _link in r.context["contractors"]} == set(bins[1:5])
    assert any(figs for _label, figs in r.context["figures"])
    assert AuditEvent.objects.filter(action="view_card", target=bins[0]).exists()
    r = ministry.get(f"/employers/{bins[6]}/")
    assert "Рабочие предприятия 6" in r.content.decode()


def test_card_hides_chain_links_outside_scope(world: dict[str, Any]) -> None:
    bins = world["bins"]
    make_user("own0", role="employer", scope_kind="own", employer_bins=bins[0])
    c = Client()
    c.login(username="own0", password="pw-own0")
    r = c.get(f"/employers/{bins[0]}/")
    assert r.context["contractors"] == [] and r.context["contractors_hidden"] == 4
    for b in bins[1:5]:
        assert b not in r.content.decode()


def test_languages_switch_and_local_formats(world: dict[str, Any], ministry: Client) -> None:
    r = ministry.get(f"/employers/{world['bins'][0]}/")
    assert "Почему" in r.content.decode() or "Why" not in r.content.decode()
    for lang, word, reason in [
        ("kk", "Жұмыс берушілер", "Жарналар кешігіп төленеді"),
        ("en", "Employers", "Contributions are paid late"),
    ]:
        ministry.post("/i18n/setlang/", {"language": lang, "next": "/"})
        html = ministry.get(f"/employers/{world['bins'][0]}/").content.decode()
        assert f'lang="{lang}"' in html and reason in html
        assert word in ministry.get("/employers/").content.decode()
    ministry.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    html = ministry.get("/employers/").content.decode()
    assert 'lang="ru"' in html and "Работодатели" in html


def test_access_request_approval_creates_scoped_expiring_account(
    world: dict[str, Any], ministry: Client
) -> None:
    anon = Client()
    r = anon.post(
        "/accounts/request/",
        {
            "organisation_name": "Профсоюз нефтяников",
            "organisation_bin": "",
            "contact_name": "А. Б.",
            "email": "u@example.kz",
            "username": "oilunion",
            "requested_role": "union",
            "requested_scope": "Мангистау, нефтесервис",
            "justification": "мониторинг",
        },
    )
    assert r.status_code == 200
    ar = AccessRequest.objects.get(username="oilunion")
    assert ar.status == "pending"
    # non-admins cannot decide
    make_user("an", role="analyst", scope_kind="country")
    c = Client()
    c.login(username="an", password="pw-an")
    assert c.get(f"/accounts/requests/{ar.pk}/").status_code == 403
    decision = {
        "action": "approve",
        "username": "oilunion",
        "role": "union",
        "scope_kind": "region",
        "regions": ["47"],
        "expires_at": "2099-01-01T00:00",
    }
    # first the coverage of the grant is shown, nothing saved yet (accounts/coverage.py)
    r = ministry.post(f"/accounts/requests/{ar.pk}/", decision)
    assert r.status_code == 200 and r.context["coverage"].employers > 0
    assert not AccessRequest.objects.filter(pk=ar.pk, status="approved").exists()
    r = ministry.post(
        f"/accounts/requests/{ar.pk}/", {**decision, "coverage_confirmed": r.context["fingerprint"]}
    )
    assert r.status_code == 200, r.content
    password = r.context["password"]
    ar.refresh_from_db()
    assert ar.status == "approved" and ar.user is not None
    expires = ar.user.profile.expires_at
    assert ar.user.profile.region_list() == ["47"] and expires is not None and expires.year >= 2098
    from django.core import mail

    assert mail.outbox[-1].to == ["u@example.kz"] and "одобрена" in mail.outbox[-1].body
    assert password not in mail.outbox[-1].body
    u = Client()
    r = u.post("/accounts/login/", {"username": "oilunion", "password": password})
    assert r["Location"] == "/accounts/password/"  # the one-time password leads to choosing one
    r = u.post(
        "/accounts/password/", {"new_password1": "Neft-2026-secure", "new_password2": "Neft-2026-secure"}
    )
    assert r.status_code == 302
    assert {e.region for e in u.get("/employers/").context["page"]} == {"47"}
    assert AuditEvent.objects.filter(action="admin", target="user:oilunion").exists()
    # a scope the role may not have is refused
    ar2 = AccessRequest.objects.create(
        organisation_name="X",
        contact_name="Y",
        email="y@example.kz",
        username="emp2",
        requested_role="employer",
        justification="z",
    )
    r = ministry.post(
        f"/accounts/requests/{ar2.pk}/",
        {"action": "approve", "role": "employer", "scope_kind": "country", "expires_at": "2099-01-01T00:00"},
    )
    ar2.refresh_from_db()
    assert ar2.status == "pending"


def test_audit_log_is_for_admins_and_exports(world: dict[str, Any], ministry: Client) -> None:
    ministry.get(f"/employers/{world['bins'][0]}/")
    r = ministry.get("/accounts/audit/", {"action": "view_card"})
    assert r.status_code == 200 and world["bins"][0] in r.content.decode()
    r = ministry.get("/accounts/audit/export.csv")
    body = r.getvalue().decode("utf-8-sig")
    assert "view_card" in body and "login" in body
    make_user("an2", role="analyst", scope_kind="country")
    c = Client()
    c.login(username="an2", password="pw-an2")
    assert c.get("/accounts/audit/").status_code == 403
    assert c.get("/accounts/audit/export.csv").status_code == 403


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_login_is_throttled_and_audited(world: dict[str, Any]) -> None:
    make_user("victim", role="analyst", scope_kind="country")
    c = Client()
    for _ in range(3):
        r = c.post("/accounts/login/", {"username": "victim", "password": "wrong"})
        assert r.status_code == 200
    # now even the right password is refused for a while
    r = c.post("/accounts/login/", {"username": "victim", "password": "pw-victim"})
    assert r.status_code == 429
    assert AuditEvent.objects.filter(action="login_failed", username="victim").count() == 4
    r = Client().post(
        "/api/v1/auth/token", {"username": "victim", "password": "pw-victim"}, content_type="application/json"
    )
    assert r.status_code == 429


def test_login_records_audit_and_redirects(world: dict[str, Any]) -> None:
    make_user("good", role="analyst", scope_kind="country")
    c = Client()
    r = c.post("/accounts/login/", {"username": "good", "password": "pw-good", "next": "/map/"})
    assert r.status_code == 302 and r["Location"] == "/map/"
    r = Client().post(
        "/accounts/login/", {"username": "good", "password": "pw-good", "next": "https://evil.example/"}
    )
    assert r["Location"] == "/"
    assert AuditEvent.objects.filter(action="login", username="good").count() == 2


def test_security_headers_and_csrf(world: dict[str, Any], ministry: Client) -> None:
    r = ministry.get("/employers/")
    assert "script-src 'self'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY" and r["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in r["Cache-Control"]
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accounts/login/", {"username": "min", "password": "pw-min"}).status_code == 403


def test_no_worker_identity_anywhere(world: dict[str, Any], ministry: Client) -> None:
    import re

    # worker IINs never reach the web tier: no 12-digit number other than employer BINs appears
    html = ministry.get(f"/employers/{world['bins'][0]}/").content.decode()
    numbers = set(re.findall(r"(?<!\d)\d{12}(?!\d)", html))
    assert numbers <= set(world["bins"])


def test_alert_subscriptions_filter_the_inbox(world: dict[str, Any], ministry: Client) -> None:
    all_alerts = ministry.get("/alerts/").context["page"].paginator.count
    assert all_alerts >= 3
    ministry.post("/alerts/subscribe/", {"kinds": ["media"], "email": "on"})
    page = ministry.get("/alerts/").context["page"]
    assert page.paginator.count == 2 and all(a.kind == "media" for a in page)


def test_settings_refuse_missing_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from labormap.web import conf

    monkeypatch.delenv("LABORMAP_DEMO", raising=False)
    monkeypatch.delenv("LABORMAP_SECRET_KEY", raising=False)
    with pytest.raises(conf.ConfigError, match="LABORMAP_SECRET_KEY"):
        conf.secret_key()
    monkeypatch.setenv("DATABASE_URL", "mysql://x")
    with pytest.raises(conf.ConfigError, match="DATABASE_URL"):
        conf.database()
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/lm")
    assert conf.database()["NAME"] == "lm"
    monkeypatch.setenv("LABORMAP_EMAIL_URL", "smtp+tls://me:secret@mail.gov.kz:587")
    e = conf.email()
    assert (
        e["EMAIL_HOST"] == "mail.gov.kz"
        and e["EMAIL_USE_TLS"] is True
        and e["EMAIL_HOST_PASSWORD"] == "secret"
    )
    monkeypatch.setenv("LABORMAP_GEOJSON", "/nonexistent.geojson")
    with pytest.raises(conf.ConfigError, match="LABORMAP_GEOJSON"):
        conf.geojson_path()


def test_russian_by_default_whatever_the_browser_says(world: dict[str, Any], ministry: Client) -> None:
    html = ministry.get("/employers/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="ru"' in html and "Работодатели" in html


def test_demo_accounts_one_per_role(world: dict[str, Any]) -> None:
    from labormap.web.accounts.demo import create_demo_accounts
    from labormap.web.accounts.roles import ROLES

    accounts = create_demo_accounts("demo")
    assert {a["role"] for a in accounts} == set(ROLES)
    names = {a["username"]: a for a in accounts}
    assert names["ministry"]["scope"] == "country" and names["akimat-47"]["scope"] == "region"
    assert all(n.isascii() for n in names)
    c = Client()
    assert c.login(username="akimat-47", password="demo")
    assert {e.region for e in c.get("/employers/").context["page"]} == {"47"}
    holding = next(n for n in names if n.startswith("holding-"))
    assert holding == "holding-samrukdemo"
    create_demo_accounts("demo")  # running it again changes nothing
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username__in=list(names)).count() == len(names)
