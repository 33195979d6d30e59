"""The demo step of the control cycle on a small simulated world (planted discipline problems)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import make_user


@pytest.fixture(scope="module")
def sim_wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from labormap.ingest.pipeline import ingest_drop
    from labormap.simulate import simulate
    from labormap.warehouse import Warehouse

    out = tmp_path_factory.mktemp("ctldemo")
    simulate(out / "sim", employers=400, start="2024-01", end="2025-12", seed=3)
    ingest_drop(out / "sim" / "registries", Warehouse(out / "wh"), today=dt.date(2026, 1, 5))
    return out / "wh"


def test_run_demo(db: Any, sim_wh: Path, tmp_path: Path) -> None:
    from labormap.warehouse import Warehouse
    from labormap.web.control.demo import run_demo
    from labormap.web.control.models import Notice
    from labormap.web.employers.models import Employer

    con = Warehouse(sim_wh).connect()
    rows = con.execute("SELECT bin, name, substr(kato, 1, 2) FROM employers").fetchall()
    con.close()
    Employer.objects.bulk_create([Employer(bin=b, name=n, region=r) for b, n, r in rows])
    make_user("ministry", "ministry_admin", "country")
    make_user("inspector-47", "inspector", "region", regions="47")
    lines = run_demo(sim_wh, tmp_path / "reports")
    text = "\n".join(lines)
    assert "letters for 2025-08" in text and "self-correction by the due date" in text
    assert Notice.objects.filter(region="47", issued_by__username="inspector-47").exists()
    assert Notice.objects.exclude(region="47").filter(issued_by__username="ministry").exists()
    assert not Notice.objects.filter(outcome="").exists()  # every letter judged (or pending)
    assert (tmp_path / "reports" / "control-letters-47-2025-08.zip").exists()
