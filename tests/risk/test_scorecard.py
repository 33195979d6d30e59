"""The expert scorecard: the shipped YAML is valid, bands give the documented points, bad edits fail clearly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
import yaml

from labormap.features.catalog import FEATURE_NAMES, FEATURES_BY_NAME
from labormap.risk.scorecard import ScorecardError, load_scorecard, parse


def _table(**values: float) -> pa.Table:
    """One employer: the given values, NULL for features that may be unknown, zero for the rest."""

    def default(n: str) -> float:
        return float("nan") if FEATURES_BY_NAME[n].fill is None else 0.0

    cols = {n: pa.array([values.get(n, default(n))], pa.float64()) for n in FEATURE_NAMES}
    cols["employer_bin"] = pa.array(["x"])
    return pa.table(cols)


def test_shipped_scorecard_loads() -> None:
    card = load_scorecard()
    assert card.version and card.indicators
    assert card.levels["high"] > card.levels["elevated"] > card.levels["moderate"]


def test_points_follow_the_bands() -> None:
    card = load_scorecard()
    calm = _table()
    codes, pts = card.points_by_code(calm)
    assert pts.sum() == 0
    group = _table(arrears_workers=38, arrears_months=2, arrears_open_cases=1)
    codes, pts = card.points_by_code(group)
    assert pts[0, codes.index("wage_arrears")] == 35  # 10+ workers, under 3 months
    single = _table(arrears_workers=1, arrears_months=4, arrears_open_cases=1)
    codes, pts = card.points_by_code(single)
    assert pts[0, codes.index("wage_arrears")] == 30  # 20 for arrears + 10 for 3+ months
    # a missing value (NULL) never gives points
    unknown = _table(survey_index=float("nan"))
    assert card.points_by_code(unknown)[1].sum() == 0


def test_levels_and_cap() -> None:
    card = load_scorecard()
    score = card.score(np.array([0.0, 25.0, 45.0, 70.0, 250.0]))
    assert score[-1] == 100
    assert list(card.level(score)) == ["low", "moderate", "elevated", "high", "high"]
    p = card.probability(np.array([0.0, 50.0, 100.0]))
    assert np.all(np.diff(p) > 0) and 0 < p[0] < p[-1] < 1


def test_edits_are_checked(tmp_path: Path) -> None:
    base = yaml.safe_load((Path(__file__).parents[2] / "src/labormap/risk/scorecard.yaml").read_text("utf-8"))
    bad_feature = {
        **base,
        "indicators": [{"code": "media", "feature": "media_60d", "bands": [{"points": 1}]}],
    }
    with pytest.raises(ScorecardError, match="unknown feature"):
        parse(bad_feature)
    wrong_code = {
        **base,
        "indicators": [{"code": "media", "feature": "arrears_workers", "bands": [{"points": 1}]}],
    }
    with pytest.raises(ScorecardError, match="does not belong"):
        parse(wrong_code)
    bad_band = {
        **base,
        "indicators": [
            {"code": "media", "feature": "media_30d", "bands": [{"min": 5, "max": 1, "points": 3}]}
        ],
    }
    with pytest.raises(ScorecardError, match="not below"):
        parse(bad_band)
    with pytest.raises(ScorecardError, match="levels"):
        parse({**base, "levels": {"high": 10, "elevated": 20, "moderate": 5}})
    path = tmp_path / "card.yaml"
    path.write_text(yaml.safe_dump({**base, "version": "test-2"}), encoding="utf-8")
    assert load_scorecard(path).version == "test-2"
