"""Every generated row passes the registry contracts: ingesting a simulated drop quarantines nothing."""

from __future__ import annotations

from pathlib import Path

from labormap.ingest import ingest_drop
from labormap.registries import REGISTRIES
from labormap.warehouse import Warehouse


def test_tiny_world_ingests_with_nothing_quarantined(tiny_world: Path, tmp_path: Path) -> None:
    report = ingest_drop(tiny_world / "registries", Warehouse(tmp_path / "wh"))
    regs = report["registries"]
    assert set(regs) == set(REGISTRIES)
    for name, rep in regs.items():
        assert rep["quarantined"] == 0, (name, rep["reasons"])
        assert rep["duplicates"] == 0, name
        assert rep["orphans"] == 0, name
        assert rep["loaded"] == rep["rows_in"], name
    for name in ("employers", "contracts", "payments", "conflicts", "media_items", "arrears"):
        assert regs[name]["loaded"] > 0, name
