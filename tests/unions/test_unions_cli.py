"""``labormap unions check`` on a warehouse whose sector_agreements came in through ingest."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from labormap.cli import app
from labormap.ingest.drops import ingest_platform_drop, new_drop
from labormap.registries import REGISTRIES
from labormap.warehouse import Warehouse


@pytest.fixture
def wh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LABORMAP_DEMO", "1")
    w = Warehouse(tmp_path / "wh")
    drop = new_drop(w, "test")
    path = drop / "registries" / "sector_agreements.csv"
    path.parent.mkdir(parents=True)
    cols = [c.name for c in REGISTRIES["sector_agreements"].columns]
    row = {"agreement_id": "SA-C", "level": "sectoral", "oked_section": "C", "valid_from": "2025-01-01",
           "valid_to": "2028-12-31", "min_tariff_kzt": "150000", "inter_grade_coefficient": "1.2",
           "hazard_bonus_pct": "15", "indexation_clause": "true"}  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(cols)
        wr.writerow([row.get(c, "") for c in cols])
    rep = ingest_platform_drop(drop, w)
    assert rep["registries"]["registries"]["sector_agreements"]["loaded"] == 1  # a 2028 end date is accepted
    return w.root


def test_prefilled_terms_pass_and_a_low_tariff_is_flagged(wh: Path) -> None:
    r = CliRunner().invoke(
        app, ["unions", "check", "--warehouse", str(wh), "--section", "C", "--on", "2026-12-01"]
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["applicable"] == ["SA-C"] and out["prefill"]["min_tariff_kzt"] == 150000 and out["flags"] == []
    r = CliRunner().invoke(
        app,
        [
            "unions",
            "check",
            "--warehouse",
            str(wh),
            "--section",
            "C",
            "--tariff",
            "140000",
            "--on",
            "2026-12-01",
        ],
    )
    assert r.exit_code == 1
    assert [f["code"] for f in json.loads(r.output)["flags"]] == ["tariff_below_sector"]


def test_bad_date_is_a_clear_error(wh: Path) -> None:
    r = CliRunner().invoke(
        app, ["unions", "check", "--warehouse", str(wh), "--section", "C", "--on", "12.2026"]
    )
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
