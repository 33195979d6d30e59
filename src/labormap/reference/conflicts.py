"""Kinds of social-labour conflicts, their causes, participant groups and outcomes.

Kinds follow the register of social-labour conflicts kept by МТСЗН and the forms named in the Roadmap
2025–2026; CAMEO codes (Conflict and Mediation Event Observations, Schrodt 2012, section 14 «Protest»)
let the map be compared with international event data: 141 demonstrate, 142 hunger strike,
143 strike or boycott, 144 obstruct or block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from labormap.reference.names import Labelled


@dataclass(frozen=True, slots=True)
class ConflictKind(Labelled):
    DOMAIN: ClassVar[str] = "conflict_kind"
    code: str
    cameo: str | None  # CAMEO 14x code, None for forms that are not protest events
    stoppage: bool  # work actually stopped (strikes and stoppages counted in the public figures)


_K = ConflictKind
CONFLICT_KINDS: dict[str, ConflictKind] = {
    k.code: k
    for k in [
        _K("strike", "143", True),
        _K("work_stoppage", "143", True),
        _K("hunger_strike", "142", False),
        _K("rally", "141", False),
        _K("blockade", "144", True),
        _K("collective_appeal", None, False),
        _K("collective_dispute", None, False),
    ]
}


@dataclass(frozen=True, slots=True)
class Cause(Labelled):
    DOMAIN: ClassVar[str] = "conflict_cause"
    code: str


CAUSES: dict[str, Cause] = {
    c.code: c
    for c in [
        Cause("wage_level"),
        Cause("wage_arrears"),
        Cause("layoffs"),
        Cause("transfer_to_parent"),
        Cause("pay_gap"),
        Cause("working_conditions"),
        Cause("management"),
        Cause("social_package"),
    ]
}

# Codes only; their names are in the catalogue (domains ``participant_group`` and ``outcome``).
PARTICIPANT_GROUPS: tuple[str, ...] = ("own_staff", "contractor_staff", "mixed")
OUTCOMES: tuple[str, ...] = ("prevented", "resolved", "escalated", "ongoing")
