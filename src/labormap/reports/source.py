"""Assembling report data from the warehouse: plain data objects, every query restricted to the scope.

Inputs: ``scores`` snapshots (the one of the report date and the one before it), the ``employers``,
``conflicts``, ``arrears`` and ``collective_agreements`` registries, the ``media_signals`` dataset, and
the measures and cases (passed in, or read from the ``measures`` / ``cases`` datasets the web app
publishes). Only aggregates and employer-level rows leave here; no worker identity is read at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from labormap import levels
from labormap.control.daily import arrears_news
from labormap.levels import ELEVATED, HIGH
from labormap.reference import CONFLICT_KINDS, REGIONS, oked_section_of
from labormap.reports.scope import ReportScope, resolve
from labormap.response.dataset import load_cases, load_levels, load_measures
from labormap.response.measures import CaseRecord, Measure, MeasureSummary, needed_snapshots, summarise
from labormap.response.snapshots import (
    latest_on_or_before,
    previous_before,
    snapshot_dates,
    snapshot_files,
    sql_list,
)
from labormap.warehouse import Warehouse, datasets

LEVELS = levels.CODES


class ReportDataError(RuntimeError):
    """The warehouse cannot give what the report needs (for example: no scores snapshot yet)."""


@dataclass(frozen=True)
class EmployerRow:
    bin: str
    name: str
    region: str
    sector: str
    score: float | None
    level: str | None
    score_prev: float | None
    level_prev: str | None
    reasons: tuple[str, ...] = ()

    @property
    def change(self) -> float | None:
        return None if self.score is None or self.score_prev is None else self.score - self.score_prev


@dataclass(frozen=True)
class RegionRow:
    region: str
    total: int
    high: int
    elevated: int
    high_prev: int | None


@dataclass(frozen=True)
class MediaRow:
    published_at: datetime
    source: str
    title: str
    url: str
    kind: str
    severity: int
    employer_bin: str | None
    employer_name: str | None


@dataclass(frozen=True)
class ConflictRow:
    conflict_id: str
    employer_bin: str
    employer_name: str
    region: str
    kind: str
    causes: tuple[str, ...]
    participants: int
    started_on: date
    ended_on: date | None
    outcome: str | None


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    employer_name: str
    region: str


@dataclass
class DailyData:
    as_of: date
    snapshot: date
    previous: date | None
    scope: ReportScope
    period_start: date  # media signals and measures are those of [period_start, as_of]
    scored: int
    levels: dict[str, int]
    levels_prev: dict[str, int] | None
    high: list[EmployerRow]
    entered_high: list[EmployerRow]
    left_high: list[EmployerRow]
    regions: list[RegionRow]
    media: list[MediaRow]
    open_conflicts: list[ConflictRow]
    measures: list[MeasureRow]
    ytd: MeasureSummary
    names: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # BIN -> (name, region) of measured employers
    arrears_news: list[Any] = field(default_factory=list)  # labormap.control.daily.ArrearsNews


@dataclass
class MeasuresData:
    start: date
    end: date
    scope: ReportScope
    summary: MeasureSummary
    measures: list[MeasureRow]
    cases: list[CaseRecord]
    names: dict[str, tuple[str, str]]


@dataclass
class MonthRow:
    month_end: date
    snapshot: date | None
    levels: dict[str, int]


@dataclass
class SemiannualData:
    start: date
    end: date
    year: int
    half: int
    scope: ReportScope
    months: list[MonthRow]
    conflicts: list[ConflictRow]
    conflicts_prev_half: int
    summary: MeasureSummary
    risky_total: int  # high + elevated at the end of the half
    risky_with_agreement: int
    agreements_expiring: int  # in scope, valid at the end, ending within 6 months after it
    arrears_cases: int
    arrears_workers: int
    arrears_amount: float
    arrears_repaid: float
    media_by_month: dict[str, dict[str, int]]
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    # forecasts published in the half whose window has closed, beside the actual count (regions in scope)
    forecasts: list[dict[str, Any]] = field(default_factory=list)
    # the half's survey wave by region (labormap.voice.index: no figure below MIN_RESPONDENTS)
    surveys: list[Any] = field(default_factory=list)


# --- helpers ---------------------------------------------------------------------------------------
def _forecasts_in_half(wh: Warehouse, scope: ReportScope, start: date, end: date) -> list[dict[str, Any]]:
    """Closed forecasts made in the half, regions limited to the scope (none for scopes not by region)."""
    from labormap.analytics.forecast import against_actual, stored

    if not stored(wh) or (not scope.national and scope.regions is None):
        return []
    try:
        rows = against_actual(wh)["forecasts"]
    except ValueError:  # no payments or contracts yet: nothing has closed
        return []
    out = []
    for r in rows:
        if not r["closed"] or not (start <= date.fromisoformat(r["as_of"]) <= end):
            continue
        regions = [x for x in r["regions"] if scope.regions is None or x["kato2"] in scope.regions]
        out.append({**r, "regions": regions, "national": r["national"] if scope.national else None})
    return out


def _snap_sql(wh: Warehouse, d: date) -> str:
    return f"read_parquet({sql_list(snapshot_files(wh, d))}, hive_partitioning = false)"


def _names(con: duckdb.DuckDBPyConnection, bins: set[str], lang: str) -> dict[str, tuple[str, str]]:
    if not bins:
        return {}
    con.register("_name_bins", pa.table({"b": pa.array(sorted(bins), pa.string())}))
    name = "coalesce(nullif(name_kk, ''), name)" if lang == "kk" else "name"
    rows = con.execute(
        f"SELECT bin, {name}, substr(kato, 1, 2) FROM employers WHERE bin IN (SELECT b FROM _name_bins)"
    ).fetchall()
    out = {b: (b, "") for b in bins}
    out.update({b: (n, r) for b, n, r in rows})
    return out


def _in_scope(items: list[Measure], bins: frozenset[str] | None) -> list[Measure]:
    return items if bins is None else [m for m in items if m.employer_bin in bins]


def _cases_in_scope(items: list[CaseRecord], bins: frozenset[str] | None) -> list[CaseRecord]:
    return items if bins is None else [c for c in items if c.employer_bin in bins]


def _summary(
    wh: Warehouse, measures: list[Measure], cases: list[CaseRecord], start: date, end: date
) -> MeasureSummary:
    dates = snapshot_dates(wh)
    in_period = [m for m in measures if start <= m.taken_on <= end]
    need = needed_snapshots(in_period, dates, end)
    levels = load_levels(wh, need, {m.employer_bin for m in in_period})
    return summarise(measures, cases, levels, start, end)


def _conflicts(
    con: duckdb.DuckDBPyConnection, cond: str, where: str, params: dict[str, object], lang: str
) -> list[ConflictRow]:
    name = "coalesce(nullif(e.name_kk, ''), e.name)" if lang == "kk" else "e.name"
    rows = con.execute(
        f"""SELECT c.conflict_id, c.employer_bin, coalesce({name}, c.employer_bin), substr(coalesce(e.kato, ''), 1, 2),
                   c.kind, coalesce(c.causes, ''), c.participants, c.started_on, c.ended_on, c.outcome
            FROM conflicts c LEFT JOIN employers e ON e.bin = c.employer_bin
            WHERE {cond.format(col="c.employer_bin")} AND {where}
            ORDER BY c.started_on DESC, c.conflict_id""",
        params,
    ).fetchall()
    return [
        ConflictRow(
            cid,
            b,
            n,
            r,
            k,
            tuple(x for x in cs.replace("|", ";").replace(",", ";").split(";") if x),
            int(p or 0),
            s,
            e,
            o,
        )
        for cid, b, n, r, k, cs, p, s, e, o in rows
    ]


def _media(
    con: duckdb.DuckDBPyConnection,
    wh: Warehouse,
    bins: frozenset[str] | None,
    start: datetime,
    end: datetime,
    lang: str,
) -> list[MediaRow]:
    files = datasets.files(wh, datasets.MEDIA_SIGNALS)
    if not files:
        return []
    # unlinked items (employer_bin NULL) belong to no scope but the national one
    link = "true" if bins is None else "s.employer_bin IN (SELECT b FROM _scope)"
    name = "coalesce(nullif(e.name_kk, ''), e.name)" if lang == "kk" else "e.name"
    rows = con.execute(
        f"""WITH s AS (
                SELECT DISTINCT ON (item_id, coalesce(employer_bin, '')) *
                FROM read_parquet({sql_list(files)}, union_by_name = true, hive_partitioning = false)
                WHERE labour AND published_at >= $start AND published_at < $end
                ORDER BY item_id, coalesce(employer_bin, ''), link_confidence DESC NULLS LAST)
            SELECT s.published_at, s.source, s.title, s.url, s.kind, coalesce(s.severity, 0), s.employer_bin, {name}
            FROM s LEFT JOIN employers e ON e.bin = s.employer_bin
            WHERE {link}
            ORDER BY s.severity DESC NULLS LAST, s.published_at DESC, s.item_id""",
        {"start": start, "end": end},
    ).fetchall()
    return [
        MediaRow(p, src or "", t or "", u or "", k or "", int(sv), b, n) for p, src, t, u, k, sv, b, n in rows
    ]


def _level_counts(con: duckdb.DuckDBPyConnection, wh: Warehouse, d: date, cond: str) -> dict[str, int]:
    rows = con.execute(
        f"SELECT level, count(*) FROM {_snap_sql(wh, d)} s WHERE {cond.format(col='s.employer_bin')} GROUP BY level"
    ).fetchall()
    counts = dict.fromkeys(LEVELS, 0)
    counts.update({lv: int(n) for lv, n in rows if lv in counts})
    return counts


def _setup(wh: Warehouse, scope: ReportScope) -> tuple[duckdb.DuckDBPyConnection, frozenset[str] | None, str]:
    """A connection with the scope registered as ``_scope`` and the SQL condition (with a ``{col}`` slot)."""
    con = wh.connect()
    bins = resolve(scope, con)
    if bins is None:
        return con, None, "true"
    con.register("_scope", pa.table({"b": pa.array(sorted(bins), pa.string())}))
    return con, bins, "{col} IN (SELECT b FROM _scope)"


# --- the daily note --------------------------------------------------------------------------------
def daily_data(
    wh: Warehouse,
    as_of: date,
    scope: ReportScope | None = None,
    *,
    measures: list[Measure] | None = None,
    cases: list[CaseRecord] | None = None,
    days: int = 1,
    lang: str = "ru",
) -> DailyData:
    """Everything the daily analytical note shows, for the employers in ``scope`` on ``as_of``.

    ``measures`` / ``cases`` default to the published ``measures`` / ``cases`` datasets (empty when absent).
    """
    scope = scope or ReportScope()
    dates = snapshot_dates(wh)
    snap = latest_on_or_before(dates, as_of)
    if snap is None:
        raise ReportDataError(f"no scores snapshot on or before {as_of:%d.%m.%Y}: run the risk scoring first")
    prev = previous_before(dates, snap)
    con, bins, cond = _setup(wh, scope)
    now_sql = _snap_sql(wh, snap)
    cur = cond.format(col="s.employer_bin")
    levels = _level_counts(con, wh, snap, cond)
    levels_prev = _level_counts(con, wh, prev, cond) if prev else None
    name = "coalesce(nullif(e.name_kk, ''), e.name)" if lang == "kk" else "e.name"
    text_col = f"text_{lang}" if lang in ("kk", "en") else "text_ru"
    prev_join = (
        f"LEFT JOIN {_snap_sql(wh, prev)} p ON p.employer_bin = s.employer_bin"
        if prev
        else "LEFT JOIN (SELECT NULL::VARCHAR employer_bin, NULL::DOUBLE score, NULL::VARCHAR level) p ON false"
    )

    def rows(sql_where: str, source: str = now_sql) -> list[EmployerRow]:
        res = con.execute(
            f"""SELECT s.employer_bin, coalesce({name}, s.employer_bin), substr(coalesce(e.kato, ''), 1, 2),
                       coalesce(e.oked, ''), s.score, s.level, p.score, p.level,
                       list_transform(coalesce(s.reasons, []), lambda r: coalesce(nullif(r.{text_col}, ''), r.text_ru))
                FROM {source} s {prev_join} LEFT JOIN employers e ON e.bin = s.employer_bin
                WHERE {cur} AND {sql_where}
                ORDER BY s.score DESC, s.employer_bin"""
        ).fetchall()
        return [
            EmployerRow(b, n, r, oked_section_of(o) or "", sc, lv, psc, plv, tuple((rs or [])[:3]))
            for b, n, r, o, sc, lv, psc, plv, rs in res
        ]

    high = rows(f"s.level = '{HIGH}'")
    entered = rows(f"s.level = '{HIGH}' AND coalesce(p.level, '') <> '{HIGH}'") if prev else []
    left: list[EmployerRow] = []
    if prev:
        # swap the roles: employers high before, not high now (or gone from the current snapshot)
        res = con.execute(
            f"""SELECT p.employer_bin, coalesce({name}, p.employer_bin), substr(coalesce(e.kato, ''), 1, 2),
                       coalesce(e.oked, ''), s.score, s.level, p.score, p.level
                FROM {_snap_sql(wh, prev)} p LEFT JOIN {now_sql} s ON s.employer_bin = p.employer_bin
                LEFT JOIN employers e ON e.bin = p.employer_bin
                WHERE {cond.format(col="p.employer_bin")} AND p.level = '{HIGH}' AND coalesce(s.level, '') <> '{HIGH}'
                ORDER BY p.score DESC, p.employer_bin"""
        ).fetchall()
        left = [
            EmployerRow(b, n, r, oked_section_of(o) or "", sc, lv, psc, plv)
            for b, n, r, o, sc, lv, psc, plv in res
        ]

    reg = con.execute(
        f"""SELECT substr(coalesce(e.kato, ''), 1, 2) AS region, count(*),
                   count(*) FILTER (WHERE s.level = '{HIGH}'), count(*) FILTER (WHERE s.level = '{ELEVATED}'),
                   count(*) FILTER (WHERE p.level = '{HIGH}')
            FROM {now_sql} s {prev_join} LEFT JOIN employers e ON e.bin = s.employer_bin
            WHERE {cur} GROUP BY region"""
    ).fetchall()
    regions = sorted(
        (RegionRow(r, int(t), int(h), int(el), int(hp) if prev else None) for r, t, h, el, hp in reg),
        key=lambda x: (-x.high, -x.elevated, x.region),
    )

    period_start = as_of - timedelta(days=max(days, 1) - 1)
    media = _media(
        con,
        wh,
        bins,
        datetime.combine(period_start, datetime.min.time()),
        datetime.combine(as_of + timedelta(days=1), datetime.min.time()),
        lang,
    )
    open_conflicts = _conflicts(
        con,
        cond,
        "coalesce(c.registered_on, c.started_on) <= $d AND c.started_on <= $d "
        "AND (c.ended_on IS NULL OR c.ended_on > $d)",
        {"d": as_of},
        lang,
    )

    ms = _in_scope(load_measures(wh, bins) if measures is None else measures, bins)
    cs = _cases_in_scope(load_cases(wh, bins) if cases is None else cases, bins)
    ytd = _summary(wh, ms, cs, date(as_of.year, 1, 1), as_of)
    today_ms = [m for m in ms if period_start <= m.taken_on <= as_of]
    names = _names(con, {m.employer_bin for m in today_ms} | {m.employer_bin for m in ytd.moved_out}, lang)
    return DailyData(
        as_of=as_of,
        snapshot=snap,
        previous=prev,
        scope=scope,
        period_start=period_start,
        scored=sum(levels.values()),
        levels=levels,
        levels_prev=levels_prev,
        high=high,
        entered_high=entered,
        left_high=left,
        regions=regions,
        media=media,
        open_conflicts=open_conflicts,
        measures=[MeasureRow(m, *names[m.employer_bin]) for m in today_ms],
        ytd=ytd,
        names=names,
        arrears_news=arrears_news(con, cond, period_start, as_of, lang),
    )


# --- the report on measures taken ------------------------------------------------------------------
def measures_data(
    wh: Warehouse,
    start: date,
    end: date,
    scope: ReportScope | None = None,
    *,
    measures: list[Measure] | None = None,
    cases: list[CaseRecord] | None = None,
    lang: str = "ru",
) -> MeasuresData:
    scope = scope or ReportScope()
    if end < start:
        raise ReportDataError("the period ends before it starts")
    con, bins, _ = _setup(wh, scope)
    ms = _in_scope(load_measures(wh, bins) if measures is None else measures, bins)
    cs = _cases_in_scope(load_cases(wh, bins) if cases is None else cases, bins)
    summary = _summary(wh, ms, cs, start, end)
    period_cases = [c for c in cs if c.opened_on <= end and (c.closed_on is None or c.closed_on >= start)]
    names = _names(
        con, {m.employer_bin for m in summary.measures} | {c.employer_bin for c in period_cases}, lang
    )
    return MeasuresData(
        start,
        end,
        scope,
        summary,
        [MeasureRow(m, *names[m.employer_bin]) for m in summary.measures],
        period_cases,
        names,
    )


# --- the semi-annual note --------------------------------------------------------------------------
def half_bounds(year: int, half: int) -> tuple[date, date]:
    if half not in (1, 2):
        raise ReportDataError("the half is 1 or 2")
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))


def _month_ends(start: date, end: date) -> list[date]:
    out = []
    y, m = start.year, start.month
    while True:
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append(min(nxt - timedelta(days=1), end))
        if nxt > end:
            return out
        y, m = nxt.year, nxt.month


def semiannual_data(
    wh: Warehouse,
    year: int,
    half: int,
    scope: ReportScope | None = None,
    *,
    measures: list[Measure] | None = None,
    cases: list[CaseRecord] | None = None,
    lang: str = "ru",
) -> SemiannualData:
    scope = scope or ReportScope()
    start, end = half_bounds(year, half)
    dates = snapshot_dates(wh)
    con, bins, cond = _setup(wh, scope)
    months = []
    for me in _month_ends(start, end):
        snap = latest_on_or_before(dates, me)
        # a snapshot older than the month itself says nothing about that month
        if snap is not None and snap < date(me.year, me.month, 1):
            snap = None
        months.append(
            MonthRow(me, snap, _level_counts(con, wh, snap, cond) if snap else dict.fromkeys(LEVELS, 0))
        )

    known = "coalesce(c.registered_on, c.started_on) <= $end"
    conflicts = _conflicts(
        con, cond, f"{known} AND c.started_on BETWEEN $start AND $end", {"start": start, "end": end}, lang
    )
    pstart, pend = half_bounds(year - (half == 1), 2 if half == 1 else 1)
    prev_count = con.execute(
        f"SELECT count(*) FROM conflicts c WHERE {cond.format(col='c.employer_bin')} "
        "AND coalesce(c.registered_on, c.started_on) <= $pend AND c.started_on BETWEEN $pstart AND $pend",
        {"pstart": pstart, "pend": pend},
    ).fetchone()

    ms = _in_scope(load_measures(wh, bins) if measures is None else measures, bins)
    cs = _cases_in_scope(load_cases(wh, bins) if cases is None else cases, bins)
    summary = _summary(wh, ms, cs, start, end)

    risky_total = risky_with = 0
    final = latest_on_or_before(dates, end)
    if final is not None:
        r = con.execute(
            f"""SELECT count(*), count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM collective_agreements a WHERE a.employer_bin = s.employer_bin
                    AND coalesce(a.registered_on, a.signed_on) <= $end AND a.valid_from <= $end AND a.valid_to >= $end))
                FROM {_snap_sql(wh, final)} s
                WHERE {cond.format(col="s.employer_bin")} AND s.level IN ('{HIGH}', '{ELEVATED}')""",
            {"end": end},
        ).fetchone()
        risky_total, risky_with = (int(r[0]), int(r[1])) if r else (0, 0)
    exp = con.execute(
        f"""SELECT count(*) FROM collective_agreements a WHERE {cond.format(col="a.employer_bin")}
            AND coalesce(a.registered_on, a.signed_on) <= $end AND a.valid_from <= $end
            AND a.valid_to >= $end AND a.valid_to < $end + INTERVAL 6 MONTH""",
        {"end": end},
    ).fetchone()
    arr = con.execute(
        f"""SELECT count(*), coalesce(sum(workers), 0), coalesce(sum(amount_kzt), 0),
                   coalesce(sum(CASE WHEN repaid_on <= $end THEN coalesce(repaid_kzt, amount_kzt) ELSE 0 END), 0)
            FROM arrears a WHERE {cond.format(col="a.employer_bin")} AND a.found_on BETWEEN $start AND $end""",
        {"start": start, "end": end},
    ).fetchone()

    media_by_month: dict[str, dict[str, int]] = {}
    for row in _media(
        con,
        wh,
        bins,
        datetime.combine(start, datetime.min.time()),
        datetime.combine(end + timedelta(days=1), datetime.min.time()),
        lang,
    ):
        media_by_month.setdefault(row.published_at.strftime("%Y-%m"), Counter())[row.kind] += 1
    names = _names(con, {m.employer_bin for m in summary.moved_out}, lang)
    forecasts = _forecasts_in_half(wh, scope, start, end)
    from labormap.voice.index import index_by

    return SemiannualData(
        forecasts=forecasts,
        surveys=index_by(con, "region", f"{year}-H{half}", bins),
        start=start,
        end=end,
        year=year,
        half=half,
        scope=scope,
        months=months,
        conflicts=conflicts,
        conflicts_prev_half=int(prev_count[0]) if prev_count else 0,
        summary=summary,
        risky_total=risky_total,
        risky_with_agreement=risky_with,
        agreements_expiring=int(exp[0]) if exp else 0,
        arrears_cases=int(arr[0]) if arr else 0,
        arrears_workers=int(arr[1]) if arr else 0,
        arrears_amount=float(arr[2]) if arr else 0.0,
        arrears_repaid=float(arr[3]) if arr else 0.0,
        media_by_month={k: dict(v) for k, v in sorted(media_by_month.items())},
        names=names,
    )


def region_name(code: str, lang: str = "ru") -> str:
    from labormap.reports.i18n import t

    r = REGIONS.get(code)
    return r.name(lang) if r else t("region.unknown", lang)


def kind_name(code: str | None, lang: str = "ru") -> str:
    k = CONFLICT_KINDS.get(code or "")
    return k.name(lang) if k else (code or "—")
