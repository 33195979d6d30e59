"""The forecasts page and API: forecast against actual, cut to the user's regions; the national line
only for country-wide accounts; a missing warehouse is said, not a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from labormap.analytics.forecast import forecast, store
from labormap.warehouse import Warehouse
from labormap.warehouse import datasets as ds
from tests.features.sim_world import private_copy, simulated_warehouse
from tests.web.layoffs.conftest import login, token_client

pytestmark = [pytest.mark.xdist_group("sim_world")]


@pytest.fixture(scope="module")
def forecast_wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    w = private_copy(simulated_warehouse(), tmp_path_factory.mktemp("fc") / "wh")
    con = w.connect()
    bins = [r[0] for r in con.execute("SELECT bin FROM employers ORDER BY bin").fetchall()]
    con.close()
    for d in (dt.date(2025, 6, 30), dt.date(2025, 11, 30)):
        with ds.publish_snapshot(w, ds.SCORES, d) as folder:
            pq.write_table(
                pa.table({"employer_bin": bins, "probability": [0.05] * len(bins)}), folder / "scores.parquet"
            )
        store(w, forecast(w, d, sd=0.2))
    return w.root


@pytest.fixture
def wh(world: dict[str, Any], forecast_wh: Path, settings: Any) -> Warehouse:
    settings.LABORMAP_WAREHOUSE = forecast_wh
    return Warehouse(forecast_wh)


def test_ministry_sees_country_and_every_region(wh: Warehouse) -> None:
    body = login("min", "ministry_admin", "country").get("/analytics/forecasts/").content.decode()
    assert "Страна" in body and "Мангистауская область" in body and "Атырауская область" in body
    assert "Завершённые прогнозы" in body and "30.06.2025" in body


def test_region_user_sees_its_region_only(wh: Warehouse) -> None:
    c = login("ak47", "akimat", "region", regions="47")
    body = c.get("/analytics/forecasts/").content.decode()
    assert "Мангистауская область" in body
    assert "Атырауская область" not in body and "Страна" not in body
    api = token_client("ak47api", "akimat", "region", regions="47")
    data = api.get("/api/v1/analytics/forecasts").json()
    assert data["national_coverage"] is None
    for row in data["forecasts"]:
        assert "national" not in row
        regions = row["regions"] if row["closed"] else row["forecast"]["regions"]
        assert {r["kato2"] for r in regions} == {"47"}


def test_kazakh_page_has_no_raw_codes(wh: Warehouse) -> None:
    c = login("minkk", "ministry_admin", "country")
    c.post("/i18n/setlang/", {"language": "kk", "next": "/analytics/forecasts/"})
    body = c.get("/analytics/forecasts/").content.decode()
    assert "Маңғыстау облысы" in body
    assert "strike" not in body and "kato2" not in body


def test_no_warehouse_is_said(world: dict[str, Any], settings: Any) -> None:
    settings.LABORMAP_WAREHOUSE = None
    r = login("min2", "ministry_admin", "country").get("/analytics/forecasts/")
    assert r.status_code == 200 and "хранилище" in r.content.decode()
    api = token_client("minapi", "analyst", "country")
    r = api.get("/api/v1/analytics/forecasts")
    assert r.status_code == 200 and r.json()["available"] is False and r.json()["forecasts"] == []


def test_login_required(world: dict[str, Any]) -> None:
    from django.test import Client

    r = Client().get("/analytics/forecasts/")
    assert r.status_code in (302, 401, 403)


def test_dashboard_shows_onset_and_persistence(world: dict[str, Any]) -> None:
    from labormap.web.employers.models import Snapshot

    snap = Snapshot.objects.first()
    assert snap is not None
    side = {"pr_auc": 0.3, "roc_auc": 0.9, "high_precision": 0.2, "brier": 0.01, "flagged_30d_share": 0.55}
    snap.backtest = {
        "data_end": "2025-12-31",
        "horizon_days": 90,
        "model": side,
        "scorecard": side,
        "onset": {"model": {"pr_auc": 0.123}, "scorecard": {"pr_auc": 0.05}, "oracle": {"pr_auc": 0.2}},
        "persistence": {"model": {"pr_auc": 0.456}, "scorecard": {"pr_auc": 0.3}, "oracle": {"pr_auc": 0.6}},
        "oracle": {"pr_auc": 0.5, "flagged_30d_share": 0.8},
    }
    snap.save()
    body = login("mind", "ministry_admin", "country").get("/").content.decode()
    assert 'id="backtest-onset"' in body and "0,123" in body and "0,456" in body
    assert "новые очаги" in body


def test_warehouse_without_payments_is_said_not_a_500(world: dict[str, Any], settings: Any) -> None:
    # the published test world's warehouse has employers and scores but no payments: no data date
    settings.LABORMAP_WAREHOUSE = world["warehouse"].root
    r = login("min3", "ministry_admin", "country").get("/analytics/forecasts/")
    assert r.status_code == 200 and "хранилище" in r.content.decode()
