from __future__ import annotations

from datetime import date

from labormap.response import Due, HearingCandidate, HearingDecision, follow_up_tasks, propose_hearings


def _c(
    bin_: str,
    region: str,
    score: float,
    level: str = "high",
    conflict: bool = False,
    change: float | None = None,
) -> HearingCandidate:
    return HearingCandidate(bin_, f"ТОО {bin_}", region, score, level, change, (), conflict)


def test_proposals_per_region_top_scores_not_heard_recently() -> None:
    cands = [
        _c("1", "47", 90),
        _c("2", "47", 95),
        _c("3", "47", 80),
        _c("4", "47", 99),
        _c("5", "47", 85),
        _c("6", "23", 70),
        _c("7", "23", 75, level="elevated"),
        _c("8", "23", 60, conflict=True),
    ]
    heard = {"4": date(2025, 9, 1), "5": date(2024, 1, 1)}
    out = propose_hearings(cands, heard, date(2025, 11, 1), per_region=3, cooldown_days=180)
    assert [p.candidate.employer_bin for p in out["47"]] == ["2", "1", "5"]
    assert [p.rank for p in out["47"]] == [1, 2, 3]
    assert out["47"][2].last_heard_on == date(2024, 1, 1)
    # an open conflict comes first; elevated employers are not proposed by default
    assert [p.candidate.employer_bin for p in out["23"]] == ["8", "6"]
    assert set(out) == {"23", "47"}


def test_levels_and_ties_are_deterministic() -> None:
    cands = [
        _c("b", "35", 50, "elevated"),
        _c("a", "35", 50, "elevated", change=1.0),
        _c("c", "35", 50, "elevated"),
    ]
    out = propose_hearings(cands, {}, date(2025, 1, 1), levels=("high", "elevated"))
    assert [p.candidate.employer_bin for p in out["35"]] == ["a", "b", "c"]


def test_decisions_become_follow_up_tasks() -> None:
    tasks = follow_up_tasks(
        [
            HearingDecision("Погасить задолженность", "employer", Due(10, True)),
            HearingDecision("Проверить исполнение", "labour_inspection", Due(3, True)),
        ],
        date(2025, 12, 12),
    )
    assert [(t.body, t.due_on) for t in tasks] == [
        ("labour_inspection", date(2025, 12, 18)),
        ("employer", date(2025, 12, 29)),
    ]
    assert tasks[0].rule_id == "hearing" and tasks[0].action.ru == "Проверить исполнение"
