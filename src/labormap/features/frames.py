"""Small Ibis building blocks shared by the feature families: windows with explicit frames, exact
quantiles that give the same answer on every engine, safe ratios and as-of filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import ibis
import ibis.expr.types as ir


def whole_partition(group_by: Sequence[str | ir.Value]) -> ibis.expr.builders.LegacyWindowBuilder:
    """A window over every row of the partition (frame: unbounded preceding to unbounded following)."""
    return ibis.window(group_by=list(group_by), rows=(None, None))


def ranked(
    group_by: Sequence[str | ir.Value], order_by: Sequence[str | ir.Value]
) -> ibis.expr.builders.LegacyWindowBuilder:
    """An ordered window for ranking (frame: unbounded preceding to the current row)."""
    return ibis.window(group_by=list(group_by), order_by=list(order_by), rows=(None, 0))


def with_ranks(t: ir.Table, group_by: Sequence[str], value: str) -> ir.Table:
    """Add ``_rn`` (0-based position by ``value``) and ``_n`` (rows in the group) for nearest-rank quantiles.

    Approximate percentiles differ between engines (t-digest on DuckDB, Greenwald-Khanna on Spark), so
    quantiles are taken by rank: the q-quantile of n values is the value at position ceil(q·n) − 1.
    """
    return t.mutate(
        _rn=ibis.row_number().over(ranked(group_by, [value])),
        _n=t.count().over(whole_partition(group_by)),
    )


def quantile_at(t: ir.Table, value: str, q: float, where: ir.BooleanValue | None = None) -> ir.Value:
    """Aggregate giving the nearest-rank q-quantile of a table prepared by :func:`with_ranks`."""
    hit = t._rn == (t._n * q).ceil().cast("int64") - 1
    return t[value].max(where=hit if where is None else hit & where)


def ratio(num: ir.NumericValue, den: ir.NumericValue) -> ir.FloatingValue:
    """num / den as a double; NULL when the denominator is zero or NULL (no division by zero anywhere)."""
    return num.cast("float64") / den.cast("float64").nullif(0.0)


def on_or_before(col: ir.Value, day: dt.date) -> ir.BooleanValue:
    return col <= ibis.literal(day, type="date")


def after(col: ir.Value, day: dt.date) -> ir.BooleanValue:
    return col > ibis.literal(day, type="date")


def before(col: ir.Value, day: dt.date) -> ir.BooleanValue:
    return col < ibis.literal(day, type="date")


def date_lit(day: dt.date) -> ir.DateScalar:
    return ibis.literal(day, type="date")


def join_left(t: ir.Table, other: ir.Table, keys: Sequence[str], how: str = "left") -> ir.Table:
    """``t`` joined to ``other`` on same-named keys, keeping t's columns and other's non-key columns.

    Each join is closed with a projection and the left side is wrapped in a view, so ibis never tries to
    fuse a join into an earlier join chain (it rejects keys computed inside such a chain).
    """
    left = t.view()
    j = left.join(other, list(keys), how=how)
    extra = [c for c in other.columns if c not in keys]
    clash = [c for c in extra if c in t.columns]
    if clash:
        raise ValueError(f"columns on both sides of a join: {clash}")
    return j.select(*t.columns, *extra)


_ARROW_TYPES = {
    "string": "string",
    "int64": "int64",
    "float64": "float64",
    "date": "date32",
    "timestamp": "timestamp[us]",
    "boolean": "bool",
}


def small_table(columns: dict[str, list[object]], schema: dict[str, str]) -> ir.Table:
    """An in-memory table with an exact schema (Arrow-backed, so empty columns keep their types)."""
    import pyarrow as pa

    arrays = {
        k: pa.array(columns.get(k, []), type=pa.type_for_alias(_ARROW_TYPES[v])) for k, v in schema.items()
    }
    return ibis.memtable(pa.table(arrays))
