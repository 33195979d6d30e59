"""Matching inspector orders with enforcement proceedings and police cases, and the discrepancies.

Everything is evaluated as the registries stood at the end of the quarter (``D``): a row counts once it
is known (order found, proceeding opened, case registered on or before ``D``); a repayment, a closing or a
decision counts from its date. A discrepancy *arises* on the first day its rule is broken and *holds* for
as long as it stays broken. The act of a quarter lists the discrepancies that arose during the quarter
and still hold at its end; earlier ones that still held when the quarter began are listed apart, as
resolved (no longer holding at ``D``) or still open.

The rules (``docs/reconcile.md``):

- ``no_enforcement`` — an order unpaid more than 30 days after its deadline and no proceeding cites it;
  arises on deadline + 31 days, resolved by repayment or by a proceeding.
- ``unknown_order`` — a proceeding or a police case cites an order number the inspection has no record of;
  arises when opened/registered.
- ``status_mismatch`` — a proceeding closed as collected (``closed_paid``) while the arrears are unpaid
  (arises on closing), or the arrears repaid while the proceeding is still open 30 days later (arises on
  repayment + 31 days, or opening + 31 when it was opened after repayment).
- ``amount_mismatch`` — a proceeding's or a case's amount differs from the order's by more than a tenge;
  arises when both are known.
- ``no_police_decision`` — a case with no final decision (refused, terminated, sent to court, convicted)
  when the two-month term of ст. 192 УПК РК has run; arises on the day after the term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from labormap.reconcile.rules import (
    AMOUNT_TOLERANCE_KZT,
    CLOSED_STATUSES,
    FINAL_DECISIONS,
    OVERDUE_DAYS,
    REPAID_GRACE_DAYS,
    Quarter,
    party_of,
    police_term_end,
    responsible_body,
)

DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Order:
    order_no: str
    employer_bin: str
    found_on: dt.date
    due_on: dt.date | None
    amount_kzt: float
    repaid_on: dt.date | None = None
    case_id: str = ""


@dataclass(frozen=True, slots=True)
class Proceeding:
    proceeding_id: str
    employer_bin: str
    opened_on: dt.date
    status: str
    amount_kzt: float | None
    order_no: str | None
    closed_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PoliceCase:
    case_no: str
    employer_bin: str
    registered_on: dt.date
    decision: str
    decision_on: dt.date | None
    amount_kzt: float | None
    order_no: str | None
    article: str = ""


@dataclass
class Records:
    """What the reconciliation reads: orders, proceedings and cases citing an order, employers' regions."""

    orders: list[Order]
    proceedings: list[Proceeding]
    police: list[PoliceCase]
    region_of: dict[str, str] = field(default_factory=dict)  # employer BIN -> 2-digit КАТО region
    name_of: dict[str, str] = field(default_factory=dict)  # employer BIN -> name (legal entity)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    kind: str
    order_no: str | None
    employer_bin: str
    ref: str | None  # proceeding_id or case_no; None for no_enforcement
    source: str  # arrears | enforcement | police_cases
    arises_on: dt.date
    details: dict[str, Any]

    @property
    def key(self) -> str:
        """Stable identity across quarters (what 'resolved' and 'still open' are matched on)."""
        return f"{self.kind}|{self.order_no or ''}|{self.ref or ''}"

    @property
    def body(self) -> str:
        return responsible_body(self.kind, self.source)

    @property
    def party(self) -> str:
        return party_of(self.source)

    def as_json(self) -> dict[str, Any]:
        d = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.details.items()}
        d.update(ref=self.ref, source=self.source, arises_on=self.arises_on.isoformat(), body=self.body)
        return {"order_no": self.order_no, "employer_bin": self.employer_bin, "kind": self.kind, "details": d}


@dataclass
class Act:
    quarter: Quarter
    region: str | None
    matched: int
    discrepancies: list[Discrepancy]
    earlier: list[tuple[Discrepancy, str]]  # (discrepancy, "resolved" | "open")
    party: str | None = None
    names: dict[str, str] = field(default_factory=dict)

    @property
    def as_of(self) -> dt.date:
        return self.quarter.end

    def as_json(self) -> dict[str, Any]:
        return {
            "quarter": str(self.quarter),
            "region": self.region,
            "party": self.party,
            "as_of": self.as_of.isoformat(),
            "matched": self.matched,
            "discrepancies": [d.as_json() for d in self.discrepancies],
            "earlier": [{**d.as_json(), "status": s} for d, s in self.earlier],
            "names": dict(sorted(self.names.items())),  # employers are legal entities, not workers
        }


def discrepancy_from_json(data: dict[str, Any]) -> Discrepancy:
    """The inverse of :meth:`Discrepancy.as_json` (dates come back as dates)."""
    det = dict(data["details"])
    ref, source, arises = det.pop("ref", None), det.pop("source"), det.pop("arises_on")
    det.pop("body", None)
    for k, v in det.items():
        if k.endswith("_on") and isinstance(v, str):
            det[k] = dt.date.fromisoformat(v)
    return Discrepancy(
        data["kind"], data["order_no"], data["employer_bin"], ref, source, dt.date.fromisoformat(arises), det
    )


