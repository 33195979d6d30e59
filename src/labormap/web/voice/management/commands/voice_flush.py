"""``labormap web manage voice_flush``: ingest answers still waiting for the ``surveys`` drop (after a failed
drop, or when answers were taken while no warehouse was configured)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ingest pending survey answers into the warehouse as a surveys drop."

    def handle(self, *args: Any, **o: Any) -> None:
        from labormap.web.voice import services
        from labormap.web.voice.models import PendingSheet

        n = services.flush()
        self.stdout.write(f"{n} sheets ingested; {PendingSheet.objects.count()} pending")
