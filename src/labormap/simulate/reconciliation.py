"""The three bodies' registries tied by the inspector's order number, and the discrepancies between them.

:func:`link` takes the arrears and enforcement tables of :mod:`labormap.simulate.records` (enforcement
proceedings on an inspector order already cite it in ``order_no``), adds the police's criminal cases on
non-payment of wages (``police_cases``), plants discrepancies of every kind the quarterly reconciliation
act looks for (:mod:`labormap.reconcile`), and writes the three registries plus ``truth/reconciliation.parquet``.

The truth lists every discrepancy the world holds — planted ones and the ones that arise by themselves
(an overdue order nobody sent to enforcement, a police case still undecided) — each with the day it starts
to hold and the day it stops (null: still holding at extraction). The rules are those of
``docs/reconcile.md``; they are applied here to the simulator's own records, which it knows completely.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pyarrow as pa

from labormap.simulate.timeline import Timeline

OVERDUE_DAYS = 30  # an order overdue by more than this with no proceeding is a discrepancy
REPAID_GRACE_DAYS = 30  # an enforcement officer closes a repaid proceeding within this
POLICE_TERM_MONTHS = 2  # УПК РК ст. 192: pre-trial investigation ends within two months
FINAL = ("refused", "terminated", "sent_to_court", "convicted")
ARTICLE = "152 ч.3 УК РК"
TRUTH_COLUMNS = ("kind", "order_no", "employer_bin", "ref", "starts_on", "ends_on", "planted")


class Sink(Protocol):
    def write(self, name: str, table: pa.Table, part: str | None = None) -> None: ...


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` plus calendar months; a day past the end of the target month becomes its last day."""
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def police_term_end(registered_on: dt.date) -> dt.date:
    """Last day of the legal term for a procedural decision on a case registered on ``registered_on``."""
    return add_months(registered_on, POLICE_TERM_MONTHS)


def _rows(t: pa.Table) -> list[dict[str, Any]]:
    return t.to_pylist()


