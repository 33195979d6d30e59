"""Calibration: every public figure the simulated nation must reproduce, with its band and source, and the
measurement of each from a simulated drop.

Figures about the whole country are measured by re-weighting the world to the nation: each employer
carries its ``national_weight`` (how many real employers it stands for, ``truth/employers.parquet``), and
counts of conflicts are divided by the world's hazard boost and counts of arrears by its distress boost
(``truth/meta.json``), the two documented ways a small world is made richer in events than the nation.
Bands marked ``national`` only hold at national scale (a demo world caps its largest employers at about
1 000 staff), so they are checked in the national benchmark run, not on the demo world.

Run ``python -m labormap.simulate.calibration OUT`` to print the table for a simulated folder.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from labormap.reference.parameters import YEARLY_PARAMETERS
from labormap.reference.regions import REGIONS


@dataclass(frozen=True, slots=True)
class Band:
    key: str
    lo: float
    hi: float
    source: str
    scope: str = "any"  # "any": holds in every world; "national": only at national scale


BANDS: tuple[Band, ...] = (
    Band("large_employer_share_pct", 0.25, 0.55, "≈1.5 thousand large of ≈400 thousand employers with staff"),
    Band(
        "medium_employer_share_pct", 0.40, 0.90, "≈2.5 thousand medium of ≈400 thousand employers with staff"
    ),
    Band(
        "workers_millions",
        5.5,
        8.5,
        "≈7 million hired workers at employers with staff (77% of 9.3 million employed)",
        "national",
    ),
    Band("employment_trade_pct", 11, 22, "trade 17% of employment"),
    Band("employment_education_pct", 8, 18, "education 13% of employment"),
    Band("employment_industry_pct", 8, 20, "industry 12.5% of employment"),
    Band("employment_construction_pct", 4, 11, "construction 7% of employment"),
    Band("employment_transport_pct", 4, 11, "transport 7% of employment"),
    Band("employment_health_pct", 3.5, 10, "health 6% of employment"),
    Band("employment_public_admin_pct", 3, 10, "public administration 6% of employment"),
    Band("wage_2025_national_k", 380, 460, "average monthly wage 2025 ≈ 412–423 thousand KZT"),
    Band(
        "wage_2025_region_max_dev_pct", 0, 15, "every region's 2025 wage within 15% of its published figure"
    ),
    Band(
        "wage_top5_has_atyrau_mangystau_ulytau",
        3,
        3,
        "highest: Atyrau, Mangystau, Ulytau (then Astana, Almaty)",
    ),
    Band(
        "wage_bottom4_has_turkestan_zhambyl",
        2,
        2,
        "lowest: Turkestan, Zhambyl (then North Kazakhstan, Shymkent)",
    ),
    Band(
        "contribution_rate_max_dev",
        0,
        0.002,
        "ОПВ, ОПВР, СО, ООСМС, ВОСМС rates of each year (Social Code, budget laws)",
    ),
    Band(
        "operators_with_contractors_pct",
        60,
        100,
        "contractor chains around large oil, gas and mining operators",
    ),
    Band(
        "contractors_serving_operators_pct",
        100,
        100,
        "every contractor link has a large operator as customer",
    ),
    Band("union_rate_large_pct", 50, 90, "unions are common in large employers"),
    Band("union_rate_gradient", 1, 1, "union presence rises with size: large > medium > small > micro"),
    Band("agreement_rate_large_pct", 40, 90, "collective agreements are common in large employers"),
    Band(
        "conflicts_per_year_national",
        40,
        260,
        "registered conflicts a year: 55 collective disputes + 11 strikes in 2025",
    ),
    Band(
        "stoppages_per_year_national",
        5,
        70,
        "strikes and stoppages: 11 strikes in 2025, 34 stoppages in early 2022",
    ),
    Band(
        "stoppages_2022_vs_other_years",
        1.3,
        20,
        "the early-2022 wave: 2022 stoppages above other years' median",
    ),
    Band("mangystau_share_of_stoppages_pct", 20, 100, "Mangystau over-represented (all 11 strikes of 2025)"),
    Band(
        "oil_mining_share_of_conflicts_pct",
        25,
        90,
        "oil, gas and mining over-represented (≈6% of employment)",
    ),
    Band("contractor_share_of_conflicts_pct", 12, 80, "contractors over-represented (≈2% of employers)"),
    Band("arrears_employers_national", 40, 200, "wage arrears found at any time: 60–130 employers"),
    Band("arrears_workers_thousands", 0.6, 3.0, "… owed to 1–2 thousand workers"),
    Band("arrears_amount_bn_kzt", 0.4, 2.5, "… 0.8–1.5 billion KZT"),
    Band("media_kazakh_share_pct", 20, 40, "Kazakh-language share of publications"),
    Band("conflicts_with_prior_media_pct", 25, 95, "media signals appear before many conflicts"),
    Band("survey_protest_grievance_corr", 0.3, 1.0, "surveys reflect grievance (with noise)"),
)


def measure(out: Path) -> dict[str, float]:
    """Every figure of :data:`BANDS`, measured on a simulated folder."""
    out = Path(out)
    meta = json.loads((out / "truth" / "meta.json").read_text(encoding="utf-8"))
    boost = float(meta["hazard_boost"])
    distress = float(meta["distress_boost"])
    extract = meta["extract_on"]
    reg = out / "registries"
    con = duckdb.connect()

    def src(name: str) -> str:
        folder = reg / name
        if folder.is_dir():
            return f"read_parquet('{folder}/*.parquet')"
        if (reg / f"{name}.parquet").exists():
            return f"read_parquet('{reg / name}.parquet')"
        return f"read_csv_auto('{reg / name}.csv', header=true, all_varchar=false)"

    for name in (
        "employers",
        "contracts",
        "payments",
        "arrears",
        "conflicts",
        "collective_agreements",
        "contractor_links",
        "surveys",
        "media_items",
    ):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM {src(name)}")
    t = out / "truth"
    con.execute(f"CREATE VIEW te AS SELECT * FROM read_parquet('{t}/employers.parquet')")
    con.execute(f"CREATE VIEW tc AS SELECT * FROM read_parquet('{t}/conflicts.parquet')")
    con.execute(f"CREATE VIEW tm AS SELECT * FROM read_parquet('{t}/media.parquet')")
    con.execute(f"CREATE VIEW months AS SELECT * FROM read_parquet('{t}/employer_months/*.parquet')")

    def one(sql: str) -> Any:
        row = con.execute(sql).fetchone()
        return row[0] if row else None

    m: dict[str, float] = {}
    w_total = one("SELECT sum(national_weight) FROM te")
    m["large_employer_share_pct"] = (
        100 * one("SELECT sum(national_weight) FROM te WHERE size_class = 'large'") / w_total
    )
    m["medium_employer_share_pct"] = (
        100 * one("SELECT sum(national_weight) FROM te WHERE size_class = 'medium'") / w_total
    )
    last = con.execute("SELECT max(month) FROM months").fetchone()
    last_month = last[0] if last else ""
    con.execute(f"""CREATE TABLE staff AS SELECT te.employer_bin, te.sector_group, te.national_weight w, m.staff
                    FROM months m JOIN te USING (employer_bin) WHERE m.month = '{last_month}'""")
    workers = one("SELECT sum(w * staff) FROM staff")
    m["workers_millions"] = workers / 1e6
    groups = {
        "trade": "('trade')",
        "education": "('education')",
        "construction": "('construction')",
        "transport": "('transport')",
        "health": "('health')",
        "public_admin": "('public_admin')",
        "industry": "('oil_gas', 'mining', 'manufacturing', 'energy_utilities')",
    }
    for key, values in groups.items():
        m[f"employment_{key}_pct"] = (
            100 * (one(f"SELECT sum(w * staff) FROM staff WHERE sector_group IN {values}") or 0) / workers
        )

    # wages in 2025 (or the last year simulated) from the payments registry, re-weighted to the nation
    year = one("SELECT max(substr(period, 1, 4)) FROM payments")
    rows = con.execute(f"""
        WITH per_emp AS (
            SELECT employer_bin, sum(income) inc, count(*) n FROM payments
            WHERE substr(period, 1, 4) = '{year}' GROUP BY 1)
        SELECT substr(e.kato, 1, 2) region, sum(te.national_weight * inc) / sum(te.national_weight * n)
        FROM per_emp p JOIN te USING (employer_bin) JOIN employers e ON e.bin = p.employer_bin
        GROUP BY 1 ORDER BY 2 DESC""").fetchall()
    wages = {r: float(v) for r, v in rows}
    m["wage_2025_national_k"] = (
        one(f"""
        WITH per_emp AS (SELECT employer_bin, sum(income) inc, count(*) n FROM payments
                         WHERE substr(period, 1, 4) = '{year}' GROUP BY 1)
        SELECT sum(national_weight * inc) / sum(national_weight * n) FROM per_emp JOIN te USING (employer_bin)""")
        / 1000
    )
    m["wage_2025_region_max_dev_pct"] = (
        max(abs(v / REGIONS[r].avg_wage_2025_kzt - 1) * 100 for r, v in wages.items()) if wages else 100.0
    )
    ranked = [r for r, _ in rows]
    m["wage_top5_has_atyrau_mangystau_ulytau"] = len({"23", "47", "62"} & set(ranked[:5]))
    m["wage_bottom4_has_turkestan_zhambyl"] = len({"61", "31"} & set(ranked[-4:]))

    # contribution rates of every year, on incomes inside every base limit
    dev = 0.0
    for y, yp in YEARLY_PARAMETERS.items():
        r = con.execute(f"""SELECT median(opv / income), median(opvr / income), median(so / (income - opv)),
                                   median(oosms / income), median(vosms / income), count(*)
                            FROM payments WHERE substr(period, 1, 4) = '{y}'
                              AND income BETWEEN {2 * yp.mzp} AND {6 * yp.mzp}""").fetchone()
        if not r or not r[5]:
            continue
        # ООСМС went from 1% to 1.5% mid-2017 in reality; the yearly table holds one rate per year
        rates = (yp.opv_rate, yp.opvr_rate, yp.so_rate, yp.oosms_rate, yp.vosms_rate)
        dev = max(dev, *(abs(float(a) - b) for a, b in zip(r[:5], rates, strict=True)))
    m["contribution_rate_max_dev"] = dev

    m["operators_with_contractors_pct"] = 100 * one("""
        SELECT avg(CASE WHEN (SELECT count(DISTINCT employer_bin) FROM contractor_links l
                              WHERE l.customer_bin = te.employer_bin) >= 3 THEN 1 ELSE 0 END)
        FROM te WHERE operator""")
    m["contractors_serving_operators_pct"] = 100 * one("""
        SELECT avg(te.operator::INT) FROM contractor_links l JOIN te ON te.employer_bin = l.customer_bin""")
    unions = dict(
        con.execute("""SELECT size_class, avg(union_present::INT) FROM employers e
                                 JOIN te ON te.employer_bin = e.bin GROUP BY 1""").fetchall()
    )
    m["union_rate_large_pct"] = 100 * unions.get("large", 0)
    m["union_rate_gradient"] = float(
        unions.get("large", 0) > unions.get("medium", 0) > unions.get("small", 0) > unions.get("micro", 0)
    )
    m["agreement_rate_large_pct"] = 100 * one(f"""
        SELECT avg(CASE WHEN (SELECT count(*) FROM collective_agreements a WHERE a.employer_bin = te.employer_bin
                    AND a.valid_from <= DATE '{extract}' AND a.valid_to >= DATE '{extract}') > 0 THEN 1 ELSE 0 END)
        FROM te WHERE size_class = 'large' AND exit_month < 0""")

    # conflicts in the register, re-weighted to the nation and freed of the boost
    per_year = con.execute(f"""
        SELECT year(c.started_on) y, sum(te.national_weight) / {boost} n,
               sum(te.national_weight * (c.kind IN ('strike', 'work_stoppage', 'blockade'))::INT) / {boost} s
        FROM conflicts c JOIN te USING (employer_bin) GROUP BY 1 ORDER BY 1""").fetchall()
    full_years = [r for r in per_year if str(r[0]) <= extract[:4]]
    m["conflicts_per_year_national"] = sum(r[1] for r in full_years) / max(len(full_years), 1)
    m["stoppages_per_year_national"] = sum(r[2] for r in full_years) / max(len(full_years), 1)
    # the wave is a ratio of raw counts: re-weighting would only add the noise of a few heavy weights
    raw = con.execute("""SELECT year(started_on) y, count(*) FROM conflicts
                         WHERE kind IN ('strike', 'work_stoppage', 'blockade') GROUP BY 1""").fetchall()
    raw_years = [r for r in raw if str(r[0]) <= extract[:4]]
    others = sorted(r[1] for r in raw_years if r[0] != 2022)
    wave = [r[1] for r in raw_years if r[0] == 2022]
    med = others[len(others) // 2] if others else 0.0
    m["stoppages_2022_vs_other_years"] = (wave[0] / med if med else 20.0) if wave else 20.0
    m["mangystau_share_of_stoppages_pct"] = 100 * (
        one("""
        SELECT sum(te.national_weight * (substr(e.kato, 1, 2) = '47')::INT) / sum(te.national_weight)
        FROM conflicts c JOIN te USING (employer_bin) JOIN employers e ON e.bin = c.employer_bin
        WHERE c.kind IN ('strike', 'work_stoppage', 'blockade')""")
        or 0
    )
    m["oil_mining_share_of_conflicts_pct"] = 100 * one("""
        SELECT sum(national_weight * (sector_group IN ('oil_gas', 'mining'))::INT) / sum(national_weight)
        FROM conflicts c JOIN te USING (employer_bin)""")
    m["contractor_share_of_conflicts_pct"] = (
        100
        * one("""
        SELECT sum(national_weight * contractor::INT) / sum(national_weight) FROM conflicts c JOIN te USING (employer_bin)""")
    )

    # arrears found by inspectors and not yet repaid, at every month end of the last two years
    arrears = con.execute(f"""
        WITH ends AS (SELECT DISTINCT last_day(strptime(month || '-01', '%Y-%m-%d'))::DATE d FROM months
                      WHERE month > strftime(DATE '{extract}' - INTERVAL 24 MONTH, '%Y-%m'))
        SELECT avg(n), avg(wk), avg(amt) FROM (
            SELECT ends.d, sum(te.national_weight) / {distress} n,
                   sum(te.national_weight * a.workers) / {distress} wk,
                   sum(te.national_weight * a.amount_kzt) / {distress} amt
            FROM ends JOIN arrears a ON a.found_on <= ends.d AND (a.repaid_on IS NULL OR a.repaid_on > ends.d)
            JOIN te USING (employer_bin) GROUP BY 1)""").fetchone()
    n_arr, wk_arr, amt_arr = arrears if arrears and arrears[0] is not None else (0.0, 0.0, 0.0)
    m["arrears_employers_national"] = float(n_arr)
    m["arrears_workers_thousands"] = float(wk_arr) / 1000
    m["arrears_amount_bn_kzt"] = float(amt_arr) / 1e9

    m["media_kazakh_share_pct"] = 100 * one("SELECT avg((lang = 'kk')::INT) FROM media_items")
    m["conflicts_with_prior_media_pct"] = 100 * (
        one("""
        SELECT avg(CASE WHEN (SELECT count(*) FROM tm WHERE tm.conflict_truth_id = tc.truth_id
                    AND tm.published_at < tc.started_on) > 0 THEN 1 ELSE 0 END)
        FROM tc WHERE tc.observed""")
        or 0
    )
    m["survey_protest_grievance_corr"] = (
        one("""
        WITH s AS (SELECT employer_bin, wave, avg(q_protest) p, min(answered_on) d FROM surveys GROUP BY 1, 2)
        SELECT corr(s.p, mo.grievance) FROM s JOIN months mo ON mo.employer_bin = s.employer_bin
          AND mo.month = strftime(s.d, '%Y-%m')""")
        or 0.0
    )
    return {k: float(v) for k, v in m.items()}


def check(out: Path, scope: str = "any") -> list[tuple[Band, float, bool]]:
    """Each band (of the given scope, or all with scope='all') with its measured value and whether it holds."""
    values = measure(out)
    return [
        (b, values[b.key], b.lo <= values[b.key] <= b.hi) for b in BANDS if scope == "all" or b.scope == scope
    ]


def table(results: list[tuple[Band, float, bool]]) -> str:
    rows = ["| figure | measured | band | public source | ok |", "|---|---|---|---|---|"]
    for b, v, ok in results:
        rows.append(f"| `{b.key}` | {v:.3g} | {b.lo:g}–{b.hi:g} | {b.source} | {'yes' if ok else '**no**'} |")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover - a helper for the docs
    print(table(check(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "all")))
