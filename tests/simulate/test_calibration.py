"""Each public figure the simulator is calibrated to lies in its band, measured on the default demo world;
and the check itself can fail: an undefined figure fails, and every band names what it is checked against."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from labormap.simulate import calibration, simulate
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


def test_an_undefined_figure_fails_its_band(monkeypatch: pytest.MonkeyPatch) -> None:
    # e.g. a world without 2022 stoppages has no wave ratio: that must be a failure, never a pass
    values = {b.key: (b.lo + b.hi) / 2 for b in BANDS}
    values["stoppages_2022_vs_other_years"] = math.nan
    monkeypatch.setattr(calibration, "measure", lambda _out: values)
    results = {b.key: ok for b, _v, ok in check(Path("unused"), "all")}
    assert results["stoppages_2022_vs_other_years"] is False
    assert sum(not ok for ok in results.values()) == 1
    assert "undefined" in calibration.table(check(Path("unused"), "all"))


def test_a_value_outside_its_band_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    values = {b.key: (b.lo + b.hi) / 2 for b in BANDS}
    values["conflicts_per_year_national"] = 200.0  # the old band (40–260) let this through
    monkeypatch.setattr(calibration, "measure", lambda _out: values)
    assert [b.key for b, _v, ok in check(Path("unused"), "all") if not ok] == ["conflicts_per_year_national"]


def test_bands_cite_their_source() -> None:
    for b in BANDS:
        assert b.lo <= b.hi and len(b.source) > 15, b.key
        assert b.scope in ("any", "national")
        assert b.basis in ("published", "design"), b.key
        if b.basis == "published":
            # a public figure: a URL, an official release, or a reference module that names its law or release
            assert any(s in b.source for s in ("http", "stat.gov.kz", "labormap/reference/")), b.key
        else:
            assert "docs/simulation.md" in b.source, b.key


def test_bands_around_a_cited_count_are_tight() -> None:
    # a band is a check only when it is of the order of the figure it cites (66 conflicts, 11 strikes…)
    by_key = {b.key: b for b in BANDS}
    for key, cited in (
        ("conflicts_per_year_national", 66),
        ("conflicts_2025_national", 66),
        ("stoppages_per_year_national", 13),
        ("stoppages_2022_national", 34),
    ):
        assert by_key[key].lo >= 0.6 * cited and by_key[key].hi <= 1.5 * cited, key
