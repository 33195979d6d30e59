"""Quarterly reconciliation acts between the labour inspection, the police and the enforcement officers.

``reconcile(records, "2025Q3", region="75")`` matches every inspector order (``arrears.order_no``) with
the enforcement proceedings (``enforcement.order_no``) and police cases (``police_cases.order_no``) that
cite it and lists the discrepancies; :mod:`labormap.reconcile.act` writes the act (DOCX/XLSX, ru/kk).
Rules and their sources: :mod:`labormap.reconcile.rules` and docs/reconcile.md.
"""

from labormap.reconcile.engine import (
    Act,
    Discrepancy,
    Order,
    PoliceCase,
    Proceeding,
    Records,
    holding_at,
    load_records,
    reconcile,
)
from labormap.reconcile.rules import KINDS, Quarter

__all__ = [
    "KINDS",
    "Act",
    "Discrepancy",
    "Order",
    "PoliceCase",
    "Proceeding",
    "Quarter",
    "Records",
    "holding_at",
    "load_records",
    "reconcile",
]
