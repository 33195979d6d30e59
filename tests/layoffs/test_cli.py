"""The ``labormap layoffs`` commands: the exact JSON of ``expected``, the other commands, clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from labormap.cli import app
from tests.features.tiny import bin_of
from tests.layoffs import handmade as hm

runner = CliRunner()


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory):
    return hm.build(Path(tmp_path_factory.mktemp("wh")))


def test_expected_json(wh, tmp_path: Path) -> None:
    out = tmp_path / "e.json"
    r = runner.invoke(app, ["layoffs", "expected", "--warehouse", str(wh.root), "--json", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"as_of", "months", "customers"}
    assert data["as_of"] == "2025-12-31"  # the latest scores snapshot
    assert data["months"][0] == {"month": "2026-01", "workers": 100, "contracts": 1}
    assert all(set(m) == {"month", "workers", "contracts"} for m in data["months"])
    assert data["customers"][0] == {
        "customer_bin": bin_of(hm.CUSTOMER),
        "contractors": 3,
        "workers_ending_6m": 103,
    }
    r = runner.invoke(
        app, ["layoffs", "expected", "--warehouse", str(wh.root), "--as-of", "2026-02-05", "--json", str(out)]
    )
    assert r.exit_code == 0 and json.loads(out.read_text())["as_of"] == "2026-02-05"


def test_other_commands(wh, tmp_path: Path) -> None:
    for cmd in ("terms", "lowpay"):
        out = tmp_path / f"{cmd}.json"
        r = runner.invoke(app, ["layoffs", cmd, "--warehouse", str(wh.root), "--json", str(out)])
        assert r.exit_code == 0, r.output
        assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2025-12-31"
    for lang, title in (("ru", "Справка"), ("kk", "анықтама"), ("en", "Note on expected releases")):
        out = tmp_path / f"note-{lang}.docx"
        r = runner.invoke(
            app, ["layoffs", "note", "--warehouse", str(wh.root), "--lang", lang, "--out", str(out)]
        )
        assert r.exit_code == 0, r.output
        text = "\n".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
        assert title in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--warehouse", "/nonexistent/wh"], "not a warehouse"),
        (["--as-of", "31.12.2025"], "YYYY-MM-DD"),
        (["--region", "Mangystau"], "2-digit"),
    ],
)
def test_bad_input(wh, tmp_path: Path, args: list[str], message: str) -> None:
    base = ["layoffs", "expected", "--warehouse", str(wh.root), "--json", str(tmp_path / "x.json")]
    r = runner.invoke(app, base + args)
    assert r.exit_code != 0 and message in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
