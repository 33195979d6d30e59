"""Item 6: /api/v1/docs works on a closed network — Swagger UI is vendored, nothing comes from a CDN,
and the page runs under the same strict CSP as every other page."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.staticfiles import finders
from django.test import Client


def test_docs_reference_no_external_host(world: dict[str, Any]) -> None:
    r = Client().get("/api/v1/docs")
    assert r.status_code == 200
    html = r.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, html
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "cdn." not in html and "https://" not in html
    # every referenced static file exists
    for u in urls:
        if u.startswith("/static/"):
            assert finders.find(u.removeprefix("/static/")), u
    csp = r["Content-Security-Policy"]
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "<script>" not in html  # no inline script: only src= scripts and the JSON settings block


def test_vendored_swagger_has_its_licence() -> None:
    assert finders.find("vendor/swagger-ui/LICENSE")
    assert finders.find("vendor/swagger-ui/swagger-ui-bundle.js")
