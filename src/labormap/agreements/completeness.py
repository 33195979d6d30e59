"""Completeness of sectoral agreements (Roadmap items 25b and 30): does each set a whole pay system?

A sectoral agreement in force during the half-year is checked for the four elements of a pay system
(Labour Code art. 103 and 104; the Government's model order on pay systems): a minimum tariff rate of
the 1st grade (> 0), an inter-grade coefficient (> 1, so grades differ), a hazard bonus order (a bonus
for harmful or dangerous work, > 0 %) and an indexation clause. Each missing element is a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from labormap.agreements.common import Half

ELEMENTS = ("min_tariff", "inter_grade", "hazard_bonus", "indexation")


@dataclass(frozen=True)
class Checklist:
    agreement_id: str
    level: str
    section: str | None
    division: str | None
    region: str | None
    title: str
    valid_from: str
    valid_to: str
    min_tariff_kzt: float | None
    inter_grade_coefficient: float | None
    hazard_bonus_pct: float | None
    indexation_clause: bool | None

    @property
    def elements(self) -> dict[str, bool]:
        return {
            "min_tariff": (self.min_tariff_kzt or 0) > 0,
            "inter_grade": (self.inter_grade_coefficient or 0) > 1,
            "hazard_bonus": (self.hazard_bonus_pct or 0) > 0,
            "indexation": bool(self.indexation_clause),
        }

    @property
    def gaps(self) -> list[str]:
        return [k for k, ok in self.elements.items() if not ok]

    def as_json(self) -> dict[str, object]:
        return {
            "agreement_id": self.agreement_id,
            "level": self.level,
            "oked_section": self.section,
            "oked_division": self.division,
            "region": self.region,
            "title": self.title,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "elements": self.elements,
            "gaps": self.gaps,
        }


def completeness(
    con: duckdb.DuckDBPyConnection, half: Half, *, levels: tuple[str, ...] = ("sectoral",)
) -> list[Checklist]:
    rows = con.execute(
        """
        SELECT agreement_id, level, oked_section, oked_division, region, coalesce(title, agreement_id),
               CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR), min_tariff_kzt,
               inter_grade_coefficient, hazard_bonus_pct, indexation_clause
        FROM ag_sector_agreements
        WHERE valid_from <= $last AND valid_to >= $first AND level IN (SELECT unnest($levels::VARCHAR[]))
        ORDER BY level, oked_section NULLS LAST, oked_division NULLS FIRST, region, agreement_id
        """,
        {"first": half.first, "last": half.last, "levels": list(levels)},
    ).fetchall()
    return [Checklist(*r) for r in rows]
