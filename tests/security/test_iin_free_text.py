"""Item 9: a worker's IIN written into any free-text column of any registry never reaches the warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from labormap.identifiers import DEMO_KEY, pseudonymise
from labormap.ingest import ingest_drop
from labormap.ingest.clean import scrub_iins
from labormap.registries import REGISTRIES
from labormap.warehouse import Warehouse
from tests.ingest.factories import bins, iins
from tests.security.rows import text_columns, write_registry

# One distinct IIN per (registry, column), so a leak names its column.
CASES = [(r, c) for r in REGISTRIES for c in text_columns(REGISTRIES[r])]
IINS = dict(zip(CASES, iins(len(CASES), start=1000), strict=True))
KEEP_BIN = bins(1, start=900)[0]


def test_every_registry_has_text_columns_covered() -> None:
    assert len(CASES) >= 10  # employer names, media titles and texts, demands …
    assert ("employers", "name") in CASES


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    drop = tmp_path_factory.mktemp("drop")
    for name in REGISTRIES:
        write_registry(
            drop,
            name,
            {c: f"ИИН {IINS[(name, c)]} / БИН {KEEP_BIN}"[:60] for c in text_columns(REGISTRIES[name])},
        )
    wh_root = tmp_path_factory.mktemp("wh")
    report = ingest_drop(drop, Warehouse(wh_root))
    return report, wh_root


@pytest.mark.parametrize(("registry", "column"), CASES, ids=[f"{r}.{c}" for r, c in CASES])
def test_iin_pseudonymised(loaded: tuple[dict, Path], registry: str, column: str) -> None:
    report, root = loaded
    rep = report["registries"][registry]
    assert rep["loaded"] == 1, rep  # the row itself is valid: the IIN is scrubbed, not rejected
    files = [str(p) for p in (root / "data" / registry).rglob("*.parquet") if "_superseded" not in str(p)]
    ((value,),) = (
        duckdb.connect()
        .execute(f'SELECT "{column}" FROM read_parquet({files!r}, union_by_name=true)')
        .fetchall()
    )
    iin = IINS[(registry, column)]
    assert iin not in value
    assert pseudonymise(iin, DEMO_KEY) in value
    assert KEEP_BIN in value  # a BIN is not a personal identifier and stays


def test_scrub_keeps_invalid_and_longer_numbers() -> None:
    iin = iins(1)[0]
    bad = iin[:11] + str((int(iin[11]) + 1) % 10)
    text = f"{iin}; {bad}; 9{iin}; {iin}-x"
    out = scrub_iins(text, lambda s: "W")
    assert out == f"W; {bad}; 9{iin}; W-x"
