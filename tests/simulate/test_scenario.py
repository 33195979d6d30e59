"""Scenarios override documented parameters; unknown keys fail clearly; the docs list every key."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from labormap.simulate import ScenarioError, simulate
from labormap.simulate.params import PARAMS, load_params

DOCS = Path(__file__).resolve().parents[2] / "docs" / "simulation.md"
SMALL = {"employers": 120, "start": "2024-01", "end": "2025-06", "seed": 5}


def test_unknown_key_fails_with_its_name_and_a_hint(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("shocks:\n  pandemic:\n    sise: 2.0\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"shocks\.pandemic\.sise.*shocks\.pandemic\.size"):
        load_params(f)
    with pytest.raises(ScenarioError):
        simulate(tmp_path / "out", scenario=f, **SMALL)  # type: ignore[arg-type]


def test_wrong_types_fail(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="month"):
        load_params({"shocks": {"pandemic": {"start": "2020-13"}}})
    with pytest.raises(ScenarioError, match="number"):
        load_params({"contagion": {"weight": "strong"}})
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="mapping"):
        load_params(bad)


def test_overrides_change_the_world(tmp_path: Path) -> None:
    base = simulate(tmp_path / "base", **SMALL)  # type: ignore[arg-type]
    f = tmp_path / "quiet.yaml"
    f.write_text(
        "media:\n  unrelated_per_month: 0\n  conflict_items: 0\n  pre_conflict_items: 0\n"
        "  grievance_items: 0\nobserve:\n  conflicts:\n    appeal: 0.0\n",
        encoding="utf-8",
    )
    quiet = simulate(tmp_path / "quiet", scenario=f, **SMALL)  # type: ignore[arg-type]
    assert quiet["params"]["media.unrelated_per_month"] == 0
    assert quiet["rows"]["media_items"] < base["rows"]["media_items"] / 5
    appeals = (
        duckdb.connect()
        .execute(
            f"SELECT count(*) FROM read_parquet('{tmp_path}/quiet/registries/conflicts.parquet') "
            "WHERE kind = 'collective_appeal'"
        )
        .fetchone()
    )
    assert appeals == (0,)


def test_docs_list_every_parameter() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [p.key for p in PARAMS if f"`{p.key}`" not in text]
    assert missing == []


def test_cli_reports_a_bad_scenario_and_writes_a_world(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from labormap.cli import app

    bad = tmp_path / "bad.yaml"
    bad.write_text("contagion:\n  weigth: 1\n", encoding="utf-8")
    runner = CliRunner()
    args = [
        "simulate",
        "--out",
        str(tmp_path / "w"),
        "--employers",
        "40",
        "--start",
        "2025-01",
        "--end",
        "2025-06",
    ]
    failed = runner.invoke(app, [*args, "--scenario", str(bad)])
    assert failed.exit_code == 2 and "contagion.weight" in failed.output
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "w" / "registries" / "employers.parquet").exists()
