"""The roles of DESIGN.md, what each may do, and the kinds of scope an account can be given."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    label: object  # lazy translation
    # the scope kinds an admin may give this role (the first is the default)
    scope_kinds: tuple[str, ...]
    admin: bool = False  # approves access requests, manages accounts, reads the audit log


ROLES: dict[str, Role] = {
    r.code: r
    for r in [
        Role("ministry_admin", _("Ministry administrator"), ("country",), admin=True),
        Role("analyst", _("Ministry analyst"), ("country", "region", "sector")),
        Role("inspector", _("Regional labour inspector"), ("region",)),
        Role("akimat", _("Akimat (local executive body)"), ("region",)),
        Role("union", _("Trade union"), ("employers", "sector", "region")),
        Role("association", _("Employers' association"), ("employers", "sector")),
        Role("holding", _("Holding group"), ("holding", "employers")),
        Role("employer", _("Employer"), ("own",)),
    ]
}

SCOPE_KINDS: dict[str, object] = {
    "country": _("Whole country"),
    "region": _("Regions"),
    "sector": _("Sectors (ОКЭД sections)"),
    "employers": _("List of employers"),
    "holding": _("Holding group and its contractors"),
    "own": _("Own employer only"),
}

ROLE_CHOICES = [(r.code, r.label) for r in ROLES.values()]
SCOPE_CHOICES = list(SCOPE_KINDS.items())
