"""Reference data: completeness and consistency with the public figures of DESIGN.md."""

from __future__ import annotations

import datetime as dt

from labormap.reference import (
    CAUSES,
    CONFLICT_KINDS,
    ESUTD_DEADLINES,
    OKED_SECTIONS,
    REGIONS,
    TERMINATION_GROUNDS,
    YEARLY_PARAMETERS,
    contribution_deadline,
    oked_section_of,
    parameters_for,
    region_of_kato,
)


def test_twenty_regions_with_three_languages() -> None:
    assert sorted(REGIONS) == sorted(
        [
            "10",
            "11",
            "15",
            "19",
            "23",
            "27",
            "31",
            "33",
            "35",
            "39",
            "43",
            "47",
            "55",
            "59",
            "61",
            "62",
            "63",
            "71",
            "75",
            "79",
        ]
    )
    for r in REGIONS.values():
        assert r.name_ru and r.name_kk and r.name_en
        assert 40 < r.lat < 56 and 46 < r.lon < 88
    cells = {(r.grid_col, r.grid_row) for r in REGIONS.values()}
    assert len(cells) == 20, "every region needs its own cartogram cell"
    assert region_of_kato("471010000") is REGIONS["47"]
    assert region_of_kato("991010000") is None


def test_wage_ranking_follows_public_figures() -> None:
    wages = {k: r.avg_wage_2025_kzt for k, r in REGIONS.items()}
    top = sorted(wages, key=lambda k: -wages[k])[:3]
    assert set(top) == {"23", "47", "62"}
    assert min(wages, key=lambda k: wages[k]) == "61"


def test_oked_sections_and_divisions() -> None:
    assert list(OKED_SECTIONS) == [chr(c) for c in range(ord("A"), ord("U") + 1)]
    assert oked_section_of("06100") == "B"
    assert oked_section_of("01110") == "A"
    assert oked_section_of("47110") == "G"
    assert oked_section_of("04000") is None


def test_yearly_parameters() -> None:
    assert sorted(YEARLY_PARAMETERS) == list(range(2016, 2027))
    assert parameters_for(2024).mzp == parameters_for(2026).mzp == 85_000
    assert (parameters_for(2024).mrp, parameters_for(2025).mrp, parameters_for(2026).mrp) == (
        3692,
        3932,
        4325,
    )
    assert [parameters_for(y).opvr_rate for y in (2023, 2024, 2025, 2026)] == [0.0, 0.015, 0.025, 0.035]
    assert parameters_for(2025).so_rate == 0.05 and parameters_for(2024).so_rate == 0.035
    assert all(p.opv_rate == 0.10 for p in YEARLY_PARAMETERS.values())
    assert all(p.source for p in YEARLY_PARAMETERS.values())


def test_contribution_deadline_is_25th_of_next_month() -> None:
    assert contribution_deadline("2025-01") == dt.date(2025, 2, 25)
    assert contribution_deadline("2025-12") == dt.date(2026, 1, 25)


def test_esutd_and_termination_grounds() -> None:
    assert (ESUTD_DEADLINES["contract_start"].days, ESUTD_DEADLINES["contract_start"].working_days) == (
        5,
        True,
    )
    assert ESUTD_DEADLINES["contract_change"].days == 15
    assert ESUTD_DEADLINES["contract_end"].days == 3
    for code in (
        "agreement",
        "term_expiry",
        "employee_initiative",
        "staff_reduction",
        "liquidation",
        "disciplinary",
    ):
        assert code in TERMINATION_GROUNDS
    assert TERMINATION_GROUNDS["staff_reduction"].collective


def test_conflict_kinds_carry_cameo_protest_codes() -> None:
    assert CONFLICT_KINDS["strike"].cameo == "143"
    assert CONFLICT_KINDS["hunger_strike"].cameo == "142"
    assert CONFLICT_KINDS["rally"].cameo == "141"
    assert CONFLICT_KINDS["blockade"].cameo == "144"
    assert all(k.cameo is None or k.cameo.startswith("14") for k in CONFLICT_KINDS.values())
    assert {
        "wage_level",
        "wage_arrears",
        "layoffs",
        "transfer_to_parent",
        "pay_gap",
        "working_conditions",
    } <= set(CAUSES)
