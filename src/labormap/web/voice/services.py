"""Voice logic for the web: tokens and posters, the throttle, answers to the warehouse through an ingest
drop, the index read from the warehouse (with the anonymity rule of labormap.voice.index), appeals."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from labormap.voice import appeals as engine_appeals
from labormap.voice.index import MIN_RESPONDENTS, GroupIndex, index_by, trend, waves
from labormap.voice.questionnaire import current, parse_wave, wave_of
from labormap.web.voice.models import Appeal, PendingSheet, SurveyToken, ThrottleHit, TokenBatch, Wave

__all__ = ["MIN_RESPONDENTS"]
log = logging.getLogger("labormap.voice")

# Abuse limits (docs/voice.md): per token, per hashed client address, per poster and address.
TOKEN_TRIES_PER_HOUR = 5
ADDRESS_SUBMITS_PER_HOUR = 20
POSTER_TOKENS_PER_DAY = 3  # links one address may draw from one poster in a day
APPEALS_PER_DAY = 5  # per hashed address
MAX_BODY_BYTES = 16_384  # a survey or an appeal fits easily; anything bigger is refused unread
MAX_BATCH = 2000


class Unavailable(RuntimeError):
    """No warehouse configured or readable: pages say so instead of failing."""


def _salt() -> bytes:
    # A secret salt so a stored hash cannot be reversed by hashing all 4 billion IPv4 addresses.
    own = getattr(settings, "LABORMAP_VOICE_SALT", "")
    base = (
        own or hmac.new(settings.SECRET_KEY.encode(), b"labormap.voice.throttle", hashlib.sha256).hexdigest()
    )
    return base.encode()


def hashed(kind: str, value: str) -> str:
    return hmac.new(_salt(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def allow(kind: str, value: str | None, limit: int, window_s: int) -> bool:
    """Count one attempt under HMAC(kind:value); False once ``limit`` attempts fall within the window."""
    if not value:
        return True
    key = hashed(kind, value)
    now = timezone.now()
    ThrottleHit.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()  # nothing older than a day
    n = ThrottleHit.objects.filter(key=key, at__gte=now - dt.timedelta(seconds=window_s)).count()
    if n >= limit:
        return False
    ThrottleHit.objects.create(key=key, at=now)
    return True


def new_code(n: int = 16) -> str:
    return secrets.token_urlsafe(n)[: n * 4 // 3].replace("-", "x").replace("_", "y")


def wave_for(code: str | None = None) -> Wave:
    c = code or wave_of(timezone.localdate())
    parse_wave(c)
    return Wave.objects.get_or_create(code=c, defaults={"questionnaire_version": current().version})[0]


@transaction.atomic
def new_batch(employer_bin: str, wave: Wave, size: int, user: Any) -> TokenBatch:
    size = max(0, min(int(size), MAX_BATCH))
    b = TokenBatch.objects.create(
        wave=wave, employer_bin=employer_bin, poster_code=new_code(12), size=size, created_by=user
    )
    SurveyToken.objects.bulk_create([SurveyToken(batch=b, token=new_code(20)) for _ in range(size)])
    return b


def poster_token(batch: TokenBatch) -> SurveyToken:
    """A fresh one-time token drawn from a poster visit."""
    return SurveyToken.objects.create(batch=batch, token=new_code(20), from_poster=True)


def warehouse() -> Any:
    from labormap.warehouse import Warehouse

    path = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if not path:
        raise Unavailable("LABORMAP_WAREHOUSE is not set")
    wh = Warehouse(str(path))
    if not wh.exists():
        raise Unavailable(f"{path} is not a warehouse")
    return wh


@transaction.atomic
def submit(token: SurveyToken, answers: dict[str, int | None]) -> None:
    """Mark the token used and keep the sheet for the drop: both or neither (one answer per token)."""
    locked = SurveyToken.objects.select_for_update().get(pk=token.pk)
    if locked.used:
        raise ValueError("token already used")
    locked.used = True
    locked.save(update_fields=["used"])
    PendingSheet.objects.create(
        sheet_id="web-" + secrets.token_hex(8),
        employer_bin=locked.batch.employer_bin,
        wave=locked.batch.wave.code,
        answered_on=timezone.localdate(),
        answers=answers,
    )


def flush() -> int:
    """Ingest every pending sheet into the warehouse as one ``surveys`` drop, then delete them here.

    Runs after each answer (a drop of one row takes well under a second) and from the demo; a lock file
    keeps two requests from ingesting at once. Returns the number of sheets ingested (0 without a
    warehouse: the sheets wait)."""
    try:
        wh = warehouse()
    except Unavailable:
        return 0
    from labormap.voice.drop import ingest_sheets

    lock = Path(wh.root) / ".voice-drop.lock"
    with lock.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            rows = list(PendingSheet.objects.all()[:5000])
            if not rows:
                return 0
            sheets = [
                {
                    "sheet_id": r.sheet_id,
                    "employer_bin": r.employer_bin,
                    "wave": r.wave,
                    "answered_on": r.answered_on,
                    **r.answers,
                }
                for r in rows
            ]
            try:
                ingest_sheets(wh, sheets, source="voice-web")
            except Exception:  # the worker's answer is kept; the next answer or the demo retries the drop
                log.exception("voice: ingest of %d pending sheets failed; they stay pending", len(rows))
                return 0
            PendingSheet.objects.filter(pk__in=[r.pk for r in rows]).delete()
            return len(rows)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --- the index (always through labormap.voice.index: the anonymity rule is applied there) --------------
# Opening a warehouse connection builds a view over every registry's files (~70 ms); the employer card
# asks for the voice trend on every view, so each process keeps one connection and hands out cursors
# (DuckDB's thread-safe handles on the same in-memory database). It is rebuilt when the manifest changes
# (an ingest committed new files) and at least every CON_TTL_S seconds (derived datasets swap files
# without touching the manifest).
CON_TTL_S = 60.0
_CON: tuple[tuple[object, ...], Any] | None = None
_CON_LOCK = threading.Lock()


def _con() -> Any:
    global _CON
    wh = warehouse()
    try:
        st = wh.manifest_path.stat()
        version: tuple[object, ...] = (
            str(wh.root),
            st.st_ino,
            st.st_mtime_ns,
            st.st_size,
            time.monotonic() // CON_TTL_S,
        )
    except OSError:
        return wh.connect()
    with _CON_LOCK:
        if _CON is None or _CON[0] != version:
            _CON = (version, wh.connect())
        return _CON[1].cursor()


def known_waves() -> list[str]:
    try:
        return waves(_con())
    except Unavailable:
        return []


def index_rows(by: str, wave: str, bins: Iterable[str] | None) -> list[GroupIndex]:
    return index_by(_con(), by, wave, bins)


def employer_trend(bin_: str) -> list[GroupIndex]:
    return trend(_con(), "employer", bin_, [bin_])


# --- appeals ----------------------------------------------------------------------------------------------
def save_triaged(t: engine_appeals.Triaged) -> Appeal:
    from labormap.web.employers.models import Employer

    e = Employer.objects.filter(bin=t.employer_bin).first() if t.employer_bin else None
    a = Appeal.objects.create(
        receipt=engine_appeals.receipt_code(),
        external_id=t.external_id[:100],
        channel=t.channel,
        received_on=t.received_on,
        employer_bin=t.employer_bin or "",
        region=(e.region if e else "") or "",
        sector=(e.sector if e else "") or "",
        text=t.text,
        labour=t.labour,
        kind=t.kind,
        body=t.body,
        due_on=t.due_on or t.received_on,
        urgent=t.urgent,
        status="routed",
    )
    from labormap.web.voice.alerts import appeal_alert

    appeal_alert(a.employer_bin, a.received_on)
    return a


_TRIAGE: engine_appeals.Triage | None = None


def triage() -> engine_appeals.Triage:
    """One analyser per process (lexicons and the employer index take a moment to build)."""
    global _TRIAGE
    if _TRIAGE is None:
        try:
            wh: Any = warehouse()
        except Unavailable:
            wh = None
        _TRIAGE = engine_appeals.Triage(wh)
    return _TRIAGE


def take_appeal(text: str, employer_bin: str | None, channel: str) -> Appeal:
    raw = engine_appeals.RawAppeal(
        f"{channel}:{secrets.token_hex(4)}", timezone.localdate(), channel, text, employer_bin
    )
    return save_triaged(triage().triage(raw))


def spam(text: str) -> bool:
    """A simple filter: too short, several links, or one character repeated (keyboard mashing)."""
    t = text.strip()
    if len(t) < 15:
        return True
    if t.lower().count("http") > 2:
        return True
    return len(set(t.replace(" ", ""))) < 5
