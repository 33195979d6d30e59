"""Agreements data of the app, published from the warehouse by :mod:`labormap.web.agreements.publish`:
pay findings per half-year (employer-level, scoped), coverage per region and sector, and the catalogue of
sectoral and regional agreements (public). No model holds a worker's identity: counts and amounts only."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from labormap.agreements.compliance import KINDS
from labormap.web.core.choices import labelled_choices
from labormap.web.employers.models import Employer

# Employer foreign keys are written out as `on_delete=models.DO_NOTHING, db_constraint=False` (employers
# are replaced wholesale by `labormap web publish`): spelt in full, not as a **kwargs dict, so mypy keeps
# the relation typed.
KIND_CHOICES = labelled_choices("agreement_finding", KINDS)
LEVELS = ("general", "sectoral", "regional")
LEVEL_CHOICES = labelled_choices("agreement_level", LEVELS)


class PayFinding(models.Model):
    """One employer's finding of one kind for one half-year (``labormap agreements compliance``)."""

    half = models.CharField(_("half-year"), max_length=7, db_index=True)
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    kind = models.CharField(_("kind"), max_length=30, choices=KIND_CHOICES)
    workers = models.PositiveIntegerField(_("workers"))
    shortfall_kzt_month = models.FloatField(_("monthly shortfall, KZT"))
    worker_months = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-half", "-shortfall_kzt_month", "employer_id", "kind")
        constraints = (
            models.UniqueConstraint(fields=["half", "employer", "kind"], name="agreements_finding_unique"),
        )


class Agreement(models.Model):
    """A sectoral, regional or general agreement with its pay terms (the public catalogue)."""

    agreement_id = models.CharField(_("registration number"), max_length=100, primary_key=True)
    level = models.CharField(_("level"), max_length=10, choices=LEVEL_CHOICES, db_index=True)
    oked_section = models.CharField(_("sector"), max_length=1, blank=True, db_index=True)
    oked_division = models.CharField(_("ОКЭД division"), max_length=2, blank=True)
    region = models.CharField(_("region"), max_length=2, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force to"))
    min_tariff_kzt = models.FloatField(_("minimum tariff rate, KZT"), null=True)
    inter_grade_coefficient = models.FloatField(_("inter-grade coefficient"), null=True)
    hazard_bonus_pct = models.FloatField(_("hazard bonus, %"), null=True)
    indexation_clause = models.BooleanField(_("indexation clause"), null=True)
    published_at = models.DateTimeField(_("published"), db_index=True)

    class Meta:
        ordering = ("level", "oked_section", "region", "-valid_from")


class RegionCoverage(models.Model):
    half = models.CharField(max_length=7, db_index=True)
    region = models.CharField(max_length=2)
    agreements = models.CharField(max_length=500, blank=True)
    employers = models.PositiveIntegerField(default=0)
    workers = models.PositiveIntegerField(default=0)
    employers_no_agreement = models.PositiveIntegerField(default=0)
    workers_no_agreement = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("half", "region")
        constraints = (models.UniqueConstraint(fields=["half", "region"], name="agreements_regcov_unique"),)


class SectorCoverage(models.Model):
    half = models.CharField(max_length=7, db_index=True)
    level = models.CharField(max_length=10)  # section | division
    code = models.CharField(max_length=2)
    section = models.CharField(max_length=1)
    agreements = models.CharField(max_length=500, blank=True)
    employers = models.PositiveIntegerField(default=0)
    workers = models.PositiveIntegerField(default=0)
    employers_uncovered = models.PositiveIntegerField(default=0)
    workers_uncovered = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("half", "section", "level", "code")
        constraints = (
            models.UniqueConstraint(fields=["half", "level", "code"], name="agreements_seccov_unique"),
        )
