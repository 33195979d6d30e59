"""The ``measures`` and ``cases`` derived datasets: how response data reaches the engine's reports.

Cases, tasks and measures live in the web app's database. For the command-line reports the web app
writes them into a platform drop that :func:`labormap.ingest.drops.ingest_platform_drop` checks and
publishes (``cases_publish``; the engine's own entry point is :func:`publish_response_data`):

* ``WH/derived/measures/current/measures.parquet``: ``measure_id VARCHAR, employer_bin VARCHAR,
  kind VARCHAR, taken_on DATE, body VARCHAR NULL, case_id VARCHAR NULL``;
* ``WH/derived/cases/current/cases.parquet``: ``case_id VARCHAR, employer_bin VARCHAR, kind VARCHAR NULL,
  opened_on DATE, closed_on DATE NULL, outcome VARCHAR``.

Each publication replaces the previous one (one version named ``current``), so the warehouse views
never count a measure twice. No free text and no person is published: only codes, dates and BINs.
A warehouse without these datasets reads as "no measures recorded".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from labormap.response.measures import CaseRecord, Measure
from labormap.response.snapshots import snapshot_dates, snapshot_files, sql_list
from labormap.warehouse import Warehouse, datasets

MEASURES_SCHEMA = pa.schema(
    [
        ("measure_id", pa.string()),
        ("employer_bin", pa.string()),
        ("kind", pa.string()),
        ("taken_on", pa.date32()),
        ("body", pa.string()),
        ("case_id", pa.string()),
    ]
)
CASES_SCHEMA = pa.schema(
    [
        ("case_id", pa.string()),
        ("employer_bin", pa.string()),
        ("kind", pa.string()),
        ("opened_on", pa.date32()),
        ("closed_on", pa.date32()),
        ("outcome", pa.string()),
    ]
)


def publish_response_data(
    wh: Warehouse, measures: Iterable[Measure], cases: Iterable[CaseRecord]
) -> tuple[int, int]:
    """Replace the published measures and cases; returns how many of each were written."""
    return publish_response_tables(wh, measures_table(measures), cases_table(cases))


def measures_table(measures: Iterable[Measure]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "measure_id": m.measure_id,
                "employer_bin": m.employer_bin,
                "kind": m.kind,
                "taken_on": m.taken_on,
                "body": m.body,
                "case_id": m.case_id,
            }
            for m in measures
        ],
        schema=MEASURES_SCHEMA,
    )


def cases_table(cases: Iterable[CaseRecord]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "case_id": c.case_id,
                "employer_bin": c.employer_bin,
                "kind": c.kind,
                "opened_on": c.opened_on,
                "closed_on": c.closed_on,
                "outcome": c.outcome,
            }
            for c in cases
        ],
        schema=CASES_SCHEMA,
    )


def publish_response_tables(wh: Warehouse, measures: pa.Table, cases: pa.Table) -> tuple[int, int]:
    """Replace the published ``measures`` and ``cases`` (one version named ``current`` each)."""
    with wh.publish(datasets.MEASURES, "current") as d:
        pq.write_table(measures, d / "measures.parquet")
    with wh.publish(datasets.CASES, "current") as d:
        pq.write_table(cases, d / "cases.parquet")
    return measures.num_rows, cases.num_rows


def _scope_filter(con: duckdb.DuckDBPyConnection, bins: frozenset[str] | None) -> str:
    if bins is None:
        return ""
    con.register("_scope_bins", pa.table({"b": pa.array(sorted(bins), pa.string())}))
    return " WHERE employer_bin IN (SELECT b FROM _scope_bins)"


def load_measures(wh: Warehouse, bins: frozenset[str] | None = None) -> list[Measure]:
    """Published measures of the employers in ``bins`` (all when None); empty when none are published."""
    files = datasets.files(wh, datasets.MEASURES)
    if not files:
        return []
    con = duckdb.connect()
    where = _scope_filter(con, bins)
    rows = con.execute(
        f"SELECT employer_bin, kind, taken_on, body, case_id, measure_id FROM read_parquet({sql_list(files)}){where} "
        "ORDER BY taken_on, employer_bin, measure_id"
    ).fetchall()
    return [Measure(b, k, t, body, cid, mid or "") for b, k, t, body, cid, mid in rows]


def load_cases(wh: Warehouse, bins: frozenset[str] | None = None) -> list[CaseRecord]:
    """Published cases of the employers in ``bins`` (all when None); empty when none are published."""
    files = datasets.files(wh, datasets.CASES)
    if not files:
        return []
    con = duckdb.connect()
    where = _scope_filter(con, bins)
    rows = con.execute(
        f"SELECT case_id, employer_bin, opened_on, closed_on, outcome, kind FROM read_parquet({sql_list(files)}){where} "
        "ORDER BY opened_on, case_id"
    ).fetchall()
    return [CaseRecord(cid, b, o, c, out, k) for cid, b, o, c, out, k in rows]


def load_levels(wh: Warehouse, snapshots: Iterable[date], bins: Iterable[str]) -> dict[date, dict[str, str]]:
    """{snapshot date: {BIN: level}} for the given snapshots, restricted to ``bins`` (read in DuckDB)."""
    wanted = sorted(set(bins))
    out: dict[date, dict[str, str]] = {}
    available = set(snapshot_dates(wh))
    con = duckdb.connect()
    con.register("_bins", pa.table({"b": pa.array(wanted, pa.string())}))
    for d in sorted(set(snapshots)):
        if d not in available:
            continue
        rows = con.execute(
            f"SELECT employer_bin, level FROM read_parquet({sql_list(snapshot_files(wh, d))}, hive_partitioning = false) "
            "WHERE employer_bin IN (SELECT b FROM _bins)"
        ).fetchall()
        out[d] = dict(rows)
    return out
