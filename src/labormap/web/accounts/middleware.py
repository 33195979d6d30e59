"""Ends the session of an account whose access has expired since it logged in."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from labormap.web.accounts import passwords
from labormap.web.accounts.models import Profile


class AccountExpiryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                expired = user.profile.expired
            except Profile.DoesNotExist:
                expired = False
            if expired:
                logout(request)
            elif passwords.must_change(user) and not request.path.startswith(passwords.ALLOWED_PREFIXES):
                # A one-time password was used: nothing else until the user has chosen a password.
                return redirect("accounts:password_set")
        return self.get_response(request)
