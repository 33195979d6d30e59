"""The semi-annual analytical note (Roadmap items 2 and 7): risk by month, conflicts of the half-year by
kind, cause and region, measures and results, collective agreements, wage arrears, media signals."""

from __future__ import annotations

from collections import Counter

from labormap import fmt, i18n, levels
from labormap.reports.i18n import level_name, media_kind, t
from labormap.reports.measures_note import by_kind_table, moved_out_table, result_figures
from labormap.reports.model import (
    Block,
    Cell,
    Chart,
    Column,
    Heading,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Report,
    Series,
    Table,
)
from labormap.reports.source import SemiannualData, kind_name, region_name


def month_name(m: int, lang: str) -> str:
    return fmt.month_name(m, lang)


def _cause(code: str, lang: str) -> str:
    return i18n.label("conflict_cause", code, lang)


def build_semiannual(data: SemiannualData, lang: str = "ru") -> Report:
    label = t(f"half.{data.half}", lang, year=data.year)
    subtitle = (
        f"{label} ({fmt.date(data.start, lang)} — {fmt.date(data.end, lang)}) · "
        f"{t('scope', lang)}: {data.scope.name(lang)}"
    )
    rep = Report("semiannual", lang, t("semiannual.title", lang), subtitle, footer=t("generated", lang))
    b = rep.blocks

    # risk by month
    b.append(Heading(t("sec.dynamics", lang)))
    b.append(
        Table(
            t("sec.dynamics", lang),
            t("sec.dynamics", lang)[:31],
            (
                Column(t("col.month", lang), "text", 14),
                Column(t("col.left_on", lang), "date", 12),
                *(Column(level_name(lv, lang).capitalize(), "int", 12) for lv in levels.CODES),
            ),
            [
                (
                    month_name(m.month_end.month, lang),
                    m.snapshot,
                    *(m.levels[lv] if m.snapshot else None for lv in levels.CODES),
                )
                for m in data.months
            ],
        )
    )
    have = [m for m in data.months if m.snapshot]
    if have:
        b.append(
            Chart(
                t("chart.dynamics", lang),
                "line",
                tuple(month_name(m.month_end.month, lang) for m in have),
                (
                    Series(t("fig.high", lang), tuple(float(m.levels[levels.HIGH]) for m in have)),
                    Series(t("fig.elevated", lang), tuple(float(m.levels[levels.ELEVATED]) for m in have)),
                ),
            )
        )

    # conflicts of the half
    b.append(Heading(t("sec.conflicts_half", lang)))
    stoppages = sum(1 for c in data.conflicts if c.kind in ("strike", "work_stoppage", "blockade"))
    b.append(
        KeyFigures(
            (
                KeyFigure(
                    t("fig.conflicts_half", lang),
                    len(data.conflicts),
                    len(data.conflicts) - data.conflicts_prev_half,
                    key="conflicts_half",
                ),
                KeyFigure(t("fig.stoppages", lang), stoppages, key="stoppages"),
                KeyFigure(
                    t("fig.participants", lang),
                    sum(c.participants for c in data.conflicts),
                    key="participants",
                ),
            )
        )
    )
    by_kind = Counter(c.kind for c in data.conflicts)
    by_cause = Counter(x for c in data.conflicts for x in c.causes)
    by_region = Counter(c.region for c in data.conflicts)
    b.append(
        Table(
            t("col.kind", lang),
            t("col.kind", lang)[:31],
            (Column(t("col.kind", lang), "text", 40), Column(t("col.count", lang), "int", 12)),
            [(kind_name(k, lang), n) for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))],
            empty_text=t("empty.conflicts", lang),
        )
    )
    b.append(
        Table(
            t("col.causes", lang),
            t("col.causes", lang)[:31],
            (Column(t("col.causes", lang), "text", 40), Column(t("col.count", lang), "int", 12)),
            [(_cause(k, lang), n) for k, n in sorted(by_cause.items(), key=lambda kv: (-kv[1], kv[0]))],
            empty_text=t("empty.conflicts", lang),
        )
    )
    if by_cause:
        order = sorted(by_cause, key=lambda k: (-by_cause[k], k))
        b.append(
            Chart(
                t("chart.conflict_causes", lang),
                "barh",
                tuple(_cause(k, lang) for k in order),
                (Series(t("fig.conflicts_half", lang), tuple(float(by_cause[k]) for k in order)),),
            )
        )
    b.append(
        Table(
            t("sec.regions", lang),
            t("sec.regions", lang)[:31],
            (Column(t("col.region", lang), "text", 30), Column(t("col.count", lang), "int", 12)),
            [(region_name(k, lang), n) for k, n in sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0]))],
            empty_text=t("empty.conflicts", lang),
        )
    )
    b.append(
        Table(
            t("sec.conflicts_half", lang),
            t("sheet.conflicts_list", lang)[:31],
            (
                Column(t("col.employer", lang), "text", 30),
                Column(t("col.region", lang), "text", 22),
                Column(t("col.kind", lang), "text", 24),
                Column(t("col.causes", lang), "text", 30),
                Column(t("col.participants", lang), "int", 10),
                Column(t("col.started", lang), "date", 12),
                Column(t("col.ended", lang), "date", 12),
            ),
            [
                (
                    c.employer_name,
                    region_name(c.region, lang),
                    kind_name(c.kind, lang),
                    "; ".join(_cause(x, lang) for x in c.causes),
                    c.participants,
                    c.started_on,
                    c.ended_on,
                )
                for c in data.conflicts
            ],
            empty_text=t("empty.conflicts", lang),
            docx_limit=25,
        )
    )

    # measures and results
    b.append(Heading(t("sec.measures", lang)))
    b.append(result_figures(data.summary, lang))
    b.append(by_kind_table(data.summary, lang))
    b.append(moved_out_table(data.summary, data.names, lang))
    b.append(Paragraph(t("note.moved_out", lang), note=True))

    # collective agreements (item 2) and arrears
    b.append(Heading(t("sec.agreements", lang)))
    share = data.risky_with_agreement / data.risky_total if data.risky_total else 0.0
    b.append(
        KeyFigures(
            (
                KeyFigure(t("fig.risky_total", lang), data.risky_total, key="risky_total"),
                KeyFigure(t("fig.with_agreement", lang), data.risky_with_agreement, key="with_agreement"),
                KeyFigure(
                    t("fig.with_agreement_pct", lang),
                    round(100 * share, 1),
                    unit="%",
                    key="with_agreement_pct",
                ),
                KeyFigure(t("fig.expiring", lang), data.agreements_expiring, key="expiring"),
            )
        )
    )
    b.append(Heading(t("sec.arrears", lang)))
    b.append(
        KeyFigures(
            (
                KeyFigure(t("fig.arrears_cases", lang), data.arrears_cases, key="arrears_cases"),
                KeyFigure(t("fig.arrears_workers", lang), data.arrears_workers, key="arrears_workers"),
                KeyFigure(
                    t("fig.arrears_amount", lang), round(data.arrears_amount / 1e6, 1), key="arrears_amount"
                ),
                KeyFigure(
                    t("fig.arrears_repaid", lang), round(data.arrears_repaid / 1e6, 1), key="arrears_repaid"
                ),
            )
        )
    )

    # media by month
    b.append(Heading(t("sec.media_half", lang)))
    kinds = sorted({k for v in data.media_by_month.values() for k in v})
    b.append(
        Table(
            t("sec.media_half", lang),
            t("sec.media_half", lang)[:31],
            (
                Column(t("col.month", lang), "text", 14),
                *(Column(media_kind(k, lang), "int", 14) for k in kinds),
            ),
            [
                (month_name(int(m[5:7]), lang), *(v.get(k, 0) for k in kinds))
                for m, v in data.media_by_month.items()
            ],
            empty_text=t("empty.media", lang),
        )
    )
    if not data.scope.national:
        b.append(Paragraph(t("note.scope_media", lang), note=True))
    _forecast_section(b, data, lang)
    from labormap.voice.report import survey_section

    survey_section(b, data.surveys, f"{data.year}-H{data.half}", lang)
    b.append(Paragraph(t("note.measures_source", lang), note=True))
    return rep


