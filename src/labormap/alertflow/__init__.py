"""The life of an alert, from raised to closed with an outcome (issue 17, item 3).

An alert is *new* when publishing raises it; a user then **acknowledges** it (someone has read it),
**assigns** it to a person, **verifies** it with an outcome — ``confirmed`` (a real problem; may open a
case), ``false_alarm`` or ``in_hand`` (already being handled elsewhere) — and **closes** it. Zhejiang's
wage-arrears platform is the bar: every valid warning closed with a verified outcome.

Overdue rule (documented in docs/operations.md): an alert not acknowledged within
:data:`ACK_WORKDAYS` working days of being raised (Kazakhstan's calendar with holidays and transfer
decrees, labormap.response.workdays) is *overdue* and escalates once. Two working days because the
daily cycle runs every night: a weekday alert is seen the next morning, and one more day covers absence.

This module is framework-free (no Django): the web app stores the states, this module says which moves
are allowed, when an alert is overdue and what the dashboard's figures are.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from labormap.response.workdays import DEFAULT_CALENDAR, WorkCalendar

NEW, ACKNOWLEDGED, ASSIGNED, VERIFIED, CLOSED = "new", "acknowledged", "assigned", "verified", "closed"
STATUSES: tuple[str, ...] = (NEW, ACKNOWLEDGED, ASSIGNED, VERIFIED, CLOSED)
OPEN_STATUSES: tuple[str, ...] = (NEW, ACKNOWLEDGED, ASSIGNED, VERIFIED)

CONFIRMED, FALSE_ALARM, IN_HAND = "confirmed", "false_alarm", "in_hand"
OUTCOMES: tuple[str, ...] = (CONFIRMED, FALSE_ALARM, IN_HAND)

ACTIONS: tuple[str, ...] = ("acknowledge", "assign", "verify", "close")

# Which status each action may start from and where it leads. Assigning may also re-assign, and verifying
# straight from "acknowledged" is allowed: a person who can check at once need not assign to themself.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "acknowledge": (frozenset({NEW}), ACKNOWLEDGED),
    "assign": (frozenset({NEW, ACKNOWLEDGED, ASSIGNED}), ASSIGNED),
    "verify": (frozenset({ACKNOWLEDGED, ASSIGNED}), VERIFIED),
    "close": (frozenset({VERIFIED}), CLOSED),
}

ACK_WORKDAYS = 2

# Age of open alerts on the dashboard, in calendar days since raised: (code, lowest age in days).
AGE_BUCKETS: tuple[tuple[str, int], ...] = (("d0_2", 0), ("d3_7", 3), ("d8_30", 8), ("d31", 31))


class TransitionError(ValueError):
    """An action not allowed from the alert's current status (or an unknown outcome)."""


def next_status(status: str, action: str, outcome: str | None = None) -> str:
    """The status after ``action``; raises :class:`TransitionError` when not allowed."""
    if action not in TRANSITIONS:
        raise TransitionError(f"unknown action {action!r}")
    allowed, target = TRANSITIONS[action]
    if status not in allowed:
        raise TransitionError(f"cannot {action} an alert that is {status}")
    if action == "verify" and outcome not in OUTCOMES:
        raise TransitionError(f"verifying needs an outcome, one of {', '.join(OUTCOMES)}")
    return target


def allowed_actions(status: str) -> list[str]:
    return [a for a in ACTIONS if status in TRANSITIONS[a][0]]


def ack_due(raised_on: dt.date, cal: WorkCalendar = DEFAULT_CALENDAR) -> dt.date:
    """The last day to acknowledge an alert raised on ``raised_on``."""
    return cal.add_workdays(raised_on, ACK_WORKDAYS)


def is_overdue(status: str, raised_on: dt.date, today: dt.date, cal: WorkCalendar = DEFAULT_CALENDAR) -> bool:
    """Still new (nobody acknowledged it) after its acknowledgement deadline."""
    return status == NEW and today > ack_due(raised_on, cal)


def age_bucket(raised_on: dt.date, today: dt.date) -> str:
    age = (today - raised_on).days
    code = AGE_BUCKETS[0][0]
    for c, lo in AGE_BUCKETS:
        if age >= lo:
            code = c
    return code


@dataclass(frozen=True)
class AlertFacts:
    """What the figures need of one alert: when it was raised, its status, when it was verified."""

    status: str
    raised_on: dt.date
    created_at: dt.datetime
    verified_at: dt.datetime | None = None


@dataclass(frozen=True)
class Stats:
    total: int
    open: int
    closed: int
    closure_rate: float | None  # closed / total; None without alerts
    median_hours_to_verify: float | None  # over verified (or closed) alerts; None when none
    open_by_age: dict[str, int]


def stats(alerts: Iterable[AlertFacts], today: dt.date) -> Stats:
    """The dashboard's figures: open alerts by age, closure rate, median time to verification."""
    rows: Sequence[AlertFacts] = list(alerts)
    by_age = {code: 0 for code, _lo in AGE_BUCKETS}
    hours: list[float] = []
    closed = 0
    for a in rows:
        if a.status == CLOSED:
            closed += 1
        if a.status in OPEN_STATUSES:
            by_age[age_bucket(a.raised_on, today)] += 1
        if a.verified_at is not None:
            hours.append((a.verified_at - a.created_at).total_seconds() / 3600)
    return Stats(
        total=len(rows),
        open=sum(by_age.values()),
        closed=closed,
        closure_rate=closed / len(rows) if rows else None,
        median_hours_to_verify=statistics.median(hours) if hours else None,
        open_by_age=by_age,
    )
