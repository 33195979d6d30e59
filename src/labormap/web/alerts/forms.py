"""The subscription form of the alerts page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from labormap.reference import OKED_SECTIONS, REGIONS
from labormap.web.alerts.models import KIND_CHOICES


class SubscriptionForm(forms.Form):
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions"), required=False, choices=[(k, r.name_ru) for k, r in REGIONS.items()]
    )
    sectors = forms.MultipleChoiceField(
        label=gettext_lazy("Sectors"),
        required=False,
        choices=[(k, f"{k} {s.name_ru}") for k, s in OKED_SECTIONS.items()],
    )
    kinds = forms.MultipleChoiceField(label=gettext_lazy("Kinds"), required=False, choices=KIND_CHOICES)
    email = forms.BooleanField(label=gettext_lazy("Send by e-mail"), required=False, initial=True)
