"""The report on measures taken for high-risk employers (Roadmap items 1 and 10)."""

from __future__ import annotations

from collections import Counter

from labormap import fmt, i18n
from labormap.reports.daily import _measure_name
from labormap.reports.i18n import level_name, t
from labormap.reports.model import (
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
from labormap.reports.source import MeasuresData, kind_name, region_name
from labormap.response.bodies import BODIES
from labormap.response.measures import MEASURE_KINDS, MeasureSummary


def outcome_name(code: str | None, lang: str) -> str:
    return i18n.label("outcome", code, lang) if code else fmt.DASH


def result_figures(s: MeasureSummary, lang: str) -> KeyFigures:
    return KeyFigures(
        (
            KeyFigure(t("fig.measures", lang), len(s.measures), key="measures"),
            KeyFigure(t("fig.measured_employers", lang), s.employers_with_measures, key="measured_employers"),
            KeyFigure(t("fig.moved_out", lang), len(s.moved_out), key="moved_out"),
            KeyFigure(t("fig.prevented", lang), s.prevented, key="prevented"),
            KeyFigure(t("fig.resolved", lang), s.resolved, key="resolved"),
            KeyFigure(t("fig.escalated", lang), s.outcomes.get("escalated", 0), key="escalated"),
            KeyFigure(t("fig.ongoing", lang), s.outcomes.get("ongoing", 0), key="ongoing"),
        )
    )


def by_kind_table(s: MeasureSummary, lang: str) -> Table:
    rows = [(_measure_name(k, lang), n) for k, n in s.by_kind.items()]
    return Table(
        t("chart.measures", lang),
        t("chart.measures", lang)[:31],
        (Column(t("col.measure", lang), "text", 40), Column(t("col.count", lang), "int", 12)),
        rows,
    )


def moved_out_table(s: MeasureSummary, names: dict[str, tuple[str, str]], lang: str) -> Table:
    return Table(
        t("sec.moved_out", lang),
        t("sec.moved_out", lang)[:31],
        (
            Column(t("col.bin", lang), "text", 14),
            Column(t("col.employer", lang), "text", 34),
            Column(t("col.region", lang), "text", 22),
            Column(t("col.measure_on", lang), "date", 12),
            Column(t("col.left_on", lang), "date", 12),
            Column(t("col.level_now", lang), "text", 16),
        ),
        [
            (
                m.employer_bin,
                names.get(m.employer_bin, (m.employer_bin, ""))[0],
                region_name(names.get(m.employer_bin, ("", ""))[1], lang),
                m.measure_on,
                m.left_on,
                level_name(m.level_now, lang),
            )
            for m in s.moved_out
        ],
        empty_text=t("empty.moved_out", lang),
        docx_limit=40,
    )


def build_measures(data: MeasuresData, lang: str = "ru") -> Report:
    s = data.summary
    subtitle = (
        f"{t('period', lang)}: {fmt.date(data.start, lang)} — {fmt.date(data.end, lang)} · "
        f"{t('scope', lang)}: {data.scope.name(lang)}"
    )
    rep = Report("measures", lang, t("measures.title", lang), subtitle, footer=t("generated", lang))
    b = rep.blocks
    b.append(Heading(t("sec.results", lang)))
    b.append(result_figures(s, lang))
    b.append(Paragraph(t("note.moved_out", lang), note=True))
    b.append(Heading(t("sec.measures", lang)))
    b.append(by_kind_table(s, lang))
    if s.measures:
        kinds = [k for k in MEASURE_KINDS if s.by_kind.get(k)]
        b.append(
            Chart(
                t("chart.measures", lang),
                "barh",
                tuple(_measure_name(k, lang) for k in kinds),
                (Series(t("fig.measures", lang), tuple(float(s.by_kind[k]) for k in kinds)),),
            )
        )
    by_body = Counter(m.body or "" for m in s.measures)
    b.append(
        Table(
            t("col.body", lang),
            t("col.body", lang)[:31],
            (Column(t("col.body", lang), "text", 40), Column(t("col.count", lang), "int", 12)),
            [(BODIES[k].name(lang) if k in BODIES else "—", n) for k, n in by_body.most_common()],
        )
    )
    by_region = Counter(r.region for r in data.measures)
    b.append(
        Table(
            t("sec.regions", lang),
            t("sec.regions", lang)[:31],
            (Column(t("col.region", lang), "text", 30), Column(t("col.count", lang), "int", 12)),
            [(region_name(k, lang), n) for k, n in sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0]))],
        )
    )
    b.append(Heading(t("sec.moved_out", lang)))
    b.append(moved_out_table(s, data.names, lang))
    b.append(Heading(t("sec.cases", lang)))
    b.append(
        Table(
            t("sec.cases", lang),
            t("sec.cases", lang)[:31],
            (
                Column(t("col.case", lang), "text", 12),
                Column(t("col.employer", lang), "text", 34),
                Column(t("col.kind", lang), "text", 24),
                Column(t("col.opened", lang), "date", 12),
                Column(t("col.closed", lang), "date", 12),
                Column(t("col.outcome", lang), "text", 16),
            ),
            [
                (
                    c.case_id,
                    data.names.get(c.employer_bin, (c.employer_bin, ""))[0],
                    kind_name(c.kind, lang) if c.kind else "—",
                    c.opened_on,
                    c.closed_on,
                    outcome_name(c.outcome, lang),
                )
                for c in data.cases
            ],
            empty_text=t("empty.cases", lang),
            docx_limit=40,
        )
    )
    b.append(Heading(t("sec.measures", lang) + " — " + t("period", lang).lower()))
    b.append(
        Table(
            t("sec.measures", lang),
            (t("sec.measures", lang) + " (список)")[:31],
            (
                Column(t("col.date", lang), "date", 12),
                Column(t("col.bin", lang), "text", 14),
                Column(t("col.employer", lang), "text", 34),
                Column(t("col.region", lang), "text", 22),
                Column(t("col.measure", lang), "text", 30),
                Column(t("col.body", lang), "text", 20),
            ),
            [
                (
                    r.measure.taken_on,
                    r.measure.employer_bin,
                    r.employer_name,
                    region_name(r.region, lang),
                    _measure_name(r.measure.kind, lang),
                    BODIES[r.measure.body].short(lang) if r.measure.body in BODIES else fmt.DASH,
                )
                for r in data.measures
            ],
            empty_text=t("empty.measures", lang),
            docx_limit=40,
        )
    )
    b.append(Paragraph(t("note.measures_source", lang), note=True))
    return rep
