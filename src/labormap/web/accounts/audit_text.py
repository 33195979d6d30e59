"""The audit log in words: action codes and detail keys labelled from the catalogue (labormap.i18n).

An event's ``details`` are a JSON object written by the code that audits (``audit.record(..., key=value)``);
the audit page shows them as "label: value" pairs in the reader's language, never as a dict. Actions and
keys without a catalogue entry (an app added a new one) are shown humanised rather than failing the page;
``tests/i18n/test_completeness.py`` lists every action the code records, so a new one needs its labels.
"""

from __future__ import annotations

from typing import Any

from labormap import fmt, i18n

ACTIONS: tuple[str, ...] = (
    "login",
    "login_failed",
    "logout",
    "view_card",
    "view_case",
    "view_layoffs",
    "export",
    "api_token",
    "access_request",
    "admin",
    "password_reset",
    "agreements_case",
    "control_notices",
    "wage_plan_saved",
    "answer_appeal",
    "import_appeals",
    "view_appeal",
    "view_appeals",
    "view_voice",
    "export_voice",
    "voice_poster",
    "voice_tokens",
    "voice_batch",
    "view_cagreement",
    "cagreement",
    "union_complaint",
    "union_proposal",
    "commission_sitting",
    # alerts closed with an outcome (web/alerts/lifecycle.py)
    "view_alert",
    "alert_acknowledge",
    "alert_assign",
    "alert_verify",
    "alert_close",
    "alert_escalate",
)
DETAIL_KEYS: tuple[str, ...] = (
    "username",
    "reason",
    "via",
    "format",
    "rows",
    "filters",
    "op",
    "escalated",
    "prefix",
    "case",
    "half",
    "kind",
    "count",
    "employer",
    "lang",
    "tasks",
    "region",
    "user",
    "outcome",
    "assignee",
)
# detail values that are codes themselves (the rest are names, numbers or identifiers shown as they are)
CODED_VALUES: tuple[str, ...] = ("approve", "reject", "edit", "password_set", "throttled", "api")


def _lenient(domain: str, code: str, lang: str) -> str:
    if i18n.has_label(domain, code, lang):
        return i18n.label(domain, code, lang)
    return code.replace("_", " ")


def action_label(action: str, lang: str) -> str:
    return _lenient("audit_action", action, lang)


def _value(key: str, value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{_lenient('audit_detail', str(k), lang)} = {v}" for k, v in value.items() if v)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return i18n.gettext("yes" if value else "no", lang)
    if isinstance(value, int | float):
        return fmt.number(value, lang)
    s = str(value)
    if key == "region":
        return i18n.label("region", s, lang) if i18n.has_label("region", s, lang) else s
    if key == "lang":
        return s.upper()
    return _lenient("audit_value", s, lang) if s in CODED_VALUES else s


def details_text(details: Any, lang: str) -> list[tuple[str, str]]:
    """``[(label, value)]`` for an event's details, in a stable order."""
    if not isinstance(details, dict):
        return [] if not details else [("", str(details))]
    return [
        (_lenient("audit_detail", str(k), lang), _value(str(k), v, lang))
        for k, v in sorted(details.items())
        if v not in (None, "", [], {})
    ]
