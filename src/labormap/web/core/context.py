"""Template context shared by every page: navigation built from the domain apps, the user's role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from labormap.web.accounts.scope import is_admin, profile_of


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    profile = profile_of(user)
    return {
        "lm_demo": settings.DEMO,
        "lm_profile": profile,
        "lm_is_admin": is_admin(user),
        "lm_lang": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
    }
