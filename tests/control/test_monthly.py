"""Exact monthly findings on hand-made warehouses, with each year's rates and caps."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from labormap.control.kinds import FINDING_KINDS
from labormap.control.monthly import ControlError, monthly_control
from labormap.i18n import missing
from tests.control.handmade import EXPECTED_2025_03, build, build_old_years
from tests.features.tiny import bin_of


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory):
    return build(tmp_path_factory.mktemp("ctl") / "wh")


def _as_map(res) -> dict[tuple[int, str], tuple[int, float, int]]:
    by_bin = {bin_of(i): i for i in range(1, 6)}
    return {(by_bin[f.employer_bin], f.kind): (f.workers, f.amount_kzt, f.days_late) for f in res.findings}


def test_exact_findings_2025(wh) -> None:
    res = monthly_control(wh, "2025-03", as_of=dt.date(2025, 6, 1))
    assert res.deadline == dt.date(2025, 4, 25)
    assert res.final
    assert _as_map(res) == EXPECTED_2025_03
    assert res.totals["employers_checked"] == 3
    assert res.totals["findings"] == len(EXPECTED_2025_03)


def test_region_filter(wh) -> None:
    res = monthly_control(wh, "2025-03", region="75", as_of=dt.date(2025, 6, 1))
    assert _as_map(res) == {(2, "payments_stopped"): (2, 44_000.0, 37)}
    res47 = monthly_control(wh, "2025-03", region="47", as_of=dt.date(2025, 6, 1))
    assert (2, "payments_stopped") not in _as_map(res47)
    assert len(res47.findings) == len(EXPECTED_2025_03) - 1


def test_as_of_before_deadline_is_provisional(wh) -> None:
    # On 21 April the late payment of C and the late ЕСУТД entries after that date are unknown; the month
    # is not final, so no payments_stopped yet.
    res = monthly_control(wh, "2025-03", as_of=dt.date(2025, 4, 21))
    kinds = {f.kind for f in res.findings}
    assert not res.final
    assert "payments_stopped" not in kinds
    assert not any(k.endswith("_late") and not k.startswith("esutd") for k in kinds)


def test_rates_and_caps_of_other_years(tmp_path: Path) -> None:
    wh = build_old_years(tmp_path / "wh")
    r19 = monthly_control(wh, "2019-06")
    assert _as_map(r19) == {(4, "opv_short"): (1, 18_750.0, 0)}
    r23 = monthly_control(wh, "2023-06")
    assert _as_map(r23) == {(4, "oosms_short"): (1, 1_000.0, 0)}


def test_bad_input(wh, tmp_path: Path) -> None:
    with pytest.raises(ControlError):
        monthly_control(wh, "2025-13")
    with pytest.raises(ControlError):
        monthly_control(wh, "2025-03", region="4")
    from labormap.cli import app

    r = CliRunner().invoke(
        app,
        [
            "control",
            "monthly",
            "--warehouse",
            str(wh.root),
            "--month",
            "March",
            "--json",
            str(tmp_path / "x.json"),
        ],
    )
    assert r.exit_code != 0 and "YYYY-MM" in r.output
    r = CliRunner().invoke(
        app,
        [
            "control",
            "monthly",
            "--warehouse",
            str(tmp_path / "none"),
            "--month",
            "2025-03",
            "--json",
            str(tmp_path / "x.json"),
        ],
    )
    assert r.exit_code != 0 and "not a warehouse" in r.output


def test_cli_json_shape_and_xlsx(wh, tmp_path: Path) -> None:
    from labormap.cli import app

    js, xl = tmp_path / "f.json", tmp_path / "f.xlsx"
    r = CliRunner().invoke(
        app,
        [
            "control",
            "monthly",
            "--warehouse",
            str(wh.root),
            "--month",
            "2025-03",
            "--region",
            "47",
            "--json",
            str(js),
            "--out",
            str(xl),
            "--as-of",
            "2025-06-01",
        ],
    )
    assert r.exit_code == 0, r.output
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["month"] == "2025-03" and data["deadline"] == "2025-04-25"
    assert set(data) == {"month", "deadline", "findings", "totals"}
    assert data["totals"]["final"] is True and data["totals"]["region"] == "47"
    assert {tuple(sorted(f)) for f in data["findings"]} == {
        ("amount_kzt", "days_late", "employer_bin", "kind", "workers")
    }
    assert {f["kind"] for f in data["findings"]} <= set(FINDING_KINDS)
    assert data["totals"]["findings"] == len(data["findings"])
    wb = openpyxl.load_workbook(xl)
    assert len(wb.sheetnames) >= 3
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    assert "ВОСМС" in text and "opv_" not in text  # labels, never raw codes
    for w in ("A", "B", "C", "D"):  # no worker identity anywhere
        assert f" {w} " not in f" {text} "


def test_every_kind_has_labels() -> None:
    assert missing("control_kind", FINDING_KINDS) == []
