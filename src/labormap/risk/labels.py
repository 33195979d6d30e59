"""Labels from the observed ``conflicts`` registry (never from the simulator's truth).

An employer is positive at date d when an observed conflict at it starts in (d, d + H]. When a model is
trained at cut-off T, only conflicts known by T (registered, or started when the registration date is
missing) exist for it, and only sample dates d ≤ T − H have a closed label window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from labormap.warehouse import Warehouse


@dataclass(frozen=True)
class Conflicts:
    employer_bin: np.ndarray  # str objects
    started_on: np.ndarray  # datetime64[D]
    known_on: np.ndarray  # datetime64[D]
    kind: np.ndarray

    def __len__(self) -> int:
        return len(self.employer_bin)

    def known_by(self, cutoff: dt.date | None) -> Conflicts:
        if cutoff is None:
            return self
        m = self.known_on <= np.datetime64(cutoff, "D")
        return Conflicts(self.employer_bin[m], self.started_on[m], self.known_on[m], self.kind[m])


def load_conflicts(wh: Warehouse) -> Conflicts:
    con = wh.connect()
    try:
        t: pa.Table = con.sql(
            "SELECT employer_bin, started_on, COALESCE(registered_on, started_on) AS known_on, kind "
            "FROM conflicts WHERE employer_bin IS NOT NULL AND started_on IS NOT NULL ORDER BY started_on"
        ).to_arrow_table()
    finally:
        con.close()
    return Conflicts(
        np.asarray(t.column("employer_bin").to_pylist(), dtype=object),
        t.column("started_on").to_numpy().astype("datetime64[D]"),
        t.column("known_on").to_numpy().astype("datetime64[D]"),
        np.asarray(t.column("kind").to_pylist(), dtype=object),
    )


def window_hits(c: Conflicts, d: dt.date, horizon: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Conflicts starting in (d, d + horizon]: (employer_bin, started_on, kind)."""
    lo, hi = np.datetime64(d, "D"), np.datetime64(d + dt.timedelta(days=horizon), "D")
    m = (c.started_on > lo) & (c.started_on <= hi)
    return c.employer_bin[m], c.started_on[m], c.kind[m]


def labels_for(bins: np.ndarray, c: Conflicts, d: dt.date, horizon: int) -> np.ndarray:
    """1 where the employer has a conflict starting in (d, d + horizon], else 0."""
    hit_bins, _, _ = window_hits(c, d, horizon)
    return (
        np.isin(bins, np.unique(hit_bins.astype(str))).astype(np.int8)
        if len(hit_bins)
        else np.zeros(len(bins), dtype=np.int8)
    )


def data_end(wh: Warehouse, today: dt.date | None = None) -> dt.date:
    """The last date the warehouse has data for: the latest contribution payment or ЕСУТД registration,
    never later than today."""
    con = wh.connect()
    try:
        row = con.execute(
            "SELECT GREATEST((SELECT max(paid_on) FROM payments), (SELECT max(registered_on) FROM contracts))"
        ).fetchone()
    finally:
        con.close()
    last = row[0] if row and row[0] is not None else None
    today = today or dt.date.today()
    if last is None:
        raise ValueError(f"the warehouse {wh.root} holds no payments or contracts: nothing to score")
    return min(last, today)
