"""Forms of the union pages: a new draft, a comment on a clause, a member complaint, a hearing proposal.

Every form works when submitted with its defaults (a draft starts on the first day of next month).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.reference.conflicts import CAUSES
from labormap.web.core.choices import labelled_choices


def _next_month() -> dt.date:
    t = dt.date.today()
    return (t.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


class DraftForm(forms.Form):
    employer = forms.ChoiceField(label=_("Employer"))
    valid_from = forms.DateField(
        label=_("In force from"),
        initial=_next_month,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    years = forms.IntegerField(label=_("Term, years"), min_value=1, max_value=3, initial=3)

    def __init__(self, *args: object, employers: list[tuple[str, str]], **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.fields["employer"].choices = employers  # type: ignore[attr-defined]
        if employers:
            self.fields["employer"].initial = employers[0][0]


class TermsForm(forms.Form):
    min_tariff_kzt = forms.FloatField(label=_("Minimum tariff rate, KZT"), required=False, min_value=0)
    tariff_coefficients = forms.CharField(label=_("Inter-grade coefficients"), required=False, max_length=100)
    hazard_bonus_pct = forms.FloatField(
        label=_("Hazard bonus, %"), required=False, min_value=0, max_value=100
    )
    indexation = forms.BooleanField(label=_("Indexation of wages"), required=False)
    valid_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("In force to"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class CommentForm(forms.Form):
    clause = forms.CharField(max_length=40, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class ComplaintForm(forms.Form):
    employer = forms.ChoiceField(label=_("Employer"))
    topic = forms.ChoiceField(label=_("Topic"), choices=labelled_choices("conflict_cause", CAUSES))
    text = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    anonymous = forms.BooleanField(label=_("Anonymous (no name is kept)"), required=False, initial=True)
    contact = forms.CharField(label=_("Contact (if not anonymous)"), required=False, max_length=200)

    def __init__(self, *args: object, employers: list[tuple[str, str]], **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.fields["employer"].choices = employers  # type: ignore[attr-defined]
        if employers:
            self.fields["employer"].initial = employers[0][0]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("anonymous"):
            data["contact"] = ""  # anonymity wins over a contact typed by mistake
        return data


class ProposalForm(forms.Form):
    employer = forms.ChoiceField(label=_("Employer"))
    level = forms.ChoiceField(label=_("Commission"))
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )

    def __init__(
        self, *args: object, employers: list[tuple[str, str]], levels: list[tuple[str, str]], **kw: object
    ) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.fields["employer"].choices = employers  # type: ignore[attr-defined]
        self.fields["level"].choices = levels  # type: ignore[attr-defined]
        if employers:
            self.fields["employer"].initial = employers[0][0]
        self.fields["level"].initial = levels[0][0]
