"""The monthly life of every employer: latent health, the signals it drives, grievance, hazard, conflicts.

The causal chain (documented in ``docs/simulation.md``)::

    sector & regional shocks, lost contracts ──► health ──(lags, noise)──► arrears, late or missing
    contributions, layoffs, frozen pay, idle time / part-time, late ЕСУТД registration, informal pay
    signals + pay gap + pay below the tariff + contagion ──► grievance ◄── unions, agreements, repayment
    grievance + size + sector + region ──► monthly hazard ──► conflict (kind, causes, participants, outcome)

Everything is vectorised over employers and stepped over months; one generator seeded from the run seed
drives it, so the result depends only on the arguments. The worker-level registries are drawn later from
the employer-month *events* this module decides (:class:`Plan`), never from health or hazard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from labormap.reference.regions import REGIONS
from labormap.simulate import geo
from labormap.simulate.links import Agreements, Links, oil_intensity
from labormap.simulate.sectors import MINING, OIL_GAS, PUBLIC, SECTOR_INDEX, SECTORS
from labormap.simulate.timeline import Timeline, national_wage
from labormap.simulate.world import World

KINDS = (
    "strike",
    "work_stoppage",
    "hunger_strike",
    "rally",
    "blockade",
    "collective_appeal",
    "collective_dispute",
)
CAUSE_CODES = (
    "wage_level",
    "wage_arrears",
    "layoffs",
    "transfer_to_parent",
    "pay_gap",
    "working_conditions",
    "management",
    "social_package",
)
OUTCOME_CODES = ("prevented", "resolved", "escalated", "ongoing")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class Conflicts:
    employer: np.ndarray
    month: np.ndarray
    day: np.ndarray  # day of the month it started (1..28)
    kind: np.ndarray  # index into KINDS
    causes: list[tuple[int, ...]]  # indices into CAUSE_CODES, main cause first
    participants: np.ndarray
    group: list[str]
    outcome: np.ndarray  # index into OUTCOME_CODES
    duration: np.ndarray  # days
    observed: np.ndarray  # bool: entered in the register
    registered_delay: np.ndarray  # days from start to registration
    arrears_months: np.ndarray  # months of unpaid wages when it started
    demand_raise: np.ndarray  # % raise demanded (wage-level conflicts)


@dataclass
class Latent:
    """What no registry could hold: employer health and the monthly conflict hazard (truth only).

    Kept apart from :class:`Plan` so that nothing that writes a registry can read it.
    """

    health: np.ndarray  # (employers, months)
    hazard: np.ndarray  # (employers, months)
    conflict_grievance: np.ndarray  # per conflict: grievance when it started
    conflict_hazard: np.ndarray  # per conflict: hazard when it started


@dataclass
class Plan:
    """Employer-month events the registries are drawn from (arrays of shape (employers, months))."""

    # grievance is workers' mood: truth, and what surveys and complaint posts measure with noise
    grievance: np.ndarray
    # staffing
    staff: np.ndarray  # staff at the end of the month
    quits: np.ndarray
    layoffs: np.ndarray
    hires: np.ndarray
    exit_month: np.ndarray  # (N,) month the employer failed, -1 when it did not
    # pay and payments
    level: np.ndarray  # the employer's wage level (nominal KZT per month, full time)
    raise_mult: np.ndarray  # pay rise taking effect this month (1 = none)
    arrears: np.ndarray  # bool: wages unpaid this month
    arrears_share: np.ndarray  # share of staff owed
    arrears_months: np.ndarray  # months the current arrears have lasted
    arrears_owed: np.ndarray  # KZT owed (truth)
    repaid: np.ndarray  # bool: arrears repaid this month
    late_pay: np.ndarray  # bool: this month's contributions paid late
    late_days: np.ndarray  # days late
    missing_share: np.ndarray  # share of workers whose contributions for the month are unpaid
    catchup: np.ndarray  # month index when unpaid contributions are finally paid (-1 never)
    idle_share: np.ndarray  # share of staff on idle time or part-time
    idle_kind: np.ndarray  # 0 none, 1 idle time, 2 part-time
    esutd_late: np.ndarray  # probability a registration this month is late
    informal_n: np.ndarray  # workers paid without a registered contract
    erosion: np.ndarray  # real-wage loss over 12 months (truth driver)
    contagion: np.ndarray  # recent conflicts nearby (truth driver)
    conflicts: Conflicts


def _pandemic(tl: Timeline, params: dict[str, Any]) -> np.ndarray:
    t0 = tl.index(params["shocks.pandemic.start"])
    months = int(params["shocks.pandemic.months"])
    t = np.arange(tl.n)
    full = (t >= t0) & (t < t0 + months)
    tail = np.where(t >= t0 + months, 0.5 ** ((t - t0 - months) / 3.0), 0.0)
    return float(params["shocks.pandemic.size"]) * np.where(full, 1.0, tail)


def _unrest(tl: Timeline, params: dict[str, Any]) -> np.ndarray:
    t0 = tl.index(params["shocks.unrest_2022.start"])
    t = np.arange(tl.n)
    on = (t >= t0) & (t < t0 + int(params["shocks.unrest_2022.months"]))
    return float(params["shocks.unrest_2022.size"]) * on


def run(
    world: World, tl: Timeline, params: dict[str, Any], links: Links, agreements: Agreements, seed: int
) -> tuple[Plan, Latent]:
    rng = np.random.default_rng([seed, 5])
    p = params
    n, T = world.n, tl.n
    f32 = np.float32

    health = np.zeros((n, T), dtype=f32)
    grievance = np.zeros((n, T), dtype=f32)
    hazard = np.zeros((n, T), dtype=f32)
    staff_a = np.zeros((n, T), dtype=np.int32)
    quits_a = np.zeros((n, T), dtype=np.int32)
    lay_a = np.zeros((n, T), dtype=np.int32)
    hires_a = np.zeros((n, T), dtype=np.int32)
    level_a = np.zeros((n, T), dtype=f32)
    raise_a = np.ones((n, T), dtype=f32)
    arrears_a = np.zeros((n, T), dtype=bool)
    arr_share_a = np.zeros((n, T), dtype=f32)
    arr_months_a = np.zeros((n, T), dtype=np.int16)
    owed_a = np.zeros((n, T), dtype=f32)
    repaid_a = np.zeros((n, T), dtype=bool)
    late_a = np.zeros((n, T), dtype=bool)
    late_days_a = np.zeros((n, T), dtype=np.int16)
    missing_a = np.zeros((n, T), dtype=f32)
    idle_a = np.zeros((n, T), dtype=f32)
    idle_kind_a = np.zeros((n, T), dtype=np.int8)
    esutd_a = np.zeros((n, T), dtype=f32)
    informal_a = np.zeros((n, T), dtype=np.int32)
    erosion_a = np.zeros((n, T), dtype=f32)
    contagion_a = np.zeros((n, T), dtype=f32)

    sector, region, town = world.sector, world.region, world.town
    public = np.isin(sector, PUBLIC)
    oilgas = sector == OIL_GAS
    mining = sector == MINING
    codes = geo.REGION_CODES
    mangystau = region == codes.index("47")
    oil_reg = np.isin(region, [codes.index(c) for c in ("23", "27", "15", "43")])
    mining_reg = np.isin(region, [codes.index(c) for c in ("35", "62", "63")])

    # --- exogenous shocks per employer and month
    oil = oil_intensity(tl, p)
    oil_exposure = np.where(oilgas, 1.0, np.where(mining, 0.6, 0.0))
    oil_exposure = np.maximum(oil_exposure, np.where(world.contractor, 0.8, 0.0))
    oil_exposure = np.maximum(oil_exposure, 0.25 * (oil_reg | mangystau))
    pand = _pandemic(tl, p)
    pand_exposure = np.array([s.pandemic for s in SECTORS])[sector]
    unrest = _unrest(tl, p)
    unrest_exposure = np.where(mangystau, 1.0, np.where(oil_reg, 0.45, 0.08)) * np.where(
        oilgas | mining | world.contractor, 1.0, 0.6
    )
    t_proj = tl.index(p["shocks.project_completion.date"])

    # --- the state carried from month to month
    rho = float(p["health.persistence"])
    x = rng.normal(0, float(p["health.noise"]), n)
    n_groups = len(SECTORS) * len(codes)
    grp = sector * len(codes) + region
    z = rng.normal(0, float(p["health.sector_noise"]), n_groups)
    loss_shock = np.zeros(n)
    active = world.start_month <= 0
    H = np.where(active, world.staff, 0).astype(np.int64)
    target = world.staff.astype(float).copy()
    exit_month = np.full(n, -1, dtype=np.int64)
    alive = np.ones(n, dtype=bool)
    wage_index0 = national_wage(tl.first / 12) / national_wage(2025.5)
    level = world.wage_2025 * wage_index0 * np.exp(rng.normal(0, 0.03, n))
    deficit = np.ones(n)  # accumulated frozen raises (1 = none)
    level_hist = np.zeros((n, 12))  # level 12 months back, ring buffer
    for k in range(12):
        level_hist[:, k] = level * national_wage((tl.first - 12 + k) / 12) / national_wage(tl.first / 12)
    prices = tl.price_level()
    G = rng.normal(0, 0.3, n)
    in_arrears = np.zeros(n, dtype=bool)
    arr_months = np.zeros(n, dtype=np.int64)
    arr_share = np.zeros(n)
    arr_depth = np.zeros(n)
    owed = np.zeros(n)
    idle_left = np.zeros(n, dtype=np.int64)
    idle_share = np.zeros(n)
    idle_kind = np.zeros(n, dtype=np.int8)
    idle_cool = np.zeros(n, dtype=np.int64)
    pending_layoff = np.zeros(n)  # layoffs decided after a lost contract, carried out next month
    lay_hist = np.zeros((n, 3))
    late_hist = np.zeros((n, 3))
    cooldown = np.zeros(n, dtype=np.int64)
    release = np.zeros(n, dtype=bool)
    repay_push = np.zeros(n, dtype=np.int64)
    raise_push = np.ones(n)
    informal_rate = np.where(world.informal, rng.uniform(0.05, 0.25, n), 0.0)
    quit_rate = (
        float(p["world.voluntary_quit_rate"])
        * np.array(
            [
                1.5 if s.code in ("trade", "hospitality", "other_services") else 0.6 if s.public else 1.0
                for s in SECTORS
            ]
        )[sector]
    )

    # Contagion is measured as recent conflicts per 100 employers of the same town and sector (per 1 000 of the
    # region), both counted in national terms (national weights, boost removed) so that a demo world and the
    # national one feel the same pressure from the same density of conflicts.
    n_towns = len(geo.TOWNS)
    ts_group = town * len(SECTORS) + sector
    peers_ts = np.bincount(ts_group, weights=world.weight, minlength=n_towns * len(SECTORS))
    peers_r = np.bincount(region, weights=world.weight, minlength=len(codes))
    conf_town = np.zeros((T, n_towns * len(SECTORS)))
    conf_region = np.zeros((T, len(codes)))
    window = int(p["contagion.window"])
    boost_log = np.log(world.boost)
    sector_haz = np.zeros(len(SECTORS))
    sector_haz[OIL_GAS] = float(p["hazard.oil_gas"])
    sector_haz[MINING] = float(p["hazard.mining"])
    for i in PUBLIC:
        sector_haz[i] = float(p["hazard.public_sector"])
    static_haz = (
        float(p["hazard.base"])
        + sector_haz[sector]
        + float(p["hazard.contractor"]) * world.contractor
        + float(p["hazard.mangystau"]) * mangystau
        + float(p["hazard.oil_regions"]) * oil_reg
        + float(p["hazard.mining_regions"]) * mining_reg
        + boost_log
    )
    static_griev = (
        float(p["grievance.w_underpay"]) * world.underpay
        + float(p["grievance.w_pay_gap"]) * world.pay_gap
        + float(p["grievance.w_conditions"]) * world.hazardous_share * 4 * ~world.insured
        - float(p["grievance.union_damping"]) * world.union
    )
    conf_rows: dict[str, list[Any]] = {
        k: [] for k in (*Conflicts.__dataclass_fields__, "grievance_at_start", "hazard_at_start")
    }

    health_hist = np.zeros((n, 4))  # health of the last months, for lagged signals
    for t in range(T):
        starting = (world.start_month == t) & (t > 0)
        active = (world.start_month <= t) & alive
        # --- health
        x = rho * x + np.sqrt(1 - rho**2) * float(p["health.noise"]) * rng.standard_normal(n)
        z = 0.9 * z + np.sqrt(1 - 0.81) * float(p["health.sector_noise"]) * rng.standard_normal(n_groups)
        loss_shock = 0.88 * loss_shock + float(p["shocks.contract_loss.size"]) * links.loss[:, t] * 1.2
        if t == t_proj and world.project_operator >= 0:
            loss_shock[world.project_operator] += 0.3
        h = (
            world.health_mean
            + x
            + z[grp]
            - oil_exposure * oil[t]
            - pand_exposure * pand[t]
            - loss_shock
            + 0.8 * links.gain[:, t]
        )
        health[:, t] = h
        health_hist = np.roll(health_hist, 1, axis=1)
        health_hist[:, 0] = h
        lag_arr = health_hist[:, min(int(p["signals.arrears.lag"]), 3)]
        lag_lay = health_hist[:, min(int(p["signals.layoffs.lag"]), 3)]
        stress = np.maximum(-h, 0)

        # --- wage arrears
        p_start = _sigmoid(
            float(p["signals.arrears.base"])
            + float(p["signals.arrears.slope"]) * np.maximum(-lag_arr, -1.0)
            + 2.7 * (1 - world.compliance)
            - 1.2 * public
            + 0.5 * np.log(world.boost)
        )
        start_arr = active & ~in_arrears & (rng.random(n) < p_start) & (H > 0)
        p_rep = _sigmoid(
            np.log(float(p["signals.arrears.repay"]) / (1 - float(p["signals.arrears.repay"]))) + 0.9 * h
        )
        p_rep = np.where(repay_push > 0, np.maximum(p_rep, 0.45), p_rep)
        repay = in_arrears & (rng.random(n) < p_rep)
        repaid_a[:, t] = repay
        in_arrears = (in_arrears & ~repay) | start_arr
        arr_share = np.where(start_arr, np.where(H <= 15, 1.0, rng.beta(2.0, 2.5, n)), arr_share)
        arr_depth = np.where(start_arr, rng.uniform(0.3, 0.8, n), arr_depth)
        arr_months = np.where(in_arrears, arr_months + 1, 0)
        # wages are rarely withheld in full: part of each month's pay still reaches the workers
        owed = np.where(in_arrears, owed + arr_share * H * level * arr_depth, 0.0)
        arrears_a[:, t] = in_arrears
        arr_share_a[:, t] = np.where(in_arrears, arr_share, 0)
        arr_months_a[:, t] = arr_months
        owed_a[:, t] = owed
        repay_push = np.maximum(repay_push - 1, 0)

        # --- contributions
        p_late = _sigmoid(
            float(p["signals.late_contributions.base"])
            + float(p["signals.late_contributions.slope"]) * stress
            + 3.0 * (0.8 - world.compliance)
        )
        p_late = np.where(in_arrears, np.maximum(p_late, 0.6), p_late)
        late = active & (rng.random(n) < p_late)
        late_a[:, t] = late
        late_days_a[:, t] = np.where(late, 4 + rng.geometric(1 / 25, n), 0).clip(0, 400)
        miss = np.where(in_arrears, float(p["signals.missing_contributions.share"]) * arr_share, 0.0)
        miss = np.maximum(miss, np.where(stress > 0.5, 0.02 * (1 - world.compliance) * 5, 0.0))
        missing_a[:, t] = np.where(active, miss, 0)
        late_hist = np.roll(late_hist, 1, axis=1)
        late_hist[:, 0] = late + np.minimum(miss * 2, 1)

        # --- pay review
        rm = (tl.month_of_year(t) == world.raise_month) & active
        frozen = rm & (h < float(p["signals.wage_freeze.threshold"])) & ~public
        goal = world.wage_2025 * national_wage(tl.year(t) + 0.5) / national_wage(2025.5)
        new_deficit = np.where(frozen, level / goal, np.where(rm, np.sqrt(np.minimum(deficit, 1.0)), deficit))
        new_level = np.where(
            rm & ~frozen, np.maximum(goal * new_deficit * np.exp(rng.normal(0, 0.02, n)), level), level
        )
        new_level = np.where(raise_push > 1, new_level * raise_push, new_level)
        raise_push[:] = 1.0
        raise_a[:, t] = np.where(active, new_level / np.maximum(level, 1), 1.0)
        deficit = new_deficit
        level = new_level
        level_a[:, t] = level
        back = level_hist[:, t % 12].copy()
        level_hist[:, t % 12] = level
        erosion = np.log(prices[t + 12] / prices[t]) - np.log(level / back)
        erosion_a[:, t] = np.where(active, erosion, 0)

        # --- idle time and part-time
        idle_left = np.maximum(idle_left - 1, 0)
        idle_cool = np.maximum(idle_cool - 1, 0)
        ended = (idle_left == 0) & (idle_kind > 0)
        idle_cool = np.where(ended, 2, idle_cool)
        idle_kind = np.where(idle_left > 0, idle_kind, 0).astype(np.int8)
        idle_share = np.where(idle_left > 0, idle_share, 0.0)
        p_idle = float(p["signals.idle.rate"]) * (health_hist[:, 1] < float(p["signals.idle.threshold"]))
        p_idle = p_idle + 0.3 * (pand[t] > 0.5) * pand_exposure * (idle_left == 0) * 0.3
        start_idle = active & (idle_left == 0) & (idle_cool == 0) & (rng.random(n) < p_idle) & (H >= 3)
        idle_left = np.where(start_idle, rng.integers(2, 7, n), idle_left)
        idle_share = np.where(start_idle, rng.uniform(0.2, 0.9, n), idle_share)
        idle_kind = np.where(start_idle, np.where(rng.random(n) < 0.5, 1, 2), idle_kind).astype(np.int8)
        idle_a[:, t] = idle_share
        idle_kind_a[:, t] = idle_kind

        # --- staffing: quits, layoffs, failures, hires
        q = np.clip(quit_rate * (1 + 0.6 * stress + 1.5 * in_arrears), 0, 0.5)
        quits = rng.binomial(H, q)
        lay_round = (
            active
            & (lag_lay < float(p["signals.layoffs.threshold"]))
            & (
                rng.random(n)
                < float(p["signals.layoffs.rate"])
                * (1 + np.maximum(float(p["signals.layoffs.threshold"]) - lag_lay, 0))
            )
            & ~public
        )
        frac = np.where(lay_round, rng.uniform(0.05, 0.3, n), 0.0)
        frac = np.maximum(frac, pending_layoff)
        pending_layoff = np.minimum(links.loss[:, t] * rng.uniform(0.5, 1.0, n), 0.9)
        layoffs = rng.binomial(H - quits, np.clip(frac, 0, 1))
        target = np.where(frac > 0, target * (1 - frac), target)
        target = target * (1 - 0.8 * links.loss[:, t]) * (1 + links.gain[:, t])
        target = np.clip(target * np.exp(0.0015 * np.clip(h, -1, 1.5)), 1, 3 * world.staff + 5)
        fail = (
            active & (h < float(p["health.exit_threshold"])) & (rng.random(n) < float(p["health.exit_rate"]))
        )
        fail &= ~public & ~world.operator & (t < T - 1)
        exit_month[fail] = t
        remain = H - quits - layoffs
        gap_ = np.maximum(np.round(target) - remain, 0).astype(np.int64)
        hiring_ok = (h > -0.3) & ~in_arrears
        hires = np.where(hiring_ok, gap_, rng.binomial(gap_, 0.3))
        hires = np.where(starting, np.maximum(world.staff, 1), hires)
        hires = np.where(active | starting, hires, 0)
        hires = np.where(fail, 0, hires)
        newH = np.where(fail, 0, remain + hires)
        quits_a[:, t] = quits
        lay_a[:, t] = layoffs
        hires_a[:, t] = hires
        lay_hist = np.roll(lay_hist, 1, axis=1)
        lay_hist[:, 0] = layoffs / np.maximum(H, 1)
        H = newH.astype(np.int64)
        staff_a[:, t] = H
        alive &= ~fail
        active = active & alive

        # --- ЕСУТД and informal pay
        esutd_a[:, t] = _sigmoid(
            float(p["signals.late_esutd.base"])
            + float(p["signals.late_esutd.slope"]) * stress
            + 4.0 * (0.8 - world.compliance)
        )
        informal_a[:, t] = np.where(active, np.round(H * informal_rate * (1 + 0.5 * stress)), 0).astype(
            np.int32
        )

        # --- grievance
        lo = max(0, t - window)
        near = (
            conf_town[lo:t].sum(axis=0)[ts_group] / np.maximum(peers_ts[ts_group], 1) * 100
            if t > 0
            else np.zeros(n)
        )
        near_r = (
            conf_region[lo:t].sum(axis=0)[region] / np.maximum(peers_r[region], 1) * 1000
            if t > 0
            else np.zeros(n)
        )
        contagion = float(p["contagion.weight"]) * np.log1p(near) + float(
            p["contagion.region_weight"]
        ) * np.log1p(near_r)
        contagion_a[:, t] = contagion
        inputs = (
            float(p["grievance.w_arrears"])
            * in_arrears
            * (0.5 + np.minimum(arr_months, 6) / 4)
            * np.sqrt(arr_share)
            + float(p["grievance.w_layoffs"]) * lay_hist.sum(axis=1)
            + float(p["grievance.w_erosion"]) * np.maximum(erosion, 0)
            + float(p["grievance.w_idle"]) * idle_share
            + float(p["grievance.w_late_pay"]) * late_hist.mean(axis=1)
            + static_griev
            - float(p["grievance.agreement_damping"]) * agreements.active[:, t]
            - float(p["grievance.repayment_relief"]) * repay
            + contagion
            + unrest[t] * unrest_exposure
        )
        Gd = float(p["grievance.persistence"])
        G = Gd * G + inputs * (1 - Gd) * 3 + float(p["grievance.noise"]) * rng.standard_normal(n)
        G = np.where(release, G * float(p["grievance.release"]), G)
        release[:] = False
        grievance[:, t] = np.where(active, G, 0)

        # --- hazard and conflicts
        # a collective conflict needs a collective: below 20 staff the odds fall in proportion
        eta = (
            static_haz
            + float(p["hazard.grievance"]) * G
            + float(p["hazard.size"]) * np.log1p(H)
            + 1.5 * np.log(np.clip(H / 20, 1e-3, 1.0))
        )
        haz = np.where(active & (H > 0), np.minimum(_sigmoid(eta), 0.5), 0.0)
        hazard[:, t] = haz
        happen = (rng.random(n) < haz) & (cooldown == 0)
        cooldown = np.maximum(cooldown - 1, 0)
        idx = np.flatnonzero(happen)
        if idx.size:
            _conflicts(
                conf_rows,
                idx,
                t,
                rng,
                world,
                p,
                G,
                haz,
                H,
                in_arrears,
                arr_months,
                lay_hist,
                erosion,
                idle_share,
                mangystau,
                unrest[t],
                tl,
            )
            cooldown[idx] = 3
            release[idx] = True
            repay_push[idx] = np.where(in_arrears[idx], 2, 0)
            wage_cause = np.array([rows[0] == 0 for rows in conf_rows["causes"][-idx.size :]])
            raise_push[idx] = np.where(
                wage_cause & (rng.random(idx.size) < 0.6), rng.uniform(1.05, 1.25, idx.size), 1.0
            )
            np.add.at(conf_town[t], ts_group[idx], world.weight[idx] / world.boost)
            np.add.at(conf_region[t], region[idx], world.weight[idx] / world.boost)

    latent_g = np.array(conf_rows.pop("grievance_at_start"), dtype=np.float64)
    latent_h = np.array(conf_rows.pop("hazard_at_start"), dtype=np.float64)
    columns: dict[str, Any] = {
        k: (v if k in ("causes", "group") else np.array(v, dtype=np.int64 if k != "observed" else bool))
        for k, v in conf_rows.items()
    }
    conflicts = Conflicts(**columns)
    catchup = _catchup(arrears_a)
    _rescale_wages(world, tl, level_a, owed_a, staff_a)
    plan = Plan(
        grievance=grievance,
        staff=staff_a,
        quits=quits_a,
        layoffs=lay_a,
        hires=hires_a,
        exit_month=exit_month,
        level=level_a,
        raise_mult=raise_a,
        arrears=arrears_a,
        arrears_share=arr_share_a,
        arrears_months=arr_months_a,
        arrears_owed=owed_a,
        repaid=repaid_a,
        late_pay=late_a,
        late_days=late_days_a,
        missing_share=missing_a,
        catchup=catchup,
        idle_share=idle_a,
        idle_kind=idle_kind_a,
        esutd_late=esutd_a,
        informal_n=informal_a,
        erosion=erosion_a,
        contagion=contagion_a,
        conflicts=conflicts,
    )
    return plan, Latent(health=health, hazard=hazard, conflict_grievance=latent_g, conflict_hazard=latent_h)


# Declared monthly income averages about this share of the full-time wage level (part-time, partial months).
INCOME_TO_LEVEL = 0.93


def _rescale_wages(
    world: World, tl: Timeline, level: np.ndarray, owed: np.ndarray, staff: np.ndarray
) -> None:
    """Set each region's nominal pay scale so its last year's average matches the published figure.

    Freezes, raises and failures move firms' pay over the years; only ratios (real-wage erosion, pay gaps)
    drive the model, so fixing the nominal scale afterwards changes no decision, only the tenge amounts.
    """
    year = tl.year(tl.n - 1)
    months = [t for t in range(tl.n) if tl.year(t) == year]
    goal_scale = national_wage(year + 0.5) / national_wage(2025.5) / INCOME_TO_LEVEL
    for r, code in enumerate(geo.REGION_CODES):
        idx = np.flatnonzero(world.region == r)
        if idx.size == 0:
            continue
        w = world.weight[idx, None] * staff[idx][:, months]
        if w.sum() <= 0:
            continue
        mean = float((level[idx][:, months] * w).sum() / w.sum())
        factor = REGIONS[code].avg_wage_2025_kzt * goal_scale / mean
        level[idx] *= np.float32(factor)
        owed[idx] *= np.float32(factor)
        world.wage_2025[idx] *= factor


def _catchup(arrears: np.ndarray) -> np.ndarray:
    """For every month, the first later month without arrears (when unpaid contributions are settled)."""
    n, T = arrears.shape
    out = np.full((n, T), -1, dtype=np.int32)
    nxt = np.full(n, -1, dtype=np.int32)
    for t in range(T - 1, -1, -1):
        nxt = np.where(~arrears[:, t], t, nxt)
        out[:, t] = np.where(arrears[:, t], nxt, t)
    return out


def _conflicts(
    rows: dict[str, list[Any]],
    idx: np.ndarray,
    t: int,
    rng: np.random.Generator,
    world: World,
    p: dict[str, Any],
    G: np.ndarray,
    haz: np.ndarray,
    H: np.ndarray,
    in_arrears: np.ndarray,
    arr_months: np.ndarray,
    lay_hist: np.ndarray,
    erosion: np.ndarray,
    idle_share: np.ndarray,
    mangystau: np.ndarray,
    unrest: float,
    tl: Timeline,
) -> None:
    """Kind, causes, participants and outcome of the conflicts starting this month, from their drivers."""
    k = idx.size
    g = G[idx]
    risky = np.isin(world.sector[idx], [OIL_GAS, MINING])
    contractor = world.contractor[idx]
    union = world.union[idx]
    mg = mangystau[idx]
    arr = in_arrears[idx]
    # cause scores: each driver makes its cause more likely to be named
    score = np.zeros((k, len(CAUSE_CODES)))
    score[:, 0] = (
        0.6 + 8 * np.maximum(erosion[idx], 0) + 0.6 * world.underpay[idx] + 0.5 * risky + 0.8 * (unrest > 0)
    )
    score[:, 1] = arr * (2.5 + 0.4 * np.minimum(arr_months[idx], 6))
    score[:, 2] = 12 * lay_hist[idx].sum(axis=1) + 1.5 * (idle_share[idx] > 0)
    score[:, 3] = contractor * (0.5 + 1.5 * (world.parent[idx] >= 0) + 4 * lay_hist[idx].sum(axis=1))
    score[:, 4] = 3 * world.pay_gap[idx] + 0.2
    score[:, 5] = world.hazardous_share[idx] * (1 + ~world.insured[idx]) + 0.15
    score[:, 6] = 0.25
    score[:, 7] = 0.3 * (risky | contractor)
    noisy = np.log(score + 1e-9) + rng.gumbel(size=score.shape)
    order = np.argsort(-noisy, axis=1)
    causes: list[tuple[int, ...]] = []
    for i in range(k):
        main = int(order[i, 0])
        extra = [int(c) for c in order[i, 1:3] if score[i, c] > 0.45 * score[i, main] and rng.random() < 0.6]
        causes.append((main, *extra))
    # kind
    logits = np.zeros((k, len(KINDS)))
    logits[:, 0] = -3.4 + 0.45 * (g - 2) + 0.9 * union + 1.0 * risky + 1.2 * mg
    logits[:, 1] = -2.0 + 0.55 * (g - 2) + 0.9 * risky + 1.2 * mg + 0.5 * contractor
    logits[:, 2] = -3.0 + 1.3 * arr
    logits[:, 3] = -1.2 + 0.3 * (g - 2) + 0.4 * (unrest > 0)
    logits[:, 4] = -4.0 + 0.4 * (g - 2)
    logits[:, 5] = 1.0 - 0.2 * (g - 2)
    logits[:, 6] = -0.2 + 1.3 * union
    kind = np.argmax(logits + rng.gumbel(size=logits.shape), axis=1)
    staff = np.maximum(H[idx], 1)
    stop = np.isin(kind, [0, 1, 4])
    share = np.where(stop, rng.uniform(0.15, 0.9, k), rng.uniform(0.03, 0.4, k))
    participants = np.maximum(1, np.minimum(staff, np.round(share * staff + rng.integers(2, 12, k)))).astype(
        np.int64
    )
    participants = np.where(kind == 2, np.minimum(participants, rng.integers(3, 40, k)), participants)
    duration = np.where(
        stop, rng.integers(1, 21, k), np.where(kind == 6, rng.integers(10, 75, k), rng.integers(1, 30, k))
    )
    esc = _sigmoid(-3.0 + 0.5 * (g - 2) + 0.6 * mg)
    u = rng.random(k)
    outcome = np.where(u < esc, 2, np.where((kind >= 5) & (u > 0.65), 0, 1))
    group = [
        "contractor_staff" if c else ("mixed" if world.operator[e] and r < 0.25 else "own_staff")
        for c, e, r in zip(contractor.tolist(), idx.tolist(), rng.random(k).tolist(), strict=True)
    ]
    obs_p = np.select(
        [stop, np.isin(kind, [2, 3]), kind == 5, kind == 6],
        [
            float(p["observe.conflicts.stoppage"]),
            float(p["observe.conflicts.protest"]),
            float(p["observe.conflicts.appeal"]),
            float(p["observe.conflicts.dispute"]),
        ],
    )
    observed = rng.random(k) < obs_p
    rows["employer"].extend(idx.tolist())
    rows["month"].extend([t] * k)
    rows["day"].extend(rng.integers(1, 29, k).tolist())
    rows["kind"].extend(kind.tolist())
    rows["causes"].extend(causes)
    rows["participants"].extend(participants.tolist())
    rows["group"].extend(group)
    rows["outcome"].extend(outcome.tolist())
    rows["duration"].extend(duration.tolist())
    rows["observed"].extend(observed.tolist())
    rows["registered_delay"].extend(
        np.where(rng.random(k) < 0.7, rng.integers(0, 3, k), rng.integers(3, 21, k)).tolist()
    )
    rows["grievance_at_start"].extend(g.tolist())
    rows["hazard_at_start"].extend(haz[idx].tolist())
    rows["arrears_months"].extend(arr_months[idx].tolist())
    rows["demand_raise"].extend((rng.integers(5, 21, k) * 5).tolist())
    _ = SECTOR_INDEX, tl
