"""Date inputs that browsers accept: ISO values (``2026-11-25``, ``2026-11-25T09:30``), never localised.

A ``type=date`` input given ``25.11.2026`` shows empty and submits nothing, so every form that renders
a date or date-time field uses these widgets (tests/security/test_form_dates.py walks every form of the
web and fails on any other). Parsing is unaffected: Django accepts ISO input in every language.
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class IsoDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATETIME)


class IsoDatesMixin:
    """Give every date and date-time field of a form the ISO widget (model forms included)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        for f in fields.values():
            iso_widget(f)


def iso_widget(field: forms.Field) -> forms.Field:
    """``field`` with an ISO widget when it is a date or date-time field (its attributes are kept)."""
    if isinstance(field, forms.DateTimeField) and not isinstance(field.widget, IsoDateTimeInput):
        field.widget = IsoDateTimeInput(attrs={k: v for k, v in field.widget.attrs.items() if k != "type"})
    elif isinstance(field, forms.DateField) and not isinstance(field.widget, IsoDateInput):
        field.widget = IsoDateInput(attrs={k: v for k, v in field.widget.attrs.items() if k != "type"})
    return field


def renders_iso(field: forms.Field) -> bool:
    """True when the field's widget renders ISO values into a date/datetime-local input."""
    w = field.widget
    if isinstance(field, forms.DateTimeField):
        return getattr(w, "input_type", "") == "datetime-local" and getattr(w, "format", None) == ISO_DATETIME
    if isinstance(field, forms.DateField):
        return getattr(w, "input_type", "") == "date" and getattr(w, "format", None) == ISO_DATE
    return True
