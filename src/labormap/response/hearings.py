"""Tripartite commission hearings of high-risk employers (Roadmap item 13).

Per region, the engine proposes the employers whose heads the regional tripartite commission should
hear: the highest-risk employers of the region that have not been heard recently. The commission then
records the date, the protocol and its decisions; each decision becomes a follow-up task.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from labormap import levels as risk_levels
from labormap.response.playbook import Due, Text
from labormap.response.tasks import TaskSpec, due_date
from labormap.response.workdays import DEFAULT_CALENDAR, WorkCalendar


@dataclass(frozen=True, slots=True)
class HearingCandidate:
    employer_bin: str
    name: str
    region: str  # 2-digit KATO
    score: float
    level: str
    score_change: float | None = None
    reasons: tuple[str, ...] = ()  # the score's top reasons in words
    open_conflict: bool = False


@dataclass(frozen=True, slots=True)
class HearingProposal:
    candidate: HearingCandidate
    rank: int  # 1 = first in its region
    last_heard_on: date | None


def propose_hearings(
    candidates: Iterable[HearingCandidate],
    last_heard: Mapping[str, date],
    as_of: date,
    *,
    per_region: int = 5,
    cooldown_days: int = 180,
    levels: tuple[str, ...] = (risk_levels.HIGH,),
) -> dict[str, list[HearingProposal]]:
    """Up to ``per_region`` proposals per region, ordered by priority.

    Eligible: level in ``levels`` and not heard in the ``cooldown_days`` before ``as_of``. Priority: an open
    conflict first, then the higher level, the higher score, the larger rise of the score, then the BIN
    (so equal inputs always give the same list).
    """
    since = as_of - timedelta(days=cooldown_days)
    by_region: dict[str, list[HearingCandidate]] = {}
    for c in candidates:
        heard = last_heard.get(c.employer_bin)
        if c.level not in levels or (heard is not None and since < heard <= as_of):
            continue
        by_region.setdefault(c.region, []).append(c)
    out: dict[str, list[HearingProposal]] = {}
    for region in sorted(by_region):
        ranked = sorted(
            by_region[region],
            key=lambda c: (
                not c.open_conflict,
                risk_levels.rank(c.level),  # most severe first (labormap.levels)
                -c.score,
                -(c.score_change or 0.0),
                c.employer_bin,
            ),
        )[:per_region]
        out[region] = [
            HearingProposal(c, i + 1, last_heard.get(c.employer_bin)) for i, c in enumerate(ranked)
        ]
    return out


@dataclass(frozen=True, slots=True)
class HearingDecision:
    """One decision of the commission's protocol: what, by whom, by when."""

    text: str
    body: str
    due: Due


def follow_up_tasks(
    decisions: Iterable[HearingDecision], held_on: date, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> list[TaskSpec]:
    """Tasks that carry out the protocol's decisions, due counted from the hearing date."""
    out = []
    for i, d in enumerate(decisions):
        out.append(
            TaskSpec(
                code=f"hearing_decision_{i + 1}",
                rule_id="hearing",
                action=Text(d.text),
                body=d.body,
                due_on=due_date(held_on, d.due, calendar),
                document=Text(
                    "Информация об исполнении решения трёхсторонней комиссии",
                    "Үшжақты комиссия шешімінің орындалуы туралы ақпарат",
                ),
                escalate_to=None,
                seq=i,
            )
        )
    return sorted(out, key=lambda t: (t.due_on, t.seq))
