"""Item 13: each hostile file is rejected with its reason in the report; the other registries load;
only regular files inside the drop are read (no FIFO hang, no symlink followed out of the drop)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse
from tests.security.rows import write_registry


def _xlsx_with_undefined_entity(path: Path) -> None:
    buf = io.BytesIO()
    wb = Workbook()
    wb.active.append(["case_id", "employer_bin"])
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<sheetData>",
                    b"<sheetData><row r='9'><c t='inlineStr'><is><t>&undefined;</t></is></c></row>",
                )
                data = data.replace(
                    b"<sheetData/>",
                    b"<sheetData><row r='9'><c t='inlineStr'><is><t>&undefined;</t></is></c></row></sheetData>",
                )
            out.writestr(item, data)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("hostile")
    drop = base / "drop"
    drop.mkdir()
    outside = base / "secret.csv"
    outside.write_text("bin,name\n150440000003,СЕКРЕТ\n", encoding="utf-8")
    write_registry(drop, "employers")  # the good registry that must still load
    write_registry(drop, "payments")
    # JSON Lines nested 200,000 levels deep
    (drop / "conflicts.jsonl").write_text("[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    # a 5,000-digit integer
    (drop / "surveys.jsonl").write_text('{"sheet_id": ' + "9" * 5000 + "}\n", encoding="utf-8")
    # not the zip it claims to be
    (drop / "arrears.xlsx").write_bytes(b"this is not a zip file at all")
    # an XLSX with an undefined entity
    _xlsx_with_undefined_entity(drop / "enforcement.xlsx")
    # a truncated Parquet file
    buf = io.BytesIO()
    pq.write_table(pa.table({"contract_id": [str(i) for i in range(1000)]}), buf)
    (drop / "contractor_links.parquet").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    # a FIFO named like a registry: reading it would block forever
    os.mkfifo(drop / "contracts.csv")
    # symlinks out of the drop: to a file, and a registry folder linking elsewhere
    (drop / "police_cases.csv").symlink_to("/etc/passwd")
    (drop / "media_items").mkdir()
    (drop / "media_items" / "part-1.csv").symlink_to(outside)
    (drop / "collective_agreements").symlink_to(base, target_is_directory=True)
    report = ingest_drop(drop, Warehouse(base / "wh"))
    return report


EXPECTED = {
    "conflicts.jsonl": "nested_too_deep",
    "surveys.jsonl": "number_too_long",
    "arrears.xlsx": "unreadable_xlsx",
    "enforcement.xlsx": "unreadable_xlsx",
    "contractor_links.parquet": "unreadable_parquet",
    "contracts.csv": "not_regular_file:fifo",
    "police_cases.csv": "symlink",
    "part-1.csv": "symlink",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rejected_with_reason(run: dict[str, Any], name: str) -> None:
    rejected = {Path(r["path"]).name: r["reason"] for r in run["rejected_files"]}
    assert name in rejected, rejected
    assert rejected[name].startswith(EXPECTED[name])


def test_symlinked_folder_not_followed(run: dict[str, Any]) -> None:
    rejected = {Path(r["path"]).name: r["reason"] for r in run["rejected_files"]}
    assert rejected["collective_agreements"] == "symlink"
    assert "collective_agreements" not in run["registries"]


def test_good_registries_still_load(run: dict[str, Any]) -> None:
    assert run["registries"]["employers"]["loaded"] == 1
    assert run["registries"]["payments"]["loaded"] == 1
    assert run["run_id"] is not None


def test_nothing_outside_the_drop_was_read(run: dict[str, Any]) -> None:
    text = repr(run)
    assert "root:" not in text and "СЕКРЕТ" not in text
    for name in ("police_cases", "media_items", "contracts"):
        assert run["registries"].get(name, {}).get("rows_in", 0) == 0
