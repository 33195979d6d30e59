"""The act form: a region within the user's reach and a quarter (defaults submit as they are)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.reconcile.rules import Quarter
from labormap.web.core.choices import region_choices


class ActForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    quarter = forms.CharField(label=_("Quarter (YYYYQn)"), max_length=6)

    def __init__(self, *args: Any, regions: list[str] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        choices: list[tuple[str, Any]] = [
            (c, n) for c, n in region_choices() if regions is None or c in regions
        ]
        if regions is None:
            choices = [("", _("All regions")), *choices]
        region = self.fields["region"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = choices

    def clean_quarter(self) -> Quarter:
        try:
            return Quarter.parse(self.cleaned_data["quarter"])
        except ValueError:
            raise forms.ValidationError(_("Enter a quarter like 2025Q3.")) from None
