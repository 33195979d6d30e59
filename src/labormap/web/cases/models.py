"""Cases of conflicts and high-risk employers, their dated tasks and escalations, measures taken,
tripartite hearings and the versions of the playbook («Алгоритм действий»).

Employers are referenced without a database constraint: publishing replaces the employer rows, and a
case must outlive that. Media items are copied into case links for the same reason.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from labormap.reference import CAUSES, CONFLICT_KINDS, OUTCOMES, PARTICIPANT_GROUPS
from labormap.response.bodies import BODIES
from labormap.response.measures import MEASURE_KINDS
from labormap.response.playbook import NO_CONFLICT
from labormap.web.core.choices import labelled_choices, region_choices
from labormap.web.employers.models import Employer

# Labels come from the catalogue in the reader's language (labormap.web.core.choices), never name_ru.
KIND_CHOICES = [
    (NO_CONFLICT, _("No collective action yet (prevention)")),
    *labelled_choices("conflict_kind", CONFLICT_KINDS),
]
CAUSE_CHOICES = labelled_choices("conflict_cause", CAUSES)
GROUP_CHOICES = labelled_choices("participant_group", PARTICIPANT_GROUPS)
OUTCOME_CHOICES = labelled_choices("outcome", OUTCOMES)
BODY_CHOICES = labelled_choices("body_short", BODIES)
MEASURE_CHOICES = labelled_choices("measure_kind", MEASURE_KINDS)
REGION_CHOICES = region_choices()
SOURCE_CHOICES = [("manual", _("by hand")), ("alert", _("alert")), ("media", _("media signal"))]

# Employer foreign keys are written out as `on_delete=models.DO_NOTHING, db_constraint=False` (employers
# are replaced wholesale by `labormap web publish`): spelt in full, not as a **kwargs dict, so mypy keeps
# the relation typed.


class PlaybookVersion(models.Model):
    name = models.CharField(max_length=50, default="default")
    version = models.PositiveIntegerField()
    text = models.TextField(help_text="canonical YAML")
    diff = models.TextField(blank=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name", "-version")
        constraints = (models.UniqueConstraint(fields=["name", "version"], name="playbook_name_version"),)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Case(models.Model):
    OPEN, CLOSED = "open", "closed"
    STATUS_CHOICES = ((OPEN, _("open")), (CLOSED, _("closed")))

    employer = models.ForeignKey(
        Employer, related_name="cases", on_delete=models.DO_NOTHING, db_constraint=False
    )
    source = models.CharField(_("opened from"), max_length=10, choices=SOURCE_CHOICES, default="manual")
    kind = models.CharField(_("kind"), max_length=30, choices=KIND_CHOICES)
    causes = models.CharField(_("causes"), max_length=300, blank=True, help_text="codes joined by ';'")
    participant_group = models.CharField(_("participants"), max_length=20, choices=GROUP_CHOICES, blank=True)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    demands = models.TextField(_("demands"), blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    opened_on = models.DateField(_("opened"), default=timezone.localdate)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=OPEN, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=OUTCOME_CHOICES, default="ongoing")
    playbook_name = models.CharField(max_length=50, blank=True)
    playbook_version = models.PositiveIntegerField(null=True)
    rules = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-opened_on", "-pk")
        indexes = (models.Index(fields=["status", "opened_on"], name="case_status_opened"),)

    def __str__(self) -> str:
        return f"#{self.pk} {self.employer_id}"

    def cause_list(self) -> list[str]:
        return [c for c in self.causes.split(";") if c]


class CaseEvent(models.Model):
    """The change history of a case: who changed what, when (old and new values)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=30)
    changes = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("-at", "-pk")


class CaseLink(models.Model):
    """A media item or a registry fact attached to a case (copied, so it survives republishing)."""

    MEDIA, REGISTRY, ALERT = "media", "registry", "alert"
    KIND_CHOICES = ((MEDIA, _("media item")), (REGISTRY, _("registry fact")), (ALERT, _("alert")))

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    ref = models.CharField(_("reference"), max_length=200)
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["case", "kind", "ref"], name="caselink_unique"),)


