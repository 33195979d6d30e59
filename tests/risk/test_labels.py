"""Labels come from the observed conflicts registry, and training never sees a label window still open."""

from __future__ import annotations

import datetime as dt

import numpy as np

from labormap.risk.labels import Conflicts, labels_for
from labormap.risk.train import sample_dates


def _conflicts() -> Conflicts:
    return Conflicts(
        employer_bin=np.array(["A", "B", "C"], dtype=object),
        started_on=np.array(["2024-03-10", "2024-06-30", "2024-07-01"], dtype="datetime64[D]"),
        known_on=np.array(["2024-03-12", "2024-07-20", "2024-07-02"], dtype="datetime64[D]"),
        kind=np.array(["strike", "rally", "strike"], dtype=object),
    )


def test_window_is_open_closed() -> None:
    bins = np.array(["A", "B", "C", "D"], dtype=object)
    c = _conflicts()
    # (2024-03-31, 2024-06-29]: nothing; (2024-04-01, 2024-06-30]: B on its last day; then C too
    assert labels_for(bins, c, dt.date(2024, 3, 31), 90).tolist() == [0, 0, 0, 0]
    assert labels_for(bins, c, dt.date(2024, 4, 1), 90).tolist() == [0, 1, 0, 0]
    assert labels_for(bins, c, dt.date(2024, 4, 2), 90).tolist() == [0, 1, 1, 0]
    # a conflict starting on D itself is not in the future of D
    assert labels_for(bins, c, dt.date(2024, 3, 10), 90)[0] == 0
    assert labels_for(bins, c, dt.date(2024, 3, 9), 90)[0] == 1


def test_conflicts_known_after_the_cutoff_do_not_exist_for_training() -> None:
    c = _conflicts().known_by(dt.date(2024, 7, 10))
    assert sorted(c.employer_bin.tolist()) == ["A", "C"]  # B was registered on 20 July


def test_sample_dates_have_closed_windows() -> None:
    cutoff = dt.date(2025, 6, 30)
    dates = sample_dates(cutoff, 90, 24)
    assert len(dates) == 24
    assert all(d + dt.timedelta(days=90) <= cutoff for d in dates)
    assert dates[-1] == dt.date(2025, 3, 31)
