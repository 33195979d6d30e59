"""Security headers Django does not set by itself: a strict Content-Security-Policy (no inline scripts,
no third-party origins: everything is vendored) and a Permissions-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The API docs page (/api/v1/docs) runs the vendored Swagger UI from static files (core/apidocs.py): the
# same strict policy applies there.
CSP_DOCS = CSP


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        csp = CSP_DOCS if request.path.startswith("/api/v1/docs") else CSP
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # pages with scoped data must not linger in shared caches
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


class RussianFirstMiddleware:
    """Russian unless the user picked another language: the browser's Accept-Language is ignored, because
    officials' machines often run English-language browsers while the working language is Russian."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
