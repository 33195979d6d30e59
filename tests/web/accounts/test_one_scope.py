"""One scope, two adapters: the ORM (``accounts.scope``) and the SQL one (``Scope.sql_filter``) admit the
same employers for every demo role — on the web database (SQLite here, PostgreSQL via test_postgres.py)
and on the warehouse in DuckDB (what reports read). And approving "Mangystau, sector B" gives mining in
Mangystau only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from labormap.reports.scope import ReportScope, resolve
from labormap.scope import EmployerColumns, Grant, Scope
from labormap.web.accounts.demo import create_demo_accounts
from labormap.web.accounts.models import AccessRequest, Profile
from labormap.web.accounts.models import Grant as GrantRow
from labormap.web.accounts.scope import scope_of, scope_q, scoped_employers
from labormap.web.employers.models import ContractorLink, Employer
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _orm(scope: Scope) -> set[str]:
    q = scope_q(scope)
    qs = Employer.objects.all() if q is None else Employer.objects.filter(q)
    return set(qs.values_list("bin", flat=True))


def _sql_on_web_db(scope: Scope) -> set[str]:
    cols = EmployerColumns(
        employers_table=Employer._meta.db_table,
        contractors_table=ContractorLink._meta.db_table,
    )
    f = scope.sql_filter("e", cols, placeholder="%s")
    with connection.cursor() as cur:
        cur.execute(f"SELECT e.bin FROM {Employer._meta.db_table} e WHERE {f.sql}", cast(list[Any], f.params))
        return {r[0] for r in cur.fetchall()}


def _sql_on_warehouse(world: dict[str, Any], scope: Scope) -> set[str]:
    con = world["warehouse"].connect()
    got = resolve(ReportScope.for_access(scope, label="test"), con)
    if got is None:  # the whole country
        return {r[0] for r in con.execute("SELECT bin FROM employers").fetchall()}
    return set(got)


def _check(world: dict[str, Any], scope: Scope, label: str) -> set[str]:
    orm = _orm(scope)
    assert _sql_on_web_db(scope) == orm, label
    assert _sql_on_warehouse(world, scope) == orm, label
    return orm


def test_both_adapters_agree_for_every_demo_role(world: dict[str, Any]) -> None:
    accounts = create_demo_accounts("pw-demo")
    assert len(accounts) >= 6
    for a in accounts:
        user = get_user_model().objects.get(username=a["username"])
        scope = scope_of(user)
        seen = _check(world, scope, a["username"])
        assert seen == set(scoped_employers(user).values_list("bin", flat=True)), a["username"]
        assert seen, f"demo account {a['username']} sees nothing in the test world"


@pytest.mark.parametrize(
    "grants",
    [
        [Grant.of(regions="47", sectors="B")],
        [Grant.of(regions="47", sectors="B"), Grant.of(sectors="F")],
        [Grant.of(holding="Самрук-Демо")],
        [Grant.of(holding="Самрук-Демо", regions="47")],
        [Grant.of(bins=["000001400011"], regions="23")],
        [],
    ],
)
def test_both_adapters_agree_on_mixed_grants(world: dict[str, Any], grants: list[Grant]) -> None:
    _check(world, Scope.of(*grants), repr(grants))


def test_one_grant_intersects_its_dimensions(world: dict[str, Any]) -> None:
    info = world["info"]
    user = make_user("mix", "analyst", "region", regions="47", sectors="B")
    expected = {b for b in world["bins"] if info[b]["region"] == "47" and info[b]["sector"] == "B"}
    assert expected and set(scoped_employers(user).values_list("bin", flat=True)) == expected


def test_approving_mangystau_sector_b_gives_mining_in_mangystau_only(world: dict[str, Any]) -> None:
    make_user("boss", "ministry_admin", "country")
    admin = Client()
    assert admin.login(username="boss", password="pw-boss")
    ar = AccessRequest.objects.create(
        organisation_name="Горнорудный профсоюз Мангистау",
        contact_name="—",
        email="req@example.kz",
        username="mangystau-b",
        requested_role="analyst",
        requested_scope="Мангистауская область, раздел B",
        justification="test",
    )
    expires = (timezone.now() + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "username": "mangystau-b",
        "role": "analyst",
        "scope_kind": "region",
        "regions": ["47"],
        "sectors": ["B"],
        "employer_bins": "",
        "holding": "",
        "expires_at": expires,
    }
    info = world["info"]
    expected = {b for b in world["bins"] if info[b]["region"] == "47" and info[b]["sector"] == "B"}
    r = admin.post(f"/accounts/requests/{ar.pk}/", data)
    assert r.status_code == 200
    form = r.context["form"]
    assert not form.errors, form.errors
    if r.context.get("fingerprint"):  # the form shows what the grant covers before it is saved
        assert r.context["coverage"].employers == len(expected)
        r = admin.post(
            f"/accounts/requests/{ar.pk}/", {**data, "coverage_confirmed": r.context["fingerprint"]}
        )
        assert r.status_code == 200
    ar.refresh_from_db()
    assert ar.status == AccessRequest.APPROVED
    user = get_user_model().objects.get(username="mangystau-b")
    seen = set(scoped_employers(user).values_list("bin", flat=True))
    assert expected and seen == expected
    assert _check(world, scope_of(user), "approved") == expected


def test_migration_keeps_what_union_accounts_saw(world: dict[str, Any]) -> None:
    """Accounts made before grants intersected keep exactly what they saw (one Grant per extra dimension)."""
    from importlib import import_module

    from django.apps import apps

    split = import_module("labormap.web.accounts.migrations.0002_grant").split_union_profiles
    info, bins = world["info"], world["bins"]
    user = make_user("old-union", "union", "employers", sectors="F", employer_bins=",".join(bins[40:43]))
    before = {b for b in bins if info[b]["sector"] == "F" or b in bins[40:43]}
    split(apps, None)
    user = get_user_model().objects.get(pk=user.pk)  # the profile as the migration left it
    p = Profile.objects.get(user=user)
    assert (p.sectors, p.employer_bins) == ("", ",".join(bins[40:43]))
    assert list(GrantRow.objects.filter(profile=p).values_list("sectors", flat=True)) == ["F"]
    assert set(scoped_employers(user).values_list("bin", flat=True)) == before


def test_a_database_outage_is_not_no_access() -> None:
    """Only a missing profile means "no access"; a database error propagates (it must not look like a
    user who may see nothing, or a 404 for every page)."""
    from django.db import OperationalError

    from labormap.web.accounts.scope import profile_of

    class Broken:
        is_authenticated = True
        is_active = True

        @property
        def profile(self) -> Any:
            raise OperationalError("server closed the connection")

    class NoProfile:
        is_authenticated = True
        is_active = True

        @property
        def profile(self) -> Any:
            raise Profile.DoesNotExist

    with pytest.raises(OperationalError):
        profile_of(Broken())
    assert profile_of(NoProfile()) is None
