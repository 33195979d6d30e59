"""An adversarial drop: every bad row ends in quarantine with its reason, and the counts add up exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse
from tests.ingest.factories import EMP_HEADER, bins, employer_row, iins

B = bins(6)
W = iins(6)


def _write(path: Path, rows: list[list[str]], sep: str, encoding: str = "utf-8", bom: bool = False) -> None:
    text = "\r\n".join(sep.join(r) for r in rows) + "\r\n"
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Warehouse]:
    drop = tmp_path_factory.mktemp("drop")
    # employers: Windows-1251, ';'
    _write(
        drop / "employers.csv",
        [
            EMP_HEADER,
            employer_row(B[0], "ТОО «Мұнай Сервис»".replace("ұ", "у")),  # cp1251 has no Kazakh letters
            employer_row(B[1], "АО Бета"),
            employer_row(B[1], "АО Бета"),  # exact duplicate
            employer_row(B[2], '=HYPERLINK("http://x")'),  # spreadsheet formula
            employer_row("150440000000", "Неверный БИН"),  # bad check digit
            employer_row(B[3], "Нет региона", kato="991010000"),  # unknown region
            [B[4], "ТОО Гамма", "XYZ", "06100", "471010000", "active", "43.6", "51.2"],  # unknown legal form
        ],
        ";",
        encoding="cp1251",
    )
    # payments: UTF-8 with BOM, ',' separator, shuffled and extra columns, mixed date formats
    hdr = ["period", "worker_iin", "employer_bin", "income", "paid_on", "comment", "opv"]
    huge = '"' + "9" * 900_000 + '"'
    _write(
        drop / "payments.csv",
        [
            hdr,
            ["2025-01", W[0], B[0], "300000", "2025-02-20", "ok", "30000"],
            ["2025-01", W[1], B[0], '"250 000,50"', "20.02.2025", "", ""],  # quoted decimal comma
            ["2025-02", W[1], B[0], "250000", "20/03/2025", "", ""],
            ["2025-01", W[0], B[0], "300000", "2025-02-20", "ok", "30000"],  # exact duplicate
            ["2025-01", W[2], B[0], "-1", "2025-02-20", "", ""],  # negative money
            ["2025-13", W[3], B[0], "1000", "2025-02-20", "", ""],  # bad period
            ["2025-01", W[4], B[0], "1000", "2025-02-30", "", ""],  # impossible date
            ["2025-01", W[5], B[0], "1000", "1989-12-31", "", ""],  # date out of range
            ["2025-01", "850103301230", B[0], "1000", "2025-02-20", "", ""],  # bad IIN check digit
            ["2025-01", W[0], B[0], "1000", "2025-02-20", "x", "1", "shifted"],  # extra field
            ["2025-01", W[0], B[0], "1000"],  # missing fields
            ["2025-01", W[2], B[5], "1000", "2025-02-20", "", ""],  # orphan employer (loaded)
            ["2025-01", W[3], B[0], huge, "2025-02-20", "", ""],  # huge field
            ["2025-01", W[4], B[0], "", "2025-02-20", "", ""],  # missing required value
            ["2025-01", W[5], B[0], "abc", "2025-02-20", "", ""],  # wrong type
        ],
        ",",
        bom=True,
    )
    # contracts: a required column is missing, so none of its rows can be read
    _write(
        drop / "contracts.csv",
        [
            ["employer_bin", "worker_iin", "start_on", "work_rate", "registered_on"],
            [B[0], W[0], "2024-01-10", "1", "2024-01-12"],
            [B[0], W[1], "2024-01-10", "1", "2024-01-12"],
        ],
        ",",
    )
    # conflicts: end before start, unknown cause, a valid one with mixed separators
    _write(
        drop / "conflicts.csv",
        [
            ["conflict_id", "employer_bin", "started_on", "ended_on", "kind", "causes", "participants"],
            ["C1", B[0], "2025-03-01", "2025-02-01", "strike", "wage_level", "50"],
            ["C2", B[0], "2025-03-01", "", "strike", "wage_level|alien", "50"],
            ["C3", B[0], "2025-03-01", "2025-03-05", "Strike", "wage_level; layoffs", "50"],
        ],
        ",",
    )
    (drop / "surveys.csv").write_bytes(b"")  # empty file
    (drop / "notes.txt").write_text("not a registry")
    wh = Warehouse(drop.parent / "wh")
    return ingest_drop(drop, wh), wh


def test_counts_add_up_for_every_registry(result: tuple[dict[str, Any], Warehouse]) -> None:
    report, _ = result
    for name, r in report["registries"].items():
        assert r["rows_in"] == r["loaded"] + r["quarantined"] + r["duplicates"], name


def test_employers_exact_counts_and_reasons(result: tuple[dict[str, Any], Warehouse]) -> None:
    r = result[0]["registries"]["employers"]
    assert (r["rows_in"], r["loaded"], r["quarantined"], r["duplicates"]) == (7, 2, 4, 1)
    assert r["reasons"] == {"bad_check_digit": 1, "formula": 1, "unknown_code": 2}
    assert r["files"][0]["encoding"] == "cp1251" and r["files"][0]["delimiter"] == ";"


def test_payments_exact_counts_and_reasons(result: tuple[dict[str, Any], Warehouse]) -> None:
    r = result[0]["registries"]["payments"]
    assert (r["rows_in"], r["loaded"], r["quarantined"], r["duplicates"], r["orphans"]) == (15, 4, 10, 1, 1)
    assert r["reasons"] == {
        "negative_money": 1,
        "wrong_type": 3,  # bad period, impossible date, letters as income
        "date_out_of_range": 1,
        "bad_check_digit": 1,
        "field_count": 2,
        "field_too_large": 1,
        "missing_value": 1,
    }
    f = r["files"][0]
    assert f["encoding"] == "utf-8-sig" and f["extra_columns"] == ["comment"]


def test_mixed_formats_parse_to_the_same_types(result: tuple[dict[str, Any], Warehouse]) -> None:
    _, wh = result
    rows = (
        wh.connect()
        .execute("SELECT period, income, paid_on FROM payments ORDER BY period, income")
        .fetchall()
    )
    assert [(p, i, d.isoformat()) for p, i, d in rows] == [
        ("2025-01", 1000.0, "2025-02-20"),
        ("2025-01", 250000.5, "2025-02-20"),
        ("2025-01", 300000.0, "2025-02-20"),
        ("2025-02", 250000.0, "2025-03-20"),
    ]


def test_missing_column_quarantines_every_row(result: tuple[dict[str, Any], Warehouse]) -> None:
    r = result[0]["registries"]["contracts"]
    assert (r["rows_in"], r["loaded"], r["quarantined"]) == (2, 0, 2)
    assert r["reasons"] == {"missing_column": 2}
    assert r["files"][0]["missing_columns"] == ["salary"]


def test_row_checks_and_codes(result: tuple[dict[str, Any], Warehouse]) -> None:
    r = result[0]["registries"]["conflicts"]
    assert (r["rows_in"], r["loaded"], r["quarantined"]) == (3, 1, 2)
    assert r["reasons"] == {"end_before_start": 1, "unknown_code": 1}
    row = result[1].connect().execute("SELECT kind, causes FROM conflicts").fetchone()
    assert row == ("strike", "wage_level;layoffs")


def test_empty_file_and_unknown_file_are_reported(result: tuple[dict[str, Any], Warehouse]) -> None:
    report = result[0]
    assert report["registries"]["surveys"]["rows_in"] == 0
    assert report["registries"]["surveys"]["files"][0]["note"] == "empty file"
    assert any(p.endswith("notes.txt") for p in report["unknown_files"])


def test_quarantine_keeps_file_line_and_reasons(result: tuple[dict[str, Any], Warehouse]) -> None:
    con = result[1].connect()
    rows = con.execute(
        "SELECT line, reasons, original FROM quarantine WHERE registry = 'payments' ORDER BY line"
    ).fetchall()
    by_line = {line: (reasons, original) for line, reasons, original in rows}
    assert by_line[6][0] == ["negative_money:income"]
    assert by_line[7][0] == ["wrong_type:period"]
    assert by_line[11][0] == ["field_count"]
    original = json.loads(by_line[6][1])
    assert original["income"] == "-1"
    assert original["worker_iin"].startswith("w") and W[2] not in by_line[6][1]


def test_no_raw_iin_anywhere_in_the_warehouse(result: tuple[dict[str, Any], Warehouse]) -> None:
    _, wh = result
    con = wh.connect()
    for f in wh.root.rglob("*"):
        if f.is_file() and f.suffix == ".parquet":
            text = str(con.execute(f"SELECT * FROM read_parquet('{f}')").fetchall())
        elif f.is_file() and f.suffix in (".json", ".jsonl"):
            text = f.read_text(encoding="utf-8")
        else:
            continue
        for iin in [*W, "850103301230"]:
            assert iin not in text, f"raw IIN in {f}"
