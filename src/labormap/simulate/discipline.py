"""Planted contribution and ЕСУТД discipline problems with known truth, and employers that later fix them
(issue 12, for the monthly control and its self-correction measurement).

:func:`planting` wraps the registry sink after the dynamics have run. In the *control month* M (five
months before the end of the period, so that its deadline, a letter, the letter's due date and the
months after are all inside the extract) a share of active employers gets one problem each:

* ``late`` — every contribution of M paid 5–40 days after the deadline (truth kind ``opv_late``);
* ``short`` — one contribution (ОПВ, СО, ООСМС or ВОСМС) paid at half for about half of the workers
  (``<c>_short``); ``missing`` — one of СО/ООСМС/ВОСМС not paid at all for about half of them
  (``<c>_missing``);
* ``stopped`` — nothing paid for M (``payments_stopped``);
* ``unregistered`` — 1–3 extra workers paid for M with no contract (``esutd_paid_without_contract``);
* ``late_hire`` — a hire in M entered into ЕСУТД 8–25 days after the start (``esutd_late_hire``).

Self-correction: a letter is sent (:func:`letter_sent`, the demo's stand-in for an inspector's choice) on
``NOTICE_DAYS`` after M's deadline with ``DUE_DAYS`` to comply. Notified employers correct with probability
``P_NOTIFIED`` (Spain's data-matching letters: 64–76 %), the others with ``P_OTHER``; about a fifth of the
corrections come after the due date. What a correction looks like in the registries: the stopped month paid
(``paid_on`` after the letter), the unregistered workers' contracts registered, the next month's
contributions paid on time / the next month's hire registered on time (late kinds). Underpayment and
missing single contributions would need a second version of the same payment row, which one drop cannot
carry, so they are never corrected here.

Truth: ``truth/discipline.parquet`` — one row per planted (employer, kind) with the month, workers,
amount (short/missing), whether a letter was sent, the outcome and the day of the correction; and
``truth/discipline_background.parquet`` — which employers the ordinary world makes late payers,
missing payers, informal employers or late ЕСУТД registrants in M, so that a control finding outside the
planted set can be told from a false one. Features never read truth.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from labormap.identifiers import complete_kz_id
from labormap.reference.parameters import contribution_deadline, parameters_for
from labormap.simulate.dynamics import Plan
from labormap.simulate.timeline import Timeline
from labormap.simulate.world import World
from labormap.simulate.writer import RegistrySink, contract_schema, write_parquet

PROBLEMS = ("late", "short", "missing", "stopped", "unregistered", "late_hire")
SHARE = 0.07  # of employers active in M that get one planted problem
NOTICE_DAYS = 10  # letter sent this many days after M's contribution deadline
DUE_DAYS = 30  # days the employer has to comply
LETTER_SHARE = 0.7  # share of employers with findings that receive a letter (letter_sent)
P_NOTIFIED, P_OTHER, P_LATE = 0.7, 0.25, 0.2
MONTHS_BEFORE_END = 5


def letter_sent(bin_: str) -> bool:
    """Whether the demo's inspectors send a letter to this employer (a stable hash of the BIN)."""
    h = int(hashlib.sha256(f"letter:{bin_}".encode()).hexdigest()[:8], 16)
    return h % 1000 < LETTER_SHARE * 1000


def control_month(tl: Timeline) -> str:
    return tl.label(max(tl.n - MONTHS_BEFORE_END, 0))


def notice_dates(month: str) -> tuple[dt.date, dt.date]:
    """Letter date and due date for findings of ``month`` in the simulated world and the demo."""
    sent = contribution_deadline(month) + dt.timedelta(days=NOTICE_DAYS)
    return sent, sent + dt.timedelta(days=DUE_DAYS)


def _next(month: str) -> str:
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + (m == 12):04d}-{m % 12 + 1:02d}"


def _d(x: dt.date) -> np.datetime64:
    return np.datetime64(x.isoformat(), "D")