class Hearing(models.Model):
    """A sitting of a regional tripartite commission that hears heads of high-risk employers (item 13)."""

    PLANNED, HELD = "planned", "held"
    STATUS_CHOICES = ((PLANNED, _("planned")), (HELD, _("held")))

    region = models.CharField(_("region"), max_length=2, choices=REGION_CHOICES)
    planned_on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PLANNED)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    protocol_no = models.CharField(_("protocol number"), max_length=50, blank=True)
    protocol = models.TextField(_("protocol"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-planned_on", "-pk")


class HearingEmployer(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="employers")
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    rank = models.PositiveIntegerField(default=0)
    score = models.FloatField(null=True)
    level = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ("rank", "pk")
        constraints = (models.UniqueConstraint(fields=["hearing", "employer"], name="hearing_employer"),)


class Task(models.Model):
    OPEN, DONE = "open", "done"
    # Set when the task's case is closed (cases/services.close_case); not offered as a choice, so no
    # schema change: a cancelled task is neither open nor done.
    CANCELLED = "cancelled"
    STATUS_CHOICES = ((OPEN, _("open")), (DONE, _("done")))

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    hearing = models.ForeignKey(
        Hearing, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    # the employer the task is about (scope checks go through it; equals the case's employer)
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    seq = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=60)
    rule_id = models.CharField(max_length=100, blank=True)
    action_ru = models.TextField()
    action_kk = models.TextField(blank=True)
    document_ru = models.CharField(max_length=500, blank=True)
    document_kk = models.CharField(max_length=500, blank=True)
    body = models.CharField(_("responsible body"), max_length=30, choices=BODY_CHOICES)
    assigned_body = models.CharField(_("now with"), max_length=30, choices=BODY_CHOICES)
    escalate_to = models.CharField(max_length=30, blank=True)
    due_on = models.DateField(_("due"))
    current_due_on = models.DateField(_("current due date"), db_index=True)
    level = models.PositiveIntegerField(_("escalation level"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=OPEN, db_index=True)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document_ref = models.CharField(_("document produced"), max_length=300, blank=True)

    class Meta:
        ordering = ("current_due_on", "seq", "pk")

    def action(self, lang: str) -> str:
        return self._text("action", lang)

    def document(self, lang: str) -> str:
        return self._text("document", lang)

    def _text(self, what: str, lang: str) -> str:
        """The step's text in ``lang``: Russian and Kazakh are stored with the task; other languages come
        from the playbook version the case was planned with (no copy of every language per task)."""
        ru, kk = getattr(self, f"{what}_ru"), getattr(self, f"{what}_kk")
        if lang == "kk" and kk:
            return str(kk)
        if lang != "ru" and self.case_id is not None and self.rule_id:
            case = self.case
            assert case is not None
            text = playbook_step_text(
                case.playbook_name, case.playbook_version, self.rule_id, self.code, what, lang
            )
            if text:
                return text
        return str(ru)

    def overdue_on(self, today: object) -> bool:
        return self.status == self.OPEN and self.current_due_on < today  # type: ignore[operator]


class Escalation(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="escalations")
    on = models.DateField()
    from_body = models.CharField(max_length=30)
    to_body = models.CharField(max_length=30)
    level = models.PositiveIntegerField()
    due_on = models.DateField()
    overdue_days = models.PositiveIntegerField()
    at_top = models.BooleanField(default=False)

    class Meta:
        ordering = ("on", "pk")


class Measure(models.Model):
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    kind = models.CharField(_("measure"), max_length=20, choices=MEASURE_CHOICES)
    taken_on = models.DateField(_("date"), default=timezone.localdate)
    body = models.CharField(_("taken by"), max_length=30, choices=BODY_CHOICES, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures")
    hearing = models.ForeignKey(
        Hearing, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures"
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-taken_on", "-pk")
        indexes = (models.Index(fields=["employer", "taken_on"], name="measure_emp_date"),)


class HearingDecision(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="decisions")
    employer = models.ForeignKey(Employer, related_name="+", on_delete=models.DO_NOTHING, db_constraint=False)
    text = models.TextField(_("decision"))
    body = models.CharField(_("responsible body"), max_length=30, choices=BODY_CHOICES)
    due_days = models.PositiveIntegerField(_("deadline, working days"), default=10)
    task = models.OneToOneField(
        Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="decision"
    )


@functools.lru_cache(maxsize=32)
def _playbook_steps(name: str, version: int) -> dict[tuple[str, str], Any]:
    from labormap.response.playbook import load_playbook_text

    pv = PlaybookVersion.objects.filter(name=name, version=version).first()
    if pv is None:
        return {}
    pb = load_playbook_text(pv.text)
    return {(r.id, st.code): st for r in pb.rules for st in r.steps}


def playbook_step_text(name: str, version: int | None, rule_id: str, code: str, what: str, lang: str) -> str:
    """A step's ``action``/``document`` in ``lang`` from a stored playbook version ("" when absent)."""
    if version is None:
        return ""
    step = _playbook_steps(name, int(version)).get((rule_id, code))
    if step is None:
        return ""
    text = getattr(step, what)
    return str(getattr(text, lang, "") or "")
