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
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from labormap.reference.parameters import YEARLY_PARAMETERS
from labormap.reference.regions import REGIONS

NAN = float("nan")


def nan_if_none(value: Any, scale: float = 1.0) -> float:
    """A measured figure, or NaN when the data hold nothing to measure it on (NaN fails every band)."""
    return NAN if value is None else float(value) / scale


@dataclass(frozen=True, slots=True)
class Band:
    """A figure the simulated world must reproduce.

    ``basis`` says what the band is checked against: ``published`` — a public figure, whose source (a
    URL or a file of ``labormap.reference`` that names its law or release) is in ``source``; ``design`` —
    a rule of the simulator with no published counterpart, stated in docs/simulation.md (the band then
    checks that the rule holds, not that the country looks like this). Bands are set around the cited
    figure with a stated margin, not wide enough to pass anything.
    """

    key: str
    lo: float
    hi: float
    source: str
    scope: str = "any"  # "any": holds in every world; "national": only at national scale
    basis: str = "published"


# Sources used below (all public):
_BNS_ENTERPRISES = "https://stat.gov.kz/en/industries/business-statistics/stat-struct/publications/183222/"
_BNS_WAGES_2025 = "https://stat.gov.kz/en/industries/labor-and-income/stat-wags/publications/411772/"
_BNS_EMPLOYMENT_Q4_2025 = "https://mgorod.kz/news/v-kazaxstane-vyroslo-cislo-rabotaiushhix (BNS, Q4 2025)"
_BNS_EMPLOYMENT_Q2_2023 = "BNS (stat.gov.kz) labour force survey Q2 2023, as reported by Caravan.kz"
_MLSPP_STRIKES_2025 = (
    "https://www.lada.kz/aktau_news/147430-zabastovok-prakticheski-net-akim-mangistau-zaiavil-o-snizhenii-"
    "chisla-i-masshtaba-trudovykh-sporov.html (MLSPP: 11 strikes in 2025, most in Mangystau)"
)
_SK_CONTRACTORS = (
    "https://kaspi-info.com/v-mire/item/168911-v-kazahstane-v-pyat-raz-sokratilos-chislo-zabastovok "
    "(Samruk-Kazyna: 9 of 12 strikes of Jan–Jul 2023 at contractors; 57 a year earlier)"
)
_MLSPP_ARREARS = (
    "https://365info.kz/2024/05/zabastovki-v-kazahstane-kto-vinovat-i-kto-dirizhyor-o-sindrome-zhanaozena-"
    "i-ne-tolko (Jan–May 2024: 126 employers, ≈1.5 bn KZT found, 0.68 bn still owed); "
    "https://rus.baq.kz/284-milliona-tenge-dolga-rabotodateli-v-kazahstane-massovo-zaderzhivayut-zarplaty-"
    "320017243/ (Jan–Feb 2026: 102 employers, 408 workers, 0.28 bn KZT)"
)
_DESIGN = "design rule, docs/simulation.md"

