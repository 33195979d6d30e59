"""The ten-year retrospective: counts that add up to the registry, an event study over every
indicator, and the note in three languages with no raw code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from labormap.analytics.note import build_note
from labormap.analytics.retrospective import INDICATORS, retrospective
from labormap.cli import app
from labormap.reports.render_docx import cell_text
from labormap.warehouse import Warehouse

pytestmark = [pytest.mark.xdist_group("sim_world")]


@pytest.fixture(scope="module")
def data(sim_wh: Warehouse) -> dict[str, Any]:
    return retrospective(sim_wh, years=7)


def test_counts_add_up_to_the_registry(sim_wh: Warehouse, data: dict[str, Any]) -> None:
    start, end = (dt.date.fromisoformat(x) for x in data["period"])
    con = sim_wh.connect()
    n = con.execute(
        "SELECT count(*) FROM conflicts WHERE started_on BETWEEN ? AND ?", [start, end]
    ).fetchone()
    con.close()
    st = data["structure"]
    assert n is not None and st["total"]["conflicts"] == n[0] > 0
    assert sum(y["conflicts"] for y in st["years"]) == n[0]
    for key in ("by_kind", "by_region", "by_sector"):
        assert sum(r["conflicts"] for r in st[key]) == n[0], key
    # a conflict may have several causes: at least one row per conflict with causes
    assert sum(r["conflicts"] for r in st["by_cause"]) >= n[0]
    assert sum(o["conflicts"] for o in st["outcomes"]) == n[0]


def test_event_study_covers_every_indicator(data: dict[str, Any]) -> None:
    es = data["event_study"]
    assert es["cases"] > 0 and 0 < es["cases_matched"] <= es["cases"]
    assert es["cases_matched_exactly"] <= es["cases_matched"]
    assert {x["indicator"] for x in es["leads"]} == set(INDICATORS)
    for x in es["leads"]:
        assert 0 <= x["lead_months"] <= 12
        assert x["direction"] in (-1, 0, 1) and (x["direction"] == 0) == (x["lead_months"] == 0)
    # leads are sorted longest first
    assert [x["lead_months"] for x in es["leads"]] == sorted(
        (x["lead_months"] for x in es["leads"]), reverse=True
    )


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_note_in_each_language(data: dict[str, Any], lang: str) -> None:
    report = build_note(data, lang)  # strict mode: a code without a label raises
    text = " ".join(
        cell_text(c, col, lang)
        for t in report.tables()
        for row in t.rows
        for c, col in zip(row, t.columns, strict=False)
    )
    for code in ("wage_arrears", "staff_change_12m", "late_share", "hunger_strike", "None"):
        assert code not in text, (lang, code)
    if lang == "kk":
        assert "Қақтығыстар" in report.title + text or "қақтығыс" in report.title


def test_cli_docx_html_and_json(sim_wh: Warehouse, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app,
        [
            "analytics",
            "retrospective",
            "--warehouse",
            str(sim_wh.root),
            "--years",
            "7",
            "--out",
            str(tmp_path / "n.docx"),
            "--json",
            str(tmp_path / "n.json"),
            "--lang",
            "kk",
        ],
    )
    assert res.exit_code == 0, res.output
    doc = Document(str(tmp_path / "n.docx"))
    assert "Талдамалық анықтама" in doc.paragraphs[0].text
    assert json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))["years"] == 7
    res = runner.invoke(
        app,
        ["analytics", "retrospective", "--warehouse", str(sim_wh.root), "--out", str(tmp_path / "n.html")],
    )
    assert res.exit_code == 0, res.output
    page = (tmp_path / "n.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "data:image/png;base64," in page and "http" not in page
    bad = runner.invoke(
        app, ["analytics", "retrospective", "--warehouse", str(sim_wh.root), "--out", "x.pdf"]
    )
    assert bad.exit_code != 0 and ".docx or .html" in bad.output


def test_period_is_the_one_the_registry_covers(data: dict[str, Any], sim_wh: Warehouse) -> None:
    wide = retrospective(sim_wh, years=30)
    con = sim_wh.connect()
    first = con.execute("SELECT min(started_on) FROM conflicts").fetchone()
    con.close()
    assert first is not None
    assert wide["period"][0] == f"{first[0].year}-01-01"
