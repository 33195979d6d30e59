"""Forms of the control pages (defaults submitted as they are must work)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.web.control.models import STATUS_CHOICES

LANG_CHOICES = (("ru", "Русский"), ("kk", "Қазақша"))


def _default_due() -> dt.date:
    return dt.date.today() + dt.timedelta(days=30)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")  # HTML date inputs need ISO values


class GenerateForm(forms.Form):
    # empty means the default: 30 days from today
    due_on = forms.DateField(label=_("Due date"), initial=_default_due, widget=DateInput(), required=False)
    lang = forms.ChoiceField(label=_("Language"), choices=LANG_CHOICES, initial="ru", required=False)


class NoticeUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES)
    sent_on = forms.DateField(label=_("Sent on"), required=False, widget=DateInput())
    delivered_on = forms.DateField(label=_("Delivered on"), required=False, widget=DateInput())
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class TemplateForm(forms.Form):
    text = forms.CharField(label=_("Template (YAML)"), widget=forms.Textarea(attrs={"rows": 30, "cols": 100}))
    comment = forms.CharField(label=_("Comment"), required=False, max_length=300)
