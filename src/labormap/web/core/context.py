"""Template context shared by every page: navigation built from the domain apps, the user's role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from labormap.web.accounts.scope import is_admin, profile_of


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # Context processors run for every template rendered with the request — the page and each panel
    # other apps add to the employer card — so the result is kept on the request (for this user and
    # language: a login or a language switch in the same request computes it again).
    memo_key = (getattr(user, "pk", None), getattr(request, "LANGUAGE_CODE", None))
    memo = getattr(request, "_lm_site", None)
    if memo is not None and memo[0] == memo_key:
        return dict(memo[1])
    profile = profile_of(user)
    out = {
        "lm_demo": settings.DEMO,
        "lm_profile": profile,
        "lm_is_admin": is_admin(user),
        "lm_lang": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        **_data_date(user),
        "lm_nav_off": nav_off(user),
    }
    request._lm_site = (memo_key, out)  # type: ignore[attr-defined]
    return dict(out)


def nav_off(user: Any) -> set[str]:
    """Labels of the domain apps whose pages are not for this user (their ``nav_check`` says no), so the
    menu does not offer a link that would answer 404. An app without a ``nav_check`` is for everyone."""
    from importlib import import_module

    from django.apps import apps

    off: set[str] = set()
    if profile_of(user) is None:
        return off
    for cfg in apps.get_app_configs():
        path = getattr(cfg, "nav_check", None)
        if not path:
            continue
        module, _, name = path.rpartition(".")
        if not getattr(import_module(module), name)(user):
            off.add(cfg.label)
    return off


def _data_date(user: Any) -> dict[str, Any]:
    """The date the published data run to, and whether it is older than two days (a banner says so)."""
    if profile_of(user) is None:
        return {}
    from labormap.web.employers.models import Snapshot
    from labormap.web.operations.services import data_age

    snap = Snapshot.objects.only("as_of").first()
    as_of = snap.as_of if snap else None
    days, stale = data_age(as_of)
    return {"lm_data_date": as_of, "lm_data_days": days, "lm_data_stale": stale}
