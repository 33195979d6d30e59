"""Likely conflict causes from the risk score's reasons, to pre-fill a prevention case.

A case opened from a high-risk alert has no collective action yet, but its reasons say where tension
comes from: unpaid wages and contributions point to wage arrears, staff cuts to layoffs, pay below the
tariff or the peers to the wage level. The playbook then picks the cause rules for those causes. Reasons
that say nothing about a cause (media, past conflicts nearby, survey) map to none; the user can edit.
"""

from __future__ import annotations

from collections.abc import Iterable

# reason codes of the scorecard (labormap/risk/scorecard.yaml) and the model's feature groups
REASON_CAUSES: dict[str, str] = {
    "wage_arrears": "wage_arrears",
    "inspector_orders": "wage_arrears",
    "arrears_history": "wage_arrears",
    "enforcement": "wage_arrears",
    "missing_contributions": "wage_arrears",
    "late_contributions": "wage_arrears",
    "short_contributions": "wage_arrears",
    "layoffs": "layoffs",
    "headcount_drop": "layoffs",
    "contract_loss": "layoffs",
    "customer_layoffs": "layoffs",
    "near_min_wage": "wage_level",
    "below_tariff": "wage_level",
    "wage_vs_peers": "wage_level",
    "real_wage": "wage_level",
    "payroll_drop": "wage_level",
    "idle_part_time": "wage_level",
    "pay_gap": "pay_gap",
    "no_accident_insurance": "working_conditions",
    "collective_agreement": "social_package",
    "turnover": "management",
}
# feature-name prefixes, for reasons named after a feature rather than a scorecard code
PREFIX_CAUSES: tuple[tuple[str, str], ...] = (
    ("arrears", "wage_arrears"),
    ("contrib", "wage_arrears"),
    ("opv_short", "wage_arrears"),
    ("overdue_orders", "wage_arrears"),
    ("enforcement", "wage_arrears"),
    ("reduction", "layoffs"),
    ("liquidation", "layoffs"),
    ("headcount", "layoffs"),
    ("contract_workers", "layoffs"),
    ("customer_reduction", "layoffs"),
    ("share_near_min", "wage_level"),
    ("share_below_tariff", "wage_level"),
    ("wage_vs_peers", "wage_level"),
    ("median_wage", "wage_level"),
    ("payroll", "wage_level"),
    ("idle", "wage_level"),
    ("part_time", "wage_level"),
    ("pay_gap", "pay_gap"),
    ("no_accident", "working_conditions"),
    ("ca_", "social_package"),
    ("turnover", "management"),
)


def cause_of_reason(code: str) -> str | None:
    if code in REASON_CAUSES:
        return REASON_CAUSES[code]
    for prefix, cause in PREFIX_CAUSES:
        if code.startswith(prefix):
            return cause
    return None


def causes_from_reasons(codes: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Distinct causes of the reasons in their order (largest contribution first), at most ``limit``."""
    out: list[str] = []
    for code in codes:
        c = cause_of_reason(code)
        if c and c not in out:
            out.append(c)
            if len(out) == limit:
                break
    return tuple(out)
