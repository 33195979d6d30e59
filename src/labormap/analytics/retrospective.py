"""The ten-year retrospective (roadmap item 7): what conflicts there were, and what preceded them.

Two parts, both computed in DuckDB over the registries as they stand:

1. **Structure** — conflicts by year × kind, cause, region and sector; durations, participants,
   participant groups and outcomes.
2. **Event study** — for every conflict (the first at an employer within 12 months) the employer's
   monthly indicators over the 12 months before the start, against the mean of *matched* employers of the
   same region, ОКЭД section and size band that had no conflict in the whole study period, for the same
   calendar months. For each indicator the mean difference per month, its t-statistic, and the *lead*:
   the number of months before the start from which the difference stays significant (|t| ≥ 2) up to
   the start. That tells the ministry which signals lead, by how much and how early.

Indicators come from the registries only (never from the simulator's truth): staff paid in the month,
its change over 12 months, the average monthly income, the share of contribution payments made after the
deadline (the 25th of the next month), terminations per 100 staff, and open wage arrears.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from labormap.warehouse import Warehouse
from labormap.warehouse import datasets as ds

INDICATORS = (
    "staff",
    "staff_change_12m",
    "avg_income",
    "late_share",
    "terminations_per_100",
    "arrears_open_kzt",
)
OFFSETS = tuple(range(-12, 0))
SIGNIFICANT_T = 2.0
SIZE_BANDS_SQL = "CASE WHEN staff_med < 50 THEN 'small' WHEN staff_med < 250 THEN 'medium' ELSE 'large' END"


def _month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def structure(wh: Warehouse, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Counts by year and kind, cause, region, sector; durations, participants, groups and outcomes."""
    con = wh.connect()
    try:
        con.execute(
            f"""CREATE TEMP TABLE c AS
            SELECT c.conflict_id, c.employer_bin, year(c.started_on) AS year, c.kind,
                   coalesce(c.causes, '') AS causes, c.participants, c.participant_group, c.outcome,
                   CASE WHEN c.ended_on IS NULL THEN NULL ELSE date_diff('day', c.started_on, c.ended_on) + 1 END
                       AS duration_days,
                   substr(coalesce(e.kato, ''), 1, 2) AS kato2, {ds.section_case_sql("e.oked")} AS oked_section
            FROM conflicts c LEFT JOIN employers e ON e.bin = c.employer_bin
            WHERE c.started_on >= ? AND c.started_on <= ?""",
            [start, end],
        )

        def by(col: str) -> list[dict[str, Any]]:
            rows = con.execute(
                f"SELECT year, {col} AS g, count(*) FROM c GROUP BY ALL ORDER BY year, g"
            ).fetchall()
            return [{"year": y, "group": g, "conflicts": n} for y, g, n in rows]

        causes = con.execute(
            """SELECT year, cause AS g, count(*) FROM (SELECT year, unnest(string_split(causes, ';')) AS cause FROM c)
               WHERE cause <> '' GROUP BY ALL ORDER BY year, g"""
        ).fetchall()
        per_year = con.execute(
            """SELECT year, count(*), sum(participants), median(duration_days), avg(duration_days)
               FROM c GROUP BY year ORDER BY year"""
        ).fetchall()
        totals = con.execute(
            "SELECT count(*), sum(participants), median(duration_days), max(duration_days) FROM c"
        ).fetchone()
        groups = con.execute(
            "SELECT participant_group, count(*) FROM c GROUP BY ALL ORDER BY 2 DESC"
        ).fetchall()
        outcomes = con.execute("SELECT outcome, count(*) FROM c GROUP BY ALL ORDER BY 2 DESC").fetchall()
        by_kind, by_region, by_sector = by("kind"), by("kato2"), by("oked_section")
    finally:
        con.close()
    assert totals is not None
    return {
        "years": [
            {
                "year": y,
                "conflicts": n,
                "participants": int(p or 0),
                "duration_median_days": md,
                "duration_mean_days": round(mn, 1) if mn is not None else None,
            }
            for y, n, p, md, mn in per_year
        ],
        "by_kind": by_kind,
        "by_cause": [{"year": y, "group": g, "conflicts": n} for y, g, n in causes],
        "by_region": by_region,
        "by_sector": by_sector,
        "participant_groups": [{"group": g, "conflicts": n} for g, n in groups],
        "outcomes": [{"outcome": g, "conflicts": n} for g, n in outcomes],
        "total": {
            "conflicts": totals[0],
            "participants": int(totals[1] or 0),
            "duration_median_days": totals[2],
            "duration_max_days": totals[3],
        },
    }


