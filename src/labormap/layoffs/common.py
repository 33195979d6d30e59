"""Shared SQL pieces: the as-of date, scope filter, sector and region of an employer, headcount, risk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb

from labormap.features.asof import AsOf
from labormap.features.workforce import REDUCTION_GROUNDS
from labormap.reference.oked import OKED_SECTIONS, VALID_DIVISIONS
from labormap.scope import EmployerColumns, Scope
from labormap.warehouse import Warehouse


class LayoffsError(RuntimeError):
    """Bad input (no warehouse, no data, a bad date): the CLI prints it and exits non-zero."""


def open_warehouse(path: object) -> tuple[Warehouse, duckdb.DuckDBPyConnection]:
    wh = Warehouse(str(path))
    if not wh.exists():
        raise LayoffsError(f"{wh.root} is not a warehouse (no manifest.json): run `labormap ingest` first")
    return wh, wh.connect()


def views(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}


def default_as_of(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The latest scores snapshot (what the pages show); else the latest day any service contract is known."""
    if "scores" in views(con):
        row = con.execute("SELECT max(as_of) FROM scores").fetchone()
        if row and row[0] is not None:
            return row[0]
    row = con.execute("SELECT max(coalesce(registered_on, start_on)) FROM contractor_links").fetchone()
    if row and row[0] is not None:
        return row[0]
    raise LayoffsError("the warehouse holds no service contracts (contractor_links) and no scores")


def section_case(oked: str) -> str:
    """SQL CASE mapping a 5-digit ОКЭД column to its section letter ('' when unknown)."""
    whens = []
    for s in OKED_SECTIONS.values():
        divs = [d for d in range(s.divisions[0], s.divisions[1] + 1) if d in VALID_DIVISIONS]
        if divs:
            whens.append(
                f"WHEN TRY_CAST(substr({oked}, 1, 2) AS INTEGER) IN ({', '.join(map(str, divs))}) THEN '{s.code}'"
            )
    return "CASE " + " ".join(whens) + " ELSE '' END"


def set_scope(con: duckdb.DuckDBPyConnection, bins: Iterable[str] | Scope | None) -> bool:
    """Register the temp table ``_scope(bin)`` when a scope limits the output; False when unlimited.

    ``bins`` is a BIN list (the web passes its user's scoped employers) or a :class:`labormap.scope.Scope`
    (resolved here with its SQL adapter over ``_emp``, which :func:`create_employer_facts` made first).
    """
    if bins is None:
        return False
    if isinstance(bins, Scope):
        if bins.unrestricted:
            return False
        f = bins.sql_filter(
            "e",
            EmployerColumns(
                employers_table="_emp", contractors_table="contractor_links", contractor_col="employer_bin"
            ),
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _scope AS SELECT DISTINCT e.bin FROM _emp e WHERE {f.sql}",
            f.params,
        )
        return True
    import pyarrow as pa

    # through Arrow, not row by row: a region's scope holds tens of thousands of BINs
    con.register("_scope_src", pa.table({"bin": pa.array(sorted(set(bins)), pa.string())}))
    con.execute("CREATE OR REPLACE TEMP TABLE _scope AS SELECT DISTINCT bin FROM _scope_src")
    con.unregister("_scope_src")
    return True


def create_employer_facts(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> None:
    """Temp table ``_emp``: every employer's region, sector, holding, headcount, staff-reduction
    terminations over the last 6 months and risk, as known on D.

    Headcount is the workers paid for the reference income month of D (the latest month whose
    contributions were due by D, see features/asof.py), counting only payments made by D. Risk is the
    latest scores snapshot on or before D.
    """
    a = AsOf.of(as_of)
    d = as_of.isoformat()
    grounds = ", ".join(f"'{g}'" for g in REDUCTION_GROUNDS)
    has_scores = "scores" in views(con)
    risk = (
        f"""LEFT JOIN (SELECT employer_bin, score, level FROM scores
             WHERE as_of = (SELECT max(as_of) FROM scores WHERE as_of <= DATE '{d}')) s ON s.employer_bin = e.bin"""
        if has_scores
        else "LEFT JOIN (SELECT NULL::VARCHAR AS employer_bin, NULL::DOUBLE AS score, NULL::VARCHAR AS level) s ON false"
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _emp AS
        SELECT e.bin, e.name, e.name_kk, substr(e.kato, 1, 2) AS region, {section_case("e.oked")} AS sector,
               e.holding, e.parent_bin, coalesce(h.headcount, 0) AS headcount,
               coalesce(r.reductions, 0) AS reductions_6m, s.score, s.level
        FROM (SELECT * FROM employers QUALIFY row_number() OVER (PARTITION BY bin ORDER BY registered_on DESC NULLS LAST) = 1) e
        LEFT JOIN (SELECT employer_bin, count(*) AS headcount FROM payments
                   WHERE period = '{a.period}' AND paid_on <= DATE '{d}' GROUP BY 1) h ON h.employer_bin = e.bin
        -- a termination counts once it is registered in ЕСУТД by D (same rule as the risk features)
        LEFT JOIN (SELECT employer_bin, count(*) AS reductions FROM contracts
                   WHERE termination_ground IN ({grounds}) AND registered_on <= DATE '{d}'
                     AND terminated_on <= DATE '{d}' AND terminated_on > DATE '{d}' - INTERVAL 182 DAY
                     AND coalesce(termination_registered_on, terminated_on) <= DATE '{d}'
                   GROUP BY 1) r ON r.employer_bin = e.bin
        {risk}
        """
    )
