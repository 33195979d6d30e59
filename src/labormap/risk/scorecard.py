"""The expert scorecard: transparent points per indicator from a versioned YAML file.

Each indicator maps one feature to points by bands; an employer's points are summed per reason code,
so the scorecard explains itself with the same reasons and sentences as the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import yaml

from labormap import levels as risk_levels
from labormap.features.catalog import FEATURES_BY_NAME
from labormap.risk.reasons import REASONS_BY_CODE

LEVEL_NAMES = risk_levels.CODES[:-1]  # the levels with a threshold (labormap.levels); below them is low


class ScorecardError(ValueError):
    pass


@dataclass(frozen=True)
class Band:
    points: float
    min: float | None = None
    max: float | None = None

    def mask(self, v: np.ndarray) -> np.ndarray:
        m = ~np.isnan(v)
        if self.min is not None:
            m &= v >= self.min
        if self.max is not None:
            m &= v < self.max
        return m


@dataclass(frozen=True)
class Indicator:
    code: str
    feature: str
    bands: tuple[Band, ...]

    def points(self, v: np.ndarray) -> np.ndarray:
        out = np.zeros(len(v))
        done = np.zeros(len(v), dtype=bool)
        for b in self.bands:
            hit = b.mask(v) & ~done
            out[hit] = b.points
            done |= hit
        return out


@dataclass(frozen=True)
class Scorecard:
    version: str
    levels: dict[str, float]
    intercept: float
    slope: float
    indicators: tuple[Indicator, ...]
    source: str

    @property
    def codes(self) -> list[str]:
        return sorted({i.code for i in self.indicators})

    def points_by_code(self, features: pa.Table) -> tuple[list[str], np.ndarray]:
        """Points of every employer per reason code: (codes, matrix employers × codes)."""
        codes = self.codes
        idx = {c: k for k, c in enumerate(codes)}
        out = np.zeros((features.num_rows, len(codes)))
        for ind in self.indicators:
            v = features.column(ind.feature).to_numpy(zero_copy_only=False).astype(float)
            out[:, idx[ind.code]] += ind.points(v)
        return codes, out

    def score(self, points: np.ndarray) -> np.ndarray:
        return np.minimum(points, 100.0)

    def probability(self, points: np.ndarray) -> np.ndarray:
        z = self.intercept + self.slope * points
        return 1.0 / (1.0 + np.exp(-z))

    def level(self, score: np.ndarray) -> np.ndarray:
        out = np.full(len(score), risk_levels.LOW, dtype=object)
        for name in reversed(LEVEL_NAMES):
            out[score >= self.levels[name]] = name
        return out


def _band(raw: dict[str, Any], where: str) -> Band:
    unknown = set(raw) - {"min", "max", "points"}
    if unknown or "points" not in raw:
        raise ScorecardError(f"{where}: a band has `points` and optional `min`/`max`, got {sorted(raw)}")
    lo, hi = raw.get("min"), raw.get("max")
    if lo is not None and hi is not None and not lo < hi:
        raise ScorecardError(f"{where}: min {lo} is not below max {hi}")
    pts = float(raw["points"])
    if not math.isfinite(pts) or pts < 0:
        raise ScorecardError(f"{where}: points must be a number ≥ 0")
    return Band(pts, None if lo is None else float(lo), None if hi is None else float(hi))


def parse(data: dict[str, Any], source: str = "<yaml>") -> Scorecard:
    """Validate a scorecard document; every error names the indicator it is about."""
    if not isinstance(data, dict):
        raise ScorecardError(f"{source}: the scorecard must be a mapping")
    for key in ("version", "levels", "calibration", "indicators"):
        if key not in data:
            raise ScorecardError(f"{source}: missing `{key}`")
    levels = {k: float(data["levels"][k]) for k in LEVEL_NAMES if k in data["levels"]}
    if set(levels) != set(LEVEL_NAMES):
        raise ScorecardError(f"{source}: `levels` needs {', '.join(LEVEL_NAMES)}")
    if not levels[risk_levels.HIGH] > levels[risk_levels.ELEVATED] > levels[risk_levels.MODERATE] >= 0:
        raise ScorecardError(f"{source}: levels must satisfy high > elevated > moderate ≥ 0")
    inds: list[Indicator] = []
    for n, raw in enumerate(data["indicators"], 1):
        where = f"{source}: indicator {n}"
        feat, code = raw.get("feature"), raw.get("code")
        if feat not in FEATURES_BY_NAME:
            raise ScorecardError(f"{where}: unknown feature {feat!r}")
        if code not in REASONS_BY_CODE:
            raise ScorecardError(f"{where}: unknown reason code {code!r}")
        if feat not in REASONS_BY_CODE[code].features:
            raise ScorecardError(f"{where}: feature {feat} does not belong to reason {code}")
        bands = tuple(_band(b, f"{where} ({feat})") for b in raw.get("bands") or [])
        if not bands:
            raise ScorecardError(f"{where}: no bands")
        inds.append(Indicator(code, feat, bands))
    cal = data["calibration"]
    return Scorecard(
        str(data["version"]), levels, float(cal["intercept"]), float(cal["slope"]), tuple(inds), source
    )


DEFAULT_PATH = "scorecard.yaml"


def load_scorecard(path: Path | None = None) -> Scorecard:
    """The scorecard at ``path``, or the one shipped with LaborMap."""
    if path is None:
        text = resources.files("labormap.risk").joinpath(DEFAULT_PATH).read_text(encoding="utf-8")
        return parse(yaml.safe_load(text), "labormap/risk/scorecard.yaml")
    return parse(yaml.safe_load(Path(path).read_text(encoding="utf-8")), str(path))
