"""Agreements with and without complete pay systems, and planted employers that pay below them (issue 19).

:func:`planting` wraps the registry sink for one run of the simulator:

* **pay systems** — every sectoral agreement gets an indexation clause or not, and some lose their
  inter-grade coefficient (a seeded draw; the manufacturing agreement, section C, is always complete so the
  planted employers below have a whole pay system to break). The gaps are written to
  ``truth/agreements_completeness.parquet``;
* **planted employers** — six small employers of the last simulated year, each with a handful of workers
  whose contracts (grade, work rate, hazardous flag) and monthly pay are chosen against the agreements that
  apply to them: below the sectoral tariff with its inter-grade coefficient, without the hazard bonus,
  below their own collective agreement, below a regional tariff (a sector without a sectoral agreement),
  and one that honours everything. What each of them owes is written to ``truth/agreements_pay.parquet``
  (half-year, employer, kind, workers, monthly shortfall), computed here from what was planted, not by the
  engine;
* **coverage gaps** — three regions (never Mangystau or Almaty, where planted employers are) have no
  regional agreement in the last simulated year: ``truth/agreements_coverage.parquet``.

The rest of the world is untouched except for the new columns (``contracts.grade`` is unknown for the
ordinary workforce; ``sector_agreements.oked_division`` stays empty). The truth covers the planted
employers only: ordinary simulated employers are not built to honour agreements.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from labormap.identifiers import complete_kz_id
from labormap.reference.parameters import parameters_for
from labormap.reference.regions import REGIONS
from labormap.simulate.sectors import TARIFF_BY_SECTION
from labormap.simulate.timeline import Timeline
from labormap.simulate.world import World
from labormap.simulate.writer import RegistrySink, write_parquet

HIGH_REGIONS = ("23", "47", "62")  # regional agreements 10 % above the МЗП (records.sector_agreements_table)
SECTOR_STEP = 1.2  # the simulator's inter-grade coefficient of sectoral agreements
HAZARD_SECTIONS = ("B", "C", "D")  # sectoral agreements with a 12 % hazard bonus
HAZARD_PCT = 12.0
REGIONAL_GAPS = 3  # regions left without a regional agreement in the last simulated year


@dataclass(frozen=True)
class Worker:
    grade: int | None
    rate: float
    hazardous: bool
    pay: float  # monthly income, KZT
    short: dict[str, float]  # kind -> monthly shortfall planted


@dataclass(frozen=True)
class Planted:
    name: str
    oked: str
    region: str
    workers: tuple[Worker, ...]
    ca: tuple[float, tuple[float, ...], float | None] | None = None  # tariff, scale, hazard %


def _r100(x: float) -> float:
    return float(round(x, -2))


def _plan(year: int, rng: np.random.Generator) -> list[Planted]:
    mzp = parameters_for(year).mzp
    t_c = _r100(mzp * TARIFF_BY_SECTION["C"])  # sectoral tariff of manufacturing
    reg_47 = _r100(mzp * 1.1)

    def sector_c(grade: int | None) -> float:
        return t_c * (SECTOR_STEP ** (grade - 1) if grade else 1.0)

    def cut() -> float:
        return _r100(float(rng.uniform(4000, 20000)))

    # Pay is in whole tenge (a CSV drop holds it exactly); shortfalls are taken from the paid amount.
    def ok(grade: int | None, rate: float, haz: bool, need: float) -> Worker:
        return Worker(grade, rate, haz, float(math.ceil(need - 1e-6)), {})

    def short(grade: int | None, rate: float, haz: bool, need: float, raw: float, kind: str) -> Worker:
        paid = float(round(raw))
        return Worker(grade, rate, haz, paid, {kind: need - paid})

    def hazard(grade: int | None, rate: float, base: float) -> Worker:
        paid = float(math.ceil(base - 1e-6))
        return Worker(grade, rate, True, paid, {"no_hazard_bonus": base * (1 + HAZARD_PCT / 100) - paid})

    out: list[Planted] = []
    # 1. below the sectoral tariff with the inter-grade coefficient; part-time pro-rated
    ws: list[Worker] = []
    for g in (1, 2, 3):
        ws.append(ok(g, 1.0, False, sector_c(g) + _r100(float(rng.uniform(0, 30000)))))
    for g in (2, 4):
        ws.append(short(g, 1.0, False, sector_c(g), sector_c(g) - cut(), "below_sector_tariff"))
    ws.append(short(None, 0.5, False, 0.5 * t_c, 0.5 * t_c - cut() / 2, "below_sector_tariff"))
    ws.append(ok(None, 0.5, False, 0.5 * t_c))
    out.append(Planted("ТОО «Тариф-Разряд»", "10110", "75", tuple(ws)))
    # 2. hazardous work without the sectoral hazard bonus
    ws = [
        hazard(None, 1.0, t_c),
        hazard(2, 1.0, sector_c(2)),
        ok(None, 1.0, True, t_c * 1.2),
        hazard(None, 0.5, 0.5 * t_c),
        ok(None, 1.0, False, t_c),
    ]
    out.append(Planted("ТОО «Вредное производство»", "24100", "47", tuple(ws)))
    # 3. a collective agreement above the sector, not honoured for some
    ca_t = _r100(t_c * 1.3)
    scale = (1.0, 1.2, 1.4, 1.6, 1.8)
    ws = []
    for g in (1, 3):
        ws.append(ok(g, 1.0, False, ca_t * scale[g - 1]))
    for g in (2, 5):
        need = ca_t * scale[g - 1]
        ws.append(short(g, 1.0, False, need, max(sector_c(g), need - cut()), "below_ca_tariff"))
    d = cut()
    ws.append(Worker(None, 1.0, False, t_c - d, {"below_sector_tariff": d, "below_ca_tariff": ca_t - t_c}))
    out.append(Planted("АО «Коллективный договор»", "10110", "75", tuple(ws), (ca_t, scale, None)))
    # 4. honours everything
    ws = [ok(g, 1.0, g == 2, sector_c(g) * 1.2) for g in (1, 2, 3)]
    out.append(Planted("ТОО «Добросовестный»", "10110", "75", tuple(ws)))
    # 5. trade has no sectoral agreement: the regional one of Mangystau applies
    ws = [
        short(None, 1.0, False, reg_47, reg_47 - cut(), "below_sector_tariff"),
        ok(4, 1.0, False, reg_47),  # no coefficient without a sectoral agreement
        ok(None, 0.75, False, 0.75 * reg_47),
    ]
    out.append(Planted("ТОО «Торговый дом Актау»", "47110", "47", tuple(ws)))
    # 6. construction (F): complete? whatever its pay system, it is paid above it
    t_f = _r100(mzp * TARIFF_BY_SECTION["F"])
    ws = [ok(None, 1.0, False, t_f + 10000), ok(None, 1.0, True, t_f + 10000)]
    out.append(Planted("ТОО «Строитель-2»", "41200", "75", tuple(ws)))
    return out


def _kato(region: str) -> str:
    return {"75": "751110000", "47": "471010000"}.get(region, f"{region}1010000")


class PlantingSink(RegistrySink):
    """The simulator's sink, adding the planted rows and columns as the registries pass through it."""

    def __init__(self, sink: RegistrySink, world: World, tl: Timeline, seed: int, truth_dir: Path) -> None:
        self._sink = sink
        self.rows = sink.rows
        self._truth = truth_dir
        self._tl = tl
        self.year = tl.year(tl.n - 1)
        self._rng = np.random.default_rng([seed, 1919])
        self.planted = _plan(self.year, self._rng)
        taken = set(world.bin)
        self.bins: list[str] = []
        serial = 90000
        while len(self.bins) < len(self.planted):
            b = complete_kz_id(f"{(self.year - 3) % 100:02d}0140{serial:05d}"[:11])
            serial += 1
            if b and b not in taken:
                self.bins.append(b)
                taken.add(b)
        self._first_period: str | None = None

    def close(self) -> None:
        self._sink.close()

    # --- the registries passing through
    def write(self, name: str, table: pa.Table, part: str | None = None) -> None:
        if name == "employers":
            table = pa.concat_tables([table, self._employers(table.schema)], promote_options="default")
        elif name == "contracts" and "grade" not in table.column_names:
            table = table.append_column("grade", pa.nulls(table.num_rows, pa.int64()))
        elif name == "sector_agreements":
            table = self._regional_gaps(self._pay_systems(table))
        elif name == "payments" and table.num_rows:
            # the world may keep only its last K months of payments: planted pay starts no earlier
            first = min(table.column("period").to_pylist())
            self._first_period = first if self._first_period is None else min(first, self._first_period)
        elif name == "collective_agreements":
            table = pa.concat_tables([table, self._cas(table.schema)], promote_options="default")
        self._sink.write(name, table, part)

    def ensure_all(self) -> None:
        contracts, payments, truth = self._workers()
        self._sink.write("contracts", contracts, part="agreements-truth")
        self._sink.write("payments", payments, part="agreements-truth")
        write_parquet(truth, self._truth / "agreements_pay.parquet")
        self._sink.ensure_all()

    # --- generation
    def _employers(self, schema: pa.Schema) -> pa.Table:
        rows: dict[str, list[Any]] = {f.name: [] for f in schema}
        for b, p in zip(self.bins, self.planted, strict=True):
            for k in rows:
                rows[k].append(None)
            rows["bin"][-1] = b
            rows["name"][-1] = p.name
            rows["legal_form"][-1] = "AO" if p.name.startswith("АО") else "TOO"
            rows["oked"][-1] = p.oked
            rows["kato"][-1] = _kato(p.region)
            rows["status"][-1] = "active"
            rows["registered_on"][-1] = dt.date(self.year - 3, 1, 15)
            rows["lat"][-1] = REGIONS[p.region].lat
            rows["lon"][-1] = REGIONS[p.region].lon
        return pa.table({k: pa.array(v, type=schema.field(k).type) for k, v in rows.items()})

    def _cas(self, schema: pa.Schema) -> pa.Table:
        rows: dict[str, list[Any]] = {f.name: [] for f in schema}
        for b, p in zip(self.bins, self.planted, strict=True):
            if p.ca is None:
                continue
            tariff, scale, pct = p.ca
            vals = {
                "agreement_id": f"КД-ИСТ-{b}",
                "employer_bin": b,
                "union_name": f"Первичная профсоюзная организация {p.name}",
                "signed_on": dt.date(self.year - 1, 12, 20),
                "valid_from": dt.date(self.year, 1, 1),
                "valid_to": dt.date(self.year + 1, 12, 31),
                "min_tariff_kzt": tariff,
                "tariff_coefficients": ";".join(f"{c:.2f}" for c in scale),
                "hazard_bonus_pct": pct,
                "registered_on": dt.date(self.year - 1, 12, 27),
            }
            for k in rows:
                rows[k].append(vals.get(k))
        return pa.table({k: pa.array(v, type=schema.field(k).type) for k, v in rows.items()})

    def _regional_gaps(self, table: pa.Table) -> pa.Table:
        """In the last year some regions have no regional agreement (coverage gaps, recorded in the truth).

        Mangystau and Almaty keep theirs: the planted employers there are checked against them.
        """
        rng = np.random.default_rng([int(self._rng.integers(0, 2**32)), 25])
        pool = [r for r in sorted(REGIONS) if r not in ("47", "75")]
        gaps = set(rng.choice(pool, size=min(REGIONAL_GAPS, len(pool)), replace=False).tolist())
        start = dt.date(self.year, 1, 1)
        keep = [
            not (lv == "regional" and reg in gaps and vf >= start)
            for lv, reg, vf in zip(
                table.column("level").to_pylist(),
                table.column("region").to_pylist(),
                table.column("valid_from").to_pylist(),
                strict=True,
            )
        ]
        regions = sorted(REGIONS)
        write_parquet(
            pa.table(
                {
                    "year": pa.array([self.year] * len(regions), pa.int64()),
                    "region": pa.array(regions, pa.string()),
                    "regional_agreement": pa.array([r not in gaps for r in regions], pa.bool_()),
                }
            ),
            self._truth / "agreements_coverage.parquet",
        )
        return table.filter(pa.array(keep, pa.bool_()))

    def _pay_systems(self, table: pa.Table) -> pa.Table:
        """Indexation clauses and missing coefficients of sectoral agreements, recorded in the truth."""
        rng = np.random.default_rng(self._rng.integers(0, 2**32))
        level = table.column("level").to_pylist()
        section = table.column("oked_section").to_pylist()
        coef = table.column("inter_grade_coefficient").to_pylist()
        bonus = table.column("hazard_bonus_pct").to_pylist()
        index: list[bool | None] = []
        truth: dict[str, list[Any]] = {"agreement_id": [], "valid_from": [], "gaps": []}
        for i, lv in enumerate(level):
            if lv != "sectoral":
                index.append(None)
                continue
            complete = section[i] == "C"
            has_index = complete or bool(rng.random() < 0.6)
            if not complete and rng.random() < 0.3:
                coef[i] = None
            index.append(has_index)
            gaps = []
            if coef[i] is None or coef[i] <= 1:
                gaps.append("inter_grade")
            if bonus[i] is None or bonus[i] <= 0:
                gaps.append("hazard_bonus")
            if not has_index:
                gaps.append("indexation")
            truth["agreement_id"].append(table.column("agreement_id")[i].as_py())
            truth["valid_from"].append(table.column("valid_from")[i].as_py())
            truth["gaps"].append(";".join(gaps))
        write_parquet(pa.table(truth), self._truth / "agreements_completeness.parquet")
        table = table.set_column(
            table.schema.get_field_index("inter_grade_coefficient"),
            "inter_grade_coefficient",
            pa.array(coef, pa.float64()),
        )
        return table.append_column("oked_division", pa.nulls(table.num_rows, pa.string())).append_column(
            "indexation_clause", pa.array(index, pa.bool_())
        )

    def _workers(self) -> tuple[pa.Table, pa.Table, pa.Table]:
        c: dict[str, list[Any]] = {
            k: []
            for k in (
                "employer_bin",
                "worker_iin",
                "position",
                "salary",
                "work_rate",
                "hazardous",
                "grade",
                "start_on",
                "end_on",
                "terminated_on",
                "termination_ground",
                "registered_on",
                "termination_registered_on",
            )
        }
        p: dict[str, list[Any]] = {
            k: []
            for k in (
                "employer_bin",
                "worker_iin",
                "period",
                "income",
                "opv",
                "opvr",
                "so",
                "oosms",
                "vosms",
                "paid_on",
            )
        }
        t: dict[str, list[Any]] = {
            "half": [],
            "employer_bin": [],
            "kind": [],
            "workers": [],
            "shortfall_kzt_month": [],
        }
        serial = 9900
        extract = dt.date.fromisoformat(str(self._tl.extract_on))
        months = [
            m
            for m in range(1, 13)
            if dt.date(self.year + (m == 12), m % 12 + 1, 10) <= extract
            and (self._first_period is None or f"{self.year}-{m:02d}" >= self._first_period)
        ]
        halves = sorted({1 if m <= 6 else 2 for m in months})
        for b, planted in zip(self.bins, self.planted, strict=True):
            for w in planted.workers:
                iin = None
                while iin is None:
                    iin = complete_kz_id(f"8001013{serial:04d}")
                    serial += 1
                c["employer_bin"].append(b)
                c["worker_iin"].append(iin)
                c["position"].append("оператор" if w.hazardous else "специалист")
                c["salary"].append(round(w.pay / w.rate, 2))
                c["work_rate"].append(w.rate)
                c["hazardous"].append(w.hazardous)
                c["grade"].append(w.grade)
                c["start_on"].append(dt.date(self.year - 2, 3, 1))
                c["registered_on"].append(dt.date(self.year - 2, 3, 1))
                for k in ("end_on", "terminated_on", "termination_ground", "termination_registered_on"):
                    c[k].append(None)
                for m in months:
                    p["employer_bin"].append(b)
                    p["worker_iin"].append(iin)
                    p["period"].append(f"{self.year}-{m:02d}")
                    p["income"].append(round(w.pay, 2))
                    for k in ("opv", "opvr", "so", "oosms", "vosms"):
                        p[k].append(None)
                    p["paid_on"].append(dt.date(self.year + (m == 12), m % 12 + 1, 10))
            for half in halves:
                for kind in ("below_sector_tariff", "below_ca_tariff", "no_hazard_bonus"):
                    short = [w.short[kind] for w in planted.workers if w.short.get(kind, 0) > 0]
                    if short:
                        t["half"].append(f"{self.year}-H{half}")
                        t["employer_bin"].append(b)
                        t["kind"].append(kind)
                        t["workers"].append(len(short))
                        t["shortfall_kzt_month"].append(round(sum(short), 2))
            if not any(w.short for w in planted.workers):
                for half in halves:  # a compliant planted employer: a row with no kind
                    t["half"].append(f"{self.year}-H{half}")
                    t["employer_bin"].append(b)
                    t["kind"].append(None)
                    t["workers"].append(0)
                    t["shortfall_kzt_month"].append(0.0)
        return (
            pa.table(c),
            pa.table(p),
            pa.table(
                {
                    "half": pa.array(t["half"], pa.string()),
                    "employer_bin": pa.array(t["employer_bin"], pa.string()),
                    "kind": pa.array(t["kind"], pa.string()),
                    "workers": pa.array(t["workers"], pa.int64()),
                    "shortfall_kzt_month": pa.array(t["shortfall_kzt_month"], pa.float64()),
                }
            ),
        )


def planting(sink: RegistrySink, world: World, tl: Timeline, seed: int, truth_dir: Path) -> PlantingSink:
    return PlantingSink(sink, world, tl, seed, truth_dir)
