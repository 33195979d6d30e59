from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from labormap.cli import app
from labormap.response import propose_hearings
from labormap.response.candidates import hearing_candidates
from labormap.response.dataset import load_levels
from labormap.warehouse import Warehouse
from tests.reports.world import D_NOW, D_PREV, EMPS, SNAPSHOTS, build_world, make_bin


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    return build_world(Path(tmp_path_factory.mktemp("rworld")))


def test_hearing_candidates_from_the_latest_snapshot(world: Warehouse) -> None:
    snap, cands = hearing_candidates(world, date(2025, 11, 30))
    assert snap == D_NOW
    high = {make_bin(n) for n, _, lv in SNAPSHOTS[D_NOW] if lv == "high"}
    assert {c.employer_bin for c in cands} == high
    by_bin = {c.employer_bin: c for c in cands}
    assert by_bin[make_bin(2)].open_conflict and not by_bin[make_bin(1)].open_conflict
    assert (
        by_bin[make_bin(1)].region == "47"
        and by_bin[make_bin(1)].reasons[0] == "Задолженность по зарплате #1"
    )
    props = propose_hearings(cands, {}, D_NOW, per_region=1)
    # Mangystau: employer 2 has an open strike, so it comes first in its region
    assert props["47"][0].candidate.employer_bin == make_bin(2)
    assert set(props) == {e.kato[:2] for e in EMPS if make_bin(e.n) in high}


def test_scope_and_as_of(world: Warehouse) -> None:
    _, cands = hearing_candidates(world, D_PREV, frozenset({make_bin(2), make_bin(5)}))
    assert [c.employer_bin for c in cands] == [make_bin(2)]  # employer 5 was moderate on 23.11
    assert hearing_candidates(world, date(2020, 1, 1)) == (None, [])


def test_levels_are_read_only_for_the_asked_employers(world: Warehouse) -> None:
    lv = load_levels(world, [D_PREV, D_NOW, date(2021, 1, 1)], [make_bin(3)])
    assert lv == {D_PREV: {make_bin(3): "high"}, D_NOW: {make_bin(3): "elevated"}}


def test_response_cli(world: Warehouse) -> None:
    r = CliRunner()
    res = r.invoke(app, ["response", "hearings", "--warehouse", str(world.root), "--as-of", "2025-11-24"])
    assert res.exit_code == 0, res.output
    assert "Мангистауская" in res.output
    res = r.invoke(
        app,
        [
            "response",
            "plan",
            "--kind",
            "strike",
            "--cause",
            "wage_arrears",
            "--group",
            "contractor_staff",
            "--workers",
            "300",
            "--opened",
            "2025-12-12",
        ],
    )
    assert res.exit_code == 0 and "cause.wage_arrears.contractor_large" in res.output
    res = r.invoke(app, ["response", "playbook"])
    assert res.exit_code == 0 and "form.prevention" in res.output