class DisciplineSink(RegistrySink):
    """Passes the registries through, planting the problems of month M and their corrections."""

    def __init__(
        self, sink: RegistrySink, world: World, plan: Plan, tl: Timeline, seed: int, truth_dir: Path
    ) -> None:
        self._sink = sink
        self.rows = sink.rows
        self._truth = truth_dir
        self.month = control_month(tl)
        self.next_month = _next(self.month)
        self.t = tl.index(self.month)
        self.extract = dt.date.fromisoformat(str(tl.extract_on))
        self.sent_on, self.due_on = notice_dates(self.month)
        self.deadline = contribution_deadline(self.month)
        rng = np.random.default_rng([seed, 1212])
        self._rng = rng
        n = world.n
        active = world.start_month <= self.t
        pick = np.flatnonzero(active & (rng.random(n) < SHARE))
        self.problem: dict[str, str] = {}
        self.contribution: dict[str, str] = {}
        self.outcome: dict[str, str] = {}
        self.fixed_on: dict[str, dt.date] = {}
        p = parameters_for(int(self.month[:4]))
        shortable = [c for c in ("opv", "so", "oosms", "vosms") if getattr(p, f"{c}_rate", 0.1) > 0]
        missable = [c for c in ("so", "oosms", "vosms") if getattr(p, f"{c}_rate") > 0]
        for i in pick.tolist():
            b = world.bin[i]
            kind = PROBLEMS[int(rng.integers(0, len(PROBLEMS)))]
            self.problem[b] = kind
            if kind == "short":
                self.contribution[b] = shortable[int(rng.integers(0, len(shortable)))]
            elif kind == "missing":
                self.contribution[b] = missable[int(rng.integers(0, len(missable)))]
            fixable = kind not in ("short", "missing")
            chance = P_NOTIFIED if letter_sent(b) else P_OTHER
            if fixable and rng.random() < chance:
                late = rng.random() < P_LATE
                self.outcome[b] = "corrected_late" if late else "corrected"
                if late:
                    span = max((self.extract - dt.timedelta(days=10) - self.due_on).days, 1)
                    self.fixed_on[b] = self.due_on + dt.timedelta(days=int(rng.integers(1, span + 1)))
                else:
                    self.fixed_on[b] = self.sent_on + dt.timedelta(days=int(rng.integers(1, DUE_DAYS + 1)))
            else:
                self.outcome[b] = "open"
        # the ordinary world's own problems in M (for precision against truth)
        self.background = pa.table(
            {
                "employer_bin": pa.array(world.bin),
                "month": pa.array([self.month] * n),
                "late_pay": pa.array(np.asarray(plan.late_pay[:, self.t], dtype=bool)),
                "missing_pay": pa.array(np.asarray(plan.missing_share[:, self.t], dtype=float) > 0),
                "informal": pa.array(np.asarray(plan.informal_n[:, self.t]) > 0),
                "esutd_late": pa.array(np.asarray(plan.esutd_late[:, self.t], dtype=float) > 0),
            }
        )
        self.workers: dict[str, int] = defaultdict(int)
        self.amount: dict[str, float] = defaultdict(float)
        self.paid_prev: set[str] = set()
        self.paid_m: set[str] = set()
        self.sample_income: dict[str, float] = {}
        self._serial = 0

    def close(self) -> None:
        self._sink.close()

    def write(self, name: str, table: pa.Table, part: str | None = None) -> None:
        if name == "payments" and table.num_rows:
            table = self._payments(table)
        self._sink.write(name, table, part)

    # --- payments of planted employers in M and M+1
    def _payments(self, table: pa.Table) -> pa.Table:
        prev = (
            f"{int(self.month[:4]) - (self.month[5:] == '01'):04d}-{(int(self.month[5:7]) - 2) % 12 + 1:02d}"
        )
        per = table.column("period")
        bins = table.column("employer_bin")
        planted = pa.array(list(self.problem))
        is_planted = pc.is_in(bins, value_set=planted)
        for b in pc.unique(bins.filter(pc.and_(is_planted, pc.equal(per, prev)))).to_pylist():
            self.paid_prev.add(b)
        touch = pc.and_(is_planted, pc.is_in(per, value_set=pa.array([self.month, self.next_month])))
        if not pc.any(touch).as_py():
            return table
        keep = table.filter(pc.invert(touch))
        rows = table.filter(touch).to_pylist()
        out: list[dict[str, Any]] = []
        p = parameters_for(int(self.month[:4]))
        for r in rows:
            b, kind = r["employer_bin"], self.problem[r["employer_bin"]]
            in_m = r["period"] == self.month
            if in_m:
                self.paid_m.add(b)
                self.sample_income.setdefault(b, float(r["income"]))
            if kind == "late":
                if in_m:
                    r["paid_on"] = self.deadline + dt.timedelta(days=int(self._rng.integers(5, 41)))
                    self.workers[b] += 1
                else:
                    nd = contribution_deadline(self.next_month)
                    fixed = self.outcome[b] != "open"
                    r["paid_on"] = nd - dt.timedelta(days=5) if fixed else nd + dt.timedelta(days=12)
            elif kind in ("short", "missing") and in_m and self._rng.random() < 0.5:
                c = self.contribution[b]
                before = float(r[c] or 0.0)
                due = _due(c, float(r["income"]), p)
                if kind == "short" and before > 2:
                    r[c] = float(round(before / 2))
                    self.amount[b] += due - r[c]
                    self.workers[b] += 1
                elif kind == "missing" and due >= 1:
                    r[c] = 0.0
                    self.amount[b] += due
                    self.workers[b] += 1
            elif kind == "stopped" and in_m:
                self.workers[b] += 1
                if self.outcome[b] == "open":
                    continue
                r["paid_on"] = self.fixed_on[b]
            out.append(r)
        if not out:
            return keep
        return pa.concat_tables([keep, pa.Table.from_pylist(out, schema=table.schema)])

    def ensure_all(self) -> None:
        contracts, payments = self._extra()
        for name, rows in (("contracts", contracts), ("payments", payments)):
            if rows:
                schema = contract_schema(name)
                full = [{k: r.get(k) for k in schema.names} for r in rows]
                self._sink.write(name, pa.Table.from_pylist(full, schema=schema), part="discipline")
        write_parquet(self._truth_table(), self._truth / "discipline.parquet")
        write_parquet(self.background, self._truth / "discipline_background.parquet")
        self._sink.ensure_all()

    def _iin(self) -> str:
        # people born in 1940–1944 do not exist in the simulated workforce (ages 18–62), so no collision
        while True:
            self._serial += 1
            day = dt.date(1940, 1, 1) + dt.timedelta(days=self._serial // 50)
            iin = complete_kz_id(f"{day:%y%m%d}3{self._serial % 50 + 9900:04d}")
            if iin:
                return iin

    def _extra(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        p = parameters_for(int(self.month[:4]))
        first = dt.date(int(self.month[:4]), int(self.month[5:7]), 1)
        nfirst = dt.date(int(self.next_month[:4]), int(self.next_month[5:7]), 1)
        contracts: list[dict[str, Any]] = []
        payments: list[dict[str, Any]] = []

        def pay(b: str, iin: str, period: str, income: float, paid: dt.date) -> None:
            opv = _due("opv", income, p)
            payments.append(
                {
                    "employer_bin": b,
                    "worker_iin": iin,
                    "period": period,
                    "income": income,
                    **{c: float(round(_due(c, income, p))) for c in ("opvr", "so", "oosms", "vosms")},
                    "opv": float(round(opv)),
                    "paid_on": paid,
                }
            )

        def contract(b: str, iin: str, start: dt.date, registered: dt.date, salary: float) -> None:
            contracts.append(
                {
                    "employer_bin": b,
                    "worker_iin": iin,
                    "position": "рабочий",
                    "salary": salary,
                    "work_rate": 1.0,
                    "hazardous": False,
                    "start_on": start,
                    "end_on": None,
                    "terminated_on": None,
                    "termination_ground": None,
                    "registered_on": registered,
                    "termination_registered_on": None,
                }
            )

        on_time = self.deadline - dt.timedelta(days=3)
        for b, kind in sorted(self.problem.items()):
            if b not in self.paid_m:
                continue
            income = float(round(max(self.sample_income.get(b, p.mzp * 2.0), p.mzp * 1.2)))
            if kind == "unregistered":
                for _ in range(int(self._rng.integers(1, 4))):
                    iin = self._iin()
                    pay(b, iin, self.month, income, on_time)
                    self.workers[b] += 1
                    self.amount[b] += income
                    if self.outcome[b] != "open":
                        contract(b, iin, first, self.fixed_on[b], income)
            elif kind == "late_hire":
                iin = self._iin()
                start = first + dt.timedelta(days=int(self._rng.integers(2, 12)))
                contract(b, iin, start, start + dt.timedelta(days=int(self._rng.integers(12, 26))), income)
                pay(b, iin, self.month, income, on_time)
                self.workers[b] += 1
                # the next month's hire: on time when corrected, late again otherwise
                iin2 = self._iin()
                start2 = nfirst + dt.timedelta(days=2)
                delay = 1 if self.outcome[b] != "open" else int(self._rng.integers(12, 26))
                contract(b, iin2, start2, start2 + dt.timedelta(days=delay), income)
                pay(
                    b,
                    iin2,
                    self.next_month,
                    income,
                    contribution_deadline(self.next_month) - dt.timedelta(days=3),
                )
        return contracts, payments

    def _truth_table(self) -> pa.Table:
        rows = []
        for b, kind in sorted(self.problem.items()):
            # only what really happened: a planted problem of an employer without rows in M did nothing
            if (
                b not in self.paid_m
                or (kind == "stopped" and b not in self.paid_prev)
                or self.workers[b] == 0
            ):
                continue
            engine_kind = {
                "late": "opv_late",
                "stopped": "payments_stopped",
                "unregistered": "esutd_paid_without_contract",
                "late_hire": "esutd_late_hire",
            }.get(kind) or f"{self.contribution[b]}_{kind}"
            rows.append(
                {
                    "employer_bin": b,
                    "month": self.month,
                    "problem": kind,
                    "kind": engine_kind,
                    "workers": int(self.workers[b]),
                    "amount_kzt": round(float(self.amount[b]), 2),
                    "letter_sent": letter_sent(b),
                    "sent_on": self.sent_on,
                    "due_on": self.due_on,
                    "outcome": self.outcome[b],
                    "corrected_on": self.fixed_on.get(b),
                }
            )
        schema = pa.schema(
            [
                ("employer_bin", pa.string()),
                ("month", pa.string()),
                ("problem", pa.string()),
                ("kind", pa.string()),
                ("workers", pa.int64()),
                ("amount_kzt", pa.float64()),
                ("letter_sent", pa.bool_()),
                ("sent_on", pa.date32()),
                ("due_on", pa.date32()),
                ("outcome", pa.string()),
                ("corrected_on", pa.date32()),
            ]
        )
        return pa.Table.from_pylist(rows, schema=schema)


def _due(c: str, income: float, p: Any) -> float:
    """What is due of contribution ``c`` on ``income`` (the rules of labormap.control.monthly)."""
    opv = p.opv_rate * min(income, p.opv_cap_mzp * p.mzp)
    if c == "opv":
        return float(opv)
    if c == "opvr":
        return float(p.opvr_rate * min(income, p.opv_cap_mzp * p.mzp))
    if c == "so":
        return float(p.so_rate * min(max(income - opv, p.so_base_min_mzp * p.mzp), p.so_base_max_mzp * p.mzp))
    rate = p.oosms_rate if c == "oosms" else p.vosms_rate
    return float(rate * min(income, p.osms_cap_mzp * p.mzp))


def planting(
    sink: RegistrySink, world: World, plan: Plan, tl: Timeline, seed: int, truth_dir: Path
) -> DisciplineSink:
    return DisciplineSink(sink, world, plan, tl, seed, truth_dir)
