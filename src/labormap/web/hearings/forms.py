"""Forms of the hearing pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.web.cases.forms import DATE
from labormap.web.cases.models import BODY_CHOICES, REGION_CHOICES


class HearingForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), choices=REGION_CHOICES)
    planned_on = forms.DateField(label=_("Date of the sitting"), widget=DATE)
    employers = forms.MultipleChoiceField(
        label=_("Employers to hear"), choices=(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, employer_choices: list[tuple[str, str]] = (), **kw: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kw)
        self.fields["employers"].choices = employer_choices  # type: ignore[attr-defined]


class HearingRecordForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    protocol_no = forms.CharField(label=_("Protocol number"), max_length=50, required=False)
    protocol = forms.CharField(label=_("Protocol"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: Any, today: dt.date | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.today = today or dt.date.today()

    def clean_held_on(self) -> dt.date:
        v: dt.date = self.cleaned_data["held_on"]
        if v > self.today:
            raise forms.ValidationError(_("A sitting still to come cannot be recorded as held."))
        return v


class DecisionForm(forms.Form):
    employer = forms.ChoiceField(label=_("Employer"), choices=())
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.ChoiceField(label=_("Responsible body"), choices=BODY_CHOICES)
    due_days = forms.IntegerField(label=_("Deadline, working days"), min_value=0, max_value=250, initial=10)

    def __init__(self, *args: Any, employer_choices: list[tuple[str, str]] = (), **kw: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kw)
        self.fields["employer"].choices = employer_choices  # type: ignore[attr-defined]
