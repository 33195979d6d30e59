"""End to end on the real engine: simulate → ingest → score (with history) → publish, for a tiny world."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def scored_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Any:
    simulate = pytest.importorskip("labormap.simulate").simulate
    from labormap.features.asof import month_ends
    from labormap.ingest import ingest_drop
    from labormap.risk.labels import data_end
    from labormap.risk.scoring import score_snapshot
    from labormap.warehouse import Warehouse

    root = Path(tmp_path_factory.mktemp("pipeline"))
    simulate(root / "world", employers=150, start="2024-01", end="2025-12", seed=5)
    wh = Warehouse(root / "wh")
    ingest_drop(root / "world" / "registries", wh)
    end = data_end(wh)
    days = [*[m for m in month_ends(end.replace(month=1, day=1), end) if m < end][-2:], end]
    for d in days:
        score_snapshot(wh, d, method="scorecard")
    return wh, days


def test_real_pipeline_publishes_what_the_engine_scored(scored_warehouse: Any) -> None:
    from labormap.risk.scoring import list_snapshots, load_scores
    from labormap.web.employers.models import Employer, ScoreHistory, Snapshot
    from labormap.web.employers.publish import publish

    wh, days = scored_warehouse
    summary = publish(wh)
    assert sorted(Snapshot.objects.values_list("as_of", flat=True)) == list_snapshots(wh) == days
    latest = load_scores(wh).to_pylist()
    assert latest, "the engine scored nobody"
    for row in latest[:50]:
        e = Employer.objects.get(bin=row["employer_bin"])
        assert e.level == row["level"] and e.score == pytest.approx(row["score"])
        assert [r["code"] for r in e.reasons] == [r["code"] for r in row["reasons"]]
    assert ScoreHistory.objects.filter(as_of=days[0]).count() == len(load_scores(wh, days[0]))
    assert summary["employers"] == Employer.objects.count()
    # the card renders with the engine's real features and reasons
    from django.test import Client

    from tests.web.conftest import make_user

    make_user("e2e", role="analyst", scope_kind="country")
    c = Client()
    c.login(username="e2e", password="pw-e2e")
    top = max(latest, key=lambda r: r["score"])
    r = c.get(f"/employers/{top['employer_bin']}/")
    assert r.status_code == 200
    assert any(figs for _label, figs in r.context["figures"])
    assert c.get("/").status_code == 200 and c.get("/map/").status_code == 200
