"""``labormap reconcile`` on an ingested warehouse: JSON as the engine says, the act in ru and kk."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import typer
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from labormap.reconcile import load_records, reconcile
from labormap.reconcile.cli import register
from tests.reconcile import drops
from tests.reconcile import handmade as hm


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory):
    return drops.warehouse_of(hm.records(), tmp_path_factory.mktemp("rc"))


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def _other() -> None:  # a second command keeps typer from flattening the app
        pass

    return app


def test_warehouse_round_trip(wh) -> None:
    act = reconcile(load_records(wh), "2025Q2", region="47")
    assert {(d.kind, d.order_no, d.ref) for d in act.discrepancies} == hm.EXPECTED_Q2_47
    assert act.matched == hm.MATCHED_Q2_47


@pytest.mark.parametrize(("lang", "title"), [("ru", "Акт сверки"), ("kk", "Салыстыру актісі")])
def test_cli_json_and_docx(wh, tmp_path: Path, lang: str, title: str) -> None:
    out, js = tmp_path / "act.docx", tmp_path / "act.json"
    r = CliRunner().invoke(
        _app(),
        [
            "reconcile",
            "--warehouse",
            str(wh.root),
            "--quarter",
            "2025Q2",
            "--region",
            "47",
            "--json",
            str(js),
            "--out",
            str(out),
            "--lang",
            lang,
        ],
    )
    assert r.exit_code == 0, r.output
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["quarter"] == "2025Q2" and data["matched"] == hm.MATCHED_Q2_47
    assert {
        (d["kind"], d["order_no"], d["details"]["ref"]) for d in data["discrepancies"]
    } == hm.EXPECTED_Q2_47
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    cells = "\n".join(c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells)
    assert title in text
    # both bodies sign: the inspection and each counterparty
    assert text.count("______________________") == 3
    for d in data["discrepancies"]:
        assert d["kind"] not in cells  # labels, never raw codes
        assert (d["order_no"] or "") in cells


def test_cli_xlsx_kk(wh, tmp_path: Path) -> None:
    out = tmp_path / "act.xlsx"
    r = CliRunner().invoke(
        _app(),
        [
            "reconcile",
            "-w",
            str(wh.root),
            "--quarter",
            "2025Q2",
            "--region",
            "47",
            "--json",
            str(tmp_path / "a.json"),
            "--out",
            str(out),
            "--lang",
            "kk",
            "--party",
            "police",
        ],
    )
    assert r.exit_code == 0, r.output
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    assert wb.worksheets[0]["A1"].value == "Салыстыру актісі"
    rows = list(wb.worksheets[1].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "47-2025-П00007"  # the one police discrepancy
    # the act is kept in the warehouse's history
    assert (wh.root / "derived" / "reconcile_acts" / "47-police-2025Q2" / "act.json").exists()


@pytest.mark.parametrize(
    ("args", "msg"),
    [
        (["--quarter", "2025Q9"], "expected a quarter"),
        (["--quarter", "2025Q2", "--region", "99"], "unknown region"),
        (["--quarter", "2025Q2", "--out", "act.pdf"], "--out must end"),
        (["--quarter", "2025Q2", "--party", "court"], "--party must be"),
    ],
)
def test_bad_input_is_a_clear_error(wh, tmp_path: Path, args: list[str], msg: str) -> None:
    r = CliRunner().invoke(
        _app(), ["reconcile", "-w", str(wh.root), "--json", str(tmp_path / "a.json"), *args]
    )
    assert r.exit_code == 2 and msg in r.output and "Traceback" not in r.output


def test_missing_warehouse(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        _app(),
        [
            "reconcile",
            "-w",
            str(tmp_path / "none"),
            "--quarter",
            "2025Q2",
            "--json",
            str(tmp_path / "a.json"),
        ],
    )
    assert r.exit_code == 2 and "no warehouse" in r.output
