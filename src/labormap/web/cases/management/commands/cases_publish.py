"""``labormap web manage cases_publish --warehouse WH``: publish measures and cases for the command-line reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from labormap.web.cases.services import publish_to_warehouse


class Command(BaseCommand):
    help = "Write the measures and cases datasets (codes, dates, BINs) into the warehouse."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--warehouse", default=None, help="Warehouse folder (default LABORMAP_WAREHOUSE)."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = opts["warehouse"] or settings.LABORMAP_WAREHOUSE
        if not path:
            raise CommandError("give --warehouse or set LABORMAP_WAREHOUSE")
        if not Path(path).exists():
            raise CommandError(f"{path} does not exist")
        m, c = publish_to_warehouse(path)
        self.stdout.write(f"published {m} measure(s) and {c} case(s) into {path}")
