"""Item 4: one-time passwords work once, passwords can be changed and reset, user names are validated
on approval, the public request form neither reveals accounts nor can be flooded, and a grant's coverage
is shown before it is saved."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from labormap.web.accounts.models import AccessRequest
from tests.web.conftest import make_user

REQUEST = {
    "organisation_name": "Профсоюз",
    "organisation_bin": "",
    "contact_name": "А. Б.",
    "email": "u@example.kz",
    "requested_role": "union",
    "requested_scope": "Мангистау",
    "justification": "мониторинг",
}


def _admin() -> Client:
    c = Client()
    user = get_user_model().objects.filter(username="sec-root").first()
    c.force_login(user or make_user("sec-root", role="ministry_admin", scope_kind="country"))
    return c


def _approve(admin: Client, ar: AccessRequest, **over: Any) -> Any:
    data = {
        "action": "approve",
        "username": ar.username,
        "role": "union",
        "scope_kind": "region",
        "regions": ["47"],
        "expires_at": "2099-01-01T00:00",
        **over,
    }
    r = admin.post(f"/accounts/requests/{ar.pk}/", data)
    if "fingerprint" not in (r.context or {}):
        return r
    return admin.post(
        f"/accounts/requests/{ar.pk}/", {**data, "coverage_confirmed": r.context["fingerprint"]}
    )


def _request(username: str, ip: str = "198.51.100.1") -> Any:
    return Client().post("/accounts/request/", {**REQUEST, "username": username}, REMOTE_ADDR=ip)


def test_one_time_password_works_once(world: dict[str, Any]) -> None:
    _request("newunion")
    r = _approve(_admin(), AccessRequest.objects.get(username="newunion"))
    password = r.context["password"]
    first = Client()
    r = first.post("/accounts/login/", {"username": "newunion", "password": password})
    assert r.status_code == 302 and r["Location"] == "/accounts/password/"
    # every page leads to choosing a password first
    assert first.get("/employers/")["Location"] == "/accounts/password/"
    # the one-time password does not work a second time, on the web or the API
    assert (
        Client().post("/accounts/login/", {"username": "newunion", "password": password}).status_code == 200
    )
    api = Client().post(
        "/api/v1/auth/token", {"username": "newunion", "password": password}, content_type="application/json"
    )
    assert api.status_code in (401, 403)
    r = first.post(
        "/accounts/password/", {"new_password1": "Kaz-Union-2026!", "new_password2": "Kaz-Union-2026!"}
    )
    assert r.status_code == 302
    assert first.get("/employers/").status_code == 200
    assert Client().login(username="newunion", password="Kaz-Union-2026!")


def test_password_change_and_reset(world: dict[str, Any]) -> None:
    make_user("forgetful", role="analyst", scope_kind="country")
    c = Client()
    c.login(username="forgetful", password="pw-forgetful")
    r = c.post(
        "/accounts/password/",
        {
            "old_password": "pw-forgetful",
            "new_password1": "Better-Pass-77",
            "new_password2": "Better-Pass-77",
        },
    )
    assert r.status_code == 302
    mail.outbox.clear()
    r = Client().post("/accounts/password/reset/", {"email": "forgetful@example.kz"})
    assert r.status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", str(mail.outbox[-1].body))
    assert link is not None
    c = Client()
    r = c.get(link.group(1), follow=True)
    r = c.post(r.redirect_chain[-1][0], {"new_password1": "Reset-Pass-88", "new_password2": "Reset-Pass-88"})
    assert r.status_code == 302
    assert Client().login(username="forgetful", password="Reset-Pass-88")
    # an unknown address gets the same answer (nothing revealed)
    r = Client().post("/accounts/password/reset/", {"email": "nobody@example.kz"})
    assert r.status_code == 302


def test_request_form_does_not_reveal_existing_user_names(world: dict[str, Any]) -> None:
    make_user("existing", role="analyst", scope_kind="country")
    taken = _request("existing", ip="198.51.100.2")
    fresh = _request("brandnew", ip="198.51.100.3")
    assert taken.status_code == fresh.status_code == 200
    assert "taken" not in taken.content.decode() and "занят" not in taken.content.decode()
    # the administrator sees it on approval and must choose another name
    r = _approve(_admin(), AccessRequest.objects.get(username="existing"))
    assert "username" in r.context["form"].errors
    r = _approve(_admin(), AccessRequest.objects.get(username="existing"), username="existing2")
    assert r.context["password"]


def test_approval_applies_django_username_rules(world: dict[str, Any]) -> None:
    ar = AccessRequest.objects.create(
        organisation_name="X",
        contact_name="Y",
        email="y@example.kz",
        username="bad name!",
        requested_role="union",
        justification="z",
    )
    r = _approve(_admin(), ar)
    assert "username" in r.context["form"].errors
    assert not get_user_model().objects.filter(username="bad name!").exists()
    assert _request("also bad!").context["form"].errors.get("username")


def test_request_form_is_rate_limited(world: dict[str, Any]) -> None:
    codes = [_request(f"flood{i}", ip="203.0.113.50").status_code for i in range(8)]
    assert codes[:5] == [200] * 5 and 429 in codes
    assert AccessRequest.objects.filter(username__startswith="flood").count() == 5


def test_grant_coverage_is_shown_before_saving(world: dict[str, Any]) -> None:
    from labormap.web.employers.models import Employer

    _request("mining", ip="198.51.100.9")
    ar = AccessRequest.objects.get(username="mining")
    sector = Employer.objects.filter(region="47").values_list("sector", flat=True).first()
    data = {
        "action": "approve",
        "username": "mining",
        "role": "union",
        "scope_kind": "region",
        "regions": ["47"],
        "sectors": [sector],
        "expires_at": "2099-01-01T00:00",
    }
    admin = _admin()
    r = admin.post(f"/accounts/requests/{ar.pk}/", data)
    expected = Employer.objects.filter(region="47", sector=sector).count()
    assert r.context["coverage"].employers == expected  # region AND sector, not the union
    assert 'id="coverage"' in r.content.decode()
    ar.refresh_from_db()
    assert ar.status == "pending"
    # a confirmation for another grant does not count
    r = admin.post(
        f"/accounts/requests/{ar.pk}/",
        {**data, "regions": ["75"], "coverage_confirmed": r.context["fingerprint"]},
    )
    ar.refresh_from_db()
    assert ar.status == "pending" and r.context["coverage"] is not None


def test_profile_counts_what_the_account_sees(world: dict[str, Any]) -> None:
    u = make_user("seer", role="union", scope_kind="region", regions="47")
    c = Client()
    c.force_login(u)
    from labormap.web.employers.models import Employer

    html = c.get("/accounts/me/").content.decode()
    assert f'id="employers-seen">{Employer.objects.filter(region="47").count()}<' in html
