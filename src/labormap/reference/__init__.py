"""Reference data: regions, economic activities, yearly parameters, ЕСУТД rules, conflict codes.

Every figure carries a one-line source note; they are public facts, not project data.
"""

from labormap.reference.conflicts import (
    CAUSES,
    CONFLICT_KINDS,
    OUTCOMES,
    PARTICIPANT_GROUPS,
    Cause,
    ConflictKind,
)
from labormap.reference.esutd import (
    ESUTD_DEADLINES,
    TERMINATION_GROUNDS,
    EsutdDeadline,
    TerminationGround,
)
from labormap.reference.oked import OKED_SECTIONS, OkedSection, oked_section_of
from labormap.reference.parameters import (
    CPI_INFLATION,
    YEARLY_PARAMETERS,
    YearParameters,
    contribution_deadline,
    parameters_for,
)
from labormap.reference.regions import REGIONS, Region, region_of_kato

__all__ = [
    "CAUSES",
    "CONFLICT_KINDS",
    "CPI_INFLATION",
    "ESUTD_DEADLINES",
    "OKED_SECTIONS",
    "OUTCOMES",
    "PARTICIPANT_GROUPS",
    "REGIONS",
    "TERMINATION_GROUNDS",
    "YEARLY_PARAMETERS",
    "Cause",
    "ConflictKind",
    "EsutdDeadline",
    "OkedSection",
    "Region",
    "TerminationGround",
    "YearParameters",
    "contribution_deadline",
    "oked_section_of",
    "parameters_for",
    "region_of_kato",
]
