"""The one place that decides which employers a user may see.

Pages, exports, the map, alerts and the API all go through :func:`scoped_employers` or
:func:`restrict` (for objects that belong to an employer), so a scope rule is written once. A scope is
the union of an account's grants (regions, sectors, listed employers, a holding group with its
contractors, its own employer); ``country`` sees everything; no profile, an inactive or expired
account sees nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

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
    except Exception:  # RelatedObjectDoesNotExist
        return None
    return None if profile.expired else profile


def is_admin(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.is_admin


def sees_country(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and p.scope_kind == "country"


def employer_q(user: Any, prefix: str = "") -> Q | None:
    """Condition on employers (``prefix`` reaches the employer from another model, e.g. ``employer__``).

    ``None`` means no restriction; an empty grant list gives a condition that matches nothing.
    """
    p = profile_of(user)
    if p is None:
        return NOTHING
    if p.scope_kind == "country":
        return None
    q = NOTHING
    if p.region_list():
        q |= Q(**{f"{prefix}region__in": p.region_list()})
    if p.sector_list():
        q |= Q(**{f"{prefix}sector__in": p.sector_list()})
    if p.bin_list():
        q |= Q(**{f"{prefix}bin__in": p.bin_list()})
    if p.holding:
        contractors = ContractorLink.objects.filter(
            customer_bin__in=Employer.objects.filter(holding=p.holding).values("bin")
        ).values("contractor_bin")
        q |= Q(**{f"{prefix}holding": p.holding}) | Q(**{f"{prefix}bin__in": contractors})
    return q


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
    return p.region_list()
