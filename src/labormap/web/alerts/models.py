"""Alerts raised by publishing (new high risk, sharp jumps, media signals) and users' subscriptions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labormap.alertflow import OUTCOMES, STATUSES
from labormap.web.accounts.models import split_codes
from labormap.web.employers.models import Employer

KIND_CHOICES = [
    ("new_high", _("New high risk")),
    ("jump", _("Sharp rise of the score")),
    ("media", _("Media signal")),
    ("no_renewal", _("Large contract ends with no successor")),
    # monthly control and the arrears register (labormap.web.control.services.raise_alerts)
    ("pay_stop", _("Contribution payments stopped")),
    ("late_rep", _("Repeated late payment of contributions")),
    ("arrears", _("New wage arrears")),
    ("order_late", _("Inspector's order overdue")),
    # workers' appeals, a leading signal (labormap.web.voice.alerts)
    ("appeals", _("Workers' appeals")),
]
KINDS = tuple(k for k, _label in KIND_CHOICES)
# Codes only: pages label them with {{ x|label:"alert_status" }} / "alert_outcome" (labormap.alertflow catalogue).
STATUS_CHOICES = [(s, s) for s in STATUSES]
OUTCOME_CHOICES = [(o, o) for o in OUTCOMES]


class Alert(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES, db_index=True)
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, db_constraint=False, related_name="alerts"
    )
    as_of = models.DateField(_("date"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    score = models.FloatField(null=True)
    score_change = models.FloatField(null=True)
    level = models.CharField(max_length=10, blank=True)
    details = models.JSONField(default=dict, blank=True)
    # what makes an alert unique, so that publishing twice never raises it twice
    key = models.CharField(max_length=200, unique=True)
    # its life until closed with an outcome (labormap.alertflow: statuses, moves, the overdue rule)
    status = models.CharField(
        _("status"), max_length=12, choices=STATUS_CHOICES, default="new", db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=OUTCOME_CHOICES, blank=True)
    note = models.TextField(_("note"), blank=True)
    # the case opened from a confirmed alert (cases app; an id, so either app's rows can go alone)
    case_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = (
            "-as_of",
            "-score",
        )
        indexes = (models.Index(fields=["as_of", "kind"], name="alert_asof_kind"),)


class Subscription(models.Model):
    """Which alerts a user wants, by region, sector and kind (empty = all within the user's scope)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    regions = models.CharField(_("regions"), max_length=200, blank=True)
    sectors = models.CharField(_("sectors"), max_length=100, blank=True)
    kinds = models.CharField(_("kinds"), max_length=100, blank=True)
    email = models.BooleanField(_("send by e-mail"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def region_list(self) -> list[str]:
        return split_codes(self.regions)

    def sector_list(self) -> list[str]:
        return [s.upper() for s in split_codes(self.sectors)]

    def kind_list(self) -> list[str]:
        return [k for k in split_codes(self.kinds) if k in KINDS]

    def matching(self, qs: models.QuerySet[Alert]) -> models.QuerySet[Alert]:
        if self.region_list():
            qs = qs.filter(employer__region__in=self.region_list())
        if self.sector_list():
            qs = qs.filter(employer__sector__in=self.sector_list())
        if self.kind_list():
            qs = qs.filter(kind__in=self.kind_list())
        return qs


class AlertEvent(models.Model):
    """One move in an alert's life (who, when, from which status to which): its history on the alert page."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=12)
    status_from = models.CharField(max_length=12)
    status_to = models.CharField(max_length=12)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("at", "pk")
