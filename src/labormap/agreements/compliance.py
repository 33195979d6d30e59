"""Pay against agreements (Roadmap item 2): per employer and half-year, who is paid below what applies.

For every worker-month of the half-year the employer reported (``payments``), the labour contract in
force for the whole month gives the work rate, the hazardous flag and the tariff grade. What applies:

* the **sector floor**: the higher of the minimum tariffs of the sectoral agreement (matching the
  employer's ОКЭД division, or its section) and of the regional agreement (matching the employer's
  region) in force on the first day of the month — each raised by its inter-grade coefficient to the
  power (grade − 1) when the contract's grade is known and the agreement sets a coefficient;
* the **collective agreement floor**: the employer's own collective agreement in force on that day,
  its 1st-grade tariff times the coefficient of the worker's grade from its scale (the scale's last
  coefficient above its top grade, 1 when the grade is unknown);
* for **hazardous work**, on top of the higher of the two floors, the highest hazard bonus (%) any of
  those agreements sets.

All floors are for a full rate and are pro-rated by the contract's work rate (part-time transfers in
``contract_events`` included). Shortfalls are layered so that they never count the same tenge twice:
``below_sector_tariff`` up to the sector floor, ``below_ca_tariff`` from there up to the collective
agreement floor, ``no_hazard_bonus`` from the higher floor up to it plus the bonus. A worker-month is
left out when the contract does not cover the whole month, when an amendment (part-time, idle time)
takes effect inside the month, or during idle time — pay then legitimately differs from the tariff.

A finding is (employer, kind) with the distinct workers short in at least one month and the monthly
shortfall: the half-year's total divided by the months of the half for which the warehouse holds
payments. Rules and their sources: docs/agreements.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from labormap.agreements.common import AgreementsError, Half

KINDS = ("below_sector_tariff", "below_ca_tariff", "no_hazard_bonus")
# Shortfalls under one tenge a month are rounding, not underpayment.
TOLERANCE_KZT = 1.0


@dataclass(frozen=True)
class Finding:
    employer_bin: str
    kind: str
    workers: int
    shortfall_kzt_month: float
    # context for the note and the web page (not in the JSON contract)
    name: str = ""
    region: str = ""
    section: str = ""
    worker_months: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "employer_bin": self.employer_bin,
            "kind": self.kind,
            "workers": self.workers,
            "shortfall_kzt_month": self.shortfall_kzt_month,
        }


@dataclass
class ComplianceResult:
    half: Half
    months_covered: int
    findings: list[Finding] = field(default_factory=list)
    employers_checked: int = 0
    workers_checked: int = 0

    def as_json(self) -> dict[str, object]:
        return {"half": self.half.code, "findings": [f.as_json() for f in self.findings]}


def _register_filter(con: duckdb.DuckDBPyConnection, bins: Iterable[str] | None) -> str:
    if bins is None:
        return ""
    con.register("_ag_scope", pa.table({"b": pa.array(sorted(set(bins)), pa.string())}))
    return " AND e.bin IN (SELECT b FROM _ag_scope)"


WORKER_MONTHS_SQL = """
WITH m AS (
    SELECT period, CAST(period || '-01' AS DATE) AS ms, last_day(CAST(period || '-01' AS DATE)) AS me
    FROM (SELECT unnest($periods::VARCHAR[]) AS period)
),
emp AS (
    SELECT e.bin, e.name, substr(e.kato, 1, 2) AS region, substr(e.oked, 1, 2) AS division, d.section
    FROM employers e LEFT JOIN oked_divisions d ON d.division = substr(e.oked, 1, 2)
    WHERE ($region IS NULL OR substr(e.kato, 1, 2) = $region) {scope}
),
pay AS (
    SELECT p.employer_bin, p.worker_pid, p.period, sum(p.income) AS income
    FROM payments p JOIN m USING (period) JOIN emp ON emp.bin = p.employer_bin
    GROUP BY ALL
),
con AS (
    SELECT pay.*, m.ms, m.me, c.work_rate AS contract_rate, coalesce(c.hazardous, false) AS hazardous,
           c.grade, c.position,
           row_number() OVER (PARTITION BY pay.employer_bin, pay.worker_pid, pay.period
                              ORDER BY c.start_on DESC) AS rn
    FROM pay JOIN m USING (period)
    JOIN ag_contracts c ON c.employer_bin = pay.employer_bin AND c.worker_pid = pay.worker_pid
        AND c.start_on <= m.ms AND (c.terminated_on IS NULL OR c.terminated_on >= m.me)
),
ev AS (
    SELECT employer_bin, worker_pid, event_type, event_on, work_rate
    FROM contract_events
    WHERE event_type IN ('part_time_start', 'part_time_end', 'idle_start', 'idle_end')
),
evm AS (
    -- per worker-month: amendments taking effect inside the month, and the last idle / part-time
    -- amendment in force on its first day (one join and aggregate, not a subquery per row)
    SELECT c.employer_bin, c.worker_pid, c.period,
        count(*) FILTER (WHERE ev.event_on > c.ms AND ev.event_on <= c.me) AS changes_inside,
        arg_max(ev.event_type, ev.event_on) FILTER (WHERE ev.event_type LIKE 'idle%' AND ev.event_on <= c.ms)
            AS idle_last,
        arg_max({{'t': ev.event_type, 'r': ev.work_rate}}, ev.event_on)
            FILTER (WHERE ev.event_type LIKE 'part_time%' AND ev.event_on <= c.ms) AS pt_last
    FROM con c JOIN ev ON ev.employer_bin = c.employer_bin AND ev.worker_pid = c.worker_pid
    WHERE c.rn = 1
    GROUP BY ALL
),
wm AS (
    SELECT c.*, coalesce(evm.changes_inside, 0) AS changes_inside, evm.idle_last,
        evm.pt_last.t AS pt_last, evm.pt_last.r AS pt_rate
    FROM con c LEFT JOIN evm USING (employer_bin, worker_pid, period)
    WHERE c.rn = 1
),
w AS (
    SELECT wm.employer_bin, wm.worker_pid, wm.period, wm.ms, wm.income, wm.hazardous, wm.grade,
        CASE WHEN wm.pt_last = 'part_time_start' AND wm.pt_rate IS NOT NULL THEN wm.pt_rate
             ELSE wm.contract_rate END AS rate,
        emp.region, emp.division, emp.section
    FROM wm JOIN emp ON emp.bin = wm.employer_bin
    WHERE wm.changes_inside = 0 AND coalesce(wm.idle_last, '') <> 'idle_start'
),
sa AS (
    SELECT w.employer_bin, w.worker_pid, w.period,
        max(a.min_tariff_kzt * CASE WHEN w.grade IS NOT NULL AND a.inter_grade_coefficient IS NOT NULL
                                     THEN pow(a.inter_grade_coefficient, w.grade - 1) ELSE 1 END) AS s_tariff,
        max(a.hazard_bonus_pct) AS s_bonus
    FROM w JOIN ag_sector_agreements a ON a.valid_from <= w.ms AND a.valid_to >= w.ms AND (
        (a.level = 'sectoral' AND CASE WHEN a.oked_division IS NOT NULL THEN a.oked_division = w.division
                                      ELSE a.oked_section = w.section END)
        OR (a.level = 'regional' AND a.region = w.region
            AND (a.oked_section IS NULL OR a.oked_section = w.section)))
    GROUP BY ALL
),
ca AS (
    SELECT w.employer_bin, w.worker_pid, w.period,
        arg_max(a.min_tariff_kzt * CASE
            WHEN w.grade IS NULL OR a.tariff_coefficients IS NULL THEN 1
            ELSE coalesce(TRY_CAST(list_extract(
                    regexp_split_to_array(trim(a.tariff_coefficients), '[;|\\s]+'),
                    least(w.grade, len(regexp_split_to_array(trim(a.tariff_coefficients), '[;|\\s]+'))))
                AS DOUBLE), 1) END, a.signed_on) AS c_tariff,
        arg_max(a.hazard_bonus_pct, a.signed_on) AS c_bonus
    FROM w JOIN collective_agreements a ON a.employer_bin = w.employer_bin
        AND a.valid_from <= w.ms AND a.valid_to >= w.ms
    GROUP BY ALL
),
x AS (
    SELECT w.*, coalesce(sa.s_tariff, 0) AS s, coalesce(ca.c_tariff, 0) AS c,
        CASE WHEN w.hazardous THEN greatest(coalesce(sa.s_bonus, 0), coalesce(ca.c_bonus, 0)) ELSE 0 END AS bonus
    FROM w LEFT JOIN sa USING (employer_bin, worker_pid, period)
           LEFT JOIN ca USING (employer_bin, worker_pid, period)
)
SELECT x.*,
    greatest(0, s * rate - income) AS sh_sector,
    greatest(0, c * rate - greatest(income, s * rate)) AS sh_ca,
    greatest(0, greatest(s, c) * rate * (1 + bonus / 100) - greatest(income, greatest(s, c) * rate)) AS sh_hazard
