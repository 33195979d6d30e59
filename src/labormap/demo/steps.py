"""The demo pipeline: synthetic nation → ingest → media → model and scores → backtest → reports → web app.

Each step records a marker when it finishes, so a second ``make demo`` reuses what the first built and
goes straight to serving. Steps call the same commands an operator would type (in-process), so the demo
exercises exactly the production code paths. A step whose package is not part of this build is skipped.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

# The boundaries file of the shared folder (OSM, ODbL): used when present, never copied into the repo.
# The checkout's parent holds shared/ (as in CI's clean clone): <parent>/<checkout>/src/labormap/demo/steps.py.
SHARED_GEOJSON = Path(__file__).resolve().parents[4] / "shared" / "geo" / "kz-regions.geojson"


@dataclass
class DemoPaths:
    root: Path

    @property
    def world(self) -> Path:
        return self.root / "world"

    @property
    def drop(self) -> Path:
        return self.world / "registries"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse"

    @property
    def app_data(self) -> Path:
        return self.root / "app"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def ingest_report(self) -> Path:
        return self.root / "ingest-report.json"

    def marker(self, step: str) -> Path:
        return self.root / f".done-{step}"


def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def run_step(
    paths: DemoPaths, name: str, fn: Callable[[], Any], console: Console, *, force: bool = False
) -> bool:
    """Run a step unless its marker says it is built; the marker is written only after success."""
    marker = paths.marker(name)
    if marker.exists() and not force:
        console.print(f"[dim]✓ {name}: already built ({marker.read_text().strip()})[/]")
        return False
    t = time.perf_counter()
    console.rule(f"[bold]{name}")
    fn()
    secs = time.perf_counter() - t
    marker.write_text(f"{secs:.1f} s at {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    console.print(f"[green]✓ {name}[/] in {secs:.1f} s")
    return True


class StepFailed(RuntimeError):
    """A ``labormap`` command of the demo ended with a non-zero exit status."""

    def __init__(self, args: tuple[str, ...], exit_code: int) -> None:
        super().__init__(f"`labormap {' '.join(args)}` exited with status {exit_code}")
        self.exit_code = exit_code


def cli(*args: str | Path) -> None:
    """Run a ``labormap`` command in-process, as an operator would type it; a non-zero exit raises.

    With ``standalone_mode=False`` Click *returns* the status of ``typer.Exit(n)`` instead of exiting, so
    it must be checked here: ignoring it let a failed step pass silently (a failed `train` made the demo
    fall back to the scorecard without saying why).
    """
    from labormap.cli import app

    argv = tuple(str(a) for a in args)
    code = app(list(argv), standalone_mode=False)
    if isinstance(code, int) and code != 0:
        raise StepFailed(argv, code)


def ingest_world(paths: DemoPaths, console: Console) -> None:
    from labormap.ingest import ingest_drop
    from labormap.ingest.cli import print_report
    from labormap.warehouse import Warehouse

    rep = ingest_drop(paths.drop, Warehouse(paths.warehouse), progress=True)
    paths.ingest_report.write_text(
        json.dumps(rep, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    print_report(rep, console)


def train_model(paths: DemoPaths, console: Console) -> None:
    from labormap.risk.cli import NO_MODEL_EXIT

    try:
        cli("train", "--warehouse", paths.warehouse)
    except StepFailed as e:
        # Too few conflicts to learn from is a legitimate outcome: scoring falls back to the scorecard.
        # Any other failure is a real error and stops the demo.
        if e.exit_code != NO_MODEL_EXIT:
            raise
        console.print(
            "[yellow]no model trained (too little data); scores will come from the expert scorecard[/]"
        )


def latest_scores_date(paths: DemoPaths) -> dt.date:
    from labormap.risk.scoring import list_snapshots

    return list_snapshots(paths.warehouse)[-1]


def write_reports(paths: DemoPaths) -> None:
    paths.reports.mkdir(parents=True, exist_ok=True)
    d = latest_scores_date(paths).isoformat()
    cli(
        "report", "daily", "--warehouse", paths.warehouse, "--as-of", d, "--out", paths.reports / "daily.docx"
    )
    cli(
        "report", "daily", "--warehouse", paths.warehouse, "--as-of", d, "--out", paths.reports / "daily.xlsx"
    )


def truth_args(paths: DemoPaths) -> list[str | Path]:
    """``--truth`` for the backtest when the simulated world kept its truth (the oracle's ceiling)."""
    truth = paths.world / "truth"
    return ["--truth", truth] if (truth / "employer_months").exists() else []


def analytics_demo(paths: DemoPaths) -> None:
    """This month's forecast (stored, checked later) and the ten-year retrospective in three languages."""
    paths.reports.mkdir(parents=True, exist_ok=True)
    cli("forecast", "--warehouse", paths.warehouse, "--json", paths.reports / "forecast.json")
    for lang in ("ru", "kk", "en"):
        extra: list[str | Path] = ["--json", paths.reports / "retrospective.json"] if lang == "ru" else []
        cli(
            "analytics",
            "retrospective",
            "--warehouse",
            paths.warehouse,
            "--out",
            paths.reports / f"retrospective-{lang}.docx",
            "--lang",
            lang,
            *extra,
        )
    cli(
        "analytics",
        "retrospective",
        "--warehouse",
        paths.warehouse,
        "--out",
        paths.reports / "retrospective.html",
    )


def publish_web(paths: DemoPaths) -> None:
    from labormap.web import ops

    ops.publish(paths.warehouse)


def configure_web(paths: DemoPaths) -> None:
    from labormap.web import ops

    os.environ.setdefault("LABORMAP_WAREHOUSE", str(paths.warehouse))
    ops.configure(data_dir=paths.app_data, geojson=SHARED_GEOJSON.resolve())


def daily_demo(paths: DemoPaths, console: Console) -> None:
    """A new drop lands in the inbox and the daily cycle carries it to the map.

    The drop holds what a real night brings: the next day's contribution payment (so the data date moves
    on) and a conflict just registered at the highest-risk employer. ``labormap daily`` ingests it,
    rescores, publishes (alerts) and writes the note; the run shows on the operations page.
    """
    import duckdb
    import pyarrow.parquet as pq

    inbox = paths.root / "inbox"
    con = duckdb.connect()
    try:
        pay = con.sql(
            "SELECT * FROM read_parquet($p) ORDER BY paid_on DESC LIMIT 1",
            params={"p": str(paths.drop / "payments" / "**" / "*.parquet")},
        ).to_arrow_table()
        top = con.execute(
            "SELECT employer_bin FROM read_parquet(?) ORDER BY as_of DESC, probability DESC LIMIT 1",
            [str(paths.warehouse / "derived" / "scores" / "*" / "scores.parquet")],
        ).fetchone()
    finally:
        con.close()
    if pay.num_rows == 0 or top is None:
        console.print("[yellow]no payments or scores to build a daily drop from; skipped[/]")
        return
    day = pay.column("paid_on")[0].as_py() + dt.timedelta(days=1)
    drop = inbox / f"{day.isoformat()}-nightly"
    drop.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        pay.set_column(pay.schema.get_field_index("paid_on"), "paid_on", pa_dates([day])),
        drop / "payments.parquet",
    )
    conflict = {
        "conflict_id": [f"DEMO-{day:%Y%m%d}-1"],
        "employer_bin": [top[0]],
        "started_on": [day],
        "ended_on": [None],
        "kind": ["collective_appeal"],
        "causes": ["wage_arrears"],
        "participants": [40],
        "participant_group": ["own_staff"],
        "demands": ["Погасить задолженность по заработной плате"],
        "outcome": ["ongoing"],
        "registered_on": [day],
    }
    import pyarrow as pa

    pq.write_table(pa.table(conflict), drop / "conflicts.parquet")
    cli("daily", "--warehouse", paths.warehouse, "--inbox", inbox, "--json", paths.root / "daily.json")
    summary = json.loads((paths.root / "daily.json").read_text(encoding="utf-8"))
    console.print(
        f"daily run {summary.get('run_id')}: data as of {summary.get('as_of')}, "
        f"{summary.get('published')} employers published, {summary.get('alerts')} new alert(s); "
        "see /operations/ as ministry"
    )


