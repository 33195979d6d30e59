"""«Аналитическая справка»: the ten-year retrospective as a report (DOCX, HTML) in ru, kk or en."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from labormap import fmt, i18n
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

_ = i18n.gettext
TOP_GROUPS = 5  # the chart palette has five distinct colours


def _pivot(rows: list[dict[str, Any]], years: list[int]) -> dict[str, list[float]]:
    by: dict[str, dict[int, int]] = defaultdict(dict)
    for r in rows:
        by[str(r["group"])][int(r["year"])] = int(r["conflicts"])
    return {g: [float(v.get(y, 0)) for y in years] for g, v in by.items()}


def _group_table(
    title: str, sheet: str, domain: str, rows: list[dict[str, Any]], years: list[int], lang: str
) -> Table:
    piv = _pivot(rows, years)
    ordered = sorted(piv.items(), key=lambda kv: -sum(kv[1]))
    cols = (
        Column(_("Group", lang), "text", 30),
        *(Column(str(y), "int", 7) for y in years),
        Column(_("Total", lang), "int", 8),
    )
    body: list[tuple[Cell, ...]] = [
        (i18n.label(domain, g, lang) if g else _("not stated", lang), *(int(v) for v in vals), int(sum(vals)))
        for g, vals in ordered
    ]
    return Table(title, sheet, cols, body, empty_text=_("No conflicts in the period.", lang))


def build_note(data: dict[str, Any], lang: str = "ru") -> Report:
    """The retrospective's report blocks in ``lang`` (labels from the one catalogue)."""
    lang = i18n.normalise(lang)
    st, es = data["structure"], data["event_study"]
    start, end = (dt.date.fromisoformat(x) for x in data["period"])
    years = [r["year"] for r in st["years"]]
    r = Report(
        kind="retrospective",
        lang=lang,
        title=_(
            "Analytical note: social-labour conflicts over ten years, their causes and early signals", lang
        ),
        subtitle=_("Period: {start} – {end}", lang).format(
            start=fmt.date(start, lang), end=fmt.date(end, lang)
        ),
    )
    tot = st["total"]
    r.blocks.append(Heading(_("Summary", lang)))
    r.blocks.append(
        KeyFigures(
            (
                KeyFigure(_("Conflicts", lang), tot["conflicts"], key="conflicts"),
                KeyFigure(_("Participants", lang), tot["participants"], key="participants"),
                KeyFigure(
                    _("Median duration, days", lang),
                    float(tot["duration_median_days"] or 0),
                    key="duration_median",
                ),
            )
        )
    )
    r.blocks.append(
        Chart(
            _("Conflicts per year", lang),
            "bar",
            tuple(str(y) for y in years),
            (Series(_("Conflicts", lang), tuple(float(x["conflicts"]) for x in st["years"])),),
        )
    )
    kinds = _pivot(st["by_kind"], years)
    top = sorted(kinds.items(), key=lambda kv: -sum(kv[1]))[:TOP_GROUPS]
    r.blocks.append(
        Chart(
            _("Conflicts per year by form", lang),
            "line",
            tuple(str(y) for y in years),
            tuple(Series(i18n.label("conflict_kind", g, lang), tuple(v)) for g, v in top),
        )
    )
    r.blocks.append(Heading(_("Forms, causes, regions and sectors", lang)))
    r.blocks.append(
        _group_table(_("By form of conflict", lang), "kinds", "conflict_kind", st["by_kind"], years, lang)
    )
    r.blocks.append(
        _group_table(_("By cause", lang), "causes", "conflict_cause", st["by_cause"], years, lang)
    )
    r.blocks.append(_group_table(_("By region", lang), "regions", "region", st["by_region"], years, lang))
    r.blocks.append(
        _group_table(_("By sector", lang), "sectors", "oked_section", st["by_sector"], years, lang)
    )
    r.blocks.append(
        Table(
            _("Durations and participants by year", lang),
            "years",
            (
                Column(_("Year", lang), "text", 8),
                Column(_("Conflicts", lang), "int", 10),
                Column(_("Participants", lang), "int", 12),
                Column(_("Median duration, days", lang), "float", 14),
            ),
            [
                (str(y["year"]), y["conflicts"], y["participants"], y["duration_median_days"])
                for y in st["years"]
            ],
        )
    )
    r.blocks.append(
        Table(
            _("Who took part", lang),
            "groups",
            (Column(_("Participants", lang), "text", 30), Column(_("Conflicts", lang), "int", 10)),
            [
                (
                    i18n.label("participant_group", g["group"], lang)
                    if g["group"]
                    else _("not stated", lang),
                    g["conflicts"],
                )
                for g in st["participant_groups"]
            ],
        )
    )
    r.blocks.append(
        Table(
            _("Outcomes", lang),
            "outcomes",
            (Column(_("Outcome", lang), "text", 30), Column(_("Conflicts", lang), "int", 10)),
            [
                (
                    i18n.label("outcome", g["outcome"], lang) if g["outcome"] else _("not stated", lang),
                    g["conflicts"],
                )
                for g in st["outcomes"]
            ],
        )
    )
    r.blocks.append(Heading(_("What preceded the conflicts", lang)))
    r.blocks.append(
        Paragraph(
            _(
                "Each conflict's employer is compared month by month over the 12 months before the start with "
                "matched employers of the same region, sector and size that had no conflict. A signal leads when "
                "the difference is significant (|t| ≥ 2) in every month from the lead up to the start.",
                lang,
            )
        )
    )
    r.blocks.append(
        KeyFigures(
            (
                KeyFigure(_("Conflicts studied", lang), es["cases"], key="cases"),
                KeyFigure(
                    _("Of them with matched employers", lang), es["cases_matched"], key="cases_matched"
                ),
                KeyFigure(
                    _("Employers without a conflict used for matching", lang),
                    es["control_employers"],
                    key="controls",
                ),
            )
        )
    )
    direction = {
        1: _("higher than at matched employers", lang),
        -1: _("lower than at matched employers", lang),
        0: _("no lasting difference", lang),
    }
    r.blocks.append(
        Table(
            _("Leading signals", lang),
            "leads",
            (
                Column(_("Indicator", lang), "text", 34),
                Column(_("Leads by, months", lang), "int", 12),
                Column(_("Before a conflict the indicator is", lang), "text", 30),
                Column(_("t in the last month", lang), "float", 12),
            ),
            [
                (
                    i18n.label("indicator", x["indicator"], lang),
                    x["lead_months"],
                    direction[x["direction"]],
                    x["t_last_month"],
                )
                for x in es["leads"]
            ],
        )
    )
    for lead in es["leads"][:3]:
        rows = es["indicators"][lead["indicator"]]
        if rows:
            r.blocks.append(
                Chart(
                    _(
                        "{indicator}: difference from matched employers, by month before the conflict", lang
                    ).format(indicator=i18n.label("indicator", lead["indicator"], lang)),
                    "line",
                    tuple(str(x["offset_months"]) for x in rows),
                    (Series(_("t-statistic", lang), tuple(float(x["t"] or 0) for x in rows)),),
                )
            )
    r.blocks.append(
        Paragraph(
            _(
                "Source: registries of the labour inspection, ЕСУТД, pension and social contributions; LaborMap.",
                lang,
            ),
            note=True,
        )
    )
    r.footer = _("Generated by the LaborMap system", lang)
    return r
