"""The wage-arrears register (roadmap item 18): one row per inspection case.

A case is *repaid* when ``repaid_on`` is on or before the as-of date, *overdue* when it is not repaid and
its order's deadline (``order_due_on``) has passed, *open* otherwise. Enforcement status is that of the
latest wage-debt proceeding against the employer opened on or after the case was found (matching by
employer, since the registries share no case number); ``none`` when there is none. Counts and amounts
only: the registry holds no worker identity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from labormap.control.monthly import ControlError, check_region
from labormap.warehouse import Warehouse


@dataclass(frozen=True, slots=True)
class ArrearsCase:
    case_id: str
    employer_bin: str
    employer_name: str
    region: str
    found_on: dt.date
    order_no: str
    order_due_on: dt.date | None
    workers: int
    months: int
    amount_kzt: float
    repaid_kzt: float
    repaid_on: dt.date | None
    state: str  # open, overdue, repaid
    overdue: bool
    overdue_days: int
    enforcement: str  # none or the proceeding's status

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("found_on", "order_due_on", "repaid_on"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def arrears_cases(
    wh: Warehouse, *, region: str | None = None, as_of: dt.date | None = None, since: dt.date | None = None
) -> list[ArrearsCase]:
    """Every arrears case found by ``as_of`` (default: today), newest first; ``since`` limits found_on."""
    region = check_region(region)
    if not wh.exists():
        raise ControlError(f"{wh.root}: not a warehouse (no manifest.json)")
    d = as_of or dt.date.today()
    day = f"DATE '{d.isoformat()}'"
    where = [f"a.found_on <= {day}"]
    if region:
        where.append(f"substr(e.kato, 1, 2) = '{region}'")
    if since:
        where.append(f"a.found_on >= DATE '{since.isoformat()}'")
    con = wh.connect(memory_limit="2GB")
    try:
        rows = con.execute(
            f"""SELECT a.case_id, a.employer_bin, coalesce(e.name, ''), coalesce(substr(e.kato, 1, 2), ''),
                   a.found_on, coalesce(a.order_no, ''), a.order_due_on, a.workers, a.months, a.amount_kzt,
                   CASE WHEN a.repaid_on <= {day} THEN coalesce(a.repaid_kzt, a.amount_kzt) ELSE 0 END,
                   CASE WHEN a.repaid_on <= {day} THEN a.repaid_on END,
                   (SELECT arg_max(x.status, x.opened_on) FROM enforcement x
                     WHERE x.employer_bin = a.employer_bin AND x.opened_on >= a.found_on
                       AND x.opened_on <= {day})
            FROM arrears a LEFT JOIN employers e ON e.bin = a.employer_bin
            WHERE {" AND ".join(where)}
            ORDER BY a.found_on DESC, a.case_id"""
        ).fetchall()
    finally:
        con.close()
    out = []
    for r in rows:
        repaid_on = r[11]
        due = r[6]
        overdue = repaid_on is None and due is not None and due < d
        state = "repaid" if repaid_on is not None else ("overdue" if overdue else "open")
        out.append(
            ArrearsCase(
                case_id=r[0],
                employer_bin=r[1],
                employer_name=r[2],
                region=r[3],
                found_on=r[4],
                order_no=r[5],
                order_due_on=due,
                workers=int(r[7]),
                months=int(r[8]),
                amount_kzt=float(r[9]),
                repaid_kzt=float(r[10] or 0.0),
                repaid_on=repaid_on,
                state=state,
                overdue=overdue,
                overdue_days=(d - due).days if overdue and due else 0,
                enforcement=r[12] or "none",
            )
        )
    return out
