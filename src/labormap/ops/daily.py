"""``labormap daily``: one cycle from new registry drops to the published map, alerts and the daily note.

Stages, in order (each recorded with its status, duration, row counts and error):

1. ``ingest``  — every new drop folder in the inbox, in name order, through the normal ingest; the drop
   moves to ``INBOX/done/`` with its report, or to ``INBOX/failed/`` with the reason.
2. ``media``   — collect the configured sources (``--media-config``) and turn new items into signals.
3. ``score``   — score every employer as of D (default: the latest data date) and publish the snapshot.
4. ``publish`` — load the new snapshot into the app (the environment of ``labormap serve``); this computes
   the alerts and sends their e-mails.
5. ``note``    — write the daily note for D and e-mail it to its subscribers.

*Idempotent*: with no new drop and D already carried through every stage by an earlier run, the cycle
changes nothing and says so. *Locked*: a second run while one is going exits with code 3. *Resumable*: a run
that failed (or was killed) is resumed at its failed stage by the next invocation; a failed stage never
removes the last published snapshot (scoring and publishing are atomic).

Stages other than ingest run as child processes of the same ``labormap`` command line: a crash or a memory
blow-up in one stage cannot take the runner down, and the web stages run with the web app's environment
while this engine module never imports Django.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labormap.ops import state
from labormap.warehouse import Warehouse
from labormap.warehouse import datasets as ds

STAGES = ("ingest", "media", "score", "publish", "note")
LOCKED_EXIT = 3


class StageFailed(RuntimeError):
    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage


@dataclass
class Options:
    warehouse: Path
    inbox: Path
    as_of: dt.date | None = None
    media_config: Path | None = None
    publish: bool = True
    note: bool = True
    # the command line the child stages run; tests point it at a fake
    command: tuple[str, ...] = (sys.executable, "-m", "labormap")


def new_drops(inbox: Path) -> list[Path]:
    """Drop folders waiting in the inbox, in name order (``done``, ``failed`` and hidden ones excluded)."""
    if not inbox.exists():
        return []
    return sorted(
        p
        for p in inbox.iterdir()
        if p.is_dir()
        and not p.is_symlink()
        and p.name not in {"done", "failed"}
        and not p.name.startswith(".")
    )


def _move(src: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / src.name
    if dest.exists():  # the same name delivered twice: keep both
        dest = folder / f"{src.name}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}"
    shutil.move(str(src), dest)
    return dest


def _child(opts: Options, *args: str | Path) -> subprocess.CompletedProcess[str]:
    cmd = [*opts.command, *(str(a) for a in args)]
    return subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy(), check=False)  # noqa: S603


def _run_child(opts: Options, stage: str, *args: str | Path) -> str:
    res = _child(opts, *args)
    if res.returncode != 0:
        tail = (res.stderr or res.stdout).strip().splitlines()[-3:]
        raise StageFailed(stage, " / ".join(tail) or f"exit code {res.returncode}")
    return res.stdout


def _data_end(wh: Warehouse) -> dt.date:
    from labormap.risk.labels import data_end

    return data_end(wh)


class Cycle:
    def __init__(self, opts: Options, say: Callable[[str], None] | None = None) -> None:
        self.opts = opts
        self.wh = Warehouse(opts.warehouse)
        self.say = say or (lambda _m: None)

    # --- stages -------------------------------------------------------------------------------------
    def ingest(self, run: dict[str, Any]) -> dict[str, Any]:
        from labormap.ingest import ingest_drop

        rows = 0
        for drop in new_drops(self.opts.inbox):
            self.say(f"ingest {drop.name}")
            entry: dict[str, Any] = {"name": drop.name}
            try:
                report = ingest_drop(drop, self.wh)
            except Exception as e:  # noqa: BLE001 — any failure of one drop moves it aside and the cycle goes on
                (drop / "FAILED.txt").write_text(f"{type(e).__name__}: {e}\n", encoding="utf-8")
                dest = _move(drop, self.opts.inbox / "failed")
                entry.update(status="failed", reason=f"{type(e).__name__}: {e}", moved_to=str(dest))
            else:
                (drop / "ingest-report.json").write_text(
                    json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
                )
                loaded = int(sum((r.get("loaded") or 0) for r in report.get("registries", {}).values()))
                quarantined = int(
                    sum((r.get("quarantined") or 0) for r in report.get("registries", {}).values())
                )
                dest = _move(drop, self.opts.inbox / "done")
                rows += loaded
                entry.update(status="done", loaded=loaded, quarantined=quarantined, moved_to=str(dest))
            run["drops"].append(entry)
            state.save_run(self.wh, run)
        return {"rows": rows, "drops": len(run["drops"])}

    def media(self, run: dict[str, Any]) -> dict[str, Any]:
        if self.opts.media_config is not None:
            _run_child(
                self.opts,
                "media",
                "media",
                "run",
                "--config",
                self.opts.media_config,
                "--warehouse",
                self.wh.root,
            )
        since = (self.as_of(run) - dt.timedelta(days=62)).isoformat()
        out = _run_child(
            self.opts, "media", "media", "process", "--warehouse", self.wh.root, "--since", since
        )
        return {"output": out.strip().splitlines()[-1:] if out.strip() else []}

    def score(self, run: dict[str, Any]) -> dict[str, Any]:
        d = self.as_of(run)
        _run_child(self.opts, "score", "score", "--warehouse", self.wh.root, "--as-of", d.isoformat())
        meta = ds.snapshot_meta(self.wh, d)
        return {"rows": int(sum(meta.get("counts", {}).values())), "method": meta.get("method")}

    def publish(self, run: dict[str, Any]) -> dict[str, Any]:
        out = state.ops_dir(self.wh) / f"publish-{run['run_id']}.json"
        _run_child(self.opts, "publish", "web", "publish", "--warehouse", self.wh.root, "--json", out)
        summary: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        out.unlink(missing_ok=True)
        # alerts nobody acknowledged in time escalate (labormap.alertflow's rule; once per alert)
        esc = _run_child(self.opts, "publish", "web", "escalate-alerts")
        return {
            "escalated": next((int(w) for w in esc.split() if w.isdigit()), 0),
            "rows": summary.get("employers", 0),
            "alerts": summary.get("alerts", 0),
            "emails": summary.get("emails", 0),
            "snapshot": summary.get("latest"),
        }

    def note(self, run: dict[str, Any]) -> dict[str, Any]:
        d = self.as_of(run)
        folder = state.ops_dir(self.wh) / "notes"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"daily-{d.isoformat()}.docx"
        _run_child(
            self.opts,
            "note",
            "report",
            "daily",
            "--warehouse",
            self.wh.root,
            "--as-of",
            d.isoformat(),
            "--out",
            path,
        )
        sent = 0
        if self.opts.publish:
            out = _run_child(self.opts, "note", "web", "send-note", "--file", path, "--as-of", d.isoformat())
            digits = [int(w) for w in out.split() if w.isdigit()]
            sent = digits[0] if digits else 0
        return {"file": str(path), "emails": sent}

    # --- the run ------------------------------------------------------------------------------------
    def as_of(self, run: dict[str, Any]) -> dt.date:
        if run.get("as_of") is None:
            run["as_of"] = (self.opts.as_of or _data_end(self.wh)).isoformat()
        return dt.date.fromisoformat(run["as_of"])

    def last_complete(self) -> dict[str, Any] | None:
        return next((r for r in state.load_runs(self.wh) if r.get("status") == "done"), None)

    def execute(self) -> dict[str, Any]:
        with state.lock(self.wh):
            resumed = state.current(self.wh)
            drops = new_drops(self.opts.inbox)
            if resumed is None and not drops:
                last = self.last_complete()
                d = (self.opts.as_of or _data_end(self.wh)).isoformat() if self.wh.exists() else None
                if last is not None and last.get("as_of") == d and not self.opts.media_config:
                    return {
                        "drops": [],
                        "as_of": d,
                        "scored": 0,
                        "published": 0,
                        "alerts": 0,
                        "changed": False,
                        "message": f"nothing new since run {last['run_id']} (data as of {d}); nothing changed",
                    }
            if resumed is not None:
                run = resumed
                run["resumed_at"] = state.now()
                self.say(f"resuming run {run['run_id']} at {run.get('failed_stage')}")
            else:
                run = {
                    "run_id": f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:4]}",
                    "started_at": state.now(),
                    "status": "running",
                    "as_of": None,
                    "drops": [],
                    "stages": {s: {"status": "pending"} for s in STAGES},
                }
            state.set_current(self.wh, run["run_id"])
            run["status"] = "running"
            state.save_run(self.wh, run)
            for name in STAGES:
                st = run["stages"][name]
                if st["status"] in ("done", "skipped"):
                    continue
                if (name in ("publish",) and not self.opts.publish) or (
                    name == "note" and not self.opts.note
                ):
                    st.update(status="skipped")
                    continue
                if name != "ingest" and not self.wh.exists():
                    raise StageFailed(
                        name, f"{self.wh.root} is not a warehouse yet: drop registries into the inbox"
                    )
                self.say(name)
                st.update(status="running", started_at=state.now())
                state.save_run(self.wh, run)
                t0 = time.perf_counter()
                try:
                    info = getattr(self, name)(run)
                except Exception as e:
                    st.update(status="failed", seconds=round(time.perf_counter() - t0, 2), error=str(e))
                    run.update(status="failed", failed_stage=name)
                    state.save_run(self.wh, run)
                    if self.opts.publish:
                        # tell the administrators; a mail failure must not hide the stage's own error
                        _child(self.opts, "web", "notify-failure", "--warehouse", self.wh.root)
                    raise StageFailed(name, str(e)) from e
                st.update(status="done", seconds=round(time.perf_counter() - t0, 2), **info)
                state.save_run(self.wh, run)
            run.update(status="done", ended_at=state.now(), failed_stage=None)
            state.save_run(self.wh, run)
            state.set_current(self.wh, None)
            return summary(run)


def summary(run: dict[str, Any]) -> dict[str, Any]:
    """The JSON contract: ``{"drops": [...], "as_of", "scored", "published", "alerts"}`` (+ run details)."""
    s = run["stages"]
    return {
        "drops": run["drops"],
        "as_of": run.get("as_of"),
        "scored": s["score"].get("rows", 0),
        "published": s["publish"].get("rows", 0),
        "alerts": s["publish"].get("alerts", 0),
        "changed": True,
        "run_id": run["run_id"],
        "status": run["status"],
        "stages": {
            k: {kk: v for kk, v in st.items() if kk in ("status", "seconds", "rows", "error")}
            for k, st in s.items()
        },
    }
