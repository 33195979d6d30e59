"""Every rule on hand-made cases: exact findings, coverage and completeness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from labormap.agreements import Half, completeness, compliance, coverage
from labormap.agreements.common import connect
from labormap.cli import app
from tests.agreements import world


def test_exact_findings(agreements_wh: Path) -> None:
    res = compliance(connect(agreements_wh), Half.parse(world.HALF))
    got: dict[str, Any] = res.as_json()
    got["findings"].sort(key=lambda f: (f["employer_bin"], f["kind"]))
    assert got == world.EXPECTED
    assert res.months_covered == 6
    assert res.employers_checked == 8


def test_region_filter(agreements_wh: Path) -> None:
    res = compliance(connect(agreements_wh), Half.parse(world.HALF), region="47")
    assert {f.employer_bin for f in res.findings} == {world.make_bin(4), world.make_bin(6)}


def test_bins_filter(agreements_wh: Path) -> None:
    res = compliance(connect(agreements_wh), Half.parse(world.HALF), bins=[world.make_bin(3)])
    assert [f.kind for f in res.findings] == ["below_sector_tariff", "below_ca_tariff", "no_hazard_bonus"]


def test_cli_json_exact(agreements_wh: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.json"
    xlsx = tmp_path / "f.xlsx"
    r = CliRunner().invoke(
        app,
        [
            "agreements",
            "compliance",
            "--warehouse",
            str(agreements_wh),
            "--half",
            "2025-H2",
            "--json",
            str(out),
            "--out",
            str(xlsx),
        ],
    )
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"half", "findings"}
    assert all(set(f) == {"employer_bin", "kind", "workers", "shortfall_kzt_month"} for f in data["findings"])
    data["findings"].sort(key=lambda f: (f["employer_bin"], f["kind"]))
    assert data == world.EXPECTED
    assert xlsx.stat().st_size > 0


def test_cli_bad_input(agreements_wh: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (
        ["--half", "2025-H3"],
        ["--half", "2025-H2", "--region", "99"],
        ["--half", "2019-H1"],
    ):
        r = runner.invoke(
            app,
            [
                "agreements",
                "compliance",
                "--warehouse",
                str(agreements_wh),
                *args,
                "--json",
                str(tmp_path / "x.json"),
            ],
        )
        assert r.exit_code != 0
        assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
        assert "error:" in r.output
    r = runner.invoke(
        app,
        [
            "agreements",
            "compliance",
            "--warehouse",
            str(tmp_path / "none"),
            "--half",
            "2025-H2",
            "--json",
            str(tmp_path / "x.json"),
        ],
    )
    assert r.exit_code != 0 and "error:" in r.output


def test_coverage(agreements_wh: Path) -> None:
    cov = coverage(connect(agreements_wh), Half.parse(world.HALF))
    sec = {(s.level, s.code): s for s in cov.sectors}
    assert sec["section", "C"].covered and sec["section", "F"].covered
    assert not sec["section", "G"].covered
    assert sec["section", "G"].employers_uncovered == 2 and sec["section", "G"].workers_uncovered == 5
    assert sec["division", "24"].agreements == ("SA-C", "SA-C24")
    assert not sec["division", "47"].covered
    reg = {r.region: r for r in cov.regions}
    assert reg["75"].covered and reg["47"].covered and not reg["35"].covered
    # E7 (trade in Karaganda) has neither a sectoral nor a regional agreement; E6 has the regional one
    assert (reg["35"].employers_no_agreement, reg["35"].workers_no_agreement) == (1, 1)
    assert reg["47"].employers_no_agreement == 0
    assert reg["75"].employers == 4  # E1, E2, E3, E8


def test_completeness(agreements_wh: Path) -> None:
    rows = {c.agreement_id: c for c in completeness(connect(agreements_wh), Half.parse(world.HALF))}
    assert set(rows) == {"SA-C", "SA-C24", "SA-F"}  # SA-G ran in 2024 only; RA/GA are not sectoral
    assert rows["SA-C"].gaps == [] and rows["SA-C24"].gaps == []
    assert rows["SA-F"].gaps == ["inter_grade", "hazard_bonus", "indexation"]


def test_warehouse_loaded_before_the_new_columns(agreements_wh: Path, tmp_path: Path) -> None:
    """A warehouse whose contracts and sector agreements predate grade / division / indexation still works."""
    import pyarrow.parquet as pq

    from labormap.warehouse import Warehouse

    old, new = Warehouse(agreements_wh), Warehouse(tmp_path / "old")
    (tmp_path / "old").mkdir()
    drop = {"contracts": ["grade"], "sector_agreements": ["oked_division", "indexation_clause"]}
    for reg in (
        "employers",
        "payments",
        "contracts",
        "contract_events",
        "sector_agreements",
        "collective_agreements",
    ):
        run = new.new_run_id()
        d = new.data_dir(reg) / f"run={run}"
        d.mkdir(parents=True)
        for i, f in enumerate(old.registry_files(reg)):
            table = pq.read_table(f)
            pq.write_table(
                table.drop_columns([c for c in drop.get(reg, []) if c in table.column_names]),
                d / f"part-{i}.parquet",
            )
        new.commit_run({"run_id": run, "registries": [reg]})
    res = compliance(connect(tmp_path / "old"), Half.parse(world.HALF))
    # without grades the inter-grade coefficients no longer apply; the rest is found as before
    assert {(f.employer_bin, f.kind) for f in res.findings} >= {
        (world.make_bin(2), "no_hazard_bonus"),
        (world.make_bin(6), "below_sector_tariff"),
    }
    checklists = completeness(connect(tmp_path / "old"), Half.parse(world.HALF))
    assert all("indexation" in c.gaps for c in checklists)  # unknown clause = a gap
