"""The sources config (YAML) and the poll schedule.

```yaml
user_agent: "LaborMap-media-monitor/0.1 (ministry of labour, +7 7172 00 00 00)"
timeout_seconds: 20
retries: 3
politeness_seconds: 2
sources:
  - name: dala_news            # unique; prefixes the ids of its publications
    kind: rss                  # rss | atom | page | telegram_json | jsonl | csv
    url: https://example.kz/rss.xml      # or path: for files (relative to the config file)
    lang: ru                   # language hint: ru | kk | other (the pipeline detects it anyway)
    source_kind: news          # news | telegram | social | other
    poll_minutes: 30
    fetch_pages: false         # rss/atom: also fetch each article page for its main text
```
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from labormap.media.fetch import DEFAULT_USER_AGENT

KINDS = ("rss", "atom", "page", "telegram_json", "jsonl", "csv")
LANGS = ("ru", "kk", "other")
SOURCE_KINDS = ("news", "telegram", "social", "other")
# Every key the config may hold. A misspelt key (``poll_minute``) is an error, as in simulator scenarios:
# silently ignoring it would poll on the default schedule without anyone noticing.
CONFIG_KEYS = ("user_agent", "timeout_seconds", "retries", "politeness_seconds", "sources")
SOURCE_KEYS = (
    "name",
    "kind",
    "url",
    "path",
    "urls",
    "lang",
    "source_kind",
    "poll_minutes",
    "fetch_pages",
    "channel",
)


class ConfigError(ValueError):
    pass


def _reject_unknown(raw: dict[Any, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in raw:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), allowed, n=2)
            hint = f"; did you mean {', '.join(near)}?" if near else f"; allowed: {', '.join(allowed)}"
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    url: str | None = None
    path: Path | None = None
    urls: tuple[str, ...] = ()  # kind page: several article addresses
    lang: str | None = None
    source_kind: str = "news"
    poll_minutes: float = 60.0
    fetch_pages: bool = False
    channel: str | None = None  # telegram_json: public username, for t.me links

    @property
    def location(self) -> str:
        return str(self.path) if self.path else (self.url or ", ".join(self.urls))


@dataclass(frozen=True)
class Config:
    sources: tuple[Source, ...]
    user_agent: str = DEFAULT_USER_AGENT
    timeout_seconds: float = 20.0
    retries: int = 3
    politeness_seconds: float = 2.0
    extra: dict[str, Any] = field(default_factory=dict)


def _source(raw: Any, base: Path, n: int) -> Source:
    if not isinstance(raw, dict):
        raise ConfigError(f"sources[{n}]: expected a mapping, got {type(raw).__name__}")
    name = str(raw.get("name") or "").strip()
    if not name:
        raise ConfigError(f"sources[{n}]: a name is required")
    _reject_unknown(raw, SOURCE_KEYS, f"source {name}")
    kind = str(raw.get("kind") or "").strip()
    if kind not in KINDS:
        raise ConfigError(f"source {name}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    url, path = raw.get("url"), raw.get("path")
    urls = tuple(str(u) for u in raw.get("urls") or ())
    if not (url or path or urls):
        raise ConfigError(f"source {name}: give url, urls or path")
    lang = raw.get("lang")
    if lang is not None and lang not in LANGS:
        raise ConfigError(f"source {name}: lang must be one of {', '.join(LANGS)}")
    skind = raw.get("source_kind") or ("telegram" if kind == "telegram_json" else "news")
    if skind not in SOURCE_KINDS:
        raise ConfigError(f"source {name}: source_kind must be one of {', '.join(SOURCE_KINDS)}")
    try:
        poll = float(raw.get("poll_minutes", 60))
    except (TypeError, ValueError) as e:
        raise ConfigError(f"source {name}: poll_minutes must be a number") from e
    p = Path(path) if path else None
    if p is not None and not p.is_absolute():
        p = (base / p).resolve()
    return Source(
        name,
        kind,
        str(url) if url else None,
        p,
        urls,
        lang,
        skind,
        poll,
        bool(raw.get("fetch_pages")),
        raw.get("channel"),
    )


def load_config(path: str | Path) -> Config:
    """Read and check a sources config; a mistake raises :class:`ConfigError` naming the source."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ConfigError(f"{path}: expected a mapping with a list under 'sources'")
    _reject_unknown(data, CONFIG_KEYS, str(path))
    sources = tuple(_source(s, path.parent, n) for n, s in enumerate(data["sources"]))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{path}: duplicate source names: {', '.join(dupes)}")
    return Config(
        sources,
        str(data.get("user_agent") or DEFAULT_USER_AGENT),
        float(data.get("timeout_seconds", 20)),
        int(data.get("retries", 3)),
        float(data.get("politeness_seconds", 2)),
    )


class PollState:
    """When each source was last polled (a small JSON file), to honour ``poll_minutes``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.last: dict[str, str] = {}
        if path.exists():
            self.last = json.loads(path.read_text(encoding="utf-8")).get("last_polled", {})

    def due(self, source: Source, now: datetime) -> bool:
        at = self.last.get(source.name)
        return at is None or now - datetime.fromisoformat(at) >= timedelta(minutes=source.poll_minutes)

    def mark(self, source: Source, now: datetime) -> None:
        self.last[source.name] = now.isoformat(timespec="seconds")

    def save(self) -> None:
        from labormap.warehouse.store import atomic_write_text

        atomic_write_text(self.path, json.dumps({"last_polled": self.last}, indent=1))
