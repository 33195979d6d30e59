"""Electronic collective agreements: the draft, its clauses, versions, comments, reminders; member complaints."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labormap.unions.cagreement import DRAFT, STATES, effective_state
from labormap.web.accounts.models import Organisation
from labormap.web.employers.models import Employer

# Labels come from labormap.i18n (domain ``ca_state``) in pages; choices keep the codes only.
STATE_CHOICES = [(s, s) for s in STATES]


class CollectiveAgreement(models.Model):
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    union = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+")
    union_name = models.CharField(_("trade union"), max_length=300)
    state = models.CharField(max_length=12, choices=STATE_CHOICES, default=DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force to"), db_index=True)
    min_tariff_kzt = models.FloatField(_("minimum tariff rate, KZT"), null=True, blank=True)
    tariff_coefficients = models.CharField(_("inter-grade coefficients"), max_length=100, blank=True)
    hazard_bonus_pct = models.FloatField(_("hazard bonus, %"), null=True, blank=True)
    indexation = models.BooleanField(_("indexation of wages"), default=True)
    sector_agreements = models.CharField(max_length=500, blank=True)  # ids of the applicable ones, ';'
    flags = models.JSONField(default=list, blank=True)
    employer_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer_accepted_at = models.DateTimeField(null=True, blank=True)
    union_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    union_accepted_at = models.DateTimeField(null=True, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    registered_on = models.DateField(null=True, blank=True)
    registry_id = models.CharField(max_length=40, blank=True)
    published_drop = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.number} {self.employer_id}"

    @property
    def number(self) -> str:
        return self.registry_id or f"LM-CA-{self.pk}"

    def state_on(self, today: dt.date | None = None) -> str:
        return effective_state(self.state, self.valid_to, today or timezone.localdate())

    def texts(self) -> dict[str, str]:
        return {c.code: c.text for c in self.clauses.all()}


class Clause(models.Model):
    agreement = models.ForeignKey(CollectiveAgreement, on_delete=models.CASCADE, related_name="clauses")
    seq = models.PositiveIntegerField(default=0)
    section = models.CharField(max_length=20)
    code = models.CharField(max_length=40)
    text = models.TextField()

    class Meta:
        ordering = ("seq", "pk")
        constraints = (models.UniqueConstraint(fields=["agreement", "code"], name="ca_clause_code"),)


class Version(models.Model):
    """A frozen copy of the clauses at each round: the differences between rounds are computed from these."""

    agreement = models.ForeignKey(CollectiveAgreement, on_delete=models.CASCADE, related_name="versions")
    no = models.PositiveIntegerField()
    texts = models.JSONField(default=dict)
    terms = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("no",)
        constraints = (models.UniqueConstraint(fields=["agreement", "no"], name="ca_version_no"),)


class Comment(models.Model):
    agreement = models.ForeignKey(CollectiveAgreement, on_delete=models.CASCADE, related_name="comments")
    version = models.PositiveIntegerField()
    clause = models.CharField(max_length=40)
    party = models.CharField(max_length=10)  # employer | union | state
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")


class Reminder(models.Model):
    """An expiry reminder (180, 90, 30 days before the end) — the union's and employer's own alert."""

    agreement = models.ForeignKey(CollectiveAgreement, on_delete=models.CASCADE, related_name="reminders")
    days = models.PositiveIntegerField()
    due_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("due_on",)
        constraints = (models.UniqueConstraint(fields=["agreement", "days"], name="ca_reminder_days"),)


class Complaint(models.Model):
    """A member's complaint to the union; it opens a case. No name when the member asks for anonymity."""

    union = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+")
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    topic = models.CharField(max_length=30)
    text = models.TextField(_("complaint"))
    anonymous = models.BooleanField(_("anonymous"), default=True)
    contact = models.CharField(_("contact (if not anonymous)"), max_length=200, blank=True)
    case_id = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at",)


COMMISSION_LEVELS = ("regional", "sectoral", "republican")


class HearingProposal(models.Model):
    """A union's proposal to hear an employer at a tripartite commission (regional, sectoral, republican)."""

    union = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+")
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    level = models.CharField(max_length=12, choices=[(c, c) for c in COMMISSION_LEVELS], default="regional")
    reason = models.TextField(blank=True)
    score = models.FloatField(null=True)
    hearing_id = models.PositiveIntegerField(null=True, blank=True)  # set when a sitting hears it
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at",)


class CommissionSitting(models.Model):
    """A sitting of a tripartite commission of any level (items 13, 26) hearing employers chosen from the
    unions' proposals. Regional sittings planned from risk scores stay in the hearings app (``Hearing``);
    this table adds the sectoral and republican levels (and regional sittings on unions' proposals)."""

    PLANNED, HELD = "planned", "held"
    level = models.CharField(max_length=12, choices=[(c, c) for c in COMMISSION_LEVELS])
    region = models.CharField(max_length=2, blank=True)  # regional commissions
    sector = models.CharField(max_length=1, blank=True)  # sectoral commissions (ОКЭД section)
    planned_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, default=PLANNED)
    protocol_no = models.CharField(max_length=50, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-planned_on", "-pk")


class SittingEmployer(models.Model):
    sitting = models.ForeignKey(CommissionSitting, on_delete=models.CASCADE, related_name="employers")
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    proposal = models.ForeignKey(HearingProposal, null=True, on_delete=models.SET_NULL, related_name="+")
    score = models.FloatField(null=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["sitting", "employer"], name="sitting_employer"),)


class SittingDecision(models.Model):
    """A decision of the protocol; it becomes a dated task (``cases.Task``) of the responsible body."""

    sitting = models.ForeignKey(CommissionSitting, on_delete=models.CASCADE, related_name="decisions")
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    text = models.TextField()
    body = models.CharField(max_length=30)
    due_days = models.PositiveIntegerField(default=10)
    task_id = models.PositiveIntegerField(null=True, blank=True)
