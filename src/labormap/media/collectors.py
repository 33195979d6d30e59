"""Collectors: one function per source kind, each returning publications as ``media_items`` rows.

A row is ``{"id", "published_at", "source", "url", "title", "text", "lang", "source_kind"}``; ids are
prefixed with the source name so they stay unique across sources.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from labormap.media.fetch import Fetcher, FetchError
from labormap.media.sources import Source
from labormap.media.text import normalise

Item = dict[str, Any]


def _item_id(source: Source, raw_id: object) -> str:
    s = str(raw_id).strip()
    if not s or len(s) > 80:
        s = hashlib.sha1(s.encode(), usedforsecurity=False).hexdigest()[:20]
    return f"{source.name}:{s}"


def _row(
    source: Source,
    raw_id: object,
    published: datetime | str | None,
    url: str | None,
    title: str | None,
    text: str | None,
    now: datetime,
) -> Item | None:
    body = normalise(text)
    if not body:
        return None
    when = published if published else now
    return {
        "id": _item_id(source, raw_id),
        "published_at": when.isoformat(timespec="seconds") if isinstance(when, datetime) else str(when),
        "source": source.name,
        "url": url or None,
        "title": normalise(title) or None,
        "text": body,
        "lang": source.lang,
        "source_kind": source.source_kind,
    }


def _struct_time(t: Any) -> datetime | None:
    if not t:
        return None
    return datetime.fromtimestamp(calendar.timegm(t), tz=UTC).replace(tzinfo=None)


def extract_page(html: bytes | str) -> tuple[str | None, str | None, str | None]:
    """Title, publication date (ISO) and main text of an article page (trafilatura, offline)."""
    import trafilatura

    doc = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html
    text = trafilatura.extract(doc, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(doc)
    title = getattr(meta, "title", None) if meta else None
    date = getattr(meta, "date", None) if meta else None
    return title, date, text


def collect_feed(source: Source, fetcher: Fetcher, now: datetime) -> list[Item]:
    """RSS or Atom (feedparser); with ``fetch_pages`` each article page is fetched for its main text."""
    import feedparser

    assert source.url or source.path
    raw = fetcher.fetch(str(source.path or source.url))
    feed = feedparser.parse(raw)
    if feed.bozo and not feed.entries:
        raise FetchError(f"{source.location}: not a feed ({feed.bozo_exception})")
    out: list[Item] = []
    for e in feed.entries:
        link = e.get("link")
        text = ""
        if e.get("content"):
            text = e["content"][0].get("value", "")
        text = text or e.get("summary", "")
        if source.fetch_pages and link:
            try:
                _t, _d, page_text = extract_page(fetcher.fetch(link))
                text = page_text or text
            except FetchError:
                pass  # keep the feed's summary: a missing page must not lose the publication
        published = _struct_time(e.get("published_parsed") or e.get("updated_parsed"))
        row = _row(source, e.get("id") or link or e.get("title"), published, link, e.get("title"), text, now)
        if row:
            out.append(row)
    return out


def collect_pages(source: Source, fetcher: Fetcher, now: datetime) -> list[Item]:
    """Article pages: main text, title and date extracted with trafilatura."""
    out: list[Item] = []
    for url in source.urls or ((source.url,) if source.url else (str(source.path),)):
        assert url
        title, date, text = extract_page(fetcher.fetch(url))
        remote = "://" in url and not url.startswith("file:")
        row = _row(source, url if remote else Path(url).name, date, url if remote else None, title, text, now)
        if row:
            out.append(row)
    return out


def _telegram_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(v if isinstance(v, str) else str(v.get("text", "")) for v in value)
    return ""


def collect_telegram(source: Source, fetcher: Fetcher, now: datetime) -> list[Item]:
    """A Telegram Desktop channel export (``result.json``): one publication per text message."""
    data = json.loads(fetcher.fetch(str(source.path or source.url)).decode("utf-8-sig"))
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise FetchError(f"{source.location}: not a Telegram export (no 'messages' list)")
    channel = source.channel or data.get("username")
    out: list[Item] = []
    for m in data["messages"]:
        if not isinstance(m, dict) or m.get("type", "message") != "message":
            continue
        text = _telegram_text(m.get("text"))
        mid = m.get("id")
        when: datetime | str | None = None
        if m.get("date_unixtime"):
            when = datetime.fromtimestamp(int(m["date_unixtime"]), tz=UTC).replace(tzinfo=None)
        elif m.get("date"):
            when = str(m["date"])
        url = f"https://t.me/{channel}/{mid}" if channel and mid is not None else None
        row = _row(source, mid, when, url, None, text, now)
        if row:
            out.append(row)
    return out


def _records(source: Source, fetcher: Fetcher) -> Iterable[dict[str, Any]]:
    raw = fetcher.fetch(str(source.path or source.url)).decode("utf-8-sig")
    if source.kind == "jsonl":
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise FetchError(f"{source.location}: line {n} is not JSON ({e.msg})") from e
                if isinstance(obj, dict):
                    yield obj
        return
    sample = raw[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    yield from csv.DictReader(io.StringIO(raw), dialect=dialect)


def collect_file(source: Source, fetcher: Fetcher, now: datetime) -> list[Item]:
    """JSON Lines or CSV with columns ``id, published_at, title, text`` (and optionally ``url, lang``)."""
    out: list[Item] = []
    for rec in _records(source, fetcher):
        rec = {str(k).strip().lower(): v for k, v in rec.items() if k}
        row = _row(
            source,
            rec.get("id") or rec.get("url") or rec.get("title"),
            rec.get("published_at"),
            rec.get("url"),
            rec.get("title"),
            rec.get("text"),
            now,
        )
        if row:
            if rec.get("lang") in ("ru", "kk", "other"):
                row["lang"] = rec["lang"]
            out.append(row)
    return out


COLLECTORS: dict[str, Callable[[Source, Fetcher, datetime], list[Item]]] = {
    "rss": collect_feed,
    "atom": collect_feed,
    "page": collect_pages,
    "telegram_json": collect_telegram,
    "jsonl": collect_file,
    "csv": collect_file,
}


def collect(source: Source, fetcher: Fetcher, now: datetime | None = None) -> list[Item]:
    return COLLECTORS[source.kind](source, fetcher, now or datetime.now(UTC).replace(tzinfo=None))
