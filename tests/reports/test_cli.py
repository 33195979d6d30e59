from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from labormap.cli import app
from labormap.warehouse import Warehouse
from tests.reports.docs_text import docx_text, xlsx_figure
from tests.reports.world import EMPS

runner = CliRunner()


def test_daily_docx_and_xlsx_from_the_cli(world: Warehouse, tmp_path: Path) -> None:
    out = tmp_path / "note.docx"
    res = runner.invoke(
        app, ["report", "daily", "--warehouse", str(world.root), "--as-of", "2025-11-24", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "Аналитическая справка" in docx_text(out)
    xo = tmp_path / "note.xlsx"
    res = runner.invoke(
        app,
        [
            "report",
            "daily",
            "--warehouse",
            str(world.root),
            "--as-of",
            "2025-11-24",
            "--out",
            str(xo),
            "--region",
            "23",
            "--lang",
            "kk",
        ],
    )
    assert res.exit_code == 0, res.output
    assert xlsx_figure(xo, "Есептегі кәсіпорындар") == sum(e.kato.startswith("23") for e in EMPS)


def test_measures_and_semiannual_from_the_cli(world: Warehouse, tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "report",
            "measures",
            "--warehouse",
            str(world.root),
            "--from",
            "2025-01-01",
            "--to",
            "2025-11-30",
            "--out",
            str(tmp_path / "m.docx"),
        ],
    )
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        app,
        [
            "report",
            "semiannual",
            "--warehouse",
            str(world.root),
            "--half",
            "2025H2",
            "--out",
            str(tmp_path / "s.xlsx"),
        ],
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / "s.xlsx").stat().st_size > 0


def test_cli_errors_are_clear_and_write_nothing(world: Warehouse, tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "report",
            "daily",
            "--warehouse",
            str(world.root),
            "--as-of",
            "2020-01-01",
            "--out",
            str(tmp_path / "x.docx"),
        ],
    )
    assert res.exit_code == 2 and "no scores snapshot" in res.output
    res = runner.invoke(
        app,
        [
            "report",
            "daily",
            "--warehouse",
            str(world.root),
            "--as-of",
            "2025-11-24",
            "--out",
            str(tmp_path / "x.pdf"),
        ],
    )
    assert res.exit_code != 0 and ".docx or .xlsx" in res.output
    res = runner.invoke(
        app,
        [
            "report",
            "semiannual",
            "--warehouse",
            str(world.root),
            "--half",
            "2025H3",
            "--out",
            str(tmp_path / "x.docx"),
        ],
    )
    assert res.exit_code != 0
    res = runner.invoke(
        app,
        [
            "report",
            "daily",
            "--warehouse",
            str(world.root),
            "--as-of",
            "2025-11-24",
            "--out",
            str(tmp_path / "x.docx"),
            "--region",
            "99",
        ],
    )
    assert res.exit_code != 0 and "unknown region" in res.output
    assert list(tmp_path.iterdir()) == []


def test_daily_in_english_from_the_cli(world: Warehouse, tmp_path: Path) -> None:
    out = tmp_path / "note.xlsx"
    args = ["report", "daily", "--warehouse", str(world.root), "--as-of", "2025-11-24", "--lang", "en"]
    res = runner.invoke(app, [*args, "--out", str(out), "--region", "23"])
    assert res.exit_code == 0, res.output
    assert xlsx_figure(out, "Employers scored") == sum(e.kato.startswith("23") for e in EMPS)
    res = runner.invoke(app, [*args[:-1], "de", "--out", str(tmp_path / "x.docx")])
    assert res.exit_code != 0 and "ru, kk or en" in res.output
