"""Worker voice in the app database: waves, token batches and one-time tokens, answers waiting for the
ingest drop, appeals and labour consultations.

Anonymity is a property of the schema: a token knows its batch (employer and wave) and whether it was
used, never when or by whom; an answer sheet knows its employer, wave and day, never its token; no model
has a field for a name, a phone number or an address, and the throttle keeps only HMACs of the token and
of the client address (with a secret salt). Answer sheets leave this database for the warehouse through
an ingest drop of the ``surveys`` registry and are then deleted here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

APPEAL_STATUSES = ("new", "routed", "answered")
APPEAL_CHANNELS = ("poster", "call_centre", "messenger", "web", "other")
CONSULTATION_TOPICS = ("wages", "arrears", "safety", "contracts", "layoffs", "leave", "other")


class Wave(models.Model):
    code = models.CharField(_("wave"), max_length=7, unique=True)  # YYYY-H1 | YYYY-H2
    questionnaire_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-code",)

    def __str__(self) -> str:
        return self.code


class TokenBatch(models.Model):
    """One employer's links for one wave: personal one-time tokens and the poster code (its QR)."""

    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="batches")
    employer_bin = models.CharField(max_length=12, db_index=True)
    poster_code = models.CharField(max_length=24, unique=True)
    size = models.PositiveIntegerField(_("personal links"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)


class SurveyToken(models.Model):
    """A one-time link. No timestamp of use and no link to the answer: the answer cannot be traced back."""

    batch = models.ForeignKey(TokenBatch, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=32, unique=True)
    used = models.BooleanField(default=False)
    from_poster = models.BooleanField(default=False)


class PendingSheet(models.Model):
    """An answer sheet waiting for the ingest drop (deleted once in the warehouse)."""

    sheet_id = models.CharField(max_length=32, unique=True)
    employer_bin = models.CharField(max_length=12)
    wave = models.CharField(max_length=7)
    answered_on = models.DateField()
    answers = models.JSONField(default=dict)


class ThrottleHit(models.Model):
    """One counted submission: ``key`` is an HMAC (secret salt) of a token or a client address."""

    key = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)


class Appeal(models.Model):
    receipt = models.CharField(_("receipt code"), max_length=16, unique=True)
    external_id = models.CharField(max_length=100, blank=True)
    channel = models.CharField(_("channel"), max_length=12)
    received_on = models.DateField(_("received"))
    employer_bin = models.CharField(max_length=12, blank=True, db_index=True)
    region = models.CharField(max_length=2, blank=True, db_index=True)
    sector = models.CharField(max_length=1, blank=True)
    text = models.TextField(_("appeal"))
    labour = models.BooleanField(default=False)
    kind = models.CharField(_("kind"), max_length=20)
    body = models.CharField(_("responsible body"), max_length=30)
    due_on = models.DateField(_("answer due"))
    urgent = models.BooleanField(default=False)
    status = models.CharField(_("status"), max_length=10, default="routed", db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("status", "due_on", "pk")


class ConsultationEvent(models.Model):
    """A «Трудовая консультация» held jointly by the ministry, unions and employers' associations."""

    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    region = models.CharField(_("region"), max_length=2, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    with_ministry = models.BooleanField(_("ministry"), default=True)
    with_unions = models.BooleanField(_("unions"), default=True)
    with_employers = models.BooleanField(_("employers' associations"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-held_on",)

    def __str__(self) -> str:
        return self.title


class ConsultationQuestion(models.Model):
    event = models.ForeignKey(
        ConsultationEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    topic = models.CharField(_("topic"), max_length=12)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(null=True, blank=True)
    public = models.BooleanField(_("publish (anonymised)"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