def act_from_json(data: dict[str, Any], names: dict[str, str] | None = None) -> Act:
    """An act stored as JSON (the web app's history), ready to be rendered again."""
    return Act(
        Quarter.parse(data["quarter"]),
        data.get("region"),
        int(data["matched"]),
        [discrepancy_from_json(d) for d in data["discrepancies"]],
        [(discrepancy_from_json(d), d["status"]) for d in data.get("earlier", [])],
        data.get("party"),
        dict(names or data.get("names") or {}),
    )


def _unpaid(o: Order, d: dt.date) -> bool:
    return o.repaid_on is None or o.repaid_on > d


def _closed(p: Proceeding, d: dt.date) -> bool:
    if p.status not in CLOSED_STATUSES:
        return False
    return p.closed_on is None or p.closed_on <= d


def _decided(c: PoliceCase, d: dt.date) -> bool:
    return c.decision in FINAL_DECISIONS and (c.decision_on is None or c.decision_on <= d)


def holding_at(recs: Records, d: dt.date) -> list[Discrepancy]:
    """Every discrepancy that holds at the end of day ``d`` (whatever day it arose)."""
    orders: dict[str, Order] = {}
    for o in recs.orders:
        if o.found_on <= d and o.order_no not in orders:
            orders[o.order_no] = o
    procs = [p for p in recs.proceedings if p.opened_on <= d and p.order_no]
    cases = [c for c in recs.police if c.registered_on <= d]
    enforced = {p.order_no for p in procs}
    out: list[Discrepancy] = []

    for o in orders.values():
        if o.due_on is None:
            continue
        arises = o.due_on + dt.timedelta(days=OVERDUE_DAYS + 1)
        if arises <= d and _unpaid(o, d) and o.order_no not in enforced:
            overdue = (d - o.due_on).days
            out.append(
                Discrepancy(
                    "no_enforcement",
                    o.order_no,
                    o.employer_bin,
                    None,
                    "arrears",
                    arises,
                    {"due_on": o.due_on, "amount_kzt": o.amount_kzt, "days_overdue": overdue},
                )
            )

    for p in procs:
        assert p.order_no is not None
        found = orders.get(p.order_no)
        base = {"proceeding_id": p.proceeding_id, "opened_on": p.opened_on, "status": p.status}
        if found is None:
            out.append(
                Discrepancy(
                    "unknown_order",
                    p.order_no,
                    p.employer_bin,
                    p.proceeding_id,
                    "enforcement",
                    p.opened_on,
                    base,
                )
            )
            continue
        o = found
        if p.status == "closed_paid" and _closed(p, d) and _unpaid(o, d):
            closed = p.closed_on or p.opened_on
            out.append(
                Discrepancy(
                    "status_mismatch",
                    o.order_no,
                    o.employer_bin,
                    p.proceeding_id,
                    "enforcement",
                    closed,
                    {**base, "closed_on": closed, "arrears_repaid_on": None, "problem": "closed_unpaid"},
                )
            )
        elif o.repaid_on is not None and not _closed(p, d):
            arises = max(o.repaid_on, p.opened_on) + dt.timedelta(days=REPAID_GRACE_DAYS + 1)
            if arises <= d:
                out.append(
                    Discrepancy(
                        "status_mismatch",
                        o.order_no,
                        o.employer_bin,
                        p.proceeding_id,
                        "enforcement",
                        arises,
                        {
                            **base,
                            "closed_on": None,
                            "arrears_repaid_on": o.repaid_on,
                            "problem": "repaid_open",
                        },
                    )
                )
        if p.amount_kzt is not None and abs(p.amount_kzt - o.amount_kzt) > AMOUNT_TOLERANCE_KZT:
            out.append(
                Discrepancy(
                    "amount_mismatch",
                    o.order_no,
                    o.employer_bin,
                    p.proceeding_id,
                    "enforcement",
                    max(p.opened_on, o.found_on),
                    {**base, "order_amount_kzt": o.amount_kzt, "amount_kzt": p.amount_kzt},
                )
            )

    for c in cases:
        base = {"case_no": c.case_no, "registered_on": c.registered_on, "decision": c.decision}
        oc = orders.get(c.order_no) if c.order_no else None
        if c.order_no and oc is None:
            out.append(
                Discrepancy(
                    "unknown_order",
                    c.order_no,
                    c.employer_bin,
                    c.case_no,
                    "police_cases",
                    c.registered_on,
                    base,
                )
            )
        if (
            oc is not None
            and c.amount_kzt is not None
            and abs(c.amount_kzt - oc.amount_kzt) > AMOUNT_TOLERANCE_KZT
        ):
            out.append(
                Discrepancy(
                    "amount_mismatch",
                    oc.order_no,
                    oc.employer_bin,
                    c.case_no,
                    "police_cases",
                    max(c.registered_on, oc.found_on),
                    {**base, "order_amount_kzt": oc.amount_kzt, "amount_kzt": c.amount_kzt},
                )
            )
        term = police_term_end(c.registered_on)
        if term + DAY <= d and not _decided(c, d):
            out.append(
                Discrepancy(
                    "no_police_decision",
                    c.order_no,
                    c.employer_bin,
                    c.case_no,
                    "police_cases",
                    term + DAY,
                    {**base, "term_ends_on": term, "days_overdue": (d - term).days},
                )
            )
    return out


