"""What the agreements checks share: half-years, the division→section map, the warehouse connection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from labormap.reference.oked import _DIVISION_TO_SECTION
from labormap.reference.regions import REGIONS
from labormap.warehouse import Warehouse

HALF_RE = re.compile(r"^(\d{4})-H([12])$")


class AgreementsError(ValueError):
    """Bad input to an agreements check (shown to the user as a message, never as a traceback)."""


@dataclass(frozen=True)
class Half:
    """A calendar half-year: the period of the ministry's semi-annual check (Roadmap item 2)."""

    year: int
    half: int

    @classmethod
    def parse(cls, text: str) -> Half:
        m = HALF_RE.match(text.strip())
        if not m:
            raise AgreementsError(f"{text!r}: expected YYYY-H1 or YYYY-H2")
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def first(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def last(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def periods(self) -> list[str]:
        m0 = 1 if self.half == 1 else 7
        return [f"{self.year}-{m:02d}" for m in range(m0, m0 + 6)]

    def previous(self) -> Half:
        return Half(self.year, 1) if self.half == 2 else Half(self.year - 1, 2)


def check_region(region: str | None) -> str | None:
    if region is None or region == "":
        return None
    if region not in REGIONS:
        raise AgreementsError(f"unknown region code {region!r} (2-digit КАТО)")
    return region


def connect(warehouse: Path | str) -> duckdb.DuckDBPyConnection:
    """DuckDB over the warehouse's registry views plus ``oked_divisions`` (division → section)."""
    wh = Warehouse(warehouse)
    if not Path(warehouse).is_dir() or not wh.exists():
        raise AgreementsError(f"{warehouse}: not a LaborMap warehouse")
    con = wh.connect(threads=2)
    prepare(con)
    return con


# Columns added to the registries for these checks (issue 19): a warehouse loaded before them lacks them,
# so the checks read ``ag_<registry>`` views that add them as NULL where missing.
ADDED_COLUMNS: dict[str, dict[str, str]] = {
    "contracts": {"grade": "BIGINT"},
    "sector_agreements": {"oked_division": "VARCHAR", "indexation_clause": "BOOLEAN"},
}


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """``oked_divisions`` (division → section) and the ``ag_contracts`` / ``ag_sector_agreements`` views."""
    register_divisions(con)
    for view, cols in ADDED_COLUMNS.items():
        have = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}
        extra = "".join(f", CAST(NULL AS {t}) AS {c}" for c, t in cols.items() if c not in have)
        con.execute(f"CREATE OR REPLACE TEMP VIEW ag_{view} AS SELECT *{extra} FROM {view}")


def register_divisions(con: duckdb.DuckDBPyConnection) -> None:
    divs = sorted(_DIVISION_TO_SECTION)
    con.register(
        "oked_divisions",
        pa.table(
            {
                "division": pa.array([f"{d:02d}" for d in divs], pa.string()),
                "section": pa.array([_DIVISION_TO_SECTION[d] for d in divs], pa.string()),
            }
        ),
    )


def month_end(first: date) -> date:
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def latest_halves(con: duckdb.DuckDBPyConnection, n: int = 1) -> list[Half]:
    """The last ``n`` half-years for which the warehouse holds payments (oldest first)."""
    rows = con.execute("SELECT DISTINCT substr(period, 1, 4), substr(period, 6, 2) FROM payments").fetchall()
    halves = sorted({Half(int(y), 1 if int(m) <= 6 else 2) for y, m in rows}, key=lambda h: (h.year, h.half))
    return halves[-n:]
