"""Key figures of the employer card: the latest features, grouped by family, against region and sector
medians, with labels and units from the engine's feature catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from labormap import fmt
from labormap.web.employers.models import Employer, EmployerFigures, PeerMedian

try:  # the catalogue is the engine's single list of features; the card degrades to raw names without it
    from labormap.features.catalog import FEATURES_BY_NAME
except ImportError:  # pragma: no cover
    FEATURES_BY_NAME = {}

# Card sections in the order of the issue: headcount, wages, contribution discipline, arrears and
# enforcement, ЕСУТД completeness, agreements, contractor chain; then the rest.
FAMILIES: list[tuple[str, Any]] = [
    ("workforce", _("Headcount and turnover")),
    ("wages", _("Wages")),
    ("contributions", _("Contribution discipline")),
    ("arrears", _("Wage arrears and enforcement")),
    ("esutd", _("ЕСУТД completeness")),
    ("worktime", _("Working time")),
    ("agreements", _("Agreements and insurance")),
    ("contractors", _("Contractor chain")),
    ("media", _("Media")),
    ("survey", _("Worker surveys")),
    ("conflicts", _("Conflicts")),
    ("other", _("Other")),
]

_KNOWN = {fam for fam, _label in FAMILIES}


def feature_label(code: str, lang: str) -> str:
    f = FEATURES_BY_NAME.get(code)
    return f.label(lang) if f else code.replace("_", " ")


def feature_unit(code: str) -> str:
    f = FEATURES_BY_NAME.get(code)
    return f.unit if f else ""


def format_value(value: float | None, unit: str, lang: str) -> str:
    """A figure as the reader writes it (labormap.fmt: groups, decimal mark, per cent, tenge)."""
    if value is None:
        return fmt.DASH
    if unit == "share":
        return fmt.percent(value, lang, 1)
    if unit == "flag":
        return str(_("yes")) if value >= 0.5 else str(_("no"))
    if unit == "KZT":
        return fmt.money(value, lang)
    if unit in ("workers", "count", "days", "months"):
        return fmt.number(value, lang, 0 if float(value).is_integer() else 1)
    return fmt.number(value, lang, 2)


@dataclass
class Figure:
    code: str
    label: str
    value: str
    region_sector: str
    region: str
    sector: str
    direction: int
    worse: bool  # worse than the region × sector median in the risky direction


def key_figures(employer: Employer, lang: str) -> list[tuple[Any, list[Figure]]]:
    figs = EmployerFigures.objects.filter(employer=employer).first()
    if figs is None:
        return []
    peers = {
        (p.region, p.sector): p.data
        for p in PeerMedian.objects.filter(region__in=[employer.region, ""], sector__in=[employer.sector, ""])
    }
    rs = peers.get((employer.region, employer.sector), {})
    r_ = peers.get((employer.region, ""), {})
    s_ = peers.get(("", employer.sector), {})
    groups: dict[str, list[Figure]] = {}
    for code, value in figs.data.items():
        f = FEATURES_BY_NAME.get(code)
        family = f.family if f and f.family in _KNOWN else "other"
        unit = feature_unit(code)
        direction = f.direction if f else 0
        med = rs.get(code)
        worse = value is not None and med is not None and direction != 0 and (value - med) * direction > 0
        groups.setdefault(family, []).append(
            Figure(
                code,
                feature_label(code, lang),
                format_value(value, unit, lang),
                format_value(med, unit, lang),
                format_value(r_.get(code), unit, lang),
                format_value(s_.get(code), unit, lang),
                direction,
                bool(worse),
            )
        )
    return [(label, groups[fam]) for fam, label in FAMILIES if fam in groups]
