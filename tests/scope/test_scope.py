"""The scope value object: union of grants, intersection within a grant, and its SQL adapter on DuckDB."""

from __future__ import annotations

import duckdb
import pytest

from labormap.scope import EmployerColumns, Grant, Scope

# bin, region, sector, holding
ROWS = [
    ("1", "47", "B", ""),  # mining in Mangystau
    ("2", "47", "F", ""),  # construction in Mangystau
    ("3", "23", "B", ""),  # mining in Atyrau
    ("4", "23", "F", "H1"),  # a holding employer in Atyrau
    ("5", "75", "G", ""),  # a contractor of employer 4
]
LINKS = [("4", "5")]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute("CREATE TABLE employer_scope (bin VARCHAR, region VARCHAR, sector VARCHAR, holding VARCHAR)")
    c.executemany("INSERT INTO employer_scope VALUES (?, ?, ?, ?)", ROWS)
    c.execute("CREATE TABLE contractor_links (customer_bin VARCHAR, contractor_bin VARCHAR)")
    c.executemany("INSERT INTO contractor_links VALUES (?, ?)", LINKS)
    return c


def _bins(con: duckdb.DuckDBPyConnection, scope: Scope) -> set[str]:
    f = scope.sql_filter("e", EmployerColumns())
    return {
        r[0] for r in con.execute(f"SELECT e.bin FROM employer_scope e WHERE {f.sql}", f.params).fetchall()
    }


def test_region_and_sector_in_one_grant_intersect(con: duckdb.DuckDBPyConnection) -> None:
    mangystau_mining = Scope.of(Grant.of(regions="47", sectors="B"))
    assert _bins(con, mangystau_mining) == {"1"}


def test_grants_add_up(con: duckdb.DuckDBPyConnection) -> None:
    scope = Scope.of(Grant.of(regions="47", sectors="B"), Grant.of(sectors="B"), Grant.of(bins="2"))
    assert _bins(con, scope) == {"1", "2", "3"}


def test_holding_brings_its_contractors(con: duckdb.DuckDBPyConnection) -> None:
    assert _bins(con, Scope.of(Grant.of(holding="H1"))) == {"4", "5"}
    # and a region narrows the holding grant like any other dimension
    assert _bins(con, Scope.of(Grant.of(holding="H1", regions="75"))) == {"5"}


def test_country_everything_empty_nothing(con: duckdb.DuckDBPyConnection) -> None:
    assert _bins(con, Scope.everything()) == {r[0] for r in ROWS}
    assert _bins(con, Scope.nothing()) == set()
    # an empty grant (a form left blank) must not open the country
    assert _bins(con, Scope.of(Grant.of())) == set()
    assert Scope.of(Grant.of()).live_grants == ()


def test_values_are_parameters_not_sql(con: duckdb.DuckDBPyConnection) -> None:
    f = Scope.of(Grant.of(holding="x' OR '1'='1")).sql_filter()
    assert "x'" not in f.sql and "x' OR '1'='1" in f.params
    assert _bins(con, Scope.of(Grant.of(holding="x' OR '1'='1"))) == set()


def test_typed_lists_are_parsed_and_sectors_upper_cased() -> None:
    g = Grant.of(regions="47; 23\n75", sectors="b, f", bins=["  1 ", ""])
    assert g.regions == {"47", "23", "75"} and g.sectors == {"B", "F"} and g.bins == {"1"}


def test_regions_of_a_scope() -> None:
    assert Scope.of(Grant.of(regions="47"), Grant.of(regions="23", sectors="B")).regions == {"47", "23"}
    assert Scope.of(Grant.of(regions="47"), Grant.of(sectors="B")).regions is None
    assert Scope.everything().regions is None


def test_key_is_stable_and_distinguishes_scopes() -> None:
    a = Scope.of(Grant.of(regions="47,23"), Grant.of(sectors="B"))
    b = Scope.of(Grant.of(sectors="b"), Grant.of(regions="23 47"))
    assert a.key() == b.key() != Scope.of(Grant.of(regions="47,23", sectors="B")).key()
    assert Scope.everything().key() == "country" and Scope.nothing().key() == "nothing"
