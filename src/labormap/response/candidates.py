"""Hearing candidates read from the warehouse: one scores snapshot joined with the employers register
and the conflicts open on the date (as-of: only conflicts registered by then)."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from labormap import levels as risk_levels
from labormap.response.hearings import HearingCandidate
from labormap.response.snapshots import latest_on_or_before, snapshot_dates, snapshot_files, sql_list
from labormap.warehouse import Warehouse


def hearing_candidates(
    wh: Warehouse,
    as_of: date,
    bins: frozenset[str] | None = None,
    levels: tuple[str, ...] = (risk_levels.HIGH,),
    lang: str = "ru",
) -> tuple[date | None, list[HearingCandidate]]:
    """(snapshot used, candidates at ``levels`` within ``bins``) from the latest snapshot on or before ``as_of``."""
    snap = latest_on_or_before(snapshot_dates(wh), as_of)
    if snap is None:
        return None, []
    con = wh.connect()
    scope = ""
    if bins is not None:
        con.register("_scope_bins", pa.table({"b": pa.array(sorted(bins), pa.string())}))
        scope = "AND s.employer_bin IN (SELECT b FROM _scope_bins)"
    text_col = {"kk": "text_kk", "en": "text_en"}.get(lang, "text_ru")
    con.register("_levels", pa.table({"l": pa.array(list(levels), pa.string())}))
    rows = con.execute(
        f"""
        SELECT s.employer_bin, coalesce(e.name, s.employer_bin), substr(coalesce(e.kato, ''), 1, 2), s.score, s.level,
               s.score_change, list_transform(coalesce(s.reasons, []), lambda r: coalesce(r.{text_col}, r.text_ru)),
               EXISTS (SELECT 1 FROM conflicts c WHERE c.employer_bin = s.employer_bin
                       AND coalesce(c.registered_on, c.started_on) <= $d AND c.started_on <= $d
                       AND (c.ended_on IS NULL OR c.ended_on > $d))
        FROM read_parquet({sql_list(snapshot_files(wh, snap))}, hive_partitioning = false) s
        LEFT JOIN employers e ON e.bin = s.employer_bin
        WHERE s.level IN (SELECT l FROM _levels) {scope}
        """,
        {"d": as_of},
    ).fetchall()
    return snap, [
        HearingCandidate(b, n, r, float(sc), lv, None if ch is None else float(ch), tuple(rs or ()), bool(oc))
        for b, n, r, sc, lv, ch, rs, oc in rows
    ]
