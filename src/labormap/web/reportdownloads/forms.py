"""The report download form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from labormap.web.cases.forms import DATE

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
    lang = forms.ChoiceField(
        label=_("Language"), choices=[("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
    )
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
