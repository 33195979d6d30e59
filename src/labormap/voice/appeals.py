"""Workers' appeals: import of call-centre and messenger exports, triage, routing and deadline.

Triage reuses the media classifier (:class:`labormap.media.pipeline.Analyzer`): an appeal is a short
text like a post, so the same lexicons give its labour kind and causes, and the employer index links a
named company when the appeal did not come through an employer's poster. Routing sends it to the body
responsible under the roadmap (response/bodies.py) with a deadline in working days
(response/workdays.py): 15 working days, the general term for considering an appeal under the
Administrative Procedural Code of Kazakhstan (art. 64), and 3 working days for a threatened or started
protest, which the local executive body must take up at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labormap.response.bodies import BODIES
from labormap.response.workdays import DEFAULT_CALENDAR, WorkCalendar

MAX_TEXT = 4000  # characters kept from one appeal: enough for a complaint, too little for a dump
CHANNELS = ("poster", "call_centre", "messenger", "web", "other")
PROTEST_KINDS = ("strike", "hunger_strike", "rally", "strike_threat")
STANDARD_DAYS = 15
URGENT_DAYS = 3

# labour kind → the responsible body (codes of response/bodies.py)
ROUTE = {
    "wage_arrears": "labour_inspection",
    "conditions": "labour_inspection",
    "other_labour": "labour_inspection",
    "layoffs": "mio",
    "strike": "mio",
    "hunger_strike": "mio",
    "rally": "mio",
    "strike_threat": "mio",
    "appeal": "labour_inspection",
    "not_labour": "mtszn",
}


class AppealsError(ValueError):
    """An export that cannot be read (unknown format, no text column)."""


@dataclass(slots=True)
class RawAppeal:
    external_id: str
    received_on: dt.date
    channel: str
    text: str
    employer_bin: str | None = None


@dataclass(slots=True)
class Triaged:
    external_id: str
    received_on: dt.date
    channel: str
    text: str
    employer_bin: str | None
    labour: bool
    kind: str
    causes: list[str] = field(default_factory=list)
    body: str = "mtszn"
    due_on: dt.date | None = None
    urgent: bool = False
    link_confidence: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "external_id": self.external_id,
            "received_on": self.received_on.isoformat(),
            "channel": self.channel,
            "employer_bin": self.employer_bin,
            "labour": self.labour,
            "kind": self.kind,
            "causes": self.causes,
            "body": self.body,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "urgent": self.urgent,
        }


def route(kind: str, received_on: dt.date, cal: WorkCalendar = DEFAULT_CALENDAR) -> tuple[str, dt.date, bool]:
    """(body, due date, urgent) for an appeal of ``kind`` received on ``received_on``."""
    body = ROUTE.get(kind, "labour_inspection")
    assert body in BODIES
    urgent = kind in PROTEST_KINDS
    return body, cal.add_workdays(received_on, URGENT_DAYS if urgent else STANDARD_DAYS), urgent


def receipt_code() -> str:
    """A code the worker keeps to see the answer: 12 characters, no lookalikes, no link to the worker."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Triage:
    """Holds one media analyser (lexicons, employer index) for many appeals."""

    def __init__(self, warehouse: Any | None = None) -> None:
        from labormap.media.linking import EmployerIndex
        from labormap.media.pipeline import Analyzer

        index = EmployerIndex.from_warehouse(warehouse) if warehouse is not None else EmployerIndex([])
        self.analyzer = Analyzer(index, use_ner=False)

    def triage(self, a: RawAppeal, cal: WorkCalendar = DEFAULT_CALENDAR) -> Triaged:
        from labormap.media.lang import detect

        text = a.text[:MAX_TEXT]
        r = self.analyzer.analyse_text(
            a.external_id, text, 0, detect(text), a.received_on.year, a.external_id
        )
        # A poster's link already names the employer; a named company in the text is used otherwise.
        emp = a.employer_bin or (r.employer_bins[0] if r.employer_bins else None)
        body, due, urgent = route(r.kind, a.received_on, cal)
        return Triaged(
            a.external_id,
            a.received_on,
            a.channel,
            text,
            emp,
            r.labour,
            r.kind,
            list(r.causes),
            body,
            due,
            urgent,
            r.link_confidence if not a.employer_bin else 1.0,
        )


_TEXT_KEYS = ("text", "message", "body", "текст", "обращение")
_DATE_KEYS = ("received_on", "received_at", "date", "created_at", "дата")
_ID_KEYS = ("id", "external_id", "message_id", "номер")


def _pick(rec: dict[str, Any], keys: Iterable[str]) -> Any:
    low = {str(k).strip().lower(): v for k, v in rec.items()}
    for k in keys:
        if low.get(k) not in (None, ""):
            return low[k]
    return None


def _date(v: Any) -> dt.date | None:
    if v is None:
        return None
    s = str(v).strip()[:10]
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def _records(name: str, data: bytes) -> Iterator[dict[str, Any]]:
    text = data.decode("utf-8-sig", errors="replace")
    if name.lower().endswith((".jsonl", ".ndjson", ".json")):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise AppealsError(f"line {n}: not JSON ({e.msg})") from None
            if isinstance(obj, dict):
                yield obj
    elif name.lower().endswith(".csv"):
        sample = text[:2048]
        delim = ";" if sample.count(";") > sample.count(",") else ","
        yield from csv.DictReader(io.StringIO(text), delimiter=delim)
    else:
        raise AppealsError(f"{name}: expected a .csv or .jsonl export")


def read_export(
    name: str, data: bytes, channel: str = "call_centre", today: dt.date | None = None
) -> list[RawAppeal]:
    """Appeals of one call-centre or messenger export (CSV or JSON Lines). Rows without text are skipped;
    a phone number or name column is never read (only id, date, text, employer BIN)."""
    if channel not in CHANNELS:
        raise AppealsError(f"channel {channel!r}: expected one of {', '.join(CHANNELS)}")
    out = []
    for i, rec in enumerate(_records(name, data), 1):
        text = _pick(rec, _TEXT_KEYS)
        if not text or not str(text).strip():
            continue
        bin_ = _pick(rec, ("employer_bin", "bin", "бин"))
        bin_s = str(bin_).strip() if bin_ else None
        out.append(
            RawAppeal(
                str(_pick(rec, _ID_KEYS) or f"{name}:{i}"),
                _date(_pick(rec, _DATE_KEYS)) or today or dt.date.today(),
                channel,
                str(text).strip(),
                bin_s if bin_s and bin_s.isdigit() and len(bin_s) == 12 else None,
            )
        )
    if not out:
        raise AppealsError(f"{name}: no appeal with a text column ({', '.join(_TEXT_KEYS)})")
    return out


def import_file(path: Path, channel: str, warehouse: Any | None = None) -> list[Triaged]:
    if not path.is_file():
        raise AppealsError(f"{path}: no such file")
    raw = read_export(path.name, path.read_bytes(), channel)
    t = Triage(warehouse)
    return [t.triage(a) for a in raw]
