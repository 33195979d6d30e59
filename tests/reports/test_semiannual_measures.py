from __future__ import annotations

import io
from datetime import date

from labormap.reports import ReportScope, measures_report, render, semiannual_report
from labormap.reports.source import semiannual_data
from labormap.response import CaseRecord, Measure
from labormap.response.dataset import load_cases, load_measures, publish_response_data
from labormap.warehouse import Warehouse
from tests.reports.docs_text import docx_text, xlsx_figure, xlsx_text
from tests.reports.world import D_NOW, D_PREV, EMPS, MEDIA, make_bin


def _bytes(rep: object, fmt: str) -> bytes:
    buf = io.BytesIO()
    render(rep, buf, fmt)  # type: ignore[arg-type]
    return buf.getvalue()


def test_semiannual_figures(world: Warehouse) -> None:
    data = semiannual_data(world, 2025, 2)
    # conflicts that started in July–December 2025 (K-1, K-2, K-3); K-4 is in the first half
    assert sorted(c.conflict_id for c in data.conflicts) == ["K-1", "K-2", "K-3"]
    assert data.conflicts_prev_half == 1
    assert (data.arrears_cases, data.arrears_workers) == (2, 40 + 85)
    assert data.arrears_amount == 12_000_000 + 30_500_000 and data.arrears_repaid == 12_000_000
    # every employer is high or elevated in the last snapshot; two of them have an agreement valid on 31.12
    assert (data.risky_total, data.risky_with_agreement, data.agreements_expiring) == (6, 2, 1)
    months = {m.month_end.month: m.snapshot for m in data.months}
    assert months == {7: None, 8: None, 9: None, 10: date(2025, 10, 31), 11: D_NOW, 12: None}
    assert data.media_by_month == {
        "2025-11": {"strike_threat": 1, "wage_arrears": 1, "rally": 1, "layoffs": 1}
    }
    rep = semiannual_report(world, 2025, 2)
    figs = rep.figures()
    assert figs["conflicts_half"] == 3 and figs["participants"] == 120 + 40 + 15
    assert figs["with_agreement_pct"] == round(100 * 2 / 6, 1)
    text = docx_text(_bytes(rep, "docx"))
    assert "2-е полугодие 2025 года" in text and "ТОО «Каспий Бурение»" in text
    assert xlsx_figure(_bytes(rep, "xlsx"), "Конфликтов за период") == 3


def test_semiannual_scope(world: Warehouse) -> None:
    data = semiannual_data(world, 2025, 2, ReportScope.for_regions(["23"]))
    assert [c.conflict_id for c in data.conflicts] == ["K-3"]
    assert data.arrears_cases == 0  # A-3 of employer 4 was found in the first half
    assert data.risky_total == 2 and data.risky_with_agreement == 0
    assert data.media_by_month == {"2025-11": {"layoffs": 1}}
    rep = semiannual_report(world, 2025, 2, ReportScope.for_regions(["23"]), lang="kk")
    text = docx_text(_bytes(rep, "docx"))
    assert "2025 жылғы 2-жартыжылдық" in text
    for e in EMPS:
        if not e.kato.startswith("23"):
            assert e.name not in text and e.name.replace("ТОО", "ЖШС") not in text


def test_measures_report_from_the_published_datasets(world: Warehouse, tmp_path_factory: object) -> None:
    ms = [
        Measure(make_bin(3), "inspection", D_PREV, "labour_inspection", "C-1", "M-1"),
        Measure(make_bin(3), "order", D_PREV, "labour_inspection", "C-1", "M-2"),
        Measure(make_bin(4), "meeting", date(2025, 11, 10), "mio", None, "M-3"),
        Measure(make_bin(6), "hearing", date(2025, 11, 20), "mio", None, "M-4"),
        Measure(make_bin(6), "hearing", date(2024, 11, 20), "mio", None, "M-old"),
    ]
    cs = [
        CaseRecord("C-1", make_bin(3), date(2025, 11, 1), date(2025, 11, 24), "prevented", None),
        CaseRecord("C-2", make_bin(2), date(2025, 11, 20), date(2025, 11, 22), "resolved", "strike"),
        CaseRecord("C-3", make_bin(4), date(2025, 11, 21), None, "ongoing", "collective_appeal"),
    ]
    assert publish_response_data(world, ms, cs) == (5, 3)
    try:
        assert load_measures(world) == sorted(ms, key=lambda m: (m.taken_on, m.employer_bin, m.measure_id))
        assert {c.case_id for c in load_cases(world, frozenset({make_bin(2)}))} == {"C-2"}
        rep = measures_report(world, date(2025, 11, 1), date(2025, 11, 30))
        figs = rep.figures()
        assert figs["measures"] == 4 and figs["measured_employers"] == 3
        assert (figs["moved_out"], figs["prevented"], figs["resolved"], figs["ongoing"]) == (1, 1, 1, 1)
        x = _bytes(rep, "xlsx")
        assert xlsx_figure(x, "Принято мер") == 4
        text = xlsx_text(x)
        assert "АО «Жанаозен Транс»" in text and "Предписание инспектора труда" in text
        # the Mangystau scope drops Atyrau and Karaganda measures and cases
        scoped = measures_report(
            world, date(2025, 11, 1), date(2025, 11, 30), ReportScope.for_regions(["47"])
        )
        f2 = scoped.figures()
        assert (f2["measures"], f2["measured_employers"], f2["ongoing"]) == (2, 1, 0)
        t2 = docx_text(_bytes(scoped, "docx"))
        assert "ТОО «Атырау Строй»" not in t2 and "ТОО «Карагандинский Уголь»" not in t2
    finally:
        # leave the module's world as the other tests expect it: no measures published
        publish_response_data(world, [], [])


def test_media_signals_are_deduplicated_across_runs(world: Warehouse) -> None:
    import pyarrow.parquet as pq

    src = world.derived_dir("media_signals") / "run-1" / "signals.parquet"
    with world.publish("media_signals", "run-2") as d:
        pq.write_table(pq.read_table(src), d / "signals.parquet")
    try:
        from labormap.reports.source import daily_data

        data = daily_data(world, D_NOW)
        assert len(data.media) == sum(1 for _, p, _, _, _, lab in MEDIA if lab and p.date() == D_NOW)
    finally:
        import shutil

        shutil.rmtree(world.derived_dir("media_signals") / "run-2")
