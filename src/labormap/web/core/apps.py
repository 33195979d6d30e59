from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Layout, shared templates, vendored static files and locale helpers; no models."""

    name = "labormap.web.core"
    label = "core"
