"""Start-up checks of the settings (``manage check`` / ``labormap web check`` and every server start).

Malformed values already fail when the settings load (``labormap.web.conf`` raises ``ConfigError`` naming
the variable); these checks catch what is well-formed but unusable, each with the fix in its hint.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register("labormap")
def warehouse_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    path = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if path is None:
        return [
            checks.Warning(
                "LABORMAP_WAREHOUSE is not set: report downloads and warehouse pages will not work.",
                hint="Set LABORMAP_WAREHOUSE to the warehouse folder written by `labormap ingest`.",
                id="labormap.W001",
            )
        ]
    if not path.is_dir():
        return [
            checks.Error(
                f"LABORMAP_WAREHOUSE={path}: no such folder.",
                hint="Point it at the warehouse written by `labormap ingest`, or unset it.",
                id="labormap.E001",
            )
        ]
    if not (path / "manifest.json").is_file():
        return [
            checks.Warning(
                f"LABORMAP_WAREHOUSE={path} has no manifest.json: nothing has been ingested there yet.",
                hint="Run `labormap ingest DROP --warehouse` on it, or point LABORMAP_WAREHOUSE at the right folder.",
                id="labormap.W002",
            )
        ]
    return []


def run_startup_checks() -> None:
    """Run the checks above when the app starts (every process: server, commands, tests): an error stops
    the start with a :class:`~labormap.web.conf.ConfigError` naming the fix; warnings are shown by
    ``labormap web check``."""
    import logging

    from labormap.web.conf import ConfigError

    log = logging.getLogger("labormap.web")
    problems = warehouse_check()
    errors = [p for p in problems if p.level >= checks.ERROR]
    if errors:
        raise ConfigError("; ".join(f"{p.msg} {p.hint}" for p in errors))
    # warnings are for `labormap web check` (and `manage check`); at every process start they would only
    # be noise in command output, so they go to the debug log
    for p in problems:
        log.debug("%s %s (%s)", p.msg, p.hint, p.id)
