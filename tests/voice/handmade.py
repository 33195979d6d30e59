"""A hand-made warehouse for the voice tests: employer 1 with 9 sheets, employer 2 with 10 in 2026-H2;
employer 2 also had 10 sheets in 2026-H1. Both employers are in region 47, sector B (oked 06100)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from labormap.warehouse import Warehouse
from tests.features.tiny import bin_of, employer, new_warehouse, write_run

WAVE = "2026-H2"
PREV = "2026-H1"


def sheet(emp: int, sid: str, wave: str, value: int, day: dt.date | None = None) -> dict[str, Any]:
    qs = ("q_pay", "q_pay_on_time", "q_conditions", "q_safety", "q_management", "q_job_security", "q_voice")
    row: dict[str, Any] = {q: value for q in qs}
    row.update(
        sheet_id=sid,
        employer_bin=bin_of(emp),
        wave=wave,
        answered_on=day or (dt.date(2026, 11, 2) if wave.endswith("H2") else dt.date(2026, 5, 4)),
        q_protest=2,
    )
    return row


def build(root: Path) -> Warehouse:
    wh = new_warehouse(root)
    sheets = [sheet(1, f"A{i}", WAVE, 2) for i in range(9)]
    sheets += [sheet(2, f"B{i}", WAVE, 4) for i in range(10)]  # index (4-1)/4*100 = 75
    sheets += [sheet(2, f"P{i}", PREV, 3) for i in range(10)]  # index 50 → change +25
    emps = [employer(1), employer(2), employer(3, kato="231010000"), employer(4)]  # 4: no answers yet
    write_run(wh, {"employers": emps, "surveys": sheets})
    return wh
