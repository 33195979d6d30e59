"""The semi-annual note on agreements (Roadmap item 2): compliance by region and sector with the lists of
violators, coverage and completeness — one :class:`~labormap.reports.model.Report`, rendered to DOCX and
XLSX by the reports package, in Russian, Kazakh or English, within a :class:`ReportScope`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb

from labormap import i18n
from labormap.agreements.common import Half
from labormap.agreements.completeness import ELEMENTS, Checklist, completeness
from labormap.agreements.compliance import KINDS, ComplianceResult, compliance
from labormap.agreements.coverage import CoverageResult, coverage
from labormap.reference.regions import REGIONS
from labormap.reports.model import Column, Heading, KeyFigure, KeyFigures, Paragraph, Report, Table
from labormap.reports.scope import ReportScope, resolve

N_ = i18n.N_


@dataclass
class NoteData:
    half: Half
    scope: ReportScope
    compliance: ComplianceResult
    coverage: CoverageResult
    checklists: list[Checklist]


def note_data(con: duckdb.DuckDBPyConnection, half: Half, scope: ReportScope) -> NoteData:
    bins = resolve(scope, con)
    return NoteData(
        half=half,
        scope=scope,
        compliance=compliance(con, half, bins=bins),
        coverage=coverage(con, half, bins=bins),
        checklists=completeness(con, half),
    )


def _region(code: str, lang: str) -> str:
    r = REGIONS.get(code)
    return r.name(lang) if r else code


def _section(code: str, lang: str) -> str:
    return i18n.label("oked_section", code, lang) if code and code != "?" else "—"


def build_note(data: NoteData, lang: str) -> Report:
    def _(m: str) -> str:
        return i18n.gettext(m, lang)

    half = data.half
    comp = data.compliance
    violators = sorted({f.employer_bin for f in comp.findings})
    # workers affected per employer: the largest count over its kinds (a worker may be short on several)
    per_emp: dict[str, int] = defaultdict(int)
    for f in comp.findings:
        per_emp[f.employer_bin] = max(per_emp[f.employer_bin], f.workers)
    shortfall = round(sum(f.shortfall_kzt_month for f in comp.findings), 2)
    uncovered_sections = [s for s in data.coverage.sectors if s.level == "section" and not s.covered]
    uncovered_regions = [r for r in data.coverage.regions if not r.covered]
    gaps = [c for c in data.checklists if c.gaps]

    rep = Report(
        kind="agreements",
        lang=lang,
        title=_("Semi-annual note on compliance with collective, sectoral and regional agreements"),
        subtitle=f"{half.code} · {half.first.isoformat()} — {half.last.isoformat()} · {data.scope.name(lang)}",
        footer=_("Produced by the Labour Risk Map system"),
    )
    b = rep.blocks
    b.append(Heading(_("Key figures")))
    b.append(
        KeyFigures(
            (
                KeyFigure(_("Employers checked"), comp.employers_checked, key="employers_checked"),
                KeyFigure(_("Workers checked"), comp.workers_checked, key="workers_checked"),
                KeyFigure(_("Employers paying below an agreement"), len(violators), key="violators"),
                KeyFigure(_("Workers affected"), sum(per_emp.values()), key="workers_affected"),
                KeyFigure(_("Monthly shortfall, KZT"), shortfall, key="shortfall_kzt_month"),
                KeyFigure(
                    _("Sectors (ОКЭД sections) without a sectoral agreement"),
                    len(uncovered_sections),
                    key="sections_uncovered",
                ),
                KeyFigure(
                    _("Regions without a regional agreement"), len(uncovered_regions), key="regions_uncovered"
                ),
                KeyFigure(
                    _("Sectoral agreements with gaps in the pay system"),
                    len(gaps),
                    key="agreements_with_gaps",
                ),
            )
        )
    )

    # --- compliance by region and by sector
    b.append(Heading(_("Compliance by region")))
    by_region: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    by_sector: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    seen_r: set[tuple[str, str]] = set()
    seen_s: set[tuple[str, str]] = set()
    for f in comp.findings:
        if (f.region, f.employer_bin) not in seen_r:
            seen_r.add((f.region, f.employer_bin))
            by_region[f.region][0] += 1
            by_region[f.region][1] += per_emp[f.employer_bin]
        by_region[f.region][2] += f.shortfall_kzt_month
        if (f.section, f.employer_bin) not in seen_s:
            seen_s.add((f.section, f.employer_bin))
            by_sector[f.section][0] += 1
            by_sector[f.section][1] += per_emp[f.employer_bin]
        by_sector[f.section][2] += f.shortfall_kzt_month
    cols = (
        Column(_("Employers paying below"), "int", 12),
        Column(_("Workers affected"), "int", 12),
        Column(_("Monthly shortfall, KZT"), "float", 16),
    )
    b.append(
        Table(
            _("Compliance by region"),
            _("By region"),
            (Column(_("Region"), "text", 30), *cols),
            [[_region(r, lang), int(v[0]), int(v[1]), round(v[2], 2)] for r, v in sorted(by_region.items())],
            empty_text=_("No employer paid below an agreement."),
        )
    )
    b.append(Heading(_("Compliance by sector")))
    b.append(
        Table(
            _("Compliance by sector"),
            _("By sector"),
            (Column(_("Sector (ОКЭД section)"), "text", 30), *cols),
            [[_section(s, lang), int(v[0]), int(v[1]), round(v[2], 2)] for s, v in sorted(by_sector.items())],
            empty_text=_("No employer paid below an agreement."),
        )
    )
    b.append(Heading(_("Employers paying below agreements")))
    b.append(
        Table(
            _("Employers paying below agreements"),
            _("Violators"),
            (
                Column(_("BIN"), "text", 14),
                Column(_("Employer"), "text", 32),
                Column(_("Region"), "text", 22),
                Column(_("Sector"), "text", 22),
                Column(_("Finding"), "text", 28),
                Column(_("Workers"), "int", 10),
                Column(_("Monthly shortfall, KZT"), "float", 16),
            ),
            [
                [
                    f.employer_bin,
                    f.name,
                    _region(f.region, lang),
                    _section(f.section, lang),
                    i18n.label("agreement_finding", f.kind, lang),
                    f.workers,
                    f.shortfall_kzt_month,
                ]
                for f in sorted(comp.findings, key=lambda f: (-f.shortfall_kzt_month, f.employer_bin))
            ],
            docx_limit=60,
            empty_text=_("No employer paid below an agreement."),
        )
    )

    # --- coverage
    b.append(Heading(_("Coverage by sectoral agreements")))
    b.append(
        Table(
            _("Coverage by sectoral agreements"),
            _("Coverage by sector"),
            (
                Column(_("ОКЭД"), "text", 8),
                Column(_("Sector"), "text", 32),
                Column(_("Agreements in force"), "text", 22),
                Column(_("Employers"), "int", 10),
                Column(_("Workers"), "int", 10),
                Column(_("Employers uncovered"), "int", 12),
                Column(_("Workers uncovered"), "int", 12),
            ),
            [
                [
                    s.code,
                    _section(s.section, lang) if s.level == "section" else "",
                    ", ".join(s.agreements) or _("none"),
                    s.employers,
                    s.workers,
                    s.employers_uncovered,
                    s.workers_uncovered,
                ]
                for s in data.coverage.sectors
            ],
        )
    )
    b.append(Heading(_("Coverage by regional agreements")))
    b.append(
        Table(
            _("Coverage by regional agreements"),
            _("Coverage by region"),
            (
                Column(_("Region"), "text", 30),
                Column(_("Agreements in force"), "text", 22),
                Column(_("Employers"), "int", 10),
                Column(_("Workers"), "int", 10),
                Column(_("Employers without any agreement"), "int", 14),
                Column(_("Workers without any agreement"), "int", 14),
            ),
            [
                [
                    _region(r.region, lang),
                    ", ".join(r.agreements) or _("none"),
                    r.employers,
                    r.workers,
                    r.employers_no_agreement,
                    r.workers_no_agreement,
                ]
                for r in data.coverage.regions
            ],
        )
    )

    # --- completeness
    b.append(Heading(_("Completeness of sectoral agreements")))
    yes, no = _("yes"), _("no")
    b.append(
        Table(
            _("Completeness of sectoral agreements"),
            _("Completeness"),
            (
                Column(_("Agreement"), "text", 14),
                Column(_("Title"), "text", 40),
                Column(_("In force"), "text", 22),
                *(Column(i18n.label("pay_element", e, lang), "text", 12) for e in ELEMENTS),
                Column(_("Gaps"), "text", 30),
            ),
            [
                [
                    c.agreement_id,
                    c.title,
                    f"{c.valid_from} — {c.valid_to}",
                    *(yes if c.elements[e] else no for e in ELEMENTS),
                    ", ".join(i18n.label("pay_element", g, lang) for g in c.gaps) or "—",
                ]
                for c in data.checklists
            ],
            empty_text=_("No sectoral agreement was in force."),
        )
    )
    b.append(
        Paragraph(
            _(
                "Rules: pay for each full month is compared with the higher of the sectoral and regional "
                "minimum tariff (times the inter-grade coefficient for the worker's grade) and the collective "
                "agreement's tariff, pro-rated by the work rate, plus the hazard bonus for harmful work "
                "(Labour Code of the Republic of Kazakhstan: art. 70 on part-time work, art. 105 on pay for "
                "harmful work, art. 107 on pay systems and agreements; its social partnership chapter, which "
                "replaced the Law on Social Partnership of 2000). Details: docs/agreements.md."
            ),
            note=True,
        )
    )
    return rep


# msgids of codes shown in the note and on the pages (labelled by domain)
CODE_DOMAINS = {"agreement_finding": KINDS, "pay_element": ELEMENTS}


def build_compliance_report(res: ComplianceResult, lang: str, region: str | None = None) -> Report:
    """The findings alone (``agreements compliance --out``): key figures and the list of violators."""

    def _(m: str) -> str:
        return i18n.gettext(m, lang)

    scope = ReportScope.for_regions([region]) if region else ReportScope()
    data = NoteData(res.half, scope, res, CoverageResult(res.half, res.half.last), [])
    full = build_note(data, lang)
    keep: list[object] = []
    for block in full.blocks:
        if isinstance(block, KeyFigures):
            keep.append(KeyFigures(tuple(f for f in block.items if f.key in _COMPLIANCE_KEYS)))
        elif isinstance(block, Table) and block.title == _("Employers paying below agreements"):
            keep.append(block)
    full.blocks = [Heading(_("Key figures")), *keep]  # type: ignore[list-item]
    full.title = _("Pay against collective, sectoral and regional agreements")
    return full


_COMPLIANCE_KEYS = {
    "employers_checked",
    "workers_checked",
    "violators",
    "workers_affected",
    "shortfall_kzt_month",
}