def _matched(recs: Records, q: Quarter, keep: set[str], holding_refs: set[str], in_scope: Any) -> int:
    """Links (order ↔ proceeding, order ↔ case) active during the quarter and free of discrepancies."""
    d, start = q.end, q.start
    known = {o.order_no for o in recs.orders if o.found_on <= d}
    n = 0
    for p in recs.proceedings:
        if (
            p.order_no in known
            and p.opened_on <= d
            and not _closed(p, start - DAY)
            and p.proceeding_id not in holding_refs
            and in_scope(p.employer_bin)
            and (not keep or "enforcement" in keep)
        ):
            n += 1
    for c in recs.police:
        if (
            c.order_no in known
            and c.registered_on <= d
            and not _decided(c, start - DAY)
            and c.case_no not in holding_refs
            and in_scope(c.employer_bin)
            and (not keep or "police" in keep)
        ):
            n += 1
    return n


def _sorted(ds: Iterable[Discrepancy]) -> list[Discrepancy]:
    return sorted(ds, key=lambda x: (x.arises_on, x.kind, x.order_no or "", x.ref or ""))


def reconcile(
    recs: Records, quarter: Quarter | str, region: str | None = None, party: str | None = None
) -> Act:
    """The act of ``quarter`` for ``region`` (2-digit КАТО; None: the whole country), optionally with one
    counterparty (``police`` or ``enforcement``)."""
    q = Quarter.parse(quarter) if isinstance(quarter, str) else quarter

    def in_scope(bin_: str) -> bool:
        return region is None or recs.region_of.get(bin_) == region

    def keep(x: Discrepancy) -> bool:
        if not in_scope(x.employer_bin):
            return False
        # no_enforcement concerns the enforcement officers' side of the act
        return party is None or x.party == party

    now = [x for x in holding_at(recs, q.end) if keep(x)]
    before = [x for x in holding_at(recs, q.start - DAY) if keep(x)]
    now_keys = {x.key for x in now}
    new = _sorted(x for x in now if x.arises_on >= q.start)
    earlier = [(x, "open" if x.key in now_keys else "resolved") for x in _sorted(before)]
    refs = {x.ref for x in holding_at(recs, q.end) if x.ref}
    matched = _matched(recs, q, {party} if party else set(), refs, in_scope)
    bins = {x.employer_bin for x in new} | {x.employer_bin for x, _ in earlier}
    names = {b: recs.name_of[b] for b in bins if b in recs.name_of}
    return Act(q, region, matched, new, earlier, party, names)


# --- reading the warehouse ------------------------------------------------------------------------------
def _date(v: Any) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def _req(v: Any) -> dt.date:
    d = _date(v)
    if d is None:
        raise ValueError("a required date is empty")
    return d


def load_records(wh: Any, as_of: dt.date | None = None) -> Records:
    """The three registries (current versions) and employers' regions from a :class:`Warehouse`."""
    con = wh.connect()
    try:
        lim = f" AND found_on <= DATE '{as_of.isoformat()}'" if as_of else ""
        orders = [
            Order(r[0], r[1], _req(r[2]), _date(r[3]), float(r[4]), _date(r[5]), r[6] or "")
            for r in con.execute(
                "SELECT order_no, employer_bin, found_on, order_due_on, amount_kzt, repaid_on, case_id "
                f"FROM arrears WHERE order_no IS NOT NULL{lim} ORDER BY found_on, order_no"
            ).fetchall()
        ]
        procs = [
            Proceeding(
                r[0],
                r[1],
                _req(r[2]),
                r[3],
                None if r[4] is None else float(r[4]),
                r[5],
                _date(r[6]),
            )
            for r in con.execute(
                "SELECT proceeding_id, employer_bin, opened_on, status, amount_kzt, order_no, closed_on "
                "FROM enforcement WHERE order_no IS NOT NULL ORDER BY opened_on, proceeding_id"
            ).fetchall()
        ]
        police = [
            PoliceCase(
                r[0],
                r[1],
                _req(r[2]),
                r[3],
                _date(r[4]),
                None if r[5] is None else float(r[5]),
                r[6],
                r[7] or "",
            )
            for r in con.execute(
                "SELECT case_no, employer_bin, registered_on, decision, decision_on, amount_kzt, order_no, article "
                "FROM police_cases ORDER BY registered_on, case_no"
            ).fetchall()
        ]
        emp = con.execute("SELECT bin, substr(kato, 1, 2), name FROM employers").fetchall()
    finally:
        con.close()
    return Records(orders, procs, police, {b: k for b, k, _ in emp}, {b: n for b, _, n in emp})


def regions_with_data(recs: Records) -> Sequence[str]:
    bins = {o.employer_bin for o in recs.orders} | {p.employer_bin for p in recs.proceedings}
    bins |= {c.employer_bin for c in recs.police}
    return sorted({recs.region_of[b] for b in bins if b in recs.region_of})
