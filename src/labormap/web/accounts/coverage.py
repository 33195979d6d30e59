"""What a grant of access will cover, shown to the administrator before it is saved.

"Region 47 + sector B" reads differently to different people; the approval and account forms therefore
show the employers the grant gives — counted with the same scope rules every page uses
(:func:`labormap.web.accounts.scope.scope_q`) — and save only once that figure has been confirmed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from labormap.scope import Grant, Scope
from labormap.web.accounts.scope import scope_q
from labormap.web.employers.models import Employer

SCOPE_FIELDS = ("role", "scope_kind", "regions", "sectors", "employer_bins", "holding")


@dataclass(frozen=True)
class Coverage:
    employers: int
    regions: list[tuple[str, int]]  # (KATO region, employers), most first
    sectors: list[tuple[str, int]]  # (ОКЭД section, employers), most first
    country: bool
    extra_grants: int = 0  # further grants of an existing account, kept as they are


def scope_from(data: dict[str, Any]) -> Scope:
    if data.get("scope_kind") == "country":
        return Scope.everything()
    return Scope.of(
        Grant.of(
            data.get("regions") or [],
            data.get("sectors") or [],
            data.get("employer_bins") or "",
            data.get("holding") or "",
        )
    )


def of(data: dict[str, Any], extra: tuple[Grant, ...] = ()) -> Coverage:
    """The coverage of the grant described by a valid scope form's ``cleaned_data``."""
    scope = scope_from(data)
    if extra and not scope.unrestricted:
        scope = Scope.of(*scope.grants, *extra)
    q = scope_q(scope)
    qs = Employer.objects.all() if q is None else Employer.objects.filter(q)
    by_region = list(qs.values_list("region").annotate(n=Count("bin")).order_by("-n", "region")[:20])
    by_sector = list(qs.values_list("sector").annotate(n=Count("bin")).order_by("-n", "sector")[:21])
    return Coverage(qs.count(), by_region, by_sector, scope.unrestricted, len(extra))


def fingerprint(data: dict[str, Any]) -> str:
    """A digest of the scope fields: a confirmation counts only for the grant that was shown."""
    norm = {k: data.get(k) for k in SCOPE_FIELDS}
    text = json.dumps(norm, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def confirmed(post: Any, data: dict[str, Any]) -> bool:
    return str(post.get("coverage_confirmed", "")) == fingerprint(data)
