"""Coverage (Roadmap item 25a): sectors and regions without a sectoral or regional agreement in force.

On a date (by default the last day of the half-year), a ОКЭД **section** is covered when a sectoral
agreement for the whole section is in force; a **division** when such a section agreement or an
agreement for that division is in force. A **region** is covered when a regional agreement is in force.
The employers counted are those that reported payments in the half-year; their workers are the distinct
workers paid in the half's last month with payments. An employer is *uncovered* by sector when its
division is not covered, by region when its region is not, and has *no agreement* when neither covers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pyarrow as pa

from labormap.agreements.common import Half
from labormap.reference.regions import REGIONS


@dataclass(frozen=True)
class SectorRow:
    level: str  # section | division
    code: str  # A..U or two digits
    section: str
    agreements: tuple[str, ...]
    employers: int
    workers: int
    employers_uncovered: int
    workers_uncovered: int

    @property
    def covered(self) -> bool:
        return bool(self.agreements)


@dataclass(frozen=True)
class RegionRow:
    region: str
    agreements: tuple[str, ...]
    employers: int
    workers: int
    employers_no_agreement: int  # neither a sectoral nor a regional agreement covers them
    workers_no_agreement: int

    @property
    def covered(self) -> bool:
        return bool(self.agreements)

    @property
    def share_no_agreement(self) -> float | None:
        return None if self.workers == 0 else self.workers_no_agreement / self.workers


@dataclass
class CoverageResult:
    half: Half
    on: date
    sectors: list[SectorRow] = field(default_factory=list)
    regions: list[RegionRow] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "half": self.half.code,
            "on": self.on.isoformat(),
            "sectors": [
                {
                    "level": s.level,
                    "code": s.code,
                    "covered": s.covered,
                    "agreements": list(s.agreements),
                    "employers": s.employers,
                    "workers": s.workers,
                    "employers_uncovered": s.employers_uncovered,
                    "workers_uncovered": s.workers_uncovered,
                }
                for s in self.sectors
            ],
            "regions": [
                {
                    "region": r.region,
                    "covered": r.covered,
                    "agreements": list(r.agreements),
                    "employers": r.employers,
                    "workers": r.workers,
                    "employers_no_agreement": r.employers_no_agreement,
                    "workers_no_agreement": r.workers_no_agreement,
                }
                for r in self.regions
            ],
        }


SQL = """
WITH last_m AS (
    SELECT max(period) AS period FROM payments WHERE period IN (SELECT unnest($periods::VARCHAR[]))
),
staff AS (
    SELECT employer_bin, count(DISTINCT worker_pid) FILTER (WHERE period = (SELECT period FROM last_m)) AS workers
    FROM payments WHERE period IN (SELECT unnest($periods::VARCHAR[]))
    GROUP BY employer_bin
),
emp AS (
    SELECT e.bin, substr(e.kato, 1, 2) AS region, substr(e.oked, 1, 2) AS division, d.section, s.workers
    FROM employers e JOIN staff s ON s.employer_bin = e.bin
    LEFT JOIN oked_divisions d ON d.division = substr(e.oked, 1, 2)
    WHERE ($region IS NULL OR substr(e.kato, 1, 2) = $region) {scope}
),
inforce AS (
    SELECT * FROM ag_sector_agreements WHERE valid_from <= $on AND valid_to >= $on
)
SELECT emp.*,
    (SELECT list(agreement_id ORDER BY agreement_id) FROM inforce a
        WHERE a.level = 'sectoral' AND a.oked_division IS NULL AND a.oked_section = emp.section) AS sec_ids,
    (SELECT list(agreement_id ORDER BY agreement_id) FROM inforce a
        WHERE a.level = 'sectoral' AND a.oked_division = emp.division) AS div_ids,
    (SELECT list(agreement_id ORDER BY agreement_id) FROM inforce a
        WHERE a.level = 'regional' AND a.region = emp.region) AS reg_ids
FROM emp
"""


def coverage(
    con: duckdb.DuckDBPyConnection,
    half: Half,
    *,
    on: date | None = None,
    region: str | None = None,
    bins: Iterable[str] | None = None,
) -> CoverageResult:
    on = on or half.last
    scope = ""
    if bins is not None:
        con.register("_cov_scope", pa.table({"b": pa.array(sorted(set(bins)), pa.string())}))
        scope = " AND e.bin IN (SELECT b FROM _cov_scope)"
    rows = con.execute(
        SQL.format(scope=scope), {"periods": half.periods, "region": region, "on": on}
    ).fetchall()
    inforce = con.execute(
        "SELECT level, oked_section, oked_division, region, agreement_id FROM ag_sector_agreements "
        "WHERE valid_from <= $1 AND valid_to >= $1 AND level IN ('sectoral', 'regional') ORDER BY agreement_id",
        [on],
    ).fetchall()
    sec_agr: dict[str, list[str]] = {}
    div_agr: dict[str, list[str]] = {}
    reg_agr: dict[str, list[str]] = {}
    for level, sec, div, reg, aid in inforce:
        if level == "sectoral" and div:
            div_agr.setdefault(div, []).append(aid)
        elif level == "sectoral" and sec:
            sec_agr.setdefault(sec, []).append(aid)
        elif level == "regional" and reg:
            reg_agr.setdefault(reg, []).append(aid)

    # (employers, workers, employers uncovered, workers uncovered) per section, division and region
    sec_n: dict[str, list[int]] = {}
    div_n: dict[tuple[str, str], list[int]] = {}
    reg_n: dict[str, list[int]] = {r: [0, 0, 0, 0] for r in REGIONS if region is None or r == region}
    for _bin, reg, div, sec, workers, sec_ids, div_ids, reg_ids in rows:
        workers = int(workers or 0)
        sec = sec or "?"
        by_sector = bool(sec_ids) or bool(div_ids)
        by_region = bool(reg_ids)
        for a in (sec_n.setdefault(sec, [0, 0, 0, 0]), div_n.setdefault((sec, div), [0, 0, 0, 0])):
            a[0] += 1
            a[1] += workers
            if not by_sector:
                a[2] += 1
                a[3] += workers
        r = reg_n.setdefault(reg, [0, 0, 0, 0])
        r[0] += 1
        r[1] += workers
        if not by_sector and not by_region:
            r[2] += 1
            r[3] += workers
    result = CoverageResult(half=half, on=on)
    for sec in sorted(sec_n):
        e, w, eu, wu = sec_n[sec]
        result.sectors.append(SectorRow("section", sec, sec, tuple(sec_agr.get(sec, ())), e, w, eu, wu))
        for (s2, div), (e2, w2, eu2, wu2) in sorted(div_n.items()):
            if s2 == sec:
                ids = tuple(sec_agr.get(sec, ())) + tuple(div_agr.get(div, ()))
                result.sectors.append(SectorRow("division", div, sec, ids, e2, w2, eu2, wu2))
    for reg in sorted(reg_n):
        e, w, eu, wu = reg_n[reg]
        result.regions.append(RegionRow(reg, tuple(reg_agr.get(reg, ())), e, w, eu, wu))
    return result
