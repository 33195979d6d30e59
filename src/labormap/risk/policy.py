"""Level policy: how probabilities become a 0–100 score and the levels high / elevated / moderate / low.

Levels are sized by rank from the national figures: about 1,800 employers were under elevated-risk
monitoring in November 2025 out of about 400,000 employers with staff, so "high" is the top 0.45% of
employers; "elevated" extends to the top 2% and "moderate" to the top 10%. Each level also needs a
minimum probability of a conflict within the horizon (the floor), so a calm world does not fill "high"
with employers that are merely less safe than the rest. Sized by rank, the levels scale with the world:
a world of 3,000 employers has about 14 "high" places.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from labormap import levels
from labormap.levels import ELEVATED, HIGH, LOW, MODERATE

NATIONAL_MONITORED = 1_800
NATIONAL_EMPLOYERS_WITH_STAFF = 400_000
LEVELS = levels.CODES  # defined once, in labormap.levels


@dataclass(frozen=True)
class LevelPolicy:
    high_share: float = NATIONAL_MONITORED / NATIONAL_EMPLOYERS_WITH_STAFF  # 0.45%
    elevated_share: float = 0.02  # cumulative: high + elevated
    moderate_share: float = 0.10  # cumulative: high + elevated + moderate
    high_floor: float = 0.05  # probability of a conflict within the horizon
    elevated_floor: float = 0.02
    moderate_floor: float = 0.01
    # the score maps log-odds linearly: p_low → 0, p_high → 100
    p_low: float = 0.001
    p_high: float = 0.5

    def score(self, p: np.ndarray) -> np.ndarray:
        q = np.clip(p, 1e-9, 1 - 1e-9)
        lo, hi = _logit(self.p_low), _logit(self.p_high)
        return np.clip((np.log(q / (1 - q)) - lo) / (hi - lo), 0.0, 1.0) * 100.0

    def probability_of_score(self, s: float) -> float:
        lo, hi = _logit(self.p_low), _logit(self.p_high)
        z = lo + (s / 100.0) * (hi - lo)
        return 1.0 / (1.0 + math.exp(-z))

    def size(self, n: int, share: float) -> int:
        return max(1, math.ceil(share * n)) if n else 0

    def thresholds(self, p: np.ndarray) -> dict[str, float]:
        """Probability thresholds per level: the larger of the floor and the rank cut-off."""
        n = len(p)
        ordered = np.sort(p)[::-1]
        out: dict[str, float] = {}
        for name, share, floor in (
            (HIGH, self.high_share, self.high_floor),
            (ELEVATED, self.elevated_share, self.elevated_floor),
            (MODERATE, self.moderate_share, self.moderate_floor),
        ):
            k = self.size(n, share)
            cut = float(ordered[k - 1]) if k else 1.0
            out[name] = max(floor, cut)
        # keep the thresholds ordered even when floors and ranks disagree
        out[ELEVATED] = min(out[ELEVATED], out[HIGH])
        out[MODERATE] = min(out[MODERATE], out[ELEVATED])
        return out

    def levels(self, p: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
        out = np.full(len(p), LOW, dtype=object)
        for name in reversed(levels.CODES[:-1]):  # least severe first, so the most severe wins
            out[p >= thresholds[name]] = name
        return out


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


DEFAULT_POLICY = LevelPolicy()
