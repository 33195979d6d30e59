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
    # sees how the model is validated (backtest figures): state users who act on the scores; an
    # employer, union or association sees its own employers' scores and reasons, not the model's tuning
    sees_model: bool = False


ROLES: dict[str, Role] = {
    r.code: r
    for r in [
        Role("ministry_admin", _("Ministry administrator"), ("country",), admin=True, sees_model=True),
        Role("analyst", _("Ministry analyst"), ("country", "region", "sector"), sees_model=True),
        Role("inspector", _("Regional labour inspector"), ("region",), sees_model=True),
        Role("akimat", _("Akimat (local executive body)"), ("region",), sees_model=True),
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

# Shares ("share of high") are shown only over at least this many employers: a share of one or two
# employers is a label in disguise, not a statistic.
MIN_EMPLOYERS_FOR_SHARES = 10


def role_of(user: object) -> Role | None:
    """The user's role (None without an active profile)."""
    from labormap.web.accounts.scope import profile_of

    p = profile_of(user)
    return ROLES.get(p.role) if p is not None else None


ROLE_CHOICES = [(r.code, r.label) for r in ROLES.values()]
SCOPE_CHOICES = list(SCOPE_KINDS.items())
