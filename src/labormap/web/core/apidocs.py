"""The API documentation page (``/api/v1/docs``) on the vendored Swagger UI.

django-ninja's default page loads Swagger UI from a CDN, which the Content-Security-Policy blocks and a
closed network does not reach. This page uses the copy in ``static/vendor/swagger-ui/`` (swagger-ui-dist
from the npm registry, version in its VERSION file) and starts it from a static script, so the docs
need no third-party origin and no inline script.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    template = "core/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)
