"""Published employers and their risk: the current score on the employer row (lists and the map read only
this table), every loaded snapshot in the history, the latest features as key figures, peer medians,
media signals and contractor links. Everything here is written by ``labormap.web.employers.publish``."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from labormap import levels
from labormap.web.core.choices import labelled_choices

LEVELS = levels.CODES  # defined once, in labormap.levels
LEVEL_CHOICES = labelled_choices("level", LEVELS)
SIZES = ("micro", "small", "medium", "large")
SIZE_CHOICES = labelled_choices("size_class", SIZES)  # labels with their bounds, in the catalogue


def size_of(headcount: int | None) -> str:
    if headcount is None:
        return ""
    if headcount <= 15:
        return "micro"
    if headcount <= 100:
        return "small"
    if headcount <= 250:
        return "medium"
    return "large"


class EmployerManager(models.Manager["Employer"]):
    """Every employer query carries ``scored_on``: the latest snapshot's date for a scored employer.

    The date is the same for every scored employer, so it lives on ``Snapshot`` and not on each row: a
    daily publish then leaves the row of an employer whose published values did not change untouched
    (see docs/web.md, "Publishing a changed snapshot"). The subquery is uncorrelated, evaluated once a query.
    """

    def get_queryset(self) -> models.QuerySet[Employer]:
        latest = Snapshot.objects.order_by("-as_of").values("as_of")[:1]
        return (
            super()
            .get_queryset()
            .annotate(  # type: ignore[no-redef]  # the annotation fills the ``scored_on`` property
                scored_on=models.Case(
                    models.When(score__isnull=False, then=models.Subquery(latest)),
                    default=None,
                    output_field=models.DateField(),
                )
            )
        )


class Employer(models.Model):
    bin = models.CharField(_("BIN"), max_length=12, primary_key=True)
    name = models.CharField(_("name"), max_length=500)
    name_kk = models.CharField(_("name in Kazakh"), max_length=500, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=10, blank=True)
    oked = models.CharField(_("ОКЭД"), max_length=5, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True)
    kato = models.CharField(_("КАТО"), max_length=9, blank=True)
    region = models.CharField(_("region"), max_length=2, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    parent_bin = models.CharField(_("parent BIN"), max_length=12, blank=True, db_index=True)
    holding = models.CharField(_("holding"), max_length=200, blank=True, db_index=True)
    union_present = models.BooleanField(null=True)
    accident_insurance = models.BooleanField(null=True)
    headcount = models.IntegerField(_("headcount"), null=True)
    size = models.CharField(_("size"), max_length=6, blank=True)
    # lower-case name, Kazakh name and BIN: SQLite's LIKE folds only ASCII, so search runs on this
    search = models.TextField(blank=True)

    # the current (latest loaded) score, published at the precision the pages show (whole points; the
    # exact score is in ScoreHistory): a move too small to see does not rewrite the row
    score = models.FloatField(_("score"), null=True)
    # NULL (not "") for the three level fields: no score yet / no earlier snapshot, as in the scores dataset
    level = models.CharField(_("level"), max_length=10, choices=LEVEL_CHOICES, null=True)  # noqa: DJ001
    score_prev = models.FloatField(null=True)
    level_prev = models.CharField(max_length=10, null=True)  # noqa: DJ001
    score_change = models.FloatField(null=True)
    method = models.CharField(max_length=10, blank=True)
    model_version = models.CharField(max_length=100, blank=True)
    reasons = models.JSONField(default=list)
    top_reason = models.CharField(max_length=80, blank=True)
    # first snapshot of the current run of the same level, and the level before that run
    level_since = models.DateField(null=True)
    level_before = models.CharField(max_length=10, null=True)  # noqa: DJ001
    ever_high = models.BooleanField(default=False)
    # md5 of the published fields above: publish rewrites a row only when its hash changes
    row_hash = models.CharField(max_length=32, blank=True, default="")

    objects = EmployerManager()

    class Meta:
        indexes = (
            models.Index(fields=["region", "level", "score"], name="emp_region_level"),
            models.Index(fields=["region", "score", "bin"], name="emp_region_score_bin"),
            models.Index(fields=["region", "level", "sector", "size"], name="emp_map_cover"),
            models.Index(fields=["region", "lat", "lon", "level", "score"], name="emp_points_cover"),
            models.Index(fields=["level", "score"], name="emp_level_score"),
            models.Index(fields=["sector", "level"], name="emp_sector_level"),
            models.Index(fields=["size", "level"], name="emp_size_level"),
            models.Index(fields=["score"], name="emp_score"),
            models.Index(fields=["name"], name="emp_name"),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.bin})"

    def display_name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" and self.name_kk else self.name

    @property
    def scored_on(self) -> dt.date | None:
        """The latest snapshot's date when the employer has a score (set by the manager's annotation;
        looked up for an instance loaded some other way)."""
        if "_scored_on" not in self.__dict__:
            self._scored_on = (
                Snapshot.objects.order_by("-as_of").values_list("as_of", flat=True).first()
                if self.score is not None
                else None
            )
        return self._scored_on

    @scored_on.setter
    def scored_on(self, value: dt.date | None) -> None:
        self._scored_on = value

    @property
    def probability(self) -> float | None:
        """The exact probability of the latest snapshot, from the history (only the API detail shows it;
        it moves a little every day, so it is not kept on the employer row)."""
        if self.score is None:
            return None
        h = (
            ScoreHistory.objects.filter(employer_id=self.bin)
            .order_by("-as_of")
            .values_list("probability", flat=True)
            .first()
        )
        return h


class Snapshot(models.Model):
    as_of = models.DateField(unique=True)
    method = models.CharField(max_length=10, blank=True)
    model_version = models.CharField(max_length=100, blank=True)
    data_cutoff = models.CharField(max_length=40, blank=True)
    code_version = models.CharField(max_length=100, blank=True)
    thresholds = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    created_at = models.CharField(max_length=40, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    employers = models.IntegerField(default=0)
    backtest = models.JSONField(null=True)

    class Meta:
        ordering = ("-as_of",)


class ScoreHistory(models.Model):
    # no index of its own: the unique (employer, as_of) constraint serves lookups by employer, and one
    # index less makes loading a national snapshot faster
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="history"
    )
    as_of = models.DateField()
    score = models.FloatField()
    probability = models.FloatField(null=True)
    level = models.CharField(max_length=10)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["employer", "as_of"], name="hist_employer_asof"),)


class EmployerReason(models.Model):
    """One of the current top reasons of an employer: lets lists and the map filter by reason."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, db_constraint=False, related_name="+")
    code = models.CharField(max_length=80)

    class Meta:
        indexes = (models.Index(fields=["code", "employer"], name="reason_code_emp"),)