FROM x
"""


def worker_months(
    con: duckdb.DuckDBPyConnection,
    half: Half,
    *,
    region: str | None = None,
    bins: Iterable[str] | None = None,
) -> str:
    """Every checked worker-month with its floors and the three layered shortfalls, as temp table ``_ag_wm``."""
    scope = _register_filter(con, bins)
    sql = WORKER_MONTHS_SQL.format(scope=scope)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ag_wm AS {sql}", {"periods": half.periods, "region": region})
    return "_ag_wm"


def compliance(
    con: duckdb.DuckDBPyConnection,
    half: Half,
    *,
    region: str | None = None,
    bins: Iterable[str] | None = None,
) -> ComplianceResult:
    """Findings of ``half`` for the employers in ``region`` / ``bins`` (None: all)."""
    covered = con.execute(
        "SELECT count(DISTINCT period) FROM payments WHERE period IN (SELECT unnest($1::VARCHAR[]))",
        [half.periods],
    ).fetchall()
    months = int(covered[0][0]) if covered else 0
    if months == 0:
        raise AgreementsError(f"the warehouse holds no payments for {half.code}")
    worker_months(con, half, region=region, bins=bins)
    tot = con.execute(
        "SELECT count(DISTINCT employer_bin), count(DISTINCT worker_pid) FROM _ag_wm"
    ).fetchall()[0]
    parts = []
    for kind, col in zip(KINDS, ("sh_sector", "sh_ca", "sh_hazard"), strict=True):
        parts.append(
            f"SELECT employer_bin, '{kind}' AS kind, count(DISTINCT worker_pid) AS workers, "
            f"sum({col}) AS total, count(*) AS worker_months FROM _ag_wm WHERE {col} > {TOLERANCE_KZT} "
            "GROUP BY employer_bin"
        )
    rows = con.execute(
        f"""
        SELECT f.employer_bin, f.kind, f.workers, f.total, f.worker_months,
               e.name, substr(e.kato, 1, 2), d.section
        FROM ({" UNION ALL ".join(parts)}) f
        JOIN employers e ON e.bin = f.employer_bin
        LEFT JOIN oked_divisions d ON d.division = substr(e.oked, 1, 2)
        ORDER BY f.employer_bin, f.kind
        """
    ).fetchall()
    con.execute("DROP TABLE _ag_wm")
    order = {k: i for i, k in enumerate(KINDS)}
    findings = [
        Finding(
            employer_bin=r[0],
            kind=r[1],
            workers=int(r[2]),
            shortfall_kzt_month=round(float(r[3]) / months, 2),
            name=r[5] or "",
            region=r[6] or "",
            section=r[7] or "",
            worker_months=int(r[4]),
        )
        for r in rows
    ]
    findings.sort(key=lambda f: (f.employer_bin, order[f.kind]))
    return ComplianceResult(
        half=half,
        months_covered=months,
        findings=findings,
        employers_checked=int(tot[0]) if tot else 0,
        workers_checked=int(tot[1]) if tot else 0,
    )
