"""``labormap web manage cases_publish --warehouse WH``: publish measures and cases for the command-line reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from labormap.web.cases.warehouse import publish


class Command(BaseCommand):
    help = (
        "Send conflicts recorded in cases (into the conflicts registry, through ingest), measures and cases "
        "(codes, dates, BINs) into the warehouse."
    )

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
        done = publish(path)
        self.stdout.write(
            f"published {done.measures} measure(s), {done.cases} case(s) and {done.conflicts} conflict(s) "
            f"into {path} (drop {done.drop.name})"
        )
        if done.conflicts_incomplete:
            self.stdout.write(
                f"{done.conflicts_incomplete} conflict case(s) left out: no participant count or no causes yet"
            )
