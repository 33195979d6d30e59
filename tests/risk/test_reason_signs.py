"""Issue 11 item 8: a sentence that states the absence of a risk fact («no conflicts in 3 years») is
never listed as raising the score, and an employer whose score shows as 0 has no reasons at all."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from labormap.features.catalog import FEATURE_NAMES
from labormap.risk.explain import reasons_column
from labormap.risk.reasons import REASON_OF_FEATURE, REASONS_BY_CODE


def _table(rows: list[dict[str, float]]) -> pa.Table:
    cols = {"employer_bin": pa.array([f"{i:012d}" for i in range(len(rows))])}
    for name in FEATURE_NAMES:
        cols[name] = pa.array([float(r.get(name, 0.0)) for r in rows], pa.float64())
    return pa.table(cols)


def _codes() -> list[str]:
    return sorted({REASON_OF_FEATURE[n] for n in FEATURE_NAMES})


def _reasons(
    rows: list[dict[str, float]], positive: str, scores: list[float] | None = None
) -> list[list[str]]:
    codes = _codes()
    by = np.zeros((len(rows), len(codes)))
    by[:, codes.index(positive)] = 1.0  # the model says this reason raised every score
    col = reasons_column(_table(rows), codes, by, scores=None if scores is None else np.array(scores))
    return [[r["code"] for r in lst] for lst in col.to_pylist()]


def test_no_conflicts_is_not_a_risk_raising_reason() -> None:
    got = _reasons(
        [{"conflicts_3y": 0.0}, {"conflicts_3y": 2.0, "days_since_conflict": 40.0}], "past_conflicts"
    )
    assert got == [[], ["past_conflicts"]]


def test_no_nearby_conflicts_is_not_a_reason() -> None:
    got = _reasons([{}, {"conflicts_nearby_90d": 3.0, "conflicts_nearby_365d": 5.0}], "nearby_conflicts")
    assert got == [[], ["nearby_conflicts"]]


def test_score_zero_has_no_main_reason() -> None:
    rows = [{"conflicts_3y": 2.0}, {"conflicts_3y": 2.0}]
    assert _reasons(rows, "past_conflicts", scores=[0.2, 55.0]) == [[], ["past_conflicts"]]


def test_absence_of_protection_still_raises() -> None:
    # «no collective agreement», «no trade union» are risk facts: absence there raises risk
    for code in ("agreement", "union"):
        if code in REASONS_BY_CODE:
            row = {f: 0.0 for f in REASONS_BY_CODE[code].features}
            assert REASONS_BY_CODE[code].raises(row)
