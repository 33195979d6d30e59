"""``labormap web manage control_refresh [--warehouse WH] [--month YYYY-MM ...] [--as-of D]``: the daily job
of the control cycle — load the month's findings and the arrears register (raising alerts), measure
self-correction and turn letters not complied with by their due date into inspection tasks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from labormap.control.monthly import ControlError, check_month, shift_month
from labormap.reference.parameters import contribution_deadline
from labormap.web.control import services


class Command(BaseCommand):
    help = "Load control findings and the arrears register, measure self-correction, create inspection tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--warehouse", default=None, help="Warehouse folder (default LABORMAP_WAREHOUSE)."
        )
        parser.add_argument(
            "--month", action="append", default=[], help="Income month(s); default: the last final month."
        )
        parser.add_argument("--as-of", default=None, help="Date the data are taken as known (default today).")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = opts["warehouse"] or settings.LABORMAP_WAREHOUSE
        if not path or not Path(path).exists():
            raise CommandError("give --warehouse or set LABORMAP_WAREHOUSE to an existing folder")
        try:
            as_of = dt.date.fromisoformat(opts["as_of"]) if opts["as_of"] else dt.date.today()
        except ValueError:
            raise CommandError("--as-of: expected YYYY-MM-DD") from None
        months = opts["month"]
        if not months:
            m = f"{as_of:%Y-%m}"
            while contribution_deadline(m) >= as_of:
                m = shift_month(m, -1)
            months = [m]
        try:
            for m in months:
                check_month(m)
                res = services.load_month(path, m, as_of=as_of)
                self.stdout.write(f"{m}: {res['findings']} findings, {res['alerts']} alerts")
            arr = services.load_arrears(path, as_of=as_of)
        except ControlError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"arrears: {arr['cases']} cases, {arr['alerts']} alerts")
        run = services.measure_selfcorrection(path, as_of=as_of)
        if run is not None:
            self.stdout.write(f"self-correction: {run.overall}")
