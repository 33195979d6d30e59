"""The collective-agreement rules: states, the check against the sectoral agreement, differences, reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from labormap.unions import cagreement as r

D = dt.date(2026, 11, 25)
SECTOR = r.SectorTerms(
    "SA-C", "sectoral", "C", None, None, dt.date(2025, 1, 1), dt.date(2027, 12, 31), 150_000, 1.2, 15, True
)
DIVISION = r.SectorTerms(
    "SA-24", "sectoral", "C", "24", None, dt.date(2025, 1, 1), dt.date(2027, 12, 31), 170_000
)
REGIONAL = r.SectorTerms(
    "RA-47", "regional", None, None, "47", dt.date(2025, 1, 1), dt.date(2027, 12, 31), 160_000
)
OLD = r.SectorTerms(
    "SA-OLD", "sectoral", "C", None, None, dt.date(2020, 1, 1), dt.date(2022, 12, 31), 999_999
)


def test_applicable_follows_the_compliance_rule() -> None:
    got = r.applicable([SECTOR, DIVISION, REGIONAL, OLD], section="C", division="24", region="47", on=D)
    assert [a.agreement_id for a in got] == ["SA-24", "RA-47", "SA-C"]  # most demanding first
    got = r.applicable([SECTOR, DIVISION, REGIONAL, OLD], section="C", division="10", region="75", on=D)
    assert [a.agreement_id for a in got] == ["SA-C"]


def test_prefill_meets_the_floor_and_a_lower_tariff_is_flagged() -> None:
    t = r.prefill([SECTOR])
    assert t.min_tariff_kzt == 150_000 and t.hazard_bonus_pct == 15
    assert r.check(t, [SECTOR]) == []
    low = r.Terms(140_000, "1;1.1;1.2", 10, indexation=False)
    codes = [f.code for f in r.check(low, [SECTOR])]
    assert codes == [
        "tariff_below_sector",
        "coefficient_below_sector",
        "hazard_below_sector",
        "indexation_missing",
    ]
    assert set(codes) <= set(r.FLAG_CODES)


def test_state_machine_needs_both_parties_and_registration_only_after_signing() -> None:
    s = r.next_state(r.DRAFT, "accept", employer_accepted=True)
    assert s == r.NEGOTIATION
    assert r.next_state(s, "accept", employer_accepted=True, union_accepted=True) == r.SIGNED
    with pytest.raises(r.AgreementRuleError):
        r.next_state(r.NEGOTIATION, "register")
    with pytest.raises(r.AgreementRuleError):
        r.next_state(r.SIGNED, "edit")
    assert r.next_state(r.SIGNED, "register") == r.REGISTERED
    assert r.effective_state(r.REGISTERED, D - dt.timedelta(days=1), D) == r.EXPIRED
    assert r.effective_state(r.REGISTERED, D, D) == r.REGISTERED


def test_diff_names_changed_added_and_removed_clauses() -> None:
    d = r.diff({"a": "x\ny", "b": "z"}, {"a": "x\nY", "c": "new"})
    assert [(c.code, c.change) for c in d] == [("a", "changed"), ("b", "removed"), ("c", "added")]
    assert d[0].lines == ["-y", "+Y"]


def test_reminders_180_90_30_once_each_and_only_the_nearest() -> None:
    end = D + dt.timedelta(days=200)
    assert r.reminders_due(end, D) == []
    assert r.reminders_due(end, end - dt.timedelta(days=180)) == [180]
    assert r.reminders_due(end, end - dt.timedelta(days=170), already=[180]) == []
    assert r.reminders_due(end, end - dt.timedelta(days=60), already=[180]) == [90]
    assert r.reminders_due(end, end - dt.timedelta(days=5), already=[180, 90]) == [30]
    assert r.reminders_due(end, end + dt.timedelta(days=1)) == []
