"""``labormap web manage voice_tokens --employer BIN --wave YYYY-H1|H2 --size N --base-url URL [--poster F.pdf]``:
a batch of one-time survey links for an employer (printed one a line) and, optionally, its A4 poster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse


class Command(BaseCommand):
    help = "Create one-time survey links (and the poster) for an employer and wave."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employer", required=True)
        parser.add_argument("--wave", required=True)
        parser.add_argument("--size", type=int, default=50)
        parser.add_argument("--base-url", required=True, help="e.g. https://labormap.example")
        parser.add_argument("--poster", type=Path, default=None)

    def handle(self, *args: Any, **o: Any) -> None:
        from labormap.voice.poster import poster_pdf
        from labormap.voice.questionnaire import WaveError, parse_wave
        from labormap.web.employers.models import Employer
        from labormap.web.voice import services

        try:
            parse_wave(o["wave"])
        except WaveError as err:
            raise CommandError(str(err)) from None
        e = Employer.objects.filter(bin=o["employer"]).first()
        if e is None:
            raise CommandError(f"no employer {o['employer']} in the app database (publish first)")
        base = str(o["base_url"]).rstrip("/")
        b = services.new_batch(e.bin, services.wave_for(o["wave"]), o["size"], None)
        for t in b.tokens.all().order_by("pk"):
            self.stdout.write(base + reverse("voice:survey", args=[t.token]))
        poster_url = base + reverse("voice:poster_landing", args=[b.poster_code])
        if o["poster"] is not None:
            o["poster"].write_bytes(poster_pdf(poster_url, e.name, b.wave.code))
        self.stderr.write(f"{b.size} links; poster link {poster_url}")
