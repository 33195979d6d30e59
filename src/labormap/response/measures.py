"""Measures taken per employer and what they achieved (Roadmap items 1 and 10).

Two figures the ministry reports are defined here, once:

* **moved out of the high-risk zone**: an employer with a measure taken in the period that was at the
  ``high`` level in the latest snapshot on or before the measure, and is no longer ``high`` in the latest
  snapshot of the period, published after the measure. The final state counts: an employer that left
  the zone and came back by the end of the period is not counted; an employer missing from the final
  snapshot (liquidated, out of data) is not counted either.
* **conflicts prevented / resolved**: cases closed in the period with the outcome ``prevented`` /
  ``resolved``; ``escalated`` counts cases closed as escalated, ``ongoing`` the cases open at the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from labormap.levels import HIGH
from labormap.reference import OUTCOMES
from labormap.reference.names import Labelled


@dataclass(frozen=True, slots=True)
class MeasureKind(Labelled):
    DOMAIN: ClassVar[str] = "measure_kind"
    code: str


MEASURE_KINDS: dict[str, MeasureKind] = {
    k.code: k
    for k in [
        MeasureKind("inspection"),
        MeasureKind("meeting"),
        MeasureKind("hearing"),
        MeasureKind("order"),
        MeasureKind("agreement_signed"),
        MeasureKind("repayment"),
    ]
}


@dataclass(frozen=True, slots=True)
class Measure:
    employer_bin: str
    kind: str
    taken_on: date
    body: str | None = None
    case_id: str | None = None
    measure_id: str = ""


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """What the accounting needs of a case (the web app keeps the full case)."""

    case_id: str
    employer_bin: str
    opened_on: date
    closed_on: date | None
    outcome: str  # one of labormap.reference.OUTCOMES
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class MovedOut:
    employer_bin: str
    measure_on: date  # the first measure of the period taken while the employer was high
    high_on: date  # the snapshot that showed it high
    left_on: date  # the final snapshot that shows it out of the zone
    level_now: str


def needed_snapshots(measures: Iterable[Measure], dates: list[date], end: date) -> set[date]:
    """The snapshot dates :func:`moved_out_of_high` looks at, so callers read only those."""
    from labormap.response.snapshots import latest_on_or_before

    need = set()
    final = latest_on_or_before(dates, end)
    if final:
        need.add(final)
    for m in measures:
        d = latest_on_or_before(dates, m.taken_on)
        if d:
            need.add(d)
    return need


def moved_out_of_high(
    measures: Iterable[Measure],
    levels: Mapping[date, Mapping[str, str]],
    start: date,
    end: date,
) -> list[MovedOut]:
    """Employers moved out of the high-risk zone in [start, end] after a measure (definition above).

    ``levels`` maps snapshot dates to {employer BIN: level}; it needs at least the snapshots
    :func:`needed_snapshots` names, for the measured employers.
    """
    from labormap.response.snapshots import latest_on_or_before

    dates = sorted(levels)
    final = latest_on_or_before(dates, end)
    if final is None:
        return []
    first_high: dict[str, tuple[date, date]] = {}
    for m in sorted(measures, key=lambda m: (m.taken_on, m.employer_bin)):
        if not start <= m.taken_on <= end or m.employer_bin in first_high:
            continue
        before = latest_on_or_before(dates, m.taken_on)
        if before is None or levels[before].get(m.employer_bin) != HIGH:
            continue
        first_high[m.employer_bin] = (m.taken_on, before)
    out = []
    for bin_, (taken, before) in sorted(first_high.items()):
        now = levels[final].get(bin_)
        if final > taken and now is not None and now != HIGH:
            out.append(MovedOut(bin_, taken, before, final, now))
    return out


@dataclass(frozen=True)
class MeasureSummary:
    start: date
    end: date
    by_kind: dict[str, int]
    employers_with_measures: int
    moved_out: list[MovedOut]
    outcomes: dict[
        str, int
    ]  # prevented / resolved / escalated: closed in the period; ongoing: open at the end
    measures: list[Measure] = field(default_factory=list)

    @property
    def prevented(self) -> int:
        return self.outcomes.get("prevented", 0)

    @property
    def resolved(self) -> int:
        return self.outcomes.get("resolved", 0)


def summarise(
    measures: Iterable[Measure],
    cases: Iterable[CaseRecord],
    levels: Mapping[date, Mapping[str, str]],
    start: date,
    end: date,
) -> MeasureSummary:
    """The measures-taken figures for [start, end]; callers pass only in-scope measures and cases."""
    in_period = sorted(
        (m for m in measures if start <= m.taken_on <= end), key=lambda m: (m.taken_on, m.employer_bin)
    )
    by_kind = Counter(m.kind for m in in_period)
    outcomes: Counter[str] = Counter({k: 0 for k in OUTCOMES})
    for c in cases:
        if c.opened_on > end:
            continue
        if c.closed_on is None or c.closed_on > end:
            outcomes["ongoing"] += 1
        elif c.closed_on >= start and c.outcome in ("prevented", "resolved", "escalated"):
            outcomes[c.outcome] += 1
    return MeasureSummary(
        start=start,
        end=end,
        by_kind={k: by_kind.get(k, 0) for k in MEASURE_KINDS}
        | {k: v for k, v in by_kind.items() if k not in MEASURE_KINDS},
        employers_with_measures=len({m.employer_bin for m in in_period}),
        moved_out=moved_out_of_high(in_period, levels, start, end),
        outcomes=dict(outcomes),
        measures=in_period,
    )
