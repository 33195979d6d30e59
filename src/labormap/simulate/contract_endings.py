"""Truth of service-contract endings and the layoffs they cause: ``truth/contract_endings.parquet``.

One row per service contract written to the ``contractor_links`` registry: its registry dates and
workers, what really happened at its end (``renewed`` into the next contract of the same slot, ``lost``
— not renewed, the contractor sheds that share of its staff, see :mod:`labormap.simulate.links` and
:mod:`labormap.simulate.dynamics` — or ``beyond`` the simulated period), the successor's contract id
and when the successor became known (its ``registered_on``), and the contractor's true layoffs in the
three months after the end. ``labormap.layoffs`` tests compare the expected-release curve with it;
features never read it.

Planted problem — **chains of short contracts** (Roadmap item 20): some customers keep a contractor on
half-year contracts renewed one after another. For a share ``SHORT_CHAIN_SHARE`` of contractors, each
12-month contract is registered as two consecutive 6-month contracts (the second, ``<id>-2``, registered
5–40 days before it starts, dropped when that is after extraction). The work and the staff are those of
the 12 months, so the monthly dynamics do not change; ``short_chain`` marks the planted rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from labormap.simulate.dynamics import Plan
from labormap.simulate.links import Links
from labormap.simulate.timeline import Timeline
from labormap.simulate.world import World
from labormap.simulate.writer import write_parquet

LAYOFF_MONTHS = 3
SHORT_CHAIN_SHARE = 0.2


def _link_rows(table: pa.Table, world: World, links: Links, tl: Timeline) -> np.ndarray:
    """The link index of every registry row.

    The registry keeps a subsequence of the links in their order (records.contractor_links_table drops
    those not yet known at extraction or after the contractor's exit), so a greedy walk that matches
    contractor, customer, start month and workers recovers each row's link.
    """
    index = {b: i for i, b in enumerate(world.bin)}
    con = [index[b] for b in table["employer_bin"].to_pylist()]
    cus = [index[b] for b in table["customer_bin"].to_pylist()]
    wk = table["workers"].to_pylist()
    st = [d.year * 12 + d.month - 1 - tl.first for d in table["start_on"].to_pylist()]
    out = np.full(table.num_rows, -1, dtype=np.int64)
    p = 0
    n = links.contractor.size
    for r in range(table.num_rows):
        while p < n and not (
            links.contractor[p] == con[r]
            and links.customer[p] == cus[r]
            and int(links.start[p]) == st[r]
            and links.workers[p] == wk[r]
        ):
            p += 1
        if p == n:
            raise AssertionError("a contractor_links row matches no link")
        out[r] = p
        p += 1
    return out


def _month_start(tl: Timeline, t: int) -> dt.date:
    m = tl.first + t
    return dt.date(m // 12, m % 12 + 1, 1)


def truth(table: pa.Table, world: World, links: Links, plan: Plan, tl: Timeline, truth_dir: Path) -> pa.Table:
    """Write the truth of ``table`` (the contractor_links registry); return it with the short chains planted."""
    rows = _link_rows(table, world, links, tl) if table.num_rows else np.zeros(0, np.int64)
    T = tl.n
    row_of_link = {int(li): r for r, li in enumerate(rows.tolist())}
    ids = table["contract_id"].to_pylist()
    reg = table["registered_on"].to_pylist()
    outcome, succ_id, succ_reg, lay, staff_end, end_month = [], [], [], [], [], []
    for li in rows.tolist():
        e, c = int(links.end[li]), int(links.contractor[li])
        nxt = li + 1
        renewed = (
            not bool(links.lost[li])
            and nxt < links.contractor.size
            and int(links.contractor[nxt]) == c
            and int(links.start[nxt]) == e + 1
        )
        outcome.append("renewed" if renewed else "lost" if bool(links.lost[li]) else "beyond")
        r = row_of_link.get(nxt) if renewed else None
        succ_id.append(ids[r] if r is not None else None)
        succ_reg.append(reg[r] if r is not None else None)
        inside = 0 <= e + 1 < T
        lay.append(int(plan.layoffs[c, e + 1 : min(e + 1 + LAYOFF_MONTHS, T)].sum()) if inside else None)
        staff_end.append(int(plan.staff[c, e]) if 0 <= e < T else None)
        end_month.append(tl.label(e) if 0 <= e < T else None)
    truth_rows: dict[str, list[Any]] = {
        "project": (links.project[rows] if rows.size else np.zeros(0, bool)).tolist(),
        "true_end_month": end_month,
        "outcome": outcome,
        "successor_id": succ_id,
        "successor_registered_on": succ_reg,
        "contractor_staff_at_end": staff_end,
        "contractor_layoffs_3m": lay,
    }
    reg_rows = {c: table[c].to_pylist() for c in table.column_names}
    out_reg, out_truth = _plant_short_chains(reg_rows, truth_rows, rows, world, links, plan, tl)
    registry = pa.table({c: pa.array(v, type=table.schema.field(c).type) for c, v in out_reg.items()})
    t = pa.table(
        {
            **{c: registry[c] for c in ("contract_id", "customer_bin", "employer_bin", "start_on", "end_on")},
            "registered_on": registry["registered_on"],
            "workers": registry["workers"],
            "project": pa.array(out_truth["project"], type=pa.bool_()),
            "short_chain": pa.array(out_truth["short_chain"], type=pa.bool_()),
            "true_end_month": pa.array(out_truth["true_end_month"], type=pa.string()),
            "outcome": pa.array(out_truth["outcome"], type=pa.string()),
            "successor_id": pa.array(out_truth["successor_id"], type=pa.string()),
            "successor_registered_on": pa.array(out_truth["successor_registered_on"], type=pa.date32()),
            "contractor_staff_at_end": pa.array(out_truth["contractor_staff_at_end"], type=pa.int64()),
            "contractor_layoffs_3m": pa.array(out_truth["contractor_layoffs_3m"], type=pa.int64()),
        }
    )
    write_parquet(t, truth_dir / "contract_endings.parquet")
    return registry


def _plant_short_chains(
    reg: dict[str, list[Any]],
    tru: dict[str, list[Any]],
    rows: np.ndarray,
    world: World,
    links: Links,
    plan: Plan,
    tl: Timeline,
) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Split the 12-month contracts of the chosen contractors into two 6-month ones (see the docstring)."""
    rng = np.random.default_rng([world.seed, 61])
    short = rng.random(world.n) < SHORT_CHAIN_SHARE
    extract = dt.date.fromisoformat(str(tl.extract_on))
    T = tl.n
    out_reg: dict[str, list[Any]] = {c: [] for c in reg}
    out_tru: dict[str, list[Any]] = {c: [] for c in tru} | {"short_chain": []}
    draws = rng.integers(0, 10, rows.size), rng.integers(5, 41, rows.size)
    for r, li in enumerate(rows.tolist()):
        base_reg = {c: v[r] for c, v in reg.items()}
        base_tru = {c: v[r] for c, v in tru.items()}
        s, e = int(links.start[li]), int(links.end[li])
        split = (
            bool(short[int(links.contractor[li])])
            and not bool(links.project[li])
            and e - s + 1 == 12
            and base_reg["end_on"] == _month_start(tl, e + 1) - dt.timedelta(days=1)  # not cut short
        )
        if not split:
            for c in out_reg:
                out_reg[c].append(base_reg[c])
            for c in tru:
                out_tru[c].append(base_tru[c])
            out_tru["short_chain"].append(False)
            continue
        start2 = _month_start(tl, s + 6) + dt.timedelta(days=int(draws[0][r]))
        reg2 = start2 - dt.timedelta(days=int(draws[1][r]))
        first_end = _month_start(tl, s + 6) - dt.timedelta(days=1)
        second_known = reg2 <= extract
        amount = base_reg.get("amount_kzt")
        half = None if amount is None else round(float(amount) / 2, -3)
        id2 = f"{base_reg['contract_id']}-2"
        out_reg_rows = [dict(base_reg, end_on=first_end, amount_kzt=half)]
        mid = s + 5
        k = int(links.contractor[li])
        inside = 0 <= mid + 1 < T
        # the truth: the 12 months of work go on, whether or not the second half is registered yet
        out_tru_rows = [
            dict(
                base_tru,
                true_end_month=tl.label(mid) if 0 <= mid < T else None,
                outcome="renewed",
                successor_id=id2,
                successor_registered_on=reg2,
                contractor_staff_at_end=int(plan.staff[k, mid]) if 0 <= mid < T else None,
                contractor_layoffs_3m=int(plan.layoffs[k, mid + 1 : min(mid + 1 + LAYOFF_MONTHS, T)].sum())
                if inside
                else None,
            )
        ]
        if second_known:
            out_reg_rows.append(
                dict(base_reg, contract_id=id2, start_on=start2, registered_on=reg2, amount_kzt=half)
            )
            out_tru_rows.append(dict(base_tru))
        for rr, tt in zip(out_reg_rows, out_tru_rows, strict=True):
            for c in out_reg:
                out_reg[c].append(rr[c])
            for c in tru:
                out_tru[c].append(tt[c])
            out_tru["short_chain"].append(True)
    return out_reg, out_tru
