"""Fixtures for the media tests: a tiny warehouse with the fixture employers, a shared analyzer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from labormap.media.evaluate import fixture_employers
from labormap.media.linking import EmployerIndex
from labormap.media.pipeline import Analyzer

DATA = Path(__file__).parent / "data"
EMPLOYERS = Path(__file__).parents[2] / "src" / "labormap" / "media" / "eval" / "employers.jsonl"


@pytest.fixture(scope="session")
def employer_rows() -> list[tuple[str, str, str, str, str, str, str]]:
    return fixture_employers()


@pytest.fixture(scope="session")
def bins(employer_rows: list[tuple[str, str, str, str, str, str]]) -> dict[str, str]:
    """Russian name (without legal form) → BIN of the fixture employers."""
    return {name.split("«", 1)[1].rstrip("»"): b for b, name, *_ in employer_rows}


@pytest.fixture(scope="session")
def analyzer(employer_rows: list[tuple[str, str, str, str, str, str]]) -> Analyzer:
    return Analyzer(EmployerIndex(employer_rows))


@pytest.fixture
def warehouse(tmp_path: Path):
    """A warehouse holding the fixture employers, loaded through the ordinary ingest."""
    from labormap.ingest import ingest_drop
    from labormap.warehouse import Warehouse

    drop = tmp_path / "drop"
    drop.mkdir()
    shutil.copy(EMPLOYERS, drop / "employers.jsonl")
    wh = Warehouse(tmp_path / "wh")
    report = ingest_drop(drop, wh)
    assert report["registries"]["employers"]["loaded"] == len(fixture_employers())
    return wh
