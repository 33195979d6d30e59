"""The employers of the simulated nation: who they are, where, how big, whom they serve.

Everything here is fixed before the first simulated month; :mod:`labormap.simulate.dynamics` then runs
their monthly life. A small world over-samples large employers, oil and gas, mining and contractors (see
``world.oversample``); each employer carries the weight that re-weights the world to the nation
(``national_weight``), which the calibration checks use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from labormap.reference.regions import REGIONS
from labormap.simulate import geo
from labormap.simulate.ids import bins_for
from labormap.simulate.names import OPERATOR_NAMES, brand_names, full_names
from labormap.simulate.sectors import (
    CONTRACTOR_OKEDS,
    CONTRACTOR_SECTORS,
    MINING,
    NATIONAL_CLASS_SHARE,
    OIL_GAS,
    OVERSAMPLED_CLASS_SHARE,
    SECTOR_INDEX,
    SECTORS,
)
from labormap.simulate.timeline import Timeline

HOLDINGS = (
    "Холдинг «Ұлттық Қазына»",
    "Группа «Евразия Ресорсиз»",
    "Холдинг «Каспий Энерджи Групп»",
    "Группа компаний «Сарыарка Металл»",
    "Холдинг «ҚазТемір Транс»",
)


def oversample_strength(employers: int, params: dict[str, Any]) -> float:
    value = params["world.oversample"]
    if value != "auto":
        return float(min(max(value, 0.0), 1.0))
    nat = float(params["world.national_employers"])
    if employers <= 5000:
        return 1.0
    if employers >= nat:
        return 0.0
    return math.log(nat / employers) / math.log(nat / 5000)


def hazard_boost(employers: int, params: dict[str, Any]) -> float:
    value = params["world.hazard_boost"]
    if value != "auto":
        return float(value)
    return max(1.0, (float(params["world.national_employers"]) / employers) ** 0.55)


@dataclass
class World:
    n: int
    seed: int
    oversample: float
    boost: float
    sector: np.ndarray  # int index into SECTORS
    size_class: np.ndarray  # 0 micro, 1 small, 2 medium, 3 large
    staff: np.ndarray  # headcount the employer aims at when healthy
    region: np.ndarray  # index into geo.REGION_CODES
    town: np.ndarray  # index into geo.TOWNS
    lat: np.ndarray
    lon: np.ndarray
    kato: list[str]
    oked: list[str]
    legal_form: list[str]
    name_ru: list[str]
    name_kk: list[str]
    brand: list[str]
    bin: list[str]
    reg_date: np.ndarray  # datetime64[D]
    start_month: np.ndarray  # first simulated month with staff (0 for employers older than the period)
    operator: np.ndarray  # bool: a large oil, gas or mining operator
    project_operator: int  # index of the operator whose project completes (-1 when none)
    contractor: np.ndarray  # bool
    customer: np.ndarray  # index of the main customer, -1 when not a contractor
    parent: np.ndarray  # index of the parent company, -1 when none
    holding: list[str | None]
    union: np.ndarray  # bool
    agreement_prone: np.ndarray  # bool: keeps a collective agreement
    insured: np.ndarray  # bool: holds the accident insurance contract
    compliance: np.ndarray  # 0..1, how closely it follows registration and payment rules
    informal: np.ndarray  # bool: pays some workers without a registered contract
    underpay: np.ndarray  # bool: pays part of its staff below the sectoral minimum tariff
    health_mean: np.ndarray
    wage_2025: np.ndarray  # average monthly wage in 2025 prices
    pay_gap: np.ndarray  # 1 - own pay / customer's pay (contractors), 0 otherwise
    hazardous_share: np.ndarray
    weight: np.ndarray  # national weight (how many real employers it stands for)
    raise_month: np.ndarray  # month of the year of the yearly pay review (1..12)
    extras: dict[str, Any] = field(default_factory=dict)


def _choice(rng: np.random.Generator, probs: np.ndarray, size: int) -> np.ndarray:
    cum = np.cumsum(probs / probs.sum())
    return np.minimum(np.searchsorted(cum, rng.random(size), side="right"), len(probs) - 1)


def _staff_for(rng: np.random.Generator, cls: np.ndarray, cap: float) -> np.ndarray:
    n = cls.shape[0]
    u = np.asarray(rng.random(n))
    staff = np.empty(n)
    # micro 1..15 (mean ≈ 5), small 16..100 (mean ≈ 38), medium 101..250, large 251..cap (Pareto tail)
    staff[cls == 0] = np.floor(1 + 14 * u[cls == 0] ** 1.9)
    staff[cls == 1] = np.floor(16 + 84 * u[cls == 1] ** 2.5)
    staff[cls == 2] = np.floor(101 + 149 * u[cls == 2] ** 1.3)
    big = cls == 3
    alpha = 1.05
    lo, hi = 251.0, max(cap, 300.0)
    # inverse CDF of a Pareto truncated to [lo, hi]
    a = 1 - (lo / hi) ** alpha
    staff[big] = np.floor(lo / (1 - u[big] * a) ** (1 / alpha))
    return staff.astype(np.int64)


def build_world(employers: int, seed: int, params: dict[str, Any], tl: Timeline) -> World:
    rng = np.random.default_rng([seed, 1])
    n = employers
    b = oversample_strength(n, params)
    boost = hazard_boost(n, params)
    nat_n = float(params["world.national_employers"])

    # --- size class and sector, with the probabilities that give each employer its national weight
    p_class = np.array(NATIONAL_CLASS_SHARE)
    q_class = (1 - b) * p_class + b * np.array(OVERSAMPLED_CLASS_SHARE)
    cls = _choice(rng, q_class, n)
    emp = np.array([s.employment for s in SECTORS])
    cw = np.array([s.class_weight for s in SECTORS])  # (sectors, classes)
    p_sec = emp[:, None] * cw
    p_sec = p_sec / p_sec.sum(axis=0, keepdims=True)
    tilt = np.ones(len(SECTORS))
    tilt[[OIL_GAS, MINING]] = 1 + 3 * b
    for s in CONTRACTOR_SECTORS:
        if s not in ("oil_gas",):
            tilt[SECTOR_INDEX[s]] *= 1 + 0.4 * b
    q_sec = p_sec * tilt[:, None]
    q_sec = q_sec / q_sec.sum(axis=0, keepdims=True)
    sector = np.empty(n, dtype=np.int64)
    for c in range(4):
        idx = np.flatnonzero(cls == c)
        sector[idx] = _choice(rng, q_sec[:, c], idx.size)
    weight = (p_class[cls] * p_sec[sector, cls]) / (q_class[cls] * q_sec[sector, cls]) * nat_n / n

    cap = math.exp((1 - b) * math.log(60_000) + b * math.log(1_000))
    staff = _staff_for(rng, cls, cap)

    # --- region and town
    codes = geo.REGION_CODES
    base_mix = np.array([geo.REGION_EMPLOYMENT[c] for c in codes])
    oil_mix = np.array([geo.OIL_REGION_MIX.get(c, 0.0) for c in codes])
    min_mix = np.array([geo.MINING_REGION_MIX.get(c, 0.0) for c in codes])
    region = _choice(rng, base_mix, n)
    for s_idx, mix in ((OIL_GAS, oil_mix), (MINING, min_mix)):
        idx = np.flatnonzero(sector == s_idx)
        region[idx] = _choice(rng, mix, idx.size)
    town = np.empty(n, dtype=np.int64)
    for r, code in enumerate(codes):
        idx = np.flatnonzero(region == r)
        towns = geo.TOWNS_BY_REGION[code]
        w = np.array([geo.TOWNS[t].weight for t in towns])
        town[idx] = np.array(towns)[_choice(rng, w, idx.size)]

    # --- operators: the largest oil, gas and mining employers; at least operators_min of them
    operator = np.zeros(n, dtype=bool)
    cand = np.flatnonzero(((sector == OIL_GAS) | (sector == MINING)) & (cls == 3))
    operator[cand[staff[cand] >= 600]] = True
    need = int(params["world.operators_min"]) - int(operator.sum())
    if need > 0:
        spare = np.flatnonzero(
            (cls == 3)
            & ~operator
            & ~np.isin(sector, [SECTOR_INDEX[s] for s in ("public_admin", "education", "health")])
        )
        spare = spare[np.argsort(-staff[spare], kind="stable")][:need]
        for k, i in enumerate(spare.tolist()):
            sector[i] = OIL_GAS if k % 2 == 0 else MINING
            mix = oil_mix if k % 2 == 0 else min_mix
            region[i] = int(np.argmax(mix)) if k < 2 else _choice(rng, mix, 1)[0]
            towns = geo.TOWNS_BY_REGION[codes[region[i]]]
            town[i] = towns[0]
            operator[i] = True
    ops = np.flatnonzero(operator)

    # --- contractors of operators in the operators' regions
    contractor = np.zeros(n, dtype=bool)
    customer = np.full(n, -1, dtype=np.int64)
    op_regions = {int(region[o]) for o in ops}
    cshare = float(params["world.contractor_share_oil_mining"]) * (0.6 + 0.4 * b)
    contractor_sector = np.isin(sector, [SECTOR_INDEX[s] for s in CONTRACTOR_SECTORS])
    for r in sorted(op_regions):
        pool = np.flatnonzero(contractor_sector & (region == r) & ~operator & (cls >= 1))
        pool_micro = np.flatnonzero(contractor_sector & (region == r) & ~operator & (cls == 0))
        chosen = np.concatenate(
            [pool[rng.random(pool.size) < cshare], pool_micro[rng.random(pool_micro.size) < cshare / 4]]
        )
        chosen.sort()
        r_ops = ops[region[ops] == r]
        w = staff[r_ops].astype(float)
        contractor[chosen] = True
        customer[chosen] = r_ops[_choice(rng, w, chosen.size)]
    # oil contractors in other sectors keep their sector but carry a service ОКЭД code
    oked: list[str] = []
    okeds_u = rng.integers(0, 1 << 30, size=n)
    for i in range(n):
        s = SECTORS[sector[i]]
        if contractor[i]:
            opts = CONTRACTOR_OKEDS[s.code]
        elif operator[i]:
            opts = ("06100", "06200") if sector[i] == OIL_GAS else ("07290", "24420", "05101")
        else:
            opts = tuple(o for o in s.okeds if not (s.code == "oil_gas" and o.startswith("06")))
        oked.append(opts[int(okeds_u[i]) % len(opts)])

    # --- holdings and parents: operators belong to holdings; some contractors are their subsidiaries
    parent = np.full(n, -1, dtype=np.int64)
    holding: list[str | None] = [None] * n
    for k, o in enumerate(ops.tolist()):
        holding[o] = HOLDINGS[k % 3] if rng.random() < 0.8 else None
    big_other = np.flatnonzero(
        (cls == 3)
        & ~operator
        & np.isin(sector, [SECTOR_INDEX["energy_utilities"], SECTOR_INDEX["transport"]])
    )
    for i in big_other.tolist():
        if rng.random() < 0.4:
            holding[i] = HOLDINGS[3 + (i % 2)]
    subs = np.flatnonzero(contractor & (rng.random(n) < 0.18))
    parent[subs] = customer[subs]
    for i in subs.tolist():
        holding[i] = holding[customer[i]]

    # --- registration
    new = rng.random(n) < float(params["world.new_employer_share"])
    new &= ~operator & (cls <= 1) & (tl.n >= 24)
    start_month = np.zeros(n, dtype=np.int64)
    start_month[new] = rng.integers(1, max(2, tl.n - 12), size=int(new.sum()))
    old_year = np.floor(1995 + 21 * rng.random(n) ** 0.7).astype(np.int64)
    old_year = np.minimum(old_year, tl.year(0) - 1)
    reg_year = np.where(new, [tl.year(int(t)) for t in start_month], old_year)
    reg_month = np.where(new, [tl.month_of_year(int(t)) for t in start_month], rng.integers(1, 13, size=n))
    reg_day = rng.integers(1, 28, size=n)
    reg_date = np.array(
        [
            f"{y:04d}-{m:02d}-{d:02d}"
            for y, m, d in zip(reg_year.tolist(), reg_month.tolist(), reg_day.tolist(), strict=True)
        ],
        dtype="datetime64[D]",
    )
    bins = bins_for(reg_year, reg_month, rng)

    # --- legal form and names
    legal: list[str] = []
    lf_u = rng.random(n)
    for i in range(n):
        s = SECTORS[sector[i]].code
        if s == "public_admin" or (s in ("education", "health") and lf_u[i] < 0.6):
            legal.append("GU" if s != "health" or lf_u[i] < 0.3 else "GP")
        elif operator[i] or (cls[i] == 3 and lf_u[i] < 0.5):
            legal.append("AO")
        elif s == "agriculture" and cls[i] == 0 and lf_u[i] < 0.3:
            legal.append("KH")
        elif cls[i] >= 2 and lf_u[i] > 0.95:
            legal.append("NAO")
        else:
            legal.append("TOO")
    brand = brand_names([SECTORS[s].code for s in sector.tolist()], rng)
    op_count = {"oil_gas": 0, "mining": 0}
    for o in ops.tolist():
        key = "oil_gas" if sector[o] == OIL_GAS else "mining"
        names = OPERATOR_NAMES[key]
        k = op_count[key]
        brand[o] = names[k % len(names)] + (f" {k // len(names) + 1}" if k >= len(names) else "")
        op_count[key] += 1
    for i in range(n):
        if legal[i] == "GU" and SECTORS[sector[i]].code == "education":
            brand[i] = f"Школа-гимназия № {1 + i % 97} {geo.TOWNS[town[i]].name_ru}"
    name_ru, name_kk = zip(*(full_names(brand[i], legal[i]) for i in range(n)), strict=True)

    # --- coordinates and KATO
    lat_raw = np.array([geo.TOWNS[t].lat for t in town.tolist()]) + rng.normal(0, 0.04, n)
    lon_raw = np.array([geo.TOWNS[t].lon for t in town.tolist()]) + rng.normal(0, 0.06, n)
    lat: np.ndarray = np.round(np.clip(lat_raw, 40.6, 55.4), 5)
    lon: np.ndarray = np.round(np.clip(lon_raw, 46.6, 87.3), 5)
    settle = rng.integers(0, 40, size=n)
    kato = [
        geo.town_kato(int(t), 10000 + 10 * int(s))
        for t, s in zip(town.tolist(), settle.tolist(), strict=True)
    ]

    # --- unions, agreements, compliance, pay
    union_rate = np.array([params[f"world.union_rate.{c}"] for c in ("micro", "small", "medium", "large")])
    public = np.isin(sector, [SECTOR_INDEX[s] for s in ("public_admin", "education", "health")])
    union = rng.random(n) < np.minimum(
        union_rate[cls] * np.where(public, 1.6, 1.0) * np.where(operator, 1.3, 1.0), 0.95
    )
    agreement_prone = np.where(union, rng.random(n) < 0.9, rng.random(n) < 0.12 * (cls >= 2))
    compliance = rng.beta(6.0, 1.6, n)
    compliance = np.where(public | operator, np.maximum(compliance, 0.85), compliance)
    insured = rng.random(n) >= float(params["world.no_accident_insurance"]) * 2 * (1 - compliance) / 0.21
    informal = rng.random(n) < float(params["signals.informal.share"]) * (1 - compliance) / 0.21 * np.where(
        cls <= 1, 1.2, 0.4
    )
    informal &= ~public & ~operator
    underpay = (
        rng.random(n) < float(params["signals.underpay_share"]) * np.where(compliance < 0.7, 2.0, 0.7)
    ) & ~public

    risky_sector = np.isin(sector, [OIL_GAS, MINING])
    health_mean = (
        rng.normal(float(params["health.mean"]), float(params["health.mean_spread"]), n)
        - 0.35 * contractor
        - 0.15 * risky_sector
        + 0.4 * public
        + 0.3 * operator
        - 0.2 * (cls == 0)
    )

    pay_sector = np.array([s.pay for s in SECTORS])[sector]
    size_pay = np.array([0.72, 0.9, 1.02, 1.18])[cls]
    wage = pay_sector * size_pay * np.exp(rng.normal(0, 0.18, n))
    pay_gap = np.zeros(n)
    cidx = np.flatnonzero(contractor)
    ratio = rng.uniform(0.5, 0.85, cidx.size)
    # contractors pay a fraction of what their customer pays its own staff
    wage[cidx] = np.maximum(wage[customer[cidx]] * ratio, wage[cidx] * 0.8)
    pay_gap[cidx] = np.clip(1 - wage[cidx] / wage[customer[cidx]], 0, 1)
    # scale each region so its worker-weighted average matches the region's 2025 figure
    region_target = np.array([REGIONS[c].avg_wage_2025_kzt for c in codes], dtype=float)
    ww = weight * staff
    for r in range(len(codes)):
        idx = region == r
        if idx.any():
            wage[idx] *= region_target[r] / (np.sum(wage[idx] * ww[idx]) / np.sum(ww[idx]))
    haz = np.array([0.0] * len(SECTORS))
    haz[[OIL_GAS, MINING, SECTOR_INDEX["energy_utilities"]]] = float(params["world.hazardous_share_industry"])
    haz[SECTOR_INDEX["construction"]] = 0.15
    hazardous_share = haz[sector] * np.where(contractor, 0.8, 1.0)
    raise_month = np.where(rng.random(n) < 0.65, 1, rng.integers(1, 13, size=n))

    return World(
        n=n,
        seed=seed,
        oversample=b,
        boost=boost,
        sector=sector,
        size_class=cls,
        staff=staff,
        region=region,
        town=town,
        lat=lat,
        lon=lon,
        kato=kato,
        oked=oked,
        legal_form=legal,
        name_ru=list(name_ru),
        name_kk=list(name_kk),
        brand=brand,
        bin=bins,
        reg_date=reg_date,
        start_month=start_month,
        operator=operator,
        project_operator=_project_operator(ops, sector, region, staff),
        contractor=contractor,
        customer=customer,
        parent=parent,
        holding=holding,
        union=union,
        agreement_prone=agreement_prone,
        insured=insured,
        compliance=compliance,
        informal=informal,
        underpay=underpay,
        health_mean=health_mean,
        wage_2025=wage,
        pay_gap=pay_gap,
        hazardous_share=hazardous_share,
        weight=weight,
        raise_month=raise_month,
    )


def _project_operator(ops: np.ndarray, sector: np.ndarray, region: np.ndarray, staff: np.ndarray) -> int:
    """The oil operator whose large project completes: the biggest one in Atyrau, else the biggest oil one."""
    atyrau = geo.REGION_CODES.index("23")
    oil = ops[sector[ops] == OIL_GAS]
    if oil.size == 0:
        return -1
    in_atyrau = oil[region[oil] == atyrau]
    pool = in_atyrau if in_atyrau.size else oil
    return int(pool[np.argmax(staff[pool])])
