"""Who may do what in the control cycle, and the scoped querysets every page and the API use."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from labormap.web.accounts.scope import profile_of, restrict
from labormap.web.control.models import ArrearsCase, Finding, Notice

# Roles that issue letters; roles that may read findings (within their scope); the employer replies.
ISSUERS = ("ministry_admin", "analyst", "inspector")
READERS = (*ISSUERS, "akimat", "employer")


def role(user: Any) -> str:
    p = profile_of(user)
    return p.role if p is not None else ""


def can_issue(user: Any) -> bool:
    return role(user) in ISSUERS


def is_employer(user: Any) -> bool:
    return role(user) == "employer"


def require_reader(user: Any) -> None:
    if role(user) not in READERS:
        raise PermissionDenied


def require_issuer(user: Any) -> None:
    if not can_issue(user):
        raise PermissionDenied


def findings(user: Any) -> QuerySet[Finding]:
    return restrict(Finding.objects.select_related("employer"), user, "employer__")


def notices(user: Any) -> QuerySet[Notice]:
    return restrict(Notice.objects.select_related("employer", "issued_by"), user, "employer__")


def arrears(user: Any) -> QuerySet[ArrearsCase]:
    return restrict(ArrearsCase.objects.select_related("employer"), user, "employer__")
