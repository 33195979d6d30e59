"""Forms of the case pages (hearings, playbook and report forms live in their own apps)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.web.cases.models import (
    BODY_CHOICES,
    CAUSE_CHOICES,
    GROUP_CHOICES,
    KIND_CHOICES,
    MEASURE_CHOICES,
    OUTCOME_CHOICES,
)
from labormap.web.core.widgets import IsoDateInput

DATE = IsoDateInput()  # ISO values: a localised "25.11.2026" leaves a type=date input empty


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of conflict"), choices=KIND_CHOICES)
    causes = forms.MultipleChoiceField(
        label=_("Causes"), choices=CAUSE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    participant_group = forms.ChoiceField(
        label=_("Participants"), choices=[("", "—"), *GROUP_CHOICES], required=False
    )
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1, required=False)
    demands = forms.CharField(label=_("Demands"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    started_on = forms.DateField(label=_("Started"), required=False, widget=DATE)
    opened_on = forms.DateField(label=_("Opened"), initial=dt.date.today, widget=DATE)


class CaseEditForm(CaseForm):
    note = forms.CharField(label=_("Comment"), required=False)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[c for c in OUTCOME_CHOICES if c[0] != "ongoing"])
    closed_on = forms.DateField(label=_("Closed"), initial=dt.date.today, widget=DATE)
    note = forms.CharField(label=_("Comment"), required=False)


class TaskDoneForm(forms.Form):
    document_ref = forms.CharField(
        label=_("Document produced (number, date)"), required=False, max_length=300
    )


class LinkForm(forms.Form):
    ref = forms.CharField(label=_("Registry fact (e.g. arrears case, conflict number)"), max_length=200)
    title = forms.CharField(label=_("Description"), required=False, max_length=500)


class MeasureForm(forms.Form):
    employer = forms.CharField(label=_("Employer BIN"), max_length=12, min_length=12)
    kind = forms.ChoiceField(label=_("Measure"), choices=MEASURE_CHOICES)
    taken_on = forms.DateField(label=_("Date"), initial=dt.date.today, widget=DATE)
    body = forms.ChoiceField(label=_("Taken by"), choices=[("", "—"), *BODY_CHOICES], required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
