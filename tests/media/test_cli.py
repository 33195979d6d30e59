"""``labormap media classify`` and ``process`` end to end on a tiny warehouse built by the real ingest."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from labormap.cli import app

runner = CliRunner()
ITEMS = [
    {
        "id": "n1",
        "published_at": "2025-03-10T08:00:00",
        "source": "Тест",
        "title": "Горняки не спустились в шахту",
        "text": "Около 600 горняков ТОО «Шахтинск Комир» отказались спускаться в шахту, требуя повысить зарплату.",
    },
    {
        "id": "n2",
        "published_at": "2025-03-10T09:00:00",
        "source": "Тест",
        "title": "Погода",
        "text": "В Караганде ожидается снег и гололёд.",
    },
    {
        "id": "n3",
        "published_at": "2025-03-10T10:00:00",
        "source": "Тест",
        "title": "",
        "text": "«Шахтинск Көмір» ЖШС кеншілері жалақыны екі есе көтеруді талап етіп, шахтаға түсуден бас тартты.",
    },
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_classify_output_schema_and_values(tmp_path: Path, warehouse, bins: dict[str, str]) -> None:
    inp = _write(tmp_path / "in.jsonl", [json.dumps(i, ensure_ascii=False) for i in ITEMS])
    out = tmp_path / "out.jsonl"
    res = runner.invoke(
        app, ["media", "classify", "--in", str(inp), "--warehouse", str(warehouse.root), "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["n1", "n2", "n3"]
    for r in rows:
        assert {
            "id",
            "lang",
            "labour",
            "kind",
            "causes",
            "employer_bins",
            "link_confidence",
            "participants",
            "amount_kzt",
            "story_id",
        } <= set(r)
        assert r["labour"] == (r["kind"] != "not_labour")
        assert isinstance(r["causes"], list)
    n1, n2, n3 = rows
    assert (n1["lang"], n1["kind"], n1["employer_bins"], n1["participants"]) == (
        "ru",
        "strike",
        [bins["Шахтинск Комир"]],
        600,
    )
    assert "wage_level" in n1["causes"] and n1["link_confidence"] >= 0.9
    assert (n2["labour"], n2["employer_bins"], n2["link_confidence"]) == (False, [], None)
    assert (n3["lang"], n3["kind"], n3["employer_bins"]) == ("kk", "strike", [bins["Шахтинск Комир"]])


def test_bad_lines_are_reported_not_lost(tmp_path: Path) -> None:
    inp = _write(
        tmp_path / "in.jsonl", [json.dumps(ITEMS[1], ensure_ascii=False), "{not json", '{"id": "x"}']
    )
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["media", "classify", "--in", str(inp), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    rejected = [
        json.loads(x) for x in (tmp_path / "out.rejected.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["line"] for r in rejected] == [2, 3]
    assert rejected[0]["original"] == "{not json"


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    inp = _write(tmp_path / "in.jsonl", [json.dumps(ITEMS[1], ensure_ascii=False)])
    res = runner.invoke(
        app,
        [
            "media",
            "classify",
            "--in",
            str(inp),
            "--warehouse",
            str(tmp_path / "nowhere"),
            "--out",
            str(tmp_path / "o.jsonl"),
        ],
    )
    assert res.exit_code != 0
    assert "no warehouse" in res.output


def test_process_ingested_media_items(tmp_path: Path, warehouse, bins: dict[str, str]) -> None:
    """The simulate → ingest → media process path: media_items in the warehouse become media_signals."""
    from labormap.ingest import ingest_drop

    drop = tmp_path / "drop2"
    drop.mkdir()
    rows = [dict(i, url=f"http://127.0.0.1/{i['id']}", lang=None, source_kind="news") for i in ITEMS]
    rows.append(
        {
            "id": "n4",
            "published_at": "2025-04-02T08:00:00",
            "source": "Тест2",
            "title": "",
            "text": ITEMS[0]["text"],
            "url": None,
        }
    )  # a reprint in another month and outlet
    _write(drop / "media_items.jsonl", [json.dumps(r, ensure_ascii=False) for r in rows])
    assert ingest_drop(drop, warehouse)["registries"]["media_items"]["loaded"] == 4
    res = runner.invoke(app, ["media", "process", "--warehouse", str(warehouse.root)])
    assert res.exit_code == 0, res.output
    con = warehouse.connect()
    got = con.execute(
        "select item_id, kind, employer_bin, causes, severity, typeof(published_at), "
        "typeof(severity), typeof(participants) from media_signals order by item_id"
    ).fetchall()
    assert [g[0] for g in got] == ["n1", "n2", "n3", "n4"]
    assert got[0][1:3] == ("strike", bins["Шахтинск Комир"])
    assert "wage_level" in got[0][3].split(";")
    assert got[1][1:3] == ("not_labour", None)
    assert got[0][5:] == ("TIMESTAMP", "INTEGER", "BIGINT")
    assert sorted(p.name for p in (warehouse.root / "derived" / "media_signals").iterdir()) == [
        "month=2025-03",
        "month=2025-04",
    ]
    # Processing again replaces the months: nothing is counted twice.
    assert runner.invoke(app, ["media", "process", "--warehouse", str(warehouse.root)]).exit_code == 0
    assert warehouse.connect().execute("select count(*) from media_signals").fetchone() == (4,)
    from labormap.media.signals import signals_view

    linked = warehouse.connect().execute(signals_view()).fetchall()
    assert {r[0] for r in linked} == {bins["Шахтинск Комир"]}


def test_help_on_every_command() -> None:
    for cmd in ("classify", "process", "run", "evaluate"):
        res = runner.invoke(app, ["media", cmd, "--help"])
        assert res.exit_code == 0 and "Usage" in res.output
