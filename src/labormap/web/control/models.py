"""Control cycle data of the app (not the warehouse): the month's findings as loaded from the engine, the
letters sent about them with their outgoing numbers, replies and outcomes, letter template versions,
the arrears register and the measured self-correction rates.

Employers are referenced without a database constraint (publishing replaces employer rows), like cases.
No model holds a worker's identity: counts, months and amounts only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labormap.control.kinds import FINDING_KINDS
from labormap.web.core.choices import labelled_choices
from labormap.web.employers.models import Employer

# Employer foreign keys are written out as `on_delete=models.DO_NOTHING, db_constraint=False` (employers
# are replaced wholesale by `labormap web publish`): spelt in full, not as a **kwargs dict, so mypy keeps
# the relation typed.
KIND_CHOICES = labelled_choices("control_kind", FINDING_KINDS)
NOTICE_STATUSES = ("draft", "sent", "delivered", "replied", "closed")
STATUS_CHOICES = labelled_choices("notice_status", NOTICE_STATUSES)
OUTCOMES = ("corrected", "corrected_late", "open", "pending")
OUTCOME_CHOICES = labelled_choices("correction", OUTCOMES)
ARREARS_STATES = ("open", "overdue", "repaid")


class Finding(models.Model):
    """One employer's finding of one kind for one income month (loaded from ``labormap.control``)."""

    month = models.CharField(_("month"), max_length=7, db_index=True)
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    kind = models.CharField(_("kind"), max_length=40, choices=KIND_CHOICES)
    workers = models.PositiveIntegerField(_("workers"))
    amount_kzt = models.FloatField(_("amount, KZT"), default=0.0)
    days_late = models.PositiveIntegerField(_("days late"), default=0)
    found_on = models.DateField(_("found on"))
    # filled from the self-correction measurement of the notice covering it
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, blank=True)

    class Meta:
        ordering = ("-month", "employer_id", "kind")
        constraints = (
            models.UniqueConstraint(fields=["month", "employer", "kind"], name="control_finding_unique"),
        )


class NoticeTemplate(models.Model):
    """A version of the letter template (YAML, see ``labormap.control.notices``); the newest is in use."""

    name = models.CharField(max_length=50, default="default")
    version = models.PositiveIntegerField()
    text = models.TextField()
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name", "-version")
        constraints = (models.UniqueConstraint(fields=["name", "version"], name="notice_template_version"),)


class OutgoingCounter(models.Model):
    """The outgoing-number register: the last number used per region and year."""

    region = models.CharField(max_length=2)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["region", "year"], name="outgoing_region_year"),)


class Notice(models.Model):
    """A letter to an employer about findings of one month, and what became of it."""

    number = models.CharField(_("outgoing number"), max_length=30, unique=True)
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    region = models.CharField(_("region"), max_length=2, db_index=True)
    month = models.CharField(_("month"), max_length=7, db_index=True)
    findings = models.ManyToManyField(Finding, related_name="notices")
    lang = models.CharField(max_length=2, default="ru")
    template_version = models.PositiveIntegerField(default=1)
    issued_on = models.DateField(_("date"), default=timezone.localdate)
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default="draft", db_index=True
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    reply = models.TextField(_("employer's reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=OUTCOME_CHOICES, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    task = models.ForeignKey("cases.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    docx = models.BinaryField(editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-issued_on", "-pk")


class SelfCorrectionRun(models.Model):
    """One measurement of self-correction (rates by kind, region and month, with the comparison group)."""

    as_of = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    overall = models.JSONField(default=dict)
    by_kind = models.JSONField(default=list)
    by_region = models.JSONField(default=list)
    by_month = models.JSONField(default=list)

    class Meta:
        ordering = ("-created_at", "-pk")


class ArrearsCase(models.Model):
    """A wage-arrears case of the inspection register (loaded from the warehouse)."""

    case_id = models.CharField(_("case"), max_length=100, unique=True)
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    found_on = models.DateField(_("found on"), db_index=True)
    order_no = models.CharField(_("order number"), max_length=100, blank=True)
    order_due_on = models.DateField(_("order due date"), null=True, blank=True)
    workers = models.PositiveIntegerField(_("workers"))
    months = models.PositiveIntegerField(_("months"))
    amount_kzt = models.FloatField(_("amount, KZT"))
    repaid_kzt = models.FloatField(_("repaid, KZT"), default=0.0)
    repaid_on = models.DateField(_("repaid on"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, db_index=True)
    overdue_days = models.PositiveIntegerField(default=0)
    enforcement = models.CharField(_("enforcement"), max_length=20, default="none")
    as_of = models.DateField()

    class Meta:
        ordering = ("-found_on", "case_id")
