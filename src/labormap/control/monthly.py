"""Monthly discipline of income month M: contributions (item 15) and ЕСУТД registration (item 4).

Rules (sources in ``labormap.reference``):

* Contributions for M are due by the 25th of M+1 (Налоговый кодекс РК); the month is *final* once that date
  has passed at the as-of date. What is due per worker-month, with the rates and caps of M's year
  (``reference.parameters``):
  ОПВ = rate × min(income, cap МЗП); ОПВР = rate × min(income, cap МЗП) (the same 50 МЗП base);
  СО = rate × clamp(income − ОПВ due, 1 МЗП, 7 МЗП) (10 МЗП before 2020);
  ООСМС / ВОСМС = rate × min(income, 10 МЗП).
  *missing*: income > 0, something is due (≥ 1 KZT) and nothing was paid; *short*: paid, but more than
  ``TOLERANCE_KZT`` below what is due (amount = the shortfall); *late*: paid after the deadline (amount =
  what was paid late, days = the latest payment's days after the deadline).
* *payments_stopped*: an employer with contracts active in M that paid in M−1 or M−2 and has paid nothing
  for M (only on a final month).
* ЕСУТД (Правила ведения ЕСУТД): a worker paid for M with no contract at that employer active in M
  (*paid_without_contract*); a contract active through M−1 and M with no payment in either month
  (*contract_without_pay*; not for employers already found as payments_stopped); a hire registered more
  than 5 working days after the start (*late_hire*), a termination more than 3 working days after it
  (*late_termination*), an amendment more than 15 calendar days after it takes effect (*late_amendment*);
  the events of month M are judged, days late are calendar days after the deadline.

Worker-level matches (paid ↔ contract) join on a 64-bit hash of (employer BIN, worker pseudonym) instead of
the two strings, which makes the anti-joins several times faster; a collision among the ~10^7 pairs of a
national month has a probability of about 10^-6 and could only hide one finding, never invent one.

Everything is one pass of DuckDB SQL over the month's payment files (the warehouse partitions payments by
month, so only M−2..M are read) and the contracts; nothing is pulled into Python but the findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from labormap.control.kinds import CONTRIBUTIONS, FINDING_KINDS
from labormap.reference.esutd import ESUTD_DEADLINES
from labormap.reference.parameters import contribution_deadline, parameters_for
from labormap.response.workdays import DEFAULT_CALENDAR, WorkCalendar
from labormap.warehouse import Warehouse

# Rounding of a contribution to whole tenge must not make a correct payer "short".
TOLERANCE_KZT = 1.0
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class ControlError(ValueError):
    """Bad input to a control computation (shown to the user as it is)."""


@dataclass(frozen=True, slots=True)
class Finding:
    employer_bin: str
    kind: str
    workers: int
    amount_kzt: float
    days_late: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class MonthlyResult:
    month: str
    deadline: dt.date
    as_of: dt.date | None
    final: bool
    region: str | None
    findings: list[Finding]
    employers_checked: int
    totals: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "deadline": self.deadline.isoformat(),
            "findings": [f.as_dict() for f in self.findings],
            # the shape of issue 12 has four keys; what the run was (as-of date, final, region) goes in totals
            "totals": {
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "final": self.final,
                "region": self.region,
                **self.totals,
            },
        }


def check_month(month: str) -> tuple[int, int]:
    m = _MONTH.match(month or "")
    if not m:
        raise ControlError(f"{month!r}: expected YYYY-MM")
    return int(m.group(1)), int(m.group(2))


def shift_month(month: str, k: int) -> str:
    y, m = check_month(month)
    i = y * 12 + (m - 1) + k
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    y, m = check_month(month)
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def check_region(region: str | None) -> str | None:
    if region is None or region == "":
        return None
    if not re.fullmatch(r"\d{2}", region):
        raise ControlError(f"{region!r}: expected a 2-digit KATO region code")
    return region


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _d(d: dt.date) -> str:
    return f"DATE '{d.isoformat()}'"


def month_files(wh: Warehouse, registry: str, months: Iterable[str]) -> list[str]:
    """Files of a month-partitioned registry that can hold rows of ``months`` (others are not opened)."""
    wanted = {f"month={m}" for m in months}
    out = []
    for f in wh.registry_files(registry):
        parts = [p for p in f.replace("\\", "/").split("/") if p.startswith("month=")]
        if not parts or parts[-1] in wanted:
            out.append(f)
    return out


def registry_sql(wh: Warehouse, registry: str, files: list[str] | None = None) -> str:
    """A FROM-able SQL source of the current rows of ``registry`` restricted to ``files`` (all by default)."""
    files = wh.registry_files(registry) if files is None else files
    if not files:
        return f"(SELECT * FROM {registry} WHERE false)"
    src = f"read_parquet([{', '.join(map(_q, files))}], union_by_name = true, hive_partitioning = false)"
    sup = wh.superseded_files(registry)
    if not sup:
        return f"(SELECT * FROM {src})"
    sup_src = f"read_parquet([{', '.join(map(_q, sup))}])"
    return (
        f"(SELECT * FROM {src} h WHERE NOT EXISTS "
        f"(SELECT 1 FROM {sup_src} s WHERE s._run = h._run AND s._rid = h._rid))"
    )


def _deadline_table(first: dt.date, last: dt.date, cal: WorkCalendar) -> pa.Table:
    """Per day of the month: the ЕСУТД registration deadline of a hire, a termination and an amendment."""
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    hire, term, change = (ESUTD_DEADLINES[k] for k in ("contract_start", "contract_end", "contract_change"))

    def due(d: dt.date, rule: Any) -> dt.date:
        return cal.add_workdays(d, rule.days) if rule.working_days else d + dt.timedelta(days=rule.days)

    return pa.table(
        {
            "d": pa.array(days, pa.date32()),
            "hire_due": pa.array([due(d, hire) for d in days], pa.date32()),
            "term_due": pa.array([due(d, term) for d in days], pa.date32()),
            "change_due": pa.array([due(d, change) for d in days], pa.date32()),
        }
    )


def _due_exprs(month: str) -> dict[str, str]:
    """SQL expressions of what is due per contribution for a worker-month of ``month`` (column ``income``)."""
    p = parameters_for(int(month[:4]))
    opv_cap = p.opv_cap_mzp * p.mzp
    opv = f"{p.opv_rate!r} * least(income, {opv_cap})"
    return {
        "opv": opv,
        # ОПВР has the same 50 МЗП base as ОПВ (Социальный кодекс ст. 251)
        "opvr": f"{p.opvr_rate!r} * least(income, {opv_cap})",
        "so": (
            f"{p.so_rate!r} * greatest(least(income - {opv}, {p.so_base_max_mzp * p.mzp}), "
            f"{p.so_base_min_mzp * p.mzp})"
        ),
        "oosms": f"{p.oosms_rate!r} * least(income, {p.osms_cap_mzp * p.mzp})",
        "vosms": f"{p.vosms_rate!r} * least(income, {p.osms_cap_mzp * p.mzp})",
    }


def monthly_control(
    wh: Warehouse,
    month: str,
    *,
    region: str | None = None,
    as_of: dt.date | None = None,
    bins: Iterable[str] | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
    memory_limit: str = "6GB",
    threads: int | None = None,
    calendar: WorkCalendar = DEFAULT_CALENDAR,
) -> MonthlyResult:
    """The findings of income month ``month`` known at ``as_of`` (all data when None), in ``region``.

    ``bins`` limits the control to those employers (self-correction re-checks notified employers only).
    """
    check_month(month)
    region = check_region(region)
    if not wh.exists():
        raise ControlError(f"{wh.root}: not a warehouse (no manifest.json)")
    deadline = contribution_deadline(month)
    final = as_of is None or as_of > deadline
    first, last = month_bounds(month)
    prev_first, _ = month_bounds(shift_month(month, -1))
    own = con is None
    if con is None:
        con = wh.connect(memory_limit=memory_limit, threads=threads)
    try:
        if bins is not None:
            con.register("ctl_bin_filter", pa.table({"bin": pa.array(sorted(set(bins)), pa.string())}))
        return _run(
            con,
            wh,
            month,
            region,
            bins is not None,
            as_of,
            final,
            deadline,
            first,
            last,
            prev_first,
            calendar,
        )
    finally:
        if bins is not None:
            con.unregister("ctl_bin_filter")
        if own:
            con.close()


def _run(
    con: duckdb.DuckDBPyConnection,
    wh: Warehouse,
    month: str,
    region: str | None,
    by_bins: bool,
    as_of: dt.date | None,
    final: bool,
    deadline: dt.date,
    first: dt.date,
    last: dt.date,
    prev_first: dt.date,
    calendar: WorkCalendar,
) -> MonthlyResult:
    m1, m2 = shift_month(month, -1), shift_month(month, -2)

    def pay_src(m: str) -> str:
        return registry_sql(wh, "payments", month_files(wh, "payments", [m]))

    ev_src = registry_sql(wh, "contract_events", month_files(wh, "contract_events", [month]))
    known_pay = f"AND paid_on <= {_d(as_of)}" if as_of else ""
    known_reg = f"AND registered_on <= {_d(as_of)}" if as_of else ""
    known_term = f"AND termination_registered_on <= {_d(as_of)}" if as_of else ""
    region_join = (
        f"SEMI JOIN (SELECT bin FROM employers WHERE kato LIKE '{region}%') e ON e.bin = x.employer_bin"
        if region
        else ""
    )
    if by_bins:
        region_join += " SEMI JOIN ctl_bin_filter bf ON bf.bin = x.employer_bin"
    paid_sum = "coalesce(opv,0)+coalesce(opvr,0)+coalesce(so,0)+coalesce(oosms,0)+coalesce(vosms,0)"
    con.register("ctl_deadlines", _deadline_table(first, last, calendar))
    # Month M with every column; of M-1 only who was paid and how much (the files are read once each).
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ctl_pay AS
        SELECT x.employer_bin, x.worker_pid, hash(x.employer_bin, x.worker_pid) AS k,
               x.income, x.opv, x.opvr, x.so, x.oosms, x.vosms, x.paid_on
        FROM {pay_src(month)} x {region_join}
        WHERE x.period = {_q(month)} {known_pay}"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ctl_prev AS
        SELECT x.employer_bin, hash(x.employer_bin, x.worker_pid) AS k, {paid_sum} AS paid
        FROM {pay_src(m1)} x {region_join}
        WHERE x.period = {_q(m1)} {known_pay}"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ctl_con AS
        SELECT x.employer_bin, hash(x.employer_bin, x.worker_pid) AS k, x.start_on, x.registered_on,
               -- a termination not yet registered at the as-of date is not known to the control
               CASE WHEN x.terminated_on IS NOT NULL {known_term.replace("AND", "AND x.", 1) if known_term else ""}
                    THEN x.terminated_on END AS terminated_on,
               x.termination_registered_on
        FROM contracts x {region_join}
        WHERE x.start_on <= {_d(last)} AND (x.terminated_on IS NULL OR x.terminated_on >= {_d(prev_first)})
              {known_reg.replace("AND", "AND x.", 1) if known_reg else ""}"""
    )
    due = _due_exprs(month)
    # what is due and what was paid, computed once per worker-month
    cols = ", ".join(f"({due[c]}) AS d_{c}, coalesce({c}, 0) AS p_{c}" for c in CONTRIBUTIONS)
    late = f"paid_on > {_d(deadline)}"
    aggs: list[str] = []
    for c in CONTRIBUTIONS:
        d, paid = f"d_{c}", f"p_{c}"
        short = f"{paid} > 0 AND {paid} < {d} - {TOLERANCE_KZT}"
        aggs += [
            f"count(*) FILTER (WHERE {d} >= 1 AND {paid} = 0) AS {c}_missing_w",
            f"sum({d}) FILTER (WHERE {d} >= 1 AND {paid} = 0) AS {c}_missing_a",
            f"count(*) FILTER (WHERE {short}) AS {c}_short_w",
            f"sum({d} - {paid}) FILTER (WHERE {short}) AS {c}_short_a",
            f"count(*) FILTER (WHERE {paid} > 0 AND {late}) AS {c}_late_w",
            f"sum({paid}) FILTER (WHERE {paid} > 0 AND {late}) AS {c}_late_a",
            f"max(paid_on - {_d(deadline)}) FILTER (WHERE {paid} > 0 AND {late}) AS {c}_late_d",
        ]
    # Most worker-months are in order: keep only rows with some problem before the 35 aggregates.
    any_problem = " OR ".join(
        [late]
        + [
            f"(d_{c} >= 1 AND p_{c} = 0) OR (p_{c} > 0 AND p_{c} < d_{c} - {TOLERANCE_KZT})"
            for c in CONTRIBUTIONS
        ]
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ctl_contrib AS
        SELECT employer_bin, {", ".join(aggs)}
        FROM (SELECT employer_bin, paid_on, {cols} FROM ctl_pay WHERE income > 0)
        WHERE {any_problem}
        GROUP BY employer_bin"""
    )
    parts: list[str] = []
    for c in CONTRIBUTIONS:
        for p in ("missing", "short", "late"):
            days = f"{c}_late_d" if p == "late" else "0"
            parts.append(
                f"SELECT employer_bin, '{c}_{p}' AS kind, {c}_{p}_w AS workers, {c}_{p}_a AS amount, "
                f"{days} AS days FROM ctl_contrib WHERE {c}_{p}_w > 0"
            )
    active_m = f"start_on <= {_d(last)} AND (terminated_on IS NULL OR terminated_on >= {_d(first)})"
    since_deadline = f"{_d(as_of)} - {_d(deadline)}" if as_of else "0"
    # Stopped: employers with active contracts and nothing for M that paid in M-1, or else in M-2 (read
    # only for those employers); the amount is what they paid in that latest month.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE ctl_stopped AS
        WITH cand AS (
            SELECT a.employer_bin, a.n
            FROM (SELECT employer_bin, count(*) AS n FROM ctl_con
                  WHERE {active_m} AND {"true" if final else "false"} GROUP BY employer_bin) a
            ANTI JOIN (SELECT DISTINCT employer_bin FROM ctl_pay) p ON p.employer_bin = a.employer_bin),
        p1 AS (SELECT employer_bin, sum(paid) AS s FROM ctl_prev SEMI JOIN cand USING (employer_bin)
               GROUP BY employer_bin),
        p2 AS (SELECT x.employer_bin, sum({paid_sum}) AS s FROM {pay_src(m2)} x
               SEMI JOIN cand c ON c.employer_bin = x.employer_bin
               ANTI JOIN p1 ON p1.employer_bin = x.employer_bin
               WHERE x.period = {_q(m2)} {known_pay} GROUP BY x.employer_bin)
        SELECT cand.employer_bin, cand.n, coalesce(p1.s, p2.s) AS amount
        FROM cand LEFT JOIN p1 USING (employer_bin) LEFT JOIN p2 USING (employer_bin)
        WHERE p1.s IS NOT NULL OR p2.s IS NOT NULL"""
    )
    parts.append(f"SELECT employer_bin, 'payments_stopped', n, amount, {since_deadline} FROM ctl_stopped")
    parts.append(
        f"""SELECT p.employer_bin, 'esutd_paid_without_contract', count(DISTINCT p.worker_pid), sum(p.income), 0
        FROM ctl_pay p
        ANTI JOIN (SELECT k FROM ctl_con WHERE {active_m}) c ON c.k = p.k
        WHERE p.income > 0
        GROUP BY p.employer_bin"""
    )
    parts.append(
        f"""SELECT c.employer_bin, 'esutd_contract_without_pay', count(*), 0, 0
        FROM ctl_con c
        ANTI JOIN ctl_pay p ON p.k = c.k
        ANTI JOIN ctl_prev q ON q.k = c.k
        ANTI JOIN ctl_stopped s ON s.employer_bin = c.employer_bin
        WHERE c.start_on <= {_d(prev_first)} AND (c.terminated_on IS NULL OR c.terminated_on >= {_d(last)})
        GROUP BY c.employer_bin"""
    )
    parts.append(
        """SELECT c.employer_bin, 'esutd_late_hire', count(*), 0, max(c.registered_on - d.hire_due)
        FROM ctl_con c JOIN ctl_deadlines d ON d.d = c.start_on
        WHERE c.registered_on > d.hire_due GROUP BY c.employer_bin"""
    )
    parts.append(
        """SELECT c.employer_bin, 'esutd_late_termination', count(*), 0,
                   max(c.termination_registered_on - d.term_due)
        FROM ctl_con c JOIN ctl_deadlines d ON d.d = c.terminated_on
        WHERE c.termination_registered_on > d.term_due GROUP BY c.employer_bin"""
    )
    parts.append(
        f"""SELECT x.employer_bin, 'esutd_late_amendment', count(*), 0, max(x.registered_on - d.change_due)
        FROM {ev_src} x JOIN ctl_deadlines d ON d.d = x.event_on {region_join}
        WHERE x.registered_on > d.change_due {known_reg.replace("AND", "AND x.", 1) if known_reg else ""}
        GROUP BY x.employer_bin"""
    )
    order = ", ".join(f"'{k}'" for k in FINDING_KINDS)
    rows = con.execute(
        f"""SELECT employer_bin, kind, CAST(workers AS BIGINT), round(CAST(amount AS DOUBLE), 2),
                   CAST(coalesce(days, 0) AS BIGINT)
        FROM ({" UNION ALL ".join(parts)}) f(employer_bin, kind, workers, amount, days)
        ORDER BY list_position([{order}], kind), employer_bin"""
    ).fetchall()
    checked_row = con.execute(
        f"""SELECT count(*) FROM (SELECT employer_bin FROM ctl_pay
            UNION SELECT employer_bin FROM ctl_con WHERE {active_m})"""
    ).fetchone()
    for t in ("ctl_pay", "ctl_prev", "ctl_con", "ctl_contrib", "ctl_stopped"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    con.unregister("ctl_deadlines")
    findings = [Finding(r[0], r[1], int(r[2]), float(r[3] or 0.0), int(r[4])) for r in rows]
    result = MonthlyResult(
        month=month,
        deadline=deadline,
        as_of=as_of,
        final=final,
        region=region,
        findings=findings,
        employers_checked=int(checked_row[0]) if checked_row else 0,
    )
    result.totals = totals(findings, result.employers_checked)
    return result


def totals(findings: list[Finding], employers_checked: int) -> dict[str, Any]:
    by_kind: dict[str, dict[str, float | int]] = {}
    for f in findings:
        k = by_kind.setdefault(f.kind, {"findings": 0, "workers": 0, "amount_kzt": 0.0})
        k["findings"] += 1
        k["workers"] += f.workers
        k["amount_kzt"] = round(float(k["amount_kzt"]) + f.amount_kzt, 2)
    return {
        "employers_checked": employers_checked,
        "employers_with_findings": len({f.employer_bin for f in findings}),
        "findings": len(findings),
        "amount_kzt": round(sum(f.amount_kzt for f in findings), 2),
        "by_kind": {k: by_kind[k] for k in FINDING_KINDS if k in by_kind},
    }
