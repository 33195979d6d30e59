"""The finding kinds of the monthly control, in the order reports list them."""

from __future__ import annotations

# Contribution codes as the payments registry names its columns.
CONTRIBUTIONS: tuple[str, ...] = ("opv", "opvr", "so", "oosms", "vosms")
CONTRIBUTION_PROBLEMS: tuple[str, ...] = ("missing", "short", "late")

ESUTD_KINDS: tuple[str, ...] = (
    "esutd_paid_without_contract",
    "esutd_contract_without_pay",
    "esutd_late_hire",
    "esutd_late_termination",
    "esutd_late_amendment",
)

FINDING_KINDS: tuple[str, ...] = (
    *(f"{c}_{p}" for c in CONTRIBUTIONS for p in CONTRIBUTION_PROBLEMS),
    "payments_stopped",
    *ESUTD_KINDS,
)


def family(kind: str) -> str:
    """'contributions', 'payments' or 'esutd' — what kind of correction closes the finding."""
    if kind.startswith("esutd_"):
        return "esutd"
    if kind == "payments_stopped":
        return "payments"
    return "contributions"
