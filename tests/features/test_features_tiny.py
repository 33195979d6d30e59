"""Feature values on a hand-built world, checked against values worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from labormap.features import FEATURES, compute_features
from labormap.features.asof import reference_period
from labormap.warehouse import Warehouse
from tests.features import world
from tests.features.tiny import bin_of, new_warehouse, write_run


@pytest.fixture(scope="module")
def tiny_wh(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    wh = new_warehouse(tmp_path_factory.mktemp("tiny") / "wh")
    write_run(wh, world.rows())
    return wh


@pytest.fixture(scope="module")
def feats(tiny_wh: Warehouse) -> dict[str, dict[str, Any]]:
    t = compute_features(tiny_wh, world.AS_OF)
    return {r["employer_bin"]: r for r in t.to_pylist()}


def test_reference_period_is_the_last_month_due() -> None:
    assert reference_period(dt.date(2024, 6, 30)) == "2024-05"
    assert reference_period(dt.date(2024, 6, 25)) == "2024-05"
    assert reference_period(dt.date(2024, 6, 24)) == "2024-04"
    assert reference_period(dt.date(2024, 1, 10)) == "2023-11"


def test_schema_follows_the_catalogue(tiny_wh: Warehouse) -> None:
    t = compute_features(tiny_wh, world.AS_OF)
    assert t.column_names[:4] == ["employer_bin", "as_of", "region", "sector"]
    assert t.column_names[4:] == [f.name for f in FEATURES]
    assert all(t.schema.field(f.name).type == pa.float64() for f in FEATURES)
    assert set(t.column("as_of").to_pylist()) == {world.AS_OF}


def test_catalogue_is_complete() -> None:
    names = [f.name for f in FEATURES]
    assert len(names) == len(set(names))
    for f in FEATURES:
        assert f.label_ru and f.label_kk and f.label_en and f.unit
        assert f.direction in (-1, 0, 1)


def test_workforce(feats: dict[str, dict[str, Any]]) -> None:
    e1, e2 = feats[bin_of(1)], feats[bin_of(2)]
    assert e1["headcount"] == 10 and e1["esutd_headcount"] == 10
    assert e1["headcount_change_12m"] == 0
    assert e2["headcount"] == 3
    assert e2["headcount_change_6m"] == pytest.approx((3 - 5) / 5)  # 2023-11 had five workers
    assert e2["headcount_change_3m"] == 0
    assert e2["reduction_terminations_12m"] == 2 and e2["terminations_12m"] == 2
    assert e2["reduction_terminations_3m"] == 0  # December is more than 3 months before D
    assert e2["turnover_12m"] == pytest.approx(2 / 3)
    assert e2["reduction_share_12m"] == pytest.approx(2 / 5)  # two of the five on staff before the cut


def test_wages(feats: dict[str, dict[str, Any]]) -> None:
    e1, e2, e4 = feats[bin_of(1)], feats[bin_of(2)], feats[bin_of(4)]
    assert e1["median_wage"] == 340_000  # nearest rank: 5th of 300..390 k
    assert e1["pay_gap_p90_p50"] == pytest.approx(380_000 / 340_000)
    assert e2["share_near_min_wage"] == 1.0 and e1["share_near_min_wage"] == 0.0
    # sector B minimum tariff 150 k: employer 2 pays 90 k to everyone
    assert e2["share_below_tariff"] == 1.0 and e2["wage_vs_tariff"] == pytest.approx(0.6)
    # employer 4's own collective agreement sets 450 k, above the sectoral 150 k
    assert e4["wage_vs_tariff"] == pytest.approx(500 / 450)
    # nominal wage unchanged for a year means a real fall by the year's inflation
    assert e1["median_wage_real_change_12m"] < -0.05
    # peers of Mangystau × B: employer medians 90 k, 340 k, 500 k → nearest-rank median 340 k
    assert e1["wage_vs_peers"] == pytest.approx(1.0)
    assert e2["wage_vs_peers"] == pytest.approx(90 / 340)


def test_contributions(feats: dict[str, dict[str, Any]]) -> None:
    e1, e2, e4 = feats[bin_of(1)], feats[bin_of(2)], feats[bin_of(4)]
    assert e1["opv_short_share_12m"] == 0 and e1["contrib_late_share_12m"] == 0
    # window 2023-06..2024-05: 35 + 15 worker-months, of which 3 months × 3 workers paid nothing
    assert e2["opv_short_share_12m"] == pytest.approx(9 / 50)
    assert e2["so_short_share_12m"] == pytest.approx(9 / 50)
    # employer 4's May contributions were paid on 28 June: late, and visible on 30 June
    assert e4["contrib_late_months_12m"] == 1
    assert e4["contrib_late_share_12m"] == pytest.approx(4 / 48)
    assert e4["contrib_missing_months_12m"] == 0


def test_esutd_and_worktime(feats: dict[str, dict[str, Any]]) -> None:
    e2, e3, e4 = feats[bin_of(2)], feats[bin_of(3)], feats[bin_of(4)]
    assert e3["paid_without_contract_share"] == 1.0
    assert e3["esutd_headcount"] == 0
    assert e4["esutd_late_share_12m"] == 1.0  # its only start in the year was entered 20 days late
    assert e2["idle_share"] == pytest.approx(1 / 3)  # one worker still idle, one back at work


def test_arrears_and_enforcement(feats: dict[str, dict[str, Any]]) -> None:
    e2 = feats[bin_of(2)]
    assert e2["arrears_open_cases"] == 1 and e2["arrears_workers"] == 3 and e2["arrears_months"] == 2
    assert e2["arrears_amount_per_worker"] == pytest.approx(180_000)
    assert e2["arrears_cases_3y"] == 2
    assert e2["overdue_orders"] == 1
    assert e2["enforcement_open"] == 1 and e2["enforcement_amount_kzt"] == 540_000


def test_agreements_contractors_surveys_conflicts(feats: dict[str, dict[str, Any]]) -> None:
    e1, e2, e4 = feats[bin_of(1)], feats[bin_of(2)], feats[bin_of(4)]
    assert e2["no_accident_insurance"] == 1 and e1["no_accident_insurance"] == 0
    assert e2["union_present"] == 1
    assert e4["ca_in_force"] == 1 and e4["ca_expiring_180d"] == 1
    assert e2["service_contracts_active"] == 1
    assert e2["contract_workers_ending_90d_share"] == pytest.approx(
        1.0
    )  # 3 workers on a contract ending 31 Aug
    assert e2["customer_reduction_share_6m"] == 0
    assert e2["survey_protest"] == pytest.approx(4.5)
    # sheet means: 14/7 = 2 and 12/6 = 2 → (2 − 1) / 4 × 100
    assert e2["survey_index"] == pytest.approx(25.0)
    assert e4["conflicts_3y"] == 1 and e4["days_since_conflict"] == (world.AS_OF - dt.date(2024, 5, 1)).days
    assert (
        e1["conflicts_nearby_90d"] == 1 and e4["conflicts_nearby_90d"] == 0
    )  # own conflicts are not "nearby"
    assert e1["days_since_conflict"] is None


def test_media_features_are_zero_without_the_dataset(feats: dict[str, dict[str, Any]]) -> None:
    assert all(r["media_30d"] == 0 for r in feats.values())


def test_media_signals_are_counted(tmp_path: Path) -> None:
    wh = new_warehouse(tmp_path / "wh")
    write_run(wh, world.rows())

    def sig(i: int, when: dt.datetime, kind: str, bin_: str | None, conf: float = 0.9) -> dict[str, Any]:
        return {
            "item_id": f"m{i}",
            "story_id": f"s{i}",
            "published_at": when,
            "source": "t",
            "url": None,
            "title": "x",
            "lang": "ru",
            "labour": kind != "not_labour",
            "kind": kind,
            "causes": "",
            "severity": 2,
            "participants": None,
            "amount_kzt": None,
            "employer_bin": bin_,
            "link_confidence": conf,
        }

    b2 = bin_of(2)
    items = [
        sig(1, dt.datetime(2024, 6, 30, 23, 0), "strike_threat", b2),  # on D itself
        sig(2, dt.datetime(2024, 6, 10), "wage_arrears", b2),
        sig(3, dt.datetime(2024, 4, 20), "wage_arrears", b2),
        sig(4, dt.datetime(2024, 7, 1, 0, 1), "strike", b2),  # after D
        sig(5, dt.datetime(2024, 6, 29), "not_labour", b2),
        sig(6, dt.datetime(2024, 6, 29), "rally", b2, conf=0.2),  # weak link
    ]
    with wh.publish("media_signals", "run-1") as d:
        pq.write_table(pa.Table.from_pylist(items), d / "signals.parquet")
    f = {r["employer_bin"]: r for r in compute_features(wh, world.AS_OF).to_pylist()}[b2]
    assert (f["media_7d"], f["media_30d"], f["media_90d"], f["media_protest_30d"]) == (1, 2, 3, 1)


def test_contract_exposure_is_capped_at_the_whole_staff(tmp_path: Path) -> None:
    wh = new_warehouse(tmp_path / "wh")
    rows = world.rows()
    rows["contractor_links"].append(
        {
            "contract_id": "C-4",
            "customer_bin": bin_of(1),
            "employer_bin": bin_of(4),
            "service": "x",
            "start_on": dt.date(2023, 1, 1),
            "end_on": dt.date(2024, 7, 31),
            "workers": 40,
            "amount_kzt": None,
            "registered_on": dt.date(2023, 1, 1),
        }
    )
    write_run(wh, rows)
    e4 = {r["employer_bin"]: r for r in compute_features(wh, world.AS_OF).to_pylist()}[bin_of(4)]
    assert e4["contract_workers_ending_90d_share"] == 1.0  # 40 workers named, 4 on staff
