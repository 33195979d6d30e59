"""Aggregate forecasts from a scores snapshot: the sums, the groups, storage, and the check against
what happened once the window has closed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from labormap.analytics.forecast import ForecastError, against_actual, forecast, store, stored
from labormap.cli import app
from labormap.warehouse import Warehouse
from labormap.warehouse import datasets as ds
from tests.features.sim_world import private_copy

pytestmark = [pytest.mark.xdist_group("sim_world")]
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture
def wh(sim_wh: Warehouse, tmp_path: Path) -> Warehouse:
    w = private_copy(sim_wh, tmp_path / "wh")
    con = w.connect()
    rows = con.execute("SELECT bin, substr(kato, 1, 2) FROM employers ORDER BY bin").fetchall()
    con.close()
    # every employer of the first region gets 0.2, everyone else 0.01: sums known by hand
    first = sorted({r for _, r in rows})[0]
    probs = [0.2 if r == first else 0.01 for _, r in rows]
    table = pa.table(
        {
            "employer_bin": [b for b, _ in rows],
            "probability": probs,
            "level": ["elevated" if p > 0.1 else "low" for p in probs],
        }
    )
    with ds.publish_snapshot(w, ds.SCORES, AS_OF) as d:
        pq.write_table(table, d / "scores.parquet")
    w.first_region = first  # type: ignore[attr-defined]
    w.expected = sum(probs)  # type: ignore[attr-defined]
    w.expected_first = sum(p for p, (_, r) in zip(probs, rows, strict=True) if r == first)  # type: ignore[attr-defined]
    return w


def test_sums_and_groups(wh: Warehouse) -> None:
    f = forecast(wh, sd=0.0)
    assert f["as_of"] == AS_OF.isoformat() and f["horizon_days"] == 90
    assert f["national"]["expected"] == pytest.approx(wh.expected, abs=0.01)  # type: ignore[attr-defined]
    assert f["national"]["p10"] <= f["national"]["expected"] <= f["national"]["p90"]
    first = next(r for r in f["regions"] if r["kato2"] == wh.first_region)  # type: ignore[attr-defined]
    assert first["expected"] == pytest.approx(wh.expected_first, abs=0.01)  # type: ignore[attr-defined]
    assert sum(r["expected"] for r in f["regions"]) == pytest.approx(f["national"]["expected"], abs=0.1)
    assert sum(s["expected"] for s in f["sectors"]) == pytest.approx(f["national"]["expected"], abs=0.1)
    assert sum(k["share"] for k in f["kinds"]) == pytest.approx(1.0, abs=1e-3)
    assert {"kato2", "expected", "p10", "p90"} <= set(f["regions"][0])
    assert {"oked_section", "expected", "p10", "p90"} <= set(f["sectors"][0])


def test_calibration_doubt_widens_the_interval(wh: Warehouse) -> None:
    sharp, doubtful = forecast(wh, sd=0.0), forecast(wh, sd=0.4)
    width = lambda f: f["national"]["p90"] - f["national"]["p10"]  # noqa: E731
    assert width(doubtful) > width(sharp)


def test_stored_and_checked_against_actual(wh: Warehouse) -> None:
    f = forecast(wh, sd=0.0)
    store(wh, f)
    assert stored(wh)[0]["as_of"] == f["as_of"]
    report = against_actual(wh)
    row = report["forecasts"][0]
    assert row["closed"] is True  # the world runs to 2025-12, past 30 June + 90 days
    con = wh.connect()
    actual = con.execute(
        "SELECT count(DISTINCT employer_bin) FROM conflicts WHERE started_on > ? AND started_on <= ?",
        [AS_OF, AS_OF + dt.timedelta(days=90)],
    ).fetchone()
    con.close()
    assert actual is not None and row["national"]["actual"] == actual[0]
    assert row["national"]["covered"] == (row["national"]["p10"] <= actual[0] <= row["national"]["p90"])
    assert sum(r["actual"] for r in row["regions"]) == actual[0]
    assert report["national_coverage"] in (0.0, 1.0)


def test_cli_writes_the_contract(wh: Warehouse, tmp_path: Path) -> None:
    out = tmp_path / "f.json"
    res = CliRunner().invoke(app, ["forecast", "--warehouse", str(wh.root), "--json", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"as_of", "horizon_days", "national", "regions", "sectors"}
    assert set(data["national"]) == {"expected", "p10", "p90"}
    res = CliRunner().invoke(app, ["analytics", "forecasts", "--warehouse", str(wh.root)])
    assert res.exit_code == 0 and "1 closed" in res.output


def test_no_snapshot_is_a_clear_error(sim_wh: Warehouse, tmp_path: Path) -> None:
    w = private_copy(sim_wh, tmp_path / "empty")
    with pytest.raises(ForecastError, match="labormap score"):
        forecast(w)
    res = CliRunner().invoke(
        app, ["forecast", "--warehouse", str(w.root), "--json", str(tmp_path / "x.json")]
    )
    assert res.exit_code == 2 and "labormap score" in res.output
    with ds.publish_snapshot(w, ds.SCORES, AS_OF) as d:
        pq.write_table(pa.table({"employer_bin": ["x"], "probability": [0.1]}), d / "scores.parquet")
    with pytest.raises(ForecastError, match="on or before"):
        forecast(w, dt.date(2020, 1, 1))


def test_semiannual_note_shows_forecast_against_actual(wh: Warehouse) -> None:
    from labormap.reports.scope import ReportScope
    from labormap.reports.semiannual import build_semiannual
    from labormap.reports.source import semiannual_data

    store(wh, forecast(wh, sd=0.0))
    data = semiannual_data(wh, 2025, 1, measures=[], cases=[])
    assert len(data.forecasts) == 1 and data.forecasts[0]["as_of"] == AS_OF.isoformat()
    for lang, title in (
        ("ru", "Прогноз и факт"),
        ("kk", "Болжам және нақты"),
        ("en", "Forecast against actual"),
    ):
        rep = build_semiannual(data, lang)
        tables = [t for t in rep.tables() if t.title == title]
        assert tables and len(tables[0].rows) == len(data.forecasts[0]["regions"])
    # a region-scoped note keeps its own region only and no national line
    region = wh.first_region  # type: ignore[attr-defined]
    scoped = semiannual_data(wh, 2025, 1, ReportScope(regions=frozenset({region})), measures=[], cases=[])
    assert {x["kato2"] for x in scoped.forecasts[0]["regions"]} == {region}
    assert scoped.forecasts[0]["national"] is None
