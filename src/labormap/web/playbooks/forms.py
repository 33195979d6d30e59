"""Forms of the playbook page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PlaybookForm(forms.Form):
    text = forms.CharField(
        label=_("Playbook (YAML)"), widget=forms.Textarea(attrs={"rows": 30, "class": "mono"})
    )
    comment = forms.CharField(label=_("What changed and why"), max_length=300)
