"""Names of the response codes (bodies, measures, kinds, causes, outcomes) in the current language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from labormap import i18n
from labormap.reference import CAUSES, CONFLICT_KINDS
from labormap.response import BODIES, MEASURE_KINDS

register = template.Library()


def _lang() -> str:
    return (get_language() or "ru")[:2]


@register.filter
def body_name(code: str) -> str:
    b = BODIES.get(code or "")
    return b.short(_lang()) if b else "—"  # the short name in every language (catalogue ``body_short``)


@register.filter
def measure_name(code: str) -> str:
    k = MEASURE_KINDS.get(code or "")
    return k.name(_lang()) if k else (code or "—")


@register.filter
def kind_name(code: str) -> str:
    if code == "none":
        return _("prevention (no collective action)")
    k = CONFLICT_KINDS.get(code or "")
    return k.name(_lang()) if k else (code or "—")


@register.filter
def cause_names(codes: Any) -> str:
    items = codes.split(";") if isinstance(codes, str) else list(codes or [])
    return "; ".join(CAUSES[c].name(_lang()) if c in CAUSES else c for c in items if c) or "—"


@register.filter
def outcome_name(code: str) -> str:
    return i18n.label("outcome", code, _lang()) if code else "—"


@register.filter
def task_action(task: Any) -> str:
    return str(task.action(_lang()))


@register.filter
def task_document(task: Any) -> str:
    return str(task.document(_lang()))


@register.filter
def text_in(text: Any) -> str:
    """A playbook Text in the current language."""
    return str(text.get(_lang())) if hasattr(text, "get") else str(text)
