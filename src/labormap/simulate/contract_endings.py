"""Truth of service-contract endings and the layoffs they cause: ``truth/contract_endings.parquet``.

One row per service contract written to the ``contractor_links`` registry: its registry dates and
workers, what really happened at its end (``renewed`` into the next contract of the same slot, ``lost``
— not renewed, the contractor sheds that share of its staff, see :mod:`labormap.simulate.links` and
:mod:`labormap.simulate.dynamics` — or ``beyond`` the simulated period), the successor's contract id
and when the successor became known (its ``registered_on``), and the contractor's true layoffs in the
three months after the end. ``labormap.layoffs`` tests compare the expected-release curve with it;
features never read it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from labormap.simulate.dynamics import Plan
from labormap.simulate.links import Links
from labormap.simulate.timeline import Timeline
from labormap.simulate.world import World
from labormap.simulate.writer import write_parquet

LAYOFF_MONTHS = 3


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


def truth(table: pa.Table, world: World, links: Links, plan: Plan, tl: Timeline, truth_dir: Path) -> pa.Table:
    """Write the truth of ``table`` (the contractor_links registry) and return ``table`` unchanged."""
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
    t = pa.table(
        {
            "contract_id": table["contract_id"],
            "customer_bin": table["customer_bin"],
            "employer_bin": table["employer_bin"],
            "start_on": table["start_on"],
            "end_on": table["end_on"],
            "registered_on": table["registered_on"],
            "workers": table["workers"],
            "project": pa.array(links.project[rows] if rows.size else np.zeros(0, bool)),
            "true_end_month": pa.array(end_month, type=pa.string()),
            "outcome": pa.array(outcome, type=pa.string()),
            "successor_id": pa.array(succ_id, type=pa.string()),
            "successor_registered_on": pa.array(succ_reg, type=pa.date32()),
            "contractor_staff_at_end": pa.array(staff_end, type=pa.int64()),
            "contractor_layoffs_3m": pa.array(lay, type=pa.int64()),
        }
    )
    write_parquet(t, truth_dir / "contract_endings.parquet")
    return table
