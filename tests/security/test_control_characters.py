"""Item 12: a NUL (or other control character) in a value is refused at ingest, so publishing to
PostgreSQL never meets it; tabs and line breaks in free text stay."""

from __future__ import annotations

from pathlib import Path

import duckdb

from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse
from tests.security.rows import write_registry


def _values(root: Path, registry: str, column: str) -> list[str]:
    files = [str(p) for p in (root / "data" / registry).rglob("*.parquet") if "_superseded" not in str(p)]
    if not files:
        return []
    rows = duckdb.connect().execute(f'SELECT "{column}" FROM read_parquet({files!r})').fetchall()
    return [r[0] for r in rows]


def test_nul_in_name_is_quarantined(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_registry(drop, "employers", {"name": "ТОО Ноль\x00Байт"})
    write_registry(drop, "media_items", {"title": "Звонок\x07", "text": "строка 1\nстрока 2\tтаб"})
    rep = ingest_drop(drop, Warehouse(tmp_path / "wh"))
    emp = rep["registries"]["employers"]
    assert emp["loaded"] == 0 and emp["quarantined"] == 1
    assert emp["reasons"] == {"control_character": 1}
    media = rep["registries"]["media_items"]
    assert media["reasons"].get("control_character") == 1
    quarantine = [str(p) for p in (tmp_path / "wh" / "quarantine").rglob("*.parquet")]
    originals = duckdb.connect().execute(f"SELECT original FROM read_parquet({quarantine!r})").fetchall()
    assert all("\x00" not in o for (o,) in originals)  # the quarantine copy is storable too


def test_line_breaks_in_free_text_stay(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_registry(drop, "employers")
    write_registry(drop, "media_items", {"text": "строка 1\nстрока 2\tтаб"})
    rep = ingest_drop(drop, Warehouse(tmp_path / "wh"))
    assert rep["registries"]["media_items"]["loaded"] == 1
    assert _values(tmp_path / "wh", "media_items", "text") == ["строка 1\nстрока 2\tтаб"]
