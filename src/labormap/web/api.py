"""The REST API (django-ninja) at ``/api/v1/``: every domain app with an ``api.py`` exposing ``router`` adds
its endpoints under ``/api/v1/<api_prefix>``; bearer-token auth applies to all but the token endpoint."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from ninja import NinjaAPI

from labormap.web.accounts.tokens import BearerAuth
from labormap.web.core.apidocs import LocalSwagger

api = NinjaAPI(
    title="LaborMap API",
    version="1",
    description="Labour-conflict risk of employers in Kazakhstan, within the caller's access scope. "
    "Get a token with POST /api/v1/auth/token, then send `Authorization: Bearer <token>`.",
    auth=BearerAuth(),
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=LocalSwagger(),  # vendored Swagger UI, no CDN (core/apidocs.py)
    urls_namespace="api",
)

for _app in settings.DOMAIN_APPS:
    if find_spec(f"{_app}.api") is None:
        continue
    _cfg = apps.get_containing_app_config(_app)
    _mod = import_module(f"{_app}.api")
    api.add_router(getattr(_cfg, "api_prefix", ""), _mod.router)
