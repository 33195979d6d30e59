"""Media signal kinds (listed in docs/architecture.md) with their labels, priority and base severity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from labormap.reference.names import Labelled


@dataclass(frozen=True, slots=True)
class SignalKind(Labelled):
    DOMAIN: ClassVar[str] = "media_kind"
    code: str
    severity: int  # base severity 0..3 before participants / deaths / money raise it


_K = SignalKind
KINDS: dict[str, SignalKind] = {
    k.code: k
    for k in [
        _K("strike", 3),
        _K("hunger_strike", 3),
        _K("rally", 2),
        _K("appeal", 2),
        _K("strike_threat", 2),
        _K("wage_arrears", 1),
        _K("layoffs", 1),
        _K("conditions", 1),
        _K("other_labour", 1),
        _K("not_labour", 0),
    ]
}

# When a publication reports several actions, the most intense one names it.
KIND_PRIORITY: tuple[str, ...] = (
    "hunger_strike",
    "strike",
    "rally",
    "strike_threat",
    "appeal",
    "wage_arrears",
    "layoffs",
    "conditions",
    "other_labour",
    "not_labour",
)
ACTION_KINDS = ("hunger_strike", "strike", "rally", "strike_threat", "appeal")
ISSUE_KINDS = ("wage_arrears", "layoffs", "conditions")
SEVERITY_BY_KIND: dict[str, int] = {k: v.severity for k, v in KINDS.items()}
