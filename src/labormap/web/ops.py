"""Plain functions to run the web platform from Python (the CLI and the demo orchestration call these).

Each sets Django up itself, so callers need not know about settings modules.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

SETTINGS = "labormap.web.settings"
DEMO_PASSWORD = "demo"  # noqa: S105 - demo accounts exist only with LABORMAP_DEMO=1 (DemoOnly otherwise)


def configure(
    data_dir: str | os.PathLike[str] | None = None, geojson: str | os.PathLike[str] | None = None
) -> None:
    """Point the app at a data folder and a boundaries file before Django starts (the demo calls this).

    Values already in the environment win, so an operator can still override them; a boundaries file
    that does not exist is ignored (the map falls back to the tile-grid cartogram).
    """
    from django.apps import apps

    if apps.ready:
        raise RuntimeError("configure() must run before the first Django setup")
    if data_dir is not None:
        os.environ.setdefault("LABORMAP_DATA_DIR", str(Path(data_dir).resolve()))
    if geojson is not None and Path(geojson).is_file():
        os.environ.setdefault("LABORMAP_GEOJSON", str(Path(geojson).resolve()))


def setup() -> None:
    """Configure Django with LaborMap's settings (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _ensure_data_dir() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and db["NAME"] != ":memory:":
        Path(str(db["NAME"])).parent.mkdir(parents=True, exist_ok=True)


def migrate(verbosity: int = 0) -> None:
    """Create or upgrade the app database schema."""
    setup()
    _ensure_data_dir()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def needs_migration() -> bool:
    setup()
    _ensure_data_dir()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def publish(wh: Any, progress: Any = None, *, full: bool = False, agreements: str = "auto") -> dict[str, Any]:
    """Load a warehouse's (a ``Warehouse`` or its folder) latest results into the app database; ``full``
    rewrites every employer row instead of the changed ones; ``agreements``: auto, always or skip."""
    setup()
    if needs_migration():
        migrate()
    from labormap.warehouse import Warehouse
    from labormap.web.employers.publish import publish as _publish

    return _publish(
        wh if isinstance(wh, Warehouse) else Warehouse(wh),
        progress=progress,
        full=full,
        agreements=agreements,
    )


def create_demo_accounts() -> list[dict[str, str]]:
    """Demo accounts, one per role (password ``demo``); refused outside demo mode."""
    setup()
    if needs_migration():
        migrate()
    from labormap.web.accounts.demo import create_demo_accounts as _create

    return _create(DEMO_PASSWORD)


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 2, timeout: int = 60) -> None:
    """Run the app under gunicorn (migrating first if needed); blocks until stopped."""
    setup()
    from django.conf import settings

    from labormap.web.conf import ConfigError

    if not settings.ALLOWED_HOSTS:
        raise ConfigError(
            "LABORMAP_ALLOWED_HOSTS is not set: list the host names the app is reached by, "
            "e.g. LABORMAP_ALLOWED_HOSTS=labormap.example.kz"
        )
    if needs_migration():
        migrate()
    from gunicorn.app.base import BaseApplication

    from labormap.web.wsgi import application

    class _App(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("timeout", timeout)
            self.cfg.set("accesslog", "-")
            # gunicorn's heartbeat files on tmpfs (its documented advice for containers), not data
            shm = "/dev/shm"  # noqa: S108
            self.cfg.set("worker_tmp_dir", shm if Path(shm).is_dir() else None)
            self.cfg.set("forwarded_allow_ips", os.environ.get("LABORMAP_FORWARDED_ALLOW_IPS", "127.0.0.1"))

        def load(self) -> Any:
            return application

    sys.argv = [sys.argv[0]]  # gunicorn parses argv; ours belong to typer
    # The migration check above opened a database connection in this (master) process; forked workers
    # would inherit and share its socket, mixing their queries' results under load (bench_load.py found
    # it). Each worker opens its own.
    from django.db import connections

    connections.close_all()
    _App().run()