def _panel_sql(start_mi: int, end_mi: int) -> str:
    """Monthly indicators per employer from payments, contracts and arrears (one row per employer-month)."""
    return f"""
    WITH pay AS (
        SELECT employer_bin AS bin,
               CAST(substr(period, 1, 4) AS INTEGER) * 12 + CAST(substr(period, 6, 2) AS INTEGER) - 1 AS mi,
               count(DISTINCT worker_pid) AS staff, avg(income) AS avg_income,
               avg(CASE WHEN paid_on > CAST(period || '-01' AS DATE) + INTERVAL 1 MONTH + INTERVAL 24 DAY
                        THEN 1.0 ELSE 0.0 END) AS late_share
        FROM payments
        WHERE period IS NOT NULL AND length(period) >= 7
        GROUP BY ALL
    ),
    term AS (
        SELECT employer_bin AS bin, year(terminated_on) * 12 + month(terminated_on) - 1 AS mi, count(*) AS terms
        FROM contracts WHERE terminated_on IS NOT NULL GROUP BY ALL
    ),
    months AS (SELECT range AS mi FROM range({start_mi}, {end_mi} + 1)),
    arr AS (
        SELECT a.employer_bin AS bin, m.mi, sum(a.amount_kzt - coalesce(a.repaid_kzt, 0)) AS arrears_open_kzt
        FROM arrears a JOIN months m
          ON year(a.found_on) * 12 + month(a.found_on) - 1 <= m.mi
         AND (a.repaid_on IS NULL OR year(a.repaid_on) * 12 + month(a.repaid_on) - 1 > m.mi)
        GROUP BY ALL
    )
    SELECT p.bin, p.mi, p.staff::DOUBLE AS staff,
           CASE WHEN lag(p.staff, 12) OVER w > 0 AND lag(p.mi, 12) OVER w = p.mi - 12
                THEN p.staff / lag(p.staff, 12) OVER w - 1 END AS staff_change_12m,
           p.avg_income, p.late_share,
           100.0 * coalesce(t.terms, 0) / greatest(p.staff, 1) AS terminations_per_100,
           coalesce(a.arrears_open_kzt, 0) AS arrears_open_kzt
    FROM pay p
    LEFT JOIN term t ON t.bin = p.bin AND t.mi = p.mi
    LEFT JOIN arr a ON a.bin = p.bin AND a.mi = p.mi
    WINDOW w AS (PARTITION BY p.bin ORDER BY p.mi)
    """


