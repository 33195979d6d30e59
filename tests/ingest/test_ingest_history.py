"""Re-ingest changes nothing; corrections supersede and keep history; a crash leaves the last good state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from labormap.cli import app
from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse
from tests.ingest.factories import EMP_HEADER, bins, employer_row, iins

B, W = bins(2), iins(3)


def _drop(path: Path, income: str = "300000") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "employers.csv").write_text(
        "\n".join(";".join(r) for r in [EMP_HEADER, employer_row(B[0]), employer_row(B[1], "АО Бета")])
        + "\n",
        encoding="utf-8",
    )
    (path / "payments.csv").write_text(
        "employer_bin,worker_iin,period,income,paid_on\n"
        f"{B[0]},{W[0]},2025-01,{income},2025-02-20\n"
        f"{B[0]},{W[1]},2025-01,200000,2025-02-20\n"
        f"{B[1]},{W[2]},2025-01,-5,2025-02-20\n",
        encoding="utf-8",
    )
    return path


def _snapshot(wh: Warehouse) -> dict[str, bytes]:
    return {
        str(p.relative_to(wh.root)): p.read_bytes()
        for p in wh.root.rglob("*")
        if p.is_file() and p.name not in ("ingest_log.jsonl", "catalog.duckdb")
    }


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh")
    first = ingest_drop(_drop(tmp_path / "d1"), wh)
    before = _snapshot(wh)
    second = ingest_drop(_drop(tmp_path / "d1"), wh)
    assert second["run_id"] is None
    assert _snapshot(wh) == before
    for name, r in second["registries"].items():
        assert r["loaded"] == 0 and r["quarantined"] == 0
        assert r["duplicates"] == r["rows_in"] == first["registries"][name]["rows_in"]


def test_correction_supersedes_and_history_keeps_the_old_version(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path / "wh")
    ingest_drop(_drop(tmp_path / "d1"), wh)
    rep = ingest_drop(_drop(tmp_path / "d2", income="310000"), wh)["registries"]["payments"]
    # one corrected row; one unchanged row and one bad row seen before are duplicates
    assert (rep["loaded"], rep["superseded"], rep["duplicates"], rep["quarantined"]) == (1, 1, 2, 0)
    con = wh.connect()
    assert con.execute("SELECT income FROM payments ORDER BY income").fetchall() == [(200000.0,), (310000.0,)]
    hist = con.execute("SELECT income FROM payments_history ORDER BY income").fetchall()
    assert hist == [(200000.0,), (300000.0,), (310000.0,)]


def test_two_versions_in_one_drop_last_wins(tmp_path: Path) -> None:
    drop = _drop(tmp_path / "d1")
    with (drop / "payments.csv").open("a", encoding="utf-8") as f:
        f.write(f"{B[0]},{W[0]},2025-01,333000,2025-02-21\n")
    wh = Warehouse(tmp_path / "wh")
    rep = ingest_drop(drop, wh)["registries"]["payments"]
    assert (rep["rows_in"], rep["loaded"], rep["superseded"]) == (4, 3, 1)
    con = wh.connect()
    assert con.execute(f"SELECT income FROM payments WHERE employer_bin='{B[0]}' ORDER BY 1").fetchall() == [
        (200000.0,),
        (333000.0,),
    ]


def test_crash_before_commit_leaves_previous_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wh = Warehouse(tmp_path / "wh")
    ingest_drop(_drop(tmp_path / "d1"), wh)
    before = wh.connect().execute("SELECT count(*), sum(income) FROM payments_history").fetchone()

    def boom(self: Warehouse, run: dict[str, object]) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(Warehouse, "commit_run", boom)
    with pytest.raises(RuntimeError, match="power cut"):
        ingest_drop(_drop(tmp_path / "d2", income="999999"), wh)
    monkeypatch.undo()
    assert wh.connect().execute("SELECT count(*), sum(income) FROM payments_history").fetchone() == before
    # the next run cleans the crashed run's files and proceeds normally
    rep = ingest_drop(_drop(tmp_path / "d2", income="999999"), wh)
    assert rep["registries"]["payments"]["superseded"] == 1
    runs_on_disk = {p.name for p in wh.data_dir("payments").glob("run=*")}
    assert runs_on_disk == {
        f"run={r['run_id']}"
        for r in wh.runs()
        if "payments" in r["counts"] and r["counts"]["payments"]["loaded"]
    }


def test_cli_writes_report(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    res = CliRunner().invoke(
        app,
        [
            "ingest",
            str(_drop(tmp_path / "d")),
            "--warehouse",
            str(tmp_path / "wh"),
            "--report",
            str(out),
            "--quiet",
        ],
    )
    assert res.exit_code == 0, res.output
    rep = json.loads(out.read_text())
    assert rep["registries"]["payments"]["quarantined"] == 1
    assert rep["registries"]["payments"]["reasons"] == {"negative_money": 1}


def test_cli_missing_drop_is_a_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "wh")])
    assert res.exit_code == 2
    assert "does not exist" in " ".join(res.output.split())
