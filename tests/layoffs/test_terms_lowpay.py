"""Contract terms, low pay and wage-raise plans on the hand-made warehouse (figures worked out by hand)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from labormap.layoffs.lowpay import low_pay
from labormap.layoffs.plans import Plan, annual_report, track_plans
from labormap.layoffs.terms import contract_terms
from tests.features.tiny import bin_of
from tests.layoffs import handmade as hm


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory):
    return hm.build(Path(tmp_path_factory.mktemp("wh")))


def test_terms(wh) -> None:
    t = contract_terms(wh.connect(), hm.AS_OF)
    # started by D and known: K1 24m, K2 15m, K4 36m, K5 14m, K6 25m, K8 12m, S1-S3 6m each
    overall = {d.bucket: (d.contracts, d.workers) for d in t.durations if d.by == "all"}
    assert overall == {"6_11": (3, 6), "12_23": (3, 90), "24_35": (2, 110), "ge36": (1, 3)}
    sectors = {(d.key, d.bucket) for d in t.durations if d.by == "sector"}
    assert ("F", "6_11") in sectors and ("B", "24_35") in sectors
    assert len(t.chains) == 1
    c = t.chains[0]
    assert (c.contractor_bin, c.contracts, c.first_start, c.last_end) == (
        bin_of(hm.C4),
        3,
        dt.date(2024, 1, 1),
        dt.date(2025, 6, 30),
    )
    share = {s.year: (s.workers, s.workers_long) for s in t.long_share}
    # 31 Dec 2024: K1 100, K4 3 (long), K8 30, S2 2 -> 135; 31 Dec 2025 (D): K1, K2, K4, K5, K6 -> 173
    assert share[2024] == (135, 3) and share[2025] == (173, 3)


def test_low_pay(wh) -> None:
    lp = low_pay(wh.connect(), hm.AS_OF)
    assert (lp.period, lp.mzp) == ("2025-11", 85_000)
    rows = {r.employer_bin: r for r in lp.employers}
    # OTHER's November payment came after D: not known, so OTHER is absent
    assert set(rows) == {bin_of(hm.C2), bin_of(hm.C4)}
    c2 = rows[bin_of(hm.C2)]
    # region 47 median of the 7 known incomes is 200 000; sector B (C2 only) median 196 500
    assert (c2.workers, c2.below_mzp, c2.below_region_median, c2.below_sector_median) == (4, 2, 2, 2)
    c4 = rows[bin_of(hm.C4)]
    assert (c4.workers, c4.below_mzp, c4.below_region_median) == (3, 1, 1)
    assert [(r.region, r.employers, r.below_mzp) for r in lp.regions] == [("47", 2, 3)]
    assert low_pay(wh.connect(), hm.AS_OF, region="23").employers == []


def test_plans(wh) -> None:
    plans = [
        Plan("p1", bin_of(hm.C4), 5.0, "2025-01", dt.date(2025, 12, 1), 3, "47"),  # median 180k -> 200k
        Plan("p2", bin_of(hm.C2), 5.0, "2025-01", dt.date(2026, 12, 1), 4, "47"),  # no raise yet
        Plan("p3", bin_of(hm.C2), 5.0, "2025-01", dt.date(2025, 11, 15), 4, "47"),  # due, not met
        Plan("p4", bin_of(hm.OTHER), 5.0, "2025-01", dt.date(2025, 12, 1), 2, "47"),  # no payments then
    ]
    got = {a.plan_id: a for a in track_plans(wh.connect(), plans, hm.AS_OF)}
    assert (got["p1"].actual_raise_pct, got["p1"].status, got["p1"].check_period) == (11.1, "met", "2025-11")
    assert (got["p2"].status, got["p2"].low_paid_base, got["p2"].low_paid_now) == ("in_progress", 2, 2)
    assert got["p3"].status == "behind"
    assert got["p4"].status == "no_data"
    rep = annual_report(got.values(), 2025)
    assert [(r.region, r.plans, r.met, r.behind, r.no_data, r.workers_covered) for r in rep] == [
        ("47", 3, 1, 1, 1, 9)
    ]


def test_codes_have_labels() -> None:
    from labormap.i18n import LANGS, label, missing
    from labormap.layoffs.plans import STATUSES
    from labormap.layoffs.terms import BUCKETS

    assert missing("plan_status", STATUSES) == []
    assert missing("contract_term", BUCKETS) == []
    assert missing("alert_kind", ["no_renewal"]) == []
    assert len({label("plan_status", "met", lang) for lang in LANGS}) == 3
