"""The ``media_signals`` derived dataset: one row per (publication, linked employer).

``WH/derived/media_signals/month=YYYY-MM/signals.parquet`` — each month is recomputed whole whenever
publications of that month arrive, and replaced atomically, so the ``media_signals`` view never holds
a publication twice. Publications that link to no employer have one row with ``employer_bin`` NULL;
publications that are not labour signals are kept too (``labour`` false) so counts of coverage are
possible — consumers filter on ``labour``.

For the risk features: :func:`signals_view` gives the SQL of the labour signals per employer; the
simplest use is ``con.execute("select * from media_signals where labour and employer_bin is not null")``
on a :meth:`Warehouse.connect` connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from labormap.media.linking import EmployerIndex, Link
from labormap.media.pipeline import Analyzer, Result, parse_time
from labormap.warehouse import Warehouse

DATASET = "media_signals"
SCHEMA = pa.schema(
    [
        ("item_id", pa.string()),
        ("story_id", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("lang", pa.string()),
        ("labour", pa.bool_()),
        ("kind", pa.string()),
        ("causes", pa.string()),
        ("severity", pa.int32()),
        ("participants", pa.int64()),
        ("amount_kzt", pa.float64()),
        ("employer_bin", pa.string()),
        ("link_confidence", pa.float64()),
    ]
)
# Reprints arrive within days: a month is analysed with this much of the previous month as context.
STORY_CONTEXT_DAYS = 7


def signal_rows(items: Sequence[Mapping[str, Any]], results: Sequence[Result]) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {f.name: [] for f in SCHEMA}
    for it, r in zip(items, results, strict=True):
        links: list[Link | None] = list(r.links) or [None]
        for lk in links:
            cols["item_id"].append(r.id)
            cols["story_id"].append(r.story_id)
            cols["published_at"].append(parse_time(it.get("published_at")))
            cols["source"].append(it.get("source"))
            cols["url"].append(it.get("url"))
            cols["title"].append(it.get("title"))
            cols["lang"].append(r.lang)
            cols["labour"].append(r.labour)
            cols["kind"].append(r.kind)
            cols["causes"].append(";".join(r.causes))
            cols["severity"].append(r.severity)
            cols["participants"].append(r.participants)
            cols["amount_kzt"].append(r.amount_kzt)
            cols["employer_bin"].append(lk.bin if lk else None)
            cols["link_confidence"].append(lk.confidence if lk else None)
    return cols


def signals_table(items: Sequence[Mapping[str, Any]], results: Sequence[Result]) -> pa.Table:
    return pa.table(signal_rows(items, results), schema=SCHEMA)


def _months(con: duckdb.DuckDBPyConnection, since: date | None) -> list[str]:
    q = "select distinct strftime(published_at, '%Y-%m') as m from media_items where published_at is not null"
    params: list[Any] = []
    if since:
        q += " and published_at >= ?"
        params.append(datetime.combine(since, datetime.min.time()))
    return sorted(r[0] for r in con.execute(q + " order by 1", params).fetchall())


def _items(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> list[dict[str, Any]]:
    rel = con.execute(
        "select id, published_at, source, url, title, text from media_items "
        "where published_at >= ? and published_at < ? order by published_at, id",
        [start, end],
    )
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, row, strict=True)) for row in rel.fetchall()]


def process_warehouse(
    wh: Warehouse,
    *,
    since: date | None = None,
    months: Iterable[str] | None = None,
    analyzer: Analyzer | None = None,
    progress: Any = None,
) -> dict[str, int]:
    """Analyse the warehouse's ``media_items`` month by month into ``media_signals``.

    Returns ``{month: publications}``. ``months`` (``YYYY-MM``) limits the work to those months; by
    default every month with publications (from ``since`` on) is recomputed.
    """
    con = wh.connect()
    try:
        todo = sorted(set(months)) if months is not None else _months(con, since)
        if analyzer is None:
            rows = con.execute(
                "select bin, name, name_kk, legal_form, kato, holding from employers"
            ).fetchall()
            analyzer = Analyzer(EmployerIndex(rows))
        done: dict[str, int] = {}
        for m in todo:
            start = datetime.strptime(m + "-01", "%Y-%m-%d")
            end = (start + timedelta(days=32)).replace(day=1)
            ctx_items = _items(con, start - timedelta(days=STORY_CONTEXT_DAYS), start)
            items = _items(con, start, end)
            results = analyzer.analyse(ctx_items + items)[len(ctx_items) :]
            table = signals_table(items, results)
            with wh.publish(DATASET, f"month={m}") as tmp:
                pq.write_table(table, tmp / "signals.parquet")
            done[m] = len(items)
            if progress is not None:
                progress(m, len(items))
        return done
    finally:
        con.close()


def signals_view(min_confidence: float = 0.5) -> str:
    """SQL of the labour signals linked to employers (for feature code: ``con.execute(signals_view())``)."""
    return (
        "select employer_bin, published_at, story_id, kind, causes, severity, participants, amount_kzt, "
        f"link_confidence from media_signals where labour and employer_bin is not null "
        f"and link_confidence >= {float(min_confidence)!r}"
    )
