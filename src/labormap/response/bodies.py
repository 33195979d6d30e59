"""The bodies that take part in the response (Roadmap 2025–2026, column «Ответственные исполнители»)
and who an overdue task escalates to.

The escalation chain follows the subordination the roadmap implies: an employer that does not act is
taken up by its holding (when it belongs to one) and then by the local executive body; unions and the
employers' association coordinate through the akimat; the akimat and the regional labour inspection
report to the ministry, which is the top of the chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from labormap import i18n
from labormap.reference.names import Labelled


@dataclass(frozen=True, slots=True)
class Body(Labelled):
    DOMAIN: ClassVar[str] = "body"
    code: str

    def short(self, lang: str | None = None) -> str:
        """The short name used in task lists (catalogue domain ``body_short``)."""
        return i18n.label("body_short", self.code, lang)

    @property
    def short_ru(self) -> str:
        return self.short("ru")


BODIES: dict[str, Body] = {
    b.code: b
    for b in [
        Body("mtszn"),
        Body("mio"),
        Body("labour_inspection"),
        Body("union"),
        Body("employers_association"),
        Body("employer"),
        Body("holding"),
        # counterparties of the quarterly reconciliation act (labels in labormap/reconcile/locale)
        Body("police"),
        Body("enforcement"),
    ]
}

TOP_BODY = "mtszn"


def next_body(body: str, *, has_holding: bool) -> str | None:
    """The body an overdue task of ``body`` escalates to by default; None at the top of the chain."""
    if body == "employer":
        return "holding" if has_holding else "mio"
    if body in ("union", "employers_association"):
        return "mio"
    # the police and the enforcement officers answer to the ministry's interagency reconciliation
    if body in ("holding", "labour_inspection", "mio", "police", "enforcement"):
        return TOP_BODY
    if body == TOP_BODY:
        return None
    raise KeyError(f"unknown body {body!r}")
