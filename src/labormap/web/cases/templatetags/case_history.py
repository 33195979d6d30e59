"""A case's history in words: labelled actions, field names and values, never internal codes.

``{% load case_history %}{{ ev|event_text }}`` gives e.g. «Изменено · Статус: открыто → закрыто».
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy

from labormap.web.cases.models import Case

register = template.Library()

ACTIONS = {
    "opened": pgettext_lazy("case_event", "Opened"),
    "changed": pgettext_lazy("case_event", "Changed"),
    "replanned": pgettext_lazy("case_event", "Tasks added by the playbook"),
    "task_done": pgettext_lazy("case_event", "Task done"),
    "escalated": pgettext_lazy("case_event", "Task escalated"),
    "link": pgettext_lazy("case_event", "Linked"),
    "measure": pgettext_lazy("case_event", "Measure recorded"),
    "tasks_cancelled": pgettext_lazy("case_event", "Open tasks cancelled with the case"),
    "tasks_reopened": pgettext_lazy("case_event", "Cancelled tasks reopened"),
}
OTHER = {
    "tasks": pgettext_lazy("case_event", "tasks"),
    "task": pgettext_lazy("case_event", "task"),
    "link": pgettext_lazy("case_event", "link"),
    "measure": pgettext_lazy("case_event", "measure"),
}


def _lang() -> str:
    return (get_language() or "ru")[:2]


def _value(field: str, v: Any) -> str:
    """A recorded value in words: codes through their labels, dates in the reader's format."""
    from labormap.web.cases.templatetags import cases_tags

    if v is None or v == "" or v == []:
        return "—"
    if field == "status":
        return str(dict(Case.STATUS_CHOICES).get(v, v))
    if field == "outcome":
        return cases_tags.outcome_name(v)
    if field == "kind":
        return cases_tags.kind_name(v)
    if field == "causes":
        return cases_tags.cause_names(v)
    if field == "participant_group":
        from labormap.web.cases.models import GROUP_CHOICES

        return str(dict(GROUP_CHOICES).get(v, v))
    if field == "measure":
        return cases_tags.measure_name(v)
    if field.endswith("_on") and isinstance(v, str):
        try:
            return date_format(dt.date.fromisoformat(v), "SHORT_DATE_FORMAT")
        except ValueError:
            return v
    if field == "task" and isinstance(v, str):
        return v if " " in v else "—"  # a task code is internal; its document reference is not
    return str(v)


def _field_name(field: str) -> str:
    if field in OTHER:
        return str(OTHER[field]).capitalize()
    try:
        return str(getattr(Case._meta.get_field(field), "verbose_name", "")).capitalize()
    except FieldDoesNotExist:  # not a case field: show nothing rather than a code
        return ""


@register.filter
def event_action(ev: Any) -> str:
    return str(ACTIONS.get(ev.action, pgettext_lazy("case_event", "Changed")))


@register.filter
def event_changes(ev: Any) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) for each recorded change, codes labelled."""
    out = []
    for f, pair in (ev.changes or {}).items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        out.append((_field_name(f), _value(f, old), _value(f, new)))
    return out


@register.filter
def event_note(ev: Any) -> str:
    """The note in words. The playbook's own notes list internal rule ids («form.stoppage.large, …»):
    the reader gets the playbook and its version instead (the rules stay on the case record)."""
    note = str(ev.note or "")
    if ev.action in ("opened", "replanned") and ":" in note:
        version = note.split(":", 1)[0].strip()
        return str(pgettext_lazy("case_event", "playbook %(version)s")) % {"version": version}
    return note
