"""The connector interface and how a pull lands in the warehouse.

A connector yields pages of rows (dicts keyed by registry column) changed since a cursor and says what
the next cursor is. :func:`pull_into` pulls every page first, then writes them as an ordinary drop
folder (``<registry>.jsonl``) and ingests it; only after the ingest run is committed is the cursor
saved. So a broken page or a failed ingest leaves both the warehouse and the cursor as they were, and
the next pull starts again from the same point (ingest drops exact duplicates, so a repeated row is harmless).
"""

from __future__ import annotations

import abc
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labormap.warehouse import Warehouse
from labormap.warehouse.store import atomic_write_text


class ConnectorError(RuntimeError):
    """A pull failed; the message names the connector, the page and the reason."""


@dataclass
class Page:
    number: int
    url: str
    rows: list[dict[str, Any]]


class Connector(abc.ABC):
    """Pulls one registry from another system."""

    name: str
    registry: str

    @abc.abstractmethod
    def pages(self, since: str | None) -> Iterator[Page]:
        """Pages of rows changed since ``since`` (None: from the configured beginning)."""

    @abc.abstractmethod
    def next_cursor(self, rows: list[dict[str, Any]], since: str | None) -> str | None:
        """The cursor to start from next time, given every row of this pull."""

    def initial_cursor(self) -> str | None:
        return None


@dataclass
class PullResult:
    name: str
    registry: str
    pages: int
    rows: int
    since: str | None
    cursor: str | None
    run_id: str | None
    drop: str | None
    ingest: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["ingest"] = {k: v for k, v in self.ingest.items() if k in ("run_id", "registries")}
        return d


def state_dir(wh: Warehouse) -> Path:
    return wh.root / "_connectors"


def load_cursor(wh: Warehouse, name: str) -> str | None:
    p = state_dir(wh) / f"{name}.json"
    if not p.exists():
        return None
    value = json.loads(p.read_text(encoding="utf-8")).get("cursor")
    return None if value is None else str(value)


def save_cursor(wh: Warehouse, name: str, cursor: str | None, run_id: str | None) -> None:
    state_dir(wh).mkdir(parents=True, exist_ok=True)
    atomic_write_text(
        state_dir(wh) / f"{name}.json",
        json.dumps({"cursor": cursor, "run_id": run_id, "at": dt.datetime.now(dt.UTC).isoformat()}),
    )


def _json_value(v: Any) -> Any:
    return v if v is None or isinstance(v, str | int | float | bool) else str(v)


def pull_into(connector: Connector, wh: Warehouse, *, keep_drop: bool = False) -> PullResult:
    """Pull everything new, land it as a drop, ingest it, then move the cursor on."""
    from labormap.ingest import ingest_drop

    since = load_cursor(wh, connector.name) or connector.initial_cursor()
    rows: list[dict[str, Any]] = []
    n = 0
    for page in connector.pages(since):
        rows.extend(page.rows)
        n += 1
    cursor = connector.next_cursor(rows, since)
    if not rows:
        save_cursor(wh, connector.name, cursor, None)
        return PullResult(connector.name, connector.registry, n, 0, since, cursor, None, None)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    drop = wh.root / "_drops" / f"{connector.name}-{stamp}"
    drop.mkdir(parents=True)
    with (drop / f"{connector.registry}.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: _json_value(v) for k, v in r.items()}, ensure_ascii=False) + "\n")
    report = ingest_drop(drop, wh)
    run_id = report.get("run_id")
    save_cursor(wh, connector.name, cursor, run_id)
    if not keep_drop:
        shutil.rmtree(drop, ignore_errors=True)
    return PullResult(
        connector.name,
        connector.registry,
        n,
        len(rows),
        since,
        cursor,
        run_id,
        None if not keep_drop else str(drop),
        report,
    )
