"""Exact matching on hand-made records: every discrepancy kind, the near misses, regions, earlier acts."""

from __future__ import annotations

import datetime as dt

import pytest

from labormap.reconcile import KINDS, Quarter, reconcile
from labormap.reconcile.rules import police_term_end
from tests.reconcile import handmade as hm


def _keys(act):
    return {(d.kind, d.order_no, d.ref) for d in act.discrepancies}


def test_each_kind_found_exactly_in_the_quarter() -> None:
    act = reconcile(hm.records(), "2025Q2", region="47")
    assert _keys(act) == hm.EXPECTED_Q2_47
    assert {d.kind for d in act.discrepancies} == set(KINDS)
    assert act.matched == hm.MATCHED_Q2_47


def test_earlier_discrepancies_resolved_or_open() -> None:
    act = reconcile(hm.records(), "2025Q2", region="47")
    assert {(d.kind, d.order_no, d.ref): s for d, s in act.earlier} == hm.EARLIER_Q2_47


def test_next_quarter_shows_what_was_resolved() -> None:
    # In Q3 every Q2 discrepancy is earlier; none was fixed, so all are still open — plus order 12,
    # overdue by more than 30 days from 1 July, and E13 still open a month after repayment.
    q3 = reconcile(hm.records(), "2025Q3", region="47")
    earlier = {(d.kind, d.order_no, d.ref): s for d, s in q3.earlier}
    for key in hm.EXPECTED_Q2_47:
        assert earlier[key] == "open", key
    assert earlier[("no_enforcement", "47-2024-П00009", None)] == "open"
    assert ("no_enforcement", "47-2024-П00010", None) not in earlier  # resolved in Q2, gone
    assert _keys(q3) == {
        ("no_enforcement", "47-2025-П00012", None),
        ("status_mismatch", "47-2025-П00013", "E13"),
        ("no_police_decision", "47-2025-П00012", "C9"),
    }


def test_region_and_country() -> None:
    assert _keys(reconcile(hm.records(), "2025Q2", region="75")) == {
        ("no_enforcement", "75-2025-П00011", None)
    }
    everything = reconcile(hm.records(), "2025Q2")
    assert _keys(everything) == hm.EXPECTED_Q2_47 | {("no_enforcement", "75-2025-П00011", None)}


def test_party_splits_the_act() -> None:
    police = reconcile(hm.records(), "2025Q2", region="47", party="police")
    assert _keys(police) == {("no_police_decision", "47-2025-П00007", "C7")}
    assert police.matched == 2  # C8, C9
    enforcement = reconcile(hm.records(), "2025Q2", region="47", party="enforcement")
    assert _keys(enforcement) == hm.EXPECTED_Q2_47 - _keys(police)


def test_json_shape() -> None:
    data = reconcile(hm.records(), "2025Q2", region="47").as_json()
    assert data["quarter"] == "2025Q2" and data["matched"] == hm.MATCHED_Q2_47
    for d in data["discrepancies"]:
        assert set(d) == {"order_no", "employer_bin", "kind", "details"}
        assert d["kind"] in KINDS and d["details"]["body"] in ("labour_inspection", "police", "enforcement")


def test_terms_at_their_edges() -> None:
    recs = hm.records()
    # deadline 2025-03-01: overdue by 30 days on 2025-03-31 (no discrepancy), by 31 on 2025-04-01
    q1 = reconcile(recs, "2025Q1", region="47")
    assert ("no_enforcement", "47-2025-П00001", None) not in _keys(q1)
    # police term: two calendar months, a day past the end of a short month is its last day
    assert police_term_end(dt.date(2025, 3, 15)) == dt.date(2025, 5, 15)
    assert police_term_end(dt.date(2024, 12, 31)) == dt.date(2025, 2, 28)


@pytest.mark.parametrize("bad", ["2025Q5", "2025-Q1", "25Q1", ""])
def test_bad_quarter(bad: str) -> None:
    with pytest.raises(ValueError, match="expected a quarter"):
        Quarter.parse(bad)


def test_json_round_trip() -> None:
    from labormap.reconcile.engine import act_from_json

    act = reconcile(hm.records(), "2025Q2", region="47")
    again = act_from_json(act.as_json())
    assert again.as_json() == act.as_json()


def test_every_code_has_its_labels() -> None:
    from labormap import i18n
    from labormap.reconcile.rules import DECISIONS, EARLIER_STATUSES, PARTIES, SOURCES

    assert i18n.missing("reconcile_kind", KINDS) == []
    assert i18n.missing("reconcile_status", EARLIER_STATUSES) == []
    assert i18n.missing("police_decision", DECISIONS) == []
    assert i18n.missing("reconcile_source", SOURCES) == []
    assert i18n.missing("body", (*PARTIES, "labour_inspection")) == []
    assert i18n.missing("body_short", PARTIES) == []
