"""The one place that decides which employers a user may see — the ORM adapter of ``labormap.scope``.

Pages, exports, the map, alerts and the API all go through :func:`scoped_employers` or
:func:`restrict` (for objects that belong to an employer), so a scope rule is written once. The
semantics are the engine's :class:`labormap.scope.Scope`: the country, or the union of the account's
grants, each grant the *intersection* of its regions, sectors, listed employers and holding group (with
its contractors). No profile, an inactive or expired account sees nothing. The SQL adapter
(``Scope.sql_filter``) gives the same set; a test holds the two together for every demo role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from labormap.scope import Grant, Scope
from labormap.web.employers.models import ContractorLink, Employer

if TYPE_CHECKING:
    from labormap.web.accounts.models import Profile

M = TypeVar("M", bound=Model)

NOTHING = Q(pk__in=[])


def profile_of(user: Any) -> Profile | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        profile: Profile = user.profile
    except ObjectDoesNotExist:  # no profile row: no role, no access. A database error is not "no access".
        return None
    return None if profile.expired else profile


def is_admin(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.is_admin


def sees_country(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.scope_kind == "country"


def scope_of(user: Any) -> Scope:
    """The user's :class:`~labormap.scope.Scope` (nothing for no profile, an inactive or expired account)."""
    p = profile_of(user)
    return Scope.nothing() if p is None else p.scope()


def _grant_q(g: Grant, prefix: str) -> Q:
    q = Q()
    if g.regions:
        q &= Q(**{f"{prefix}region__in": sorted(g.regions)})
    if g.sectors:
        q &= Q(**{f"{prefix}sector__in": sorted(g.sectors)})
    if g.bins:
        q &= Q(**{f"{prefix}bin__in": sorted(g.bins)})
    if g.holding:
        contractors = ContractorLink.objects.filter(
            customer_bin__in=Employer.objects.filter(holding=g.holding).values("bin")
        ).values("contractor_bin")
        q &= Q(**{f"{prefix}holding": g.holding}) | Q(**{f"{prefix}bin__in": contractors})
    return q


def scope_q(scope: Scope, prefix: str = "") -> Q | None:
    """The ORM condition of ``scope`` (``None``: no restriction) — the twin of ``Scope.sql_filter``."""
    if scope.unrestricted:
        return None
    q = NOTHING
    for g in scope.live_grants:
        q |= _grant_q(g, prefix)
    return q


def employer_q(user: Any, prefix: str = "") -> Q | None:
    """Condition on employers (``prefix`` reaches the employer from another model, e.g. ``employer__``).

    ``None`` means no restriction; no grant gives a condition that matches nothing.
    """
    return scope_q(scope_of(user), prefix)


def restrict(qs: QuerySet[M], user: Any, prefix: str = "") -> QuerySet[M]:
    """``qs`` limited to what ``user`` may see; ``prefix`` is the path from the model to its employer."""
    q = employer_q(user, prefix)
    return qs if q is None else qs.filter(q)


def scoped_employers(user: Any) -> QuerySet[Employer]:
    return restrict(Employer.objects.all(), user)


def get_employer(user: Any, bin: str) -> Employer:
    """The employer if the user may see it; otherwise 404, exactly as for a BIN that does not exist."""
    try:
        return scoped_employers(user).get(bin=bin)
    except Employer.DoesNotExist:
        raise Http404("No such employer") from None


def visible_regions(user: Any) -> list[str] | None:
    """Regions a user's scope is tied to (for default map views); None when not region-bound."""
    p = profile_of(user)
    if p is None or p.scope_kind != "region":
        return None
    regions = p.scope().regions
    return sorted(regions) if regions is not None else None
