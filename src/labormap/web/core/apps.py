from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Layout, shared templates, vendored static files and locale helpers; no models."""

    name = "labormap.web.core"
    label = "core"

    def ready(self) -> None:
        # registers the settings checks and runs them now: a bad setting stops the start, not a request
        from labormap.web.core import checks

        checks.run_startup_checks()
