"""The daily analytical note on the map (Roadmap item 1): high-risk employers, changes since the previous
scoring, media signals, current conflicts and the measures taken."""

from __future__ import annotations

from labormap import fmt, i18n, levels
from labormap.control.daily import section as control_section
from labormap.reference import OKED_SECTIONS
from labormap.reports.i18n import employers, level_name, media_kind, t
from labormap.reports.model import (
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
from labormap.reports.source import DailyData, EmployerRow, region_name
from labormap.response.bodies import BODIES

DOCX_ROWS = 30  # rows of a long list shown in the DOCX; the XLSX has all


def _sector(code: str, lang: str) -> str:
    s = OKED_SECTIONS.get(code)
    return f"{code} — {s.name(lang)}" if s else "—"


def employer_columns(lang: str, with_prev: bool = True) -> tuple[Column, ...]:
    cols = [
        Column(t("col.bin", lang), "text", 14),
        Column(t("col.employer", lang), "text", 34),
        Column(t("col.region", lang), "text", 22),
        Column(t("col.score", lang), "float", 10),
    ]
    if with_prev:
        cols += [Column(t("col.change", lang), "change", 10)]
    cols += [Column(t("col.reasons", lang), "text", 50)]
    return tuple(cols)


def employer_rows(rows: list[EmployerRow], lang: str) -> list[tuple[Cell, ...]]:
    return [
        (r.bin, r.name, region_name(r.region, lang), r.score, r.change, "; ".join(r.reasons)) for r in rows
    ]


def build_daily(data: DailyData, lang: str = "ru") -> Report:
    prev = data.previous is not None
    subtitle = (
        f"{t('as_of', lang)} {fmt.date(data.as_of, lang)} · {t('scope', lang)}: {data.scope.name(lang)} · "
        f"{t('snapshot', lang)} {fmt.date(data.snapshot, lang)}"
        + (
            f", {t('previous', lang)} {fmt.date(data.previous, lang)}"
            if prev
            else f", {t('no_previous', lang)}"
        )
    )
    rep = Report("daily", lang, t("daily.title", lang), subtitle, footer=t("generated", lang))
    b = rep.blocks
    lp = data.levels_prev or {}

    def ch(level: str) -> int | None:
        return data.levels[level] - lp.get(level, 0) if prev else None

    # 1. the overall picture
    b.append(Heading(t("sec.summary", lang)))
    if prev:
        b.append(
            Paragraph(
                t(
                    "summary.sentence",
                    lang,
                    scored=employers(data.scored, lang),
                    high=fmt.number(data.levels[levels.HIGH], lang),
                    high_change=fmt.change(ch(levels.HIGH), lang),
                    elevated=fmt.number(data.levels[levels.ELEVATED], lang),
                    elevated_change=fmt.change(ch(levels.ELEVATED), lang),
                    entered=fmt.number(len(data.entered_high), lang),
                    left=fmt.number(len(data.left_high), lang),
                )
            )
        )
    else:
        b.append(
            Paragraph(
                t(
                    "summary.first",
                    lang,
                    scored=employers(data.scored, lang),
                    high=fmt.number(data.levels[levels.HIGH], lang),
                    elevated=fmt.number(data.levels[levels.ELEVATED], lang),
                )
            )
        )
    figures = [
        KeyFigure(t("fig.scored", lang), data.scored, key="scored"),
        KeyFigure(t("fig.high", lang), data.levels[levels.HIGH], ch(levels.HIGH), key="high"),
        KeyFigure(t("fig.elevated", lang), data.levels[levels.ELEVATED], ch(levels.ELEVATED), key="elevated"),
    ]
    if prev:
        figures += [
            KeyFigure(t("fig.entered", lang), len(data.entered_high), key="entered"),
            KeyFigure(t("fig.left", lang), len(data.left_high), key="left"),
        ]
    figures += [
        KeyFigure(t("fig.media", lang), len(data.media), key="media"),
        KeyFigure(t("fig.conflicts", lang), len(data.open_conflicts), key="conflicts"),
        KeyFigure(t("fig.measures", lang), len(data.measures), key="measures"),
        KeyFigure(
            f"{t('fig.moved_out', lang)} ({t('fig.ytd', lang)})", len(data.ytd.moved_out), key="moved_out_ytd"
        ),
        KeyFigure(
            f"{t('fig.prevented', lang)} ({t('fig.ytd', lang)})", data.ytd.prevented, key="prevented_ytd"
        ),
        KeyFigure(f"{t('fig.resolved', lang)} ({t('fig.ytd', lang)})", data.ytd.resolved, key="resolved_ytd"),
    ]
    b.append(KeyFigures(tuple(figures)))
    series = [Series(t("chart.now", lang), tuple(float(data.levels[lv]) for lv in levels.CODES))]
    if prev:
        series.append(Series(t("chart.before", lang), tuple(float(lp.get(lv, 0)) for lv in levels.CODES)))
    b.append(
        Chart(
            t("chart.levels", lang), "bar", tuple(level_name(lv, lang) for lv in levels.CODES), tuple(series)
        )
    )

    # 2. high-risk employers
    b.append(Heading(t("sec.high", lang)))
    b.append(
        Table(
            t("sec.high", lang),
            t("sec.high", lang)[:31],
            employer_columns(lang, prev),
            [r if prev else r[:4] + r[5:] for r in employer_rows(data.high, lang)],
            docx_limit=DOCX_ROWS,
            empty_text=t("empty.high", lang),
        )
    )

    # 3. changes
    if prev:
        b.append(Heading(t("sec.changes", lang)))
        b.append(
            Table(
                t("fig.entered", lang),
                t("fig.entered", lang)[:31],
                employer_columns(lang),
                employer_rows(data.entered_high, lang),
                docx_limit=DOCX_ROWS,
                empty_text=t("empty.entered", lang),
            )
        )
        b.append(
            Table(
                t("fig.left", lang),
                t("fig.left", lang)[:31],
                (
                    Column(t("col.bin", lang), "text", 14),
                    Column(t("col.employer", lang), "text", 34),
                    Column(t("col.region", lang), "text", 22),
                    Column(t("col.score_prev", lang), "float", 10),
                    Column(t("col.score", lang), "float", 10),
                    Column(t("col.level_now", lang), "text", 16),
                ),
                [
                    (
                        r.bin,
                        r.name,
                        region_name(r.region, lang),
                        r.score_prev,
                        r.score,
                        level_name(r.level, lang),
                    )
                    for r in data.left_high
                ],
                docx_limit=DOCX_ROWS,
                empty_text=t("empty.left", lang),
            )
        )

    # 4. regions
    b.append(Heading(t("sec.regions", lang)))
    reg_cols = [
        Column(t("col.region", lang), "text", 30),
        Column(t("col.total", lang), "int", 12),
        Column(levels.label(levels.HIGH, lang).capitalize(), "int", 12),
        Column(levels.label(levels.ELEVATED, lang).capitalize(), "int", 12),
    ]
    if prev:
        reg_cols.append(Column(t("col.high_prev", lang), "int", 12))
    b.append(
        Table(
            t("sec.regions", lang),
            t("sec.regions", lang)[:31],
            tuple(reg_cols),
            [
                (region_name(r.region, lang), r.total, r.high, r.elevated, *((r.high_prev,) if prev else ()))
                for r in data.regions
            ],
        )
    )
    with_high = [r for r in data.regions if r.high]
    if with_high:
        b.append(
            Chart(
                t("chart.regions", lang),
                "barh",
                tuple(region_name(r.region, lang) for r in with_high),
                (Series(t("fig.high", lang), tuple(float(r.high) for r in with_high)),),
            )
        )

    # 5. media
    b.append(Heading(t("sec.media", lang)))
    b.append(
        Table(
            t("sec.media", lang),
            t("sec.media", lang)[:31],
            (
                Column(t("col.date", lang), "text", 16),
                Column(t("col.source", lang), "text", 16),
                Column(t("col.kind", lang), "text", 22),
                Column(t("col.severity", lang), "int", 8),
                Column(t("col.employer", lang), "text", 30),
                Column(t("col.title", lang), "text", 50),
                Column(t("col.url", lang), "text", 30),
            ),
            [
                (
                    fmt.datetime(m.published_at, lang),
                    m.source,
                    media_kind(m.kind, lang),
                    m.severity,
                    m.employer_name or "—",
                    m.title,
                    m.url,
                )
                for m in data.media
            ],
            docx_limit=DOCX_ROWS,
            empty_text=t("empty.media", lang),
        )
    )
    if data.media:
        kinds: dict[str, int] = {}
        for m in data.media:
            kinds[m.kind] = kinds.get(m.kind, 0) + 1
        order = sorted(kinds, key=lambda k: (-kinds[k], k))
        b.append(
            Chart(
                t("chart.media", lang),
                "barh",
                tuple(media_kind(k, lang) for k in order),
                (Series(t("fig.media", lang), tuple(float(kinds[k]) for k in order)),),
            )
        )
    if not data.scope.national:
        b.append(Paragraph(t("note.scope_media", lang), note=True))

    # 6. conflicts in progress
    from labormap.reports.source import kind_name

    b.append(Heading(t("sec.conflicts", lang)))
    b.append(
        Table(
            t("sec.conflicts", lang),
            t("sec.conflicts", lang)[:31],
            (
                Column(t("col.employer", lang), "text", 30),
                Column(t("col.region", lang), "text", 22),
                Column(t("col.kind", lang), "text", 24),
                Column(t("col.participants", lang), "int", 10),
                Column(t("col.started", lang), "date", 12),
            ),
            [
                (
                    c.employer_name,
                    region_name(c.region, lang),
                    kind_name(c.kind, lang),
                    c.participants,
                    c.started_on,
                )
                for c in data.open_conflicts
            ],
            docx_limit=DOCX_ROWS,
            empty_text=t("empty.conflicts", lang),
        )
    )

    b.extend(control_section(data.arrears_news, lang))  # wage arrears: new cases, overdue orders

    # 7. measures
    b.append(Heading(t("sec.measures", lang)))
    b.append(
        Table(
            t("sec.measures", lang),
            t("sec.measures", lang)[:31],
            (
                Column(t("col.date", lang), "date", 12),
                Column(t("col.employer", lang), "text", 30),
                Column(t("col.region", lang), "text", 22),
                Column(t("col.measure", lang), "text", 30),
                Column(t("col.body", lang), "text", 20),
            ),
            [
                (
                    m.measure.taken_on,
                    m.employer_name,
                    region_name(m.region, lang),
                    _measure_name(m.measure.kind, lang),
                    BODIES[m.measure.body].short(lang) if m.measure.body in BODIES else fmt.DASH,
                )
                for m in data.measures
            ],
            docx_limit=DOCX_ROWS,
            empty_text=t("empty.measures", lang),
        )
    )
    b.append(Paragraph(t("note.moved_out", lang), note=True))
    b.append(Paragraph(t("note.measures_source", lang), note=True))
    return rep


def _measure_name(code: str, lang: str) -> str:
    return i18n.label("measure_kind", code, lang)