BANDS: tuple[Band, ...] = (
    # 1 532 large (>250) and 2 471 medium (101–250) of 347 138 enterprises in 2023: 0.44% and 0.71%, ±20%
    Band(
        "large_employer_share_pct",
        0.35,
        0.53,
        f"1 532 large of 347 138 enterprises, 2023 — {_BNS_ENTERPRISES}",
    ),
    Band(
        "medium_employer_share_pct",
        0.57,
        0.85,
        f"2 471 medium of 347 138 enterprises, 2023 — {_BNS_ENTERPRISES}",
    ),
    # 7 142.1 thousand hired workers in Q4 2025, ±20% (the registries miss some hired work)
    Band("workers_millions", 5.7, 8.6, f"7.14 million hired workers — {_BNS_EMPLOYMENT_Q4_2025}", "national"),
    # shares of all employed (agriculture and the self-employed included) against shares of hired workers at
    # registered employers: the cited share ±25%
    Band("employment_trade_pct", 12.75, 21.25, f"trade 17.0% — {_BNS_EMPLOYMENT_Q4_2025}"),
    Band("employment_education_pct", 9.9, 16.5, f"education 13.2% — {_BNS_EMPLOYMENT_Q4_2025}"),
    Band("employment_industry_pct", 9.4, 15.6, f"industry 12.5% — {_BNS_EMPLOYMENT_Q4_2025}"),
    Band("employment_construction_pct", 5.3, 8.9, f"construction 7.1% — {_BNS_EMPLOYMENT_Q2_2023}"),
    Band("employment_transport_pct", 5.25, 8.75, f"transport and storage 7.0% — {_BNS_EMPLOYMENT_Q2_2023}"),
    Band("employment_health_pct", 4.65, 7.75, f"health and social work 6.2% — {_BNS_EMPLOYMENT_Q2_2023}"),
    Band(
        "employment_public_admin_pct", 4.35, 7.25, f"public administration 5.8% — {_BNS_EMPLOYMENT_Q2_2023}"
    ),
    # 423 133 (Q1 2025) and 448 620 (Q2 2025) KZT, widened by 5% either side
    Band("wage_2025_national_k", 400, 470, f"423.1 k (Q1 2025), 448.6 k (Q2 2025) — {_BNS_WAGES_2025}"),
    Band(
        "wage_2025_region_max_dev_pct",
        0,
        10,
        "every region within 10% of its 2025 wage in labormap/reference/regions.py (BNS quarterly releases)",
    ),
    Band(
        "wage_top5_has_atyrau_mangystau_ulytau",
        3,
        3,
        "highest Q2 2025: Mangystau 575 k, Ulytau 549 k, Atyrau 544 k — https://news.mail.ru/economics/68107943/ (BNS)",
    ),
    Band(
        "wage_bottom4_has_turkestan_zhambyl",
        2,
        2,
        "lowest: Turkestan, Zhambyl — labormap/reference/regions.py (BNS quarterly releases 2025)",
    ),
    Band(
        "contribution_rate_max_dev",
        0,
        0.002,
        "ОПВ, ОПВР, СО, ООСМС, ВОСМС rates of each year — labormap/reference/parameters.py (Social Code, budget laws)",
    ),
    Band(
        "operators_with_contractors_pct",
        60,
        100,
        f"{_DESIGN}: contractor chains around large oil, gas and mining operators",
        basis="design",
    ),
    Band(
        "contractors_serving_operators_pct",
        100,
        100,
        f"{_DESIGN}: every contractor link has a large operator as customer",
        basis="design",
    ),
    Band("union_rate_large_pct", 50, 90, f"{_DESIGN}: unions are common in large employers", basis="design"),
    Band(
        "union_rate_gradient",
        1,
        1,
        f"{_DESIGN}: union presence rises with size: large > medium > small > micro",
        basis="design",
    ),
    Band(
        "agreement_rate_large_pct",
        40,
        90,
        f"{_DESIGN}: collective agreements are common in large employers",
        basis="design",
    ),
    # 55 collective disputes + 11 strikes = 66 registered in 2025; the ten-year mean (with the 2022 wave) and
    # the 2025 figure each within 50–90 (66 −25% … +35%)
    Band(
        "conflicts_per_year_national",
        50,
        90,
        "66 in 2025: 55 collective disputes (DESIGN.md facts; primary source not located) + 11 strikes — "
        + _MLSPP_STRIKES_2025,
    ),
    Band(
        "conflicts_2025_national",
        45,
        90,
        "66 in 2025: 55 collective disputes (DESIGN.md facts) + 11 strikes — " + _MLSPP_STRIKES_2025,
    ),
    # 11 strikes in 2025, 34 stoppages in early 2022: a ten-year mean ≈ (9·11 + 34)/10 ≈ 13, ±40%
    Band("stoppages_per_year_national", 8, 19, "11 strikes in 2025 — " + _MLSPP_STRIKES_2025),
    Band(
        "stoppages_2022_national",
        24,
        45,
        "34 work stoppages in early 2022 (±30%; DESIGN.md facts, primary source not located); "
        "consistent with 57 strikes in Samruk-Kazyna companies in Jan–Jul 2022: " + _SK_CONTRACTORS,
    ),
    Band(
        "stoppages_2022_vs_other_years",
        2.0,
        5.0,
        "34 in 2022 against 11 in 2025 ≈ 3.1× (raw counts): " + _MLSPP_STRIKES_2025,
    ),
    # Mangystau holds ≈4% of hired workers
    Band(
        "mangystau_share_of_stoppages_pct", 40, 100, "most of the 11 strikes of 2025 — " + _MLSPP_STRIKES_2025
    ),
    Band(
        "oil_mining_share_of_conflicts_pct",
        30,
        75,
        "oil, gas and mining (≈6% of employment) hold most strikes: "
        + _MLSPP_STRIKES_2025
        + "; "
        + _SK_CONTRACTORS,
    ),
    # the Samruk-Kazyna figure is strikes in one holding; over every conflict kind at every employer the share
    # of contractors (≈2% of employers) must still be several times theirs
    Band("contractor_share_of_conflicts_pct", 25, 80, "9 of 12 strikes at contractors — " + _SK_CONTRACTORS),
    Band("arrears_employers_national", 60, 140, "arrears open at a month end: " + _MLSPP_ARREARS),
    Band("arrears_workers_thousands", 0.4, 2.5, "workers owed at a month end: " + _MLSPP_ARREARS),
    Band("arrears_amount_bn_kzt", 0.5, 2.0, "amount owed at a month end: " + _MLSPP_ARREARS),
    Band(
        "media_kazakh_share_pct",
        20,
        40,
        f"{_DESIGN}: 30% of labour-news texts in Kazakh; no published share for labour news (the ministry's "
        "≈60% Kazakh share of all online content, inform.kz 5.11.2021, is another population)",
        basis="design",
    ),
    Band(
        "conflicts_with_prior_media_pct",
        25,
        95,
        f"{_DESIGN}: media signals appear before many conflicts",
        basis="design",
    ),
    Band(
        "survey_protest_grievance_corr",
        0.3,
        1.0,
        f"{_DESIGN}: surveys reflect grievance (with noise)",
        basis="design",
    ),
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

    def pct(part: Any, whole: Any) -> float:
        # an empty or missing population is undefined (NaN), never a default that might pass a band
        if part is None or not whole:
            return NAN
        return 100 * float(part) / float(whole)

    m: dict[str, float] = {}
    w_total = one("SELECT sum(national_weight) FROM te")
    m["large_employer_share_pct"] = pct(
        one("SELECT coalesce(sum(national_weight), 0) FROM te WHERE size_class = 'large'"), w_total
    )
    m["medium_employer_share_pct"] = pct(
        one("SELECT coalesce(sum(national_weight), 0) FROM te WHERE size_class = 'medium'"), w_total
    )
    last = con.execute("SELECT max(month) FROM months").fetchone()
    last_month = last[0] if last else ""
    con.execute(f"""CREATE TABLE staff AS SELECT te.employer_bin, te.sector_group, te.national_weight w, m.staff
                    FROM months m JOIN te USING (employer_bin) WHERE m.month = '{last_month}'""")
    workers = one("SELECT sum(w * staff) FROM staff")
    m["workers_millions"] = float(workers) / 1e6 if workers else NAN
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
        m[f"employment_{key}_pct"] = pct(
            one(f"SELECT coalesce(sum(w * staff), 0) FROM staff WHERE sector_group IN {values}"), workers
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
    m["wage_2025_national_k"] = nan_if_none(
        one(f"""
        WITH per_emp AS (SELECT employer_bin, sum(income) inc, count(*) n FROM payments
                         WHERE substr(period, 1, 4) = '{year}' GROUP BY 1)
        SELECT sum(national_weight * inc) / sum(national_weight * n) FROM per_emp JOIN te USING (employer_bin)"""),
        1000,
    )
    m["wage_2025_region_max_dev_pct"] = (
        max(abs(v / REGIONS[r].avg_wage_2025_kzt - 1) * 100 for r, v in wages.items()) if wages else NAN
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

    m["operators_with_contractors_pct"] = pct(
        one("""
        SELECT avg(CASE WHEN (SELECT count(DISTINCT employer_bin) FROM contractor_links l
                              WHERE l.customer_bin = te.employer_bin) >= 3 THEN 1 ELSE 0 END)
        FROM te WHERE operator"""),
        1,
    )
    m["contractors_serving_operators_pct"] = pct(
        one("""
        SELECT avg(te.operator::INT) FROM contractor_links l JOIN te ON te.employer_bin = l.customer_bin"""),
        1,
    )
    unions = dict(
        con.execute("""SELECT size_class, avg(union_present::INT) FROM employers e
                                 JOIN te ON te.employer_bin = e.bin GROUP BY 1""").fetchall()
    )
    m["union_rate_large_pct"] = pct(unions.get("large"), 1)
    sizes = ("large", "medium", "small", "micro")
    m["union_rate_gradient"] = (
        float(unions["large"] > unions["medium"] > unions["small"] > unions["micro"])
        if all(unions.get(k) is not None for k in sizes)
        else NAN
    )
    m["agreement_rate_large_pct"] = pct(
        one(f"""
        SELECT avg(CASE WHEN (SELECT count(*) FROM collective_agreements a WHERE a.employer_bin = te.employer_bin
                    AND a.valid_from <= DATE '{extract}' AND a.valid_to >= DATE '{extract}') > 0 THEN 1 ELSE 0 END)
        FROM te WHERE size_class = 'large' AND exit_month < 0"""),
        1,
    )

    # conflicts in the register, re-weighted to the nation and freed of the boost
    per_year = con.execute(f"""
        SELECT year(c.started_on) y, sum(te.national_weight) / {boost} n,
               sum(te.national_weight * (c.kind IN ('strike', 'work_stoppage', 'blockade'))::INT) / {boost} s
        FROM conflicts c JOIN te USING (employer_bin) GROUP BY 1 ORDER BY 1""").fetchall()
    full_years = [r for r in per_year if str(r[0]) <= extract[:4]]
    # a year without any conflict has no row; the mean is over the simulated years, not the years with rows
    n_years = int(extract[:4]) - int(meta["arguments"]["start"][:4]) + 1 if "arguments" in meta else 0
    n_years = max(n_years, len(full_years))
    m["conflicts_per_year_national"] = sum(r[1] for r in full_years) / n_years if n_years else NAN
    m["stoppages_per_year_national"] = sum(r[2] for r in full_years) / n_years if n_years else NAN
    by_year = {int(r[0]): (float(r[1]), float(r[2])) for r in full_years}
    # a simulated year with no registered conflict really measures 0; a year outside the run is undefined
    simulated = range(int(extract[:4]) - n_years + 1, int(extract[:4]) + 1)
    m["conflicts_2025_national"] = by_year.get(2025, (0.0, 0.0))[0] if 2025 in simulated else NAN
    m["stoppages_2022_national"] = by_year.get(2022, (0.0, 0.0))[1] if 2022 in simulated else NAN
    # the wave is a ratio of raw counts: re-weighting would only add the noise of a few heavy weights
    raw = con.execute("""SELECT year(started_on) y, count(*) FROM conflicts
                         WHERE kind IN ('strike', 'work_stoppage', 'blockade') GROUP BY 1""").fetchall()
    raw_years = [r for r in raw if str(r[0]) <= extract[:4]]
    others = sorted(r[1] for r in raw_years if r[0] != 2022)
    wave = [r[1] for r in raw_years if r[0] == 2022]
    med = others[len(others) // 2] if others else 0
    # no 2022 stoppages, or no other year to compare with, is an undefined ratio: it fails, never passes
    m["stoppages_2022_vs_other_years"] = wave[0] / med if wave and med else NAN
    m["mangystau_share_of_stoppages_pct"] = pct(
        one("""
        SELECT sum(te.national_weight * (substr(e.kato, 1, 2) = '47')::INT) / sum(te.national_weight)
        FROM conflicts c JOIN te USING (employer_bin) JOIN employers e ON e.bin = c.employer_bin
        WHERE c.kind IN ('strike', 'work_stoppage', 'blockade')"""),
        1,
    )
    m["oil_mining_share_of_conflicts_pct"] = pct(
        one("""
        SELECT sum(national_weight * (sector_group IN ('oil_gas', 'mining'))::INT) / sum(national_weight)
        FROM conflicts c JOIN te USING (employer_bin)"""),
        1,
    )
    m["contractor_share_of_conflicts_pct"] = pct(
        one("""
        SELECT sum(national_weight * contractor::INT) / sum(national_weight) FROM conflicts c
        JOIN te USING (employer_bin)"""),
        1,
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
    n_arr, wk_arr, amt_arr = arrears if arrears else (None, None, None)
    m["arrears_employers_national"] = nan_if_none(n_arr)
    m["arrears_workers_thousands"] = nan_if_none(wk_arr, 1000)
    m["arrears_amount_bn_kzt"] = nan_if_none(amt_arr, 1e9)

    m["media_kazakh_share_pct"] = pct(one("SELECT avg((lang = 'kk')::INT) FROM media_items"), 1)
    m["conflicts_with_prior_media_pct"] = pct(
        one("""
        SELECT avg(CASE WHEN (SELECT count(*) FROM tm WHERE tm.conflict_truth_id = tc.truth_id
                    AND tm.published_at < tc.started_on) > 0 THEN 1 ELSE 0 END)
        FROM tc WHERE tc.observed"""),
        1,
    )
    m["survey_protest_grievance_corr"] = nan_if_none(
        one("""
        WITH s AS (SELECT employer_bin, wave, avg(q_protest) p, min(answered_on) d FROM surveys GROUP BY 1, 2)
        SELECT corr(s.p, mo.grievance) FROM s JOIN months mo ON mo.employer_bin = s.employer_bin
          AND mo.month = strftime(s.d, '%Y-%m')""")
    )
    return {k: float(v) for k, v in m.items()}


def check(out: Path, scope: str = "any") -> list[tuple[Band, float, bool]]:
    """Each band (of the given scope, or all with scope='all') with its measured value and whether it holds."""
    values = measure(out)
    # NaN (an undefined figure: no data to measure it on) compares False with both bounds, so it fails
    return [
        (b, values[b.key], math.isfinite(values[b.key]) and b.lo <= values[b.key] <= b.hi)
        for b in BANDS
        if scope == "all" or b.scope == scope
    ]


def table(results: list[tuple[Band, float, bool]]) -> str:
    rows = ["| figure | measured | band | public source | ok |", "|---|---|---|---|---|"]
    for b, v, ok in results:
        shown = f"{v:.3g}" if math.isfinite(v) else "undefined"
        rows.append(f"| `{b.key}` | {shown} | {b.lo:g}–{b.hi:g} | {b.source} | {'yes' if ok else '**no**'} |")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover - a helper for the docs
    print(table(check(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "all")))
