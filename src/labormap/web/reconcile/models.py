"""The history of reconciliation acts: each act as it was signed (its JSON), and what became of each line.

An act is never edited: producing it again makes a new version. Each discrepancy line keeps the task it
created in the case machinery (``cases.Task``), so the next act can close the tasks of what was resolved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labormap.reconcile.rules import EARLIER_STATUSES


class Act(models.Model):
    region = models.CharField(_("region"), max_length=2, blank=True, help_text="empty: all regions")
    quarter = models.CharField(_("quarter"), max_length=6)
    version = models.PositiveIntegerField(default=1)
    data = models.JSONField(help_text="the act as labormap.reconcile writes it")
    matched = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    resolved_count = models.PositiveIntegerField(default=0)
    open_count = models.PositiveIntegerField(default=0)
    tasks_created = models.PositiveIntegerField(default=0)
    tasks_closed = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-quarter", "region", "-version")
        constraints = (
            models.UniqueConstraint(fields=["region", "quarter", "version"], name="reconcile_act_version"),
        )

    def __str__(self) -> str:
        return f"{self.region or '*'} {self.quarter} v{self.version}"


SECTIONS = ("new", *EARLIER_STATUSES)


class ActItem(models.Model):
    """One line of an act: a discrepancy that arose in the quarter (``new``) or an earlier one, resolved
    or still open by the quarter's end."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=10, choices=[(s, s) for s in SECTIONS])
    key = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(max_length=30)
    order_no = models.CharField(max_length=60, blank=True)
    ref = models.CharField(max_length=60, blank=True)
    employer_bin = models.CharField(max_length=12, db_index=True)
    body = models.CharField(max_length=30)
    task = models.ForeignKey(
        "cases.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="reconcile_items"
    )

    class Meta:
        ordering = ("act", "section", "pk")
