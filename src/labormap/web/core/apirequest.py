"""The request type of an authenticated API operation.

django-ninja's auth (``accounts.tokens.BearerAuth`` or the session) puts the authenticated user on
``request.auth``; Django's ``HttpRequest`` has no such attribute, so operations annotate their request as
:class:`ApiRequest` and mypy knows ``request.auth`` is a user. django-ninja recognises the request parameter
by its name, so the annotation changes nothing at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ApiRequest(HttpRequest):
    auth: User


class UserRequest(HttpRequest):
    """The request of a ``@login_required`` view: ``request.user`` is a real user, never AnonymousUser."""

    user: User
