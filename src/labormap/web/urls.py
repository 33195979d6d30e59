"""URL routes: one include per domain app (from ``settings.DOMAIN_APPS``), the REST API, language switch."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.urls import include, path

from labormap.web.api import api
from labormap.web.core import views as core_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
]

for _app in settings.DOMAIN_APPS:
    if find_spec(f"{_app}.urls") is None:
        continue
    _cfg = apps.get_containing_app_config(_app)
    _prefix = getattr(_cfg, "url_prefix", None)
    if _prefix is None:
        _prefix = f"{_app.rsplit('.', 1)[-1]}/"
    _mod = import_module(f"{_app}.urls")
    urlpatterns.append(path(_prefix, include((_mod.urlpatterns, _mod.app_name), namespace=_mod.app_name)))

handler403 = "labormap.web.core.views.forbidden"
handler404 = "labormap.web.core.views.not_found"
