"""Dated tasks from a selection, and the escalation of overdue tasks.

Opening a case turns every selected step into a task with a due date counted from the opening date
(working days on the Kazakhstan calendar, or calendar days). A task that is not done by its due date
escalates: it passes to the next body (the step's ``escalate_to`` for the first escalation, then the
default chain of :mod:`labormap.response.bodies`) with a new due date ``grace`` after the escalation;
when that passes too it escalates again, up to the ministry, where it stays flagged as overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from labormap import fmt, i18n
from labormap.response.bodies import BODIES, next_body
from labormap.response.playbook import Due, Text
from labormap.response.selection import Selection
from labormap.response.workdays import DEFAULT_CALENDAR, WorkCalendar


def due_date(start: date, due: Due, calendar: WorkCalendar = DEFAULT_CALENDAR) -> date:
    """``start`` plus the deadline; a calendar-day deadline that ends on a day off moves to the next working day
    (as deadlines in Kazakh administrative law do)."""
    if due.working:
        return calendar.add_workdays(start, due.days)
    return calendar.add_workdays(start + timedelta(days=due.days), 0)


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task to create when a case opens."""

    code: str
    rule_id: str
    action: Text
    body: str
    due_on: date
    document: Text
    escalate_to: str | None
    seq: int  # order of the steps in the selection (ties of the due date keep it)


def plan_tasks(
    selection: Selection, opened_on: date, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> list[TaskSpec]:
    """The dated tasks of a case opened on ``opened_on``, soonest first."""
    tasks = []
    for i, ps in enumerate(selection.steps):
        s = ps.step
        due = min(due_date(opened_on, d, calendar) for d in ps.dues)
        tasks.append(TaskSpec(s.code, ps.rule_id, s.action, s.body, due, s.document, s.escalate_to, i))
    return sorted(tasks, key=lambda t: (t.due_on, t.seq))


@dataclass(frozen=True, slots=True)
class TaskState:
    """The state of a task that escalation needs (the web app keeps it in its database)."""

    body: str  # the body that holds the task now
    due_on: date  # the current due date (after an escalation: the escalation's due date)
    done: bool
    level: int = 0  # how many times it has escalated
    escalate_to: str | None = None  # the step's first escalation target


@dataclass(frozen=True, slots=True)
class Escalation:
    from_body: str
    to_body: str
    level: int
    due_on: date
    overdue_days: int
    at_top: bool  # the task is already with the top body: it stays there, flagged

    def message(self, lang: str = "ru") -> str:
        """The escalation in words (catalogue ``labormap/response/locale``; dates by ``labormap.fmt``)."""
        values = {
            "days": i18n.npgettext("overdue", "{n} day", "{n} days", self.overdue_days, lang).format(
                n=fmt.number(self.overdue_days, lang)
            ),
            "frm": BODIES[self.from_body].short(lang),
            "to": BODIES[self.to_body].short(lang),
            "due": fmt.date(self.due_on, lang),
        }
        if self.at_top:
            return i18n.gettext(
                "Overdue by {days}; the task stays with {to}, new due date {due}", lang
            ).format(**values)
        return i18n.gettext("Overdue by {days}: passed {frm} → {to}, new due date {due}", lang).format(
            **values
        )


def escalation_for(
    task: TaskState,
    today: date,
    *,
    has_holding: bool,
    grace: Due,
    calendar: WorkCalendar = DEFAULT_CALENDAR,
) -> Escalation | None:
    """The escalation an overdue task needs on ``today``, or None when it is done or not yet overdue.

    A task is overdue from the day after its due date. Applying the result (new body, level and due date)
    is the caller's job; calling again on the same day with the applied state returns None.
    """
    if task.done or today <= task.due_on:
        return None
    target = (
        task.escalate_to
        if task.level == 0 and task.escalate_to
        else next_body(task.body, has_holding=has_holding)
    )
    at_top = target is None
    to_body = task.body if target is None else target
    return Escalation(
        from_body=task.body,
        to_body=to_body,
        level=task.level + 1,
        due_on=due_date(today, grace, calendar),
        overdue_days=(today - task.due_on).days,
        at_top=at_top,
    )
