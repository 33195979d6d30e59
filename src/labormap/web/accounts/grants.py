"""An account's further grants: listed, added and removed by an administrator on the account page.

The account sees the union of its grants (the profile's own fields are the first one); inside one grant the
regions, sectors, listed employers and holding intersect — see :mod:`labormap.scope`. Every change is
written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from labormap.identifiers import is_valid_kz_id as bin_is_valid
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent, Grant, Profile, split_codes
from labormap.web.accounts.views import admin_required
from labormap.web.core.choices import region_choices, sector_choices


class GrantForm(forms.Form):
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions"), required=False, choices=region_choices()
    )
    sectors = forms.MultipleChoiceField(
        label=gettext_lazy("Sectors"), required=False, choices=sector_choices()
    )
    employer_bins = forms.CharField(
        label=gettext_lazy("Employers (BINs)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    holding = forms.CharField(label=gettext_lazy("Holding group"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        bad = [b for b in split_codes(data.get("employer_bins", "")) if not bin_is_valid(b)]
        if bad:
            self.add_error(
                "employer_bins", gettext_lazy("Invalid BINs: %(bins)s") % {"bins": ", ".join(bad[:5])}
            )
        if not (
            data.get("regions") or data.get("sectors") or data.get("employer_bins") or data.get("holding")
        ):
            # an empty grant would admit nothing; saying so beats saving a row that does nothing
            raise forms.ValidationError(
                gettext_lazy("Choose at least one region, sector, employer or holding.")
            )
        return data


def _profile(pk: int) -> Profile:
    user = get_object_or_404(get_user_model(), pk=pk)
    return get_object_or_404(Profile, user=user)


@admin_required
@require_POST
def grant_add(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile(pk)
    form = GrantForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        g = Grant.objects.create(
            profile=profile,
            regions=",".join(d["regions"]),
            sectors=",".join(d["sectors"]),
            employer_bins=",".join(split_codes(d["employer_bins"])),
            holding=d["holding"].strip(),
        )
        audit.record(
            request, AuditEvent.ADMIN, target=f"user:{profile.user.username}", op="grant_add", grant=g.pk
        )
        messages.success(request, _("Grant added."))
    else:
        messages.error(request, _("Not saved: %(e)s") % {"e": form.errors.as_text()})
    return redirect("accounts:user_edit", pk=pk)


@admin_required
@require_POST
def grant_delete(request: HttpRequest, pk: int, grant_id: int) -> HttpResponse:
    profile = _profile(pk)
    g = get_object_or_404(Grant, pk=grant_id, profile=profile)
    g.delete()
    audit.record(
        request, AuditEvent.ADMIN, target=f"user:{profile.user.username}", op="grant_delete", grant=grant_id
    )
    messages.success(request, _("Grant removed."))
    return redirect("accounts:user_edit", pk=pk)
