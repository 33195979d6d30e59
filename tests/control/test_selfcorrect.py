"""Self-correction outcomes from later registry data, and the comparison group."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from labormap.control.selfcorrect import NoticeRef, measure, next_judged_month
from tests.control.handmade import build
from tests.features.tiny import bin_of

D = dt.date
NOTIFIED, DUE = D(2025, 5, 10), D(2025, 6, 10)


def _refs() -> list[NoticeRef]:
    return [
        NoticeRef(bin_of(1), "vosms_missing", "2025-03", NOTIFIED, DUE, ref="01-1"),
        NoticeRef(bin_of(1), "esutd_paid_without_contract", "2025-03", NOTIFIED, DUE, ref="01-2"),
        NoticeRef(bin_of(2), "payments_stopped", "2025-03", NOTIFIED, DUE, ref="01-3"),
    ]


def _outcomes(wh, as_of: dt.date) -> dict[str, str]:
    res = measure(wh, _refs(), as_of=as_of, comparison=False)
    return {o.ref: o.outcome for o in res.outcomes}


def test_nothing_corrected(tmp_path: Path) -> None:
    wh = build(tmp_path / "wh")
    assert _outcomes(wh, D(2025, 7, 1)) == {"01-1": "open", "01-2": "open", "01-3": "open"}
    # before the due date nothing can be judged
    assert set(_outcomes(wh, D(2025, 6, 1)).values()) == {"pending"}


def test_corrected_in_time_and_late(tmp_path: Path) -> None:
    wh = build(tmp_path / "a", vosms_paid_on=D(2025, 6, 1), d_registered=D(2025, 6, 5))
    assert _outcomes(wh, D(2025, 7, 1)) == {"01-1": "corrected", "01-2": "corrected", "01-3": "open"}
    wh = build(tmp_path / "b", vosms_paid_on=D(2025, 6, 20), d_registered=D(2025, 6, 20))
    assert _outcomes(wh, D(2025, 7, 1)) == {"01-1": "corrected_late", "01-2": "open", "01-3": "open"}


def test_rates_and_comparison_group(tmp_path: Path) -> None:
    wh = build(tmp_path / "wh", vosms_paid_on=D(2025, 6, 1))
    # notify only the ВОСМС finding; employer 1's other findings of the month are not "comparable"
    # (different kinds), so the comparison group is empty and its rate unknown
    res = measure(wh, _refs()[:1], as_of=D(2025, 7, 1))
    assert res.overall["notified"] == 1 and res.overall["corrected"] == 1 and res.overall["rate"] == 1.0
    assert res.overall["comparison"] == 0 and res.overall["comparison_rate"] is None
    # notifying the stopped employer of a late-hire kind it does not have: employer 1 becomes its
    # comparison (same kind, same month) only when in the same region — it is not (47 vs 75)
    res2 = measure(wh, [NoticeRef(bin_of(1), "so_short", "2025-03", NOTIFIED, DUE)], as_of=D(2025, 7, 1))
    assert [r["kind"] for r in res2.by_kind] == ["so_short"]
    assert res2.by_region[0]["region"] == "47"


def test_next_judged_month() -> None:
    # a late payment noticed with a due date of 10 June: April's contributions (due 25 May) are the next
    # month that can show the employer now pays on time
    assert next_judged_month("opv_late", "2025-03", D(2025, 6, 10)) == "2025-04"
    assert next_judged_month("opv_late", "2025-03", D(2025, 5, 20)) is None
    assert next_judged_month("esutd_late_hire", "2025-03", D(2025, 6, 10)) == "2025-04"
