"""ОКЭД (общий классификатор видов экономической деятельности) sections A–U and their divisions.

Source: ГК РК 03-2019 «Общий классификатор видов экономической деятельности», harmonised with NACE Rev. 2:
the section of a five-digit code is fixed by its first two digits (the division).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from labormap.reference.names import Labelled


@dataclass(frozen=True, slots=True)
class OkedSection(Labelled):
    DOMAIN: ClassVar[str] = "oked_section"
    code: str  # A..U
    divisions: tuple[int, int]  # first and last two-digit division of the section


_S = OkedSection
OKED_SECTIONS: dict[str, OkedSection] = {
    s.code: s
    for s in [
        _S("A", (1, 3)),
        _S("B", (5, 9)),
        _S("C", (10, 33)),
        _S("D", (35, 35)),
        _S("E", (36, 39)),
        _S("F", (41, 43)),
        _S("G", (45, 47)),
        _S("H", (49, 53)),
        _S("I", (55, 56)),
        _S("J", (58, 63)),
        _S("K", (64, 66)),
        _S("L", (68, 68)),
        _S("M", (69, 75)),
        _S("N", (77, 82)),
        _S("O", (84, 84)),
        _S("P", (85, 85)),
        _S("Q", (86, 88)),
        _S("R", (90, 93)),
        _S("S", (94, 96)),
        _S("T", (97, 98)),
        _S("U", (99, 99)),
    ]
}

# Divisions that exist in ОКЭД (NACE Rev. 2 has gaps: 04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89).
VALID_DIVISIONS: frozenset[int] = frozenset(
    d for s in OKED_SECTIONS.values() for d in range(s.divisions[0], s.divisions[1] + 1)
) - {4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89}

_DIVISION_TO_SECTION: dict[int, str] = {
    d: s.code
    for s in OKED_SECTIONS.values()
    for d in range(s.divisions[0], s.divisions[1] + 1)
    if d in VALID_DIVISIONS
}


# The extractive trades and their first processing: mining and quarrying (05–09, oil and gas among them),
# coke and refined petroleum (19), basic metals (24) — the oil, gas and metals employers whose disputes
# weigh most in Kazakhstan's labour conflicts. Feature ``extractive`` (labormap.features.employers).
EXTRACTIVE_DIVISIONS: frozenset[int] = frozenset({5, 6, 7, 8, 9, 19, 24})


def oked_section_of(code: str) -> str | None:
    """Section letter of a five-digit ОКЭД code (or of its first two digits), None when unknown."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return None
    return _DIVISION_TO_SECTION.get(int(code[:2]))
