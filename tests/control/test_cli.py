"""The control CLI end to end on the hand-made warehouse: monthly → notices → selfcorrection → summary, arrears."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from labormap.cli import app
from tests.control.handmade import build


def _run(*args: str) -> str:
    r = CliRunner().invoke(app, ["control", *args])
    assert r.exit_code == 0, r.output
    return r.output


def test_cycle(tmp_path: Path) -> None:
    wh = str(build(tmp_path / "wh").root)
    f = tmp_path / "f.json"
    _run("monthly", "--warehouse", wh, "--month", "2025-03", "--json", str(f), "--as-of", "2025-06-01")
    reg = tmp_path / "register.json"
    z = tmp_path / "letters.zip"
    out = _run(
        "notices",
        "--warehouse",
        wh,
        "--findings",
        str(f),
        "--out",
        str(z),
        "--region",
        "47",
        "--due-on",
        "2025-06-10",
        "--register",
        str(reg),
        "--lang",
        "kk",
    )
    assert "1 letters" in out  # employer 1 (employer 3 of region 47 has no findings)
    names = zipfile.ZipFile(io.BytesIO(z.read_bytes())).namelist()
    assert "register.csv" in names and len(names) == 2
    assert list(json.loads(reg.read_text()).values()) == [1]
    # a second batch continues the numbering
    _run(
        "notices",
        "--warehouse",
        wh,
        "--findings",
        str(f),
        "--out",
        str(z),
        "--kind",
        "payments_stopped",
        "--register",
        str(reg),
    )
    assert sorted(json.loads(reg.read_text()).values()) == [1, 1]  # 75-… starts its own numbering
    refs = [
        {
            "employer_bin": x["employer_bin"],
            "kind": x["kind"],
            "month": "2025-03",
            "notified_on": "2025-05-10",
            "due_on": "2025-06-10",
        }
        for x in json.loads(f.read_text())["findings"]
    ]
    (tmp_path / "n.json").write_text(json.dumps(refs))
    sc = tmp_path / "sc.json"
    out = _run(
        "selfcorrection",
        "--warehouse",
        wh,
        "--notices",
        str(tmp_path / "n.json"),
        "--json",
        str(sc),
        "--as-of",
        "2025-07-01",
    )
    assert "14 notified, 0 corrected" in out  # late ЕСУТД kinds: no April entries → pending
    _run(
        "summary",
        "--warehouse",
        wh,
        "--month",
        "2025-03",
        "--out",
        str(tmp_path / "s.xlsx"),
        "--selfcorrection",
        str(sc),
        "--lang",
        "en",
    )
    parts = zipfile.ZipFile(tmp_path / "s.xlsx").namelist()
    assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml"} <= set(parts)  # by kind and by region
    a = tmp_path / "a.json"
    _run("arrears", "--warehouse", wh, "--json", str(a))
    assert json.loads(a.read_text()) == []


def test_bad_inputs(tmp_path: Path) -> None:
    wh = str(build(tmp_path / "wh").root)
    r = CliRunner().invoke(
        app,
        [
            "control",
            "notices",
            "--warehouse",
            wh,
            "--findings",
            str(tmp_path / "none.json"),
            "--out",
            str(tmp_path / "x.zip"),
        ],
    )
    assert r.exit_code != 0 and "--findings" in r.output
    r = CliRunner().invoke(
        app, ["control", "summary", "--warehouse", wh, "--month", "2025-03", "--out", str(tmp_path / "x.pdf")]
    )
    assert r.exit_code != 0 and ".xlsx" in r.output
