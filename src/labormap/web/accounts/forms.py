from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from labormap.identifiers import is_valid_kz_id as bin_is_valid
from labormap.web.accounts.models import AccessRequest, split_codes
from labormap.web.accounts.roles import ROLE_CHOICES, ROLES, SCOPE_CHOICES
from labormap.web.core.choices import region_choices, sector_choices
from labormap.web.core.widgets import IsoDateTimeInput


class LoginForm(AuthenticationForm):
    pass


class AccessRequestForm(forms.ModelForm):
    class Meta:
        model = AccessRequest
        fields = (
            "organisation_name",
            "organisation_bin",
            "contact_name",
            "email",
            "username",
            "requested_role",
            "requested_scope",
            "justification",
        )
        widgets = {  # noqa: RUF012
            "requested_scope": forms.Textarea(attrs={"rows": 2}),
            "justification": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_organisation_bin(self) -> str:
        v: str = self.cleaned_data.get("organisation_bin", "").strip()
        if v and not bin_is_valid(v):
            raise forms.ValidationError(_("Not a valid BIN (12 digits with a check digit)."))
        return v

    def clean_username(self) -> str:
        # Django's own rules for user names. Whether the name is taken is NOT said here: that would tell
        # anyone which accounts exist. The administrator sees it, and can change the name, on approval.
        return validate_username(self.cleaned_data["username"])


def validate_username(value: str) -> str:
    v = value.strip()
    get_user_model().username_validator(v)
    if not v or len(v) > 150:
        raise forms.ValidationError(_("Enter a valid user name."))
    return v


class ScopeFieldsMixin(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    scope_kind = forms.ChoiceField(label=_("Scope"), choices=SCOPE_CHOICES)
    regions = forms.MultipleChoiceField(label=_("Regions"), required=False, choices=region_choices())
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        required=False,
        choices=sector_choices(),
    )
    employer_bins = forms.CharField(
        label=_("Employers (BINs)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    holding = forms.CharField(label=_("Holding group"), required=False)
    expires_at = forms.DateTimeField(label=_("Access expires"), required=True, widget=IsoDateTimeInput())

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        role, kind = data.get("role"), data.get("scope_kind")
        if role and kind and kind not in ROLES[role].scope_kinds:
            self.add_error("scope_kind", _("This scope is not allowed for the role."))
        bins = split_codes(data.get("employer_bins", ""))
        bad = [b for b in bins if not bin_is_valid(b)]
        if bad:
            self.add_error("employer_bins", _("Invalid BINs: %(bins)s") % {"bins": ", ".join(bad[:5])})
        need = {
            "region": "regions",
            "sector": "sectors",
            "employers": "employer_bins",
            "own": "employer_bins",
            "holding": "holding",
        }
        if kind in need and not data.get(need[kind]):
            self.add_error(need[kind], _("Required for this scope."))
        if kind == "own" and len(bins) != 1:
            self.add_error("employer_bins", _("Give exactly one BIN for an employer account."))
        return data


class ApproveForm(ScopeFieldsMixin):
    username = forms.CharField(
        label=_("User name"), max_length=150, help_text=_("Letters, digits and @/./+/-/_ only.")
    )
    note = forms.CharField(label=_("Note"), required=False)

    field_order = ("username",)

    def clean_username(self) -> str:
        v = validate_username(self.cleaned_data["username"])
        if get_user_model().objects.filter(username__iexact=v).exists():
            raise forms.ValidationError(_("This user name is taken: choose another one for this account."))
        return v


class AccountForm(ScopeFieldsMixin):
    is_active = forms.BooleanField(label=_("Active"), required=False)
