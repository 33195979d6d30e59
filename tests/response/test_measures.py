from __future__ import annotations

from datetime import date

from labormap.response import CaseRecord, Measure, moved_out_of_high, summarise
from labormap.response.measures import needed_snapshots

D1, D2, D3, D4 = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)
LEVELS = {
    D1: {"A": "high", "B": "high", "C": "elevated", "D": "high", "E": "high", "F": "high"},
    D2: {"A": "high", "B": "high", "C": "high", "D": "moderate", "E": "high", "F": "high"},
    D3: {"A": "elevated", "B": "high", "C": "high", "D": "high", "E": "high", "F": "low"},
    D4: {"A": "low", "B": "high", "C": "moderate", "D": "high", "E": "elevated"},
}


def test_moved_out_needs_high_before_the_measure_and_not_high_at_the_end() -> None:
    ms = [
        Measure("A", "inspection", date(2025, 1, 10)),  # high on D1, low on D4 -> counted
        Measure("B", "meeting", date(2025, 1, 10)),  # still high at the end -> not counted
        Measure("C", "order", date(2025, 1, 10)),  # elevated when the measure was taken -> not counted
        Measure("D", "hearing", date(2025, 1, 10)),  # left and came back -> not counted
        Measure("E", "repayment", date(2025, 4, 1)),  # measure on the final snapshot day: no later snapshot
        Measure("F", "agreement_signed", date(2025, 1, 5)),  # missing from the final snapshot -> not counted
        Measure("A", "meeting", date(2025, 2, 15)),  # a second measure does not count twice
    ]
    out = moved_out_of_high(ms, LEVELS, date(2025, 1, 1), date(2025, 4, 30))
    assert [(m.employer_bin, m.measure_on, m.high_on, m.left_on, m.level_now) for m in out] == [
        ("A", date(2025, 1, 10), D1, D4, "low")
    ]


def test_period_end_chooses_the_final_snapshot() -> None:
    ms = [Measure("C", "order", date(2025, 2, 10)), Measure("F", "order", date(2025, 2, 10))]
    # by mid-March: C still high (D3), F low on D3 -> F counted
    out = moved_out_of_high(ms, LEVELS, date(2025, 2, 1), date(2025, 3, 15))
    assert [m.employer_bin for m in out] == ["F"]
    # measures outside the period are ignored
    assert moved_out_of_high(ms, LEVELS, date(2025, 3, 1), date(2025, 4, 30)) == []
    assert needed_snapshots(ms, sorted(LEVELS), date(2025, 3, 15)) == {D2, D3}


def test_summary_counts_kinds_outcomes_and_employers() -> None:
    ms = [
        Measure("A", "inspection", date(2025, 1, 10)),
        Measure("A", "meeting", date(2025, 1, 11)),
        Measure("B", "inspection", date(2025, 1, 12)),
        Measure("B", "inspection", date(2024, 12, 31)),
    ]
    cases = [
        CaseRecord("1", "A", date(2025, 1, 2), date(2025, 2, 1), "prevented"),
        CaseRecord("2", "B", date(2024, 12, 1), date(2025, 1, 20), "resolved"),
        CaseRecord("3", "B", date(2024, 12, 1), date(2024, 12, 20), "resolved"),  # closed before the period
        CaseRecord("4", "C", date(2025, 3, 1), None, "ongoing"),
        CaseRecord(
            "5", "C", date(2025, 3, 1), date(2025, 5, 10), "escalated"
        ),  # closed after: ongoing at the end
        CaseRecord("6", "D", date(2025, 6, 1), None, "ongoing"),  # opened after the end
        CaseRecord("7", "D", date(2025, 1, 1), date(2025, 1, 5), "escalated"),
    ]
    s = summarise(ms, cases, LEVELS, date(2025, 1, 1), date(2025, 4, 30))
    assert s.by_kind["inspection"] == 2 and s.by_kind["meeting"] == 1 and s.by_kind["repayment"] == 0
    assert s.employers_with_measures == 2
    assert s.outcomes == {"prevented": 1, "resolved": 1, "escalated": 1, "ongoing": 2}
    assert (s.prevented, s.resolved) == (1, 1)
    assert [m.employer_bin for m in s.moved_out] == ["A"]
