"""Forms of the case pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.web.cases.models import (
    BODY_CHOICES,
    CAUSE_CHOICES,
    GROUP_CHOICES,
    KIND_CHOICES,
    MEASURE_CHOICES,
    OUTCOME_CHOICES,
    REGION_CHOICES,
)

DATE = forms.DateInput(attrs={"type": "date"})


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


class DecisionForm(forms.Form):
    employer = forms.ChoiceField(label=_("Employer"), choices=())
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.ChoiceField(label=_("Responsible body"), choices=BODY_CHOICES)
    due_days = forms.IntegerField(label=_("Deadline, working days"), min_value=0, max_value=250, initial=10)

    def __init__(self, *args: Any, employer_choices: list[tuple[str, str]] = (), **kw: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kw)
        self.fields["employer"].choices = employer_choices  # type: ignore[attr-defined]


class PlaybookForm(forms.Form):
    text = forms.CharField(
        label=_("Playbook (YAML)"), widget=forms.Textarea(attrs={"rows": 30, "class": "mono"})
    )
    comment = forms.CharField(label=_("What changed and why"), max_length=300)


REPORT_KINDS = [
    ("daily", _("Daily analytical note")),
    ("measures", _("Report on measures taken")),
    ("semiannual", _("Semi-annual note")),
]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=REPORT_KINDS)
    as_of = forms.DateField(label=_("Date (daily note)"), required=False, widget=DATE)
    days = forms.IntegerField(
        label=_("Days of media signals and measures"), min_value=1, max_value=31, initial=1, required=False
    )
    start = forms.DateField(label=_("From (measures)"), required=False, widget=DATE)
    end = forms.DateField(label=_("To (measures)"), required=False, widget=DATE)
    year = forms.IntegerField(label=_("Year (semi-annual)"), min_value=2015, max_value=2100, required=False)
    half = forms.ChoiceField(label=_("Half (semi-annual)"), choices=[("1", "1"), ("2", "2")], required=False)
    lang = forms.ChoiceField(label=_("Language"), choices=[("ru", "Русский"), ("kk", "Қазақша")])
    fmt = forms.ChoiceField(label=_("Format"), choices=[("docx", "DOCX"), ("xlsx", "XLSX")])

    def clean(self) -> dict[str, Any]:
        d: dict[str, Any] = super().clean() or {}
        kind = d.get("kind")
        if kind == "daily" and not d.get("as_of"):
            self.add_error("as_of", _("Required for the daily note."))
        if kind == "measures":
            if not d.get("start") or not d.get("end"):
                self.add_error("start", _("Give the period."))
            elif d["end"] < d["start"]:
                self.add_error("end", _("The period ends before it starts."))
        if kind == "semiannual" and (not d.get("year") or not d.get("half")):
            self.add_error("year", _("Give the year and the half."))
        return d
