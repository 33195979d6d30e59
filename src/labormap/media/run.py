"""``labormap media run``: poll the due sources, ingest what they hold, publish the signals.

Collected publications are written as a ``media_items.jsonl`` drop and go through the ordinary
``ingest_drop`` (so the contract's checks, quarantine and duplicate rules apply: re-collecting a feed
adds nothing). Then every month that received publications is recomputed into ``media_signals``.
A source that fails is reported and retried at its next poll; the others go on.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from labormap.media.collectors import collect
from labormap.media.fetch import Fetcher, FetchError, HttpFetcher
from labormap.media.signals import process_warehouse
from labormap.media.sources import Config, PollState, load_config
from labormap.warehouse import Warehouse

STATE_FILE = "media_state.json"


def fetcher_for(config: Config) -> HttpFetcher:
    return HttpFetcher(
        user_agent=config.user_agent,
        timeout=config.timeout_seconds,
        retries=config.retries,
        politeness=config.politeness_seconds,
    )


def run_sources(
    config_path: str | Path,
    wh: Warehouse,
    *,
    state_path: Path | None = None,
    force: bool = False,
    fetcher: Fetcher | None = None,
    now: datetime | None = None,
    echo: Callable[[str], Any] = print,
) -> dict[str, Any]:
    """Collect due sources into ``wh`` and publish their signals; returns a report."""
    from labormap.ingest import ingest_drop

    config = load_config(config_path)
    now = now or datetime.now(UTC).replace(tzinfo=None)
    state = PollState(state_path or wh.root / STATE_FILE)
    fetch = fetcher or fetcher_for(config)
    report: dict[str, Any] = {"sources": {}, "collected": 0}
    items: list[dict[str, Any]] = []
    polled = []
    for src in config.sources:
        if not force and not state.due(src, now):
            report["sources"][src.name] = {"status": "not_due"}
            continue
        try:
            got = collect(src, fetch, now)
        except (FetchError, OSError, ValueError) as e:
            report["sources"][src.name] = {"status": "error", "error": str(e)}
            echo(f"source {src.name}: {e}")
            continue
        items += got
        polled.append(src)
        report["sources"][src.name] = {"status": "ok", "items": len(got)}
    report["collected"] = len(items)
    if items:
        wh.root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=wh.root, prefix=".media-drop-") as tmp:
            with open(Path(tmp) / "media_items.jsonl", "w", encoding="utf-8") as f:
                for it in items:
                    f.write(json.dumps(it, ensure_ascii=False) + "\n")
            ing = ingest_drop(Path(tmp), wh)
        report["ingest"] = ing.get("registries", {}).get("media_items", {})
        months = sorted({str(it["published_at"])[:7] for it in items if it.get("published_at")})
        report["months"] = process_warehouse(wh, months=months)
    for src in polled:
        state.mark(src, now)
    state.save()
    return report
