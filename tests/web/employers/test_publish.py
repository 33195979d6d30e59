"""Publishing: what lands in the app database, idempotence, alerts, and all-or-nothing on a crash."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from labormap.web.alerts.models import Alert
from labormap.web.employers.models import (
    ContractorLink,
    Employer,
    EmployerFigures,
    EmployerReason,
    MediaSignal,
    PeerMedian,
    ScoreHistory,
    Snapshot,
)
from labormap.web.employers.publish import PublishError, publish
from tests.web.world import level_of

pytestmark = pytest.mark.django_db


def test_publish_loads_employers_scores_history_and_figures(world: dict[str, Any]) -> None:
    bins, dates, scores = world["bins"], world["dates"], world["scores"]
    assert Employer.objects.count() == len(bins)
    assert sorted(Snapshot.objects.values_list("as_of", flat=True)) == dates
    assert ScoreHistory.objects.count() == len(bins) * len(dates)
    last = dates[-1]
    for b in bins[:10]:
        e = Employer.objects.get(bin=b)
        assert e.score == round(scores[last][b])  # whole points, as the pages show it
        assert e.level == level_of(scores[last][b])
        assert e.scored_on == last
        assert e.region == world["info"][b]["region"]
        assert e.sector == world["info"][b]["sector"]
        assert e.reasons[0]["code"] == "late_contributions" and e.reasons[0]["text_kk"]
    # headcount comes from the features table and decides the size class
    e0 = Employer.objects.get(bin=bins[0])
    assert e0.headcount == 10 and e0.size == "micro"
    assert EmployerFigures.objects.get(employer_id=bins[0]).data["median_wage"] == 250_000.0
    # medians: one row per (region, sector) pair present, per region, per sector, and the whole country
    assert PeerMedian.objects.filter(region="", sector="").get().employers == len(bins)
    assert PeerMedian.objects.filter(region="47", sector="").get().employers == sum(
        1 for b in bins if world["info"][b]["region"] == "47"
    )
    assert EmployerReason.objects.filter(code="late_contributions").count() == len(bins)
    assert MediaSignal.objects.count() == 2
    assert ContractorLink.objects.filter(customer_bin=bins[0]).count() == 4
    assert Snapshot.objects.get(as_of=last).counts["high"] == sum(
        1 for s in scores[last].values() if level_of(s) == "high"
    )


def test_level_streaks(world: dict[str, Any]) -> None:
    bins, dates, scores = world["bins"], world["dates"], world["scores"]
    jumper = Employer.objects.get(bin=bins[3])  # low, low, then 90 in the last snapshot
    assert jumper.level == "high" and jumper.level_since == dates[-1]
    assert jumper.level_before == level_of(scores[dates[-2]][bins[3]])
    assert jumper.ever_high


def test_alerts_for_new_high_jumps_and_media(world: dict[str, Any]) -> None:
    bins, last = world["bins"], world["dates"][-1]
    kinds = {(a.kind, a.employer_id) for a in Alert.objects.all()}
    assert ("new_high", bins[3]) in kinds
    assert ("jump", bins[3]) in kinds
    assert ("media", bins[6]) in kinds and ("media", bins[7]) in kinds
    jump = Alert.objects.get(kind="jump", employer_id=bins[3])
    assert jump.as_of == last and jump.score_change is not None and jump.score_change >= 15


def test_publishing_twice_changes_nothing(world: dict[str, Any]) -> None:
    before = (
        Employer.objects.count(),
        ScoreHistory.objects.count(),
        Alert.objects.count(),
        Snapshot.objects.count(),
    )
    again = publish(world["warehouse"])
    assert again["new_snapshots"] == [] and again["alerts"] == 0
    after = (
        Employer.objects.count(),
        ScoreHistory.objects.count(),
        Alert.objects.count(),
        Snapshot.objects.count(),
    )
    assert before == after


def test_a_crash_leaves_the_previous_state(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tests.web.world import REASONS_T

    wh = world["warehouse"]
    before_scores = dict(Employer.objects.values_list("bin", "score"))
    # a newer snapshot arrives, and publishing dies half-way through (after employers were updated)
    new_day = world["dates"][-1] + dt.timedelta(days=7)
    t = pa.table(
        {
            "employer_bin": world["bins"],
            "as_of": [new_day] * len(world["bins"]),
            "probability": [0.01] * len(world["bins"]),
            "score": [1.0] * len(world["bins"]),
            "level": ["low"] * len(world["bins"]),
            "score_prev": [None] * len(world["bins"]),
            "level_prev": [None] * len(world["bins"]),
            "score_change": [None] * len(world["bins"]),
            "method": ["scorecard"] * len(world["bins"]),
            "model_version": ["t"] * len(world["bins"]),
            "reasons": pa.array([[]] * len(world["bins"]), type=REASONS_T),
        }
    )
    name = f"as_of={new_day.isoformat()}"
    with wh.publish("scores", name) as tmp:
        pq.write_table(t, tmp / "scores.parquet")
    try:
        import labormap.web.alerts.compute as compute

        def boom(*a: Any, **k: Any) -> int:
            raise RuntimeError("disk full")

        monkeypatch.setattr(compute, "compute_alerts", boom)
        with pytest.raises(RuntimeError, match="disk full"):
            publish(wh)
        assert dict(Employer.objects.values_list("bin", "score")) == before_scores
        assert not Snapshot.objects.filter(as_of=new_day).exists()
        assert ScoreHistory.objects.filter(as_of=new_day).count() == 0
        # and once the problem is gone, the same publish goes through
        monkeypatch.undo()
        summary = publish(wh)
        assert summary["new_snapshots"] == [new_day.isoformat()]
        assert set(Employer.objects.values_list("level", flat=True)) == {"low"}
        # the previously high employers moved out of the high-risk zone
        assert Employer.objects.filter(level_before="high", level_since=new_day).exists()
    finally:
        import shutil

        shutil.rmtree(wh.derived_dir("scores") / name, ignore_errors=True)


def test_not_a_warehouse(db: Any, tmp_path: Any) -> None:
    from labormap.warehouse import Warehouse

    with pytest.raises(PublishError, match="not a warehouse"):
        publish(Warehouse(tmp_path))


def test_alert_emails_go_to_subscribers_within_scope(db: Any, world_dir: dict[str, Any]) -> None:
    from django.core import mail

    from labormap.web.alerts.models import Subscription
    from tests.web.conftest import make_user

    # subscribed before the publish that raises the alerts
    u35 = make_user("sub35", role="akimat", scope_kind="region", regions="35")
    Subscription.objects.create(user=u35, kinds="new_high,jump,media", email=True)
    other = make_user("subnone", role="akimat", scope_kind="region", regions="11")  # no employers there
    Subscription.objects.create(user=other, email=True)
    mail.outbox.clear()
    summary = publish(world_dir["warehouse"])
    bins35 = {b for b in world_dir["bins"] if world_dir["info"][b]["region"] == "35"}
    assert Alert.objects.filter(employer_id__in=bins35).count() > 0  # the jumper and a media signal are in 35
    assert summary["emails"] == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sub35@example.kz"]
    for b in set(world_dir["bins"]) - bins35:
        assert b not in mail.outbox[0].body
    assert world_dir["bins"][3] in mail.outbox[0].body


def test_runs_on_the_configured_database(db: Any) -> None:
    import os

    from django.db import connection

    wanted = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == wanted
