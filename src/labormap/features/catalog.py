"""The feature catalogue: every column of the feature table with its labels, unit and risk direction.

The catalogue is the single list the feature builder, the model (monotone constraints), the scorecard,
the reasons and the web card read, so a feature exists once with one meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

from labormap import i18n


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    family: str
    unit: str  # workers, share, ratio, KZT, months, days, count, flag, index, rate (per 1,000 employers)
    # +1: a higher value can only raise the risk; -1: can only lower it; 0: the domain does not fix it.
    direction: int
    # value when the employer has no rows for the feature (None keeps NULL: "unknown", not "zero")
    fill: float | None = 0.0

    def label(self, lang: str | None = None) -> str:
        """The feature's name for a person, from the catalogue (domain ``feature``, labormap.i18n)."""
        return i18n.label("feature", self.name, lang)

    @property
    def label_ru(self) -> str:
        return self.label("ru")

    @property
    def label_kk(self) -> str:
        return self.label("kk")

    @property
    def label_en(self) -> str:
        return self.label("en")


_F = Feature
FEATURES: tuple[Feature, ...] = (
    _F("headcount", "workforce", "workers", 0),
    _F("headcount_change_3m", "workforce", "share", -1, fill=None),
    _F("headcount_change_6m", "workforce", "share", -1, fill=None),
    _F("headcount_change_12m", "workforce", "share", -1, fill=None),
    _F("esutd_headcount", "workforce", "workers", 0),
    _F("hires_12m", "workforce", "workers", 0),
    _F("terminations_12m", "workforce", "workers", 0),
    _F("reduction_terminations_3m", "workforce", "workers", 1),
    _F("reduction_terminations_12m", "workforce", "workers", 1),
    _F("liquidation_terminations_12m", "workforce", "workers", 1),
    _F("turnover_12m", "workforce", "share", 1),
    _F("reduction_share_12m", "workforce", "share", 1),
    _F("median_wage", "wages", "KZT", 0, fill=None),
    _F("median_wage_real_change_12m", "wages", "share", -1, fill=None),
    _F("wage_vs_peers", "wages", "ratio", -1, fill=None),
    _F("wage_vs_tariff", "wages", "ratio", -1, fill=None),
    _F("share_below_tariff", "wages", "share", 1),
    _F("share_near_min_wage", "wages", "share", 1),
    _F("pay_gap_p90_p50", "wages", "ratio", 1, fill=None),
    _F("payroll_change_3m", "wages", "share", -1, fill=None),
    _F("contrib_late_share_12m", "contributions", "share", 1),
    _F("contrib_late_months_12m", "contributions", "months", 1),
    _F("contrib_missing_months_12m", "contributions", "months", 1),
    _F("opv_short_share_12m", "contributions", "share", 1),
    _F("so_short_share_12m", "contributions", "share", 1),
    _F("osms_short_share_12m", "contributions", "share", 1),
    _F("paid_without_contract_share", "esutd", "share", 1),
    _F("contract_without_pay_share", "esutd", "share", 1),
    _F("esutd_late_share_12m", "esutd", "share", 1),
    _F("part_time_share", "worktime", "share", 1),
    _F("idle_share", "worktime", "share", 1),
    _F("arrears_open_cases", "arrears", "count", 1),
    _F("arrears_workers", "arrears", "workers", 1),
    _F("arrears_months", "arrears", "months", 1),
    _F("arrears_amount_per_worker", "arrears", "KZT", 1),
    _F("arrears_cases_3y", "arrears", "count", 1),
    _F("overdue_orders", "arrears", "count", 1),
    _F("enforcement_open", "arrears", "count", 1),
    _F("enforcement_amount_kzt", "arrears", "KZT", 1),
    _F("no_accident_insurance", "agreements", "flag", 1),
    _F("union_present", "agreements", "flag", 0),
    _F("ca_in_force", "agreements", "flag", -1),
    _F("ca_expiring_180d", "agreements", "flag", 1),
    _F("ca_lapsed_365d", "agreements", "flag", 1),
    _F("service_contracts_active", "contractors", "count", 0),
    _F("contract_workers_ending_90d_share", "contractors", "share", 1),
    _F("contract_workers_ended_90d_share", "contractors", "share", 1),
    _F("customer_reduction_share_6m", "contractors", "share", 1),
    _F("media_7d", "media", "count", 1),
    _F("media_30d", "media", "count", 1),
    _F("media_90d", "media", "count", 1),
    _F("media_severity_max_30d", "media", "index", 1),
    _F("media_protest_30d", "media", "count", 1),
    _F("survey_index", "survey", "index", -1, fill=None),
    _F("survey_protest", "survey", "index", 1, fill=None),
    _F("conflicts_3y", "conflicts", "count", 1),
    _F("days_since_conflict", "conflicts", "days", -1, fill=None),
    _F("conflicts_nearby_90d", "conflicts", "count", 1),
    _F("conflicts_nearby_365d", "conflicts", "count", 1),
    # base rates of the employer's region and sector, the employer left out (NULL when it has no peers)
    _F("region_conflict_rate_3y", "conflicts", "rate", 1, fill=None),
    _F("sector_conflict_rate_3y", "conflicts", "rate", 1, fill=None),
    _F("extractive", "conflicts", "flag", 1),
)

FEATURES_BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)

# Columns of the feature table that describe the employer rather than measure it (for breakdowns, peers).
ATTRIBUTES: tuple[str, ...] = ("region", "sector")
KEY_COLUMNS: tuple[str, ...] = ("employer_bin", "as_of")


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (docs/risk.md quotes it)."""
    arrow = {1: "↑ risk", -1: "↓ risk", 0: "—"}
    lines = [
        "| feature | family | label (ru) | label (en) | unit | monotone | missing |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in FEATURES:
        missing = "NULL" if f.fill is None else f"{f.fill:g}"
        lines.append(
            f"| `{f.name}` | {f.family} | {f.label_ru} | {f.label_en} | {f.unit} | {arrow[f.direction]} | "
            f"{missing} |"
        )
    return "\n".join(lines)