def _forecast_section(b: list[Block], data: SemiannualData, lang: str) -> None:
    """Forecast against actual by region (labormap.analytics): each closed forecast of the half."""
    if not data.forecasts:
        return
    g = i18n.gettext
    b.append(Heading(g("Forecast against actual", lang)))
    cells = [x for f in data.forecasts for x in f["regions"]]
    covered = sum(1 for x in cells if x["covered"])
    b.append(
        Paragraph(
            g("Share of actual counts inside the 80% interval", lang)
            + f": {fmt.percent(covered / len(cells) if cells else None, lang)}"
        )
    )
    rows: list[tuple[Cell, ...]] = []
    for f in data.forecasts:
        for x in f["regions"]:
            rows.append(
                (
                    fmt.date(f["as_of"], lang),
                    i18n.label("region", x["kato2"], lang),
                    float(x["expected"]),
                    f"{x['p10']}–{x['p90']}",
                    int(x["actual"]),
                    g("yes", lang) if x["covered"] else g("no", lang),
                )
            )
    b.append(
        Table(
            g("Forecast against actual", lang),
            "forecasts",
            (
                Column(g("Forecast from", lang), "text", 12),
                Column(g("Region", lang), "text", 28),
                Column(g("Expected", lang), "float", 10),
                Column(g("80% interval", lang), "text", 12),
                Column(g("Actual", lang), "int", 8),
                Column(g("Inside the interval", lang), "text", 12),
            ),
            rows,
        )
    )
