"""``labormap media run``: sources → media_items drop → ingest → media_signals, offline."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from labormap.cli import app
from labormap.media.run import run_sources

DATA = Path(__file__).parent / "data"
NOW = datetime(2025, 8, 1, 12, 0)


def _config(tmp_path: Path, extra: str = "") -> Path:
    for f in DATA.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    cfg = tmp_path / "sources.yaml"
    if extra:
        cfg.write_text(cfg.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return cfg


def test_run_collects_ingests_and_publishes(tmp_path: Path, warehouse, bins: dict[str, str]) -> None:
    cfg = _config(tmp_path, "  - {name: broken, kind: jsonl, path: no-such-file.jsonl}\n")
    rep = run_sources(cfg, warehouse, now=NOW, echo=lambda s: None)
    assert (
        rep["sources"]["broken"]["status"] == "error" and "no-such-file" in rep["sources"]["broken"]["error"]
    )
    assert rep["collected"] == 11
    assert rep["ingest"]["loaded"] == 11 and rep["ingest"]["quarantined"] == 0
    con = warehouse.connect()
    assert con.execute("select count(*) from media_items").fetchone() == (11,)
    kinds = dict(con.execute("select item_id, kind from media_signals").fetchall())
    assert kinds["test_rss:rss-1"] == "strike"
    assert kinds["test_rss:rss-2"] == "not_labour"
    assert kinds["test_atom:urn:test:atom:1"] == "strike_threat"
    assert kinds["test_page:article.html"] == "appeal"
    assert kinds["test_tg:101"] == "strike"
    assert kinds["test_jsonl:j1"] == "conditions"
    linked = dict(
        con.execute(
            "select item_id, employer_bin from media_signals where employer_bin is not null"
        ).fetchall()
    )
    assert linked["test_rss:rss-3"] == bins["Павлодарский вагоноремонтный завод"]
    assert linked["test_tg:101"] == bins["Батыс Бургы Сервис"]

    # Within the poll interval nothing is due; the broken source is retried since it never succeeded.
    again = run_sources(cfg, warehouse, now=NOW + timedelta(minutes=10), echo=lambda s: None)
    assert again["collected"] == 0
    assert again["sources"]["test_rss"] == {"status": "not_due"}
    assert again["sources"]["broken"]["status"] == "error"

    # Forced, every source is read again and the ingest recognises every row as a duplicate.
    forced = run_sources(cfg, warehouse, now=NOW + timedelta(minutes=20), force=True, echo=lambda s: None)
    assert forced["collected"] == 11
    assert (forced["ingest"]["loaded"], forced["ingest"]["duplicates"]) == (0, 11)
    assert warehouse.connect().execute("select count(*) from media_signals").fetchone() == (11,)


def test_run_command(tmp_path: Path, warehouse) -> None:
    cfg = _config(tmp_path)
    res = CliRunner().invoke(app, ["media", "run", "--config", str(cfg), "--warehouse", str(warehouse.root)])
    assert res.exit_code == 0, res.output
    assert '"collected": 11' in res.output
    assert (warehouse.root / "media_state.json").exists()
