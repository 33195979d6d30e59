"""labormap.alertflow: the moves an alert may make, the overdue rule on Kazakhstan's calendar, the figures."""

from __future__ import annotations

import datetime as dt

import pytest

from labormap import alertflow as af
from labormap import i18n


def test_the_full_path_and_forbidden_moves() -> None:
    s = af.next_status(af.NEW, "acknowledge")
    s = af.next_status(s, "assign")
    s = af.next_status(s, "verify", af.CONFIRMED)
    assert af.next_status(s, "close") == af.CLOSED
    with pytest.raises(af.TransitionError):
        af.next_status(af.NEW, "close")  # never closed without a verified outcome
    with pytest.raises(af.TransitionError):
        af.next_status(af.ASSIGNED, "verify", None)  # verifying needs an outcome
    with pytest.raises(af.TransitionError):
        af.next_status(af.CLOSED, "acknowledge")
    assert af.allowed_actions(af.CLOSED) == []
    assert af.allowed_actions(af.NEW) == ["acknowledge", "assign"]


def test_overdue_after_two_working_days_skipping_weekend_and_holidays() -> None:
    fri = dt.date(2026, 11, 20)
    assert af.ack_due(fri) == dt.date(2026, 11, 24)  # Mon, Tue
    assert not af.is_overdue(af.NEW, fri, dt.date(2026, 11, 24))
    assert af.is_overdue(af.NEW, fri, dt.date(2026, 11, 25))
    assert not af.is_overdue(af.ACKNOWLEDGED, fri, dt.date(2026, 12, 25))
    # 16 December (Independence Day) is a holiday: raised on Tue 15 Dec, due Thu 17 … plus one more day
    assert af.ack_due(dt.date(2026, 12, 15)) > dt.date(2026, 12, 17)


def test_stats_age_closure_and_median() -> None:
    today = dt.date(2026, 11, 25)
    t = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    rows = [
        af.AlertFacts(af.NEW, today, t),
        af.AlertFacts(af.ASSIGNED, today - dt.timedelta(days=5), t),
        af.AlertFacts(af.NEW, today - dt.timedelta(days=40), t),
        af.AlertFacts(af.CLOSED, today - dt.timedelta(days=9), t, t + dt.timedelta(hours=2)),
        af.AlertFacts(af.VERIFIED, today - dt.timedelta(days=9), t, t + dt.timedelta(hours=10)),
        af.AlertFacts(af.CLOSED, today - dt.timedelta(days=9), t, t + dt.timedelta(hours=30)),
    ]
    st = af.stats(rows, today)
    assert st.open_by_age == {"d0_2": 1, "d3_7": 1, "d8_30": 1, "d31": 1}
    assert (st.total, st.open, st.closed) == (6, 4, 2)
    assert st.closure_rate == pytest.approx(2 / 6)
    assert st.median_hours_to_verify == pytest.approx(10.0)
    assert af.stats([], today).closure_rate is None


def test_every_code_is_labelled_in_every_language() -> None:
    for domain, codes in (
        ("alert_status", af.STATUSES),
        ("alert_outcome", af.OUTCOMES),
        ("alert_action", (*af.ACTIONS, "escalate")),
        ("alert_age", [c for c, _lo in af.AGE_BUCKETS]),
    ):
        assert not i18n.missing(domain, codes)
        for c in codes:  # ru and kk are real translations, not the code passed through
            assert i18n.label(domain, c, "ru") != c and i18n.label(domain, c, "kk") != c
