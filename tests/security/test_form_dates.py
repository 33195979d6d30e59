"""Item 1: every date and date-time input of every form renders an ISO value, which browsers accept."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.utils import translation

import labormap.web
from labormap.web.core.widgets import IsoDateInput, IsoDatesMixin, IsoDateTimeInput, renders_iso


def _form_classes() -> list[type[forms.BaseForm]]:
    out: list[type[forms.BaseForm]] = []
    for mod in pkgutil.walk_packages(labormap.web.__path__, "labormap.web."):
        if not mod.name.endswith(".forms"):
            continue
        m = importlib.import_module(mod.name)
        for _, cls in inspect.getmembers(m, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == m.__name__:
                out.append(cls)
    return out


FORMS = _form_classes()
DATE_FIELDS = [
    (cls, name)
    for cls in FORMS
    for name, f in cls.base_fields.items()  # type: ignore[attr-defined]
    if isinstance(f, forms.DateField | forms.DateTimeField)
]


def test_the_walk_finds_the_known_date_forms() -> None:
    names = {f"{c.__module__.split('.')[-2]}.{c.__name__}.{n}" for c, n in DATE_FIELDS}
    assert {
        "cases.CloseForm.closed_on",
        "accounts.ApproveForm.expires_at",
        "hearings.HearingForm.planned_on",
    } <= names


@pytest.mark.parametrize(("cls", "name"), DATE_FIELDS, ids=[f"{c.__name__}.{n}" for c, n in DATE_FIELDS])
def test_date_field_renders_iso(cls: type[forms.BaseForm], name: str) -> None:
    field = cls.base_fields[name]  # type: ignore[attr-defined]
    assert renders_iso(field), f"{cls.__module__}.{cls.__name__}.{name} uses {type(field.widget).__name__}"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_values_are_iso_in_every_language(lang: str) -> None:
    class F(IsoDatesMixin, forms.Form):
        d = forms.DateField(initial=dt.date(2026, 11, 25))
        t = forms.DateTimeField(initial=dt.datetime(2026, 11, 25, 9, 30))
        plain = forms.DateField(initial=dt.date(2026, 11, 25), widget=forms.DateInput)

    with translation.override(lang):
        html = str(F())
    assert 'type="date"' in html and 'value="2026-11-25"' in html
    assert 'type="datetime-local"' in html and 'value="2026-11-25T09:30"' in html
    assert "25.11.2026" not in html
    bound = F(data={"d": "2026-11-25", "t": "2026-11-25T09:30", "plain": "2026-11-25"})
    with translation.override(lang):
        assert bound.is_valid(), bound.errors


def test_widgets_keep_their_attributes() -> None:
    assert IsoDateInput(attrs={"min": "2020-01-01"}).attrs["min"] == "2020-01-01"
    assert IsoDateTimeInput().input_type == "datetime-local"
