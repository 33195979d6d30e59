"""Employer attributes at the as-of date: region, sector (ОКЭД section), the extractive flag and the profile
flags."""

from __future__ import annotations

import ibis.expr.types as ir

from labormap.features.asof import AsOf
from labormap.features.frames import on_or_before, small_table
from labormap.features.sources import Sources
from labormap.reference.oked import _DIVISION_TO_SECTION, EXTRACTIVE_DIVISIONS


def division_sections() -> ir.Table:
    """ОКЭД division (two digits) → section letter, as a small in-memory table both engines can join."""
    divs = sorted(_DIVISION_TO_SECTION)
    return small_table(
        {"_division": [f"{d:02d}" for d in divs], "_section": [_DIVISION_TO_SECTION[d] for d in divs]},
        {"_division": "string", "_section": "string"},
    )


def employer_attributes(src: Sources, a: AsOf) -> ir.Table:
    """One row per employer known on D: ``employer_bin, region, sector, extractive, union_present,
    accident_insurance``.

    The employers registry holds the current profile (it has no dated history of its flags), so the union
    and insurance flags are today's values: documented in docs/risk.md as the one non-as-of input.
    """
    e = src["employers"]
    e = e.filter(e.registered_on.isnull() | on_or_before(e.registered_on, a.date))
    m = division_sections()
    j = e.left_join(m, e.oked.substr(0, 2) == m._division)
    # a missing or malformed ОКЭД is "not extractive" (0), like any other flag without evidence
    extractive = j.oked.substr(0, 2).isin([f"{d:02d}" for d in sorted(EXTRACTIVE_DIVISIONS)])
    return j.select(
        employer_bin=j.bin,
        region=j.kato.substr(0, 2),
        sector=j._section.fill_null("?"),
        extractive=extractive.fill_null(False).cast("int64"),
        union_present=j.union_present,
        accident_insurance=j.accident_insurance,
    )
