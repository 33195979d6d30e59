"""The rules of the quarterly reconciliation, in one place: quarters, terms, kinds and who answers for them.

Sources of the terms (see docs/reconcile.md):
- an inspector's order (предписание) not carried out by its deadline is sent for enforcement; the act
  flags an order overdue by more than :data:`OVERDUE_DAYS` days, unpaid, with no proceeding citing it
  (the 30 days are the issue's and the roadmap's working rule, not a statutory term);
- the police must take a procedural decision on a registered case within the term of pre-trial
  investigation — two months (Уголовно-процессуальный кодекс РК от 4 июля 2014 г. № 231-V, ст. 192 ч. 1);
  the act flags a case with no final decision :data:`POLICE_TERM_MONTHS` months after registration.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from labormap.i18n import N_

OVERDUE_DAYS = 30
# An enforcement officer needs a few days to close a proceeding once the debt is repaid; a proceeding
# still open this long after repayment is a discrepancy (a shorter lag is ordinary paperwork).
REPAID_GRACE_DAYS = 30
POLICE_TERM_MONTHS = 2
# Money is recorded to the tenge; anything above rounding is a real difference.
AMOUNT_TOLERANCE_KZT = 1.0

KINDS: tuple[str, ...] = (
    "no_enforcement",
    "unknown_order",
    "status_mismatch",
    "amount_mismatch",
    "no_police_decision",
)
# Latest police decisions that close the pre-trial stage; "initiated" is the opening, not a decision on the case.
FINAL_DECISIONS: tuple[str, ...] = ("refused", "terminated", "sent_to_court", "convicted")
DECISIONS: tuple[str, ...] = ("initiated", *FINAL_DECISIONS)
CLOSED_STATUSES: tuple[str, ...] = ("closed_paid", "closed_other")
SOURCES: tuple[str, ...] = ("arrears", "enforcement", "police_cases")
PARTIES: tuple[str, ...] = ("police", "enforcement")
# Earlier discrepancies are either resolved by the quarter's end or still open.
EARLIER_STATUSES: tuple[str, ...] = ("resolved", "open")

# The body that must act on a discrepancy (codes of labormap.response.bodies) and its working days to do so.
TASK_DAYS = 10


def responsible_body(kind: str, source: str) -> str:
    """Who answers for a discrepancy: the police for their cases, enforcement officers for proceedings,
    the labour inspection for an order nobody enforces."""
    if kind == "no_enforcement":
        return "labour_inspection"
    if kind == "no_police_decision" or source == "police_cases":
        return "police"
    return "enforcement"


def party_of(source: str) -> str:
    """The counterparty an act is signed with for a discrepancy from ``source``."""
    return "police" if source == "police_cases" else "enforcement"


# Action texts of the tasks (English msgids, translated per language where shown).
TASK_ACTIONS: dict[str, str] = {
    "no_enforcement": N_("Send order {order_no} for enforcement or confirm the wages were paid"),
    "unknown_order": N_("Check the order number {order_no} cited in {ref} against the inspection's records"),
    "status_mismatch": N_(
        "Bring the status of proceeding {ref} in line with the arrears on order {order_no}"
    ),
    "amount_mismatch": N_("Reconcile the amount in {ref} with order {order_no}"),
    "no_police_decision": N_("Take a procedural decision on case {ref} (order {order_no})"),
}

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        m = _QUARTER.match(text.strip().upper())
        if not m:
            raise ValueError(f"expected a quarter YYYYQn (e.g. 2025Q3), got {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, d: dt.date) -> Quarter:
        return cls(d.year, (d.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> dt.date:
        m = 3 * self.q
        return dt.date(self.year, m, calendar.monthrange(self.year, m)[1])

    def prev(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` plus calendar months; a day past the end of the target month becomes its last day."""
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def police_term_end(registered_on: dt.date) -> dt.date:
    """Last day of the term for a decision on a case registered on ``registered_on``."""
    return add_months(registered_on, POLICE_TERM_MONTHS)
