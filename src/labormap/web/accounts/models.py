"""Accounts: organisations, each user's role and scope, access requests, API tokens, audit log."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labormap.scope import Grant as ScopeGrant
from labormap.scope import Scope
from labormap.web.accounts.roles import ROLE_CHOICES, ROLES, SCOPE_CHOICES


def split_codes(text: str) -> list[str]:
    """A list typed by people: codes separated by commas, semicolons, spaces or new lines."""
    return [p for p in text.replace(";", ",").replace("\n", ",").replace(" ", ",").split(",") if p]


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    bin = models.CharField(_("BIN"), max_length=12, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ROLE_CHOICES)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """Role and scope of one account.

    The scope (``labormap.scope.Scope``, via :meth:`scope`) is the whole country (``scope_kind`` country)
    or the union of the account's grants: the grant in this row's ``regions``/``sectors``/``employer_bins``/
    ``holding`` fields (which *intersect*: region 47 with sector B is mining in Mangystau) plus any further
    :class:`Grant` rows.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    scope_kind = models.CharField(_("scope"), max_length=20, choices=SCOPE_CHOICES)
    regions = models.CharField(_("regions (KATO codes)"), max_length=200, blank=True)
    sectors = models.CharField(_("sectors (ОКЭД sections)"), max_length=100, blank=True)
    employer_bins = models.TextField(_("employers (BINs)"), blank=True)
    holding = models.CharField(_("holding group"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("access expires"), null=True, blank=True)
    last_alerts_seen_at = models.DateTimeField(null=True, blank=True)
    # Set when an administrator hands out a one-time password: it works for one login, which leads
    # straight to choosing a new password (accounts/passwords.py).
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user.username} ({self.role}, {self.scope_kind})"

    @property
    def is_admin(self) -> bool:
        return ROLES[self.role].admin if self.role in ROLES else False

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def region_list(self) -> list[str]:
        return split_codes(self.regions)

    def sector_list(self) -> list[str]:
        return [s.upper() for s in split_codes(self.sectors)]

    def bin_list(self) -> list[str]:
        return split_codes(self.employer_bins)

    def grant(self) -> ScopeGrant:
        """This row's own grant (its dimensions intersect)."""
        return ScopeGrant.of(self.regions, self.sectors, self.employer_bins, self.holding)

    def scope(self) -> Scope:
        """The account's scope: the country, or the union of this row's grant and its ``Grant`` rows."""
        if self.scope_kind == "country":
            return Scope.everything()
        extra = [g.grant() for g in Grant.objects.filter(profile=self)] if self.pk else []
        return Scope.of(self.grant(), *extra)


class Grant(models.Model):
    """A further grant of an account (its dimensions intersect; the account sees the union of grants).

    Used when one grant cannot say it: a trade union that sees a whole sector *and* its member
    employers elsewhere has two grants, the sector and the list.
    """

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="grants")
    regions = models.CharField(_("regions (KATO codes)"), max_length=200, blank=True)
    sectors = models.CharField(_("sectors (ОКЭД sections)"), max_length=100, blank=True)
    employer_bins = models.TextField(_("employers (BINs)"), blank=True)
    holding = models.CharField(_("holding group"), max_length=200, blank=True)

    def grant(self) -> ScopeGrant:
        return ScopeGrant.of(self.regions, self.sectors, self.employer_bins, self.holding)


class AccessRequest(models.Model):
    PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
    STATUS_CHOICES = ((PENDING, _("pending")), (APPROVED, _("approved")), (REJECTED, _("rejected")))

    created_at = models.DateTimeField(auto_now_add=True)
    organisation_name = models.CharField(_("organisation"), max_length=300)
    organisation_bin = models.CharField(_("organisation BIN"), max_length=12, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    username = models.CharField(_("desired user name"), max_length=150)
    requested_role = models.CharField(_("requested role"), max_length=20, choices=ROLE_CHOICES)
    requested_scope = models.TextField(_("requested scope (regions, sector, employers)"), blank=True)
    justification = models.TextField(_("purpose of access"))
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
    )

    class Meta:
        ordering = ("-created_at",)


class ApiToken(models.Model):
    """A bearer token: only its SHA-256 is stored, so a database leak does not leak usable tokens."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)


class AuditEvent(models.Model):
    LOGIN, LOGIN_FAILED, LOGOUT = "login", "login_failed", "logout"
    VIEW_CARD, EXPORT, API_TOKEN = "view_card", "export", "api_token"
    ACCESS_REQUEST, ADMIN = "access_request", "admin"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, db_index=True)
    action = models.CharField(max_length=30, db_index=True)
    target = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ("-at",)


class LoginFailure(models.Model):
    """One failed login, kept for throttling (old rows are pruned when new ones are written)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)

    @classmethod
    def prune(cls, window_s: int) -> None:
        cls.objects.filter(at__lt=timezone.now() - dt.timedelta(seconds=window_s * 4)).delete()
