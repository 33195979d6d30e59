"""The alerts page's forms: subscription, filters, and one move on an alert."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from labormap.alertflow import ACTIONS, OUTCOMES, STATUSES
from labormap.web.alerts.models import KIND_CHOICES
from labormap.web.core.choices import labelled_choices, region_choices, sector_choices


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


class AlertFilterForm(forms.Form):
    """The alerts page's filters: region, kind, status and the date range (ISO dates, never localised)."""

    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    overdue = forms.BooleanField(label=gettext_lazy("Escalated only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", gettext_lazy("all"))]
        self.fields["region"].choices = blank + region_choices()  # type: ignore[attr-defined]
        self.fields["kind"].choices = blank + list(KIND_CHOICES)  # type: ignore[attr-defined]
        self.fields["status"].choices = (  # type: ignore[attr-defined]
            [*blank, ("open", gettext_lazy("open")), *labelled_choices("alert_status", STATUSES)]
        )


class AlertActionForm(forms.Form):
    """One move on an alert; which fields matter depends on the action (checked by labormap.alertflow)."""

    action = forms.ChoiceField(
        label=gettext_lazy("Action"), choices=labelled_choices("alert_action", ACTIONS)
    )
    assignee = forms.ChoiceField(label=gettext_lazy("Assign to"), required=False)
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        required=False,
        choices=[("", "—"), *labelled_choices("alert_outcome", OUTCOMES)],
    )
    open_case = forms.BooleanField(label=gettext_lazy("Open a case (when confirmed)"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, users: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (str(u.pk), u.get_full_name() or u.get_username()) for u in users
        ]
