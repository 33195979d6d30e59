"""The one layout of the derived datasets: dates, files and meta of snapshots, and the scope views."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from labormap.scope import EmployerColumns, Grant, Scope
from labormap.warehouse import Warehouse, datasets


def test_snapshots_round_trip_and_stray_folders_are_ignored(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    for d in (dt.date(2025, 10, 7), dt.date(2025, 9, 30)):
        with datasets.publish_snapshot(wh, datasets.SCORES, d) as folder:
            pq.write_table(pa.table({"employer_bin": ["1"]}), folder / datasets.scores_path(wh, d).name)
            (folder / "meta.json").write_text(json.dumps({"as_of": d.isoformat()}), encoding="utf-8")
    (wh.derived_dir(datasets.SCORES) / "as_of=garbage").mkdir()
    (wh.derived_dir(datasets.SCORES) / "as_of=2025-11-01").mkdir()  # no parquet: not a snapshot
    dates = datasets.snapshot_dates(wh)
    assert dates == [dt.date(2025, 9, 30), dt.date(2025, 10, 7)]
    assert datasets.snapshot_files(wh, dates[0]) == [str(datasets.scores_path(wh, dates[0]))]
    assert datasets.snapshot_meta(wh, dates[1]) == {"as_of": "2025-10-07"}
    assert datasets.latest_on_or_before(dates, dt.date(2025, 10, 1)) == dt.date(2025, 9, 30)
    assert datasets.previous_before(dates, dt.date(2025, 10, 7)) == dt.date(2025, 9, 30)
    assert datasets.snapshot_dates(wh, datasets.FEATURES) == []


def test_scope_views_over_the_registries(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    d = wh.data_dir("employers") / "run=r1"
    d.mkdir(parents=True)
    pq.write_table(
        pa.table(
            {
                "bin": ["1", "2", "3"],
                "kato": ["471010000", "471010000", "231010000"],
                "oked": ["06100", "41200", "06100"],
                "holding": [None, "H", None],
            }
        ),
        d / "part-0.parquet",
    )
    wh.commit_run({"run_id": "r1", "registries": ["employers"]})
    con = wh.connect()
    datasets.create_scope_views(con)  # no contractor_links registry: an empty view stands in
    rows = con.execute("SELECT bin, region, sector, holding FROM employer_scope ORDER BY bin").fetchall()
    assert rows == [("1", "47", "B", ""), ("2", "47", "F", "H"), ("3", "23", "B", "")]
    f = Scope.of(Grant.of(regions="47", sectors="B")).sql_filter(
        "e", EmployerColumns(contractors_table="scope_contractor_links")
    )
    got = con.execute(f"SELECT e.bin FROM employer_scope e WHERE {f.sql}", f.params).fetchall()
    assert got == [("1",)]


def test_scoped_bins_is_the_engine_side_filter(tmp_path: Path) -> None:
    wh = Warehouse(tmp_path)
    d = wh.data_dir("employers") / "run=r1"
    d.mkdir(parents=True)
    pq.write_table(
        pa.table(
            {
                "bin": ["1", "2"],
                "kato": ["471010000", "231010000"],
                "oked": ["06100", "06100"],
                "holding": [None, None],
            }
        ),
        d / "part-0.parquet",
    )
    wh.commit_run({"run_id": "r1", "registries": ["employers"]})
    con = wh.connect()
    assert datasets.scoped_bins(con, Scope.everything()) is None
    assert datasets.scoped_bins(con, Scope.of(Grant.of(regions="47"))) == {"1"}
    assert datasets.scoped_bins(con, Scope.nothing()) == frozenset()
