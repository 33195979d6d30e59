"""``{% account_grants account %}``: the account's further grants with add/remove forms (admins only)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from labormap import i18n
from labormap.web.accounts.models import Grant, Profile, split_codes

register = template.Library()


@register.inclusion_tag("accounts/_grants.html", takes_context=True)
def account_grants(context: dict[str, Any], account: Any) -> dict[str, Any]:
    from labormap.web.accounts.grants import GrantForm

    profile = Profile.objects.filter(user=account).first()
    return {
        "account": account,
        "profile": profile,
        "grants": [_shown(g) for g in Grant.objects.filter(profile=profile)] if profile else [],
        "grant_form": GrantForm(),
        "csrf_token": context.get("csrf_token"),
    }


def _shown(g: Grant) -> dict[str, Any]:
    """A grant as the page shows it: region and sector names in the reader's language, never bare codes."""
    lang = (get_language() or "ru")[:2]
    return {
        "pk": g.pk,
        "regions": ", ".join(i18n.label("region", r, lang) for r in split_codes(g.regions)),
        "sectors": ", ".join(f"{s} {i18n.label('oked_section', s, lang)}" for s in split_codes(g.sectors)),
        "employer_bins": ", ".join(split_codes(g.employer_bins)),
        "holding": g.holding,
    }
