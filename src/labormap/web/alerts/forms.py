"""The subscription form of the alerts page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from labormap.web.alerts.models import KIND_CHOICES
from labormap.web.core.choices import region_choices, sector_choices


class SubscriptionForm(forms.Form):
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions"), required=False, choices=region_choices()
    )
    sectors = forms.MultipleChoiceField(
        label=gettext_lazy("Sectors"),
        required=False,
        choices=sector_choices(),
    )
    kinds = forms.MultipleChoiceField(label=gettext_lazy("Kinds"), required=False, choices=KIND_CHOICES)
    email = forms.BooleanField(label=gettext_lazy("Send by e-mail"), required=False, initial=True)
