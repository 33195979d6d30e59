"""Each public figure the simulator is calibrated to lies in its band, measured on the default demo world."""

from __future__ import annotations

from pathlib import Path

import pytest

from labormap.simulate import simulate
from labormap.simulate.calibration import BANDS, check


@pytest.fixture(scope="module")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    simulate(out)
    return out


@pytest.mark.slow
def test_every_calibration_band_holds_on_the_demo_world(demo_world: Path) -> None:
    results = check(demo_world)
    assert len(results) == len([b for b in BANDS if b.scope == "any"]) >= 25
    failed = [(b.key, round(v, 4), (b.lo, b.hi)) for b, v, ok in results if not ok]
    assert failed == []


def test_bands_cite_their_public_figure() -> None:
    for b in BANDS:
        assert b.lo <= b.hi and len(b.source) > 15, b.key
        assert b.scope in ("any", "national")
