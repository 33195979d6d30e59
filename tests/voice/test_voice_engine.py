"""Voice engine: the anonymity rule in the index and the CLI, waves, drop ingest, appeals routing, poster."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from labormap.cli import app
from labormap.voice import index as vi
from labormap.voice.appeals import Triage, read_export, route
from labormap.voice.drop import ingest_sheets
from labormap.voice.poster import poster_pdf, qr_matrix
from labormap.voice.questionnaire import WaveError, current, parse_wave, previous_wave, wave_of
from tests.features.tiny import bin_of
from tests.voice import handmade as hm


@pytest.fixture
def wh(tmp_path: Path):
    return hm.build(tmp_path / "wh")


def test_questionnaire_and_waves() -> None:
    q = current()
    assert len(q.codes) == 8 and "q_protest" not in q.index_codes
    assert all(x.text["ru"] and x.text["kk"] for x in q.questions)
    assert wave_of(dt.date(2026, 6, 30)) == "2026-H1" and wave_of(dt.date(2026, 7, 1)) == "2026-H2"
    assert previous_wave("2026-H1") == "2025-H2" and parse_wave("2026-H2") == (2026, 2)
    for bad in ("2026-H3", "2026H1", "26-H1", ""):
        with pytest.raises(WaveError):
            parse_wave(bad)


def test_nine_respondents_hidden_ten_shown(wh) -> None:
    rows = {g.key: g for g in vi.index_by(wh.connect(), "employer", hm.WAVE)}
    nine, ten = rows[bin_of(1)], rows[bin_of(2)]
    assert nine.respondents == 9 and nine.index is None and nine.protest is None and not nine.enough
    assert ten.respondents == 10 and ten.index == 75.0 and ten.previous == 50.0 and ten.change == 25.0
    # region 47 × sector B holds 19 sheets, but 9 of them are employer 1's: the cell's figure minus
    # employer 2's would give employer 1's away, so the cell (and the region) are withheld too
    cell = {g.key: g for g in vi.index_by(wh.connect(), "cell", hm.WAVE)}
    assert cell["47:B"].respondents == 19 and cell["47:B"].index is None and not cell["47:B"].enough
    assert vi.index_by(wh.connect(), "region", hm.WAVE)[0].index is None
    # the wave before: employer 2 alone (10 sheets) — region shown
    t = vi.trend(wh.connect(), "employer", bin_of(2))
    assert [(g.wave, g.index) for g in t] == [(hm.PREV, 50.0), (hm.WAVE, 75.0)]
    assert vi.trend(wh.connect(), "employer", bin_of(1))[0].index is None


def test_cli_index_lists_only_ten_or_more(wh, tmp_path: Path) -> None:
    out = tmp_path / "idx.json"
    r = CliRunner().invoke(
        app, ["surveys", "index", "--warehouse", str(wh.root), "--wave", hm.WAVE, "--json", str(out)]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    assert data == {
        "wave": hm.WAVE,
        "employers": [{"employer_bin": bin_of(2), "respondents": 10, "index": 75.0}],
    }
    bad = CliRunner().invoke(
        app, ["surveys", "index", "--warehouse", str(wh.root), "--wave", "2026-H3", "--json", str(out)]
    )
    assert bad.exit_code != 0 and "YYYY-H1" in bad.output and "Traceback" not in bad.output
    nowh = CliRunner().invoke(
        app, ["surveys", "index", "--warehouse", str(tmp_path / "x"), "--wave", hm.WAVE, "--json", str(out)]
    )
    assert nowh.exit_code != 0


def test_tenth_answer_through_the_drop_shows_the_employer(wh) -> None:
    rep = ingest_sheets(wh, [hm.sheet(1, "A-web-9", hm.WAVE, 2)])
    assert rep["registries"]["surveys"]["loaded"] == 1
    rows = {g.key: g for g in vi.index_by(wh.connect(), "employer", hm.WAVE)}
    assert rows[bin_of(1)].respondents == 10 and rows[bin_of(1)].index == 25.0
    # no employer of region 47 is under the minimum now: the region shows, with its change
    (reg,) = vi.index_by(wh.connect(), "region", hm.WAVE)
    assert (reg.respondents, reg.index, reg.previous, reg.change) == (20, 50.0, 50.0, 0.0)


def test_appeals_routed_with_deadline(tmp_path: Path) -> None:
    body, due, urgent = route("wage_arrears", dt.date(2026, 11, 25))
    assert body == "labour_inspection" and not urgent
    assert due == dt.date(2026, 12, 17)  # 15 working days: 16 Dec (Independence Day) is a day off
    assert route("strike_threat", dt.date(2026, 11, 25))[0] == "mio"
    assert route("layoffs", dt.date(2026, 11, 25))[0] == "mio"
    raw = read_export(
        "calls.jsonl",
        "\n".join(
            json.dumps(x, ensure_ascii=False)
            for x in [
                {
                    "id": "c1",
                    "date": "2026-11-20",
                    "text": "На заводе третий месяц не платят зарплату",
                    "phone": "+77011234567",
                },
                {
                    "id": "c2",
                    "date": "2026-11-21",
                    "text": "Рабочие грозят забастовкой если не поднимут зарплату",
                },
                {"id": "c3", "date": "2026-11-21", "text": ""},
            ]
        ).encode(),
        "messenger",
    )
    assert [a.external_id for a in raw] == ["c1", "c2"]  # rows without text skipped; phone never read
    t = Triage()
    a1, a2 = (t.triage(a) for a in raw)
    assert (a1.kind, a1.body) == ("wage_arrears", "labour_inspection") and a1.due_on is not None
    assert (a2.kind, a2.body, a2.urgent) == ("strike_threat", "mio", True)
    assert "phone" not in json.dumps(a1.as_dict())
    csv_raw = read_export(
        "calls.csv", "id;дата;текст\n7;21.11.2026;Нас сокращают, уволят 50 работников\n".encode()
    )
    assert csv_raw[0].received_on == dt.date(2026, 11, 21)
    assert t.triage(csv_raw[0]).body == "mio"
    # the CLI
    src = tmp_path / "calls.jsonl"
    src.write_text(
        json.dumps({"id": "c1", "text": "Не платят зарплату на заводе"}, ensure_ascii=False), encoding="utf-8"
    )
    out = tmp_path / "t.json"
    r = CliRunner().invoke(app, ["appeals", "import", "--in", str(src), "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["appeals"][0]["body"] == "labour_inspection"
    bad = CliRunner().invoke(
        app, ["appeals", "import", "--in", str(tmp_path / "none.csv"), "--json", str(out)]
    )
    assert bad.exit_code != 0


def test_poster_pdf(tmp_path: Path) -> None:
    pdf = poster_pdf("https://labormap.example/voice/p/ABC/", "ТОО Тест", "2026-H2")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    assert qr_matrix("https://labormap.example/voice/p/ABC/").shape[0] >= 29
    out = tmp_path / "p.pdf"
    r = CliRunner().invoke(
        app,
        [
            "surveys",
            "poster",
            "--url",
            "https://x.example/v/1/",
            "--employer-name",
            "ТОО",
            "--wave",
            "2026-H2",
            "--out",
            str(out),
        ],
    )
    assert r.exit_code == 0 and out.read_bytes().startswith(b"%PDF")


def test_semiannual_note_survey_section(wh) -> None:
    from labormap.reports.semiannual import build_semiannual
    from labormap.reports.source import ReportScope, semiannual_data
    from labormap.voice.report import survey_section

    data = semiannual_data(wh, 2026, 2, ReportScope())
    # region 47: 19 sheets, but 9 of employer 1 alone: withheld (differencing would reveal employer 1)
    assert [(g.key, g.respondents, g.index) for g in data.surveys] == [("47", 19, None)]
    rep = build_semiannual(data, "ru")
    table: Any = next(b for b in rep.blocks if getattr(b, "sheet", "") == "surveys")
    assert table.rows[0][1] == 19 and table.rows[0][2] == "недостаточно ответов"
    ingest_sheets(wh, [hm.sheet(1, "A-web-9", hm.WAVE, 2)])
    rep = build_semiannual(semiannual_data(wh, 2026, 2, ReportScope()), "ru")
    table = next(b for b in rep.blocks if getattr(b, "sheet", "") == "surveys")
    assert table.rows[0][1:] == (20, "50.0", "+0.0")
    import io

    from labormap.reports.render_docx import render_docx
    from labormap.reports.render_xlsx import render_xlsx

    for lang in ("ru", "kk", "en"):
        r = build_semiannual(semiannual_data(wh, 2026, 2, ReportScope()), lang)
        render_docx(r, io.BytesIO())
        render_xlsx(r, io.BytesIO())
    # a region under the minimum says "not enough answers", in every language
    blocks: list[object] = []
    survey_section(blocks, [vi.GroupIndex("47", hm.WAVE, 9, None, None)], hm.WAVE, "kk")
    assert blocks[-1].rows[0][2] == "жауаптар жеткіліксіз"  # type: ignore[attr-defined]
    survey_section(blocks, [vi.GroupIndex("47", hm.WAVE, 9, None, None)], hm.WAVE, "ru")
    assert blocks[-1].rows[0][2] == "недостаточно ответов"  # type: ignore[attr-defined]


def _survey_features(wh, day: dt.date) -> dict[str, tuple[float | None, float | None]]:
    from labormap.features.asof import AsOf
    from labormap.features.signals import surveys
    from labormap.features.sources import open_sources

    with open_sources(wh) as src:
        t = src.backend.to_pyarrow(surveys(src, AsOf.of(day))).to_pylist()
    return {r["employer_bin"]: (r["survey_index"], r["survey_protest"]) for r in t}


def test_features_per_wave_with_the_rule(wh) -> None:
    day = dt.date(2026, 12, 1)
    f = _survey_features(wh, day)
    # employer 1: 9 sheets in 2026-H2 → no feature; employer 2: its latest wave (H2, 75), not a mean of H1+H2
    assert bin_of(1) not in f
    assert f[bin_of(2)][0] == pytest.approx(75.0) and f[bin_of(2)][1] == pytest.approx(2.0)
    # before H2's sheets were answered, employer 2's value is the H1 wave's
    assert _survey_features(wh, dt.date(2026, 7, 1))[bin_of(2)][0] == pytest.approx(50.0)
    ingest_sheets(wh, [hm.sheet(1, "A-web-9", hm.WAVE, 2)])
    assert _survey_features(wh, day)[bin_of(1)][0] == pytest.approx(25.0)
