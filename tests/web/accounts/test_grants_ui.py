"""Administrators add and remove an account's further grants; the account sees the union at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from labormap.web.accounts.models import AuditEvent, Grant
from labormap.web.accounts.scope import scoped_employers
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _seen(username: str) -> set[str]:
    return set(
        scoped_employers(get_user_model().objects.get(username=username)).values_list("bin", flat=True)
    )


def test_add_and_remove_a_grant(world: dict[str, Any]) -> None:
    info, bins = world["info"], world["bins"]
    make_user("boss", "ministry_admin", "country")
    target = make_user("un", "union", "employers", employer_bins=bins[40])
    admin = Client()
    assert admin.login(username="boss", password="pw-boss")
    page = admin.get(f"/accounts/users/{target.pk}/").content.decode()
    assert f"/accounts/users/{target.pk}/grants/" in page

    r = admin.post(f"/accounts/users/{target.pk}/grants/", {"regions": ["47"], "sectors": ["B"]})
    assert r.status_code == 302
    mining47 = {b for b in bins if info[b]["region"] == "47" and info[b]["sector"] == "B"}
    assert _seen("un") == {bins[40]} | mining47
    assert AuditEvent.objects.filter(details__op="grant_add").exists()

    # an empty grant is refused (it would admit nothing and look like a mistake)
    admin.post(f"/accounts/users/{target.pk}/grants/", {})
    assert Grant.objects.filter(profile__user=target).count() == 1

    g = Grant.objects.get(profile__user=target)
    assert admin.post(f"/accounts/users/{target.pk}/grants/{g.pk}/delete/").status_code == 302
    assert _seen("un") == {bins[40]}


def test_only_admins_change_grants(world: dict[str, Any]) -> None:
    target = make_user("un", "union", "employers", employer_bins=world["bins"][40])
    make_user("ana", "analyst", "country")
    c = Client()
    assert c.login(username="ana", password="pw-ana")
    assert c.post(f"/accounts/users/{target.pk}/grants/", {"sectors": ["B"]}).status_code == 403
    assert not Grant.objects.exists()


def test_grants_are_shown_with_names_not_codes(world: dict[str, Any]) -> None:
    make_user("boss", "ministry_admin", "country")
    target = make_user("un", "union", "employers", employer_bins=world["bins"][40])
    Grant.objects.create(profile=target.profile, regions="47", sectors="B")
    admin = Client()
    assert admin.login(username="boss", password="pw-boss")
    admin.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    html = admin.get(f"/accounts/users/{target.pk}/").content.decode()
    assert "Маңғыстау облысы" in html and "Қосымша қолжетімділік құқықтары" in html
