"""Report texts: keys for the report builders, English msgids translated by the one gettext mechanism.

The catalogues are ``labormap/reports/locale/{ru,kk,en}``; ``t(key, lang)`` is
``labormap.i18n.gettext(MSGIDS[key], lang)``. Codes (levels, media kinds, regions, …) are not here: they
are labelled by their own domain (``labormap.i18n.label``), so a report and a page name them alike.
"""

from __future__ import annotations

from labormap import fmt, i18n, levels
from labormap.i18n import N_

LANGS = i18n.LANGS  # reports come out in Russian, Kazakh and English

MSGIDS: dict[str, str] = {
    "daily.title": N_("Analytical note on the Labour Risk Map"),
    "measures.title": N_(
        "Report on measures taken at employers with a high risk of a social-labour conflict"
    ),
    "semiannual.title": N_(
        "Half-year analytical note: the social-labour situation and how agreements are kept"
    ),
    "as_of": N_("as of"),
    "scope": N_("Scope"),
    "period": N_("Period"),
    "snapshot": N_("Risk scored on"),
    "previous": N_("previous scoring"),
    "no_previous": N_("no previous scoring"),
    "generated": N_("Produced by the Labour Risk Map system"),
    "sec.summary": N_("Overall picture"),
    "sec.high": N_("High-risk employers"),
    "sec.changes": N_("Changes since the previous scoring"),
    "sec.regions": N_("By region"),
    "sec.media": N_("Media and online signals"),
    "sec.conflicts": N_("Current social-labour conflicts"),
    "sec.measures": N_("Measures taken"),
    "sec.results": N_("Results"),
    "sec.moved_out": N_("Moved out of the high-risk zone"),
    "sec.cases": N_("Conflicts and appeals in progress"),
    "sec.dynamics": N_("Risk by month"),
    "sec.conflicts_half": N_("Social-labour conflicts in the period"),
    "sec.agreements": N_("Collective agreements"),
    "sec.arrears": N_("Wage arrears"),
    "sec.media_half": N_("Media signals by month"),
    "fig.scored": N_("Employers scored"),
    "fig.high": N_("High risk"),
    "fig.elevated": N_("Elevated risk"),
    "fig.entered": N_("Entered the high-risk zone"),
    "fig.left": N_("Left the high-risk zone"),
    "fig.media": N_("Media signals"),
    "fig.conflicts": N_("Current conflicts"),
    "fig.measures": N_("Measures taken"),
    "fig.measured_employers": N_("Employers with measures taken"),
    "fig.moved_out": N_("Moved out of the high-risk zone"),
    "fig.prevented": N_("Conflicts prevented"),
    "fig.resolved": N_("Conflicts resolved"),
    "fig.escalated": N_("Escalated"),
    "fig.ongoing": N_("In progress at the end of the period"),
    "fig.conflicts_half": N_("Conflicts in the period"),
    "fig.participants": N_("Participants"),
    "fig.stoppages": N_("Of them with a work stoppage"),
    "fig.with_agreement": N_("High and elevated risk employers with a collective agreement in force"),
    "fig.with_agreement_pct": N_("Share with a collective agreement in force"),
    "fig.risky_total": N_("High and elevated risk employers"),
    "fig.expiring": N_("Collective agreements expiring within 6 months"),
    "fig.arrears_cases": N_("Wage arrears cases found"),
    "fig.arrears_workers": N_("Workers owed wages"),
    "fig.arrears_amount": N_("Arrears, million KZT"),
    "fig.arrears_repaid": N_("Repaid, million KZT"),
    "fig.ytd": N_("year to date"),
    "col.bin": N_("BIN"),
    "col.employer": N_("Employer"),
    "col.region": N_("Region"),
    "col.sector": N_("Sector (OKED)"),
    "col.score": N_("Risk score"),
    "col.score_prev": N_("Was"),
    "col.change": N_("Change"),
    "col.level": N_("Level"),
    "col.level_prev": N_("Level was"),
    "col.reasons": N_("Main reasons"),
    "col.total": N_("Scored in total"),
    "col.high_prev": N_("High (was)"),
    "col.date": N_("Date"),
    "col.source": N_("Source"),
    "col.title": N_("Headline"),
    "col.kind": N_("Kind"),
    "col.severity": N_("Severity"),
    "col.url": N_("Link"),
    "col.measure": N_("Measure"),
    "col.body": N_("Responsible body"),
    "col.count": N_("Count"),
    "col.measure_on": N_("Measure date"),
    "col.left_on": N_("Scoring"),
    "col.level_now": N_("Level now"),
    "col.started": N_("Started"),
    "col.ended": N_("Ended"),
    "col.causes": N_("Causes"),
    "col.participants": N_("Participants"),
    "col.outcome": N_("Outcome"),
    "col.month": N_("Month"),
    "col.case": N_("Case"),
    "col.opened": N_("Opened"),
    "col.closed": N_("Closed"),
    "level.none": N_("not scored"),
    "chart.levels": N_("Employers by risk level"),
    "chart.regions": N_("High-risk employers by region"),
    "chart.media": N_("Media signals by kind"),
    "chart.measures": N_("Measures taken by kind"),
    "chart.dynamics": N_("High and elevated risk employers at the end of the month"),
    "chart.conflict_causes": N_("Conflicts by cause"),
    "chart.now": N_("now"),
    "chart.before": N_("previous scoring"),
    "chart.employers": N_("employers"),
    "none": N_("none"),
    "empty.high": N_("No high-risk employers."),
    "empty.entered": N_("No new employers in the high-risk zone."),
    "empty.left": N_("No employers left the high-risk zone."),
    "empty.media": N_("No media signals in the period."),
    "empty.conflicts": N_("No current conflicts."),
    "empty.measures": N_("No measures were entered in the period."),
    "empty.moved_out": N_("No employers were moved out of the high-risk zone."),
    "empty.cases": N_("No cases in the period."),
    "note.moved_out": N_(
        "Moved out of the high-risk zone: an employer that was at the high risk level on the date of the measure and, in the last scoring of the period made after the measure, is below high."
    ),
    "note.measures_source": N_(
        "Measures and cases are those the response module published to the warehouse; when none are published, the section is empty."
    ),
    "note.scope_media": N_(
        "Media signals not linked to a particular employer are shown only in the national note."
    ),
    "note.shown_first": N_("The document shows the first {n} of {total}; the full list is in the XLSX file."),
    "summary.sentence": N_(
        "{scored} scored: high risk — {high} ({high_change}), elevated — {elevated} ({elevated_change}). {entered} entered the high-risk zone, {left} left it."
    ),
    "summary.first": N_("{scored} scored: high risk — {high}, elevated — {elevated}."),
    "half.1": N_("First half of {year}"),
    "half.2": N_("Second half of {year}"),
    "region.unknown": N_("not given"),
    "sheet.summary": N_("Summary"),
    "sheet.charts": N_("Charts"),
    "prev_half": N_("previous half-year"),
    "sheet.conflicts_list": N_("Conflicts (list)"),
}


def t(key: str, lang: str = "ru", **kw: object) -> str:
    s = i18n.gettext(MSGIDS[key], lang)
    return s.format(**kw) if kw else s


def employers(n: int, lang: str = "ru") -> str:
    """``1 234 предприятия`` / ``1,234 employers``: the number with its noun in the right plural form."""
    return fmt.plural(n, "{n} employer", "{n} employers", lang).format(n=fmt.number(n, lang))


def media_kind(code: str | None, lang: str = "ru") -> str:
    return i18n.label("media_kind", code, lang) if code else fmt.DASH


def level_name(level: str | None, lang: str = "ru") -> str:
    """The level's label; employers missing from a scoring are "not scored"."""
    return levels.label(level, lang) if level else t("level.none", lang)
