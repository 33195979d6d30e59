"""How what the case pages record reaches the warehouse: one platform drop, sent through ingest.

Nothing here writes warehouse folders: :func:`publish` builds a drop (conflicts recorded in cases as a
``conflicts`` registry file, measures and cases as the response datasets) and hands it to
:func:`labormap.ingest.drops.ingest_platform_drop`. A conflict recorded in a case therefore enters the
``conflicts`` registry like a registered one and reaches the training labels, features and reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labormap.ingest.drops import ConflictRow, ingest_platform_drop, new_drop, write_conflicts, write_response
from labormap.response.dataset import cases_table, measures_table
from labormap.warehouse import Warehouse
from labormap.web.cases.models import Case

# A case's conflict goes into the registry under this id, so a later publication of the same case
# supersedes the earlier version (the registry's key) instead of adding a second conflict.
CONFLICT_ID_PREFIX = "LM-CASE-"


@dataclass(frozen=True)
class Published:
    measures: int
    cases: int
    conflicts: int
    conflicts_incomplete: int  # a conflict case without participants or causes: not yet registrable
    drop: Path
    report: dict[str, Any]


def conflict_rows(cases: Any) -> tuple[list[ConflictRow], int]:
    """Conflicts recorded in ``cases`` (a queryset) as registry rows; and how many were incomplete."""
    rows: list[ConflictRow] = []
    incomplete = 0
    for c in cases.exclude(kind="none").iterator():
        causes = c.cause_list()
        if not c.participants or not causes:
            incomplete += 1
            continue
        rows.append(
            ConflictRow(
                conflict_id=f"{CONFLICT_ID_PREFIX}{c.pk}",
                employer_bin=c.employer_id,
                started_on=c.started_on or c.opened_on,
                ended_on=c.closed_on if c.status == Case.CLOSED else None,
                kind=c.kind,
                causes=causes,
                participants=c.participants,
                participant_group=c.participant_group or None,
                demands=c.demands or None,
                outcome=c.outcome or None,
                registered_on=c.opened_on,
            )
        )
    return rows, incomplete


def publish(path: str | Path, *, today: dt.date | None = None) -> Published:
    """Send every case conflict, measure and case into the warehouse at ``path`` through one drop."""
    from labormap.web.cases.services import engine_cases, engine_measures

    wh = Warehouse(path)
    drop = new_drop(wh, "web-cases")
    rows, incomplete = conflict_rows(Case.objects.all())
    if rows:
        write_conflicts(drop, rows)
    ms, cs = engine_measures(None), engine_cases(None)
    write_response(drop, measures_table(ms), cases_table(cs))
    report = ingest_platform_drop(drop, wh, today=today)
    return Published(len(ms), len(cs), len(rows), incomplete, drop, report)
