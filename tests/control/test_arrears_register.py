"""The arrears register: states, overdue days, enforcement, region filter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from labormap.control.arrears_register import arrears_cases
from tests.features.tiny import bin_of, employer, new_warehouse, write_run

D = dt.date


def test_register(tmp_path: Path) -> None:
    wh = new_warehouse(tmp_path / "wh")
    arr = [
        {
            "case_id": "A-1",
            "employer_bin": bin_of(1),
            "found_on": D(2025, 1, 10),
            "amount_kzt": 1_000_000.0,
            "workers": 5,
            "months": 2,
            "order_no": "П-1",
            "order_due_on": D(2025, 2, 10),
            "repaid_on": None,
            "repaid_kzt": None,
        },
        {
            "case_id": "A-2",
            "employer_bin": bin_of(1),
            "found_on": D(2025, 3, 1),
            "amount_kzt": 500_000.0,
            "workers": 2,
            "months": 1,
            "order_no": "П-2",
            "order_due_on": D(2025, 4, 1),
            "repaid_on": D(2025, 3, 20),
            "repaid_kzt": 500_000.0,
        },
        {
            "case_id": "B-1",
            "employer_bin": bin_of(2),
            "found_on": D(2025, 4, 1),
            "amount_kzt": 300_000.0,
            "workers": 3,
            "months": 1,
            "order_no": None,
            "order_due_on": None,
            "repaid_on": None,
            "repaid_kzt": None,
        },
    ]
    enf = [
        {
            "proceeding_id": "E-1",
            "employer_bin": bin_of(1),
            "opened_on": D(2025, 3, 1),
            "basis": "inspector_order",
            "amount_kzt": 1_000_000.0,
            "collected_kzt": 0.0,
            "workers": 5,
            "status": "open",
            "closed_on": None,
        }
    ]
    write_run(
        wh,
        {
            "employers": [employer(1, kato="471010000"), employer(2, kato="751010000")],
            "arrears": arr,
            "enforcement": enf,
        },
    )
    cases = {c.case_id: c for c in arrears_cases(wh, as_of=D(2025, 3, 15))}
    assert set(cases) == {"A-1", "A-2"}  # B-1 not found yet
    a1 = cases["A-1"]
    assert (a1.state, a1.overdue, a1.overdue_days, a1.enforcement) == ("overdue", True, 33, "open")
    assert cases["A-2"].state == "open" and cases["A-2"].repaid_kzt == 0.0  # repaid only on 20 March
    later = {c.case_id: c for c in arrears_cases(wh, as_of=D(2025, 5, 1))}
    assert later["A-2"].state == "repaid" and later["A-2"].repaid_kzt == 500_000.0
    assert later["B-1"].state == "open" and later["B-1"].enforcement == "none"
    assert [c.case_id for c in arrears_cases(wh, region="75", as_of=D(2025, 5, 1))] == ["B-1"]


def test_daily_note_section(tmp_path: Path) -> None:
    from labormap.control.daily import arrears_news, section
    from labormap.reports.model import Table

    wh = new_warehouse(tmp_path / "wh")
    arr = [
        {
            "case_id": "N-1",
            "employer_bin": bin_of(1),
            "found_on": D(2025, 5, 20),
            "amount_kzt": 100.0,
            "workers": 1,
            "months": 1,
            "order_no": None,
            "order_due_on": None,
            "repaid_on": None,
            "repaid_kzt": None,
        },
        # order due 19 May, unpaid on 20 May: overdue in a note for 20 May
        {
            "case_id": "O-1",
            "employer_bin": bin_of(1),
            "found_on": D(2025, 4, 1),
            "amount_kzt": 200.0,
            "workers": 2,
            "months": 1,
            "order_no": "П-9",
            "order_due_on": D(2025, 5, 19),
            "repaid_on": None,
            "repaid_kzt": None,
        },
        {
            "case_id": "X-1",
            "employer_bin": bin_of(1),
            "found_on": D(2025, 4, 1),
            "amount_kzt": 200.0,
            "workers": 2,
            "months": 1,
            "order_no": "П-8",
            "order_due_on": D(2025, 5, 1),
            "repaid_on": None,
            "repaid_kzt": None,
        },
    ]
    write_run(wh, {"employers": [employer(1)], "arrears": arr})
    con = wh.connect()
    rows = arrears_news(con, "true", D(2025, 5, 20), D(2025, 5, 20))
    assert [(r.event, r.case_id) for r in rows] == [("new", "N-1"), ("overdue", "O-1")]
    blocks = section(rows, "kk")
    table = blocks[1]
    assert isinstance(table, Table) and len(table.rows) == 2 and table.rows[0][0] == "жаңа іс"
