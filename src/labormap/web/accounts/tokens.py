"""API bearer tokens: issued for a user name and password, stored hashed, expiring."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from labormap.web.accounts.models import ApiToken


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user: Any) -> tuple[str, dt.datetime]:
    key = "lm_" + secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(seconds=settings.API_TOKEN_TTL_S)
    ApiToken.objects.create(user=user, key_hash=_hash(key), prefix=key[:8], expires_at=expires)
    return key, expires


def user_for(key: str) -> Any | None:
    try:
        tok = ApiToken.objects.select_related("user", "user__profile").get(key_hash=_hash(key))
    except ApiToken.DoesNotExist:
        return None
    now = timezone.now()
    user = tok.user
    if tok.expires_at <= now or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    if profile is not None and profile.expired:
        return None
    if tok.last_used_at is None or (now - tok.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=tok.pk).update(last_used_at=now)
    return user


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for(token)
        if user is not None:
            request.user = user
        return user
