from __future__ import annotations

import io
from datetime import date

import pytest

from labormap import fmt as lm_fmt
from labormap.reports import ReportScope, daily_report, render
from labormap.reports.source import ReportDataError, daily_data
from labormap.response import CaseRecord, Measure
from labormap.warehouse import Warehouse
from tests.reports.docs_text import docx_images, docx_text, xlsx_cells, xlsx_figure, xlsx_text
from tests.reports.world import D_NOW, D_PREV, EMPS, MEDIA, SNAPSHOTS, make_bin


def _levels(d: date, ns: set[int] | None = None) -> dict[int, str]:
    return {n: lv for n, _, lv in SNAPSHOTS[d] if ns is None or n in ns}


def _region_ns(region: str) -> set[int]:
    return {e.n for e in EMPS if e.kato.startswith(region)}


def _bytes(rep: object, fmt: str) -> bytes:
    buf = io.BytesIO()
    render(rep, buf, fmt)  # type: ignore[arg-type]
    return buf.getvalue()


def test_figures_follow_the_snapshots(world: Warehouse) -> None:
    data = daily_data(world, D_NOW)
    now, prev = _levels(D_NOW), _levels(D_PREV)
    assert data.snapshot == D_NOW and data.previous == D_PREV
    assert data.scored == len(now)
    assert data.levels["high"] == sum(lv == "high" for lv in now.values())
    assert data.levels_prev is not None and data.levels_prev["high"] == sum(
        lv == "high" for lv in prev.values()
    )
    assert {r.bin for r in data.high} == {make_bin(n) for n, lv in now.items() if lv == "high"}
    scores = [r.score for r in data.high]
    assert None not in scores and scores == sorted((s for s in scores if s is not None), reverse=True)
    assert {r.bin for r in data.entered_high} == {
        make_bin(n) for n in now if now[n] == "high" and prev[n] != "high"
    }
    assert {r.bin for r in data.left_high} == {
        make_bin(n) for n in now if now[n] != "high" and prev[n] == "high"
    }
    # one-day window: labour signals of the report date only
    assert {m.title for m in data.media} == {
        f"Новость {i}" for i, p, _, _, _, lab in MEDIA if lab and p.date() == D_NOW
    }
    assert [c.conflict_id for c in data.open_conflicts] == ["K-1"]
    assert sum(r.high for r in data.regions) == data.levels["high"]


def test_report_date_between_snapshots_uses_the_latest_before(world: Warehouse) -> None:
    data = daily_data(world, date(2025, 11, 30), days=7)
    assert data.snapshot == D_NOW and data.period_start == date(2025, 11, 24)
    with pytest.raises(ReportDataError, match="no scores snapshot"):
        daily_data(world, date(2025, 1, 1))


def test_region_scope_never_shows_an_outside_employer(world: Warehouse) -> None:
    inside = _region_ns("47")
    scope = ReportScope.for_regions(["47"])
    measures = [Measure(make_bin(n), "meeting", D_NOW) for n in range(1, 7)]
    rep = daily_report(world, D_NOW, scope, measures=measures, cases=[], days=30)
    figs = rep.figures()
    now = _levels(D_NOW, inside)
    assert figs["scored"] == len(inside)
    assert figs["high"] == sum(lv == "high" for lv in now.values())
    assert figs["measures"] == len(inside)  # measures of outside employers are not counted
    # linked signals of inside employers only; the unlinked one is national-only
    assert figs["media"] == sum(
        1 for _, p, _, _, n, lab in MEDIA if lab and n in inside and p.date() > date(2025, 10, 25)
    )
    for fmt, text_of in (("docx", docx_text), ("xlsx", xlsx_text)):
        text = text_of(_bytes(rep, fmt))
        for e in EMPS:
            if e.n in inside:
                continue
            assert e.bin not in text and e.name not in text, (fmt, e.name)
        assert any(e.name in text for e in EMPS if e.n in inside)


def test_bin_scope_with_a_predicate(world: Warehouse) -> None:
    wanted = {make_bin(1), make_bin(5), make_bin(6)}
    scope = ReportScope(label="Холдинг", bins=frozenset(wanted), predicate=lambda e: e.region != "35")
    data = daily_data(world, D_NOW, scope)
    assert {r.bin for r in data.high} == {make_bin(1), make_bin(5)}
    assert data.scored == 2


def test_documents_open_and_carry_the_figures(world: Warehouse) -> None:
    ms = [
        Measure(make_bin(3), "inspection", date(2025, 11, 23), "labour_inspection"),
        Measure(make_bin(2), "meeting", D_NOW, "mio"),
    ]
    cs = [
        CaseRecord("C-1", make_bin(3), date(2025, 11, 1), date(2025, 11, 24), "prevented"),
        CaseRecord("C-2", make_bin(2), date(2025, 11, 20), None, "ongoing"),
    ]
    rep = daily_report(world, D_NOW, measures=ms, cases=cs, days=2)
    figs = rep.figures()
    # employer 3 was high on 23.11, the measure was that day, it is elevated on 24.11: moved out
    assert figs["moved_out_ytd"] == 1 and figs["prevented_ytd"] == 1 and figs["resolved_ytd"] == 0
    assert figs["measures"] == 2
    d = _bytes(rep, "docx")
    text = docx_text(d)
    assert "Аналитическая справка по Карте трудовых рисков" in text
    assert "24.11.2025" in text
    assert docx_images(d) == len(rep.charts())
    high_names = {e.name for e in EMPS if _levels(D_NOW)[e.n] == "high"}
    assert all(n in text for n in high_names)
    assert f"{lm_fmt.number(figs['high'], 'ru')} (+" in text  # the high count with its change
    x = _bytes(rep, "xlsx")
    assert xlsx_figure(x, "Высокий риск") == figs["high"]
    assert xlsx_figure(x, "Выведено из зоны высокого риска (с начала года)") == 1
    sheets = xlsx_cells(x)
    high_sheet = next(rows for name, rows in sheets.items() if name.startswith("Предприятия с высоким"))
    bins_listed = {r[0] for r in high_sheet[3:]}
    assert bins_listed == {make_bin(n) for n, lv in _levels(D_NOW).items() if lv == "high"}
    # numbers stay numbers in the workbook
    assert all(isinstance(r[3], int | float) and not isinstance(r[3], bool) for r in high_sheet[3:])
    assert "Диаграммы" in sheets


def test_kazakh_version(world: Warehouse) -> None:
    rep = daily_report(world, D_NOW, lang="kk")
    text = docx_text(_bytes(rep, "docx"))
    assert "Еңбек тәуекелдері картасы бойынша талдамалық анықтама" in text
    assert "ЖШС «Мунай Сервис»" in text  # the Kazakh name of the employer
    assert "Аналитическая справка" not in text


@pytest.mark.parametrize("kind", ["daily", "semiannual"])
def test_english_version(world: Warehouse, kind: str) -> None:
    from labormap.reports import semiannual_report

    rep = (
        daily_report(world, D_NOW, lang="en")
        if kind == "daily"
        else semiannual_report(world, 2025, 2, lang="en")
    )
    text = docx_text(_bytes(rep, "docx")) + xlsx_text(_bytes(rep, "xlsx"))
    assert rep.title.startswith(("Analytical note", "Half-year analytical note"))
    assert "Republic of Kazakhstan" in text
    # no Russian report wording: only employer names and reason texts from the registries may be Cyrillic
    for ru in ("Аналитическая справка", "Предприятия", "Высокий риск", "Сводка", "по состоянию", "полугодие"):
        assert ru not in text, ru
