"""The same rows arrive as XLSX, JSON Lines, Parquet or a folder of Parquet parts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse
from tests.ingest.factories import EMP_HEADER, bins, iins


def test_xlsx_with_typed_cells_and_trailing_formatting(tmp_path: Path) -> None:
    b = bins(3)
    wb2 = Workbook()
    ws2 = wb2.active
    assert ws2 is not None
    ws2.append([*EMP_HEADER, "registered_on"])
    ws2.append(
        [int(b[0]), "ТОО Альфа", "ТОО", 6100, 471010000, "active", 43.6, 51.2, dt.datetime(2015, 4, 1)]
    )
    ws2.append(
        [b[1], "ТОО Бета", "TOO", "06100", "471010000", "active", None, None, "01.04.2015", None, None]
    )
    ws2.append([b[2], "ТОО Гамма", "TOO", "06100", "471010000", "active", 1, 2, "2015-04-01", "extra"])
    drop = tmp_path / "drop"
    drop.mkdir()
    wb2.save(drop / "employers.xlsx")
    rep = ingest_drop(drop, Warehouse(tmp_path / "wh"))["registries"]["employers"]
    assert (rep["rows_in"], rep["loaded"], rep["quarantined"]) == (3, 2, 1)
    assert rep["reasons"] == {"field_count": 1}
    rows = (
        Warehouse(tmp_path / "wh")
        .connect()
        .execute("SELECT bin, oked, kato, registered_on FROM employers ORDER BY bin")
        .fetchall()
    )
    # numeric cells keep their meaning: ОКЭД 6100 is 06100 again, dates are dates
    assert rows[0][1:] == ("06100", "471010000", dt.date(2015, 4, 1))


def test_jsonl_with_bad_lines(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    lines = [
        json.dumps(
            {
                "id": "a1",
                "published_at": "2025-03-01T10:00:00+05:00",
                "source": "tengrinews.kz",
                "title": "Забастовка",
                "text": "Рабочие остановили работу",
                "extra": 1,
            },
            ensure_ascii=False,
        ),
        "{not json",
        "[1, 2]",
        "",
        json.dumps(
            {"id": "a2", "published_at": "2025-03-01 11:00", "source": "t.me/x", "text": "Жалақы берілмеді"},
            ensure_ascii=False,
        ),
        json.dumps({"id": "a3", "published_at": "yesterday", "source": "x", "text": "t"}),
    ]
    (drop / "media_items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rep = ingest_drop(drop, Warehouse(tmp_path / "wh"))["registries"]["media_items"]
    assert (rep["rows_in"], rep["loaded"], rep["quarantined"]) == (5, 2, 3)
    assert rep["reasons"] == {"bad_json": 2, "wrong_type": 1}
    assert rep["files"][0]["extra_columns"] == ["extra"]
    ts = (
        Warehouse(tmp_path / "wh")
        .connect()
        .execute("SELECT published_at FROM media_items WHERE id='a1'")
        .fetchone()
    )
    assert ts == (dt.datetime(2025, 3, 1, 5, 0),), "times are stored in UTC"


def test_parquet_parts_folder_typed_columns(tmp_path: Path) -> None:
    b, w = bins(2), iins(40)
    drop = tmp_path / "drop"
    (drop / "payments").mkdir(parents=True)
    for part in range(2):
        n = 20
        table = pa.table(
            {
                "employer_bin": [b[part]] * n,
                "worker_iin": w[part * n : (part + 1) * n],
                "period": ["2025-01"] * n,
                "income": pa.array([100_000.0 + i for i in range(n)]),
                "paid_on": pa.array([dt.date(2025, 2, 20)] * (n - 1) + [dt.date(1980, 1, 1)]),
            }
        )
        pq.write_table(table, drop / "payments" / f"part-{part:04d}.parquet")
    wh = Warehouse(tmp_path / "wh")
    rep = ingest_drop(drop, wh)["registries"]["payments"]
    assert (rep["rows_in"], rep["loaded"], rep["quarantined"], rep["orphans"]) == (40, 38, 2, 38)
    assert rep["reasons"] == {"date_out_of_range": 2}
    q = wh.connect().execute("SELECT line FROM quarantine ORDER BY file").fetchall()
    assert q == [(20,), (20,)], "Parquet rows are numbered from 1 within their file"
    # large registries are partitioned by month
    assert list((wh.data_dir("payments")).glob("run=*/month=2025-01/*.parquet"))