def pa_dates(values: list[dt.date]) -> Any:
    import pyarrow as pa

    return pa.array(values, pa.date32())


def layoffs_demo(paths: DemoPaths, console: Console) -> None:
    """Contractor chains: the holding and akimat-47 see coming endings; a wage-raise plan; the Справка."""
    cli("layoffs", "expected", "--warehouse", paths.warehouse, "--json", paths.root / "layoffs-expected.json")
    cli("layoffs", "note", "--warehouse", paths.warehouse, "--out", paths.reports / "spravka-layoffs-ru.docx")
    from labormap.web.layoffs.demo import run_demo

    for row in run_demo(paths.reports):
        console.print(row)


def demo_accounts() -> list[dict[str, str]]:
    from labormap.web import ops

    return ops.create_demo_accounts()


def agreements_demo(paths: DemoPaths, console: Console) -> None:
    """Pay against agreements: the semi-annual note for the country (ru, kk, en; DOCX and XLSX), the
    findings as JSON, and what the union demo account sees among its employers."""
    from labormap.agreements.common import connect, latest_halves

    con = connect(paths.warehouse)
    half = latest_halves(con)[-1].code
    con.close()
    paths.reports.mkdir(parents=True, exist_ok=True)
    cli(
        "agreements", "compliance", "--warehouse", paths.warehouse, "--half", half,
        "--json", paths.root / "agreements-compliance.json", "--out", paths.reports / f"agreements-{half}.xlsx",
    )  # fmt: skip
    for lang in ("ru", "kk", "en"):
        for fmt in ("docx", "xlsx"):
            out = paths.reports / f"agreements-note-{half}-{lang}.{fmt}"
            args = ("--warehouse", paths.warehouse, "--half", half, "--lang", lang, "--out", out)
            cli("agreements", "note", *args)
    from labormap.web.agreements.demo import union_view

    for line in union_view():
        console.print(line)


