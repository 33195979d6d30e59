"""The semi-annual note: DOCX and XLSX in ru, kk and en, scoped; the coverage and completeness commands;
every code shown has a label in every language."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from labormap import i18n
from labormap.agreements.common import Half, connect
from labormap.agreements.note import CODE_DOMAINS, build_note, note_data
from labormap.cli import app
from labormap.reports.scope import ReportScope
from tests.agreements import world


def _docx_text(path: Path) -> str:
    return zipfile.ZipFile(path).read("word/document.xml").decode()


def _xlsx_text(path: Path | io.BytesIO) -> str:
    wb = load_workbook(path)
    return " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_note_cli_all_languages(agreements_wh: Path, tmp_path: Path, lang: str) -> None:
    runner = CliRunner()
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"note-{lang}.{fmt}"
        r = runner.invoke(
            app,
            [
                "agreements",
                "note",
                "--warehouse",
                str(agreements_wh),
                "--half",
                "2025-H2",
                "--lang",
                lang,
                "--out",
                str(out),
            ],
        )
        assert r.exit_code == 0, r.output
        text = _docx_text(out) if fmt == "docx" else _xlsx_text(out)
        for n in (1, 2, 3, 4, 6):
            assert world.make_bin(n) in text  # every violator is listed
        assert world.make_bin(5) not in text
        assert i18n.label("agreement_finding", "below_ca_tariff", lang) in text
        assert "SA-F" in text  # completeness
    title = {"ru": "Полугодовая справка", "kk": "жартыжылдық анықтама", "en": "Semi-annual note"}[lang]
    assert title in _docx_text(tmp_path / f"note-{lang}.docx")


def test_note_scoped_to_a_region(agreements_wh: Path) -> None:
    con = connect(agreements_wh)
    data = note_data(con, Half.parse("2025-H2"), ReportScope.for_regions(["47"]))
    rep = build_note(data, "ru")
    figures = rep.figures()
    assert figures["violators"] == 2 and figures["employers_checked"] == 3  # E4, E5, E6
    violators = next(t for t in rep.tables() if t.sheet == i18n.gettext("Violators", "ru"))
    assert {r[0] for r in violators.rows} == {world.make_bin(4), world.make_bin(6)}


def test_note_figures_national(agreements_wh: Path) -> None:
    rep = build_note(note_data(connect(agreements_wh), Half.parse("2025-H2"), ReportScope()), "en")
    f = rep.figures()
    assert f["violators"] == 5
    assert f["shortfall_kzt_month"] == sum(x["shortfall_kzt_month"] for x in world.EXPECTED["findings"])
    assert f["sections_uncovered"] == 1  # trade (G)
    assert f["agreements_with_gaps"] == 1  # SA-F


def test_coverage_and_completeness_cli(agreements_wh: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        app,
        [
            "agreements",
            "coverage",
            "--warehouse",
            str(agreements_wh),
            "--half",
            "2025-H2",
            "--json",
            str(tmp_path / "c.json"),
        ],
    )
    assert r.exit_code == 0, r.output
    cov = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    g = next(s for s in cov["sectors"] if s["level"] == "section" and s["code"] == "G")
    assert not g["covered"] and g["employers_uncovered"] == 2
    r = runner.invoke(
        app,
        [
            "agreements",
            "completeness",
            "--warehouse",
            str(agreements_wh),
            "--half",
            "2025-H2",
            "--json",
            str(tmp_path / "k.json"),
        ],
    )
    assert r.exit_code == 0, r.output
    k = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    assert {a["agreement_id"]: a["gaps"] for a in k["agreements"]} == {
        "SA-C": [],
        "SA-C24": [],
        "SA-F": ["inter_grade", "hazard_bonus", "indexation"],
    }
    r = runner.invoke(
        app,
        [
            "agreements",
            "coverage",
            "--warehouse",
            str(agreements_wh),
            "--half",
            "2025-H2",
            "--on",
            "31.12.2025",
            "--json",
            str(tmp_path / "c.json"),
        ],
    )
    assert r.exit_code != 0 and "error:" in r.output


def test_every_code_has_labels() -> None:
    for domain, codes in {**CODE_DOMAINS, "agreement_level": ("general", "sectoral", "regional")}.items():
        assert i18n.missing(domain, codes) == [], domain