def link(
    sink: Sink,
    truth_dir: Path,
    tl: Timeline,
    seed: int,
    arrears: pa.Table,
    enforcement: pa.Table,
) -> None:
    """Write ``arrears``, ``enforcement`` and ``police_cases`` (linked by order number, discrepancies
    planted) to ``sink`` and their truth to ``truth_dir/reconciliation.parquet``."""
    rng = np.random.default_rng([seed, 130])
    extract = dt.date.fromisoformat(str(tl.extract_on))
    orders = _rows(arrears)
    procs = _rows(enforcement)
    by_order = {o["order_no"]: o for o in orders if o["order_no"]}
    planted: list[dict[str, Any]] = []

    police = _police_cases(orders, extract, rng)
    k = max(2, len(by_order) // 150)  # planted per kind and source: about 0.7 % of orders each

    # --- enforcement: amounts, statuses, order numbers that do not exist
    linked = [i for i, p in enumerate(procs) if p["order_no"] in by_order]
    pick = [linked[i] for i in rng.permutation(len(linked)).tolist()]
    used: set[int] = set()

    def take(pred: Any, n: int) -> list[int]:
        out: list[int] = []
        for i in pick:
            if i not in used and pred(procs[i]) and len(out) < n:
                out.append(i)
                used.add(i)
        return out

    for i in take(lambda p: True, k):
        p = procs[i]
        p["amount_kzt"] = round(p["amount_kzt"] * float(rng.uniform(1.2, 1.6)), -3)
        o = by_order[p["order_no"]]
        planted.append(_t("amount_mismatch", o, p["proceeding_id"], max(p["opened_on"], o["found_on"]), None))
    for i in take(lambda p: p["status"] in ("open", "suspended"), k):
        p = procs[i]
        closed = min(p["opened_on"] + dt.timedelta(days=int(rng.integers(30, 200))), extract)
        p["status"], p["closed_on"], p["collected_kzt"] = "closed_paid", closed, p["amount_kzt"]
        o = by_order[p["order_no"]]
        planted.append(_t("status_mismatch", o, p["proceeding_id"], closed, o["repaid_on"]))
    for i in take(
        lambda p: (
            p["status"] == "closed_paid"
            and by_order[p["order_no"]]["repaid_on"] is not None
            and max(by_order[p["order_no"]]["repaid_on"], p["opened_on"])
            + dt.timedelta(days=REPAID_GRACE_DAYS + 1)
            <= extract
        ),
        k,
    ):
        p = procs[i]
        o = by_order[p["order_no"]]
        p["status"], p["closed_on"] = "open", None
        p["collected_kzt"] = round(p["amount_kzt"] * float(rng.uniform(0.1, 0.6)), -3)
        starts = max(o["repaid_on"], p["opened_on"]) + dt.timedelta(days=REPAID_GRACE_DAYS + 1)
        planted.append(_t("status_mismatch", o, p["proceeding_id"], starts, None))
    for n, i in enumerate(take(lambda p: True, k)):
        p = procs[i]
        p["order_no"] = _ghost(p["order_no"], n)
        planted.append(
            _t(
                "unknown_order",
                {"order_no": p["order_no"], "employer_bin": p["employer_bin"]},
                p["proceeding_id"],
                p["opened_on"],
                None,
            )
        )

    # --- police: amounts, undecided and late cases, order numbers that do not exist
    cpick = rng.permutation(len(police)).tolist()
    cused: set[int] = set()

    def ctake(pred: Any, n: int) -> list[int]:
        out: list[int] = []
        for i in cpick:
            if i not in cused and pred(police[i]) and len(out) < n:
                out.append(i)
                cused.add(i)
        return out

    for i in ctake(lambda c: True, k):
        c = police[i]
        c["amount_kzt"] = round(c["amount_kzt"] * float(rng.uniform(0.4, 0.8)), -3)
        o = by_order[c["order_no"]]
        planted.append(_t("amount_mismatch", o, c["case_no"], max(c["registered_on"], o["found_on"]), None))
    for n, i in enumerate(
        ctake(lambda c: police_term_end(c["registered_on"]) + dt.timedelta(days=40) <= extract, 2 * k)
    ):
        c = police[i]
        o = by_order[c["order_no"]]
        term = police_term_end(c["registered_on"])
        if n % 2 == 0:  # never decided
            c["decision"], c["decision_on"] = "initiated", c["registered_on"]
            ends = None
        else:  # decided late
            late = min(term + dt.timedelta(days=int(rng.integers(10, 150))), extract)
            c["decision"], c["decision_on"] = str(rng.choice(FINAL)), late
            ends = late
        planted.append(_t("no_police_decision", o, c["case_no"], term + dt.timedelta(days=1), ends))
    for n, i in enumerate(ctake(lambda c: c["decision"] in FINAL, k)):
        c = police[i]
        c["order_no"] = _ghost(c["order_no"], 1000 + n)
        planted.append(
            _t(
                "unknown_order",
                {"order_no": c["order_no"], "employer_bin": c["employer_bin"]},
                c["case_no"],
                c["registered_on"],
                None,
            )
        )

    truth = planted + _natural(orders, procs, police, extract, {(t["kind"], t["ref"]) for t in planted})
    enforcement_out = pa.Table.from_pylist(procs, schema=enforcement.schema)
    sink.write("arrears", arrears)
    sink.write("enforcement", enforcement_out)
    sink.write("police_cases", _police_table(police))
    from labormap.simulate.writer import write_parquet

    write_parquet(_truth_table(truth), truth_dir / "reconciliation.parquet")


def _ghost(order_no: str, n: int) -> str:
    """An order number of the right shape that the inspection never issued."""
    head = order_no.rsplit("-П", 1)[0] if "-П" in order_no else order_no
    return f"{head}-П9{n:04d}"


def _t(
    kind: str, o: dict[str, Any], ref: str | None, starts: dt.date, ends: dt.date | None
) -> dict[str, Any]:
    return {
        "kind": kind,
        "order_no": o["order_no"],
        "employer_bin": o["employer_bin"],
        "ref": ref,
        "starts_on": starts,
        "ends_on": ends,
        "planted": True,
    }


def _police_cases(
    orders: list[dict[str, Any]], extract: dt.date, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """Criminal cases on orders left unpaid for three months or more (УК РК ст. 152 ч. 3), each decided
    within the legal term — or still under investigation when the term runs past extraction."""
    cases: list[dict[str, Any]] = []
    for o in orders:
        due = o["order_due_on"]
        if not o["order_no"] or due is None or o["months"] < 3:
            continue
        if o["repaid_on"] is not None and o["repaid_on"] <= due:
            continue
        if rng.random() >= 0.35:
            continue
        reg = due + dt.timedelta(days=int(rng.integers(20, 80)))
        if reg > extract:
            continue
        term = police_term_end(reg)
        if term >= extract and rng.random() < 0.7:
            decision, on = "initiated", reg
        else:
            decision = str(rng.choice(FINAL, p=[0.15, 0.35, 0.3, 0.2]))
            on = reg + dt.timedelta(days=int(rng.integers(5, 56)))
            if on > extract:
                decision, on = "initiated", reg
        region = o["order_no"].split("-", 1)[0]
        cases.append(
            {
                "case_no": f"{reg.year % 100:02d}{region}{len(cases) + 1:06d}",
                "employer_bin": o["employer_bin"],
                "registered_on": reg,
                "article": ARTICLE,
                "decision": decision,
                "decision_on": on,
                "amount_kzt": o["amount_kzt"],
                "order_no": o["order_no"],
            }
        )
    return cases


def _natural(
    orders: list[dict[str, Any]],
    procs: list[dict[str, Any]],
    police: list[dict[str, Any]],
    extract: dt.date,
    planted: set[tuple[str, str | None]],
) -> list[dict[str, Any]]:
    """Discrepancies that arise by themselves: orders nobody enforces, cases still undecided."""
    out: list[dict[str, Any]] = []
    first_proc: dict[str, dt.date] = {}
    for p in procs:
        if p["order_no"]:
            first_proc[p["order_no"]] = min(first_proc.get(p["order_no"], p["opened_on"]), p["opened_on"])
    for o in orders:
        due = o["order_due_on"]
        if not o["order_no"] or due is None:
            continue
        starts = due + dt.timedelta(days=OVERDUE_DAYS + 1)
        ends_at = [d for d in (o["repaid_on"], first_proc.get(o["order_no"])) if d is not None]
        ends = min(ends_at) if ends_at else None
        if ends is not None and ends <= starts:
            continue
        t = _t("no_enforcement", o, None, starts, ends)
        t["planted"] = False
        out.append(t)
    for c in police:
        if ("no_police_decision", c["case_no"]) in planted:
            continue
        starts = police_term_end(c["registered_on"]) + dt.timedelta(days=1)
        ends = c["decision_on"] if c["decision"] in FINAL else None
        if ends is not None and ends <= starts:
            continue
        t = _t(
            "no_police_decision",
            {"order_no": c["order_no"], "employer_bin": c["employer_bin"]},
            c["case_no"],
            starts,
            ends,
        )
        t["planted"] = False
        out.append(t)
    return out


def _police_table(rows: list[dict[str, Any]]) -> pa.Table:
    from labormap.simulate.writer import contract_schema

    rows = sorted(rows, key=lambda r: (r["registered_on"], r["case_no"]))
    return pa.Table.from_pylist(rows, schema=contract_schema("police_cases"))


def _truth_table(rows: list[dict[str, Any]]) -> pa.Table:
    rows = sorted(rows, key=lambda r: (r["starts_on"], r["kind"], r["order_no"] or "", r["ref"] or ""))
    return pa.table(
        {
            "kind": pa.array([r["kind"] for r in rows], pa.string()),
            "order_no": pa.array([r["order_no"] for r in rows], pa.string()),
            "employer_bin": pa.array([r["employer_bin"] for r in rows], pa.string()),
            "ref": pa.array([r["ref"] for r in rows], pa.string()),
            "starts_on": pa.array([r["starts_on"] for r in rows], pa.date32()),
            "ends_on": pa.array([r["ends_on"] for r in rows], pa.date32()),
            "planted": pa.array([r["planted"] for r in rows], pa.bool_()),
        }
    )