def unions_demo(paths: DemoPaths, console: Console) -> None:
    """Issue 14: a union drafts a collective agreement, both parties accept, it is registered."""
    from labormap.web.unions.demo import run

    for line in run():
        console.print(line)


def control_demo(paths: DemoPaths, console: Console) -> None:
    """Monthly control: the month's findings (JSON, XLSX summary), letters, replies, self-correction."""
    from labormap.control.monthly import shift_month
    from labormap.warehouse import Warehouse

    con = Warehouse(paths.warehouse).connect(memory_limit="2GB")
    row = con.execute("SELECT max(paid_on) FROM payments").fetchone()
    con.close()
    # the simulated world plants its discipline problems four months before the extract's month
    month = shift_month(f"{row[0]:%Y-%m}", -4) if row and row[0] else "2025-08"
    paths.reports.mkdir(parents=True, exist_ok=True)
    cli(
        "control", "monthly", "--warehouse", paths.warehouse, "--month", month,
        "--json", paths.root / f"control-{month}.json", "--out", paths.reports / f"control-{month}-ru.xlsx",
    )  # fmt: skip
    from labormap.web.control.demo import run_demo

    for line in run_demo(paths.warehouse, paths.reports):
        console.print(line)


def reconcile_demo(paths: DemoPaths, console: Console) -> None:
    """Quarterly «Акт сверки»: the country's act by the CLI; inspector-47 produces and downloads its region's."""
    from labormap.reconcile.engine import load_records
    from labormap.warehouse import Warehouse
    from labormap.web.reconcile.services import latest_quarter

    q = latest_quarter(load_records(Warehouse(paths.warehouse)))
    paths.reports.mkdir(parents=True, exist_ok=True)
    cli(
        "reconcile", "--warehouse", paths.warehouse, "--quarter", str(q),
        "--json", paths.root / f"reconcile-{q}.json", "--out", paths.reports / f"akt-sverki-RK-{q}-ru.docx",
    )  # fmt: skip
    from labormap.web.reconcile.demo import run_demo

    for line in run_demo(paths.warehouse, paths.reports):
        console.print(line)


def voice_demo(paths: DemoPaths, console: Console) -> None:
    """Worker voice: poster, answers until the index shows at ten, an appeal routed and answered."""
    from labormap.web.voice.demo import run_demo

    for line in run_demo(paths.warehouse, paths.reports):
        console.print(line)


def case_conflicts_demo(paths: DemoPaths, console: Console) -> None:
    """A strike recorded in a case reaches the conflicts registry through an ingest drop (issue 10)."""
    from labormap.web.cases.demo import run_demo

    for line in run_demo(paths.warehouse):
        console.print(line)


def renames_demo(paths: DemoPaths, console: Console) -> None:
    """A few employers are renamed (issue 18); the press keeps their old names and media linking finds them."""
    from labormap.media.renames import rename_some

    for bin_, old, new in rename_some(paths.warehouse):
        console.print(f"renamed {bin_}: {old} → {new}")
