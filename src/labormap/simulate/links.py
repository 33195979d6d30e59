"""Schedules fixed before the monthly run: operators' service contracts and collective agreements.

A contractor works for its customer under service contracts of one to three years. At the end a contract
is renewed or lost (less often renewed while the oil price shock lasts); contracts tied to the large
operator's project all end when it completes. A lost contract is the contractor's revenue shock: its
share of the contractor's staff is what the contractor loses (see :mod:`labormap.simulate.dynamics`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from labormap.simulate.sectors import CONTRACTOR_SERVICES, SECTORS
from labormap.simulate.timeline import Timeline
from labormap.simulate.world import World


@dataclass
class Links:
    contractor: np.ndarray
    customer: np.ndarray
    start: np.ndarray  # month index (may be negative: signed before the period)
    end: np.ndarray  # month index of the last month of work
    workers: np.ndarray
    service: list[str]
    project: np.ndarray  # bool: tied to the operator's project
    lost: np.ndarray  # bool: not renewed at its end (and the end falls inside the period)
    loss: np.ndarray  # (N, T) share of the contractor's staff whose contract ended without renewal
    gain: np.ndarray  # (N, T) share of staff taken on for a new contract after a gap


def oil_intensity(tl: Timeline, params: dict[str, Any]) -> np.ndarray:
    """Strength of the oil price shock in each month (0 before it)."""
    t0 = tl.index(params["shocks.oil_price.start"])
    t = np.arange(tl.n)
    hl = float(params["shocks.oil_price.half_life"])
    return np.where(t >= t0, float(params["shocks.oil_price.size"]) * 0.5 ** ((t - t0) / hl), 0.0)


def build_links(world: World, tl: Timeline, params: dict[str, Any], seed: int) -> Links:
    rng = np.random.default_rng([seed, 3])
    n, T = world.n, tl.n
    loss = np.zeros((n, T), dtype=np.float32)
    gain = np.zeros((n, T), dtype=np.float32)
    oil = oil_intensity(tl, params)
    renewal = float(params["shocks.contract_loss.renewal"])
    t_proj = tl.index(params["shocks.project_completion.date"])
    proj_share = float(params["shocks.project_completion.share"])
    rows: dict[str, list[Any]] = {
        k: [] for k in ("contractor", "customer", "start", "end", "workers", "service", "project", "lost")
    }
    for i in np.flatnonzero(world.contractor).tolist():
        cust = int(world.customer[i])
        staff = max(int(world.staff[i]), 1)
        slots = 1 if staff < 40 else 2
        share_total = rng.uniform(0.55, 1.0)
        shares = rng.dirichlet(np.ones(slots)) * share_total
        services = CONTRACTOR_SERVICES[SECTORS[world.sector[i]].code]
        on_project = cust == world.project_operator and rng.random() < proj_share
        for j in range(slots):
            project = on_project and j == 0
            t = int(world.start_month[i]) - (int(rng.integers(0, 30)) if world.start_month[i] == 0 else 0)
            w_share = float(shares[j])
            while t < T:
                dur = int(rng.choice([12, 24, 36], p=[0.45, 0.35, 0.2]))
                end = t + dur - 1
                if project:
                    end = max(t, t_proj - 1)
                    dur = end - t + 1
                if end >= T:
                    end = t + dur - 1
                workers = max(1, round(staff * w_share))
                mid = min(max(end, 0), T - 1)
                p_renew = renewal * (1 - 0.35 * min(oil[mid] if 0 <= end < T else 0.0, 1.0))
                renewed = (not project or end < t_proj - 1) and rng.random() < p_renew
                if project and end >= t_proj - 1:
                    renewed = False
                lost = (not renewed) and 0 <= end + 1 < T
                rows["contractor"].append(i)
                rows["customer"].append(cust)
                rows["start"].append(t)
                rows["end"].append(end)
                rows["workers"].append(workers)
                rows["service"].append(services[int(rng.integers(0, len(services)))])
                rows["project"].append(project)
                rows["lost"].append(lost)
                if renewed:
                    t = end + 1
                    continue
                if lost:
                    loss[i, end + 1] += w_share
                gap = int(rng.geometric(1 / (18 if project else 9)))
                t = end + 1 + gap
                project = False
                if 0 <= t < T:
                    gain[i, t] += w_share
    return Links(
        contractor=np.array(rows["contractor"], dtype=np.int64),
        customer=np.array(rows["customer"], dtype=np.int64),
        start=np.array(rows["start"], dtype=np.int64),
        end=np.array(rows["end"], dtype=np.int64),
        workers=np.array(rows["workers"], dtype=np.int64),
        service=rows["service"],
        project=np.array(rows["project"], dtype=bool),
        lost=np.array(rows["lost"], dtype=bool),
        loss=loss,
        gain=gain,
    )


@dataclass
class Agreements:
    employer: np.ndarray
    start: np.ndarray  # month index
    end: np.ndarray  # month index of the last month in force
    active: np.ndarray  # (N, T) bool


def build_agreements(world: World, tl: Timeline, seed: int) -> Agreements:
    """Collective agreements of three (sometimes two) years, renewed after a short gap or now and then lapsing."""
    rng = np.random.default_rng([seed, 4])
    T = tl.n
    active = np.zeros((world.n, T), dtype=bool)
    emp, st, en = [], [], []
    for i in np.flatnonzero(world.agreement_prone).tolist():
        t = int(world.start_month[i]) + (
            -int(rng.integers(0, 36)) if world.start_month[i] == 0 else int(rng.integers(3, 18))
        )
        while t < T:
            dur = 36 if rng.random() < 0.75 else 24
            emp.append(i)
            st.append(t)
            en.append(t + dur - 1)
            active[i, max(t, 0) : min(t + dur, T)] = True
            t += dur + (int(rng.integers(6, 19)) if rng.random() < 0.1 else int(rng.integers(0, 3)))
    return Agreements(
        np.array(emp, dtype=np.int64), np.array(st, dtype=np.int64), np.array(en, dtype=np.int64), active
    )
