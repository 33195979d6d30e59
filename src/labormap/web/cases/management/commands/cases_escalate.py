"""``labormap web manage cases_escalate [--date YYYY-MM-DD]``: escalate overdue tasks (run daily from cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from labormap.web.cases.services import run_escalations


class Command(BaseCommand):
    help = "Escalate every open task that is past its due date to the next responsible body."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default=None, help="Treat this day as today (YYYY-MM-DD).")

    def handle(self, *args: Any, **opts: Any) -> None:
        today = dt.date.fromisoformat(opts["date"]) if opts["date"] else dt.date.today()
        done = run_escalations(today)
        self.stdout.write(f"{len(done)} task(s) escalated on {today.isoformat()}")
