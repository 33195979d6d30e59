from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.web.accounts.scope import scoped_employers
from labormap.web.layoffs.models import WagePlan


class WagePlanForm(forms.ModelForm):
    employer_bin = forms.CharField(label=_("Employer BIN"), max_length=12)

    class Meta:
        model = WagePlan
        fields = ("target_raise_pct", "base_period", "due_on", "workers_covered", "note")
        widgets: ClassVar[dict[str, Any]] = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        due_on = self.fields["due_on"]
        assert isinstance(due_on, forms.DateField)
        due_on.input_formats = ["%Y-%m-%d"]
        if self.instance.pk:
            self.fields["employer_bin"].initial = self.instance.employer_id
            self.fields["employer_bin"].disabled = True

    def clean_employer_bin(self) -> str:
        b = str(self.cleaned_data["employer_bin"]).strip()
        if self.instance.pk:
            return str(self.instance.employer_id)
        if not scoped_employers(self.user).filter(bin=b).exists():
            raise forms.ValidationError(_("No employer with this BIN within your access."))
        return b

    def clean_base_period(self) -> str:
        v = str(self.cleaned_data["base_period"]).strip()
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", v):
            raise forms.ValidationError(_("Enter a month as YYYY-MM."))
        return v

    def clean_target_raise_pct(self) -> float:
        v = float(self.cleaned_data["target_raise_pct"])
        if not 0 < v <= 200:
            raise forms.ValidationError(_("Enter a raise between 0 and 200%."))
        return v

    def save(self, commit: bool = True) -> WagePlan:
        plan: WagePlan = super().save(commit=False)
        if not plan.pk:
            plan.employer_id = self.cleaned_data["employer_bin"]
            plan.created_by = self.user
        if commit:
            plan.save()
        return plan
