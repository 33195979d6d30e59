"""Wage-raise plans (Roadmap item 12): kept by akimats or entered by employers; tracked against payments
by ``labormap.layoffs.plans`` on every view (the warehouse is read, never written)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from labormap.web.employers.models import Employer


class WagePlan(models.Model):
    employer = models.ForeignKey(
        Employer,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="wage_plans",
        verbose_name=_("employer"),
    )
    target_raise_pct = models.FloatField(_("target raise, %"))
    base_period = models.CharField(_("base income month (YYYY-MM)"), max_length=7)
    due_on = models.DateField(_("raise due by"))
    workers_covered = models.PositiveIntegerField(_("workers covered"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("due_on", "pk")

    def __str__(self) -> str:
        return f"{self.employer_id} +{self.target_raise_pct}% by {self.due_on}"