class EmployerFigures(models.Model):
    employer = models.OneToOneField(
        Employer, on_delete=models.CASCADE, db_constraint=False, primary_key=True, related_name="figures"
    )
    as_of = models.DateField(null=True)  # the feature date at which these figures were last written
    data = models.JSONField(default=dict)
    # md5 of data (not of the date): publish rewrites only the employers whose key figures changed
    row_hash = models.CharField(max_length=32, blank=True, default="")


class PeerMedian(models.Model):
    """Median of each feature among employers of a region and sector ('' stands for all)."""

    region = models.CharField(max_length=2, blank=True)
    sector = models.CharField(max_length=1, blank=True)
    employers = models.IntegerField(default=0)
    data = models.JSONField(default=dict)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["region", "sector"], name="peer_region_sector"),)


class MediaSignal(models.Model):
    item_id = models.CharField(max_length=100)
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, db_constraint=False, related_name="media"
    )
    published_at = models.DateTimeField(null=True)
    source = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    title = models.TextField(blank=True)
    lang = models.CharField(max_length=5, blank=True)
    kind = models.CharField(max_length=30, blank=True)
    severity = models.IntegerField(default=0)
    participants = models.IntegerField(null=True)
    amount_kzt = models.FloatField(null=True)
    link_confidence = models.FloatField(null=True)

    class Meta:
        ordering = ("-published_at",)
        constraints = (models.UniqueConstraint(fields=["item_id", "employer"], name="media_item_employer"),)


class ContractorLink(models.Model):
    customer_bin = models.CharField(max_length=12, db_index=True)
    contractor_bin = models.CharField(max_length=12, db_index=True)
    started_on = models.DateField(null=True)
    ends_on = models.DateField(null=True)
    workers = models.IntegerField(null=True)


class PublishRun(models.Model):
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)
    warehouse = models.CharField(max_length=500)
    snapshots = models.JSONField(default=list)
    employers = models.IntegerField(default=0)
    alerts = models.IntegerField(default=0)
    seconds = models.FloatField(null=True)
    # fingerprint of the registries the agreements results were computed from ("" = not computed in this run);
    # a publish with the same inputs keeps the published results instead of recomputing them
    agreements_inputs = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-started_at",)
