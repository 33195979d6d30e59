"""Item 10 (engine side): one rule for cells a spreadsheet would evaluate, shared by exports and ingest."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from labormap import csvsafe
from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse
from tests.security.rows import write_registry

DANGEROUS = [
    "-2+3+cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil","x")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "-A1",
]
HARMLESS = ["-12", "-1 250,50", "+77011234567", "12.5", "ТОО Ромашка", "", "a=b"]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_dangerous_cells_are_formulas(cell: str) -> None:
    assert csvsafe.is_formula(cell)
    buf = io.StringIO()
    csvsafe.writer(buf).writerow([cell])
    assert buf.getvalue().lstrip('"').startswith("'")


@pytest.mark.parametrize("cell", HARMLESS)
def test_harmless_cells_pass_unchanged(cell: str) -> None:
    assert not csvsafe.is_formula(cell)
    assert csvsafe.neutralise(cell) == cell


def test_numbers_are_not_touched() -> None:
    buf = io.StringIO()
    csvsafe.writer(buf).writerow([-5, 2.5, None])
    assert buf.getvalue().strip() == "-5,2.5,"


@pytest.mark.parametrize("cell", [*DANGEROUS[:4], "-A1"])
def test_ingest_quarantines_formula_names(tmp_path: Path, cell: str) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_registry(drop, "employers", {"name": cell})
    rep = ingest_drop(drop, Warehouse(tmp_path / "wh"))["registries"]["employers"]
    assert rep["reasons"] == {"formula": 1}


def test_ingest_keeps_a_negative_number_text(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_registry(drop, "employers", {"name": "-12"})
    assert ingest_drop(drop, Warehouse(tmp_path / "wh"))["registries"]["employers"]["loaded"] == 1
