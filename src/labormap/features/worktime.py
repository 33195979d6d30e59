"""Part-time transfers and idle time (простой) in force on D, from ЕСУТД contract amendments."""

from __future__ import annotations

import ibis.expr.types as ir

from labormap.features.asof import AsOf
from labormap.features.frames import join_left, on_or_before, ratio
from labormap.features.sources import Sources

WORKTIME_EVENTS = ("part_time_start", "part_time_end", "idle_start", "idle_end")


def worktime(src: Sources, a: AsOf, staff: ir.Table) -> ir.Table:
    e = src["contract_events"]
    # Only the four work-time events matter. Filtering before grouping keeps salary changes — most
    # amendments — out of the per-worker hash aggregate; a worker with none of these events would give
    # zero counts, which the catalogue's fill (0) gives anyway.
    e = e.filter(
        e.event_type.isin(WORKTIME_EVENTS),
        on_or_before(e.registered_on, a.date),
        on_or_before(e.event_on, a.date),
    )
    per_worker = e.group_by(["employer_bin", "worker_pid"]).aggregate(
        _pt_start=e.event_on.max(where=e.event_type == "part_time_start"),
        _pt_end=e.event_on.max(where=e.event_type == "part_time_end"),
        _idle_start=e.event_on.max(where=e.event_type == "idle_start"),
        _idle_end=e.event_on.max(where=e.event_type == "idle_end"),
    )
    w = per_worker
    # In force when the latest start is not followed by an end (an end on the same day closes it).
    on_pt = w._pt_start.notnull() & (w._pt_end.isnull() | (w._pt_end < w._pt_start))
    on_idle = w._idle_start.notnull() & (w._idle_end.isnull() | (w._idle_end < w._idle_start))
    per = w.group_by("employer_bin").aggregate(_pt=w.count(where=on_pt), _idle=w.count(where=on_idle))
    j = join_left(per, staff, ["employer_bin"], how="inner")
    return j.select(
        "employer_bin",
        part_time_share=ratio(j._pt, j._staff),
        idle_share=ratio(j._idle, j._staff),
    )
