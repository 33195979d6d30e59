"""Worker-level registries of one chunk of employers: ЕСУТД contracts and amendments, monthly payments.

The employer-month :class:`~labormap.simulate.dynamics.Plan` says how many workers leave, are laid off or
hired, when pay rises, when idle time starts, whether contributions are late or unpaid; this module picks
*which* workers, on which days, with which salaries — and then records them the way the state systems
would: registrations in ЕСУТД come with delays (sometimes late, sometimes not yet by the extraction date),
payments are dated when they are made, some workers are paid without any registered contract.

Each chunk draws from its own generator seeded by (seed, chunk), so the chunk size used to bound memory
never changes the output for a given world.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from labormap.reference.oked import oked_section_of
from labormap.reference.parameters import parameters_for
from labormap.simulate.dynamics import Plan
from labormap.simulate.ids import iins_for, to_strings
from labormap.simulate.sectors import SECTORS, TARIFF_BY_SECTION
from labormap.simulate.timeline import Timeline, national_wage
from labormap.simulate.world import World

GROUNDS = (
    "agreement",
    "term_expiry",
    "employee_initiative",
    "liquidation",
    "staff_reduction",
    "economic_decline",
    "disciplinary",
    "unsuitability",
    "transfer",
    "beyond_control",
    "retirement",
)
G = {g: i for i, g in enumerate(GROUNDS)}
# Why workers leave on their own or by agreement (shares), when not at the end of a fixed term.
QUIT_GROUNDS = (
    ("employee_initiative", 0.56),
    ("agreement", 0.24),
    ("disciplinary", 0.06),
    ("retirement", 0.04),
    ("transfer", 0.05),
    ("unsuitability", 0.03),
    ("beyond_control", 0.02),
)
EVENT_TYPES = ("salary_change", "part_time_start", "part_time_end", "idle_start", "idle_end")


EPOCH = np.datetime64("1970-01-01", "D")
POSITIONS = pa.array([pos for s in SECTORS for pos in s.positions])
POS_OFFSET = np.cumsum([0] + [len(s.positions) for s in SECTORS[:-1]])
PAYMENT_PART_ROWS = 1_500_000


def _days(d: np.ndarray | np.datetime64) -> np.ndarray:
    return (np.asarray(d, dtype="datetime64[D]") - EPOCH).astype(np.int64)


@dataclass
class ChunkTables:
    contracts: pa.Table
    contract_events: pa.Table
    payment_parts: Iterator[pa.Table]


class _Grow:
    """Column arrays of a growing set of contracts."""

    def __init__(self, cap: int) -> None:
        self.n = 0
        self.emp = np.zeros(cap, np.int64)
        self.start = np.zeros(cap, np.int64)
        self.salary0 = np.zeros(cap)
        self.salary = np.zeros(cap)
        self.rate0 = np.ones(cap)
        self.rate = np.ones(cap)
        self.fixed = np.zeros(cap, bool)
        self.hazardous = np.zeros(cap, bool)
        self.position = np.zeros(cap, np.int64)
        self.term = np.full(cap, -1, np.int64)
        self.ground = np.full(cap, -1, np.int64)
        self.t_start = np.zeros(cap, np.int64)
        self.state = np.zeros(cap, np.int8)  # 1 idle, 2 part-time

    def add(self, **cols: np.ndarray) -> np.ndarray:
        k = len(next(iter(cols.values())))
        ids = np.arange(self.n, self.n + k)
        for name, values in cols.items():
            getattr(self, name)[ids] = values
        self.n += k
        return ids


def generate_chunk(
    world: World,
    plan: Plan,
    tl: Timeline,
    params: dict[str, Any],
    lo: int,
    hi: int,
    seed: int,
    chunk: int,
    n_chunks: int,
    pay_from: int,
    bins: pa.Array,
) -> ChunkTables:
    rng = np.random.default_rng([seed, 100, chunk])
    m = hi - lo
    T = tl.n
    old = world.start_month[lo:hi] <= 0
    h0 = np.where(old, world.staff[lo:hi], 0)
    total = int(h0.sum() + plan.hires[lo:hi].sum())
    C = _Grow(total)
    month_start = _days(tl.month_start(np.arange(T + 1)))
    mdays = np.diff(month_start)
    mzp = tl.mzp()
    sectors = world.sector[lo:hi]
    sec_codes = [SECTORS[s].code for s in sectors.tolist()]
    tariff_coef = np.array([TARIFF_BY_SECTION.get(oked_section_of(o) or "", 1.0) for o in world.oked[lo:hi]])
    n_pos = np.array([len(SECTORS[s].positions) for s in sectors.tolist()])
    part_time_prone = np.isin(
        sectors,
        [
            i
            for i, s in enumerate(SECTORS)
            if s.code in ("trade", "hospitality", "education", "other_services")
        ],
    )
    underpay = world.underpay[lo:hi]
    level = plan.level[lo:hi]
    fixed_share = float(params["world.fixed_term_share"])
    reg_days = _days(world.reg_date[lo:hi])

    def new_contracts(emp: np.ndarray, start: np.ndarray, t: int, lvl: np.ndarray) -> np.ndarray:
        k = emp.size
        factor = np.exp(rng.normal(-0.045, 0.3, k))
        tariff = mzp[max(t, 0)] * tariff_coef[emp]
        sal = np.maximum(lvl * factor, tariff * rng.uniform(1.0, 1.3, k))
        low = underpay[emp] & (rng.random(k) < 0.4)
        sal = np.where(low, mzp[max(t, 0)] * rng.uniform(1.0, 1.1, k), sal)
        sal = np.round(np.maximum(sal, mzp[max(t, 0)]), -2)
        rate = np.where(
            part_time_prone[emp] & (rng.random(k) < 0.1), np.where(rng.random(k) < 0.5, 0.5, 0.75), 1.0
        )
        return C.add(
            emp=emp,
            start=start,
            salary0=sal,
            salary=sal,
            rate0=rate,
            rate=rate,
            fixed=rng.random(k) < fixed_share,
            hazardous=rng.random(k) < world.hazardous_share[lo + emp],
            position=(rng.integers(0, 1 << 30, k) % n_pos[emp]),
            t_start=np.full(k, t),
        )

    # --- the staff already there when the period starts
    emp0 = np.repeat(np.arange(m), h0)
    tenure = np.minimum(rng.exponential(1500, emp0.size), 9000).astype(np.int64)
    start0 = np.maximum(
        np.maximum(month_start[0] - 1 - tenure, reg_days[emp0]), _days(np.datetime64("1990-01-01"))
    )
    ids0 = new_contracts(emp0, start0, 0, level[emp0, 0])
    # what they signed for: today's salary deflated to their start by the national wage path
    years = 1970 + start0 / 365.25
    deflate = (
        np.array([national_wage(y) for y in years]) / national_wage(tl.first / 12)
        if emp0.size
        else np.zeros(0)
    )
    C.salary0[ids0] = np.round(np.maximum(C.salary[ids0] * np.minimum(deflate, 1.0), 17_000), -2)
    active = ids0.copy()

    ev_rows: dict[str, list[np.ndarray]] = {k: [] for k in ("cid", "type", "day", "salary", "rate", "t")}
    pay_rows: list[tuple[np.ndarray, ...]] = []
    informal_pool = plan.informal_n[lo:hi].max(axis=1) if T else np.zeros(m, np.int64)
    inf_base = np.r_[0, np.cumsum(informal_pool)]

    def event(
        cid: np.ndarray,
        etype: int,
        day: np.ndarray,
        salary: np.ndarray | None,
        rate: np.ndarray | None,
        t: int,
    ) -> None:
        if cid.size == 0:
            return
        ev_rows["cid"].append(cid)
        ev_rows["type"].append(np.full(cid.size, etype))
        ev_rows["day"].append(day)
        ev_rows["salary"].append(np.full(cid.size, np.nan) if salary is None else salary)
        ev_rows["rate"].append(np.full(cid.size, np.nan) if rate is None else rate)
        ev_rows["t"].append(np.full(cid.size, t))

    for t in range(T):
        ms, md = month_start[t], int(mdays[t])
        emp_a = C.emp[active]
        # --- pay rises (and the МЗП floor in January)
        mult = plan.raise_mult[lo:hi, t].astype(np.float64)
        jan = tl.month_of_year(t) == 1
        rising = (mult[emp_a] > 1.0005) | (jan & (C.salary[active] < mzp[t]))
        if rising.any():
            cid = active[rising]
            new = np.round(np.maximum(C.salary[cid] * mult[C.emp[cid]], mzp[t]), -2)
            changed = new != C.salary[cid]
            cid, new = cid[changed], new[changed]
            C.salary[cid] = new
            event(cid, 0, ms + rng.integers(0, 5, cid.size), new, None, t)
        # --- idle time and part-time episodes
        kind_now = plan.idle_kind[lo:hi, t]
        kind_prev = plan.idle_kind[lo:hi, t - 1] if t > 0 else np.zeros(m, np.int8)
        ending = (kind_prev > 0) & (kind_now != kind_prev)
        starting = (kind_now > 0) & (kind_now != kind_prev)
        if ending.any():
            on = active[(C.state[active] > 0) & ending[emp_a]]
            day = ms + rng.integers(0, 3, on.size)
            pt = C.state[on] == 2
            event(on[pt], 2, day[pt], None, C.rate0[on[pt]], t)
            event(on[~pt], 4, day[~pt], None, None, t)
            C.rate[on[pt]] = C.rate0[on[pt]]
            C.state[on] = 0
        if starting.any():
            share = plan.idle_share[lo:hi, t]
            cand = active[starting[emp_a]]
            pick = cand[rng.random(cand.size) < share[C.emp[cand]]]
            kind = kind_now[C.emp[pick]]
            day = ms + rng.integers(0, 10, pick.size)
            pt = kind == 2
            C.state[pick] = kind
            C.rate[pick[pt]] = np.round(C.rate0[pick[pt]] * 0.5, 2)
            event(pick[pt], 1, day[pt], None, C.rate[pick[pt]], t)
            event(pick[~pt], 3, day[~pt], None, None, t)
        # --- who leaves this month
        quits = plan.quits[lo:hi, t]
        lays = plan.layoffs[lo:hi, t]
        failing = plan.exit_month[lo:hi] == t
        key = rng.random(active.size)
        order = np.lexsort((key, emp_a))
        srt = active[order]
        e_s = emp_a[order]
        first = np.searchsorted(e_s, np.arange(m))
        rank = np.arange(srt.size) - first[e_s]
        leave_q = rank < quits[e_s]
        leave_l = (rank >= quits[e_s]) & (rank < quits[e_s] + lays[e_s])
        leave_x = failing[e_s] & ~leave_q & ~leave_l
        for mask, kind_code in ((leave_q, 0), (leave_l, 1), (leave_x, 2)):
            cid = srt[mask]
            if cid.size == 0:
                continue
            if kind_code == 2:
                day = ms + rng.integers(md // 2, md, cid.size)
                C.ground[cid] = G["liquidation"]
            else:
                day = ms + rng.integers(0, md, cid.size)
                if kind_code == 1:
                    C.ground[cid] = np.where(
                        rng.random(cid.size) < 0.8, G["staff_reduction"], G["economic_decline"]
                    )
                else:
                    names, probs = zip(*QUIT_GROUNDS, strict=True)
                    pick = rng.choice(len(names), size=cid.size, p=np.array(probs) / sum(probs))
                    C.ground[cid] = np.array([G[n] for n in names])[pick]
                    fixed_end = C.fixed[cid] & (rng.random(cid.size) < 0.6)
                    C.ground[cid[fixed_end]] = G["term_expiry"]
            C.term[cid] = np.maximum(day, C.start[cid])
        leaving = srt[leave_q | leave_l | leave_x]
        # --- hires
        hires = plan.hires[lo:hi, t]
        emp_h = np.repeat(np.arange(m), hires)
        start_h = ms + rng.integers(0, md, emp_h.size)
        start_h = np.maximum(start_h, reg_days[emp_h])
        hired = new_contracts(emp_h, start_h, t, level[emp_h, t])
        # --- payments for the month
        if t >= pay_from:
            pay_rows.append(
                _payments(
                    C, np.concatenate([active, hired]), t, ms, md, plan, lo, mzp[t], tl, rng, month_start
                )
            )
            n_inf = plan.informal_n[lo:hi, t]
            if n_inf.any():
                emp_i = np.repeat(np.arange(m), n_inf)
                within = np.arange(emp_i.size) - np.repeat(np.r_[0, np.cumsum(n_inf)[:-1]], n_inf)
                pid = total + inf_base[emp_i] + within
                inc = np.round(
                    np.maximum(level[emp_i, t] * 0.7 * np.exp(rng.normal(0, 0.25, emp_i.size)), mzp[t] * 0.5)
                )
                pay_rows.append(_contrib(pid, emp_i, inc, t, plan, lo, tl, rng, month_start, informal=True))
        keep = np.ones(active.size, bool)
        keep[np.searchsorted(active, leaving)] = False
        active = np.sort(np.concatenate([active[keep], hired]))

    # --- people: one per contract, plus the employers' informal workers
    n_inf_total = int(informal_pool.sum())
    n_people = total + n_inf_total
    age = np.clip(rng.normal(35, 10, n_people), 18, 62)
    born_ref = np.concatenate([C.start[:total], np.full(n_inf_total, month_start[0])])
    birth = (EPOCH + (born_ref - age * 365.25).astype(np.int64)).astype("datetime64[D]")
    female = rng.random(n_people) < 0.45
    span = 10_000 // n_chunks
    iins = to_strings(iins_for(birth, female, chunk * span, span))

    contracts, registered = _contracts_table(
        C, total, world, plan, lo, bins, iins, tl, rng, month_start, sec_codes
    )
    events = _events_table(ev_rows, C, registered, plan, lo, bins, iins, tl, rng)
    extract = int(_days(tl.extract_on))

    def parts() -> Iterator[pa.Table]:
        buf: list[tuple[np.ndarray, ...]] = []
        rows = 0
        for r in pay_rows:
            buf.append(r)
            rows += r[0].size
            if rows >= PAYMENT_PART_ROWS:
                yield _payments_table(buf, bins, iins, tl, extract)
                buf, rows = [], 0
        if buf:
            yield _payments_table(buf, bins, iins, tl, extract)

    return ChunkTables(contracts, events, parts())


def _payments(
    C: _Grow,
    cids: np.ndarray,
    t: int,
    ms: int,
    md: int,
    plan: Plan,
    lo: int,
    mzp: float,
    tl: Timeline,
    rng: np.random.Generator,
    month_start: np.ndarray,
) -> tuple[np.ndarray, ...]:
    start = np.maximum(C.start[cids], ms)
    end = np.where(C.term[cids] >= 0, np.minimum(C.term[cids], ms + md - 1), ms + md - 1)
    worked = np.clip((end - start + 1) / md, 0, 1)
    ok = worked > 0
    cids, worked = cids[ok], worked[ok]
    idle = C.state[cids] == 1
    inc = (
        C.salary[cids]
        * C.rate[cids]
        * worked
        * np.where(idle, 0.5, 1.0)
        * np.exp(rng.normal(0, 0.04, cids.size))
    )
    inc = np.round(np.maximum(inc, 1000.0))
    return _contrib(cids, C.emp[cids], inc, t, plan, lo, tl, rng, month_start, informal=False)


def _contrib(
    pid: np.ndarray,
    emp: np.ndarray,
    inc: np.ndarray,
    t: int,
    plan: Plan,
    lo: int,
    tl: Timeline,
    rng: np.random.Generator,
    month_start: np.ndarray,
    *,
    informal: bool,
) -> tuple[np.ndarray, ...]:
    """Payment date of each worker-month: on time, late, late when arrears are repaid, or never."""
    due = month_start[t + 1] + 24  # the 25th of the next month
    late = plan.late_pay[lo + emp, t]
    late_days = plan.late_days[lo + emp, t].astype(np.int64)
    paid = np.where(late, due + late_days, due - rng.integers(0, 21, emp.size))
    if not informal:
        missing = rng.random(emp.size) < plan.missing_share[lo + emp, t]
        catch = plan.catchup[lo + emp, t]
        paid = np.where(
            missing,
            np.where(
                catch > t,
                month_start[np.minimum(catch, tl.n - 1) + 1] + 24 + rng.integers(0, 20, emp.size),
                -1,
            ),
            paid,
        )
    return pid, emp, inc, np.full(emp.size, t), paid


def _payments_table(
    buf: list[tuple[np.ndarray, ...]], bins: pa.Array, iins: pa.Array, tl: Timeline, extract: int
) -> pa.Table:
    pid = np.concatenate([b[0] for b in buf])
    emp = np.concatenate([b[1] for b in buf])
    inc = np.concatenate([b[2] for b in buf])
    t = np.concatenate([b[3] for b in buf])
    paid = np.concatenate([b[4] for b in buf])
    ok = (paid >= 0) & (paid <= extract)
    pid, emp, inc, t, paid = pid[ok], emp[ok], inc[ok], t[ok], paid[ok]
    years = np.array([tl.year(k) for k in range(tl.n)])
    yr = years[t]
    cols: dict[str, np.ndarray] = {k: np.zeros(inc.size) for k in ("opv", "opvr", "so", "oosms", "vosms")}
    for y in np.unique(yr).tolist():
        sel = yr == y
        yp = parameters_for(int(y))
        x = inc[sel]
        opv = yp.opv_rate * np.minimum(x, yp.opv_cap_mzp * yp.mzp)
        cols["opv"][sel] = opv
        cols["opvr"][sel] = yp.opvr_rate * np.minimum(x, 50 * yp.mzp)
        cols["so"][sel] = yp.so_rate * np.clip(
            x - opv, yp.so_base_min_mzp * yp.mzp, yp.so_base_max_mzp * yp.mzp
        )
        cols["oosms"][sel] = yp.oosms_rate * np.minimum(x, yp.osms_cap_mzp * yp.mzp)
        cols["vosms"][sel] = yp.vosms_rate * np.minimum(x, yp.osms_cap_mzp * yp.mzp)
    labels = pa.array([tl.label(k) for k in range(tl.n)])
    return pa.table(
        {
            "employer_bin": bins.take(pa.array(emp)),
            "worker_iin": iins.take(pa.array(pid)),
            "period": labels.take(pa.array(t)),
            "income": pa.array(inc.astype(np.float64)),
            **{k: pa.array(np.round(v, 0)) for k, v in cols.items()},
            "paid_on": pa.array((EPOCH + paid).astype("datetime64[D]")),
        }
    )


def _contracts_table(
    C: _Grow,
    total: int,
    world: World,
    plan: Plan,
    lo: int,
    bins: pa.Array,
    iins: pa.Array,
    tl: Timeline,
    rng: np.random.Generator,
    month_start: np.ndarray,
    sec_codes: list[str],
) -> tuple[pa.Table, np.ndarray]:
    n = total
    extract = _days(tl.extract_on)
    t_start = np.clip(C.t_start[:n], 0, tl.n - 1)
    p_late = plan.esutd_late[lo + C.emp[:n], t_start]
    late = rng.random(n) < p_late
    delay = np.where(late, 8 + rng.geometric(1 / 30, n), rng.integers(0, 7, n))
    registered = C.start[:n] + delay
    term = C.term[:n]
    t_term = np.clip(np.searchsorted(month_start, term, side="right") - 1, 0, tl.n - 1)
    late_t = rng.random(n) < plan.esutd_late[lo + C.emp[:n], t_term]
    term_reg = np.where(
        term >= 0, term + np.where(late_t, 5 + rng.geometric(1 / 20, n), rng.integers(0, 4, n)), -1
    )
    known_term = (term >= 0) & (term_reg <= extract)
    # the agreed end of fixed-term contracts: the termination day at term expiry, a later day otherwise
    end = np.where(
        C.fixed[:n],
        np.where(
            C.ground[:n] == G["term_expiry"],
            term,
            np.maximum(C.start[:n] + 365, np.where(term >= 0, term, extract) + rng.integers(30, 300, n)),
        ),
        -1,
    )
    end = np.where(C.fixed[:n] & (end < C.start[:n]), C.start[:n] + 365, end)
    end = np.minimum(end, extract + 330)
    keep = registered <= extract
    idx = np.flatnonzero(keep)
    pos_code = POS_OFFSET[world.sector[lo + C.emp[idx]]] + C.position[idx]

    def dates(v: np.ndarray, mask: np.ndarray) -> pa.Array:
        return pa.array((EPOCH + v).astype("datetime64[D]"), mask=~mask)

    kt = known_term[idx]
    table = pa.table(
        {
            "employer_bin": bins.take(pa.array(C.emp[idx])),
            "worker_iin": iins.take(pa.array(idx)),
            "position": POSITIONS.take(pa.array(pos_code)),
            "salary": pa.array(C.salary0[idx]),
            "work_rate": pa.array(C.rate0[idx]),
            "hazardous": pa.array(C.hazardous[idx]),
            "start_on": dates(C.start[idx], np.ones(idx.size, bool)),
            "end_on": dates(end[idx], end[idx] >= 0),
            "terminated_on": dates(term[idx], kt),
            "termination_ground": pa.array(GROUNDS).take(pa.array(np.maximum(C.ground[idx], 0), mask=~kt)),
            "registered_on": dates(registered[idx], np.ones(idx.size, bool)),
            "termination_registered_on": dates(term_reg[idx], kt),
        }
    )
    order = np.lexsort((idx, C.start[idx], C.emp[idx]))
    _ = sec_codes
    return table.take(pa.array(order)), keep


def _events_table(
    ev: dict[str, list[np.ndarray]],
    C: _Grow,
    registered: np.ndarray,
    plan: Plan,
    lo: int,
    bins: pa.Array,
    iins: pa.Array,
    tl: Timeline,
    rng: np.random.Generator,
) -> pa.Table:
    if not ev["cid"]:
        cid = np.zeros(0, np.int64)
        etype = day = t = np.zeros(0, np.int64)
        sal = rate = np.zeros(0)
    else:
        cid = np.concatenate(ev["cid"])
        etype = np.concatenate(ev["type"])
        day = np.concatenate(ev["day"])
        sal = np.concatenate(ev["salary"])
        rate = np.concatenate(ev["rate"])
        t = np.concatenate(ev["t"])
    extract = _days(tl.extract_on)
    late = rng.random(cid.size) < plan.esutd_late[lo + C.emp[cid], t]
    reg = day + np.where(late, 16 + rng.geometric(1 / 30, cid.size), rng.integers(0, 15, cid.size))
    day = np.maximum(day, C.start[cid])
    ok = registered[cid] & (reg <= extract) & (day <= extract)
    # an amendment after the contract ended is not possible
    ok &= (C.term[cid] < 0) | (day <= C.term[cid])
    cid, etype, day, sal, rate, reg = cid[ok], etype[ok], day[ok], sal[ok], rate[ok], reg[ok]
    order = np.lexsort((etype, cid, day))
    cid, etype, day, reg = cid[order], etype[order], day[order], reg[order]
    sal, rate = sal[order], rate[order]
    return pa.table(
        {
            "employer_bin": bins.take(pa.array(C.emp[cid])),
            "worker_iin": iins.take(pa.array(cid)),
            "event_type": pa.array(EVENT_TYPES).take(pa.array(etype)),
            "event_on": pa.array((EPOCH + day).astype("datetime64[D]")),
            "registered_on": pa.array((EPOCH + reg).astype("datetime64[D]")),
            "salary": pa.array(sal, mask=np.isnan(sal)),
            "work_rate": pa.array(rate, mask=np.isnan(rate)),
        }
    )


PartsFn = Callable[[], Iterator[pa.Table]]
