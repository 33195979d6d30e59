"""Region and sector conflict base rates and the extractive flag (issue 15, item 6), worked out by hand.

The tiny world (tests/features/world.py) plus employers and conflicts chosen so that each rule of
``features.signals.place_rates`` can fail on its own: as-of (a conflict registered after D, one started
after D), the 3-year window, the employer's own conflicts left out, a group of one, unknown codes, and an
employer without staff (neither a source of conflicts nor a peer).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from labormap.features import compute_features
from labormap.warehouse import Warehouse
from tests.features import world
from tests.features.tiny import bin_of, employer, new_warehouse, payment, write_run

D = world.AS_OF  # 2024-06-30; the 3-year window starts after 2021-07-02


def _conflict(cid: str, emp: int, started: dt.date, registered: dt.date | None) -> dict[str, Any]:
    return {
        "conflict_id": cid,
        "employer_bin": bin_of(emp),
        "started_on": started,
        "ended_on": None,
        "kind": "strike",
        "causes": "wage_level",
        "participants": 10,
        "participant_group": "own_staff",
        "outcome": "resolved",
        "registered_on": registered,
    }


@pytest.fixture(scope="module")
def feats(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, Any]]:
    rows = world.rows()
    # 1, 2, 4: section B in region 47 (Mangystau); 3: a shop (G) in region 75; K-1 at 4 in May 2024.
    rows["employers"] += [
        employer(5, oked="24100"),  # basic metals: section C, extractive
        employer(6, oked="19200", kato="751010000"),  # refined petroleum: section C, extractive
        employer(7, oked="00000"),  # a division outside ОКЭД: sector "?"
        {**employer(8), "oked": None},  # no ОКЭД at all: sector "?"
        employer(9),  # known on D, but nobody on staff: not in the feature table
    ]
    for n in (5, 6, 7, 8):
        rows["payments"].append(payment(n, f"w{n}-0", "2024-05", 200_000))
    rows["conflicts"] += [
        _conflict("K-2", 1, dt.date(2024, 6, 1), dt.date(2024, 7, 5)),  # registered after D
        _conflict("K-3", 2, dt.date(2021, 6, 1), dt.date(2021, 6, 2)),  # before the 3 years
        _conflict("K-4", 5, dt.date(2023, 1, 10), dt.date(2023, 1, 11)),  # counted
        _conflict("K-5", 1, dt.date(2024, 7, 10), dt.date(2024, 7, 10)),  # started after D
        _conflict("K-6", 9, dt.date(2024, 3, 1), dt.date(2024, 3, 2)),  # at an employer without staff
        _conflict("K-7", 4, dt.date(2022, 2, 1), None),  # no registration date: known from its start
    ]
    wh: Warehouse = new_warehouse(tmp_path_factory.mktemp("place") / "wh")
    write_run(wh, rows)
    t = compute_features(wh, D)
    by_bin = {r["employer_bin"]: r for r in t.to_pylist()}
    return {n: by_bin[bin_of(n)] for n in range(1, 10) if bin_of(n) in by_bin}


def test_population_is_employers_with_staff(feats: dict[int, dict[str, Any]]) -> None:
    assert sorted(feats) == [1, 2, 3, 4, 5, 6, 7, 8]
    # K-1 and K-7 at 4, K-4 at 5; K-2, K-3, K-5 are outside what is known of the 3 years before D
    assert [feats[n]["conflicts_3y"] for n in (1, 2, 4, 5)] == [0, 0, 2, 1]


def test_region_rate_leaves_the_employer_out(feats: dict[int, dict[str, Any]]) -> None:
    # region 47: employers 1, 2, 4, 5, 7, 8 (9 has no staff), 3 conflicts (4: two, 5: one) → per 1,000
    # employers, (3 − own) / (6 − 1)
    assert feats[1]["region_conflict_rate_3y"] == pytest.approx(600.0)
    assert feats[2]["region_conflict_rate_3y"] == pytest.approx(600.0)
    assert feats[4]["region_conflict_rate_3y"] == pytest.approx(200.0)
    assert feats[5]["region_conflict_rate_3y"] == pytest.approx(400.0)
    assert feats[7]["region_conflict_rate_3y"] == pytest.approx(600.0)
    # region 75: 3 and 6, no conflicts
    assert feats[3]["region_conflict_rate_3y"] == 0 and feats[6]["region_conflict_rate_3y"] == 0


def test_sector_rate_and_its_edges(feats: dict[int, dict[str, Any]]) -> None:
    # section B: 1, 2, 4 (two conflicts at 4); section C: 5 (one conflict) and 6, across regions
    assert feats[1]["sector_conflict_rate_3y"] == pytest.approx(1000.0)
    assert feats[4]["sector_conflict_rate_3y"] == 0  # its own conflicts are not its sector's
    assert feats[5]["sector_conflict_rate_3y"] == 0
    assert feats[6]["sector_conflict_rate_3y"] == pytest.approx(1000.0)
    # a group of one has no base rate: NULL (unknown), not 0
    assert feats[3]["sector_conflict_rate_3y"] is None
    # unknown ОКЭД (outside the classifier, or missing) is not pooled into a pseudo-sector "?"
    assert feats[7]["sector"] == "?" and feats[8]["sector"] == "?"
    assert feats[7]["sector_conflict_rate_3y"] is None and feats[8]["sector_conflict_rate_3y"] is None


def test_extractive_flag(feats: dict[int, dict[str, Any]]) -> None:
    flags = {n: feats[n]["extractive"] for n in feats}
    # 06, 09, 07 mining; 24 basic metals; 19 refined petroleum; 47 retail, 00 and NULL: not extractive
    assert flags == {1: 1, 2: 1, 3: 0, 4: 1, 5: 1, 6: 1, 7: 0, 8: 0}


def test_unknown_region_gives_no_rate(tmp_path_factory: pytest.TempPathFactory) -> None:
    rows = world.rows()
    rows["employers"] += [{**employer(n), "kato": None} for n in (5, 6)]
    for n in (5, 6):
        rows["payments"].append(payment(n, f"w{n}-0", "2024-05", 200_000))
    wh = new_warehouse(tmp_path_factory.mktemp("place-kato") / "wh")
    write_run(wh, rows)
    f = {r["employer_bin"]: r for r in compute_features(wh, D).to_pylist()}
    assert f[bin_of(5)]["region_conflict_rate_3y"] is None  # not pooled with the other employer without КАТО
    # the three known employers of region 47 do not count the two without a region as peers
    assert f[bin_of(1)]["region_conflict_rate_3y"] == pytest.approx(500.0)  # 1 conflict / 2 others
