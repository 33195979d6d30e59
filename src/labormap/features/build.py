"""The feature table at an as-of date: every family joined onto the employers with staff on D.

``feature_expr`` is one Ibis expression (no Python UDFs, explicit window frames) that any backend runs;
``compute_features`` executes it on DuckDB or Spark and returns Arrow with the catalogue's columns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from labormap.features.agreements import agreements
from labormap.features.arrears import arrears
from labormap.features.asof import AsOf
from labormap.features.catalog import ATTRIBUTES, FEATURES
from labormap.features.contractors import contractors
from labormap.features.contributions import contributions
from labormap.features.employers import employer_attributes
from labormap.features.esutd import esutd_completeness
from labormap.features.frames import join_left
from labormap.features.signals import conflicts, media, place_rates, surveys
from labormap.features.sources import Sources, open_sources
from labormap.features.wages import wages
from labormap.features.workforce import workforce
from labormap.features.worktime import worktime
from labormap.warehouse import Warehouse


def feature_expr(src: Sources, as_of: dt.date) -> ir.Table:
    """Feature table expression: ``employer_bin, as_of, region, sector`` then one column per feature."""
    a = AsOf.of(as_of)
    attrs = employer_attributes(src, a)
    wf = workforce(src, a)
    staff = wf.select("employer_bin", "_staff")
    contrib = contributions(src, a)
    families = [
        wages(src, a, attrs),
        contrib,
        esutd_completeness(src, a),
        worktime(src, a, staff),
        arrears(src, a),
        agreements(src, a, attrs),
        contractors(src, a, wf),
        media(src, a),
        surveys(src, a),
        conflicts(src, a, attrs),
    ]
    # The population: employers known on D with someone on staff (paid in the last year or under contract).
    base = join_left(attrs, wf, ["employer_bin"], how="inner")
    base = join_left(base, contrib.select("employer_bin", "_wm_12m"), ["employer_bin"])
    base = base.filter(
        (base.headcount > 0) | (base.esutd_headcount.fill_null(0) > 0) | (base._wm_12m.fill_null(0) > 0)
    )
    t = base
    have = set(t.columns)
    for fam in families:
        cols = [c for c in fam.columns if c != "employer_bin" and c not in have and not c.startswith("_")]
        if not cols:
            continue
        t = join_left(t, fam.select("employer_bin", *cols), ["employer_bin"])
        have.update(cols)
    # Over the population itself: the base rates' denominators are the employers in this table.
    t = place_rates(t)
    out: dict[str, ir.Value] = {
        "employer_bin": t.employer_bin,
        "as_of": ibis.literal(as_of, type="date"),
        "region": t.region,
        "sector": t.sector,
    }
    for f in FEATURES:
        v = t[f.name].cast("float64")
        out[f.name] = v if f.fill is None else v.fill_null(f.fill)
    return t.select(**out)


def to_arrow(expr: ir.Table, src: Sources) -> pa.Table:
    """Execute on the sources' backend and return Arrow sorted by employer (stable output for publishing)."""
    table: pa.Table = src.backend.to_pyarrow(expr.order_by("employer_bin"))
    return normalise(table)


def normalise(table: pa.Table) -> pa.Table:
    """Cast to the published schema (engines differ in how they type literals and NULL columns)."""
    fields: list[tuple[str, Any]] = [("employer_bin", pa.string()), ("as_of", pa.date32())]
    fields += [(c, pa.string()) for c in ATTRIBUTES]
    fields += [(f.name, pa.float64()) for f in FEATURES]
    schema = pa.schema(fields)
    return table.select(schema.names).cast(schema)


def compute_features(
    wh: Warehouse,
    as_of: dt.date,
    engine: str = "duckdb",
    *,
    spark: Any = None,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> pa.Table:
    """The feature table of every employer with staff on ``as_of``, computed on ``engine``."""
    with open_sources(wh, engine, spark=spark, memory_limit=memory_limit, threads=threads) as src:
        return to_arrow(feature_expr(src, as_of), src)


def compute_many(src: Sources, dates: list[dt.date]) -> dict[dt.date, pa.Table]:
    """Feature tables for several dates on open sources (the backtest's training and origin dates)."""
    return {d: to_arrow(feature_expr(src, d), src) for d in dates}
