"""``labormap web manage unions_reminders [--today YYYY-MM-DD]``: raise the expiry reminders due today
(180, 90 and 30 days before a registered collective agreement ends); run it daily (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Raise collective-agreement expiry reminders (180, 90, 30 days before the end)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", default="", help="Date to act as today (YYYY-MM-DD).")

    def handle(self, *args: Any, **opts: Any) -> None:
        from labormap.web.unions.services import raise_reminders

        try:
            today = dt.date.fromisoformat(opts["today"]) if opts["today"] else dt.date.today()
        except ValueError:
            raise CommandError(f"--today must be YYYY-MM-DD, not {opts['today']!r}") from None
        got = raise_reminders(today)
        self.stdout.write(f"{len(got)} reminders raised")
