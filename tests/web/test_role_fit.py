"""Issue 11 item 5: each role sees what fits it — no model validation for employers and unions, no
"share of high" over one employer, the open-case button exactly when /cases/new/ opens, and the
profile counts the employers the account really sees."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from labormap.web.accounts.roles import ROLES
from labormap.web.accounts.scope import scoped_employers
from labormap.web.employers.models import Employer
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _scope_for(role: str, world: dict[str, Any]) -> dict[str, Any]:
    first = Employer.objects.order_by("bin").first()
    assert first is not None
    kind = ROLES[role].scope_kinds[0]
    return {
        "country": {},
        "region": {"regions": "47"},
        "sector": {"sectors": first.sector},
        "employers": {"employer_bins": ",".join(world["bins"][:3])},
        "own": {"employer_bins": first.bin},
        "holding": {"holding": first.holding or "none"},
    }[kind] | {"scope_kind": kind}


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_sees_what_fits_it(world: dict[str, Any], role: str) -> None:
    scope = _scope_for(role, world)
    user = make_user(f"fit-{role}", role=role, **scope)
    c = Client()
    c.force_login(user)
    html = c.get("/").content.decode()
    if not ROLES[role].sees_model:
        assert 'id="backtest"' not in html
    seen = scoped_employers(user).count()
    if seen < 10:
        assert "Share high" not in html and "Доля высокого" not in html
    e = scoped_employers(user).order_by("bin").first()
    if e is not None:
        card = c.get(f"/employers/{e.bin}/").content.decode()
        has_button = f'/cases/new/?employer={e.bin}"' in card
        opens = c.get(f"/cases/new/?employer={e.bin}").status_code == 200
        assert has_button == opens, (role, has_button, opens)
    me = c.get("/accounts/me/").content.decode()
    assert f'id="employers-seen">{seen}<' in me


def test_ministry_sees_the_model(world: dict[str, Any]) -> None:
    c = Client()
    c.force_login(make_user("fit-min", role="ministry_admin", scope_kind="country"))
    html = c.get("/").content.decode()
    assert ("backtest" in html) or ("Nothing published" in html) or ("Модель" in html)
