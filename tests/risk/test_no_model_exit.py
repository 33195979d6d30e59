"""`labormap train` tells "the data cannot support a model" (exit NO_MODEL_EXIT) apart from real errors
(exit 1), and the demo falls back to the scorecard on the first only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

import pytest
from rich.console import Console
from typer.testing import CliRunner

from labormap.cli import app
from labormap.demo import steps
from labormap.risk import train as train_module
from labormap.risk.cli import NO_MODEL_EXIT
from labormap.risk.model import TrainingError
from tests.features.tiny import new_warehouse, write_run


def _train_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, exc: Exception) -> int:
    wh = new_warehouse(tmp_path / "wh")
    write_run(wh, {"employers": []})

    def boom(*_a: Any, **_k: Any) -> None:
        raise exc

    monkeypatch.setattr(train_module, "train", boom)
    r = CliRunner().invoke(app, ["train", "--warehouse", str(wh.root), "--as-of", "2025-06-30"])
    assert "Traceback" not in r.output
    return r.exit_code


def test_too_little_data_is_its_own_exit_status(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _train_with(monkeypatch, tmp_path, TrainingError("only 3 positive samples")) == NO_MODEL_EXIT


def test_any_other_value_error_is_an_error_not_no_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert _train_with(monkeypatch, tmp_path, ValueError("columns on both sides of a join")) == 1


def test_fit_at_without_history_raises_training_error() -> None:
    # not a ValueError any more: callers catch TrainingError only. Three sample months are too few, and the
    # check comes before any data is read, so no store is needed.
    with pytest.raises(TrainingError, match="not enough history"):
        train_module.fit_at(cast(Any, None), cast(Any, None), dt.date(2025, 6, 30), months=3)


@pytest.mark.parametrize(("code", "falls_back"), [(NO_MODEL_EXIT, True), (1, False)])
def test_demo_falls_back_to_the_scorecard_only_on_no_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: int, falls_back: bool
) -> None:
    # the real helper, on a stand-in command that exits as `train` would
    import typer

    from labormap import cli as cli_module

    fake = typer.Typer()

    @fake.command()
    def train(warehouse: str = typer.Option(...)) -> None:
        raise typer.Exit(code)

    @fake.command()
    def other() -> None:
        pass

    monkeypatch.setattr(cli_module, "app", fake)
    console = Console(record=True)
    if falls_back:
        steps.train_model(steps.DemoPaths(tmp_path), console)
        assert "expert scorecard" in console.export_text()
    else:
        with pytest.raises(steps.StepFailed, match="exited with status 1"):
            steps.train_model(steps.DemoPaths(tmp_path), console)
