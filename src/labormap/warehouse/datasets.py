"""The one reader (and layout) of each derived warehouse dataset.

Registries are read through :class:`~labormap.warehouse.store.Warehouse` views; the *derived* datasets
below are written by the engine's pipelines and read by the engine, the reports and the web. Their
folder layout is defined here and nowhere else — code asks this module for paths, dates and files.

==================  =====================================================  ============================
dataset             layout under ``WH/derived/``                           written by
==================  =====================================================  ============================
``scores``          ``scores/as_of=YYYY-MM-DD/scores.parquet`` + meta.json  ``labormap score``
``features``        ``features/as_of=YYYY-MM-DD/features.parquet``         ``labormap score``
``media_signals``   ``media_signals/month=YYYY-MM/signals.parquet``         ``labormap media``
``measures``        ``measures/current/measures.parquet``                   ingest of a ``response`` drop
``cases``           ``cases/current/cases.parquet``                         ingest of a ``response`` drop
``models``          ``models/<version>/model.txt`` + meta.json             ``labormap train``
``backtests``       ``backtests/<id>/backtest.json`` (+ report.html)        ``labormap backtest``
==================  =====================================================  ============================

Datasets a newer package owns keep their layout in that package, next to their only reader/writer:
``forecasts`` (``labormap.analytics.forecast``), ``reconcile_acts`` (``labormap.reconcile``). A dataset
read by more than one package belongs in the table above.

Everything a web user records that should reach the engine (a conflict in a case, measures) goes
through an ingest drop (:mod:`labormap.ingest.drops`), never straight into these folders.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from labormap.scope import Scope
from labormap.warehouse.store import Warehouse

log = logging.getLogger(__name__)

SCORES = "scores"
FEATURES = "features"
MEDIA_SIGNALS = "media_signals"
MEASURES = "measures"
CASES = "cases"
MODELS = "models"
BACKTESTS = "backtests"

DATASETS = (SCORES, FEATURES, MEDIA_SIGNALS, MEASURES, CASES, MODELS, BACKTESTS)
SNAPSHOT_PREFIX = "as_of="


# --- dated snapshots (scores, features) ----------------------------------------------------------
def snapshot_name(as_of: dt.date) -> str:
    return f"{SNAPSHOT_PREFIX}{as_of.isoformat()}"


def snapshot_dir(wh: Warehouse, as_of: dt.date, dataset: str = SCORES) -> Path:
    return wh.derived_dir(dataset) / snapshot_name(as_of)


def snapshot_dates(wh: Warehouse, dataset: str = SCORES) -> list[dt.date]:
    """Dates of the published snapshots of ``dataset`` (folders with a Parquet file), oldest first."""
    base = wh.derived_dir(dataset)
    if not base.exists():
        return []
    out = []
    for p in base.iterdir():
        if not (p.is_dir() and p.name.startswith(SNAPSHOT_PREFIX) and any(p.glob("*.parquet"))):
            continue
        try:
            out.append(dt.date.fromisoformat(p.name.removeprefix(SNAPSHOT_PREFIX)))
        except ValueError:  # a stray folder is not a snapshot
            continue
    return sorted(out)


def snapshot_files(wh: Warehouse, as_of: dt.date, dataset: str = SCORES) -> list[str]:
    return sorted(str(p) for p in snapshot_dir(wh, as_of, dataset).glob("*.parquet"))


def scores_path(wh: Warehouse, as_of: dt.date) -> Path:
    return snapshot_dir(wh, as_of, SCORES) / "scores.parquet"


def features_path(wh: Warehouse, as_of: dt.date) -> Path:
    return snapshot_dir(wh, as_of, FEATURES) / "features.parquet"


def snapshot_meta_path(wh: Warehouse, as_of: dt.date) -> Path:
    return snapshot_dir(wh, as_of, SCORES) / "meta.json"


def snapshot_meta(wh: Warehouse, as_of: dt.date) -> dict[str, Any]:
    """The meta.json of a scores snapshot (FileNotFoundError when the snapshot has none)."""
    data: dict[str, Any] = json.loads(snapshot_meta_path(wh, as_of).read_text(encoding="utf-8"))
    return data


@contextmanager
def publish_snapshot(wh: Warehouse, dataset: str, as_of: dt.date) -> Iterator[Path]:
    """Write one dated snapshot atomically (the folder appears whole or not at all)."""
    with wh.publish(dataset, snapshot_name(as_of)) as d:
        yield d


def latest_on_or_before(dates: list[dt.date], d: dt.date) -> dt.date | None:
    i = bisect.bisect_right(dates, d)
    return dates[i - 1] if i else None


def previous_before(dates: list[dt.date], d: dt.date) -> dt.date | None:
    i = bisect.bisect_left(dates, d)
    return dates[i - 1] if i else None


# --- other derived datasets -----------------------------------------------------------------------
def files(wh: Warehouse, dataset: str) -> list[str]:
    """Every committed Parquet file of ``dataset`` (media_signals months, measures, cases …)."""
    return wh.derived_files(dataset)


def model_dir(wh: Warehouse, version: str) -> Path:
    return wh.derived_dir(MODELS) / version


def backtest_files(wh: Warehouse) -> list[Path]:
    """``backtests/<id>/backtest.json`` files, oldest first (by modification time)."""
    base = wh.derived_dir(BACKTESTS)
    if not base.exists():
        return []
    return sorted(
        (p for p in base.glob("*/backtest.json") if not p.parent.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
    )


def sql_list(items: list[str]) -> str:
    """A DuckDB list literal of file paths."""
    return "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in items) + "]"


# --- the employer dimensions a scope filters on ---------------------------------------------------
def section_case_sql(oked_expr: str = "e.oked") -> str:
    """SQL mapping an ОКЭД code to its section letter ('' when none) — one definition for all SQL."""
    from labormap.reference.oked import OKED_SECTIONS, VALID_DIVISIONS

    whens = []
    for s in OKED_SECTIONS.values():
        divs = [d for d in range(s.divisions[0], s.divisions[1] + 1) if d in VALID_DIVISIONS]
        if divs:
            whens.append(
                f"WHEN TRY_CAST(substr({oked_expr}, 1, 2) AS INTEGER) IN ({', '.join(map(str, divs))}) "
                f"THEN '{s.code}'"
            )
    return "CASE " + " ".join(whens) + " ELSE '' END"


def create_scope_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views ``employer_scope(bin, region, sector, holding)`` and ``contractor_links`` (customer_bin,
    contractor_bin) over the registries, the tables :meth:`labormap.scope.Scope.sql_filter` runs on."""
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW employer_scope AS
            SELECT e.bin, coalesce(substr(e.kato, 1, 2), '') AS region, {section_case_sql("e.oked")} AS sector,
                   coalesce(e.holding, '') AS holding
            FROM employers e"""
    )
    has_links = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 'contractor_links'"
    ).fetchone()
    if not has_links or not has_links[0]:
        con.execute(
            "CREATE OR REPLACE TEMP VIEW contractor_links AS "
            "SELECT NULL::VARCHAR AS customer_bin, NULL::VARCHAR AS employer_bin WHERE false"
        )
    con.execute(
        "CREATE OR REPLACE TEMP VIEW scope_contractor_links AS "
        "SELECT customer_bin, employer_bin AS contractor_bin FROM contractor_links"
    )


def scoped_bins(con: duckdb.DuckDBPyConnection, scope: Scope) -> frozenset[str] | None:
    """The BINs of the warehouse's employers that ``scope`` admits (None: the whole country, no filter) —
    the engine-side scope filter for CLI options such as ``--region``/``--sector``."""
    if scope.unrestricted:
        return None
    from labormap.scope import EmployerColumns

    create_scope_views(con)
    f = scope.sql_filter("es", EmployerColumns(contractors_table="scope_contractor_links"))
    rows = con.execute(f"SELECT es.bin FROM employer_scope es WHERE {f.sql}", f.params).fetchall()
    return frozenset(r[0] for r in rows)


__all__ = [
    "BACKTESTS",
    "CASES",
    "DATASETS",
    "FEATURES",
    "MEASURES",
    "MEDIA_SIGNALS",
    "MODELS",
    "SCORES",
    "backtest_files",
    "create_scope_views",
    "features_path",
    "files",
    "latest_on_or_before",
    "model_dir",
    "previous_before",
    "publish_snapshot",
    "scoped_bins",
    "scores_path",
    "section_case_sql",
    "snapshot_dates",
    "snapshot_dir",
    "snapshot_files",
    "snapshot_meta",
    "snapshot_meta_path",
    "snapshot_name",
    "sql_list",
]
