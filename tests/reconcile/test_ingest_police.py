"""Ingest rules of police_cases: Russian wording of decisions accepted, unknown ones and a decision before
registration quarantined with their reasons."""

from __future__ import annotations

from pathlib import Path

from labormap.ingest import ingest_drop
from labormap.warehouse import Warehouse
from tests.ingest.factories import bins, employer_row

HEADER = "case_no,employer_bin,registered_on,article,decision,decision_on,amount_kzt,order_no"


def test_police_cases_ingest(tmp_path: Path) -> None:
    (b,) = bins(1)
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "employers.csv").write_text(
        "bin,name,legal_form,oked,kato,status,lat,lon\n" + ",".join(employer_row(b)) + "\n", encoding="utf-8"
    )
    rows = [
        f"K1,{b},2025-03-01,152 ч.3 УК РК,Направлено в суд,2025-04-01,100000,47-2025-П00001",
        f"K2,{b},01.03.2025,152 ч.3 УК РК,initiated,01.03.2025,,",
        f"K3,{b},2025-03-01,152 ч.3 УК РК,закрыто,2025-04-01,1,47-2025-П00002",  # not a decision code
        f"K4,{b},2025-03-01,152 ч.3 УК РК,refused,2025-02-01,1,47-2025-П00003",  # decided before registered
    ]
    (drop / "police_cases.csv").write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wh = Warehouse(tmp_path / "wh")
    rep = ingest_drop(drop, wh)["registries"]["police_cases"]
    assert (rep["loaded"], rep["quarantined"]) == (2, 2)
    assert rep["reasons"] == {"unknown_code": 1, "end_before_start": 1}
    con = wh.connect()
    got = dict(con.execute("SELECT case_no, decision FROM police_cases").fetchall())
    con.close()
    assert got == {"K1": "sent_to_court", "K2": "initiated"}
