"""The daily cycle end to end on a small simulated drop: ingest → media → score → publish → note;
idempotent, locked (exit 3), resumable at the failed stage, failed drops set aside with the reason."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from labormap.cli import app
from labormap.ops import state
from labormap.ops.daily import Cycle, Options, StageFailed
from labormap.warehouse import Warehouse

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from labormap.simulate import simulate

    out = tmp_path_factory.mktemp("world")
    simulate(out, employers=40, start="2024-01", end="2025-12", seed=3)
    return out / "registries"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """An inbox, a warehouse path and an app database of the test's own (children inherit the env)."""
    monkeypatch.setenv("LABORMAP_DATA_DIR", str(tmp_path / "app"))
    monkeypatch.setenv("LABORMAP_EMAIL_URL", "console://")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return {"inbox": inbox, "wh": tmp_path / "wh", "app": tmp_path / "app"}


def drop(registries: Path, inbox: Path, name: str) -> Path:
    dest = inbox / name
    shutil.copytree(registries, dest)
    return dest


def labormap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "labormap", *args], capture_output=True, text=True, check=False
    )


def test_cycle_end_to_end_then_nothing_new(registries: Path, env: dict[str, Path]) -> None:
    assert labormap("web", "migrate").returncode == 0
    drop(registries, env["inbox"], "2025-12-31-full")
    result = Cycle(Options(env["wh"], env["inbox"])).execute()
    assert set(result) >= {"drops", "as_of", "scored", "published", "alerts"}
    assert [d["status"] for d in result["drops"]] == ["done"]
    assert result["drops"][0]["loaded"] > 0
    assert result["scored"] == result["published"] > 0
    done = env["inbox"] / "done" / "2025-12-31-full"
    assert (done / "ingest-report.json").exists() and not (env["inbox"] / "2025-12-31-full").exists()
    wh = Warehouse(env["wh"])
    run = state.load_runs(wh)[0]
    assert run["status"] == "done" and all(s["status"] == "done" for s in run["stages"].values())
    assert (state.ops_dir(wh) / "notes" / f"daily-{result['as_of']}.docx").exists()
    assert state.current(wh) is None
    # the second run with nothing new changes nothing and says so
    before = sorted(p.name for p in state.runs_dir(wh).iterdir())
    again = CliRunner().invoke(
        app,
        [
            "daily",
            "--warehouse",
            str(env["wh"]),
            "--inbox",
            str(env["inbox"]),
            "--json",
            str(env["app"] / "s.json"),
        ],
    )
    assert again.exit_code == 0, again.output
    assert "nothing new" in again.output
    assert json.loads((env["app"] / "s.json").read_text())["changed"] is False
    assert sorted(p.name for p in state.runs_dir(wh).iterdir()) == before


def test_concurrent_run_exits_3(env: dict[str, Path]) -> None:
    wh = Warehouse(env["wh"])
    with state.lock(wh):
        res = CliRunner().invoke(app, ["daily", "--warehouse", str(env["wh"]), "--inbox", str(env["inbox"])])
    assert res.exit_code == 3
    assert "another daily run is in progress" in res.output


def test_resume_at_the_failed_stage(registries: Path, env: dict[str, Path], tmp_path: Path) -> None:
    fake = tmp_path / "fail_score.py"
    fake.write_text(
        "import sys\nfrom labormap.cli import main\n"
        "if sys.argv[1] == 'score':\n    print('disk full', file=sys.stderr); sys.exit(1)\n"
        "main()\n",
        encoding="utf-8",
    )
    drop(registries, env["inbox"], "d1")
    failing = Options(env["wh"], env["inbox"], publish=False, command=(sys.executable, str(fake)))
    with pytest.raises(StageFailed, match="score: disk full"):
        Cycle(failing).execute()
    wh = Warehouse(env["wh"])
    failed = state.current(wh)
    assert failed is not None and failed["failed_stage"] == "score"
    assert failed["stages"]["ingest"]["status"] == "done" and failed["stages"]["media"]["status"] == "done"
    ingested = len(wh.runs())
    # the next run resumes the same run at "score": ingest is not repeated
    result = Cycle(Options(env["wh"], env["inbox"], publish=False)).execute()
    assert result["run_id"] == failed["run_id"] and result["status"] == "done"
    assert len(wh.runs()) == ingested
    assert result["scored"] > 0 and state.current(wh) is None


def test_a_bad_drop_goes_to_failed_and_the_rest_loads(
    registries: Path, env: dict[str, Path], monkeypatch: Any
) -> None:
    import labormap.ingest as ingest_pkg

    real = ingest_pkg.ingest_drop

    def picky(d: Path, wh: Warehouse, **kw: Any) -> dict[str, Any]:
        if d.name == "a-broken":
            raise OSError("cannot read the drop")
        return real(d, wh, **kw)

    monkeypatch.setattr(ingest_pkg, "ingest_drop", picky)
    (env["inbox"] / "a-broken").mkdir()
    drop(registries, env["inbox"], "b-good")
    result = Cycle(Options(env["wh"], env["inbox"], publish=False)).execute()
    status = {d["name"]: d for d in result["drops"]}
    assert status["a-broken"]["status"] == "failed" and "cannot read the drop" in status["a-broken"]["reason"]
    assert (env["inbox"] / "failed" / "a-broken" / "FAILED.txt").exists()
    assert status["b-good"]["status"] == "done" and result["scored"] > 0


def test_cli_rejects_a_missing_inbox(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        app, ["daily", "--warehouse", str(tmp_path / "wh"), "--inbox", str(tmp_path / "no")]
    )
    assert res.exit_code == 2 and "not a folder" in " ".join(res.output.replace("│", " ").split())
