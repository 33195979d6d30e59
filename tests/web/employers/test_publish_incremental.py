"""A daily publish writes only what changed: unchanged employer rows are not rewritten, a changed one is,
streaks stay right across snapshots, and a crash half-way leaves the last good state (hashes included)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from labormap.web.employers import publish as publish_mod
from labormap.web.employers.models import Employer, EmployerReason, ScoreHistory
from labormap.web.employers.publish import publish
from tests.web.world import REASONS_T, level_of

pytestmark = pytest.mark.django_db

SENTINEL = "not rewritten"


def _reason(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "contribution": 5.0,
        "value": 1.0,
        "text_ru": code,
        "text_kk": code,
        "text_en": code,
    }


@pytest.fixture
def add_snapshot(world: dict[str, Any]) -> Iterator[Any]:
    """Writes a new score snapshot into the shared test warehouse, removed again after the test."""
    wh = world["warehouse"]
    written: list[str] = []
    prev: dict[str, float] = dict(world["scores"][world["dates"][-1]])

    def add(day: dt.date, scores: dict[str, float], reasons: dict[str, list[str]] | None = None) -> None:
        bins = world["bins"]
        codes = reasons or {}
        t = pa.table(
            {
                "employer_bin": bins,
                "as_of": [day] * len(bins),
                "probability": [scores[b] / 100 for b in bins],
                "score": [scores[b] for b in bins],
                "level": [level_of(scores[b]) for b in bins],
                "score_prev": [prev[b] for b in bins],
                "level_prev": [level_of(prev[b]) for b in bins],
                "score_change": [scores[b] - prev[b] for b in bins],
                "method": ["scorecard"] * len(bins),
                "model_version": ["test-1"] * len(bins),
                "reasons": pa.array(
                    [[_reason(c) for c in codes.get(b, ["late_contributions"])] for b in bins], type=REASONS_T
                ),
            }
        )
        name = f"as_of={day.isoformat()}"
        written.append(name)
        with wh.publish("scores", name) as tmp:
            pq.write_table(t, tmp / "scores.parquet")
        prev.clear()
        prev.update(scores)

    yield add
    for name in written:
        shutil.rmtree(wh.derived_dir("scores") / name, ignore_errors=True)


def test_a_daily_publish_rewrites_only_the_changed_employers(
    world: dict[str, Any], add_snapshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bins, last = world["bins"], world["dates"][-1]
    base = {b: float(round(s)) for b, s in world["scores"][last].items()}
    mover = next(b for b in bins if base[b] < 60)  # goes from below "high" to high on day 2
    day0, day1, day2, day3 = (last + dt.timedelta(days=k) for k in (1, 2, 3, 4))

    # days 0 and 1: every score moves to a whole point and a fraction (rows change: the change vs the
    # day before and, near a threshold, the level do; after two such days they have settled)
    add_snapshot(day0, {b: s + 0.2 for b, s in base.items()})
    publish(world["warehouse"])
    add_snapshot(day1, {b: s + 0.15 for b, s in base.items()})
    publish(world["warehouse"])
    Employer.objects.update(search=SENTINEL)  # not part of the hash: survives unless publish rewrites the row
    reasons_before = EmployerReason.objects.count()

    # day 2: moves too small to see for everyone, one employer jumps to high with a new reason
    day2_scores = {b: s + 0.1 for b, s in base.items()} | {mover: 95.4}
    add_snapshot(day2, day2_scores, {mover: ["arrears_open_cases", "late_contributions"]})

    # a crash half-way (after the employers were written) leaves the last good state, hashes included
    def boom(*a: Any, **k: Any) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(publish_mod, "_publish_figures", boom)
    hashes = dict(Employer.objects.values_list("bin", "row_hash"))
    with pytest.raises(RuntimeError, match="disk full"):
        publish(world["warehouse"])
    assert dict(Employer.objects.values_list("bin", "row_hash")) == hashes
    assert Employer.objects.get(bin=mover).level != "high"
    assert not ScoreHistory.objects.filter(as_of=day2).exists()
    monkeypatch.undo()

    summary = publish(world["warehouse"])
    assert summary["new_snapshots"] == [day2.isoformat()]
    assert summary["employers_changed"] == 1
    untouched = Employer.objects.exclude(bin=mover)
    assert set(untouched.values_list("search", flat=True)) == {SENTINEL}
    # …and what they show is still right for day 2: the date, the whole-point score, no change
    other = next(b for b in bins if b != mover)
    e0 = untouched.get(bin=other)
    assert e0.scored_on == day2 and e0.score == base[other] and e0.score_change == 0
    # the exact score and probability stay in the history
    assert ScoreHistory.objects.get(employer_id=other, as_of=day2).score == pytest.approx(base[other] + 0.1)
    assert e0.probability == pytest.approx((base[other] + 0.1) / 100)

    m = Employer.objects.get(bin=mover)
    assert SENTINEL not in m.search  # rewritten
    assert (m.score, m.level, m.level_prev) == (95.0, "high", level_of(base[mover] + 0.2))
    assert m.score_change == 95.0 - base[mover] and m.level_since == day2 and m.ever_high
    assert m.top_reason == "arrears_open_cases"
    assert set(EmployerReason.objects.filter(employer_id=mover).values_list("code", flat=True)) == {
        "arrears_open_cases",
        "late_contributions",
    }
    assert EmployerReason.objects.count() == reasons_before + 1

    # day 3: the mover stays high; the streak still starts on day 2, and nothing else is rewritten
    add_snapshot(day3, day2_scores | {mover: 96.2}, {mover: ["arrears_open_cases", "late_contributions"]})
    summary = publish(world["warehouse"])
    assert summary["employers_changed"] == 1
    m = Employer.objects.get(bin=mover)
    assert (m.level, m.level_since, m.level_before, m.level_prev) == (
        "high",
        day2,
        level_of(base[mover] + 0.2),
        "high",
    )
    assert m.score == 96.0 and m.score_change == 1.0
    assert Employer.objects.exclude(search=SENTINEL).count() == 1


def test_full_publish_rewrites_every_row(world: dict[str, Any]) -> None:
    Employer.objects.update(search=SENTINEL)
    again = publish(world["warehouse"])
    assert again["employers_changed"] == 0  # nothing new: nothing written
    assert Employer.objects.filter(search=SENTINEL).count() == len(world["bins"])
    full = publish(world["warehouse"], full=True)
    assert full["employers_changed"] == len(world["bins"])
    assert not Employer.objects.filter(search=SENTINEL).exists()
    assert EmployerReason.objects.filter(code="late_contributions").count() == len(world["bins"])


def test_an_employer_gone_from_the_warehouse_keeps_no_score(world: dict[str, Any]) -> None:
    Employer.objects.create(bin="999999999999", name="Gone", score=50.0, level="moderate", row_hash="x")
    EmployerReason.objects.create(employer_id="999999999999", code="late_contributions")
    summary = publish(world["warehouse"])
    assert summary["employers_changed"] == 1
    gone = Employer.objects.get(bin="999999999999")
    assert gone.score is None and gone.level is None and gone.scored_on is None
    assert not EmployerReason.objects.filter(employer_id="999999999999").exists()
    assert publish(world["warehouse"])["employers_changed"] == 0  # and stays that way


def test_key_figures_of_a_new_day_are_rewritten_only_where_they_changed(
    world: dict[str, Any], add_snapshot: Any
) -> None:
    """A feature table has a new date every day while most figures are monthly: an employer whose figures
    are the same is not rewritten (the hash covers the figures, not their date); one whose figure moved is."""
    wh = world["warehouse"]
    last = world["dates"][-1]
    publish(wh)
    src = wh.derived_dir("features") / f"as_of={last.isoformat()}" / "features.parquet"
    t = pq.read_table(src)
    written: list[str] = []
    try:
        for k, bump in ((1, False), (2, True)):
            day = last + dt.timedelta(days=k)
            cols = {n: t.column(n) for n in t.column_names}
            cols["as_of"] = pa.array([day] * t.num_rows, pa.date32())
            if bump:
                hc = t.column("headcount").to_pylist()
                hc[0] = (hc[0] or 0) + 7
                cols["headcount"] = pa.array(hc, t.schema.field("headcount").type)
            name = f"as_of={day.isoformat()}"
            written.append(name)
            with wh.publish("features", name) as tmp:
                pq.write_table(pa.table(cols), tmp / "features.parquet")
            # figures are read at the latest score snapshot, so the day gets one (scores unchanged)
            add_snapshot(day, dict(world["scores"][last]))
            summary = publish(wh)
            assert summary["latest"] == day.isoformat()
            assert summary["figures_changed"] == (1 if bump else 0), summary
    finally:
        for name in written:
            shutil.rmtree(wh.derived_dir("features") / name, ignore_errors=True)
        publish(wh)
