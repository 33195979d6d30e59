"""Alert ``appeals``: workers' own appeals are the earliest signal there is, so several labour appeals
about one employer within a month raise an alert before any registry shows the trouble.

Raised when an appeal is saved (web form or import); one alert per employer and month (the key).
"""

from __future__ import annotations

import datetime as dt

from labormap.web.alerts.models import Alert
from labormap.web.employers.models import Employer
from labormap.web.voice.models import Appeal

APPEAL_ALERT_MIN = 3  # labour appeals about one employer within APPEAL_ALERT_DAYS
APPEAL_ALERT_DAYS = 30


def appeal_alert(employer_bin: str, day: dt.date) -> Alert | None:
    if not employer_bin:
        return None
    since = day - dt.timedelta(days=APPEAL_ALERT_DAYS - 1)
    qs = Appeal.objects.filter(
        employer_bin=employer_bin, labour=True, received_on__gte=since, received_on__lte=day
    )
    n = qs.count()
    if n < APPEAL_ALERT_MIN:
        return None
    e = Employer.objects.filter(bin=employer_bin).first()
    if e is None:
        return None
    kinds = sorted(set(qs.values_list("kind", flat=True)))
    alert, _created = Alert.objects.update_or_create(
        key=f"appeals:{employer_bin}:{day:%Y-%m}",
        defaults={
            "kind": "appeals",
            "employer_id": employer_bin,
            "as_of": day,
            "score": e.score,
            "level": e.level or "",
            "details": {"appeals_30d": n, "kinds": kinds},
        },
    )
    return alert
