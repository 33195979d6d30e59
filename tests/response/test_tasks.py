from __future__ import annotations

from datetime import date, timedelta

from labormap.response import (
    CaseFacts,
    Due,
    TaskState,
    WorkCalendar,
    default_playbook,
    due_date,
    escalation_for,
    plan_tasks,
    select,
)
from labormap.response.workdays import days_off

CAL = WorkCalendar()


def test_holidays_and_weekend_transfers() -> None:
    off = days_off(2025)
    assert date(2025, 3, 21) in off and date(2025, 3, 24) in off  # Nauryz on Fri-Sun: Sat/Sun move to Mon/Tue
    assert date(2025, 3, 25) in off
    assert date(2025, 10, 25) in off and date(2025, 10, 27) in off  # Republic Day on a Saturday -> Monday
    assert date(2025, 6, 6) in off  # Kurban ait
    assert date(2021, 12, 17) in days_off(2021) and date(2025, 12, 17) not in off
    assert not CAL.is_workday(date(2025, 12, 16)) and CAL.is_workday(date(2025, 12, 17))


def test_working_day_deadlines_skip_weekends_and_holidays() -> None:
    fri = date(2025, 12, 12)
    assert due_date(fri, Due(0, True)) == fri
    assert due_date(fri, Due(1, True)) == date(2025, 12, 15)
    assert due_date(fri, Due(2, True)) == date(2025, 12, 17)  # 16 December is Independence Day
    sat = date(2025, 12, 13)
    assert due_date(sat, Due(0, True)) == date(2025, 12, 15)
    # a calendar-day deadline that lands on a day off moves to the next working day
    assert due_date(fri, Due(1, False)) == date(2025, 12, 15)
    assert due_date(fri, Due(5, False)) == date(2025, 12, 17)
    assert CAL.workdays_between(fri, date(2025, 12, 19)) == 4
    assert CAL.workdays_between(date(2025, 12, 19), fri) == -4


def test_decree_transfers_can_be_passed_in() -> None:
    cal = WorkCalendar(extra_days_off=[date(2025, 12, 15)], extra_workdays=[date(2025, 12, 13)])
    assert cal.add_workdays(date(2025, 12, 12), 1) == date(2025, 12, 13)
    assert cal.add_workdays(date(2025, 12, 12), 2) == date(2025, 12, 17)


def test_opening_a_case_creates_dated_tasks_soonest_first() -> None:
    sel = select(default_playbook(), CaseFacts("strike", ("wage_arrears",), "contractor_staff", 150, 300))
    opened = date(2025, 12, 12)
    tasks = plan_tasks(sel, opened)
    assert len(tasks) == len(sel.steps)
    assert [t.due_on for t in tasks] == sorted(t.due_on for t in tasks)
    by_code = {t.code: t for t in tasks}
    assert by_code["rapid_info"].due_on == opened and by_code["rapid_info"].body == "mio"
    assert by_code["arrears_inspection"].due_on == date(2025, 12, 15)
    assert by_code["order_control"].due_on == CAL.add_workdays(opened, 10)
    assert all(t.due_on >= opened and CAL.is_workday(t.due_on) for t in tasks)


def test_merged_step_takes_the_earliest_date() -> None:
    # employer_plan is 10wd in prevention; the stoppage rule has it at 5wd: a strike case uses 5wd
    sel = select(default_playbook(), CaseFacts("strike", ("wage_level",), "own_staff", 20))
    [t] = [t for t in plan_tasks(sel, date(2025, 12, 1)) if t.code == "employer_plan"]
    assert t.due_on == CAL.add_workdays(date(2025, 12, 1), 5)


def test_not_overdue_or_done_tasks_do_not_escalate() -> None:
    due = date(2025, 12, 15)
    g = Due(1, True)
    assert escalation_for(TaskState("employer", due, False), due, has_holding=False, grace=g) is None
    assert (
        escalation_for(TaskState("employer", due, True), due + timedelta(days=5), has_holding=False, grace=g)
        is None
    )


def test_overdue_escalates_along_the_chain_to_the_ministry() -> None:
    g = Due(1, True)
    t = TaskState("employer", date(2025, 12, 15), False)
    today = date(2025, 12, 17)
    chain = []
    for _ in range(5):
        e = escalation_for(t, today, has_holding=True, grace=g)
        assert e is not None
        chain.append((e.to_body, e.at_top))
        assert e.due_on == CAL.add_workdays(today, 1) and e.level == t.level + 1
        assert (
            escalation_for(TaskState(e.to_body, e.due_on, False, e.level), today, has_holding=True, grace=g)
            is None
        )
        t = TaskState(e.to_body, e.due_on, False, e.level)
        today = e.due_on + timedelta(days=1)
    assert chain == [("holding", False), ("mtszn", False), ("mtszn", True), ("mtszn", True), ("mtszn", True)]


def test_first_escalation_follows_the_step_target_then_the_chain() -> None:
    g = Due(1, True)
    t = TaskState("employer", date(2025, 12, 15), False, escalate_to="labour_inspection")
    e = escalation_for(t, date(2025, 12, 18), has_holding=False, grace=g)
    assert e is not None and e.to_body == "labour_inspection" and e.overdue_days == 3
    assert "Инспекция труда" in e.message()
    e2 = escalation_for(
        TaskState("employer", date(2025, 12, 15), False, level=1, escalate_to="labour_inspection"),
        date(2025, 12, 18),
        has_holding=False,
        grace=g,
    )
    assert e2 is not None and e2.to_body == "mio"  # without a holding the employer's next body is the akimat
