"""``POST /api/v1/auth/token``: a bearer token for a user name and password (throttled like the login page)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from labormap.web.accounts import audit, throttle, tokens
from labormap.web.accounts.models import AuditEvent

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type's name, not a secret
    expires_at: dt.datetime


class Error(Schema):
    detail: str


@router.post("/token", auth=None, response={200: TokenOut, 401: Error, 403: Error, 429: Error})
def token(request: HttpRequest, body: TokenIn) -> dict[str, object]:
    username = body.username[:150]
    ip = audit.client_ip(request)
    wait = throttle.wait_seconds(username, ip)
    if wait:
        audit.record(request, AuditEvent.LOGIN_FAILED, username=username, reason="throttled", via="api")
        raise HttpError(429, f"Too many failed attempts; try again in {wait} s")
    user = authenticate(request, username=username, password=body.password)
    if user is None:
        throttle.failed(username, ip)
        audit.record(request, AuditEvent.LOGIN_FAILED, username=username, via="api")
        raise HttpError(401, "Invalid user name or password")
    throttle.succeeded(username)
    from labormap.web.accounts import passwords

    if passwords.must_change(user):
        # A one-time password opens one web session to choose a password, never API tokens.
        raise HttpError(403, "Choose your own password at /accounts/password/ first")
    key, expires = tokens.issue(user)
    audit.record(request, AuditEvent.API_TOKEN, user=user, prefix=key[:8])
    return {"token": key, "token_type": "bearer", "expires_at": expires}
