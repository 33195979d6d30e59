"""Demo: a strike recorded in a case by akimat-47 reaches the warehouse's ``conflicts`` registry through an
ingest drop (and from there the training labels and the reports), with the akimat's scope shown as one
grant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model

from labormap.web.accounts.scope import scope_of, scoped_employers
from labormap.web.cases import services
from labormap.web.cases.models import Case
from labormap.web.cases.warehouse import CONFLICT_ID_PREFIX, publish


def run_demo(warehouse: Path) -> list[str]:
    user = get_user_model().objects.get(username="akimat-47")
    scope = scope_of(user)
    lines = [f"akimat-47 sees {scoped_employers(user).count()} employers (scope {scope.key()})"]
    employer = scoped_employers(user).exclude(score=None).order_by("-score").first()
    if employer is None:
        return [*lines, "no scored employer in region 47: nothing to record"]
    today = dt.date.today()
    case = Case.objects.filter(
        employer=employer, kind="strike", opened_on=today
    ).first() or services.open_case(
        employer=employer,
        kind="strike",
        causes=["wage_arrears"],
        user=user,
        participant_group="own_staff",
        participants=85,
        started_on=today - dt.timedelta(days=2),
        opened_on=today,
    )
    done = publish(warehouse)
    lines.append(
        f"case #{case.pk} (strike at {employer.bin}) → conflict {CONFLICT_ID_PREFIX}{case.pk} ingested from "
        f"{done.drop.name}: {done.conflicts} conflict(s), {done.measures} measure(s), {done.cases} case(s)"
    )
    return lines