def event_study(wh: Warehouse, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Indicators before each conflict against matched employers without one (see the module doc)."""
    start_mi, end_mi = _month_index(start) - 12, _month_index(end)
    con = wh.connect()
    try:
        con.execute(f"CREATE TEMP TABLE panel AS {_panel_sql(start_mi, end_mi)}")
        con.execute(
            f"""CREATE TEMP TABLE cells AS
            SELECT e.bin, substr(coalesce(e.kato, ''), 1, 2) AS kato2, {ds.section_case_sql("e.oked")} AS sec,
                   {SIZE_BANDS_SQL} AS band
            FROM employers e JOIN (SELECT bin, median(staff) AS staff_med FROM panel GROUP BY bin) s ON s.bin = e.bin"""
        )
        # the first conflict at an employer within 12 months (later ones are the same episode's echo)
        con.execute(
            """CREATE TEMP TABLE cases AS
            WITH c AS (
                SELECT employer_bin AS bin, year(started_on) * 12 + month(started_on) - 1 AS mi0,
                       lag(year(started_on) * 12 + month(started_on) - 1) OVER (
                           PARTITION BY employer_bin ORDER BY started_on) AS prev
                FROM conflicts WHERE started_on >= ? AND started_on <= ?
            )
            SELECT row_number() OVER () AS case_id, c.bin, c.mi0, k.kato2, k.sec, k.band
            FROM c JOIN cells k ON k.bin = c.bin WHERE prev IS NULL OR mi0 - prev >= 12""",
            [start, end],
        )
        con.execute(
            """CREATE TEMP TABLE controls AS
            SELECT k.* FROM cells k
            WHERE k.bin NOT IN (SELECT employer_bin FROM conflicts WHERE employer_bin IS NOT NULL
                                AND started_on >= ? - INTERVAL 1 YEAR AND started_on <= ? + INTERVAL 1 YEAR)""",
            [start, end],
        )
        n_cases, n_controls = con.execute(
            "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM controls)"
        ).fetchone() or (0, 0)
        ctrl_means = ", ".join(f"avg(p.{i}) AS {i}" for i in INDICATORS)
        con.execute(
            f"""CREATE TEMP TABLE ctrl AS
            SELECT k.kato2, k.sec, k.band, p.mi, count(*) AS n, {ctrl_means}
            FROM controls k JOIN panel p ON p.bin = k.bin GROUP BY ALL"""
        )
        con.execute(
            f"""CREATE TEMP TABLE ctrl2 AS
            SELECT k.sec, k.band, p.mi, count(*) AS n, {ctrl_means}
            FROM controls k JOIN panel p ON p.bin = k.bin GROUP BY ALL"""
        )
        # the same region, section and size band; where a small world has no such control employer,
        # the same section and size band nationally (counted apart as "matched by sector and size")
        diffs = ", ".join(f"p.{i} - coalesce(q.{i}, q2.{i}) AS d_{i}" for i in INDICATORS)
        con.execute(
            f"""CREATE TEMP TABLE diffs AS
            SELECT c.case_id, o.range AS k, q.n IS NOT NULL AS exact, {diffs}
            FROM cases c CROSS JOIN range(-12, 0) o
            JOIN panel p ON p.bin = c.bin AND p.mi = c.mi0 + o.range
            LEFT JOIN ctrl q ON q.kato2 = c.kato2 AND q.sec = c.sec AND q.band = c.band AND q.mi = c.mi0 + o.range
            LEFT JOIN ctrl2 q2 ON q2.sec = c.sec AND q2.band = c.band AND q2.mi = c.mi0 + o.range
            WHERE q.n IS NOT NULL OR q2.n IS NOT NULL"""
        )
        exact = con.execute("SELECT count(DISTINCT case_id) FILTER (WHERE exact) FROM diffs").fetchone()
        matched = con.execute("SELECT count(DISTINCT case_id) FROM diffs").fetchone()
        stats: dict[str, list[dict[str, Any]]] = {}
        for ind in INDICATORS:
            rows = con.execute(
                f"""SELECT k, count(d_{ind}), avg(d_{ind}), stddev_samp(d_{ind})
                    FROM diffs WHERE d_{ind} IS NOT NULL GROUP BY k ORDER BY k"""
            ).fetchall()
            stats[ind] = [
                {
                    "offset_months": int(k),
                    "cases": int(n),
                    "mean_difference": float(m) if m is not None else None,
                    "t": (float(m) / (float(s) / math.sqrt(n))) if n > 1 and s else None,
                }
                for k, n, m, s in rows
            ]
    finally:
        con.close()
    leads: list[dict[str, Any]] = []
    for ind, series in stats.items():
        lead = 0
        sign = 0
        for r in sorted(series, key=lambda r: -r["offset_months"]):  # -1, -2, … back in time
            t = r["t"]
            if t is None or abs(t) < SIGNIFICANT_T:
                break
            s = 1 if t > 0 else -1
            if sign and s != sign:
                break
            sign = s
            lead = -r["offset_months"]
        leads.append(
            {
                "indicator": ind,
                "lead_months": lead,
                "direction": sign,
                "t_last_month": next((r["t"] for r in series if r["offset_months"] == -1), None),
            }
        )
    leads.sort(key=lambda r: (-r["lead_months"], -abs(r["t_last_month"] or 0)))
    return {
        "cases": int(n_cases),
        "cases_matched": int(matched[0]) if matched else 0,
        "cases_matched_exactly": int(exact[0]) if exact else 0,
        "control_employers": int(n_controls),
        "significance": f"|t| >= {SIGNIFICANT_T}",
        "indicators": stats,
        "leads": leads,
    }


def retrospective(wh: Warehouse, years: int = 10, end: dt.date | None = None) -> dict[str, Any]:
    """The retrospective's data for the ``years`` before ``end`` (default: the last conflict date)."""
    if years < 1:
        raise ValueError("--years must be at least 1")
    con = wh.connect()
    try:
        last = con.execute("SELECT max(started_on) FROM conflicts").fetchone()
        first = con.execute("SELECT min(started_on) FROM conflicts").fetchone()
    finally:
        con.close()
    if end is None:
        if not last or last[0] is None:
            raise ValueError(f"the warehouse {wh.root} holds no conflicts: nothing to analyse")
        end = last[0]
    assert end is not None
    start = dt.date(end.year - years + 1, 1, 1)
    # the period a note states is the one the registry covers, not a wish for ten years
    if first and first[0] is not None and first[0] > start:
        start = dt.date(first[0].year, 1, 1)
    return {
        "period": [start.isoformat(), end.isoformat()],
        "years": years,
        "structure": structure(wh, start, end),
        "event_study": event_study(wh, start, end),
    }
