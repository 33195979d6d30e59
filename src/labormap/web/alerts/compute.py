"""Raising alerts for newly loaded snapshots and media signals (called inside the publish transaction)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import F, OuterRef, Subquery

from labormap.levels import HIGH
from labormap.web.alerts.models import Alert
from labormap.web.employers.models import MediaSignal, ScoreHistory, Snapshot

# Only recent snapshots raise alerts: loading ten years of history at once must not flood the inbox.
ALERT_WINDOW_DAYS = 92
MEDIA_WINDOW_DAYS = 30


def compute_alerts(new_snapshots: list[dt.date], since: dt.datetime | None = None) -> int:
    """Create the alerts for ``new_snapshots`` (dates) and for recent media signals; returns how many."""
    all_dates = sorted(Snapshot.objects.values_list("as_of", flat=True))
    if not all_dates:
        return 0
    latest = all_dates[-1]
    horizon = latest - dt.timedelta(days=ALERT_WINDOW_DAYS)
    jump = float(settings.LABORMAP_JUMP_POINTS)
    alerts: list[Alert] = []
    for d in sorted(new_snapshots):
        i = all_dates.index(d)
        if i == 0 or d < horizon:
            continue
        prev = all_dates[i - 1]
        prev_high = ScoreHistory.objects.filter(as_of=prev, level=HIGH).values("employer_id")
        for h in ScoreHistory.objects.filter(as_of=d, level=HIGH).exclude(employer_id__in=prev_high):
            alerts.append(
                Alert(
                    kind="new_high",
                    employer_id=h.employer_id,
                    as_of=d,
                    score=h.score,
                    level=h.level,
                    details={"previous": str(prev)},
                    key=f"new_high:{h.employer_id}:{d}",
                )
            )
        prev_score = ScoreHistory.objects.filter(employer_id=OuterRef("employer_id"), as_of=prev).values(
            "score"
        )[:1]
        rising = (
            ScoreHistory.objects.filter(as_of=d)
            .annotate(prev_score=Subquery(prev_score))
            .filter(score__gte=F("prev_score") + jump)
        )
        for h in rising:
            alerts.append(
                Alert(
                    kind="jump",
                    employer_id=h.employer_id,
                    as_of=d,
                    score=h.score,
                    level=h.level,
                    score_change=round(h.score - h.prev_score, 1),
                    details={"previous": str(prev), "previous_score": h.prev_score},
                    key=f"jump:{h.employer_id}:{d}",
                )
            )
    media_from = dt.datetime.combine(latest - dt.timedelta(days=MEDIA_WINDOW_DAYS), dt.time(), tzinfo=dt.UTC)
    signals = MediaSignal.objects.filter(
        severity__gte=settings.LABORMAP_MEDIA_SEVERITY, published_at__gte=media_from
    ).select_related("employer")
    for m in signals:
        alerts.append(
            Alert(
                kind="media",
                employer_id=m.employer_id,
                as_of=m.published_at.date() if m.published_at else latest,
                score=m.employer.score,
                level=m.employer.level or "",
                details={
                    "title": m.title[:300],
                    "url": m.url,
                    "source": m.source,
                    "media_kind": m.kind,
                    "severity": m.severity,
                },
                key=f"media:{m.item_id}:{m.employer_id}"[:200],
            )
        )
    from labormap.web.layoffs.alerts import no_successor_alerts

    alerts += no_successor_alerts(latest)  # large service contracts ending with no successor
    before = Alert.objects.count()
    Alert.objects.bulk_create(alerts, batch_size=2000, ignore_conflicts=True)
    return Alert.objects.count() - before
