"""The generated values follow the contracts' own rules, checked here independently of ingest."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from labormap.identifiers import decode_bin, decode_iin, is_valid_kz_id
from labormap.reference import REGIONS
from labormap.reference.oked import oked_section_of
from labormap.registries import REGISTRIES
from labormap.registries.schema import ColumnType
from labormap.simulate.writer import contract_schema


def _table(root: Path, name: str) -> str:
    reg = root / "registries"
    return (
        f"read_parquet('{reg / name}/*.parquet')"
        if (reg / name).is_dir()
        else f"read_parquet('{reg / name}.parquet')"
    )


def test_every_registry_has_exactly_the_contract_columns(tiny_world: Path) -> None:
    reg = tiny_world / "registries"
    for name in REGISTRIES:
        files = sorted((reg / name).glob("*.parquet")) if (reg / name).is_dir() else [reg / f"{name}.parquet"]
        assert files, name
        for f in files:
            assert pq.read_schema(f).remove_metadata() == contract_schema(name), (name, f)


def test_codes_identifiers_and_places(tiny_world: Path) -> None:
    con = duckdb.connect()
    emp = con.execute(
        f"SELECT bin, kato, oked, lat, lon, parent_bin FROM {_table(tiny_world, 'employers')}"
    ).fetchall()
    for b, kato, oked, lat, lon, parent in emp:
        assert is_valid_kz_id(b) and b[4] == "4"
        assert decode_bin(b) is not None
        assert len(kato) == 9 and kato.isdigit() and kato[:2] in REGIONS
        assert len(oked) == 5 and oked_section_of(oked) is not None
        centre = REGIONS[kato[:2]]
        assert abs(lat - centre.lat) < 4 and abs(lon - centre.lon) < 7
        assert parent is None or is_valid_kz_id(parent)
    iins = con.execute(
        f"SELECT DISTINCT worker_iin FROM {_table(tiny_world, 'payments')} USING SAMPLE 3000 ROWS"
    ).fetchall()
    for (iin,) in iins:
        assert decode_iin(iin) is not None
    for name, reg in REGISTRIES.items():
        src = _table(tiny_world, name)
        for col in reg.columns:
            if col.required:
                nulls = con.execute(f"SELECT count(*) FROM {src} WHERE {col.name} IS NULL").fetchone()
                assert nulls == (0,), (name, col.name)
            if col.type is ColumnType.CODE and col.codes:
                bad = con.execute(
                    f"SELECT DISTINCT {col.name} FROM {src} WHERE {col.name} IS NOT NULL "
                    f"AND {col.name} NOT IN ({', '.join(repr(c) for c in col.codes)})"
                ).fetchall()
                assert bad == [], (name, col.name, bad)
            if col.min is not None:
                low = con.execute(f"SELECT count(*) FROM {src} WHERE {col.name} < {col.min}").fetchone()
                assert low == (0,), (name, col.name)
            if col.max is not None:
                high = con.execute(f"SELECT count(*) FROM {src} WHERE {col.name} > {col.max}").fetchone()
                assert high == (0,), (name, col.name)


def test_contract_dates_are_consistent(tiny_world: Path) -> None:
    con = duckdb.connect()
    src = _table(tiny_world, "contracts")
    checks = {
        "terminated_before_start": f"SELECT count(*) FROM {src} WHERE terminated_on < start_on",
        "ground_missing": f"SELECT count(*) FROM {src} WHERE terminated_on IS NOT NULL AND termination_ground IS NULL",
        "end_before_start": f"SELECT count(*) FROM {src} WHERE end_on < start_on",
        "registered_after_extract": f"SELECT count(*) FROM {src} WHERE registered_on > DATE '2025-12-31'",
    }
    for what, sql in checks.items():
        assert con.execute(sql).fetchone() == (0,), what
    # the same worker-month is paid once at one employer
    dup = con.execute(
        f"SELECT count(*) - count(DISTINCT (employer_bin, worker_iin, period)) "
        f"FROM {_table(tiny_world, 'payments')}"
    ).fetchone()
    assert dup == (0,)
