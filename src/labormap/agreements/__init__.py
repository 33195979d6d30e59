"""Agreements (Roadmap items 2, 25, 30, 31): pay against collective, sectoral and regional agreements,
coverage of sectors and regions by agreements, completeness of sectoral pay systems, the semi-annual note.

Framework-free DuckDB SQL over the warehouse registries; rules and sources in docs/agreements.md.
"""

from labormap.agreements.common import AgreementsError, Half
from labormap.agreements.completeness import Checklist, completeness
from labormap.agreements.compliance import KINDS, ComplianceResult, Finding, compliance
from labormap.agreements.coverage import CoverageResult, coverage

__all__ = [
    "KINDS",
    "AgreementsError",
    "Checklist",
    "ComplianceResult",
    "CoverageResult",
    "Finding",
    "Half",
    "completeness",
    "compliance",
    "coverage",
]
